//! Formatting: tables become canonical pipe tables aligned by display width (CJK = 2 columns),
//! TAB rows converted; the numbering of section and subsection headings is normalized
//! (`一.`/`一 、` → `一、`, `(一) ` → `（一）`). Only whitespace, pipes and that punctuation
//! change: never a number or a word. Formatting is idempotent.

use std::ops::Range;

use super::{named_children, numeral_value};
use crate::diagnostic::TextEdit;
use crate::syntax::NodeExt as _;
use crate::syntax::{Node, RowKind, SourceFile};
use crate::text::{display_width, to_chinese_numeral};

/// The edits that format the document, or only the tables and headings that intersect `range`.
/// Sorted and non-overlapping.
pub fn format(file: &SourceFile, range: Option<Range<usize>>) -> Vec<TextEdit> {
    let edits = edits_of(file, range.as_ref());
    if range.is_some() || edits.is_empty() {
        return edits;
    }
    // Formatting can change how the lines around a table parse (TAB rows become pipe rows, and
    // a pipe table takes in the pipe rows after it, even across a blank line, where TAB rows were
    // a syntax error): format the result again until nothing changes, so that formatting is
    // idempotent. Each round keeps every number and word.
    let text = file.text();
    let Some(once) = crate::diagnostic::apply_edits(text, &edits) else { return edits };
    let mut current = once.clone();
    for _ in 0..4 {
        let again = SourceFile::parse(current.clone());
        let more = edits_of(&again, None);
        match crate::diagnostic::apply_edits(&current, &more) {
            Some(next) if !more.is_empty() => current = next,
            _ => break,
        }
    }
    if current == once {
        return edits;
    }
    // One edit from the first difference to the last.
    let prefix = text.bytes().zip(current.bytes()).take_while(|(a, b)| a == b).count();
    let mut start = prefix;
    while !text.is_char_boundary(start) || !current.is_char_boundary(start) {
        start -= 1;
    }
    let suffix = text[start..].bytes().rev().zip(current[start..].bytes().rev()).take_while(|(a, b)| a == b).count();
    let (mut end, mut new_end) = (text.len() - suffix, current.len() - suffix);
    while !text.is_char_boundary(end) || !current.is_char_boundary(new_end) {
        end += 1;
        new_end += 1;
    }
    vec![TextEdit { range: start..end, new_text: current[start..new_end].to_string() }]
}

fn edits_of(file: &SourceFile, range: Option<&Range<usize>>) -> Vec<TextEdit> {
    let mut edits = Vec::new();
    visit(file, file.root(), range, &mut edits);
    edits.retain(|e| file.text()[e.range.clone()] != e.new_text);
    edits.sort_by_key(|e| e.range.start);
    edits
}

/// The whole formatted text.
pub fn format_text(file: &SourceFile) -> String {
    let edits = format(file, None);
    crate::diagnostic::apply_edits(file.text(), &edits).unwrap_or_else(|| file.text().to_string())
}

fn intersects(node: Node<'_>, range: Option<&Range<usize>>) -> bool {
    match range {
        None => true,
        Some(r) => node.start_byte() <= r.end && r.start < node.end_byte(),
    }
}

fn is_table(node: Node<'_>) -> bool {
    matches!(node.kind_name(), "table" | "pipe_table")
}

fn visit(file: &SourceFile, node: Node<'_>, range: Option<&Range<usize>>, edits: &mut Vec<TextEdit>) {
    let children = named_children(node);
    for (i, &child) in children.iter().enumerate() {
        if !intersects(child, range) {
            continue;
        }
        match child.kind_name() {
            // Tables next to each other (a pipe table, then TAB rows) become one pipe table once
            // formatted: they are formatted as one, so that formatting again changes nothing.
            "table" | "pipe_table" if i > 0 && is_table(children[i - 1]) && adjacent(file, children[i - 1], child) => {}
            "table" | "pipe_table" => {
                let mut run = vec![child];
                while let Some(&next) = children.get(i + run.len()) {
                    if !is_table(next) || !adjacent(file, run[run.len() - 1], next) {
                        break;
                    }
                    run.push(next);
                }
                edits.extend(format_table(file, &run));
            }
            "section_heading" | "subsection_heading" => edits.extend(format_heading(file, child)),
            "front_matter" | "section" | "subsection" => visit(file, child, range, edits),
            _ => {}
        }
    }
}

