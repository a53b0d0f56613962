//! Prose as sentences of inline tokens. Lines hard-wrapped by PDF extraction are joined back:
//! a paragraph continues over a line break — even over a blank line — until it ends with
//! sentence-final punctuation, and a number split across two lines (`17` / `62条`) is one number.

use std::ops::Range;
use std::sync::Arc;

use crate::syntax::{self, Inline, InlineKind, Node, SourceFile};
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

/// A token of a sentence. Its text is a slice of the sentence's text ([`Sentence::token_text`]),
/// so that a report's prose costs one copy of its text, not one allocation per token; a number's
/// value is read from that text when asked for ([`Sentence::value`]). 20 bytes: the 5 MB report
/// of `--bench scaling` has 63,000 tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    /// For numbers: the length in bytes of the unit at the end of the token's text (`条`, `余条`).
    unit_len: u8,
    /// Where the token is written, from its sentence's start ([`Sentence::range_of`]); a number
    /// joined across a line break spans both lines.
    at: Range<u32>,
    /// The token's text within [`Sentence::text`].
    span: Range<u32>,
}

/// A sentence of prose (or a heading's text), ending at 。！？； or at the end of its block.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub range: Range<usize>,
    /// The text and tokens of the sentence's run of prose, shared by its sentences — and with
    /// the same sentences of the previous version's model: tokens are placed relative to their
    /// sentence, so a sentence that moved is moved by its range alone. (One allocation per run
    /// rather than two per sentence: the 5 MB report of `--bench scaling` has 16,000 sentences.)
    run: Arc<RunText>,
    /// This sentence's text and tokens within the run's.
    text_span: Range<u32>,
    token_span: Range<u32>,
    /// Comes from a heading or a numbered point rather than a paragraph.
    pub from_heading: bool,
}

#[derive(Debug, Default)]
struct RunText {
    text: String,
    tokens: Vec<Token>,
}

impl PartialEq for Sentence {
    fn eq(&self, other: &Sentence) -> bool {
        self.range == other.range && self.text() == other.text() && self.tokens() == other.tokens() && self.from_heading == other.from_heading
    }
}

impl Eq for Sentence {}

impl Sentence {
    /// The sentence's text without line breaks and insignificant spaces.
    pub fn text(&self) -> &str {
        &self.run.text[self.text_span.start as usize..self.text_span.end as usize]
    }

    pub fn tokens(&self) -> &[Token] {
        &self.run.tokens[self.token_span.start as usize..self.token_span.end as usize]
    }

    /// The sentence moved by `delta` bytes (its text and tokens shared).
    fn shifted(&self, delta: isize) -> Sentence {
        let range = self.range.start.wrapping_add_signed(delta)..self.range.end.wrapping_add_signed(delta);
        Sentence { range, ..self.clone() }
    }

    /// Where a token of this sentence is written.
    pub fn range_of(&self, token: &Token) -> Range<usize> {
        self.range.start + token.at.start as usize..self.range.start + token.at.end as usize
    }

    /// A token's text, without insignificant spaces.
    pub fn token_text(&self, token: &Token) -> &str {
        &self.text()[token.span.start as usize..token.span.end as usize]
    }

    /// A number's value (`None` for other tokens, and for numbers too large to read).
    pub fn value(&self, token: &Token) -> Option<CellNumber> {
        if token.kind != TokenKind::Number {
            return None;
        }
        let text = self.token_text(token);
        text::parse_count(&text[..text.len() - token.unit_len as usize])
    }

    /// A number's unit (`条`, `件`, `余条`), when one follows it.
    pub fn unit(&self, token: &Token) -> Option<&str> {
        let text = self.token_text(token);
        (token.unit_len > 0).then(|| &text[text.len() - token.unit_len as usize..])
    }

    /// The text before a token, within the sentence.
    pub fn text_before(&self, index: usize) -> &str {
        &self.text()[..self.tokens()[index].span.start as usize]
    }

    /// The text after a token, within the sentence.
    pub fn text_after(&self, index: usize) -> &str {
        &self.text()[self.tokens()[index].span.end as usize..]
    }
}

