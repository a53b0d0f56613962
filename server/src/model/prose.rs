//! Prose as sentences of inline tokens. Lines hard-wrapped by PDF extraction are joined back:
//! a paragraph continues over a line break — even over a blank line — until it ends with
//! sentence-final punctuation, and a number split across two lines (`17` / `62条`) is one number.

use std::ops::Range;

use crate::syntax::{Node, SourceFile};
use crate::text::{self, CellNumber};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A number, with its unit when one follows (`1762条`).
    Number,
    /// `2023年`, `2023年度`.
    Year,
    Date,
    DocNumber,
    ClauseRef,
    BookTitle,
    Text,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    /// Where the token is written; a number joined across a line break spans both lines.
    pub range: Range<usize>,
    pub text: String,
    /// For numbers.
    pub value: Option<CellNumber>,
    /// For numbers: `条`, `件`, `余条` ….
    pub unit: Option<String>,
}

/// A sentence of prose (or a heading's text), ending at 。！？； or at the end of its block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub range: Range<usize>,
    /// The sentence's text without line breaks and insignificant spaces.
    pub text: String,
    pub tokens: Vec<Token>,
    /// Comes from a heading or a numbered point rather than a paragraph.
    pub from_heading: bool,
}

impl Sentence {
    pub fn text_of(&self, token: &Token) -> String {
        token.text.clone()
    }

    /// The text before a token, within the sentence.
    pub fn text_before(&self, index: usize) -> String {
        self.tokens[..index].iter().map(|t| t.text.as_str()).collect()
    }

    /// The text after a token, within the sentence.
    pub fn text_after(&self, index: usize) -> String {
        self.tokens[index + 1..].iter().map(|t| t.text.as_str()).collect()
    }
}

const TERMINATORS: [char; 7] = ['。', '！', '？', '；', '!', '?', ';'];

pub struct Collector<'a> {
    file: &'a SourceFile,
    sentences: Vec<Sentence>,
    current: Vec<Token>,
    from_heading: bool,
    /// The last token ended a line (for joining numbers split across lines).
    at_line_end: bool,
}

