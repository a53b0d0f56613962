//! The inline tokens of a line of text: numbers (with their unit), years, dates, document
//! numbers, clause references, book titles and plain text.
//!
//! They are read here, from the lines of prose and of headings (`SourceFile::prose_lines`), not
//! by the grammar: as grammar tokens they were most of a report's syntax tree, several times the
//! size of the text (tree-sitter keeps a heap node per token and per step of a repetition; see
//! docs/performance.md). Editors that colour by tree-sitter alone get the same tokens from the grammar in
//! `grammar/inline/`, injected into prose; its corpus is this lexer's test.
//! A line is cheap to read again, so nothing is stored: the model reads each line once and the
//! IDE features read the line under the cursor.
//!
//! Insignificant spaces (` `, U+3000, NBSP, a BOM, stray CR/FF/VT) separate tokens and are
//! allowed inside dates and document numbers (`2023 年 1 月 1 日`), as in `docs/markup.md`.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InlineKind {
    /// `1762`, `１,７６２`, `24252.31`.
    Number,
    /// A number and its unit: `1762条`, `5500 余条`, `3940元`.
    Quantity,
    /// `2023年`, `2023 年度`.
    Year,
    /// `2023年1月1日`, `2024年1月`, `1月31日`.
    Date,
    /// `〔2021〕30号` (in any bracket style), `国务院令第711号`.
    DocNumber,
    /// `第二十条第（一）项`, `第五十条第二款`.
    ClauseRef,
    /// `《中华人民共和国政府信息公开条例》`.
    BookTitle,
    /// A run of other characters (one trigger character may start it: `第三方`, `国家`), ending
    /// at the latest with a sentence terminator (`。！？；`).
    Text,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inline {
    pub kind: InlineKind,
    pub range: Range<usize>,
    /// For a quantity, its number and its unit; for a number, `value` is the whole range.
    pub value: Range<usize>,
    pub unit: Option<Range<usize>>,
}

/// The inline tokens of `text[range]` (one line, or several: line breaks separate tokens), in
/// order, with offsets into `text`.
pub fn inline_tokens(text: &str, range: Range<usize>) -> Lexer<'_> {
    Lexer { text: &text[..range.end], pos: range.start }
}

pub struct Lexer<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for Lexer<'_> {
    type Item = Inline;

    fn next(&mut self) -> Option<Inline> {
        loop {
            let c = self.text[self.pos..].chars().next()?;
            if is_space(c) || matches!(c, '\t' | '\n') {
                // Spaces separate tokens; a TAB (never inside prose) or a line break too.
                self.pos += c.len_utf8();
                continue;
            }
            let start = self.pos;
            let token = lex(self.text, start);
            self.pos = token.range.end;
            return Some(token);
        }
    }
}

/// Insignificant horizontal space: the grammar's `extras`.
pub fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\u{A0}' | '\u{FEFF}' | '\r' | '\u{c}' | '\u{b}')
}

/// Space allowed inside a date or a document number.
fn is_inner_space(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\u{A0}')
}

pub(super) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

pub(super) fn is_han_numeral(c: char) -> bool {
    matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
}

/// Characters at which a run of plain text stops, so that a longer token can start there.
/// (Character classes here are `matches!`, not `str::contains`: they run for every character of
/// a report's prose.)
fn is_trigger(c: char) -> bool {
    matches!(c, '第' | '国' | '《' | '〔' | '【' | '[' | '(' | '（' | '<' | '|')
}

/// Sentence terminators: 。！？； and their ASCII forms.
pub fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
}

/// Characters that never belong to plain text (after its first).
fn ends_text(c: char) -> bool {
    // Most of prose: Han characters, of which two are triggers.
    if crate::text::is_han(c) {
        return c == '第' || c == '国';
    }
    matches!(c, '\t' | '\n' | '\r' | ' ' | '\u{3000}' | '\u{A0}' | '\u{FEFF}') || is_digit(c) || is_trigger(c)
}

