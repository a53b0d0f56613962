//! Semantic highlighting: headings, table labels, numbers (totals marked), dates, citations and
//! comments. Tokens never overlap and never span a line break.

use std::ops::Range;

use super::{named_children, trimmed_range};
use crate::analysis::Analysis;
use crate::syntax::NodeExt as _;
use crate::syntax::{Inline, InlineKind, Node, SourceFile, inline_tokens};

/// What a token is. The LSP front end maps each to a standard token type so that every client's
/// theme colours it (see [`TokenType::lsp_name`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenType {
    /// The report's title line.
    Title,
    /// `一、总体情况`.
    SectionHeading,
    /// `（一）主动公开情况`.
    SubsectionHeading,
    /// Any other heading (`## 附件`).
    Heading,
    /// A table row's label (`行政许可`, `（三）不予公开`).
    RowLabel,
    /// A header cell of a table (`自然人`, `本年制发件数`).
    ColumnLabel,
    Number,
    /// A date or a year (`2023年1月1日`, `2023年`).
    Date,
    /// A clause of a regulation (`第二十条第（一）项`).
    ClauseRef,
    /// A document number (`国令第711号`, `〔2021〕30号`).
    DocNumber,
    /// A quoted title (`《中华人民共和国政府信息公开条例》`).
    BookTitle,
    /// `<!-- … -->`, including suppression comments.
    Comment,
}

impl TokenType {
    pub const ALL: [TokenType; 12] = [
        TokenType::Title,
        TokenType::SectionHeading,
        TokenType::SubsectionHeading,
        TokenType::Heading,
        TokenType::RowLabel,
        TokenType::ColumnLabel,
        TokenType::Number,
        TokenType::Date,
        TokenType::ClauseRef,
        TokenType::DocNumber,
        TokenType::BookTitle,
        TokenType::Comment,
    ];

    /// The standard LSP token type used for it.
    pub fn lsp_name(self) -> &'static str {
        match self {
            TokenType::Title => "namespace",
            TokenType::SectionHeading => "class",
            TokenType::SubsectionHeading => "struct",
            TokenType::Heading => "interface",
            TokenType::RowLabel => "property",
            TokenType::ColumnLabel => "type",
            TokenType::Number => "number",
            TokenType::Date => "string",
            TokenType::ClauseRef => "macro",
            TokenType::DocNumber => "enumMember",
            TokenType::BookTitle => "decorator",
            TokenType::Comment => "comment",
        }
    }

    pub fn index(self) -> u32 {
        TokenType::ALL.iter().position(|t| *t == self).unwrap_or(0) as u32
    }
}

/// Modifier bits.
pub mod modifier {
    /// A heading: where a section is declared.
    pub const DECLARATION: u32 = 1 << 0;
    /// A superseded citation.
    pub const DEPRECATED: u32 = 1 << 1;
    /// A total (a cell the checker computes, or a 总计 row).
    pub const TOTAL: u32 = 1 << 2;
    /// Names of the modifiers in bit order (the LSP legend).
    pub const NAMES: [&str; 3] = ["declaration", "deprecated", "total"];
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    pub ty: TokenType,
    pub modifiers: u32,
}

/// All tokens of the document, sorted, non-overlapping, each on one line. `analysis` (optional)
/// marks computed totals and superseded citations.
pub fn semantic_tokens(file: &SourceFile, analysis: Option<&Analysis>) -> Vec<Token> {
    let mut out = Vec::new();
    let ctx = Ctx { file, analysis };
    ctx.visit(file.root(), &mut out);
    out.sort_by_key(|t| (t.range.start, t.range.end));
    // Defensive: drop overlaps and split anything that crosses a line break.
    let mut result: Vec<Token> = Vec::with_capacity(out.len());
    for t in out {
        if t.range.is_empty() || result.last().is_some_and(|l| l.range.end > t.range.start) {
            continue;
        }
        let text = &file.text()[t.range.clone()];
        if text.contains('\n') {
            let mut start = t.range.start;
            for line in text.split_inclusive('\n') {
                let content = line.trim_end_matches(['\n', '\r']);
                if !content.is_empty() {
                    result.push(Token { range: start..start + content.len(), ..t.clone() });
                }
                start += line.len();
            }
        } else {
            result.push(t);
        }
    }
    result
}

struct Ctx<'a> {
    file: &'a SourceFile,
    analysis: Option<&'a Analysis>,
}