fn format_heading(file: &SourceFile, heading: Node<'_>) -> Option<TextEdit> {
    let parts = file.line_parts(heading);
    let number = parts.number?;
    let value = numeral_value(&file.text()[number.clone()])?;
    let canonical = match heading.kind_name() {
        "section_heading" => format!("{}、", to_chinese_numeral(value)),
        _ => format!("（{}）", to_chinese_numeral(value)),
    };
    // Replace the number and the spaces that follow it up to the title.
    let end = parts.text.map_or(number.end, |title| title.start);
    let text = file.text();
    let between = &text[number.end..end];
    if !between.chars().all(crate::text::is_space) {
        return None;
    }
    Some(TextEdit { range: number.start..end, new_text: canonical })
}

enum Line {
    Cells(Vec<String>),
    Rule(Vec<Option<(bool, bool)>>),
}

/// Only blank lines between two nodes.
fn adjacent(file: &SourceFile, a: Node<'_>, b: Node<'_>) -> bool {
    file.text()[a.end_byte()..b.start_byte()].chars().all(|c| c == '\n' || c == '\r')
}

/// Formats a run of adjacent tables as one pipe table.
fn format_table(file: &SourceFile, tables: &[Node<'_>]) -> Option<TextEdit> {
    // A table with a syntax error is left as it is: rewriting it from its rows would drop the
    // text of the ERROR nodes between them.
    if tables.iter().any(|t| t.has_error()) {
        return None;
    }
    let text = file.text();
    let mut lines = Vec::new();
    for row in tables.iter().flat_map(|t| file.table_rows(*t)) {
        match row.kind {
            RowKind::Tab | RowKind::Pipe => {
                let cells: Vec<String> = file.row_cells(&row).into_iter().map(|c| text[c].to_string()).collect();
                if row.kind == RowKind::Tab && cells.iter().any(|c| c.contains('|')) {
                    return None; // a pipe inside a TAB cell cannot be written as a pipe table
                }
                lines.push(Line::Cells(cells));
            }
            RowKind::PipeRule => {
                let segs: Vec<Option<(bool, bool)>> = text[row.range.clone()]
                    .trim()
                    .trim_matches('|')
                    .split('|')
                    .map(|s| {
                        let s = s.trim();
                        Some((s.starts_with(':'), s.len() > 1 && s.ends_with(':')))
                    })
                    .collect();
                lines.push(Line::Rule(segs));
            }
        }
    }
    let mut widths: Vec<usize> = Vec::new();
    for line in &lines {
        if let Line::Cells(cells) = line {
            for (i, c) in cells.iter().enumerate() {
                if widths.len() <= i {
                    widths.push(3);
                }
                widths[i] = widths[i].max(display_width(c));
            }
        }
    }
    // From the first row to the end of the last row's content: only line breaks are left out
    // (trailing TABs are empty cells, and blank lines after the table are not the table's).
    let (first, table) = (tables.first()?, tables.last()?);
    let last = named_children(*table).last().map_or(table.end_byte(), |r| r.end_byte());
    let mut end = last;
    while end > first.start_byte() && matches!(text.as_bytes()[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    let range = first.start_byte()..end;
    let eol = if text[range.clone()].contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = String::new();
    for (n, line) in lines.iter().enumerate() {
        if n > 0 {
            out.push_str(eol);
        }
        match line {
            Line::Cells(cells) => {
                out.push('|');
                for (i, c) in cells.iter().enumerate() {
                    out.push(' ');
                    out.push_str(c);
                    out.extend(std::iter::repeat_n(' ', widths[i] - display_width(c)));
                    out.push_str(" |");
                }
            }
            Line::Rule(segs) => {
                let columns = widths.len().max(segs.len()).max(1);
                out.push('|');
                for i in 0..columns {
                    let w = widths.get(i).copied().unwrap_or(3);
                    let (left, right) = segs.get(i).copied().flatten().unwrap_or((false, false));
                    out.push(' ');
                    let dashes = w - usize::from(left) - usize::from(right);
                    if left {
                        out.push(':');
                    }
                    out.extend(std::iter::repeat_n('-', dashes));
                    if right {
                        out.push(':');
                    }
                    out.push_str(" |");
                }
            }
        }
    }
    Some(TextEdit { range, new_text: out })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> String {
        s.chars().filter(|c| c.is_alphanumeric()).collect()
    }

    #[test]
    fn converts_tab_table_and_aligns() {
        let text = "二、主动公开政府信息情况\n信息内容\t本年制发件数\n规章\t0\n\n行政规范性文件\t12\n";
        let f = SourceFile::parse(text);
        let out = format_text(&f);
        assert_eq!(
            out,
            "二、主动公开政府信息情况\n| 信息内容       | 本年制发件数 |\n| 规章           | 0            |\n| 行政规范性文件 | 12           |\n"
        );
        assert_eq!(format_text(&SourceFile::parse(out.clone())), out);
        assert_eq!(words(&out), words(text));
    }

    #[test]
    fn keeps_empty_cells_and_rules() {
        let text = "三、收到和处理政府信息公开申请情况\n|申请人|||\n|:--|---|\n\n正文\n\n\t自然人\t\t总计\t\n";
        let f = SourceFile::parse(text);
        let out = format_text(&f);
        assert_eq!(format_text(&SourceFile::parse(out.clone())), out, "{out}");
        assert_eq!(words(&out), words(text));
        assert!(out.contains("| 申请人 |     |     |\n| :----- | --- | --- |"), "{out}");
        assert!(out.contains("|     | 自然人 |     | 总计 |     |"), "{out}");
    }

    #[test]
    fn normalizes_heading_numbers() {
        let text = "一. 总体情况\n(一) 主动公开情况。\n二 、主动公开政府信息情况\n";
        let f = SourceFile::parse(text);
        let out = format_text(&f);
        assert_eq!(out, "一、总体情况\n（一）主动公开情况。\n二、主动公开政府信息情况\n");
        assert_eq!(format_text(&SourceFile::parse(out.clone())), out);
    }

    #[test]
    fn range_formatting_touches_only_the_range() {
        let text = "一. 总体情况\n\n二. 主动公开政府信息情况\n规章\t0\n";
        let f = SourceFile::parse(text);
        let start = text.find("规章").unwrap();
        let edits = format(&f, Some(start..start + 1));
        assert_eq!(edits.len(), 1);
        assert_eq!(edits[0].new_text, "| 规章 | 0   |");
    }
}

#[cfg(test)]
mod fixture_tests {
    use super::*;
    use crate::config::Config;

    fn words(s: &str) -> String {
        s.chars().filter(|c| c.is_alphanumeric()).collect()
    }

    /// Every fixture: formatting keeps words and numbers, is idempotent, and the checker finds
    /// the same problems before and after.
    #[test]
    fn formatting_fixtures_keeps_meaning() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let config = Config { today: crate::date::Date::new(2026, 11, 30), ..Config::default() };
        let mut failures = Vec::new();
        let mut paths: Vec<std::path::PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.push(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/sample-report.txt").into());
        // The seed report, read in place when present (never copied into the repository).
        paths.push(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus/seed/2023-panzhihua-zwfw.txt").into());
        for path in paths {
            if !path.exists() {
                continue;
            }
            if path.extension().is_none_or(|x| x != "txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let file = SourceFile::parse(text.clone());
            let once = format_text(&file);
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            assert_eq!(words(&once), words(&text), "{name}: words");
            let again = format_text(&SourceFile::parse(once.clone()));
            assert_eq!(again, once, "{name}: idempotent");
            let codes = |t: &str| {
                let f = SourceFile::parse(t.to_string());
                let mut v: Vec<&'static str> = crate::analysis::analyze(&f, &config).diagnostics.iter().map(|d| d.code).collect();
                v.sort();
                v
            };
            let (before, after) = (codes(&text), codes(&once));
            if before != after {
                failures.push(format!("{name}: {before:?} → {after:?}"));
            }
        }
        assert!(failures.is_empty(), "formatting changed the findings:\n{}", failures.join("\n"));
    }
}