/// The token at `start` (a character that is neither a space nor a line break).
fn lex(text: &str, start: usize) -> Inline {
    let simple = |kind, end: usize| Inline { kind, range: start..end, value: start..end, unit: None };
    let at = Cursor { text, pos: start };
    let first = text[start..].chars().next().unwrap_or(' ');
    if is_digit(first) {
        // A date or a year (the grammar's higher precedence) wins over the number they start with.
        // Each needs its digits followed by 年 or 月: most numbers are ruled out at once.
        let may_be_dated = at.repeat(is_digit, 1, usize::MAX).map(Cursor::sp).and_then(Cursor::peek).is_some_and(|c| c == '年' || c == '月');
        let dated = may_be_dated
            .then(|| {
                [(InlineKind::Date, full_date(at)), (InlineKind::Year, year(at)), (InlineKind::Date, month_day(at))]
                    .into_iter()
                    .filter_map(|(kind, end)| Some((kind, end?)))
                    .max_by_key(|&(_, end)| end)
            })
            .flatten();
        if let Some((kind, end)) = dated {
            return simple(kind, end);
        }
        let value_end = number(at).unwrap_or(start + first.len_utf8());
        let after = Cursor { text, pos: value_end }.skip(is_space);
        if let Some(unit_end) = unit(after) {
            return Inline { kind: InlineKind::Quantity, range: start..unit_end, value: start..value_end, unit: Some(after.pos..unit_end) };
        }
        return simple(InlineKind::Number, value_end);
    }
    let special = match first {
        '〔' | '[' | '【' | '(' | '（' => bracketed_doc_number(at).map(|e| (InlineKind::DocNumber, e)),
        '国' => order_number(at).map(|e| (InlineKind::DocNumber, e)),
        '第' => clause_ref(at).map(|e| (InlineKind::ClauseRef, e)),
        '《' => book_title(at).map(|e| (InlineKind::BookTitle, e)),
        _ => None,
    };
    if let Some((kind, end)) = special {
        return simple(kind, end);
    }
    // Plain text: a trigger character and the run after it, or a run without one — up to a
    // sentence terminator included, so that a text token never spans two sentences.
    let mut end = start + first.len_utf8();
    if (!is_trigger(first) && ends_text(first)) || is_terminator(first) {
        return simple(InlineKind::Text, end);
    }
    let bytes = text.as_bytes();
    while end < text.len() {
        // Most of the text: U+4000..U+9FFF (three bytes led by E4..E9), Han characters of which
        // two are triggers and none a terminator; read without decoding.
        if crate::text::is_han_lead_byte(bytes[end]) {
            if matches!(&text[end..end + 3], "第" | "国") {
                break;
            }
            end += 3;
            continue;
        }
        let c = text[end..].chars().next().unwrap_or_default();
        if ends_text(c) {
            break;
        }
        end += c.len_utf8();
        if is_terminator(c) {
            break;
        }
    }
    simple(InlineKind::Text, end)
}

/// A position in the text, moved by small pattern steps; each step returns `None` when the
/// pattern does not continue there.
#[derive(Clone, Copy)]
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn peek(self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn char(self, pred: impl Fn(char) -> bool) -> Option<Cursor<'a>> {
        let c = self.peek().filter(|&c| pred(c))?;
        Some(Cursor { pos: self.pos + c.len_utf8(), ..self })
    }

    fn lit(self, s: &str) -> Option<Cursor<'a>> {
        self.text[self.pos..].starts_with(s).then(|| Cursor { pos: self.pos + s.len(), ..self })
    }

    fn skip(mut self, pred: impl Fn(char) -> bool) -> Cursor<'a> {
        while let Some(next) = self.char(&pred) {
            self = next;
        }
        self
    }

    /// Between `min` and `max` characters matching `pred`.
    fn repeat(self, pred: impl Fn(char) -> bool, min: usize, max: usize) -> Option<Cursor<'a>> {
        let mut at = self;
        let mut n = 0;
        while n < max {
            match at.char(&pred) {
                Some(next) => at = next,
                None => break,
            }
            n += 1;
        }
        (n >= min).then_some(at)
    }

    fn sp(self) -> Cursor<'a> {
        self.skip(is_inner_space)
    }
}

/// `D+(,DDD)*([.．]D+)?`
fn number(at: Cursor<'_>) -> Option<usize> {
    let mut at = at.repeat(is_digit, 1, usize::MAX)?;
    while let Some(next) = at.lit(",").and_then(|c| c.repeat(is_digit, 3, 3)) {
        at = next;
    }
    if let Some(next) = at.char(|c| c == '.' || c == '．').and_then(|c| c.repeat(is_digit, 1, usize::MAX)) {
        at = next;
    }
    Some(at.pos)
}

