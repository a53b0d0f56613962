//! The domain knowledge, as pure data and lookups: the Regulation (条例) and its clauses, the
//! two report layouts and their table templates, the documents reports cite, the statutory
//! deadlines, and the rule catalogue. Everything is embedded at compile time from
//! `server/data/` (see `server/data/SOURCES.md`) and parsed lazily once; nothing here does I/O,
//! reads the clock or knows about LSP.

pub mod citations;
pub mod deadlines;
pub mod layout;
pub mod regulation;
pub mod rules;

pub use citations::{
    CitationMatch, CitedDocument, DocumentKind, document, documents, identify, scan as scan_citations,
    superseded_documents,
};
pub use deadlines::{BodyLevel, DEADLINES, Deadline, infer_body_level};
pub use layout::{
    BalanceRule, BlockTemplate, ColumnGroupTemplate, ColumnTemplate, Confidence, Equation, EquationKind, FormatText, LabelMatch,
    Layout, RelatedClause, RowTemplate, SectionKind, SectionTemplate, SumRule, TableKind, TableTemplate,
    ValueKind, detect_layout, detect_layout_normalized,
};
pub use regulation::{Article, Chapter, Clause, ClauseRef, Item, Regulation, clause, regulation};
pub use rules::{Basis, FormatPart, Quote, RuleInfo, Severity, all_rules, rule, rules_markdown};

/// Where each rule's documentation lives (`docs/rules.md`, one anchor per code); front ends link
/// `RULES_DOC_URL#code` (LSP `codeDescription`, SARIF `helpUri`).
pub const RULES_DOC_URL: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/rules.md");

/// Whether two ids of the templates (rows, columns, blocks) are the same. Ids are compared
/// constantly by the table rules, and most often with the template's own string: the same
/// pointer answers at once, a different length at once, the bytes only otherwise.
#[inline]
pub fn same_id(a: &str, b: &str) -> bool {
    a.len() == b.len() && (std::ptr::eq(a.as_ptr(), b.as_ptr()) || a == b)
}

/// Parses everything now rather than on first use: for a
/// measurement of the work per report that leaves out this once-per-process cost
/// (`benches/instructions.rs`).
pub fn preload() {
    let _ = regulation();
    citations::preload();
    for layout in Layout::ALL {
        layout.preload();
    }
}
