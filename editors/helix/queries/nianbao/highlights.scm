; Helix highlights for nianbao, adapted from grammar/queries/highlights.scm (Helix scope names:
; markup.heading.4 for other headings …).
; Checked by grammar/tests/helix_queries.rs: compiles against the grammar, uses Helix scopes only.

; Headings
(title) @markup.heading.1
(section_heading) @markup.heading.2
(subsection_heading) @markup.heading.3
(heading) @markup.heading.4

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
