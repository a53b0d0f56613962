//! What the rules produce: diagnostics with byte ranges into the report's text, related
//! locations and fixes. Front ends convert ranges to their own positions (LSP, CLI JSON, SARIF).

use std::ops::Range;

pub use crate::knowledge::Severity;

/// A replacement of a byte range of the text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct TextEdit {
    pub range: Range<usize>,
    pub new_text: String,
}

/// A determinate correction: applying all its edits makes the diagnostic go away.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<TextEdit>,
}

/// Another place that takes part in a finding (the cells of a sum, the other heading …).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Related {
    pub range: Range<usize>,
    pub message: String,
    /// The other document the range is in (its name as the front end gave it: a path or a URI);
    /// `None` for the report itself.
    pub document: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// The rule's stable code (`table3-balance`), see `knowledge::rules`.
    pub code: &'static str,
    pub severity: Severity,
    /// Byte range in the text.
    pub range: Range<usize>,
    pub message: String,
    pub related: Vec<Related>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(code: &'static str, severity: Severity, range: Range<usize>, message: String) -> Diagnostic {
        Diagnostic { code, severity, range, message, related: Vec::new(), fix: None }
    }

    /// The diagnostic with every range in this document (its own, its related locations', its
    /// fix's) passed through `moved`.
    pub fn moved(&self, moved: impl Fn(&Range<usize>) -> Range<usize>) -> Diagnostic {
        let mut d = self.clone();
        d.range = moved(&d.range);
        for related in d.related.iter_mut().filter(|r| r.document.is_none()) {
            related.range = moved(&related.range);
        }
        for edit in d.fix.iter_mut().flat_map(|f| f.edits.iter_mut()) {
            edit.range = moved(&edit.range);
        }
        d
    }

    pub fn with_related(mut self, related: Vec<Related>) -> Diagnostic {
        self.related = related;
        self
    }

    pub fn with_fix(mut self, fix: Option<Fix>) -> Diagnostic {
        self.fix = fix;
        self
    }
}

/// Applies non-overlapping edits to a text; edits are sorted first. Returns `None` when two
/// edits overlap (the caller must then apply fewer).
pub fn apply_edits(text: &str, edits: &[TextEdit]) -> Option<String> {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for edit in sorted {
        if edit.range.start < cursor || edit.range.end > text.len() {
            return None;
        }
        out.push_str(&text[cursor..edit.range.start]);
        out.push_str(&edit.new_text);
        cursor = edit.range.end;
    }
    out.push_str(&text[cursor..]);
    Some(out)
}
