//! The typed report, built from the syntax tree only (no second parse of the text), so that it
//! is cheap to rebuild after every edit.
//!
//! What the grammar cannot know is decided here: which headings are the six sections (by their
//! wording, whatever their number), which table is which, the report year, the statistics
//! period, the signature, and how hard-wrapped prose lines join into sentences.

pub mod prose;
pub mod table;

use std::ops::Range;

use crate::date::Date;
use crate::knowledge::{self, BodyLevel, Layout, SectionTemplate, TableKind};
use crate::syntax::{self, InlineKind, Node, NodeExt as _, SourceFile};
use crate::text;

pub use prose::{Sentence, Token, TokenKind};
pub use table::{Cell, CellValue, GridRow, MappedRow, Table};

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub range: Range<usize>,
}

/// A date as written: the parts it has, and whether they make a real date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateRef {
    pub range: Range<usize>,
    pub year: Option<i32>,
    pub month: u32,
    pub day: Option<u32>,
    /// `None` when the parts do not make a date (`2月30日`) or the year is missing.
    pub date: Option<Date>,
    /// The month and day exist (in a leap year when the year is unknown).
    pub exists: bool,
}

/// A heading of the document that names one of the six sections.
#[derive(Debug, Clone)]
pub struct Section {
    pub template: &'static SectionTemplate,
    /// The number written in the heading (`三` → 3), if any.
    pub number: Option<u32>,
    /// The range of the number (`三、`).
    pub number_range: Option<Range<usize>>,
    /// The heading's title text as written (`收到和处理政府信息公开申请情况`).
    pub title: String,
    pub title_range: Range<usize>,
    pub heading_range: Range<usize>,
    /// From the heading to the next section's heading.
    pub range: Range<usize>,
    /// The title is the official wording (after normalization).
    pub official_title: bool,
}

/// A citation of a document by its number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The whole citation, the issuer's prefix included when it was found.
    pub range: Range<usize>,
    /// `国办公开办函`, `国务院令`, `国令` … (empty when none precedes the brackets).
    pub issuer: String,
    pub year: Option<i32>,
    pub serial: u32,
    /// The opening and closing brackets around the year, when written with brackets.
    pub brackets: Option<(Spanned<char>, Spanned<char>)>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClauseReference {
    pub range: Range<usize>,
    pub clause: knowledge::ClauseRef,
    /// More items in one reference: `第二十条第（一）（五）项` → [1, 5].
    pub items: Vec<u32>,
}

/// A suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub range: Range<usize>,
    pub directive: SuppressionKind,
    /// Rule codes with their ranges; empty means every rule.
    pub codes: Vec<Spanned<String>>,
    /// The byte range the suppression applies to.
    pub scope: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuppressionKind {
    NextLine,
    Line,
    Disable,
    Enable,
}

#[derive(Debug, Clone)]
pub struct Signature {
    pub signer: Option<Spanned<String>>,
    pub date: DateRef,
    pub range: Range<usize>,
}

/// The statistics period stated in the preamble.
#[derive(Debug, Clone)]
pub struct Period {
    pub start: DateRef,
    pub end: DateRef,
    /// The sentence that states it.
    pub range: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Report {
    /// The title lines (the title block before the first section).
    pub title_lines: Vec<Spanned<String>>,
    /// The report year, from the title.
    pub year: Option<Spanned<i32>>,
    /// The body's name: the title block's line without 报告, or the title's text before the year.
    pub body: Option<Spanned<String>>,
    /// Inferred from the body's name; configuration can override.
    pub body_level: Option<BodyLevel>,
    /// The layout the report year requires (2021 when the year is unknown).
    pub layout: Layout,
    pub sections: Vec<Section>,
    /// Headings with a section number whose wording names no section (numbered prose).
    pub other_headings: Vec<Range<usize>>,
    pub tables: Vec<Table>,
    pub period: Option<Period>,
    pub signature: Option<Signature>,
    pub dates: Vec<DateRef>,
    pub citations: Vec<Citation>,
    pub clause_refs: Vec<ClauseReference>,
    pub sentences: Vec<Sentence>,
    /// Where the sentences came from, for the next version's model to reuse.
    pub(crate) prose_chunks: prose::Chunks,
    pub suppressions: Vec<Suppression>,
    /// The text is empty or has no trace of a report (no title, section or table).
    pub is_report: bool,
    pub text_len: usize,
}

impl Report {
    pub fn build(file: &SourceFile) -> Report {
        Builder::new(file).build(None)
    }

