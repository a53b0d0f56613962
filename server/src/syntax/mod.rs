//! The syntax layer: a report's text, its tree-sitter tree kept up to date incrementally, and
//! position conversions; and what the tree leaves to the text — a block's lines, a table's rows
//! and cells, a heading's parts (`heading.rs`), the inline tokens of prose (`inline.rs`). Knows
//! nothing of reports' meaning (that is `model`) or of LSP.

mod heading;
mod inline;
mod line_index;

pub use heading::LineParts;
pub use inline::{Inline, InlineKind, inline_tokens, is_terminator};

pub use line_index::{LineCol, LineIndex, PositionEncoding};
pub use tree_sitter::{Node, Tree};

use std::ops::Range;

/// The tree-sitter language of reports.
pub fn language() -> tree_sitter::Language {
    tree_sitter_nianbao::LANGUAGE.into()
}

/// Node kinds and fields looked up by id. tree-sitter's `Node::kind` measures and validates the
/// kind's C string on every call, and `child_by_field_name` compares the name with every field
/// name: both stood high in profiles of building the model of a large report.
pub trait NodeExt<'t> {
    /// The node's kind, as `Node::kind`.
    fn kind_name(&self) -> &'static str;
    /// The child in field `name`, as `Node::child_by_field_name`.
    fn field(&self, name: &str) -> Option<Node<'t>>;
}

struct Names {
    kinds: Vec<&'static str>,
    fields: Vec<(&'static str, std::num::NonZeroU16)>,
}

static LANGUAGE: std::sync::LazyLock<tree_sitter::Language> = std::sync::LazyLock::new(language);

static NAMES: std::sync::LazyLock<Names> = std::sync::LazyLock::new(|| {
    let language: &'static tree_sitter::Language = &LANGUAGE;
    let kinds = (0..language.node_kind_count() as u16).map(|id| language.node_kind_for_id(id).unwrap_or("")).collect();
    let fields = (1..=language.field_count() as u16)
        .filter_map(|id| Some((language.field_name_for_id(id)?, std::num::NonZeroU16::new(id)?)))
        .collect();
    Names { kinds, fields }
});

impl<'t> NodeExt<'t> for Node<'t> {
    fn kind_name(&self) -> &'static str {
        NAMES.kinds.get(self.kind_id() as usize).copied().unwrap_or("")
    }

    fn field(&self, name: &str) -> Option<Node<'t>> {
        let &(_, id) = NAMES.fields.iter().find(|(n, _)| *n == name)?;
        self.child_by_field_id(id.get())
    }
}

fn new_parser() -> tree_sitter::Parser {
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&language())
        .expect("the bundled grammar's ABI is supported by the tree-sitter runtime");
    parser
}

/// A parsed report: its text, syntax tree and line index, always consistent with each other.
pub struct SourceFile {
    text: String,
    tree: Tree,
    line_index: LineIndex,
    parser: tree_sitter::Parser,
}

/// An edit was rejected: nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The range ends past the text or starts after it ends.
    OutOfRange { range: Range<usize>, len: usize },
    /// A bound falls inside a multi-byte character.
    NotCharBoundary { offset: usize },
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::OutOfRange { range, len } => {
                write!(f, "edit range {range:?} is outside the text (length {len})")
            }
            EditError::NotCharBoundary { offset } => {
                write!(f, "edit bound {offset} is inside a character")
            }
        }
    }
}

impl std::error::Error for EditError {}

impl SourceFile {
    pub fn parse(text: impl Into<String>) -> SourceFile {
        let text = text.into();
        let mut parser = new_parser();
        let tree = parse_with(&mut parser, &text, None);
        let line_index = LineIndex::new(&text);
        SourceFile { text, tree, line_index, parser }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn tree(&self) -> &Tree {
        &self.tree
    }

    pub fn root(&self) -> Node<'_> {
        self.tree.root_node()
    }

    pub fn line_index(&self) -> &LineIndex {
        &self.line_index
    }

    /// The text a node spans.
    pub fn node_text(&self, node: Node<'_>) -> &str {
        &self.text[node.byte_range()]
    }

