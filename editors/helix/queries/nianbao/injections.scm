; The report's tree stops at its structure: the inline content of prose, headings, the signature
; and table cells (numbers, dates, document numbers, clause references, book titles) is parsed
; by the grammar in grammar/inline/ (tree-sitter-nianbao's INLINE_LANGUAGE).
([(paragraph) (title) (section_heading) (subsection_heading) (item) (heading) (signer) (dateline) (table) (pipe_table)] @injection.content
  (#set! injection.language "nianbao_inline"))
