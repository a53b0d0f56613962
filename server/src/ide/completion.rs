//! Completion: the six section headings in order (the next missing one first), whole-table
//! templates of the report year's layout, the missing row labels of the table being written,
//! and clause references of the Regulation.

use std::ops::Range;

use super::{ancestors, layout_of, sections};
use crate::config::Locale;
use crate::knowledge::{self, ClauseRef, TableKind};
use crate::syntax::NodeExt as _;
use crate::syntax::{Node, SourceFile};
use crate::text::normalize_label;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    SectionHeading,
    Table,
    RowLabel,
    ClauseRef,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub label: String,
    pub kind: CompletionKind,
    pub detail: Option<String>,
    /// Markdown.
    pub documentation: Option<String>,
    /// The text that replaces `replace`.
    pub insert: String,
    /// Byte range replaced (ends at the cursor).
    pub replace: Range<usize>,
    /// Ordering key (the front end sorts by it).
    pub sort: String,
    /// The item to select first.
    pub preselect: bool,
}

/// Characters after which clients should ask for completions.
pub const TRIGGER_CHARACTERS: [&str; 2] = ["第", "、"];

pub fn completions(file: &SourceFile, offset: usize, locale: Locale) -> Vec<Completion> {
    let text = file.text();
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..offset];
    let mut out = Vec::new();

    if let Some(start) = clause_prefix_start(prefix) {
        out.extend(clause_completions(line_start + start..offset, locale));
        return out;
    }
    let leading = prefix.len() - prefix.trim_start_matches(|c: char| c == '#' || crate::text::is_space(c)).len();
    let typed = &prefix[leading..];
    let table = table_context(file, line_start);
    if let Some((kind, table_node)) = table {
        out.extend(row_completions(file, kind, table_node, line_start..offset));
    }
    if is_heading_prefix(typed) {
        out.extend(heading_completions(file, line_start + leading..offset, offset, locale));
    }
    if typed.is_empty() || typed.starts_with('表') {
        out.extend(table_completions(file, line_start + leading..offset, offset, locale));
    }
    out
}

/// `第`, `第二十`, `第二十条第（` …: where a clause reference being typed starts.
fn clause_prefix_start(prefix: &str) -> Option<usize> {
    let start = prefix.rfind('第')?;
    // Back up over an earlier `第…条` of the same reference (`第二十条第（`).
    let mut start = start;
    if let Some(before) = prefix[..start].strip_suffix('条')
        && let Some(s) = before.rfind('第')
        && before[s + '第'.len_utf8()..].chars().all(|c| crate::text::is_chinese_numeral_char(c) || c.is_ascii_digit())
    {
        start = s;
    }
    let rest = &prefix[start + '第'.len_utf8()..];
    let ok = rest.chars().all(|c| {
        crate::text::is_chinese_numeral_char(c) || c.is_ascii_digit() || matches!(c, '条' | '款' | '项' | '第' | '（' | '）' | '(' | ')')
    });
    ok.then_some(start)
}

fn is_heading_prefix(typed: &str) -> bool {
    typed.chars().all(|c| crate::text::is_chinese_numeral_char(c) || matches!(c, '、' | '．' | '.'))
}

fn clause_completions(replace: Range<usize>, locale: Locale) -> Vec<Completion> {
    let reg = knowledge::regulation();
    let mut out = Vec::new();
    for a in &reg.articles {
        let r = ClauseRef::article(a.number);
        out.push(clause_item(r, replace.clone(), format!("{:03}", a.number), locale));
        if matches!(a.number, 20 | 36 | 50) {
            for it in &a.items {
                if let Some(n) = it.number() {
                    let r = ClauseRef::item(a.number, n);
                    out.push(clause_item(r, replace.clone(), format!("{:03}-{:02}", a.number, n), locale));
                }
            }
        }
    }
    out
}

fn clause_item(r: ClauseRef, replace: Range<usize>, sort: String, locale: Locale) -> Completion {
    let resolved = r.resolve();
    let detail = resolved.as_ref().map(|c| {
        let first = c.text.lines().next().unwrap_or("");
        let mut s: String = first.chars().take(24).collect();
        if first.chars().count() > 24 {
            s.push('…');
        }
        s
    });
    Completion {
        label: r.to_string(),
        kind: CompletionKind::ClauseRef,
        detail,
        documentation: Some(super::hover::clause_markdown(r, locale)),
        insert: r.to_string(),
        replace,
        sort: format!("3-{sort}"),
        preselect: false,
    }
}

fn heading_completions(file: &SourceFile, replace: Range<usize>, offset: usize, locale: Locale) -> Vec<Completion> {
    let layout = layout_of(file);
    let found = sections(file);
    let present: Vec<u32> = found.iter().filter_map(|s| s.number).collect();
    let before = found
        .iter()
        .filter(|s| s.node.start_byte() < replace.start && s.heading.end_byte() <= offset)
        .filter_map(|s| s.number)
        .max()
        .unwrap_or(0);
    let missing: Vec<u32> = layout.sections().iter().map(|s| s.number).filter(|n| !present.contains(n)).collect();
    let next = missing.iter().copied().find(|&n| n > before).or_else(|| missing.first().copied());
    let mut out = Vec::new();
    for s in layout.sections().iter().filter(|s| missing.contains(&s.number)) {
        let is_next = Some(s.number) == next;
        out.push(Completion {
            label: s.full_heading.clone(),
            kind: CompletionKind::SectionHeading,
            detail: Some(match locale {
                Locale::Zh => format!("第{}部分（{}）", s.numeral, layout.document_number()),
                Locale::En => format!("part {} ({})", s.number, layout.document_number()),
            }),
            documentation: None,
            insert: s.full_heading.clone(),
            replace: replace.clone(),
            sort: format!("{}-{}", if is_next { 0 } else { 1 }, s.number),
            preselect: is_next,
        });
    }
    out
}

