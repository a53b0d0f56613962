; Headings
(title) @markup.heading.1
(section_heading) @markup.heading.2
(subsection_heading) @markup.heading.3
(heading) @markup.heading

; Signature
(signer) @string.special
(dateline) @string.special

; A heading is one node, as are a numbered point, a paragraph and a table: their parts (a
; heading's number, a table's cells, numbers, dates, document numbers in prose) are read from the
; text by the syntax layer, and coloured by the language server's semantic tokens.

; Comments
(comment) @comment
(suppression) @comment
(suppression directive: (directive) @keyword.directive)
(suppression code: (rule_code) @constant.builtin)
