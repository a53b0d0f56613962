//! Line starts of a text, and conversions between byte offsets and line/column positions in
//! UTF-8 bytes, UTF-16 code units (LSP's default) or UTF-32 characters.

use std::ops::Range;

/// How a position's column is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PositionEncoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

/// A zero-based line and a column in some [`PositionEncoding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset of the start of each line; the first is 0. A line ends after `\n`. `u32`, as
    /// tree-sitter's offsets are: a text is under 4 GiB.
    line_starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(text.as_bytes(), 0));
        line_starts.shrink_to_fit();
        LineIndex { line_starts }
    }

    /// Updates the index after `range` of the old text was replaced by `replacement`; `text` is
    /// the new text. Only the lines after the edit are shifted.
    pub fn edit(&mut self, text: &str, range: Range<usize>, replacement: &str) {
        let first_affected = self.line_starts.partition_point(|&s| s as usize <= range.start);
        let last_affected = self.line_starts.partition_point(|&s| s as usize <= range.end);
        let delta = replacement.len() as i64 - (range.end - range.start) as i64;
        let new_end = range.start + replacement.len();
        for start in &mut self.line_starts[last_affected..] {
            *start = (*start as i64 + delta) as u32;
        }
        let inserted = memchr_newlines(&text.as_bytes()[range.start..new_end], range.start);
        self.line_starts.splice(first_affected..last_affected, inserted);
        debug_assert_eq!(self.line_starts, LineIndex::new(text).line_starts);
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The byte range of a line, including its line break.
    pub fn line_range(&self, line: usize, text_len: usize) -> Range<usize> {
        let start = self.line_starts[line.min(self.line_starts.len() - 1)] as usize;
        let end = self.line_starts.get(line + 1).map_or(text_len, |&s| s as usize);
        start..end
    }

    /// The line containing a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s as usize <= offset) - 1
    }

    /// The tree-sitter point (row, byte column) of a byte offset.
    pub fn point(&self, _text: &str, offset: usize) -> tree_sitter::Point {
        let line = self.line_of(offset);
        tree_sitter::Point { row: line, column: offset - self.line_starts[line] as usize }
    }

    /// The position of a byte offset, its column counted in `encoding`. An offset inside a
    /// character is moved back to that character's start.
    pub fn position(&self, text: &str, offset: usize, encoding: PositionEncoding) -> LineCol {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let prefix = &text[self.line_starts[line] as usize..offset];
        let col = match encoding {
            PositionEncoding::Utf8 => prefix.len(),
            // A character outside the BMP (a 4-byte UTF-8 sequence) is two UTF-16 units. Counted
            // over bytes, which is several times faster than encoding (JSON output and every
            // LSP position go through here).
            PositionEncoding::Utf16 => prefix.chars().count() + prefix.bytes().filter(|&b| b >= 0xF0).count(),
            PositionEncoding::Utf32 => prefix.chars().count(),
        };
        LineCol { line: line as u32, col: col as u32 }
    }

    /// The byte offset of a position. Positions past the end of a line are clamped to the end of
    /// its content (before the line break), positions past the last line to the end of the text,
    /// and a column inside a character (a UTF-16 surrogate pair's middle) to its start — as the
    /// LSP specification asks of servers.
    pub fn offset(&self, text: &str, pos: LineCol, encoding: PositionEncoding) -> usize {
        let line = pos.line as usize;
        if line >= self.line_starts.len() {
            return text.len();
        }
        let range = self.line_range(line, text.len());
        // Only LF and CRLF end a line: a lone CR before them is part of the line's content.
        let line = &text[range.clone()];
        let content = line.strip_suffix('\n').map_or(line, |l| l.strip_suffix('\r').unwrap_or(l));
        let mut remaining = pos.col as usize;
        for (i, ch) in content.char_indices() {
            let width = match encoding {
                PositionEncoding::Utf8 => ch.len_utf8(),
                PositionEncoding::Utf16 => ch.len_utf16(),
                PositionEncoding::Utf32 => 1,
            };
            if remaining < width {
                return range.start + i;
            }
            remaining -= width;
        }
        range.start + content.len()
    }
}

/// The starts of the lines after each `\n` of `bytes` (at `base` in the text).
fn memchr_newlines(bytes: &[u8], base: usize) -> impl Iterator<Item = u32> + '_ {
    memchr::memchr_iter(b'\n', bytes).map(move |i| (base + i + 1) as u32)
}
