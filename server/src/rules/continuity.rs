//! Continuity with the same body's report on the previous year: requests carried over, and
//! documents in force. The front end finds last year's report (in the workspace or among the
//! files checked) and passes it in as a [`Previous`]; this module does no I/O.

use super::{edit, Ctx, DiagnosticExt, Sink};
use crate::analysis::{Computation, Computed};
use crate::knowledge::{Layout, TableKind};
use crate::model::Report;
use crate::syntax::SourceFile;
use crate::text;

/// Last year's report: its text, model, and the name the front end knows it by (a path or URI).
#[derive(Debug, Clone)]
pub struct Previous {
    pub name: String,
    pub file: std::sync::Arc<SourceFile>,
    pub report: Report,
}

impl Previous {
    pub fn new(name: impl Into<String>, file: impl Into<std::sync::Arc<SourceFile>>) -> Previous {
        let file = file.into();
        let report = Report::build(&file);
        Previous { name: name.into(), file, report }
    }
}

/// The key that pairs reports of one body: the body's name without spaces.
pub fn body_key(report: &Report) -> Option<String> {
    let body = report.body.as_ref()?;
    let key: String = body.value.chars().filter(|c| !text::is_space(*c)).collect();
    (!key.is_empty()).then_some(key)
}

/// (body, year) of a report's text, read cheaply: the year and the body come from the title
/// block, which is all before section 一, so only the text up to and including the first line
/// that starts like a section heading is parsed (at most a few kilobytes) — and, when the title
/// names no body, the last lines (the signature). The same key as [`body_key`] and the year of a
/// full parse. Ending the head at a heading line, never at a date line, keeps the head's last
/// lines from reading as a signature.
pub fn key_of_text(text: &str) -> Option<(String, i32)> {
    const HEAD: usize = 4096;
    const TAIL: usize = 1024;
    let head = SourceFile::parse(&text[..head_end(text, HEAD)]);
    let report = Report::build(&head);
    let year = report.year.as_ref()?.value;
    if let Some(body) = body_key(&report) {
        return Some((body, year));
    }
    let mut start = text.len().saturating_sub(TAIL);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let tail = Report::build(&SourceFile::parse(&text[start..]));
    Some((body_key(&tail)?, year))
}

/// The end of the first line that looks like a section heading (`一、…`, no TAB), or of the line
/// that crosses `limit`.
fn head_end(text: &str, limit: usize) -> usize {
    let mut start = 0;
    while start < text.len() {
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i + 1);
        let line = &text[start..end];
        if end >= limit || (!line.contains('\t') && starts_like_section_heading(line)) {
            return end;
        }
        start = end;
    }
    text.len()
}

fn starts_like_section_heading(line: &str) -> bool {
    let line = line.trim_start_matches(|c: char| text::is_space(c) || c == '#');
    let rest = line.trim_start_matches(|c: char| "一二三四五六七八九十".contains(c));
    rest.len() < line.len() && rest.trim_start_matches(text::is_space).starts_with(['、', '．', '.'])
}

/// Is `previous` the same body's report on the year before `current`'s?
pub fn is_previous(current: &Report, previous: &Report) -> bool {
    match (current.year.as_ref(), previous.year.as_ref(), body_key(current), body_key(previous)) {
        (Some(y), Some(p), Some(a), Some(b)) => p.value + 1 == y.value && a == b,
        _ => false,
    }
}

pub fn check(ctx: &Ctx<'_>, previous: &Previous, sink: &mut Sink<'_>) {
    if !is_previous(ctx.report, &previous.report) {
        return;
    }
    carryover(ctx, previous, sink);
    in_force(ctx, previous, sink);
}

fn carryover(ctx: &Ctx<'_>, previous: &Previous, sink: &mut Sink<'_>) {
    let (Some(current), Some(last)) = (ctx.report.table(TableKind::Requests), previous.report.table(TableKind::Requests)) else {
        return;
    };
    let last_year = previous.report.year.as_ref().map_or(0, |y| y.value);
    for column in &current.template.columns {
        let (Some(cell), Some(last_cell)) = (current.cell("t3_carried_in", &column.id), last.cell("t3_carried_out", &column.id)) else {
            continue;
        };
        let (Some(value), Some(last_value)) = (cell.count(), last_cell.count()) else { continue };
        let differs = value != last_value;
        sink.compute(|| Computation {
            range: cell.range.clone(),
            differs,
            what: Computed::CarriedOver { column: column.label.as_str(), last_year, last_value, previous: previous.name.clone() },
            locale: ctx.locale(),
        });
        if !differs {
            continue;
        }
        if let Some(d) = sink.report(
            "carryover-mismatch",
            cell.range.clone(),
            msg!(ctx,
                format!("“{}”列：上年结转为{value}，但{last_year}年度报告“结转下年度继续办理”为{last_value}。", column.label),
                format!("Column “{}”: {value} carried over, but the {last_year} report carried {last_value} forward.", column.label),
            ),
        ) {
            d.related_in(&previous.name, last_cell.range.clone(), msg!(ctx, format!("{last_year}年度报告：结转下年度继续办理/{}", column.label), format!("the {last_year} report: carried forward / {}", column.label)));
            d.fix(msg!(ctx, format!("采用上年报告的数字 {last_value}"), format!("Take last year's figure {last_value}")), vec![edit(cell.range.clone(), last_value.to_string())]);
        }
    }
}

fn in_force(ctx: &Ctx<'_>, previous: &Previous, sink: &mut Sink<'_>) {
    let (Some(current), Some(last)) = (ctx.report.table(TableKind::Proactive), previous.report.table(TableKind::Proactive)) else {
        return;
    };
    // Only the 2021 layout has 制发/废止/现行有效 columns.
    if current.layout != Layout::Y2021 || last.layout != Layout::Y2021 {
        return;
    }
    let last_year = previous.report.year.as_ref().map_or(0, |y| y.value);
    for row in current.template.rows.iter().filter(|r| r.block.as_deref() == Some("t2_item1") && r.data_row) {
        let cell = |t: &crate::model::Table, column: &str| t.cell(&row.id, column).and_then(|c| c.count().map(|v| (v, c.range.clone())));
        let (Some((in_force, range)), Some((issued, _)), Some((repealed, _)), Some((last_in_force, last_range))) =
            (cell(current, "in_force"), cell(current, "issued"), cell(current, "repealed"), cell(last, "in_force"))
        else {
            continue;
        };
        let expected = last_in_force + issued - repealed;
        let differs = in_force != expected;
        sink.compute(|| Computation {
            range: range.clone(),
            differs,
            what: Computed::InForce { row: row.label.as_str(), last_year, last_in_force, issued, repealed, expected, previous: previous.name.clone() },
            locale: ctx.locale(),
        });
        if !differs {
            continue;
        }
        if let Some(d) = sink.report(
            "in-force-continuity",
            range.clone(),
            msg!(ctx,
                format!("“{}”现行有效件数为{in_force}，按上年报告的{last_in_force}件加本年制发{issued}件、减本年废止{repealed}件应为{expected}件；如因修订等原因不同，请在报告中说明。", row.label),
                format!("“{}”: {in_force} in force, but last year's {last_in_force} plus {issued} issued minus {repealed} repealed makes {expected}; if revisions explain the difference, say so in the report.", row.label),
            ),
        ) {
            d.related_in(&previous.name, last_range, msg!(ctx, format!("{last_year}年度报告：现行有效件数"), format!("the {last_year} report: in force")));
            d.fix(msg!(ctx, format!("改为 {expected}"), format!("Set to {expected}")), vec![edit(range.clone(), expected.to_string())]);
        }
    }
}
