//! Editor features over the core: outline, folding, selection, highlighting, hover, code actions,
//! completion, formatting, inlay hints and templates. Pure functions of a [`SourceFile`], its
//! [`Analysis`](crate::analysis::Analysis) and the [`Config`](crate::config::Config); they take
//! and return **byte offsets** and know nothing of LSP (the `lsp` front end converts positions).

pub mod actions;
pub mod completion;
pub mod folding;
pub mod format;
pub mod hover;
pub mod inlay;
pub mod selection;
pub mod semantic_tokens;
pub mod symbols;
pub mod templates;

use std::ops::Range;

use crate::knowledge::{Layout, TableKind};
use crate::syntax::NodeExt as _;
use crate::syntax::{Node, SourceFile};
use crate::text::{parse_chinese_numeral, to_ascii_digits};

/// The report year named in the title (`2023年政府信息公开工作年度报告` → 2023): the first
/// `title` line with a four-digit year; failing that, the first line of the front matter that
/// reads like a report title.
pub fn report_year(file: &SourceFile) -> Option<i32> {
    let root = file.root();
    let front = named_children(root).into_iter().find(|n| n.kind_name() == "front_matter")?;
    let mut fallback = None;
    for node in named_children(front) {
        let text = file.node_text(node);
        if node.kind_name() == "title" {
            if let Some(y) = year_in(text) {
                return Some(y);
            }
        } else if fallback.is_none() && text.contains("年度报告") {
            fallback = year_in(text);
        }
    }
    fallback
}

/// The first plausible report year (1990..=2100) written as four digits followed by `年`.
fn year_in(text: &str) -> Option<i32> {
    let folded: String = to_ascii_digits(text).chars().filter(|c| !crate::text::is_space(*c)).collect();
    let bytes = folded.as_bytes();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        if bytes[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !bytes[i - 1].is_ascii_digit())
            && folded[i + 4..].starts_with('年')
        {
            let y: i32 = folded[i..i + 4].parse().ok()?;
            if (1990..=2100).contains(&y) {
                return Some(y);
            }
        }
        i += 1;
    }
    None
}

/// The layout the report must follow: by its year, else the newest.
pub fn layout_of(file: &SourceFile) -> Layout {
    report_year(file).map_or(Layout::Y2021, Layout::for_report_year)
}

/// The named children of a node, in order.
pub(crate) fn named_children(node: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor).collect()
}

/// The smallest named node around `offset`: the one holding the character after the cursor,
/// else (at the end of a token) the one holding the character before it.
pub(crate) fn named_node_at(file: &SourceFile, offset: usize) -> Option<Node<'_>> {
    let text = file.text();
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let root = file.root();
    let after = text[offset..].chars().next().map(|c| {
        let end = offset + c.len_utf8();
        root.named_descendant_for_byte_range(offset, end)
    });
    let after = after.flatten();
    if let Some(n) = after
        && is_inline(n)
    {
        return Some(n);
    }
    let before = text[..offset].chars().next_back().and_then(|c| root.named_descendant_for_byte_range(offset - c.len_utf8(), offset));
    if let Some(n) = before
        && is_inline(n)
    {
        return Some(n);
    }
    after.or(before)
}

/// A token of the grammar (a line's text, a number, a paragraph, a table …), not a container.
fn is_inline(node: Node<'_>) -> bool {
    node.named_child_count() == 0
}

/// The node and its ancestors, innermost first.
pub(crate) fn ancestors(node: Node<'_>) -> impl Iterator<Item = Node<'_>> {
    std::iter::successors(Some(node), |n| n.parent())
}

/// The number of a section heading (`三、…` → 3), from its `section_number` field.
pub(crate) fn section_heading_number(file: &SourceFile, heading: Node<'_>) -> Option<u32> {
    let number = file.line_parts(heading).number?;
    numeral_value(&file.text()[number])
}

/// The title of a section or subsection heading, trimmed (`收到和处理政府信息公开申请情况`).
pub(crate) fn heading_title<'a>(file: &'a SourceFile, heading: Node<'_>) -> &'a str {
    file.line_parts(heading).text.map_or("", |t| file.text()[t].trim())
}

/// `三、` / `（三）` / `(三)` / `三.` → 3.
pub(crate) fn numeral_value(s: &str) -> Option<u32> {
    let inner: String = s
        .chars()
        .filter(|c| !matches!(c, '（' | '）' | '(' | ')' | '、' | '．' | '.') && !crate::text::is_space(*c))
        .collect();
    parse_chinese_numeral(&inner)
}

/// A section of the report as found in the tree.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SectionInfo<'a> {
    pub node: Node<'a>,
    pub heading: Node<'a>,
    /// The official section this heading names (by its title, else by its number).
    pub number: Option<u32>,
}

/// The sections of the document in order.
pub(crate) fn sections(file: &SourceFile) -> Vec<SectionInfo<'_>> {
    let layout = layout_of(file);
    named_children(file.root())
        .into_iter()
        .filter(|n| n.kind_name() == "section")
        .filter_map(|node| {
            let heading = node.field("heading")?;
            let title = heading_title(file, heading);
            let number = layout
                .find_section(title)
                .map(|(s, _)| s.number)
                .or_else(|| section_heading_number(file, heading));
            Some(SectionInfo { node, heading, number })
        })
        .collect()
}

/// The section containing a node, if any.
pub(crate) fn enclosing_section<'a>(file: &'a SourceFile, node: Node<'a>) -> Option<SectionInfo<'a>> {
    let section = ancestors(node).find(|n| n.kind_name() == "section")?;
    sections(file).into_iter().find(|s| s.node.id() == section.id())
}

/// Which table of the format a table node is: by the section it sits in.
pub(crate) fn table_kind_of(file: &SourceFile, table: Node<'_>) -> Option<TableKind> {
    let section = enclosing_section(file, table)?;
    TableKind::ALL.into_iter().find(|k| Some(k.section_number()) == section.number)
}

/// The range of a node without its trailing line break and blank lines.
pub(crate) fn trimmed_range(file: &SourceFile, node: Node<'_>) -> Range<usize> {
    trim_end(file.text(), node.byte_range())
}

pub(crate) fn trim_end(text: &str, mut range: Range<usize>) -> Range<usize> {
    while range.end > range.start && text.as_bytes()[range.end - 1].is_ascii_whitespace() {
        range.end -= 1;
    }
    range
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_report_year() {
        let f = SourceFile::parse("某某局\n\n2023 年政府信息公开工作年度报告\n\n一、总体情况\n\n内容。\n");
        assert_eq!(report_year(&f), Some(2023));
        let f = SourceFile::parse("一、总体情况\n");
        assert_eq!(report_year(&f), None);
        assert_eq!(year_in("２０２２年度"), Some(2022));
        assert_eq!(year_in("12023年"), None);
    }

    #[test]
    fn splits_cells() {
        let f = SourceFile::parse("二、主动公开政府信息情况\n规章\t0\t 1 \t\n| a | b |  |\n");
        let tables: Vec<_> = named_children(f.root().child(0).unwrap()).into_iter().filter(|n| n.kind_name().ends_with("table")).collect();
        let cells: Vec<Vec<&str>> = tables
            .iter()
            .flat_map(|t| f.table_rows(*t))
            .map(|r| f.row_cells(&r).into_iter().map(|c| &f.text()[c]).collect())
            .collect();
        assert_eq!(cells, vec![vec!["规章", "0", "1", ""], vec!["a", "b", ""]]);
    }
}