/// `DDDD 年 度?`
fn year(at: Cursor<'_>) -> Option<usize> {
    let at = at.repeat(is_digit, 4, 4)?.sp().lit("年")?;
    Some(at.lit("度").unwrap_or(at).pos)
}

/// `DDDD 年 D{1,2} 月 (D{1,2} [日号])?`
fn full_date(at: Cursor<'_>) -> Option<usize> {
    let month = at.repeat(is_digit, 4, 4)?.sp().lit("年")?.sp().repeat(is_digit, 1, 2)?.sp().lit("月")?;
    Some(day(month).unwrap_or(month.pos))
}

/// `D{1,2} 月 D{1,2} [日号]`
fn month_day(at: Cursor<'_>) -> Option<usize> {
    day(at.repeat(is_digit, 1, 2)?.sp().lit("月")?)
}

fn day(after_month: Cursor<'_>) -> Option<usize> {
    Some(after_month.sp().repeat(is_digit, 1, 2)?.sp().char(|c| c == '日' || c == '号')?.pos)
}

/// `万?余?(条|件|次|个|项|篇|份|家|人次|人|场|期|批|元)`
fn unit(at: Cursor<'_>) -> Option<usize> {
    let at = at.lit("万").unwrap_or(at);
    let at = at.lit("余").unwrap_or(at);
    if let Some(end) = at.lit("人次") {
        return Some(end.pos);
    }
    Some(at.char(|c| matches!(c, '条' | '件' | '次' | '个' | '项' | '篇' | '份' | '家' | '人' | '场' | '期' | '批' | '元'))?.pos)
}

/// `〔2021〕30号`, `[2021]第30号` …
fn bracketed_doc_number(at: Cursor<'_>) -> Option<usize> {
    let at = at.char(|c| matches!(c, '〔' | '[' | '【' | '(' | '（'))?.sp().repeat(is_digit, 4, 4)?.sp();
    let at = at.char(|c| matches!(c, '〕' | ']' | '】' | ')' | '）'))?.sp();
    let at = at.lit("第").unwrap_or(at).sp();
    Some(at.repeat(is_digit, 1, usize::MAX)?.sp().lit("号")?.pos)
}

/// `国务院令第711号`, `国令第 711 号`.
fn order_number(at: Cursor<'_>) -> Option<usize> {
    let at = at.lit("国务院令").or_else(|| at.lit("国令"))?.sp().lit("第")?.sp();
    Some(at.repeat(is_digit, 1, usize::MAX)?.sp().lit("号")?.pos)
}

/// `第二十条`, then optionally `第二款`, then optionally `第（一）（五）项`.
fn clause_ref(at: Cursor<'_>) -> Option<usize> {
    let mut at = at.lit("第")?.repeat(|c| is_han_numeral(c) || matches!(c, '百' | '零' | '〇' | '两'), 1, usize::MAX)?.lit("条")?;
    if let Some(next) = at.sp().lit("第").and_then(|c| c.repeat(is_han_numeral, 1, usize::MAX)).and_then(|c| c.lit("款")) {
        at = next;
    }
    let items = {
        let start = at.sp();
        let mut c = start.lit("第").unwrap_or(start).sp();
        let mut any = false;
        while let Some(next) = item(c) {
            c = next;
            any = true;
        }
        if any { c.sp().lit("项") } else { None }
    };
    Some(items.unwrap_or(at).pos)
}

