//! Documents that reports cite — the Regulation (current and superseded), the format notices,
//! related interpretations — with their status, replacement and a hover description, and a
//! scanner that finds them in text whatever the spacing, digit width or year brackets.

use std::ops::Range;
use std::sync::LazyLock;

use super::layout::Layout;
use super::regulation::{iso_to_chinese_date, regulation};
use crate::text::{fold_width, is_space};

/// What kind of document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    /// The Regulation (国务院令).
    Regulation,
    /// A notice issuing the unified report format.
    FormatNotice,
    /// Another notice, interpretation or measure.
    Notice,
}

/// A document that reports cite.
#[derive(Debug, Clone)]
pub struct CitedDocument {
    /// Stable id: `regulation-2007`, `regulation-2019`, `format-2019`, `format-2021`,
    /// `interpretation-2016-201`, `platforms-2019-61`, `fees-2020-109`.
    pub id: &'static str,
    pub kind: DocumentKind,
    /// The canonical number: `国务院令第711号`, `国办公开办函〔2021〕30号`.
    pub number: &'static str,
    /// The ways the number is written (compared after removing whitespace, folding full-width
    /// digits and normalising the year brackets to 〔〕).
    pub patterns: &'static [&'static str],
    /// The document's title.
    pub title: String,
    /// `Some(y)`: superseded for reports on year `y` and later; `None`: current.
    pub superseded_from_report_year: Option<i32>,
    /// Id of the document that replaced it.
    pub replaced_by: Option<&'static str>,
    /// The text to put in its place (`国务院令第711号`, `国办公开办函〔2021〕30号`).
    pub replacement: Option<&'static str>,
    /// Why it is superseded, or what to note when citing it.
    pub note_zh: String,
    pub note_en: String,
    /// Markdown for hover: what the document is, from the reference data.
    pub hover_zh: String,
    pub hover_en: String,
}

/// Documents are identified by their id.
impl PartialEq for CitedDocument {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}
impl Eq for CitedDocument {}

impl CitedDocument {
    /// Is the document superseded for a report on `report_year` (or at all, when the year is
    /// unknown)?
    pub fn is_superseded_for(&self, report_year: Option<i32>) -> bool {
        match (self.superseded_from_report_year, report_year) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(from), Some(y)) => y >= from,
        }
    }

    pub fn replaced_by(&self) -> Option<&'static CitedDocument> {
        self.replaced_by.and_then(document)
    }
}

static DOCUMENTS: LazyLock<Vec<CitedDocument>> = LazyLock::new(build_documents);

/// All documents known to the checker.
pub fn documents() -> &'static [CitedDocument] {
    &DOCUMENTS
}

/// The document with id `id`.
pub fn document(id: &str) -> Option<&'static CitedDocument> {
    documents().iter().find(|d| d.id == id)
}

/// The documents superseded for a report on `report_year` (all superseded ones if `None`).
pub fn superseded_documents(report_year: Option<i32>) -> impl Iterator<Item = &'static CitedDocument> {
    documents().iter().filter(move |d| d.is_superseded_for(report_year))
}

/// The document whose number is exactly `number` (whitespace, digit width and year brackets
/// ignored): `国办公开办函[2021]30号` → format-2021.
pub fn identify(number: &str) -> Option<&'static CitedDocument> {
    let (n, _) = normalize_with_map(number);
    normalized_patterns().iter().find(|(_, p)| *p == n).map(|&(doc, _)| doc)
}

/// Every document's patterns, normalized once, in the order of [`documents`] and their
/// patterns.
fn normalized_patterns() -> &'static [(&'static CitedDocument, String)] {
    static PATTERNS: LazyLock<Vec<(&'static CitedDocument, String)>> = LazyLock::new(|| {
        documents().iter().flat_map(|d| d.patterns.iter().map(move |p| (d, normalize_with_map(p).0))).collect()
    });
    &PATTERNS
}

/// Parses the documents and normalizes their patterns now (see [`super::preload`]).
pub(super) fn preload() {
    let _ = normalized_patterns();
}

/// One occurrence of a known document number in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct CitationMatch {
    pub document: &'static CitedDocument,
    /// Byte range in the scanned text.
    pub range: Range<usize>,
    /// The year was not written in 〔〕 (e.g. `[2021]`, `（2021）`, `【2021】`).
    pub nonstandard_brackets: bool,
}