    /// Replaces `range` (byte offsets) with `replacement` and reparses incrementally: the old
    /// tree is edited and reused where tree-sitter can.
    pub fn edit(&mut self, range: Range<usize>, replacement: &str) -> Result<(), EditError> {
        let len = self.text.len();
        if range.start > range.end || range.end > len {
            return Err(EditError::OutOfRange { range, len });
        }
        for offset in [range.start, range.end] {
            if !self.text.is_char_boundary(offset) {
                return Err(EditError::NotCharBoundary { offset });
            }
        }
        let start_position = self.line_index.point(&self.text, range.start);
        let old_end_position = self.line_index.point(&self.text, range.end);
        self.text.replace_range(range.clone(), replacement);
        let new_end_byte = range.start + replacement.len();
        self.line_index.edit(&self.text, range.clone(), replacement);
        let new_end_position = self.line_index.point(&self.text, new_end_byte);
        self.tree.edit(&tree_sitter::InputEdit {
            start_byte: range.start,
            old_end_byte: range.end,
            new_end_byte,
            start_position,
            old_end_position,
            new_end_position,
        });
        self.tree = parse_with(&mut self.parser, &self.text, Some(&self.tree));
        Ok(())
    }

    /// The lines of a block node (a `paragraph`, `table` or `pipe_table`: one token of the
    /// grammar, several lines of text): each non-blank line's content, without its indentation
    /// and line break.
    pub fn block_lines(&self, block: Node<'_>) -> impl Iterator<Item = Range<usize>> + '_ {
        let range = block.byte_range();
        let text = &self.text[range.clone()];
        // Each line with its line break (memchr: every block of the report is read this way).
        let mut at = 0;
        let lines = std::iter::from_fn(move || {
            let start = at;
            at = memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i + 1);
            (start < text.len()).then(|| (start, &text[start..at]))
        });
        lines
            .filter_map(move |(start, line)| {
                let content = line.trim_end_matches(['\n', '\r']);
                let indent = content.len() - content.trim_start_matches(is_indentation).len();
                (indent < content.len()).then(|| range.start + start + indent..range.start + start + content.len())
            })
    }

    /// The rows of a `table` or `pipe_table` node, in order (blank lines skipped).
    pub fn table_rows(&self, table: Node<'_>) -> Vec<Row> {
        let pipe = table.kind_name() == "pipe_table";
        self.block_lines(table)
            .map(|range| {
                let kind = if !pipe {
                    RowKind::Tab
                } else if is_pipe_rule(&self.text[range.clone()]) {
                    RowKind::PipeRule
                } else {
                    RowKind::Pipe
                };
                Row { range, kind }
            })
            .collect()
    }

    /// The cells of a row: the byte range of each cell's content (trimmed; empty cells are
    /// empty ranges), in order. A pipe row's trailing `|` closes the last cell; a rule has none.
    pub fn row_cells(&self, row: &Row) -> Vec<Range<usize>> {
        let mut cells = Vec::new();
        self.for_each_cell(row, |cell| cells.push(cell));
        cells
    }

    /// [`Self::row_cells`], one at a time (what the model reads every row of every table with).
    pub fn for_each_cell(&self, row: &Row, mut each: impl FnMut(Range<usize>)) {
        let text = self.text();
        let range = row.range.clone();
        let line = &text[range.clone()];
        let base = range.start;
        let mut push = |start: usize, end: usize| {
            let seg = &line[start..end];
            let lead = seg.len() - crate::text::trim_space_start(seg).len();
            let trail = seg.len() - crate::text::trim_space_end(seg).len();
            let (s, e) = if lead == seg.len() { (start, start) } else { (start + lead, end - trail) };
            each(base + s..base + e);
        };
        match row.kind {
            RowKind::PipeRule => {}
            RowKind::Pipe => {
                let body_start = line.find('|').map_or(0, |i| i + 1);
                let trimmed_end = crate::text::trim_space_end(line).len();
                let closed = line[..trimmed_end].ends_with('|') && trimmed_end > body_start;
                let body_end = if closed { trimmed_end - 1 } else { line.len() };
                let mut start = body_start;
                // Bytes, not chars: an ASCII separator is never part of a UTF-8 sequence.
                for i in memchr::memchr_iter(b'|', &line.as_bytes()[body_start..body_end]) {
                    push(start, body_start + i);
                    start = body_start + i + 1;
                }
                if closed || !crate::text::trim_space(&line[start..body_end]).is_empty() {
                    push(start, body_end);
                }
            }
            RowKind::Tab => {
                let mut start = 0;
                for i in memchr::memchr_iter(b'\t', line.as_bytes()) {
                    push(start, i);
                    start = i + 1;
                }
                push(start, line.len());
            }
        }
    }

