//! The outline: title, sections → subsections → tables, signature.

use std::ops::Range;

use super::{heading_title, named_children, table_kind_of, trimmed_range};
use crate::syntax::NodeExt as _;
use crate::syntax::{Node, RowKind, SourceFile};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    /// The report's title line.
    Title,
    /// `一、总体情况`.
    Section,
    /// `（一）主动公开情况`.
    Subsection,
    /// Another heading (`## 附件`).
    Heading,
    Table,
    /// The signature block (body and date).
    Signature,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole extent (without trailing blank lines).
    pub range: Range<usize>,
    /// The part to select and show: the heading line, or the table's first row.
    pub selection: Range<usize>,
    pub children: Vec<Symbol>,
}

/// The document's outline, in order.
pub fn document_symbols(file: &SourceFile) -> Vec<Symbol> {
    let mut out = Vec::new();
    for node in named_children(file.root()) {
        match node.kind_name() {
            "front_matter" => out.extend(block_symbols(file, node)),
            "section" => out.push(section_symbol(file, node, SymbolKind::Section)),
            "signature" => {
                let range = trimmed_range(file, node);
                let name = node
                    .field("signer")
                    .map(|s| file.node_text(s).trim().to_string())
                    .or_else(|| node.field("date").map(|d| file.node_text(d).trim().to_string()))
                    .unwrap_or_default();
                let detail = node.field("date").map(|d| file.node_text(d).trim().to_string());
                out.push(Symbol {
                    name: non_empty(name, "落款"),
                    detail,
                    kind: SymbolKind::Signature,
                    selection: range.clone(),
                    range,
                    children: Vec::new(),
                });
            }
            _ => {}
        }
    }
    out
}

fn non_empty(s: String, fallback: &str) -> String {
    if s.trim().is_empty() { fallback.to_string() } else { s }
}

fn section_symbol(file: &SourceFile, node: Node<'_>, kind: SymbolKind) -> Symbol {
    let heading = node.field("heading");
    let (name, selection) = match heading {
        Some(h) => (heading_line(file, h), trimmed_range(file, h)),
        None => (String::new(), trimmed_range(file, node)),
    };
    let mut children = Vec::new();
    for child in named_children(node) {
        match child.kind_name() {
            "subsection" => children.push(section_symbol(file, child, SymbolKind::Subsection)),
            _ => children.extend(block_symbols(file, child)),
        }
    }
    let range = trimmed_range(file, node);
    Symbol {
        name: non_empty(name, "（无标题）"),
        detail: None,
        kind,
        selection: clamp_into(selection, &range),
        range,
        children,
    }
}

/// Symbols for the blocks directly inside a container (front matter, section, subsection).
fn block_symbols(file: &SourceFile, node: Node<'_>) -> Vec<Symbol> {
    let mut out = Vec::new();
    let nodes = if node.kind_name() == "front_matter" { named_children(node) } else { vec![node] };
    for n in nodes {
        match n.kind_name() {
            "title" => {
                let range = trimmed_range(file, n);
                out.push(Symbol {
                    name: file.text()[range.clone()].trim_start_matches('#').trim().to_string(),
                    detail: None,
                    kind: SymbolKind::Title,
                    selection: range.clone(),
                    range,
                    children: Vec::new(),
                });
            }
            "heading" => {
                let range = trimmed_range(file, n);
                out.push(Symbol {
                    name: non_empty(heading_title(file, n).to_string(), "#"),
                    detail: None,
                    kind: SymbolKind::Heading,
                    selection: range.clone(),
                    range,
                    children: Vec::new(),
                });
            }
            "table" | "pipe_table" => out.push(table_symbol(file, n)),
            _ => {}
        }
    }
    out
}

fn table_symbol(file: &SourceFile, node: Node<'_>) -> Symbol {
    let rows: Vec<_> = file.table_rows(node).into_iter().filter(|r| r.kind != RowKind::PipeRule).collect();
    let range = trimmed_range(file, node);
    let selection = rows.first().map_or(range.clone(), |r| r.range.clone());
    let name = match table_kind_of(file, node) {
        Some(kind) => kind.name_zh().to_string(),
        None => "表格".to_string(),
    };
    // The first non-empty cell says what the table (or table 二's block) is about.
    let first_cell = rows
        .first()
        .and_then(|r| file.row_cells(r).into_iter().find(|c| !c.is_empty()))
        .map(|c| file.text()[c].to_string());
    let detail = match first_cell {
        Some(c) => format!("{} 行 · {}", rows.len(), truncate(&c, 16)),
        None => format!("{} 行", rows.len()),
    };
    Symbol { name, detail: Some(detail), kind: SymbolKind::Table, selection, range, children: Vec::new() }
}

fn truncate(s: &str, chars: usize) -> String {
    if s.chars().count() <= chars {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(chars).collect();
        t.push('…');
        t
    }
}

/// The heading's line as written, without Markdown markers and surrounding space.
fn heading_line(file: &SourceFile, heading: Node<'_>) -> String {
    let range = trimmed_range(file, heading);
    file.text()[range].trim_start_matches('#').trim().to_string()
}

fn clamp_into(r: Range<usize>, outer: &Range<usize>) -> Range<usize> {
    let start = r.start.clamp(outer.start, outer.end);
    let end = r.end.clamp(start, outer.end);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outline_of_a_small_report() {
        let text = "某某局\n\n2023年政府信息公开工作年度报告\n\n一、总体情况\n\n（一）主动公开情况\n\n公开信息10条。\n\n二、主动公开政府信息情况\n\n第二十条第（一）项\t\t\t\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n\n某某局\n2024年1月20日\n";
        let f = SourceFile::parse(text);
        let symbols = document_symbols(&f);
        let names: Vec<(&str, SymbolKind)> = symbols.iter().map(|s| (s.name.as_str(), s.kind)).collect();
        assert!(names.contains(&("一、总体情况", SymbolKind::Section)), "{names:?}");
        assert!(names.contains(&("二、主动公开政府信息情况", SymbolKind::Section)), "{names:?}");
        let s1 = symbols.iter().find(|s| s.name == "一、总体情况").unwrap();
        assert_eq!(s1.children.len(), 1);
        assert_eq!(s1.children[0].name, "（一）主动公开情况");
        assert_eq!(s1.children[0].kind, SymbolKind::Subsection);
        let s2 = symbols.iter().find(|s| s.name == "二、主动公开政府信息情况").unwrap();
        assert_eq!(s2.children.len(), 1);
        assert_eq!(s2.children[0].kind, SymbolKind::Table);
        assert_eq!(s2.children[0].name, "表二");
        for s in &symbols {
            assert!(s.range.start <= s.selection.start && s.selection.end <= s.range.end);
            for c in &s.children {
                assert!(s.range.start <= c.range.start && c.range.end <= s.range.end);
            }
        }
    }
}
