//! nianbao: checks 政府信息公开工作年度报告 (annual government-information-disclosure reports).
//!
//! Layers, each depending only on those above it (see `docs/ARCHITECTURE.md`):
//! `syntax` (tree-sitter) → `model` (the typed report) → `rules` (diagnostics and fixes)
//! → `ide` (hover, symbols, …) → front ends `lsp` and `cli`.
//! Everything above `lsp`/`cli` is pure: no I/O, no clock, no LSP types.

pub mod alloc;
pub mod knowledge;
pub mod text;
pub mod encoding;
pub mod date;
pub mod syntax;
pub mod model;
pub mod config;
pub mod diagnostic;
pub mod rules;
pub mod analysis;
pub mod ide;
pub mod lsp;
pub mod cli;

/// The number of cases of a property test: `default`, or `NIANBAO_PROPTEST_CASES` for a longer
/// run (`NIANBAO_PROPTEST_CASES=5000 cargo test --release -p nianbao --lib`).
#[cfg(test)]
pub(crate) fn test_cases(default: u32) -> u32 {
    std::env::var("NIANBAO_PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}