fn table_completions(file: &SourceFile, replace: Range<usize>, offset: usize, locale: Locale) -> Vec<Completion> {
    let layout = layout_of(file);
    // The table of the section the cursor is in comes first.
    let here = sections(file)
        .into_iter()
        .rfind(|s| s.node.start_byte() <= offset)
        .and_then(|s| s.number);
    TableKind::ALL
        .iter()
        .map(|&kind| {
            let t = layout.table(kind);
            let first = here == Some(kind.section_number());
            Completion {
                label: format!("{}：{}", kind.name_zh(), t.section.trim_start_matches(|c: char| !matches!(c, '、')).trim_start_matches('、')),
                kind: CompletionKind::Table,
                detail: Some(match locale {
                    Locale::Zh => format!("{}的表格模板", layout.document_number()),
                    Locale::En => format!("table template of {}", layout.document_number()),
                }),
                documentation: None,
                insert: super::templates::table_template(layout, kind),
                replace: replace.clone(),
                sort: format!("{}-{}", if first { 0 } else { 2 }, kind.section_number()),
                preselect: false,
            }
        })
        .collect()
}

/// The table the line at `line_start` belongs to or follows directly, with its kind.
fn table_context(file: &SourceFile, line_start: usize) -> Option<(TableKind, Node<'_>)> {
    let root = file.root();
    let probe = |at: usize| -> Option<Node<'_>> {
        let n = root.descendant_for_byte_range(at, at)?;
        ancestors(n).find(|a| matches!(a.kind_name(), "table" | "pipe_table"))
    };
    let table = probe(line_start).or_else(|| if line_start > 0 { probe(line_start - 1) } else { None })?;
    let kind = super::table_kind_of(file, table)?;
    Some((kind, table))
}

fn row_completions(file: &SourceFile, kind: TableKind, table: Node<'_>, replace: Range<usize>) -> Vec<Completion> {
    let layout = layout_of(file);
    let t = layout.table(kind);
    let text = file.text();
    let pipe = table.kind_name() == "pipe_table";
    let mut present: Vec<String> = Vec::new();
    for row in file.table_rows(table) {
        for c in file.row_cells(&row) {
            present.push(normalize_label(&text[c]));
        }
    }
    let mut out = Vec::new();
    for (i, r) in t.rows.iter().enumerate() {
        let Some(cells) = super::templates::row_cells(t, r) else { continue };
        if present.iter().any(|p| r.match_label(p).is_some() || *p == normalize_label(&r.label)) {
            continue;
        }
        if kind == TableKind::Review {
            continue; // one row of numbers, no label
        }
        let insert = if pipe { format!("| {} |", cells.join(" | ")) } else { cells.join("\t") };
        out.push(Completion {
            label: r.label.clone(),
            kind: CompletionKind::RowLabel,
            detail: Some(kind.name_zh().to_string()),
            documentation: None,
            insert,
            replace: replace.clone(),
            sort: format!("0-{i:03}"),
            preselect: false,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_missing_section_first() {
        let text = "2023年政府信息公开工作年度报告\n\n一、总体情况\n\n内容。\n\n\n\n三、收到和处理政府信息公开申请情况\n";
        let f = SourceFile::parse(text);
        let at = text.find("内容。\n").unwrap() + "内容。\n\n".len();
        let items = completions(&f, at, Locale::Zh);
        let mut headings: Vec<&Completion> = items.iter().filter(|c| c.kind == CompletionKind::SectionHeading).collect();
        headings.sort_by(|a, b| a.sort.cmp(&b.sort));
        assert_eq!(headings[0].label, "二、主动公开政府信息情况");
        assert!(headings[0].preselect);
        assert!(!headings.iter().any(|c| c.label.starts_with("三、")));
        assert!(items.iter().any(|c| c.kind == CompletionKind::Table));
    }

    #[test]
    fn clause_refs_after_di() {
        let text = "一、总体情况\n依据条例第二十";
        let f = SourceFile::parse(text);
        let items = completions(&f, text.len(), Locale::Zh);
        let c = items.iter().find(|c| c.label == "第二十条第（一）项").expect("item");
        assert_eq!(&text[c.replace.clone()], "第二十");
        assert!(c.documentation.as_ref().unwrap().contains("行政法规"));
    }

    #[test]
    fn missing_rows_inside_a_table() {
        let text = "2023年政府信息公开工作年度报告\n\n二、主动公开政府信息情况\n第二十条第（一）项\t\t\t\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n";
        let f = SourceFile::parse(text);
        let items = completions(&f, text.len(), Locale::Zh);
        let rows: Vec<&str> = items.iter().filter(|c| c.kind == CompletionKind::RowLabel).map(|c| c.label.as_str()).collect();
        assert!(rows.contains(&"行政规范性文件"), "{rows:?}");
        assert!(!rows.contains(&"规章"), "{rows:?}");
    }
}