    /// The row of `table` at `offset` (within its content or at its end).
    pub fn row_at(&self, table: Node<'_>, offset: usize) -> Option<Row> {
        self.table_rows(table).into_iter().find(|r| r.range.start <= offset && offset <= r.range.end)
    }

    /// The inline token at `offset` in prose, a heading's text, a signer or a dateline (see
    /// [`SourceFile::prose_lines`]) — the one
    /// starting there, or else the one ending there.
    pub fn inline_at(&self, offset: usize) -> Option<Inline> {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = self.text[..offset].chars().next_back().map_or(offset, |c| offset - c.len_utf8());
        let line = [offset, before].into_iter().find_map(|at| {
            let node = self.root().named_descendant_for_byte_range(at, at)?;
            self.prose_lines(node).into_iter().find(|l| l.start <= offset && offset <= l.end)
        })?;
        let mut tokens = inline_tokens(&self.text, line).filter(|t| t.range.start <= offset && offset <= t.range.end);
        let first = tokens.next()?;
        Some(tokens.next().filter(|_| first.range.end == offset).unwrap_or(first))
    }

    /// The line index and the tree are those of a fresh parse of the text: incremental edits
    /// lost nothing. For tests and the server's debug request; it parses the text again.
    pub fn is_consistent(&self) -> bool {
        let fresh = SourceFile::parse(self.text.as_str());
        self.line_index == fresh.line_index && to_sexp(self) == to_sexp(&fresh)
    }

    pub fn has_syntax_errors(&self) -> bool {
        self.root().has_error()
    }
}

/// A line of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The line's content, without its indentation and line break.
    pub range: Range<usize>,
    pub kind: RowKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// TAB-separated cells.
    Tab,
    /// `| 规章 | 0 |`.
    Pipe,
    /// `|---|:--:|`, under a pipe table's header.
    PipeRule,
}

/// What the scanner skips before a line's content (a TAB is not: it opens an empty cell).
fn is_indentation(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\u{A0}' | '\u{FEFF}' | '\u{c}' | '\u{b}')
}

/// Only `|`, `-`, `:` and spaces, with one `-` at least (as the scanner's `CLASS_PIPE_RULE`).
fn is_pipe_rule(line: &str) -> bool {
    line.contains('-') && line.chars().all(|c| matches!(c, '|' | '-' | ':') || crate::text::is_space(c))
}

impl Clone for SourceFile {
    fn clone(&self) -> SourceFile {
        SourceFile {
            text: self.text.clone(),
            tree: self.tree.clone(),
            line_index: self.line_index.clone(),
            parser: new_parser(),
        }
    }
}

impl std::fmt::Debug for SourceFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SourceFile").field("len", &self.text.len()).finish_non_exhaustive()
    }
}

fn parse_with(parser: &mut tree_sitter::Parser, text: &str, old: Option<&Tree>) -> Tree {
    // With a language set and no cancellation or timeout, tree-sitter always returns a tree.
    parser.parse(text, old).expect("tree-sitter returns a tree when no timeout is set")
}

/// The tree as an S-expression of named nodes, with field names, one node per line, each with
/// its range as `[row, column]` (byte columns, as tree-sitter reports them).
pub fn to_sexp(file: &SourceFile) -> String {
    let mut out = String::new();
    let mut cursor = file.tree().walk();
    write_node(&mut cursor, None, 0, &mut out);
    out
}

fn write_node(cursor: &mut tree_sitter::TreeCursor<'_>, field: Option<&str>, depth: usize, out: &mut String) {
    use std::fmt::Write as _;
    let node = cursor.node();
    let kind = if node.is_error() {
        "ERROR".to_owned()
    } else if node.is_missing() {
        format!("MISSING {}", node.kind_name())
    } else {
        node.kind_name().to_owned()
    };
    let (start, end) = (node.start_position(), node.end_position());
    let _ = write!(out, "{:indent$}", "", indent = depth * 2);
    if let Some(field) = field {
        let _ = write!(out, "{field}: ");
    }
    let _ = write!(out, "({kind} [{}, {}] - [{}, {}]", start.row, start.column, end.row, end.column);
    if cursor.goto_first_child() {
        loop {
            if cursor.node().is_named() || cursor.node().is_missing() {
                out.push('\n');
                let field = cursor.field_name();
                write_node(cursor, field, depth + 1, out);
            }
            if !cursor.goto_next_sibling() {
                break;
            }
        }
        cursor.goto_parent();
    }
    out.push(')');
    if depth == 0 {
        out.push('\n');
    }
}

#[cfg(test)]
pub(crate) mod tests;