/// Finds every known document number in `text`, in order, with byte ranges into `text`.
/// Spacing (`国令第 711 号`), full-width digits and the year's brackets do not matter.
pub fn scan(text: &str) -> Vec<CitationMatch> {
    let (norm, map) = normalize_with_map(text);
    let mut found: Vec<CitationMatch> = Vec::new();
    for &(doc, ref pn) in normalized_patterns() {
        for (start, m) in norm.match_indices(pn.as_str()) {
            let end = start + m.len();
            let first = map.iter().position(|e| e.norm == start).expect("char boundary");
            let last = map.iter().rposition(|e| e.norm < end).expect("char boundary");
            let range = map[first].orig.start..map[last].orig.end;
            let original = &text[range.clone()];
            let nonstandard_brackets =
                original.chars().any(|c| is_year_bracket(c) && c != '〔' && c != '〕');
            // Patterns may overlap (`国务院令第711号` inside `中华人民共和国国务院令第711号`):
            // keep the longest.
            if let Some(existing) = found.iter_mut().find(|f| ranges_overlap(&f.range, &range)) {
                if range.len() > existing.range.len() {
                    *existing = CitationMatch { document: doc, range, nonstandard_brackets };
                }
                continue;
            }
            found.push(CitationMatch { document: doc, range, nonstandard_brackets });
        }
    }
    found.sort_by_key(|m| m.range.start);
    found
}

fn ranges_overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn is_year_bracket(c: char) -> bool {
    matches!(c, '〔' | '〕' | '[' | ']' | '［' | '］' | '(' | ')' | '（' | '）' | '【' | '】' | '〖' | '〗' | '{' | '}' | '｛' | '｝')
}

fn is_open_year_bracket(c: char) -> bool {
    matches!(c, '〔' | '[' | '［' | '(' | '（' | '【' | '〖' | '{' | '｛')
}

fn is_close_year_bracket(c: char) -> bool {
    matches!(c, '〕' | ']' | '］' | ')' | '）' | '】' | '〗' | '}' | '｝')
}

struct MapEntry {
    norm: usize,
    orig: Range<usize>,
}

/// Removes whitespace, folds full-width digits and letters, and rewrites brackets around a
/// four-digit year to 〔〕. Returns the normalized text and, per normalized char, its byte offset
/// there and its byte range in the input.
fn normalize_with_map(s: &str) -> (String, Vec<MapEntry>) {
    let mut chars: Vec<(char, Range<usize>)> = Vec::with_capacity(s.len() / 2);
    for (i, c) in s.char_indices() {
        if is_space(c) {
            continue;
        }
        let folded = if ('\u{FF10}'..='\u{FF19}').contains(&c) || c.is_alphabetic() && c as u32 >= 0xFF21 && c as u32 <= 0xFF5A {
            fold_width(c)
        } else {
            c
        };
        chars.push((folded, i..i + c.len_utf8()));
    }
    // Year brackets.
    let n = chars.len();
    let mut i = 0;
    while i + 5 < n {
        if is_open_year_bracket(chars[i].0)
            && chars[i + 1..i + 5].iter().all(|(c, _)| c.is_ascii_digit())
            && is_close_year_bracket(chars[i + 5].0)
        {
            chars[i].0 = '〔';
            chars[i + 5].0 = '〕';
            i += 6;
        } else {
            i += 1;
        }
    }
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(chars.len());
    for (c, r) in chars {
        map.push(MapEntry { norm: out.len(), orig: r });
        out.push(c);
    }
    (out, map)
}