    /// [`Report::build`], reusing the sentences of `earlier` (the model of an earlier version of
    /// the same document) where the syntax tree did not change.
    pub fn rebuild(file: &SourceFile, earlier: &Report) -> Report {
        Builder::new(file).build(Some(earlier))
    }

    pub fn table(&self, kind: TableKind) -> Option<&Table> {
        self.tables.iter().find(|t| t.kind == kind)
    }

    pub fn section(&self, number: u32) -> Option<&Section> {
        self.sections.iter().find(|s| s.template.number == number)
    }

    /// The section (by template number) a byte offset lies in.
    pub fn section_at(&self, offset: usize) -> Option<&Section> {
        self.sections.iter().rev().find(|s| s.range.start <= offset && offset < s.range.end.max(s.range.start + 1))
    }
}

struct Builder<'a> {
    file: &'a SourceFile,
    report: Report,
    /// Table nodes per section (index into report.sections).
    section_tables: Vec<Vec<Node<'a>>>,
}

impl<'a> Builder<'a> {
    fn new(file: &'a SourceFile) -> Builder<'a> {
        let report = Report {
            title_lines: Vec::new(),
            year: None,
            body: None,
            body_level: None,
            layout: Layout::Y2021,
            sections: Vec::new(),
            other_headings: Vec::new(),
            tables: Vec::new(),
            period: None,
            signature: None,
            dates: Vec::new(),
            citations: Vec::new(),
            clause_refs: Vec::new(),
            sentences: Vec::new(),
            prose_chunks: prose::Chunks::default(),
            suppressions: Vec::new(),
            is_report: false,
            text_len: file.text().len(),
        };
        Builder { file, report, section_tables: Vec::new() }
    }

    fn text(&self, node: Node<'_>) -> &'a str {
        &self.file.text()[node.byte_range()]
    }

    fn build(mut self, earlier: Option<&Report>) -> Report {
        let root = self.file.root();
        let mut cursor = root.walk();
        let children: Vec<Node<'a>> = root.children(&mut cursor).collect();
        // The title block comes first: the report year decides the layout the sections use.
        for child in &children {
            if child.kind_name() == "front_matter" {
                self.read_title(*child);
            }
        }
        self.report.layout = self.report.year.as_ref().map_or(Layout::Y2021, |y| Layout::for_report_year(y.value));
        let mut prose = Vec::new();
        self.walk(root, &mut prose);
        self.finish_sections();
        let earlier = earlier.map(|r| (&r.prose_chunks, r.sentences.as_slice()));
        (self.report.sentences, self.report.prose_chunks) = prose::sentences(self.file, &prose, earlier);
        // Dates, citations and clause references of prose and headings, from the sentences'
        // tokens (one walk of the tree serves both).
        let text = self.file.text();
        for sentence in &self.report.sentences {
            for token in sentence.tokens().iter() {
                let range = sentence.range_of(token);
                let written = &text[range.clone()];
                match token.kind {
                    TokenKind::Date => self.report.dates.push(date_ref(written, range)),
                    TokenKind::DocNumber => self.report.citations.extend(citation(text, written, range)),
                    TokenKind::ClauseRef => self.report.clause_refs.extend(clause_reference(written, range)),
                    _ => {}
                }
            }
        }
        self.report.dates.sort_by_key(|d| d.range.start);
        self.report.citations.sort_by_key(|c| c.range.start);
        self.report.clause_refs.sort_by_key(|c| c.range.start);
        self.report.period = find_period(&self.report);
        self.build_tables();
        self.report.is_report = !self.report.sections.is_empty()
            || !self.report.tables.is_empty()
            || self.report.year.is_some();
        self.report
    }

    fn read_title(&mut self, front: Node<'a>) {
        let mut cursor = front.walk();
        for node in front.named_children(&mut cursor) {
            if node.kind_name() != "title" {
                continue;
            }
            let Some(text_range) = self.file.line_parts(node).text else { continue };
            let text = self.file.text()[text_range.clone()].trim_matches(text::is_space).to_owned();
            self.report.title_lines.push(Spanned { value: text.clone(), range: text_range.clone() });
            if self.report.year.is_none() && (text.contains("报告") || text.contains("年报")) {
                for piece in syntax::inline_tokens(self.file.text(), text_range.clone()) {
                    if matches!(piece.kind, InlineKind::Year | InlineKind::Date)
                        && let Some(year) = leading_year(&self.file.text()[piece.range.clone()])
                    {
                        self.report.year = Some(Spanned { value: year, range: piece.range.clone() });
                        // `平潭综合实验区2021年度…报告`: the body's name stands before the year.
                        let before = self.file.text()[text_range.start..piece.range.start].trim_matches(text::is_space);
                        if !before.is_empty() && self.report.body.is_none() {
                            let start = text_range.start;
                            self.report.body = Some(Spanned { value: before.to_owned(), range: start..start + before.len() });
                        }
                        break;
                    }
                }
            } else if self.report.body.is_none() && !text.contains("报告") {
                self.report.body = Some(Spanned { value: text, range: text_range });
            }
        }
        self.report.body_level = self.report.body.as_ref().and_then(|b| knowledge::infer_body_level(&b.value));
    }

    /// Visits the named nodes below `root` in document order with one cursor, descending only
    /// into the containers (document, front matter, sections, subsections).
    fn walk(&mut self, root: Node<'a>, prose: &mut Vec<prose::Event<'a>>) {
        let mut cursor = root.walk();
        if !cursor.goto_first_child() {
            return;
        }
        loop {
            let node = cursor.node();
            if node.is_named() && self.visit(node, prose) && cursor.goto_first_child() {
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() || cursor.node() == root {
                    return;
                }
            }
        }
    }

    /// Takes in one node; true when its children are to be visited.
    fn visit(&mut self, node: Node<'a>, prose: &mut Vec<prose::Event<'a>>) -> bool {
        match node.kind_name() {
            "section_heading" => self.section_heading(node, prose),
            "subsection_heading" | "heading" | "item" | "title" => prose.push(prose::Event::HeadingOrItem(node)),
            "paragraph" => prose.push(prose::Event::Paragraph(node)),
            "table" | "pipe_table" => {
                prose.push(prose::Event::Break);
                self.table_node(node);
            }
            "signature" => self.signature(node),
            "suppression" => self.suppression(node),
            "comment" => {}
            _ => return true,
        }
        false
    }

    fn section_heading(&mut self, node: Node<'a>, prose: &mut Vec<prose::Event<'a>>) {
        let parts = self.file.line_parts(node);
        let title = parts.text.clone().map_or("", |t| &self.file.text()[t]);
        // The heading's title up to the first full stop: `（一）…。正文` never happens for sections,
        // but `一、总体情况。` does.
        let title_clean = title.trim_matches(|c: char| text::is_space(c) || matches!(c, '。' | '.' | '：' | ':'));
        let found = self.report.layout.find_section(title_clean).or_else(|| {
            let other = if self.report.layout == Layout::Y2021 { Layout::Y2019 } else { Layout::Y2021 };
            other.find_section(title_clean).and_then(|(t, m)| self.report.layout.section(t.number).map(|t| (t, m)))
        });
        let Some((template, matched)) = found else {
            self.report.other_headings.push(node.byte_range());
            prose.push(prose::Event::HeadingOrItem(node));
            return;
        };
        prose.push(prose::Event::Break);
        // Its text is prose of its own (dates, citations and clause references in it count).
        prose.push(prose::Event::HeadingOrItem(node));
        let number = parts.number.clone().and_then(|n| {
            let t = &self.file.text()[n];
            text::parse_chinese_numeral(t.trim_end_matches(|c: char| !text::is_chinese_numeral_char(c)))
        });
        let title_range = parts.text.clone().map_or(node.end_byte()..node.end_byte(), |t| {
            let start = t.start + (title.len() - title.trim_start_matches(text::is_space).len());
            start..start + title_clean.len()
        });
        let heading_end = trim_newline(self.file.text(), node.byte_range());
        self.report.sections.push(Section {
            template,
            number,
            number_range: parts.number,
            title: title_clean.to_owned(),
            title_range,
            heading_range: node.start_byte()..heading_end,
            range: node.start_byte()..self.file.text().len(),
            official_title: matched == knowledge::LabelMatch::Official,
        });
        self.section_tables.push(Vec::new());
    }

    fn finish_sections(&mut self) {
        let len = self.file.text().len();
        let starts: Vec<usize> = self.report.sections.iter().map(|s| s.range.start).collect();
        for (i, section) in self.report.sections.iter_mut().enumerate() {
            section.range.end = starts.get(i + 1).copied().unwrap_or(len);
        }
        if let Some(signature) = &self.report.signature
            && let Some(last) = self.report.sections.last_mut()
        {
            last.range.end = last.range.end.min(signature.range.start);
        }
    }

    fn table_node(&mut self, node: Node<'a>) {
        // A table before any section heading belongs to no table section and is not mapped.
        if let Some(tables) = self.section_tables.last_mut() {
            tables.push(node);
        }
    }

    fn build_tables(&mut self) {
        let mut by_kind: Vec<(TableKind, Vec<Node<'a>>)> = Vec::new();
        for (i, nodes) in self.section_tables.iter().enumerate() {
            if nodes.is_empty() {
                continue;
            }
            let Some(kind) = self.report.sections[i].template.table_kind() else { continue };
            match by_kind.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, all)) => all.extend(nodes.iter().copied()),
                None => by_kind.push((kind, nodes.clone())),
            }
        }
        for (kind, nodes) in by_kind {
            let grid = table::read_grid(self.file, &nodes);
            let mut table = table::map_table(self.file.text(), kind, self.report.layout, grid);
            // A table laid out in the other layout maps better onto that layout's template:
            // labels distinctive of the other layout, or rows only the other layout's template
            // accounts for (a 2019 table 三 has no label the 2021 one lacks). Tried only when
            // the report year's template leaves something unexplained.
            let other_layout = if self.report.layout == Layout::Y2021 { Layout::Y2019 } else { Layout::Y2021 };
            let missing = !table::missing_rows(&table).is_empty();
            if missing || table.detected_layout == Some(other_layout) {
                let other = table::map_table(self.file.text(), kind, other_layout, table.grid.clone());
                let detected_other = table.detected_layout == Some(other_layout) && other.rows.len() > table.rows.len();
                let complete_other = missing && table::missing_rows(&other).is_empty();
                if detected_other || complete_other {
                    table = other;
                }
            }
            self.report.tables.push(table);
        }
    }

