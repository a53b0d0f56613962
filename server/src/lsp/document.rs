//! An open document: the protocol's copy of the text (a rope, addressed by LSP positions), the
//! core's [`SourceFile`] (text + tree-sitter tree, reparsed incrementally) kept in step with it,
//! the version, and results cached for that version.

use std::sync::Arc;

use ropey::Rope;
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
    pub rope: Rope,
    /// Shared with running analyses; copied on write when one still holds it.
    pub file: Arc<SourceFile>,
    pub analysis: Option<Cached>,
    /// (version, generation) of the diagnostics last pushed.
    pub published: Option<(i32, u64)>,
    /// (body, year) of the report, from its last analysis: pairs it with last year's.
    pub key: Option<(String, i32)>,
    /// The last semantic tokens sent: result id and data.
    pub tokens: Option<(String, Vec<lsp::SemanticToken>)>,
}

impl Document {
    pub fn new(text: String, version: i32) -> Document {
        Document {
            version,
            rope: Rope::from_str(&text),
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
    /// Both copies of the text are updated; the tree is reparsed incrementally.
    pub fn apply_change(&mut self, change: &lsp::TextDocumentContentChangeEvent, enc: PositionEncoding) {
        match change.range {
            None => {
                self.rope = Rope::from_str(&change.text);
                self.file = Arc::new(SourceFile::parse(change.text.clone()));
            }
            Some(range) => {
                let a = convert::rope_offset(&self.rope, range.start, enc);
                let b = convert::rope_offset(&self.rope, range.end, enc);
                let (start, end) = (a.min(b), a.max(b));
                let (cs, ce) = (self.rope.byte_to_char(start), self.rope.byte_to_char(end));
                self.rope.remove(cs..ce);
                self.rope.insert(cs, &change.text);
                let file = Arc::make_mut(&mut self.file);
                if file.edit(start..end, &change.text).is_err() {
                    // Cannot happen when both copies agree; recover by reparsing the rope.
                    self.resync();
                }
            }
        }
    }

    /// Rebuilds the core's copy from the rope.
    pub fn resync(&mut self) {
        self.file = Arc::new(SourceFile::parse(self.rope.to_string()));
    }

    /// Both copies hold the same text (checked in tests and debug builds).
    pub fn consistent(&self) -> bool {
        self.rope.len_bytes() == self.file.text().len() && self.rope == self.file.text()
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