fn build_documents() -> Vec<CitedDocument> {
    let reg = regulation();
    let f21 = Layout::Y2021;
    let f19 = Layout::Y2019;
    let reg_title = reg.quoted_title();
    vec![
        CitedDocument {
            id: "regulation-2007",
            kind: DocumentKind::Regulation,
            number: "国务院令第492号",
            patterns: &["中华人民共和国国务院令第492号", "国务院令第492号", "国令第492号", "国务院第492号令", "国务院令492号", "国令492号"],
            title: reg_title.clone(),
            superseded_from_report_year: Some(2019),
            replaced_by: Some("regulation-2019"),
            replacement: Some("国务院令第711号"),
            note_zh: "2007年的《中华人民共和国政府信息公开条例》（国务院令第492号，2007年4月5日公布，2008年5月1日起施行）已由国务院令第711号修订，修订后的条例自2019年5月15日起施行。".into(),
            note_en: "The 2007 Regulation (State Council Order No. 492, promulgated 5 April 2007, in force 1 May 2008) was revised by Order No. 711; the revised Regulation has been in force since 15 May 2019.".into(),
            hover_zh: format!(
                "**{reg_title}（2007年）** — 国务院令第492号\n\n2007年4月5日公布，2008年5月1日起施行；共5章38条。\n\n**已被取代**：2019年4月3日国务院令第711号修订，{}起施行。据地方政府文件转引，2007年条例规定“各级行政机关应当在每年3月31日前公布本行政机关的政府信息公开工作年度报告”；现行条例第四十九条将部门的时限提前到1月31日。",
                iso_to_chinese_date(&reg.effective)
            ),
            hover_en: "**The 2007 Regulation** — State Council Order No. 492\n\nPromulgated 5 April 2007, in force 1 May 2008; 5 chapters, 38 articles.\n\n**Superseded** by the revision of State Council Order No. 711 (3 April 2019), in force since 15 May 2019. The 2007 text had every body publish its annual report by 31 March; Article 49 of the current text moves the departments' deadline to 31 January.".into(),
        },
        CitedDocument {
            id: "regulation-2019",
            kind: DocumentKind::Regulation,
            number: "国务院令第711号",
            patterns: &["中华人民共和国国务院令第711号", "国务院令第711号", "国令第711号", "国务院第711号令", "国务院令711号", "国令711号"],
            title: reg_title.clone(),
            superseded_from_report_year: None,
            replaced_by: None,
            replacement: None,
            note_zh: "现行条例。".into(),
            note_en: "The Regulation in force.".into(),
            hover_zh: format!(
                "**{reg_title}** — {}\n\n{}\n\n{}；{}起施行。共{}章{}条。第五十条规定年度报告的内容，第四十九条规定公布时限。\n\n来源：{}",
                reg.order_number(),
                reg.promulgation.order_text,
                reg.promulgation.history.join("；"),
                iso_to_chinese_date(&reg.effective),
                reg.chapters.len(),
                reg.articles.len(),
                reg.source.first().map(String::as_str).unwrap_or("")
            ),
            hover_en: format!(
                "**Regulation of the PRC on the Disclosure of Government Information** (2019 revision) — State Council Order No. 711\n\nRevised 3 April 2019, in force since 15 May 2019; {} chapters, {} articles. Article 50 sets what the annual report contains, Article 49 when it is published.\n\nSource: {}",
                reg.chapters.len(),
                reg.articles.len(),
                reg.source.first().map(String::as_str).unwrap_or("")
            ),
        },
        CitedDocument {
            id: "format-2019",
            kind: DocumentKind::FormatNotice,
            number: "国办公开办函〔2019〕60号",
            patterns: &["国办公开办函〔2019〕60号"],
            title: f19.notice_title().to_string(),
            superseded_from_report_year: Some(2021),
            replaced_by: Some("format-2021"),
            replacement: Some("国办公开办函〔2021〕30号"),
            note_zh: "国办公开办函〔2019〕60号印发的是《中华人民共和国政府信息公开工作年度报告格式（试行）》，适用于2019、2020年度的报告；2021年度起的报告应使用国办公开办函〔2021〕30号印发的修订后格式（这一起始年度是根据通知的执行情况推断的，通知原文未见相关表述）。".into(),
            note_en: "国办公开办函〔2019〕60号 issued the trial format used by reports on 2019 and 2020; reports on 2021 and later use the revised format of 国办公开办函〔2021〕30号 (the start year is inferred from how the notice was applied; no retrieved text states it).".into(),
            hover_zh: format!(
                "**《{}》** — 国办公开办函〔2019〕60号\n\n印发《{}》。开头：“{}”\n\n适用于2019、2020年度报告；**2021年度起已由国办公开办函〔2021〕30号取代**（推断）。该通知仅有单一来源，成文日期未能核实。",
                f19.notice_title(),
                f19.format_title(),
                truncate_chars(f19.notice_body(), 60)
            ),
            hover_en: "**Notice on matters concerning the annual reports** — 国办公开办函〔2019〕60号\n\nIssued the trial annual-report format used by reports on 2019 and 2020. **Superseded for reports on 2021 and later** by 国办公开办函〔2021〕30号 (inferred). Single source; the issue date was not retrieved.".into(),
        },
        CitedDocument {
            id: "format-2021",
            kind: DocumentKind::FormatNotice,
            number: "国办公开办函〔2021〕30号",
            patterns: &["国办公开办函〔2021〕30号"],
            title: f21.notice_title().to_string(),
            superseded_from_report_year: None,
            replaced_by: None,
            replacement: None,
            note_zh: "现行的年度报告统一格式。".into(),
            note_en: "The unified report format in force.".into(),
            hover_zh: format!(
                "**《{}》** — 国办公开办函〔2021〕30号\n\n{}\n\n国务院办公厅政府信息与政务公开办公室，{}。规定年度报告的六个部分和表二、表三、表四的格式；2021年度起的年度报告适用。",
                f21.notice_title(),
                f21.notice_body(),
                f21.notice_date().unwrap_or("2021年")
            ),
            hover_en: format!(
                "**Notice issuing the unified annual-report format** — 国办公开办函〔2021〕30号\n\nIssued by the State Council General Office's information and government-affairs disclosure office, {}. Sets the six sections and tables 二, 三 and 四 of the annual report; applies to reports on 2021 and later.",
                "26 September 2021"
            ),
        },
        CitedDocument {
            id: "interpretation-2016-201",
            kind: DocumentKind::Notice,
            number: "国办公开办函〔2016〕201号",
            patterns: &["国办公开办函〔2016〕201号"],
            title: "国务院办公厅政府信息与政务公开办公室关于政府信息公开年度报告有关项目填报问题的解释".into(),
            superseded_from_report_year: None,
            replaced_by: None,
            replacement: None,
            note_zh: "该解释是在2007年条例下作出的（其“第32条”是2007年条例的年度报告内容条款）；在2019年条例下是否仍适用未经核实。".into(),
            note_en: "Written under the 2007 Regulation (its \"Article 32\" is the 2007 contents article); whether it still governs under the 2019 Regulation was not verified.".into(),
            hover_zh: "**国务院办公厅政府信息与政务公开办公室关于政府信息公开年度报告有关项目填报问题的解释** — 国办公开办函〔2016〕201号（2016年9月1日，答复深圳市人民政府办公厅）\n\n> ……对于行政复议机关作为共同被告的行政诉讼案件，只计算原行为主体的案件数量，不计算行政复议机关的案件数量。\n\n即：复议机关作为共同被告的诉讼，由原行为主体计一次，复议机关不计。该解释作于2007年条例下，在现行条例下是否仍适用未经核实。".into(),
            hover_en: "**Interpretation of how to fill in items of the annual report** — 国办公开办函〔2016〕201号 (1 September 2016, reply to the Shenzhen government office)\n\nA lawsuit in which the administrative-review body is co-defendant is counted once, by the original acting body, not by the review body. Written under the 2007 Regulation; whether it still governs was not verified.".into(),
        },
        CitedDocument {
            id: "platforms-2019-61",
            kind: DocumentKind::Notice,
            number: "国办公开办函〔2019〕61号",
            patterns: &["国办公开办函〔2019〕61号"],
            title: "国务院办公厅政府信息与政务公开办公室关于规范政府信息公开平台有关事项的通知".into(),
            superseded_from_report_year: None,
            replaced_by: None,
            replacement: None,
            note_zh: "关于政府信息公开平台的通知，与年度报告格式无关。".into(),
            note_en: "A notice on disclosure platforms, not on the report format.".into(),
            hover_zh: "**国务院办公厅政府信息与政务公开办公室关于规范政府信息公开平台有关事项的通知** — 国办公开办函〔2019〕61号\n\n关于政府信息公开平台（条例第二十四条）的通知；不是年度报告格式通知（格式见〔2019〕60号、〔2021〕30号）。".into(),
            hover_en: "**Notice on standardising government-information disclosure platforms** — 国办公开办函〔2019〕61号\n\nOn disclosure platforms (Article 24 of the Regulation); not the report-format notice (see 〔2019〕60号 and 〔2021〕30号).".into(),
        },
        CitedDocument {
            id: "fees-2020-109",
            kind: DocumentKind::Notice,
            number: "国办函〔2020〕109号",
            patterns: &["国办函〔2020〕109号"],
            title: "国务院办公厅关于印发《政府信息公开信息处理费管理办法》的通知".into(),
            superseded_from_report_year: None,
            replaced_by: None,
            replacement: None,
            note_zh: "信息处理费的依据；收取的费用在年度报告第六部分报告。".into(),
            note_en: "The basis of information-processing fees; fees collected are reported in section 六.".into(),
            hover_zh: "**国务院办公厅关于印发《政府信息公开信息处理费管理办法》的通知** — 国办函〔2020〕109号（2020年11月17日）\n\n依据条例第四十二条制定的信息处理费办法；表三“（六）其他处理”第2项（逾期未按收费通知要求缴纳费用）与之相关，收取的信息处理费在第六部分“其他需要报告的事项”中报告。".into(),
            hover_en: "**Notice issuing the Measures on information-processing fees** — 国办函〔2020〕109号 (17 November 2020)\n\nThe fee measures under Article 42 of the Regulation; table 三 row （六）2 (fees not paid in time) relates to it, and fees collected are reported in section 六.".into(),
        },
    ]
}