    fn signature(&mut self, node: Node<'a>) {
        let Some(date_node) = node.field("date") else { return };
        // The dateline is the date and its line break (and any blank lines after it).
        let range = syntax::inline_tokens(self.file.text(), date_node.byte_range())
            .find(|t| t.kind == InlineKind::Date)
            .map_or_else(|| self.file.block_lines(date_node).next().unwrap_or(date_node.byte_range()), |t| t.range);
        let date = date_ref(&self.file.text()[range.clone()], range);
        self.report.dates.push(date.clone());
        let signer = node.field("signer").map(|s| {
            let text = self.text(s).trim_matches(text::is_space);
            Spanned { value: text.to_owned(), range: s.start_byte()..s.start_byte() + text.len() }
        });
        if self.report.body.is_none() {
            self.report.body = signer.clone();
            self.report.body_level = signer.as_ref().and_then(|b| knowledge::infer_body_level(&b.value));
        }
        self.report.signature = Some(Signature { signer, date, range: node.byte_range() });
    }

    fn suppression(&mut self, node: Node<'a>) {
        let directive = match node.field("directive").map(|d| self.text(d)) {
            Some("nianbao-disable-next-line") => SuppressionKind::NextLine,
            Some("nianbao-disable-line") => SuppressionKind::Line,
            Some("nianbao-disable") => SuppressionKind::Disable,
            Some("nianbao-enable") => SuppressionKind::Enable,
            _ => return,
        };
        let mut cursor = node.walk();
        let codes = node
            .children_by_field_name("code", &mut cursor)
            .map(|c| Spanned { value: self.text(c).to_owned(), range: c.byte_range() })
            .collect();
        let text = self.file.text();
        let line_end = trim_newline(text, node.byte_range());
        let scope = match directive {
            SuppressionKind::NextLine => {
                // The next line that is not blank.
                let mut start = node.end_byte();
                while start < text.len() && text[start..].starts_with(['\n', '\r']) {
                    start += 1;
                }
                let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
                start..end
            }
            SuppressionKind::Line => node.start_byte()..line_end,
            // Until the matching enable (resolved in rules::suppress).
            SuppressionKind::Disable => node.end_byte()..text.len(),
            SuppressionKind::Enable => node.start_byte()..node.start_byte(),
        };
        self.report.suppressions.push(Suppression { range: node.start_byte()..line_end, directive, codes, scope });
    }

}

