; Helix highlights of the inline grammar (grammar/inline/), injected into the report's prose,
; headings and tables by ../nianbao/injections.scm; adapted from
; grammar/inline/queries/highlights.scm with Helix's scope names.
; Checked by grammar/tests/helix_queries.rs.
(number) @constant.numeric
(unit) @type
(year) @constant.numeric
(date) @string.special
(doc_number) @constant
(clause_ref) @label
(book_title) @markup.italic
