//! The Regulation: 《中华人民共和国政府信息公开条例》 (2019 revision, 国务院令第711号), embedded
//! from `server/data/regulation-2019.json`, and citation of its clauses (条、款、项).

use std::fmt;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::text::{normalize_label, parse_chinese_numeral, to_ascii_digits, to_chinese_numeral};

const REGULATION_JSON: &str = include_str!("../../data/regulation-2019.json");

static REGULATION: LazyLock<Regulation> = LazyLock::new(|| {
    serde_json::from_str(REGULATION_JSON).expect("server/data/regulation-2019.json is valid")
});

/// The Regulation as embedded (parsed once, on first use).
pub fn regulation() -> &'static Regulation {
    &REGULATION
}

/// The whole Regulation.
#[derive(Debug, Clone, Deserialize)]
pub struct Regulation {
    /// `中华人民共和国政府信息公开条例` (without 《》).
    pub title: String,
    pub promulgation: Promulgation,
    /// ISO date the revision took effect (`2019-05-15`).
    pub effective: String,
    /// What it revised (English note from the data).
    pub supersedes: String,
    /// Source URLs / descriptions.
    pub source: Vec<String>,
    pub source_note: String,
    pub chapters: Vec<Chapter>,
    pub articles: Vec<Article>,
}

/// The State Council order that promulgated the revision.
#[derive(Debug, Clone, Deserialize)]
pub struct Promulgation {
    /// e.g. `2007年4月5日中华人民共和国国务院令第492号公布`, `2019年4月3日中华人民共和国国务院令第711号修订`.
    pub history: Vec<String>,
    /// `中华人民共和国国务院令第711号`.
    pub order: String,
    /// `现公布修订后的《中华人民共和国政府信息公开条例》，自2019年5月15日起施行。`
    pub order_text: String,
    pub signed: String,
    /// ISO date of the order (`2019-04-03`).
    pub order_date: String,
    /// ISO date of publication (`2019-04-15`).
    pub released: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Chapter {
    /// `第一章`.
    pub number: String,
    /// `总则`.
    pub title: String,
    /// First and last article number.
    pub articles: [u32; 2],
}

/// One article (条).
#[derive(Debug, Clone, Deserialize)]
pub struct Article {
    pub number: u32,
    /// `第二十条`.
    pub label: String,
    /// `第三章`.
    pub chapter: String,
    /// The whole article, one line per 款 and per 项 (items with their labels).
    pub text: String,
    /// The 款 in order, without their items; a 款 that introduces items is its lead-in.
    pub paragraphs: Vec<String>,
    /// The 项, each attached to its 款 by `paragraph` (1-based).
    #[serde(default)]
    pub items: Vec<Item>,
    /// Every segment matched against an independent second copy.
    pub verified: bool,
    #[serde(default)]
    pub verification: Option<Verification>,
}

/// One item (项).
#[derive(Debug, Clone, Deserialize)]
pub struct Item {
    /// Official label, e.g. `（一）`.
    pub label: String,
    /// Text without the label, keeping its trailing `；` / `。`.
    pub text: String,
    /// 1-based index into [`Article::paragraphs`].
    pub paragraph: usize,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Verification {
    pub status: String,
    #[serde(default)]
    pub segments_matched: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

impl Regulation {
    /// The article numbered `n` (1..=56).
    pub fn article(&self, n: u32) -> Option<&Article> {
        self.articles.iter().find(|a| a.number == n)
    }

    /// `《中华人民共和国政府信息公开条例》`.
    pub fn quoted_title(&self) -> String {
        format!("《{}》", self.title)
    }

    /// The chapter an article belongs to.
    pub fn chapter_of(&self, article: u32) -> Option<&Chapter> {
        self.chapters.iter().find(|c| (c.articles[0]..=c.articles[1]).contains(&article))
    }

    /// `国务院令第711号`, shortened from the order's full name.
    pub fn order_number(&self) -> String {
        self.promulgation.order.trim_start_matches("中华人民共和国").to_string()
    }

    /// Short provenance line: `国务院令第711号，2019年4月3日修订，2019年5月15日起施行`.
    pub fn source_line(&self) -> String {
        format!(
            "{}，{}修订，{}起施行",
            self.order_number(),
            iso_to_chinese_date(&self.promulgation.order_date),
            iso_to_chinese_date(&self.effective)
        )
    }
}

/// `2019-04-03` → `2019年4月3日` (unchanged if not an ISO date).
pub(crate) fn iso_to_chinese_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [y, m, d] => match (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) {
            (Ok(y), Ok(m), Ok(d)) => format!("{y}年{m}月{d}日"),
            _ => iso.to_string(),
        },
        _ => iso.to_string(),
    }
}

impl Article {
    /// The `p`-th 款 (1-based), lead-in only.
    pub fn paragraph(&self, p: u32) -> Option<&str> {
        let i = (p as usize).checked_sub(1)?;
        self.paragraphs.get(i).map(String::as_str)
    }

