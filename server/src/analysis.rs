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
    analyze_inner(file, config, earlier.map(|a| &a.report), find, true)
}

/// The findings only, without the computations an editor shows (inlay hints, hover): what a
/// batch check prints. `previous` is last year's report, if the front end found one.
pub fn findings(file: &SourceFile, config: &Config, previous: Option<std::sync::Arc<Previous>>) -> Analysis {
    analyze_inner(file, config, None, |_| previous, false)
}

fn analyze_inner(
    file: &SourceFile,
    config: &Config,
    earlier: Option<&Report>,
    find: impl FnOnce(&Report) -> Option<std::sync::Arc<Previous>>,
    computations: bool,
) -> Analysis {
    let report = match earlier {
        Some(earlier) => Report::rebuild(file, earlier),
        None => Report::build(file),
    };
    let previous = find(&report);
    let crate::rules::Output { mut diagnostics, mut computations } =
        crate::rules::check_with(file, &report, config, previous.as_deref(), computations);
    diagnostics.sort_by(|a, b| (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code)));
    computations.sort_by_key(|c| c.range.start);
    Analysis { report, diagnostics, computations, previous }
}

/// A value the checker computed for a cell, shown beside it (inlay hint) and on hover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Computation {
    /// The cell (byte range) the computation is about.
    pub range: std::ops::Range<usize>,
    /// Short form for an inlay hint: `= 12`.
    pub short: String,
    /// Markdown explanation for hover: the formula with the cells' values and the result.
    pub explanation: String,
    /// Whether the cell's value differs from the computed one.
    pub differs: bool,
}

impl Analysis {
    /// The computation about the cell at `offset`, if any.
    pub fn computation_at(&self, offset: usize) -> Option<&Computation> {
        self.computations.iter().find(|c| c.range.contains(&offset) || c.range.end == offset)
    }
}
