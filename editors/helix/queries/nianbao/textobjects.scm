; Helix text objects for nianbao: a section or subsection is a "class" (`]t` / `[t` move between
; them, `mat` selects one), a table is an "entry" (`mae`; a row is its inside, `mie`), and a
; comment is a "comment".

(section) @class.around
(subsection) @class.around

(table) @entry.around
(pipe_table) @entry.around
(row) @entry.inside
(pipe_row) @entry.inside

(comment) @comment.around
(suppression) @comment.around