impl Ctx<'_> {
    fn visit(&self, node: Node<'_>, out: &mut Vec<Token>) {
        match node.kind_name() {
            "title" => self.line(node, TokenType::Title, modifier::DECLARATION, out),
            "section_heading" => self.line(node, TokenType::SectionHeading, modifier::DECLARATION, out),
            "subsection_heading" => self.line(node, TokenType::SubsectionHeading, modifier::DECLARATION, out),
            "heading" => self.line(node, TokenType::Heading, modifier::DECLARATION, out),
            "comment" | "suppression" => self.line(node, TokenType::Comment, 0, out),
            "table" | "pipe_table" => self.table(node, out),
            // Prose, an item's text, the signature: their inline tokens (read from the text).
            "paragraph" | "item" | "signer" | "dateline" => {
                for line in self.file.prose_lines(node) {
                    for token in inline_tokens(self.file.text(), line) {
                        self.inline(&token, out);
                    }
                }
            }
            _ => {
                for child in named_children(node) {
                    self.visit(child, out);
                }
            }
        }
    }

    fn line(&self, node: Node<'_>, ty: TokenType, modifiers: u32, out: &mut Vec<Token>) {
        let range = trimmed_range(self.file, node);
        out.push(Token { range, ty, modifiers });
    }

    fn inline(&self, token: &Inline, out: &mut Vec<Token>) {
        let ty = match token.kind {
            InlineKind::Number | InlineKind::Quantity => TokenType::Number,
            InlineKind::Year | InlineKind::Date => TokenType::Date,
            InlineKind::DocNumber => TokenType::DocNumber,
            InlineKind::ClauseRef => TokenType::ClauseRef,
            InlineKind::BookTitle => TokenType::BookTitle,
            InlineKind::Text => return,
        };
        // A quantity's unit is not part of the number.
        self.push(token.value.clone(), ty, false, out);
    }

    fn push(&self, range: Range<usize>, ty: TokenType, total: bool, out: &mut Vec<Token>) {
        let mut modifiers = 0;
        if ty == TokenType::Number && (total || self.is_computed(&range)) {
            modifiers |= modifier::TOTAL;
        }
        if matches!(ty, TokenType::DocNumber | TokenType::BookTitle) && self.is_superseded(&range) {
            modifiers |= modifier::DEPRECATED;
        }
        out.push(Token { range, ty, modifiers });
    }

    fn is_computed(&self, range: &Range<usize>) -> bool {
        // Computations are sorted by start: the candidate is the last one starting at or before.
        self.analysis.is_some_and(|a| {
            let i = a.computations.partition_point(|c| c.range.start <= range.start);
            i > 0 && range.end <= a.computations[i - 1].range.end
        })
    }

    fn is_superseded(&self, range: &Range<usize>) -> bool {
        self.analysis.is_some_and(|a| {
            a.diagnostics.iter().any(|d| {
                d.code == "superseded-citation" && d.range.start < range.end && range.start < d.range.end
            })
        })
    }

    fn table(&self, table: Node<'_>, out: &mut Vec<Token>) {
        let text = self.file.text();
        // Columns headed 总计 / 合计 hold totals.
        let mut total_columns: Vec<usize> = Vec::new();
        for row in self.file.table_rows(table) {
            let cells = self.file.row_cells(&row);
            let numeric = cells.iter().any(|c| !c.is_empty() && is_number_cell(&text[c.clone()]));
            if !numeric {
                for (i, c) in cells.iter().enumerate() {
                    if is_total_label(&text[c.clone()]) && !total_columns.contains(&i) {
                        total_columns.push(i);
                    }
                }
            }
            let row_is_total = cells.iter().any(|c| is_total_label(&text[c.clone()]));
            for (i, cell) in cells.iter().enumerate() {
                if cell.is_empty() {
                    continue;
                }
                let written = &text[cell.clone()];
                let number = if is_number_cell(written) {
                    Some(cell.clone())
                } else {
                    crate::text::count_with_unit(written).map(|(_, len)| cell.start..cell.start + len)
                };
                if let Some(range) = number {
                    let total = row_is_total || total_columns.contains(&i);
                    self.push(range, TokenType::Number, total, out);
                } else if crate::knowledge::ClauseRef::parse(written).is_some() {
                    // Table 二's captions: `第二十条第（一）项`.
                    self.push(cell.clone(), TokenType::ClauseRef, false, out);
                } else {
                    let ty = if numeric { TokenType::RowLabel } else { TokenType::ColumnLabel };
                    let modifiers = if is_total_label(&text[cell.clone()]) { modifier::TOTAL } else { 0 };
                    out.push(Token { range: cell.clone(), ty, modifiers });
                }
            }
        }
    }
}

fn is_number_cell(s: &str) -> bool {
    crate::text::parse_count(s).is_some()
}

fn is_total_label(s: &str) -> bool {
    // Most cells are neither: decide without normalizing (which allocates).
    if !(s.contains('计')) {
        return false;
    }
    let n = crate::text::normalize_label(s);
    n == "总计" || n == "合计"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_of_headings_cells_and_citations() {
        let text = "2023年政府信息公开工作年度报告\n\n依据《中华人民共和国政府信息公开条例》（国令第711号）第二十条，统计期限自2023年1月1日起。\n\n三、收到和处理政府信息公开申请情况\n\t自然人\t总计\n一、本年新收政府信息公开申请数量\t3\t3\n<!-- 注释 -->\n";
        let f = SourceFile::parse(text);
        let tokens = semantic_tokens(&f, None);
        let get = |s: &str| tokens.iter().find(|t| &text[t.range.clone()] == s).map(|t| (t.ty, t.modifiers));
        assert_eq!(get("2023年政府信息公开工作年度报告"), Some((TokenType::Title, modifier::DECLARATION)));
        assert_eq!(get("《中华人民共和国政府信息公开条例》"), Some((TokenType::BookTitle, 0)));
        assert_eq!(get("国令第711号"), Some((TokenType::DocNumber, 0)));
        assert_eq!(get("第二十条"), Some((TokenType::ClauseRef, 0)));
        assert_eq!(get("2023年1月1日"), Some((TokenType::Date, 0)));
        assert_eq!(get("三、收到和处理政府信息公开申请情况"), Some((TokenType::SectionHeading, modifier::DECLARATION)));
        assert_eq!(get("自然人"), Some((TokenType::ColumnLabel, 0)));
        assert_eq!(get("一、本年新收政府信息公开申请数量"), Some((TokenType::RowLabel, 0)));
        assert_eq!(get("<!-- 注释 -->"), Some((TokenType::Comment, 0)));
        let threes: Vec<_> = tokens.iter().filter(|t| &text[t.range.clone()] == "3").collect();
        assert_eq!(threes.len(), 2);
        assert_eq!(threes[0].modifiers, 0);
        assert_eq!(threes[1].modifiers, modifier::TOTAL);
        for w in tokens.windows(2) {
            assert!(w[0].range.end <= w[1].range.start);
        }
    }
}
