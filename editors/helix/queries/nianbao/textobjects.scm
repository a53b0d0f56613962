; Helix text objects for nianbao: a section or subsection is a "class" (`]t` / `[t` move between
; them, `mat` selects one), a table or a paragraph is an "entry" (`mae`), and a comment is a
; "comment".

(section) @class.around
(subsection) @class.around

(table) @entry.around
(pipe_table) @entry.around
(paragraph) @entry.around

(comment) @comment.around
(suppression) @comment.around
