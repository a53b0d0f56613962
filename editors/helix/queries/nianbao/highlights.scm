; Helix highlights for nianbao, adapted from grammar/queries/highlights.scm (Helix scope names:
; constant.numeric instead of number, markup.heading.marker for the '#' marker …).
; Checked by grammar/tests/helix_queries.rs: compiles against the grammar, uses Helix scopes only.

; Headings
(title) @markup.heading.1
(section_heading) @markup.heading.2
(subsection_heading) @markup.heading.3
(heading) @markup.heading.4
(heading_marker) @markup.heading.marker
(section_number) @markup.list.numbered
(subsection_number) @markup.list.numbered
(item_number) @markup.list.numbered

; Signature
(signature signer: (line_text) @string.special)

; Inline nodes
(number) @constant.numeric
(unit) @type
(year) @constant.numeric
(date) @string.special
(doc_number) @constant
(clause_ref) @label
(book_title) @markup.italic

; Tables: a row is one node; Helix does not colour its cells (no semantic tokens).
(pipe_rule) @punctuation.delimiter

; Comments
(comment) @comment
(suppression) @comment
(suppression directive: (directive) @keyword.directive)
(suppression code: (rule_code) @constant.builtin)