fn trim_newline(text: &str, range: Range<usize>) -> usize {
    let mut end = range.end;
    while end > range.start && matches!(text.as_bytes()[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    end
}

/// The digits of a number written with half- or full-width digits.
fn digits(s: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut current: Option<u32> = None;
    for c in s.chars() {
        let d = match c {
            '0'..='9' => Some(c as u32 - '0' as u32),
            '０'..='９' => Some(c as u32 - '０' as u32),
            _ => None,
        };
        match (d, current) {
            (Some(d), Some(n)) => current = Some(n.saturating_mul(10).saturating_add(d)),
            (Some(d), None) => current = Some(d),
            (None, Some(n)) => {
                out.push(n);
                current = None;
            }
            (None, None) => {}
        }
    }
    out.extend(current);
    out
}

fn leading_year(s: &str) -> Option<i32> {
    digits(s).first().map(|&y| y as i32).filter(|y| (1900..=2200).contains(y))
}

/// Reads a `date` token: `2023 年 1 月 1 日`, `2024年1月`, `1月31日`.
pub fn date_ref(s: &str, range: Range<usize>) -> DateRef {
    let numbers = digits(s);
    let has_year = s.contains('年');
    let has_day = s.contains('日') || s.contains('号');
    let (year, month, day) = match (has_year, has_day, numbers.as_slice()) {
        (true, true, [y, m, d, ..]) => (Some(*y as i32), *m, Some(*d)),
        (true, false, [y, m, ..]) => (Some(*y as i32), *m, None),
        (false, _, [m, d, ..]) => (None, *m, Some(*d)),
        _ => (None, 0, None),
    };
    let exists = Date::new(year.unwrap_or(2000), month, day.unwrap_or(1)).is_some();
    let date = match (year, day) {
        (Some(y), Some(d)) => Date::new(y, month, d),
        _ => None,
    };
    DateRef { range, year, month, day, date, exists }
}

const ISSUER_CHARS: usize = 12;

/// Reads a `doc_number` token, looking back for the issuer's prefix (`国办公开办函`).
fn citation(text: &str, raw: &str, range: Range<usize>) -> Option<Citation> {
    let numbers = digits(raw);
    let open = raw.chars().next()?;
    if raw.starts_with("国务院令") || raw.starts_with("国令") {
        let issuer = if raw.starts_with("国务院令") { "国务院令" } else { "国令" };
        return Some(Citation {
            range,
            issuer: issuer.to_owned(),
            year: None,
            serial: *numbers.first()?,
            brackets: None,
            text: raw.to_owned(),
        });
    }
    // The issuer: the Han characters right before the bracket (`国办公开办函`, `川办发`).
    let before = &text[..range.start];
    let issuer: String = {
        let rev: Vec<char> = before.chars().rev().take_while(|c| is_issuer_char(*c)).take(ISSUER_CHARS).collect();
        rev.into_iter().rev().collect()
    };
    let issuer = trim_issuer(&issuer).to_owned();
    let start = range.start - issuer.len();
    let close_offset = raw.char_indices().find(|(i, c)| *i > 0 && matches!(c, '〕' | ']' | '】' | ')' | '）'))?;
    let close = close_offset.1;
    let brackets = Some((
        Spanned { value: open, range: range.start..range.start + open.len_utf8() },
        Spanned { value: close, range: range.start + close_offset.0..range.start + close_offset.0 + close.len_utf8() },
    ));
    Some(Citation {
        range: start..range.end,
        issuer,
        year: numbers.first().map(|&y| y as i32),
        serial: *numbers.get(1)?,
        brackets,
        text: text[start..range.end].to_owned(),
    })
}

fn is_issuer_char(c: char) -> bool {
    text::is_han(c)
}

/// Drops words that commonly stand before an issuer prefix (`根据国办公开办函` → `国办公开办函`).
fn trim_issuer(issuer: &str) -> &str {
    for lead in ["根据", "按照", "依据", "依照", "参照", "执行", "落实", "贯彻", "印发", "和", "及", "与"] {
        if let Some(pos) = issuer.rfind(lead) {
            let rest = &issuer[pos + lead.len()..];
            if rest.chars().count() >= 2 {
                return trim_issuer(rest);
            }
        }
    }
    issuer
}

/// Reads a `clause_ref` token: `第二十条第（一）（五）项`, `第五十条第二款`.
pub fn clause_reference(s: &str, range: Range<usize>) -> Option<ClauseReference> {
    let after = s.strip_prefix('第')?;
    let (article_text, rest) = after.split_once('条')?;
    let article = text::parse_chinese_numeral(article_text)?;
    let mut paragraph = None;
    let mut rest = rest.trim_start_matches(text::is_space);
    if let Some(p) = rest.strip_prefix('第')
        && let Some((num, tail)) = p.split_once('款')
        && let Some(n) = text::parse_chinese_numeral(num)
    {
        paragraph = Some(n);
        rest = tail;
    }
    let mut items = Vec::new();
    let mut current = String::new();
    let mut inside = false;
    for c in rest.chars() {
        match c {
            '（' | '(' => {
                inside = true;
                current.clear();
            }
            '）' | ')' => {
                inside = false;
                if let Some(n) = text::parse_chinese_numeral(current.trim_matches(text::is_space)) {
                    items.push(n);
                }
            }
            _ if inside => current.push(c),
            _ => {}
        }
    }
    Some(ClauseReference {
        range,
        clause: knowledge::ClauseRef { article, paragraph, item: items.first().copied() },
        items,
    })
}

/// The sentence stating the statistics period: `统计期限自2023年1月1日起至2023年12月31日止`.
fn find_period(report: &Report) -> Option<Period> {
    for sentence in &report.sentences {
        let mentions = ["统计期限", "统计期间", "统计时限", "统计周期", "统计时间"].iter().any(|w| sentence.text().contains(w));
        if !mentions {
            continue;
        }
        let dates: Vec<&Token> = sentence.tokens().iter().filter(|t| t.kind == TokenKind::Date).collect();
        if dates.len() >= 2 {
            let start = date_ref(sentence.token_text(dates[0]), sentence.range_of(dates[0]));
            let end = date_ref(sentence.token_text(dates[1]), sentence.range_of(dates[1]));
            return Some(Period { start, end, range: sentence.range.clone() });
        }
    }
    None
}

#[cfg(test)]
mod tests;