/// `（一）` within a clause reference.
fn item(at: Cursor<'_>) -> Option<Cursor<'_>> {
    at.char(|c| c == '（' || c == '(')?.sp().repeat(is_han_numeral, 1, usize::MAX)?.sp().char(|c| c == '）' || c == ')')
}

/// `《…》` on one line.
fn book_title(at: Cursor<'_>) -> Option<usize> {
    let inner = at.lit("《")?.skip(|c| !matches!(c, '》' | '\n' | '\r'));
    Some(inner.lit("》")?.pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexed(text: &str) -> Vec<(InlineKind, &str)> {
        inline_tokens(text, 0..text.len()).map(|t| (t.kind, &text[t.range])).collect()
    }

    #[test]
    fn reads_each_kind() {
        use InlineKind::*;
        assert_eq!(
            lexed("全年公开1762条，较2023年度增长9.3%，2023 年 1 月 1 日起"),
            [(Text, "全年公开"), (Quantity, "1762条"), (Text, "，较"), (Year, "2023年度"), (Text, "增长"), (Number, "9.3"), (Text, "%，"), (Date, "2023 年 1 月 1 日"), (Text, "起")]
        );
        assert_eq!(
            lexed("依据《条例》第二十条第（一）项和国办公开办函〔2021〕30号、国务院令第711号，第三方"),
            [(Text, "依据"), (BookTitle, "《条例》"), (ClauseRef, "第二十条第（一）项"), (Text, "和"), (Text, "国办公开办函"), (DocNumber, "〔2021〕30号"), (Text, "、"), (DocNumber, "国务院令第711号"), (Text, "，"), (Text, "第三方")]
        );
        assert_eq!(
            lexed("公开。下一句；再一句!"),
            [(Text, "公开。"), (Text, "下一句；"), (Text, "再一句!")]
        );
        assert_eq!(lexed("12月31日 1月 5500 余条"), [(Date, "12月31日"), (Number, "1"), (Text, "月"), (Quantity, "5500 余条")]);
        assert_eq!(lexed("1,234,5678"), [(Number, "1,234,567"), (Number, "8")]);
        // Han text is read without decoding (extension A too), up to a trigger or a terminator.
        assert_eq!(lexed("䶵公开国家第三；Ａ"), [(Text, "䶵公开"), (Text, "国家"), (Text, "第三；"), (Text, "Ａ")]);
        assert_eq!(lexed("共12件，其中2023年"), [(Text, "共"), (Quantity, "12件"), (Text, "，其中"), (Year, "2023年")]);
    }

    #[test]
    fn never_stops_and_covers_every_character() {
        for text in ["", "《", "第", "（2021", "12 月", "\t1\n2\r3", "国令第", "１２３４年"] {
            let mut end = 0;
            for t in inline_tokens(text, 0..text.len()) {
                assert!(t.range.start >= end && t.range.end > t.range.start, "{text:?}");
                assert!(text[end..t.range.start].chars().all(|c| is_space(c) || c == '\t' || c == '\n'), "{text:?}");
                end = t.range.end;
            }
        }
    }
}

/// The corpus of the editors' inline grammar (`grammar/inline/test/corpus/inline.txt`: a name,
/// the input, and the tree): the tokens read here are the tree's leaves in order.
#[cfg(test)]
mod cases {
    use super::*;

    /// The leaves of a tree, consecutive `text` leaves as one (the grammar split text at spaces
    /// and trigger characters only, the lexer at sentence terminators too).
    fn leaves(expected: &str) -> Vec<String> {
        merge_text(
            expected
                .split('(')
                .skip(1)
                .map(|s| s.trim_end_matches([')', ' ', '\n']).to_string())
                .filter(|k| k != "inline")
                .collect(),
        )
    }

    fn merge_text(mut kinds: Vec<String>) -> Vec<String> {
        kinds.dedup_by(|b, a| a == "text" && b == "text");
        kinds
    }

    #[test]
    fn every_case_reads_as_the_grammar_did() {
        let cases = include_str!("../../../grammar/inline/test/corpus/inline.txt");
        let separator = "=".repeat(60);
        let mut count = 0;
        let parts: Vec<&str> = cases.split(&format!("{separator}\n")).collect();
        for case in parts[1..].chunks(2) {
            let [name, body] = case else { continue };
            if name.trim().is_empty() {
                continue;
            }
            let (input, expected) = body.split_once(&format!("{}\n", "-".repeat(60))).expect("input, then the tree");
            let got: Vec<String> = inline_tokens(input, 0..input.len())
                .flat_map(|t| match t.kind {
                    InlineKind::Quantity => vec!["quantity", "number", "unit"],
                    InlineKind::Number => vec!["number"],
                    InlineKind::Year => vec!["year"],
                    InlineKind::Date => vec!["date"],
                    InlineKind::DocNumber => vec!["doc_number"],
                    InlineKind::ClauseRef => vec!["clause_ref"],
                    InlineKind::BookTitle => vec!["book_title"],
                    InlineKind::Text => vec!["text"],
                })
                .map(str::to_string)
                .collect();
            assert_eq!(merge_text(got), leaves(expected), "{}", name.trim());
            count += 1;
        }
        assert!(count >= 7, "{count} cases");
    }
}
