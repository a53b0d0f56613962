(section) @fold
(subsection) @fold
(table) @fold
(pipe_table) @fold
(paragraph) @fold
