; Headings
(title) @markup.heading.1
(section_heading) @markup.heading.2
(subsection_heading) @markup.heading.3
(heading) @markup.heading
(heading_marker) @punctuation.special
(section_number) @markup.list
(subsection_number) @markup.list
(item_number) @markup.list

; Signature
(signature signer: (line_text) @string.special)

; Inline nodes
(number) @number
(unit) @type
(year) @number
(date) @string.special
(doc_number) @constant
(clause_ref) @label
(book_title) @markup.italic

; Tables: a row is one node (its cells are coloured by the language server's semantic tokens).
(pipe_rule) @punctuation.delimiter

; Comments
(comment) @comment
(suppression) @comment
(suppression directive: (directive) @keyword.directive)
(suppression code: (rule_code) @constant.builtin)