    /// The items of the `p`-th 款, in order.
    pub fn items_of(&self, p: u32) -> impl Iterator<Item = &Item> + '_ {
        self.items.iter().filter(move |it| it.paragraph == p as usize)
    }

    /// The first 款 that has items (the 款 meant by `第X条第（Y）项` without 款).
    pub fn first_paragraph_with_items(&self) -> Option<u32> {
        self.items.iter().map(|it| it.paragraph as u32).min()
    }

    /// The 款 `p` with its items, one per line (items with their labels).
    pub fn paragraph_with_items(&self, p: u32) -> Option<String> {
        let mut s = self.paragraph(p)?.to_string();
        for it in self.items_of(p) {
            s.push('\n');
            s.push_str(&it.label);
            s.push_str(&it.text);
        }
        Some(s)
    }

    /// The note of a single-source or partially verified article, if any.
    pub fn verification_note(&self) -> Option<&str> {
        self.verification.as_ref().and_then(|v| v.note.as_deref())
    }
}

impl Item {
    /// The item number from its label (`（十一）` → 11).
    pub fn number(&self) -> Option<u32> {
        let inner = self.label.trim_matches(|c| matches!(c, '（' | '）' | '(' | ')'));
        parse_chinese_numeral(inner)
    }

    /// Label and text: `（一）行政法规、规章和规范性文件；`.
    pub fn full_text(&self) -> String {
        format!("{}{}", self.label, self.text)
    }
}

/// A reference to a clause of the Regulation: article (条), optional paragraph (款), optional
/// item (项). `item` without `paragraph` means the item of the article's first 款 that has
/// items — the usual `第二十条第（一）项`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClauseRef {
    pub article: u32,
    pub paragraph: Option<u32>,
    pub item: Option<u32>,
}

impl ClauseRef {
    pub const fn article(article: u32) -> Self {
        ClauseRef { article, paragraph: None, item: None }
    }
    pub const fn paragraph(article: u32, paragraph: u32) -> Self {
        ClauseRef { article, paragraph: Some(paragraph), item: None }
    }
    pub const fn item(article: u32, item: u32) -> Self {
        ClauseRef { article, paragraph: None, item: Some(item) }
    }
    pub const fn new(article: u32, paragraph: Option<u32>, item: Option<u32>) -> Self {
        ClauseRef { article, paragraph, item }
    }

    /// Resolves the reference against the embedded Regulation.
    pub fn resolve(&self) -> Option<Clause> {
        clause(self.article, self.paragraph, self.item)
    }

    /// Parses a citation such as `第二十条第（一）项`, `第十六条第二款`, `第四十九条`,
    /// `第20条第(1)项`, `第三十六条第（七）项`, optionally preceded by the Regulation's title
    /// (`《中华人民共和国政府信息公开条例》`, `《条例》`, `条例`). Whitespace and bracket width
    /// are ignored. Returns `None` if the text is not exactly one citation.
    pub fn parse(s: &str) -> Option<ClauseRef> {
        let mut t = normalize_label(&to_ascii_digits(s));
        for prefix in ["《中华人民共和国政府信息公开条例》", "中华人民共和国政府信息公开条例", "《政府信息公开条例》", "政府信息公开条例", "《条例》", "条例"] {
            if let Some(rest) = t.strip_prefix(prefix) {
                t = rest.to_string();
                break;
            }
        }
        let rest = t.strip_prefix('第')?;
        let (article, rest) = rest.split_once('条')?;
        let article = parse_number(article)?;
        let mut paragraph = None;
        let mut item = None;
        let mut rest = rest;
        if let Some(r) = rest.strip_prefix('第')
            && let Some((p, r2)) = r.split_once('款')
            && let Some(p) = parse_number(p)
        {
            paragraph = Some(p);
            rest = r2;
        }
        if let Some(r) = rest.strip_prefix('第') {
            let (i, r2) = r.split_once('项')?;
            // `第（四）项` and, less formally, `第四项`.
            let i = match i.strip_prefix('（') {
                Some(inner) => inner.strip_suffix('）')?,
                None => i,
            };
            item = Some(parse_number(i)?);
            rest = r2;
        }
        if !rest.is_empty() {
            return None;
        }
        Some(ClauseRef { article, paragraph, item })
    }
}

