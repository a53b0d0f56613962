//! An open document: the core's [`SourceFile`] (text, line index and tree-sitter tree, reparsed
//! incrementally), the version, and results cached for that version.
//!
//! The text is held once. LSP positions are converted with the file's line index, and edits
//! are applied to its string: a second copy in a rope would cost as much memory as the text
//! again, for edits that are a memmove of at most a few megabytes (`docs/performance.md`).

use std::sync::Arc;

use tower_lsp_server::ls_types as lsp;

use super::convert;
use crate::analysis::Analysis;
use crate::syntax::{PositionEncoding, SourceFile};

/// An analysis of one version of a document under one configuration.
#[derive(Clone)]
pub struct Cached {
    pub version: i32,
    /// The configuration generation it was computed with.
    pub generation: u64,
    pub analysis: Arc<Analysis>,
}

pub struct Document {
    pub version: i32,
    /// Shared with running analyses; copied on write when one still holds it.
    pub file: Arc<SourceFile>,
    pub analysis: Option<Cached>,
    /// (version, generation) of the diagnostics last pushed.
    pub published: Option<(i32, u64)>,
    /// (body, year) of the report, from its last analysis: pairs it with last year's.
    pub key: Option<(String, i32)>,
    /// The last semantic tokens sent: result id and what the next delta needs of them.
    pub tokens: Option<(String, Arc<super::semantic::Sent>)>,
}

impl Document {
    pub fn new(text: String, version: i32) -> Document {
        Document {
            version,
            file: Arc::new(SourceFile::parse(text)),
            analysis: None,
            published: None,
            key: None,
            tokens: None,
        }
    }

    /// The analysis of the current version under configuration `generation`, if computed.
    pub fn current_analysis(&self, generation: u64) -> Option<Arc<Analysis>> {
        self.analysis
            .as_ref()
            .filter(|c| c.version == self.version && c.generation == generation)
            .map(|c| c.analysis.clone())
    }

    /// Applies one content change: a full replacement, or a range (in `enc`) replaced by text.
    /// The tree is reparsed incrementally.
    pub fn apply_change(&mut self, change: &lsp::TextDocumentContentChangeEvent, enc: PositionEncoding) {
        match change.range {
            None => self.file = Arc::new(SourceFile::parse(change.text.clone())),
            Some(range) => {
                // Positions clamp to the text (past a line's end, to its end), so the range is
                // always valid on char boundaries.
                let range = convert::byte_range(&self.file, range, enc);
                let file = Arc::make_mut(&mut self.file);
                if file.edit(range, &change.text).is_err() {
                    self.resync();
                }
            }
        }
    }

    /// Parses the text afresh (after a panic in the middle of an edit: the text is the truth,
    /// the line index and the tree are rebuilt from it).
    pub fn resync(&mut self) {
        self.file = Arc::new(SourceFile::parse(self.file.text().to_owned()));
    }

    /// The line index and the tree are those of the text (the server's debug request).
    pub fn consistent(&self) -> bool {
        self.file.is_consistent()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(sl: u32, sc: u32, el: u32, ec: u32, text: &str) -> lsp::TextDocumentContentChangeEvent {
        lsp::TextDocumentContentChangeEvent {
            range: Some(lsp::Range::new(lsp::Position::new(sl, sc), lsp::Position::new(el, ec))),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn edits_in_each_encoding() {
        let mut d = Document::new("一、总体情况\n𠀀😀x\n".to_string(), 1);
        // UTF-16: 𠀀 and 😀 are two units each; insert before x.
        d.apply_change(&change(1, 4, 1, 4, "好"), PositionEncoding::Utf16);
        assert_eq!(d.file.text(), "一、总体情况\n𠀀😀好x\n");
        // UTF-8: replace 总体 (bytes 6..12).
        d.apply_change(&change(0, 6, 0, 12, "总"), PositionEncoding::Utf8);
        assert_eq!(d.file.text(), "一、总情况\n𠀀😀好x\n");
        // UTF-32: delete the emoji.
        d.apply_change(&change(1, 1, 1, 2, ""), PositionEncoding::Utf32);
        assert_eq!(d.file.text(), "一、总情况\n𠀀好x\n");
        assert!(d.consistent());
        // Past the end of a line clamps to its end; past the end of the text to the end.
        d.apply_change(&change(0, 99, 0, 99, "。"), PositionEncoding::Utf16);
        d.apply_change(&change(9, 0, 9, 0, "尾"), PositionEncoding::Utf16);
        assert_eq!(d.file.text(), "一、总情况。\n𠀀好x\n尾");
        assert!(d.consistent());
    }
}
