; Highlights of the inline grammar (injected into the report's prose, headings and tables by
; ../../queries/injections.scm).
(number) @number
(unit) @type
(year) @number
(date) @string.special
(doc_number) @constant
(clause_ref) @label
(book_title) @markup.italic