fn parse_number(s: &str) -> Option<u32> {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) {
        s.parse().ok()
    } else {
        parse_chinese_numeral(s)
    }
}

impl fmt::Display for ClauseRef {
    /// `第二十条第（一）项`, `第十六条第二款`, `第四条第二款第（一）项`, `第四十九条`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "第{}条", to_chinese_numeral(self.article))?;
        if let Some(p) = self.paragraph {
            write!(f, "第{}款", to_chinese_numeral(p))?;
        }
        if let Some(i) = self.item {
            write!(f, "第（{}）项", to_chinese_numeral(i))?;
        }
        Ok(())
    }
}

/// A resolved clause of the Regulation, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// The reference as asked.
    pub reference: ClauseRef,
    /// `《中华人民共和国政府信息公开条例》第二十条第（一）项`.
    pub citation: String,
    /// `第二十条第（一）项`.
    pub short_citation: String,
    /// The exact text from the data: an item with its label (`（一）行政法规、规章和规范性文件；`);
    /// a 款 with its items on following lines; a whole article as stored.
    pub text: String,
    /// `国务院令第711号，2019年4月3日修订，2019年5月15日起施行`.
    pub source: String,
    /// The article's text was matched in full against an independent second copy.
    pub verified: bool,
    /// The data's verification note when not verified.
    pub note: Option<String>,
}

