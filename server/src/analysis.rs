//! The one entry point of the core: text in, model and diagnostics out. Front ends (LSP, CLI,
//! benches) call [`analyze`] and the `ide` functions; nothing else.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::Report;
use crate::rules::continuity::Previous;
use crate::syntax::SourceFile;

/// Everything known about one version of a report.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub report: Report,
    /// Sorted by range start.
    pub diagnostics: Vec<Diagnostic>,
    /// Sums the checker computed (totals of tables 三 and 四), sorted by range start.
    pub computations: Vec<Computation>,
    /// Last year's report the continuity rules compared with, if one was found.
    pub previous: Option<std::sync::Arc<Previous>>,
    /// What the next analysis of the same document can reuse of this one's checking.
    pub(crate) prose_memo: crate::rules::ProseMemo,
}

pub fn analyze(file: &SourceFile, config: &Config) -> Analysis {
    analyze_with(file, config, None)
}

/// [`analyze`], with the continuity rules against the same body's report on the previous year
/// (see [`crate::rules::continuity::Previous`]; the front end finds it and names it).
pub fn analyze_with(file: &SourceFile, config: &Config, previous: Option<&Previous>) -> Analysis {
    let previous = previous.map(|p| std::sync::Arc::new(p.clone()));
    analyze_finding_previous(file, config, |_| previous)
}

/// [`analyze`], asking `find` for last year's report once the report's body and year are known
/// (the language server looks among open documents and the workspace's files).
pub fn analyze_finding_previous(
    file: &SourceFile,
    config: &Config,
    find: impl FnOnce(&Report) -> Option<std::sync::Arc<Previous>>,
) -> Analysis {
    analyze_inner(file, config, None, find, true)
}

/// [`analyze_finding_previous`] after an edit: `earlier` is the analysis of an earlier version of
/// the same document, whose model is reused where the syntax tree did not change (what an editor
/// calls on every keystroke).
pub fn reanalyze(
    file: &SourceFile,
    config: &Config,
    earlier: Option<&Analysis>,
    find: impl FnOnce(&Report) -> Option<std::sync::Arc<Previous>>,
) -> Analysis {
    analyze_inner(file, config, earlier, find, true)
}

/// The findings only, without the computations an editor shows (inlay hints, hover): what a
/// batch check prints. `previous` is last year's report, if the front end found one.
pub fn findings(file: &SourceFile, config: &Config, previous: Option<std::sync::Arc<Previous>>) -> Analysis {
    analyze_inner(file, config, None, |_| previous, false)
}

fn analyze_inner(
    file: &SourceFile,
    config: &Config,
    earlier: Option<&Analysis>,
    find: impl FnOnce(&Report) -> Option<std::sync::Arc<Previous>>,
    editor: bool,
) -> Analysis {
    let report = match earlier {
        Some(earlier) => Report::rebuild(file, &earlier.report),
        None => Report::build(file),
    };
    let previous = find(&report);
    let memo = earlier.map(|a| &a.prose_memo);
    let crate::rules::Output { mut diagnostics, mut computations, prose: prose_memo } =
        crate::rules::check_with(file, &report, config, previous.as_deref(), editor, memo);
    diagnostics.sort_by(|a, b| (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code)));
    computations.sort_by_key(|c| c.range.start);
    Analysis { report, diagnostics, computations, previous, prose_memo }
}

/// A value the checker computed for a cell, shown beside it (inlay hint) and on hover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Computation {
    /// The cell (byte range) the computation is about.
    pub range: std::ops::Range<usize>,
    /// Whether the cell's value differs from the computed one.
    pub differs: bool,
    /// What was computed, kept as data: a report has hundreds of sums and an editor shows a few,
    /// so the texts are written only when asked for ([`Computation::short`], [`Computation::explanation`]).
    pub what: Computed,
    pub locale: crate::config::Locale,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Computed {
    /// A total: (row label, column label) = Σ addends (`None`: unknown) = `sum`; the table says `written`.
    Sum { label: (&'static str, &'static str), addends: Addends, sum: i64, written: i64 },
    /// Carried over from last year: row 四 (carried forward) of column `column` in the report on
    /// `last_year` (named `previous`) says `last_value`.
    CarriedOver { column: &'static str, last_year: i32, last_value: i64, previous: String },
    /// In force: last year's `last_in_force` + `issued` − `repealed` = `expected`, for row `row`.
    InForce { row: &'static str, last_year: i32, last_in_force: i64, issued: i64, repealed: i64, expected: i64, previous: String },
}

/// The values of a sum's addends: their template positions, and the counts of the whole table
/// by position — shared by every sum of the table, so that a sum kept for the editor costs no
/// allocation of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addends {
    positions: &'static [usize],
    values: std::sync::Arc<[Option<i64>]>,
}

impl Addends {
    pub fn new(positions: &'static [usize], values: std::sync::Arc<[Option<i64>]>) -> Addends {
        Addends { positions, values }
    }

    /// Each addend's value (`None`: unknown).
    pub fn iter(&self) -> impl Iterator<Item = Option<i64>> + '_ {
        self.positions.iter().map(|&p| self.values[p])
    }
}

impl Computation {
    /// For an inlay hint: `= 12`.
    pub fn short(&self) -> String {
        match &self.what {
            Computed::Sum { sum, .. } => format!("= {sum}"),
            Computed::CarriedOver { last_value, .. } if self.locale == crate::config::Locale::Zh => format!("上年 {last_value}"),
            Computed::CarriedOver { last_value, .. } => format!("last year {last_value}"),
            Computed::InForce { expected, .. } => format!("= {expected}"),
        }
    }

    /// Markdown for hover: the formula with the cells' values and the result.
    pub fn explanation(&self) -> String {
        let zh = self.locale == crate::config::Locale::Zh;
        match &self.what {
            Computed::Sum { label: (row, column), addends, sum, written } => {
                let formula: Vec<String> = addends.iter().map(|a| a.map_or("?".into(), |v| v.to_string())).collect();
                let note = match (self.differs, zh) {
                    (false, _) => String::new(),
                    (true, true) => format!("（表中为 {written}）"),
                    (true, false) => format!(" (the table says {written})"),
                };
                format!("**{row}/{column}** = {} = **{sum}**{note}", formula.join(" + "))
            }
            Computed::CarriedOver { column, last_year, last_value, previous } if zh => {
                format!("**上年结转** 应等于{last_year}年度报告表三“四、结转下年度继续办理”/{column}：**{last_value}**（{previous}）")
            }
            Computed::CarriedOver { column, last_year, last_value, previous } => {
                format!("**Carried over** should equal row 四 (carried forward) / {column} of the {last_year} report: **{last_value}** ({previous})")
            }
            Computed::InForce { row, last_year, last_in_force, issued, repealed, expected, previous } if zh => {
                format!("**{row}/现行有效件数** = 上年现行有效 {last_in_force}（{last_year}年度报告，{previous}）+ 本年制发 {issued} − 本年废止 {repealed} = **{expected}**")
            }
            Computed::InForce { row, last_year, last_in_force, issued, repealed, expected, previous } => {
                format!("**{row} / in force** = last year's {last_in_force} ({last_year} report, {previous}) + issued {issued} − repealed {repealed} = **{expected}**")
            }
        }
    }
}

impl Analysis {
    /// The computation about the cell at `offset`, if any.
    pub fn computation_at(&self, offset: usize) -> Option<&Computation> {
        self.computations.iter().find(|c| c.range.contains(&offset) || c.range.end == offset)
    }
}
