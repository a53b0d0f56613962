//! The checks. One module per rule family; each rule is a small pure function from the model
//! (and the configuration) to diagnostics, reported through [`Sink`], which applies the
//! configured severity. Suppression comments are applied last, in [`suppress`].

/// `msg!(ctx, zh, en)`: the message in the configured locale. Only that one is formatted: in a
/// batch of thousands of reports with many findings, formatting both showed in profiles.
macro_rules! msg {
    ($ctx:expr, $zh:expr, $en:expr $(,)?) => {
        {
            let message: String = match $ctx.locale() {
                $crate::config::Locale::Zh => $zh,
                $crate::config::Locale::En => $en,
            };
            message
        }
    };
}

mod citations;
pub mod continuity;
mod dates;
mod prose;
pub use prose::ProseMemo;
mod structure;
mod suppress;
mod tables;

use std::ops::Range;

use crate::analysis::Computation;
use crate::config::{Config, Locale};
use crate::diagnostic::{Diagnostic, Fix, Related, TextEdit};
use crate::knowledge;
use crate::model::Report;
use crate::syntax::SourceFile;

#[derive(Debug, Default)]
pub struct Output {
    pub diagnostics: Vec<Diagnostic>,
    pub computations: Vec<Computation>,
    /// The prose findings by run, for the next check of the same document.
    pub prose: ProseMemo,
}

/// What a rule sees.
pub struct Ctx<'a> {
    pub file: &'a SourceFile,
    pub report: &'a Report,
    pub config: &'a Config,
}

impl Ctx<'_> {
    pub fn text(&self) -> &str {
        self.file.text()
    }

    pub fn locale(&self) -> Locale {
        self.config.locale
    }

}



/// Collects diagnostics, dropping those of rules turned off and applying configured severities.
pub struct Sink<'a> {
    config: &'a Config,
    /// An editor's check: it keeps [`Computation`]s (for inlay hints and hover) and memoizes the
    /// prose findings for the next keystroke ([`ProseMemo`]). A batch check prints findings only
    /// and does neither.
    editor: bool,
    pub output: Output,
}

impl<'a> Sink<'a> {
    /// Reports a finding of rule `code`. Returns the diagnostic to add related locations and a
    /// fix to, or `None` when the rule is off.
    pub fn report(&mut self, code: &'static str, range: Range<usize>, message: String) -> Option<&mut Diagnostic> {
        let info = knowledge::rule(code).unwrap_or_else(|| panic!("rule `{code}` is in the catalogue"));
        let severity = self.config.severity(code, info.default_severity)?;
        self.output.diagnostics.push(Diagnostic::new(code, severity, range, message));
        self.output.diagnostics.last_mut()
    }

    /// An empty sink with the same settings (for findings kept apart, as the prose memo does).
    pub fn fork(&self) -> Sink<'a> {
        Sink { config: self.config, editor: self.editor, output: Output::default() }
    }

    pub fn compute(&mut self, computation: impl FnOnce() -> Computation) {
        if self.editor {
            self.output.computations.push(computation());
        }
    }
}

/// Helpers for building diagnostics fluently.
pub trait DiagnosticExt {
    fn related(&mut self, range: Range<usize>, message: impl Into<String>) -> &mut Self;
    /// A related location in another document (last year's report).
    fn related_in(&mut self, document: &str, range: Range<usize>, message: impl Into<String>) -> &mut Self;
    fn fix(&mut self, title: impl Into<String>, edits: Vec<TextEdit>) -> &mut Self;
}

impl DiagnosticExt for Diagnostic {
    fn related(&mut self, range: Range<usize>, message: impl Into<String>) -> &mut Self {
        self.related.push(Related { range, message: message.into(), document: None });
        self
    }

    fn related_in(&mut self, document: &str, range: Range<usize>, message: impl Into<String>) -> &mut Self {
        self.related.push(Related { range, message: message.into(), document: Some(document.to_owned()) });
        self
    }

    fn fix(&mut self, title: impl Into<String>, edits: Vec<TextEdit>) -> &mut Self {
        self.fix = Some(Fix { title: title.into(), edits });
        self
    }
}

pub fn edit(range: Range<usize>, new_text: impl Into<String>) -> TextEdit {
    TextEdit { range, new_text: new_text.into() }
}

/// Runs every rule over one report.
pub fn check(file: &SourceFile, report: &Report, config: &Config) -> Output {
    check_with(file, report, config, None, true, None)
}

/// Runs every rule over one report, and the continuity rules against last year's report when
/// it is given. `editor`: keep computations and memoize prose findings (see [`Sink`]); `earlier`
/// is what an earlier check of the same document memoized.
pub fn check_with(
    file: &SourceFile,
    report: &Report,
    config: &Config,
    previous: Option<&continuity::Previous>,
    editor: bool,
    earlier: Option<&ProseMemo>,
) -> Output {
    let ctx = Ctx { file, report, config };
    let mut sink = Sink { config, editor, output: Output::default() };
    if !report.is_report {
        structure::not_a_report(&ctx, &mut sink);
    } else {
        structure::check(&ctx, &mut sink);
        tables::check(&ctx, &mut sink);
        dates::check(&ctx, &mut sink);
        sink.output.prose = prose::check(&ctx, &mut sink, earlier);
        citations::check(&ctx, &mut sink);
        if let Some(previous) = previous {
            continuity::check(&ctx, previous, &mut sink);
        }
    }
    let mut output = sink.output;
    suppress::apply(&ctx, &mut output.diagnostics, config);
    output
}

#[cfg(test)]
mod tests;