/// The text of a clause of the Regulation with its citation and source, or `None` if there is
/// no such article, 款 or 项. `item` without `paragraph` is the item of the article's first 款
/// that has items (`第二十条第（一）项`, `第四条第（一）项` = item （一） of 第四条第二款).
pub fn clause(article: u32, paragraph: Option<u32>, item: Option<u32>) -> Option<Clause> {
    let reg = regulation();
    let a = reg.article(article)?;
    let reference = ClauseRef { article, paragraph, item };
    let text = match (paragraph, item) {
        (None, None) => a.text.clone(),
        (Some(p), None) => a.paragraph_with_items(p)?,
        (p, Some(i)) => {
            let p = match p {
                Some(p) => {
                    a.paragraph(p)?;
                    p
                }
                None => a.first_paragraph_with_items()?,
            };
            let idx = (i as usize).checked_sub(1)?;
            a.items_of(p).nth(idx)?.full_text()
        }
    };
    let short_citation = reference.to_string();
    Some(Clause {
        reference,
        citation: format!("{}{}", reg.quoted_title(), short_citation),
        short_citation,
        text,
        source: reg.source_line(),
        verified: a.verified,
        note: if a.verified { None } else { a.verification_note().map(str::to_string) },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_all_articles() {
        let r = regulation();
        assert_eq!(r.title, "中华人民共和国政府信息公开条例");
        assert_eq!(r.articles.len(), 56);
        for (i, a) in r.articles.iter().enumerate() {
            assert_eq!(a.number as usize, i + 1);
            assert_eq!(a.label, format!("第{}条", to_chinese_numeral(a.number)));
            assert!(!a.paragraphs.is_empty());
            assert!(r.chapter_of(a.number).is_some_and(|c| c.number == a.chapter));
            for it in &a.items {
                assert!(it.paragraph >= 1 && it.paragraph <= a.paragraphs.len());
                assert!(it.number().is_some(), "{}", it.label);
            }
        }
        assert_eq!(r.chapters.len(), 6);
        assert_eq!(r.article(20).unwrap().items.len(), 15);
        assert!(r.article(57).is_none());
        assert!(r.article(0).is_none());
    }

    #[test]
    fn source_line() {
        assert_eq!(regulation().source_line(), "国务院令第711号，2019年4月3日修订，2019年5月15日起施行");
        assert_eq!(regulation().order_number(), "国务院令第711号");
    }

    #[test]
    fn clause_item_without_paragraph() {
        let c = clause(20, None, Some(1)).unwrap();
        assert_eq!(c.citation, "《中华人民共和国政府信息公开条例》第二十条第（一）项");
        assert_eq!(c.short_citation, "第二十条第（一）项");
        assert_eq!(c.text, "（一）行政法规、规章和规范性文件；");
        assert_eq!(c.source, "国务院令第711号，2019年4月3日修订，2019年5月15日起施行");
        assert!(c.verified);
        let c = clause(20, None, Some(15)).unwrap();
        assert!(c.text.starts_with("（十五）法律、法规、规章"));
        assert!(clause(20, None, Some(16)).is_none());
        assert!(clause(20, None, Some(0)).is_none());
        // 第四条: the items belong to its second 款.
        let c = clause(4, None, Some(1)).unwrap();
        assert!(c.text.starts_with("（一）"));
        assert_eq!(c.text, clause(4, Some(2), Some(1)).unwrap().text);
        assert_eq!(clause(4, Some(2), Some(1)).unwrap().short_citation, "第四条第二款第（一）项");
        assert!(clause(4, Some(1), Some(1)).is_none());
        // An article without items has no 项.
        assert!(clause(49, None, Some(1)).is_none());
    }

    #[test]
    fn clause_paragraphs_and_articles() {
        let c = clause(49, Some(1), None).unwrap();
        assert_eq!(c.citation, "《中华人民共和国政府信息公开条例》第四十九条第一款");
        assert!(c.text.contains("1月31日前"));
        let c = clause(49, Some(2), None).unwrap();
        assert!(c.text.contains("3月31日前"));
        assert!(clause(49, Some(3), None).is_none());
        let c = clause(50, Some(1), None).unwrap();
        assert!(c.text.starts_with("政府信息公开工作年度报告应当包括下列内容：\n（一）"));
        assert!(c.text.ends_with("（五）其他需要报告的事项。"));
        let c = clause(50, None, Some(3)).unwrap();
        assert_eq!(c.text, "（三）因政府信息公开工作被申请行政复议、提起行政诉讼的情况；");
        let c = clause(16, None, None).unwrap();
        assert_eq!(c.text, regulation().article(16).unwrap().text);
        assert_eq!(c.short_citation, "第十六条");
        let c = clause(35, None, None).unwrap();
        assert!(!c.verified);
        assert!(c.note.is_some());
        assert!(clause(57, None, None).is_none());
    }

    #[test]
    fn clause_ref_parse_and_display() {
        let cases = [
            ("第二十条第（一）项", ClauseRef::item(20, 1)),
            ("第二十条 第(一)项", ClauseRef::item(20, 1)),
            ("第20条第(1)项", ClauseRef::item(20, 1)),
            ("第十六条第二款", ClauseRef::paragraph(16, 2)),
            ("第四十九条", ClauseRef::article(49)),
            ("《中华人民共和国政府信息公开条例》第五十条第一款第（四）项", ClauseRef::new(50, Some(1), Some(4))),
            ("《条例》第三十六条第（七）项", ClauseRef::item(36, 7)),
            ("第三十六条第（十五）项", ClauseRef::item(36, 15)),
            ("第五十条第四项", ClauseRef::item(50, 4)),
        ];
        for (s, r) in cases {
            assert_eq!(ClauseRef::parse(s), Some(r), "{s}");
        }
        for bad in ["第二十条第一项x", "二十条", "第条", "第二十条第（一项", "总体情况", ""] {
            assert_eq!(ClauseRef::parse(bad), None, "{bad}");
        }
        assert_eq!(ClauseRef::item(20, 1).to_string(), "第二十条第（一）项");
        assert_eq!(ClauseRef::new(50, Some(1), Some(4)).to_string(), "第五十条第一款第（四）项");
        for a in regulation().articles.iter() {
            let r = ClauseRef::article(a.number);
            assert_eq!(ClauseRef::parse(&r.to_string()), Some(r));
            assert_eq!(r.to_string(), a.label);
            for it in &a.items {
                let r = ClauseRef::new(a.number, Some(it.paragraph as u32), it.number());
                assert_eq!(ClauseRef::parse(&r.to_string()), Some(r));
                assert_eq!(r.resolve().unwrap().text, it.full_text());
            }
        }
    }
}