impl<'a> Collector<'a> {
    pub fn new(file: &'a SourceFile) -> Collector<'a> {
        Collector { file, sentences: Vec::new(), current: Vec::new(), from_heading: false, at_line_end: false }
    }

    /// A paragraph: its lines continue the sentence in progress unless that one has ended.
    pub fn paragraph(&mut self, node: Node<'_>) {
        if self.from_heading {
            self.flush();
        }
        let mut cursor = node.walk();
        for line in node.named_children(&mut cursor) {
            self.line(line);
        }
    }

    /// A heading or numbered point: its own sentences, never joined with the prose around it.
    pub fn heading_or_item(&mut self, node: Node<'_>) {
        self.flush();
        self.from_heading = true;
        let mut cursor = node.walk();
        let texts: Vec<Node<'_>> = node.named_children(&mut cursor).filter(|n| n.kind() == "line_text").collect();
        for text in texts {
            self.line(text);
        }
        self.flush();
        self.from_heading = false;
    }

    /// A table or a section heading ends the sentence in progress.
    pub fn break_paragraph(&mut self) {
        self.flush();
    }

    pub fn finish(mut self) -> Vec<Sentence> {
        self.flush();
        self.sentences
    }

    fn line(&mut self, line: Node<'_>) {
        let mut cursor = line.walk();
        let pieces: Vec<Node<'_>> = line.named_children(&mut cursor).collect();
        for (i, piece) in pieces.iter().enumerate() {
            let continues_number = i == 0 && self.at_line_end;
            self.piece(*piece, continues_number);
        }
        self.at_line_end = true;
    }

    fn piece(&mut self, node: Node<'_>, continues_line: bool) {
        let text = &self.file.text()[node.byte_range()];
        let (kind, value, unit) = match node.kind() {
            "quantity" => {
                let number = node.child_by_field_name("value").map(|n| &self.file.text()[n.byte_range()]).unwrap_or("");
                let unit = node.child_by_field_name("unit").map(|n| self.file.text()[n.byte_range()].to_owned());
                (TokenKind::Number, text::parse_count(number), unit)
            }
            "number" => (TokenKind::Number, text::parse_count(text), None),
            "year" => (TokenKind::Year, None, None),
            "date" => (TokenKind::Date, None, None),
            "doc_number" => (TokenKind::DocNumber, None, None),
            "clause_ref" => (TokenKind::ClauseRef, None, None),
            "book_title" => (TokenKind::BookTitle, None, None),
            _ => (TokenKind::Text, None, None),
        };
        if continues_line && self.join_across_line(kind, node, text, value, unit.as_deref()) {
            self.at_line_end = false;
            return;
        }
        self.at_line_end = false;
        if kind == TokenKind::Text {
            self.text_piece(node.start_byte(), text);
        } else {
            let compact: String = text.chars().filter(|c| !text::is_space(*c)).collect();
            self.current.push(Token { kind, range: node.byte_range(), text: compact, value, unit });
        }
    }

    /// `17` at a line's end and `62条` at the next one's start are `1762条`; `146` and `条，其中`
    /// are `146条` followed by `，其中`.
    fn join_across_line(&mut self, kind: TokenKind, node: Node<'_>, text: &str, value: Option<CellNumber>, unit: Option<&str>) -> bool {
        let Some(last) = self.current.last_mut() else { return false };
        if last.kind != TokenKind::Number || last.unit.is_some() {
            return false;
        }
        if kind == TokenKind::Number && value.is_some() {
            let joined = format!("{}{}", last.text, text.chars().filter(|c| !text::is_space(*c)).collect::<String>());
            let digits_only: String = joined.chars().take_while(|c| !c.is_alphabetic() || c.is_ascii_digit()).collect();
            if let Some(v) = text::parse_count(&digits_only) {
                last.value = Some(v);
                last.text = joined;
                last.range = last.range.start..node.end_byte();
                last.unit = unit.map(str::to_owned);
                return true;
            }
        }
        if kind == TokenKind::Text {
            let units = ["万元", "余条", "余件", "人次", "条", "件", "次", "个", "项", "篇", "份", "家", "场", "期", "批", "元", "人"];
            if let Some(u) = units.iter().find(|u| text.starts_with(**u)) {
                last.unit = Some((*u).to_owned());
                last.text.push_str(u);
                let rest_start = node.start_byte() + u.len();
                let rest = &text[u.len()..];
                if !rest.is_empty() {
                    self.text_piece(rest_start, rest);
                }
                return true;
            }
        }
        false
    }

    /// Plain text, split after each sentence terminator.
    fn text_piece(&mut self, start: usize, text: &str) {
        let mut from = 0;
        for (i, c) in text.char_indices() {
            if TERMINATORS.contains(&c) {
                let end = i + c.len_utf8();
                self.push_text(start + from, &text[from..end]);
                self.flush();
                from = end;
            }
        }
        if from < text.len() {
            self.push_text(start + from, &text[from..]);
        }
    }

    fn push_text(&mut self, start: usize, text: &str) {
        if text.is_empty() {
            return;
        }
        self.current.push(Token {
            kind: TokenKind::Text,
            range: start..start + text.len(),
            text: text.to_owned(),
            value: None,
            unit: None,
        });
    }

    fn flush(&mut self) {
        if self.current.is_empty() {
            return;
        }
        let tokens = std::mem::take(&mut self.current);
        let range = tokens[0].range.start..tokens[tokens.len() - 1].range.end;
        let text = tokens.iter().map(|t| t.text.as_str()).collect();
        self.sentences.push(Sentence { range, text, tokens, from_heading: self.from_heading });
        self.at_line_end = false;
    }
}
