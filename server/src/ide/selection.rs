//! Selection ranges ("expand selection"): from the token under the cursor out through its cell,
//! row, table, subsection and section to the whole document — the syntax tree's ancestors, and
//! the cell inside a row.

use std::ops::Range;

use super::{ancestors, trim_end};
use crate::syntax::NodeExt as _;
use crate::syntax::SourceFile;

/// The nested ranges around `offset`, innermost first, each strictly containing the previous.
/// Line breaks that end a node are left out (a row selects its cells, not the next line's start).
pub fn selection_ranges(file: &SourceFile, offset: usize) -> Vec<Range<usize>> {
    let text = file.text();
    let offset = offset.min(text.len());
    let Some(start) = super::named_node_at(file, offset) else {
        return std::iter::once(0..text.len()).collect();
    };
    let mut out: Vec<Range<usize>> = Vec::new();
    for node in ancestors(start) {
        // A table is one token: its cells, then its rows, are the steps inside it.
        if matches!(node.kind_name(), "table" | "pipe_table")
            && let Some(row) = file.row_at(node, offset)
        {
            if let Some(cell) = file.row_cells(&row).into_iter().find(|c| !c.is_empty() && c.start <= offset && offset <= c.end) {
                push_range(&mut out, cell);
            }
            push_range(&mut out, row.range);
        }
        // So is a paragraph: the sentence's line, then the paragraph.
        if node.kind_name() == "paragraph"
            && let Some(line) = file.block_lines(node).find(|l| l.start <= offset && offset <= l.end)
        {
            if let Some(token) = file.inline_at(offset) {
                push_range(&mut out, token.range);
            }
            push_range(&mut out, line);
        }
        let range = trim_end(text, node.byte_range());
        push_range(&mut out, range);
    }
    push_range(&mut out, 0..text.len());
    out
}

fn push_range(out: &mut Vec<Range<usize>>, range: Range<usize>) {
    match out.last() {
        Some(last) if last == &range => {}
        Some(last) if !(range.start <= last.start && last.end <= range.end) => {
            // Should not happen with a tree; keep the chain nested by widening.
            let widened = range.start.min(last.start)..range.end.max(last.end);
            if &widened != last {
                out.push(widened);
            }
        }
        _ => out.push(range),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_from_number_to_document() {
        let text = "二、主动公开政府信息情况\n规章\t12\t0\t0\n";
        let f = SourceFile::parse(text);
        let at = text.find("12").unwrap() + 1;
        let ranges = selection_ranges(&f, at);
        let texts: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(texts[0], "12");
        assert!(texts.contains(&"规章\t12\t0\t0"), "{texts:?}");
        assert_eq!(*texts.last().unwrap(), text);
        for w in ranges.windows(2) {
            assert!(w[1].start <= w[0].start && w[0].end <= w[1].end && w[0] != w[1]);
        }
    }

    #[test]
    fn expands_from_a_date_in_prose_to_its_line_and_paragraph() {
        let text = "一、总体情况\n统计期限自2023年1月1日起，\n至2023年12月31日止。\n\n另一段。\n";
        let f = SourceFile::parse(text);
        let at = text.find("1月1日").unwrap();
        let texts: Vec<&str> = selection_ranges(&f, at).iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(texts[0], "2023年1月1日");
        assert_eq!(texts[1], "统计期限自2023年1月1日起，");
        assert_eq!(texts[2], "统计期限自2023年1月1日起，\n至2023年12月31日止。");
        assert_eq!(*texts.last().unwrap(), text);
    }
}