fn truncate_chars(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue() {
        let ids: Vec<&str> = documents().iter().map(|d| d.id).collect();
        assert!(ids.contains(&"regulation-2007") && ids.contains(&"format-2021"));
        for d in documents() {
            assert!(d.patterns.contains(&d.number) || d.patterns.iter().any(|p| normalize_with_map(p).0 == d.number));
            if let Some(r) = d.replaced_by {
                assert!(document(r).is_some());
                assert_eq!(d.replacement, Some(document(r).unwrap().number));
            }
            assert!(!d.hover_zh.is_empty() && !d.hover_en.is_empty());
        }
        let old = document("regulation-2007").unwrap();
        assert!(old.is_superseded_for(Some(2023)));
        assert!(old.is_superseded_for(None));
        assert!(!old.is_superseded_for(Some(2018)));
        assert_eq!(old.replaced_by().unwrap().number, "国务院令第711号");
        let f19 = document("format-2019").unwrap();
        assert!(!f19.is_superseded_for(Some(2020)));
        assert!(f19.is_superseded_for(Some(2021)));
        assert_eq!(f19.replacement, Some("国办公开办函〔2021〕30号"));
        assert!(!document("format-2021").unwrap().is_superseded_for(Some(2024)));
        assert!(!document("regulation-2019").unwrap().is_superseded_for(Some(2024)));
        assert_eq!(superseded_documents(Some(2020)).map(|d| d.id).collect::<Vec<_>>(), ["regulation-2007"]);
        assert_eq!(superseded_documents(Some(2023)).map(|d| d.id).collect::<Vec<_>>(), ["regulation-2007", "format-2019"]);
        assert!(document("regulation-2019").unwrap().hover_zh.contains("2019年5月15日起施行"));
        assert!(document("format-2021").unwrap().hover_zh.contains("2021年9月26日"));
    }

    #[test]
    fn identify_numbers() {
        assert_eq!(identify("国办公开办函〔2021〕30号").unwrap().id, "format-2021");
        assert_eq!(identify("国办公开办函[2021]30号").unwrap().id, "format-2021");
        assert_eq!(identify("国办公开办函（２０１９）６０号").unwrap().id, "format-2019");
        assert_eq!(identify("国令第 711 号").unwrap().id, "regulation-2019");
        assert_eq!(identify("国务院令第492号").unwrap().id, "regulation-2007");
        assert!(identify("国办发〔2020〕17号").is_none());
    }

    #[test]
    fn scan_text() {
        let text = "根据《中华人民共和国政府信息公开条例》(国令第 711 号)、《……通知》(国办公开办函〔2021〕30 号)和国办公开办函【2019】60号，以及国务院令第492号。";
        let m = scan(text);
        let ids: Vec<&str> = m.iter().map(|m| m.document.id).collect();
        assert_eq!(ids, ["regulation-2019", "format-2021", "format-2019", "regulation-2007"]);
        assert_eq!(&text[m[0].range.clone()], "国令第 711 号");
        assert_eq!(&text[m[1].range.clone()], "国办公开办函〔2021〕30 号");
        assert!(!m[1].nonstandard_brackets);
        assert_eq!(&text[m[2].range.clone()], "国办公开办函【2019】60号");
        assert!(m[2].nonstandard_brackets);
        assert_eq!(&text[m[3].range.clone()], "国务院令第492号");
        // The longest pattern wins.
        let t = "中华人民共和国国务院令第711号";
        let m = scan(t);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].range, 0..t.len());
        assert!(scan("没有引用任何文件。").is_empty());
        assert!(scan("").is_empty());
        // Seed corpus preamble.
        let seed = "(国令第 711 号)、《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》(国办公开办函〔2021〕30 号)";
        assert_eq!(scan(seed).iter().map(|m| m.document.id).collect::<Vec<_>>(), ["regulation-2019", "format-2021"]);
    }
}
