(section
  heading: (section_heading) @name) @item
(subsection
  heading: (subsection_heading) @name) @item
(table) @item
(pipe_table) @item