/// What the model's walk of the tree hands to prose collection, in document order.
#[derive(Debug, Clone, Copy)]
pub enum Event<'a> {
    Paragraph(Node<'a>),
    HeadingOrItem(Node<'a>),
    /// A table or a section heading: the sentence in progress ends.
    Break,
}

/// The sentences of `events`, reusing those of `earlier` (the model of an earlier version of the
/// same document) wherever a run of events is the same text with the same syntax: a keystroke in
/// a 5 MB report then re-collects one run instead of every sentence.
///
/// Runs end at breaks, where no sentence carries over, so a run's sentences depend on its text
/// and its nodes only. A run is known by a 128-bit hash of its text and of its nodes' kinds and
/// offsets (hashing 5 MB takes half a millisecond); reused sentences move by the run's shift.
pub fn sentences(file: &SourceFile, events: &[Event<'_>], earlier: Option<(&Chunks, &[Sentence])>) -> (Vec<Sentence>, Chunks) {
    let known: foldhash::HashMap<u128, &Chunk> = match earlier {
        Some((chunks, _)) => chunks.runs.iter().map(|c| (c.key, c)).collect(),
        None => Default::default(),
    };
    let mut sentences = Vec::new();
    let mut runs = Vec::new();
    let mut reused = 0;
    let mut start = 0;
    // One collector for every run: its buffers keep their capacity from run to run.
    let mut collector = Collector::new(file);
    while start < events.len() {
        let end = events[start..].iter().position(|e| matches!(e, Event::Break)).map_or(events.len(), |i| start + i + 1);
        let run = &events[start..end];
        start = end;
        let key = run_key(file.text(), run);
        let first = sentences.len();
        let at = run_start(run);
        match (known.get(&key), earlier, at) {
            (Some(chunk), Some((_, old)), Some(at)) => {
                let delta = at as isize - chunk.start as isize;
                sentences.extend(old[chunk.sentences.clone()].iter().map(|s| s.shifted(delta)));
                reused += 1;
            }
            _ => {
                collector.start_run(run_extent(run));
                for event in run {
                    match *event {
                        Event::Paragraph(node) => collector.paragraph(node),
                        Event::HeadingOrItem(node) => collector.heading_or_item(node),
                        Event::Break => collector.break_paragraph(),
                    }
                }
                collector.finish_run(&mut sentences);
            }
        }
        if let Some(at) = at {
            runs.push(Chunk { key, start: at, sentences: first..sentences.len() });
        }
    }
    // Kept until the next version: no spare capacity.
    sentences.shrink_to_fit();
    runs.shrink_to_fit();
    (sentences, Chunks { runs, reused })
}

/// Where the runs of an earlier model's prose were, to be reused by the next (see [`sentences`]).
#[derive(Debug, Clone, Default)]
pub struct Chunks {
    runs: Vec<Chunk>,
    /// How many runs were taken from the earlier model (read by tests).
    #[allow(dead_code)]
    pub(crate) reused: usize,
}

#[derive(Debug, Clone)]
struct Chunk {
    key: u128,
    /// The start of the run's first node.
    start: usize,
    /// Its sentences, as indices into the model's sentences.
    sentences: Range<usize>,
}

impl Chunks {
    #[cfg(test)]
    pub(crate) fn runs_len(&self) -> usize {
        self.runs.len()
    }

    /// The runs of prose in order: (key, start of its first node, its sentences).
    pub(crate) fn runs(&self) -> impl Iterator<Item = (u128, usize, Range<usize>)> + '_ {
        self.runs.iter().map(|c| (c.key, c.start, c.sentences.clone()))
    }
}

fn run_key(text: &str, run: &[Event<'_>]) -> u128 {
    let nodes: Vec<(u8, usize, usize)> = run
        .iter()
        .filter_map(|e| match e {
            Event::Paragraph(node) => Some((1u8, node.start_byte(), node.end_byte())),
            Event::HeadingOrItem(node) => Some((2u8, node.start_byte(), node.end_byte())),
            Event::Break => None,
        })
        .collect();
    let Some(&(_, start, _)) = nodes.first() else { return 0 };
    let end = nodes.iter().map(|n| n.2).max().unwrap_or(start);
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(&text.as_bytes()[start..end]);
    for (tag, from, to) in nodes {
        hasher.update(&[tag]);
        hasher.update(&((from - start) as u64).to_le_bytes());
        hasher.update(&((to - start) as u64).to_le_bytes());
    }
    hasher.update(&[u8::from(matches!(run.last(), Some(Event::Break)))]);
    hasher.digest128()
}

/// How many bytes of the text a run spans.
fn run_extent(run: &[Event<'_>]) -> usize {
    let mut nodes = run.iter().filter_map(|e| match e {
        Event::Paragraph(node) | Event::HeadingOrItem(node) => Some(node.byte_range()),
        Event::Break => None,
    });
    let Some(first) = nodes.next() else { return 0 };
    nodes.next_back().map_or(first.end, |last| last.end) - first.start
}

fn run_start(run: &[Event<'_>]) -> Option<usize> {
    run.iter().find_map(|e| match e {
        Event::Paragraph(node) | Event::HeadingOrItem(node) => Some(node.start_byte()),
        Event::Break => None,
    })
}

/// A sentence of the run being collected, before the run's text is shared.
struct Finished {
    range: Range<usize>,
    text_span: Range<u32>,
    token_span: Range<u32>,
    from_heading: bool,
}

pub struct Collector<'a> {
    file: &'a SourceFile,
    /// The run's text and tokens so far, and its finished sentences.
    run: RunText,
    sentences: Vec<Finished>,
    current: Vec<Token>,
    /// Where each token of `current` is written (made relative to the sentence at its end).
    current_ranges: Vec<Range<usize>>,
    /// Where the sentence in progress starts in the run's text: it is written there directly.
    sentence_start: usize,
    from_heading: bool,
    /// The last token ended a line (for joining numbers split across lines).
    at_line_end: bool,
}

impl<'a> Collector<'a> {
    pub fn new(file: &'a SourceFile) -> Collector<'a> {
        Collector {
            file,
            run: RunText::default(),
            sentences: Vec::new(),
            current: Vec::new(),
            current_ranges: Vec::new(),
            sentence_start: 0,
            from_heading: false,
            at_line_end: false,
        }
    }

    /// A paragraph: its lines continue the sentence in progress unless that one has ended.
    pub fn paragraph(&mut self, node: Node<'_>) {
        if self.from_heading {
            self.flush();
        }
        for line in self.file.block_lines(node) {
            self.line(line);
        }
    }

    /// A heading or numbered point: its own sentences, never joined with the prose around it.
    pub fn heading_or_item(&mut self, node: Node<'_>) {
        self.flush();
        self.from_heading = true;
        for line in self.file.prose_lines(node) {
            self.line(line);
        }
        self.flush();
        self.from_heading = false;
    }

    /// A table or a section heading ends the sentence in progress.
    pub fn break_paragraph(&mut self) {
        self.flush();
    }

    /// Starts a run of `bytes` of the text: its text is at most that long (spaces are left out).
    pub fn start_run(&mut self, bytes: usize) {
        self.run.text.reserve(bytes);
    }

    /// Ends the run: its sentences, sharing its text, go to `out`.
    pub fn finish_run(&mut self, out: &mut Vec<Sentence>) {
        self.flush();
        let mut run = std::mem::take(&mut self.run);
        self.sentence_start = 0;
        run.text.shrink_to_fit();
        run.tokens.shrink_to_fit();
        let run = Arc::new(run);
        out.extend(self.sentences.drain(..).map(|f| Sentence {
            range: f.range,
            run: run.clone(),
            text_span: f.text_span,
            token_span: f.token_span,
            from_heading: f.from_heading,
        }));
        self.from_heading = false;
        self.at_line_end = false;
    }

    fn line(&mut self, line: Range<usize>) {
        let file = self.file;
        for (i, piece) in syntax::inline_tokens(file.text(), line).enumerate() {
            let continues_number = i == 0 && self.at_line_end;
            self.piece(&piece, continues_number);
        }
        self.at_line_end = true;
    }

    fn piece(&mut self, piece: &Inline, continues_line: bool) {
        let file_text = self.file.text();
        let text = &file_text[piece.range.clone()];
        let (kind, unit) = match piece.kind {
            InlineKind::Quantity => (TokenKind::Number, piece.unit.clone().map(|u| &file_text[u])),
            InlineKind::Number => (TokenKind::Number, None),
            InlineKind::Year => (TokenKind::Year, None),
            InlineKind::Date => (TokenKind::Date, None),
            InlineKind::DocNumber => (TokenKind::DocNumber, None),
            InlineKind::ClauseRef => (TokenKind::ClauseRef, None),
            InlineKind::BookTitle => (TokenKind::BookTitle, None),
            InlineKind::Text => (TokenKind::Text, None),
        };
        // Whether the number reads as one: asked only at a line's start, where it may continue
        // the number the line before ended with.
        let readable = || kind == TokenKind::Number && text::parse_count(&file_text[piece.value.clone()]).is_some();
        if continues_line && self.join_across_line(kind, piece.range.clone(), text, readable(), unit) {
            self.at_line_end = false;
            return;
        }
        self.at_line_end = false;
        if kind == TokenKind::Text {
            self.text_piece(piece.range.start, text);
        } else {
            let start = self.sentence_len();
            text::push_without_spaces(&mut self.run.text, text);
            let unit_len = unit.map_or(0, |u| text::trim_space(u).len() as u8);
            self.current.push(Token { kind, at: 0..0, span: start..self.sentence_len(), unit_len });
            self.current_ranges.push(piece.range.clone());
        }
    }

    /// `17` at a line's end and `62条` at the next one's start are `1762条`; `146` and `条，其中`
    /// are `146条` followed by `，其中`.
    fn join_across_line(&mut self, kind: TokenKind, range: Range<usize>, text: &str, readable: bool, unit: Option<&str>) -> bool {
        let Some(last) = self.current.last_mut() else { return false };
        let sentence = &mut self.run.text;
        let sentence_start = self.sentence_start;
        if last.kind != TokenKind::Number || last.unit_len > 0 || last.span.end as usize != sentence.len() - sentence_start {
            return false;
        }
        if readable {
            let previous = &sentence[sentence_start + last.span.start as usize..];
            let mut appended = String::new();
            text::push_without_spaces(&mut appended, text);
            let unit = unit.map(text::trim_space).unwrap_or("");
            let digits = format!("{previous}{}", &appended[..appended.len() - unit.len()]);
            if text::parse_count(&digits).is_some() {
                if let Some(last_range) = self.current_ranges.last_mut() {
                    last_range.end = range.end;
                }
                last.unit_len = unit.len() as u8;
                sentence.push_str(&appended);
                last.span.end = (sentence.len() - sentence_start) as u32;
                return true;
            }
        }
        if kind == TokenKind::Text {
            let units = ["万元", "余条", "余件", "人次", "条", "件", "次", "个", "项", "篇", "份", "家", "场", "期", "批", "元", "人"];
            if let Some(u) = units.iter().find(|u| text.starts_with(**u)) {
                last.unit_len = u.len() as u8;
                sentence.push_str(u);
                last.span.end = (sentence.len() - sentence_start) as u32;
                let rest_start = range.start + u.len();
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
    /// Plain text: a text token ends at the latest with a sentence terminator, which ends the
    /// sentence.
    fn text_piece(&mut self, start: usize, text: &str) {
        self.push_text(start, text);
        if text.ends_with(syntax::is_terminator) {
            self.flush();
        }
    }

    /// The length of the sentence in progress so far.
    fn sentence_len(&self) -> u32 {
        (self.run.text.len() - self.sentence_start) as u32
    }

    fn push_text(&mut self, start: usize, text: &str) {
        if text.is_empty() {
            return;
        }
        let span_start = self.sentence_len();
        self.run.text.push_str(text);
        self.current.push(Token { kind: TokenKind::Text, at: 0..0, span: span_start..self.sentence_len(), unit_len: 0 });
        self.current_ranges.push(start..start + text.len());
    }

    fn flush(&mut self) {
        if self.current.is_empty() {
            return;
        }
        // The buffers of the sentence in progress keep their capacity for the next one.
        let ranges = &self.current_ranges;
        let range = ranges[0].start..ranges[ranges.len() - 1].end;
        for (token, at) in self.current.iter_mut().zip(ranges) {
            token.at = (at.start - range.start) as u32..(at.end - range.start) as u32;
        }
        let text_span = self.sentence_start as u32..self.run.text.len() as u32;
        let token_span = self.run.tokens.len() as u32..(self.run.tokens.len() + self.current.len()) as u32;
        self.sentence_start = self.run.text.len();
        self.run.tokens.append(&mut self.current);
        self.current_ranges.clear();
        self.sentences.push(Finished { range, text_span, token_span, from_heading: self.from_heading });
        self.at_line_end = false;
    }
}
