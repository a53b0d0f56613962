//! `nianbao check --summary OUT_DIR`: one page for a reviewing office — `summary.csv` and a
//! self-contained `summary.html` over all the reports checked. The data is collected per file by
//! `check` (small: no text is kept); rendering is here.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use unicode_width::{UnicodeWidthChar as _, UnicodeWidthStr as _};

use crate::knowledge::{self, Severity};

/// One finding, as the summary shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    /// `error` | `warning` | `information` | `hint`.
    pub severity: &'static str,
    /// 1-based.
    pub line: u32,
    pub message: String,
    /// The clause the rule rests on, quoted short (`条例第四十九条第一款`), from the rule catalogue.
    pub basis: String,
}

/// What the summary knows of one report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSummary {
    pub path: PathBuf,
    pub body: Option<String>,
    pub year: Option<i32>,
    /// `2019` (国办公开办函〔2019〕60号) or `2021` (〔2021〕30号): the layout its tables follow.
    pub layout: &'static str,
    /// Numbers (1–6) of the sections present.
    pub sections: Vec<u32>,
    pub findings: Vec<Finding>,
    /// Table 三's totals (总计 column): new, carried over, finished (（七）总计), carried forward.
    pub requests: [Option<i64>; 4],
    /// Table 四's totals: administrative review, litigation without review, litigation after review.
    pub review: [Option<i64>; 3],
}

impl ReportSummary {
    /// Findings by rule code.
    pub fn counts(&self) -> BTreeMap<&'static str, usize> {
        let mut counts = BTreeMap::new();
        for f in &self.findings {
            *counts.entry(f.code).or_insert(0) += 1;
        }
        counts
    }
}

/// Writes `summary.csv` and `summary.html` into `dir` (created if needed).
pub fn write(dir: &Path, reports: &[ReportSummary]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("summary.csv"), csv(reports))?;
    std::fs::write(dir.join("summary.html"), html(reports))?;
    Ok(())
}

// ------------------------------------------------------------------------------------------ CSV

/// Headers of the totals columns: table 三 (总计 column), then table 四.
const TOTAL_HEADERS: [&str; 7] = [
    "表三·本年新收",
    "表三·上年结转",
    "表三·办理完毕（七）总计",
    "表三·结转下年度",
    "表四·行政复议总计",
    "表四·未经复议直接起诉总计",
    "表四·复议后起诉总计",
];

/// The CSV: one row per report.
///
/// RFC 4180: comma-separated, CRLF line ends, a header row, fields quoted when they hold a comma,
/// a double quote or a line break (quotes doubled). The text starts with a UTF-8 byte-order mark:
/// without it, Excel on Chinese Windows reads a CSV in the ANSI code page (GBK) and garbles every
/// Chinese character.
///
/// Columns: 文件, 单位, 年度, 格式 (`2019` | `2021`), 章节 (the numerals of the sections present,
/// `一 二 三 四 五 六`), findings by severity (错误, 警告, 提示信息, 建议), one column per rule code
/// that occurs in any report (counts, in catalogue order), then the totals of table 三 and table 四
/// ([`TOTAL_HEADERS`]). A cell is blank where the value is unknown. Rows are sorted by path.
pub fn csv(reports: &[ReportSummary]) -> String {
    let reports = ordered(reports);
    let codes = rule_columns(&reports);
    let mut out = String::from('\u{FEFF}');
    let mut header: Vec<String> = ["文件", "单位", "年度", "格式", "章节"].iter().map(|s| s.to_string()).collect();
    header.extend(Severity::ALL.iter().map(|s| s.label_zh().to_string()));
    header.extend(codes.iter().map(|c| c.to_string()));
    header.extend(TOTAL_HEADERS.iter().map(|s| s.to_string()));
    push_csv_row(&mut out, &header);
    for r in reports {
        let mut row = vec![
            csv_text(&r.path.display().to_string()),
            r.body.as_deref().map(csv_text).unwrap_or_default(),
            r.year.map(|y| y.to_string()).unwrap_or_default(),
            r.layout.to_string(),
            sections_text(&r.sections),
        ];
        row.extend(by_severity(r).iter().map(|n| n.to_string()));
        let counts = r.counts();
        row.extend(codes.iter().map(|c| counts.get(c).copied().unwrap_or(0).to_string()));
        row.extend(r.requests.iter().chain(r.review.iter()).map(|v| v.map(|n| n.to_string()).unwrap_or_default()));
        push_csv_row(&mut out, &row);
    }
    out
}

fn push_csv_row(out: &mut String, fields: &[String]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}

/// Text taken from a report (a name, a path): a leading `=`, `+`, `-` or `@` would make Excel read
/// the cell as a formula, so such a cell gets a leading apostrophe (OWASP "CSV injection").
fn csv_text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() }
}

// ------------------------------------------------------------------------------------------ data

/// Reports in a deterministic order: by path, then by what they hold.
fn ordered(reports: &[ReportSummary]) -> Vec<&ReportSummary> {
    let mut v: Vec<&ReportSummary> = reports.iter().collect();
    v.sort_by(|a, b| {
        a.path
            .cmp(&b.path)
            .then_with(|| a.body.cmp(&b.body))
            .then_with(|| a.year.cmp(&b.year))
            .then_with(|| a.layout.cmp(b.layout))
            .then_with(|| a.sections.cmp(&b.sections))
            .then_with(|| a.requests.cmp(&b.requests))
            .then_with(|| a.review.cmp(&b.review))
            .then_with(|| sorted_findings(a).cmp(&sorted_findings(b)))
    });
    v
}

/// A report's findings, by line, severity, code and message.
fn sorted_findings(r: &ReportSummary) -> Vec<(u32, usize, &'static str, &str, &str)> {
    let mut v: Vec<_> =
        r.findings.iter().map(|f| (f.line, severity_rank(f.severity), f.code, f.message.as_str(), f.basis.as_str())).collect();
    v.sort();
    v
}

/// 0 error, 1 warning, 2 information, 3 hint; 4 anything else.
fn severity_rank(s: &str) -> usize {
    Severity::ALL.iter().position(|x| x.as_str() == s).unwrap_or(Severity::ALL.len())
}

fn severity_label(rank: usize) -> &'static str {
    Severity::ALL.get(rank).map(|s| s.label_zh()).unwrap_or("其他")
}

fn severity_class(rank: usize) -> &'static str {
    Severity::ALL.get(rank).map(|s| s.as_str()).unwrap_or("other")
}

const SEVERITY_EN: [&str; 4] = ["Errors", "Warnings", "Information", "Hints"];

/// Findings by severity: error, warning, information, hint.
fn by_severity(r: &ReportSummary) -> [usize; 4] {
    let mut n = [0; 4];
    for f in &r.findings {
        if let Some(slot) = n.get_mut(severity_rank(f.severity)) {
            *slot += 1;
        }
    }
    n
}

/// The rule codes that occur in any report: catalogue order, unknown codes after, by name.
fn rule_columns(reports: &[&ReportSummary]) -> Vec<&'static str> {
    let set: BTreeSet<&'static str> = reports.iter().flat_map(|r| r.findings.iter().map(|f| f.code)).collect();
    let mut v: Vec<&'static str> = set.into_iter().collect();
    v.sort_by_key(|c| (catalogue_index(c), *c));
    v
}

fn catalogue_index(code: &str) -> usize {
    knowledge::all_rules().iter().position(|r| r.code == code).unwrap_or(usize::MAX)
}

fn rule_title(code: &str) -> Option<&'static str> {
    knowledge::rule(code).map(|r| r.title_zh)
}

const NUMERALS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];

fn numeral(n: u32) -> String {
    match n {
        1..=6 => NUMERALS[n as usize - 1].to_string(),
        _ => n.to_string(),
    }
}

/// `一 二 三 四 五 六`: the sections present, in order, each once.
fn sections_text(sections: &[u32]) -> String {
    let set: BTreeSet<u32> = sections.iter().copied().collect();
    set.into_iter().map(numeral).collect::<Vec<_>>().join(" ")
}

fn layout_document(layout: &str) -> Option<&'static str> {
    match layout {
        "2019" => Some("国办公开办函〔2019〕60号"),
        "2021" => Some("国办公开办函〔2021〕30号"),
        _ => None,
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

/// The body's name, or, when unknown, a label that keeps reports of unknown bodies apart.
fn body_label(r: &ReportSummary) -> String {
    match &r.body {
        Some(b) => b.clone(),
        None => format!("（未识别单位）{}", file_name(&r.path)),
    }
}

// ------------------------------------------------------------------------------------------ HTML

/// Escapes text for HTML element content and quoted attribute values (also inside inline SVG).
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and line breaks are not allowed in HTML text.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The page: a header with counts, the table of reports (sortable), a chart of findings by rule
/// and one by body (inline SVG), each report's findings and the rules that occur. Self-contained
/// (inline CSS and JS, no fonts, images or scripts fetched; the Content-Security-Policy forbids
/// any fetch) and deterministic: the same reports, in any order, give the same bytes.
pub fn html(reports: &[ReportSummary]) -> String {
    let reports = ordered(reports);
    let mut out = String::with_capacity(16 * 1024 + reports.len() * 2048);
    out.push_str(concat!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        "<title>政府信息公开工作年度报告检查汇总</title>\n<style>\n",
    ));
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body>\n");
    header(&mut out, &reports);
    out.push_str("<main>\n");
    if reports.is_empty() {
        out.push_str(concat!(
            "<section class=\"empty\" id=\"no-reports\"><h2>没有报告<span class=\"en\">No reports</span></h2>",
            "<p>本次没有检查任何报告：所给路径下没有可读取的 .txt 或 .nianbao 文件。</p>",
            "<p class=\"en\">No reports were checked: there is no readable .txt or .nianbao file under the paths given.</p></section>\n",
        ));
    } else {
        reports_table(&mut out, &reports);
        charts(&mut out, &reports);
        findings(&mut out, &reports);
        rules(&mut out, &reports);
    }
    out.push_str("</main>\n<footer>由 nianbao 生成 · Generated by nianbao · 规则依据见各条问题的“依据”栏</footer>\n<script>\n");
    out.push_str(JS);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

fn header(out: &mut String, reports: &[&ReportSummary]) {
    let mut totals = [0usize; 4];
    let mut with_errors = 0;
    for r in reports {
        let n = by_severity(r);
        for (t, k) in totals.iter_mut().zip(n) {
            *t += k;
        }
        if n[0] > 0 {
            with_errors += 1;
        }
    }
    let bodies: BTreeSet<String> = reports.iter().map(|r| body_label(r)).collect();
    out.push_str("<header class=\"top\">\n<h1>政府信息公开工作年度报告检查汇总<span class=\"en\">Annual government-information-disclosure reports: summary of the check</span></h1>\n<dl class=\"stats\">\n");
    let stat = |out: &mut String, id: &str, class: &str, zh: &str, en: &str, n: usize| {
        let _ = writeln!(
            out,
            "<div class=\"{}\" id=\"stat-{id}\"><dt>{zh}<span class=\"en\">{en}</span></dt><dd>{n}</dd></div>",
            if class.is_empty() { "stat".to_string() } else { format!("stat {class}") }
        );
    };
    stat(out, "reports", "", "报告", "Reports", reports.len());
    stat(out, "bodies", "", "单位", "Bodies", bodies.len());
    stat(out, "with-errors", "with-errors", "有错误的报告", "Reports with errors", with_errors);
    for (i, sev) in Severity::ALL.iter().enumerate() {
        stat(out, sev.as_str(), &format!("sev-{}", sev.as_str()), sev.label_zh(), SEVERITY_EN[i], totals[i]);
    }
    out.push_str("</dl>\n</header>\n");
}

fn reports_table(out: &mut String, reports: &[&ReportSummary]) {
    out.push_str(concat!(
        "<section id=\"reports-section\">\n<h2>报告一览<span class=\"en\">Reports</span></h2>\n",
        "<p class=\"note\">点击列标题排序，再次点击反向排序；点击单位名称查看该报告的问题清单。",
        "<span class=\"en\">Click a column header (or focus it and press Enter) to sort; click again to reverse. Click a body to see its findings.</span></p>\n",
        "<p class=\"sr-only\" id=\"sort-status\" role=\"status\" aria-live=\"polite\"></p>\n",
        "<div class=\"scroll\"><table id=\"reports\" class=\"sortable\">\n<thead><tr>",
    ));
    // `first`: the direction of a column's first sort; counts sort with the most first.
    let mut col = |key: &str, num: bool, first: &str, zh: &str, en: &str| {
        let _ = write!(
            out,
            "<th scope=\"col\" data-key=\"{key}\"{}{}{}><button type=\"button\">{zh}<span class=\"en\">{en}</span></button></th>",
            match (num, key) {
                // Sorted by how many sections are present, shown as numerals.
                (true, "sections") => " data-type=\"num\"",
                (true, _) => " data-type=\"num\" class=\"num\"",
                _ => "",
            },
            if first == "descending" { " data-first=\"descending\"" } else { "" },
            if key == "index" { " aria-sort=\"ascending\"" } else { "" },
        );
    };
    col("index", true, "ascending", "序号", "No.");
    col("body", false, "ascending", "单位", "Body");
    col("year", true, "ascending", "年度", "Year");
    col("layout", false, "ascending", "格式", "Layout");
    col("sections", true, "ascending", "章节", "Sections");
    for (i, sev) in Severity::ALL.iter().enumerate() {
        col(sev.as_str(), true, "descending", sev.label_zh(), SEVERITY_EN[i]);
    }
    col("total", true, "descending", "合计", "Total");
    col("file", false, "ascending", "文件", "File");
    out.push_str("</tr></thead>\n<tbody>\n");
    for (i, r) in reports.iter().enumerate() {
        let n = i + 1;
        let counts = by_severity(r);
        let _ = write!(out, "<tr id=\"row-{n}\"><td class=\"num\" data-v=\"{n}\">{n}</td>");
        match &r.body {
            Some(b) => {
                let _ = write!(out, "<td data-v=\"{0}\"><a href=\"#r{n}\">{0}</a></td>", esc(b));
            }
            None => {
                let _ = write!(out, "<td data-v=\"\"><a href=\"#r{n}\" class=\"muted\">（未识别单位）</a></td>");
            }
        }
        match r.year {
            Some(y) => {
                let _ = write!(out, "<td class=\"num\" data-v=\"{y}\">{y}</td>");
            }
            None => out.push_str("<td class=\"num muted\" data-v=\"\" title=\"未识别\">—</td>"),
        }
        let _ = write!(
            out,
            "<td data-v=\"{0}\"{1}>{0}</td>",
            esc(r.layout),
            layout_document(r.layout).map(|d| format!(" title=\"{}\"", esc(d))).unwrap_or_default()
        );
        let present: BTreeSet<u32> = r.sections.iter().copied().collect();
        let missing: Vec<String> = (1..=6).filter(|s| !present.contains(s)).map(numeral).collect();
        let _ = write!(
            out,
            "<td class=\"sections\" data-v=\"{}\" title=\"{}\">{}</td>",
            present.len(),
            if missing.is_empty() { "六个部分齐全".to_string() } else { format!("缺少：{}", missing.join(" ")) },
            esc(&sections_text(&r.sections))
        );
        for (k, c) in counts.iter().enumerate() {
            let class = if *c > 0 { format!("num count sev-{}", severity_class(k)) } else { "num count zero".into() };
            let _ = write!(out, "<td class=\"{class}\" data-v=\"{c}\">{c}</td>");
        }
        let total: usize = counts.iter().sum();
        let path = r.path.display().to_string();
        let _ = writeln!(
            out,
            "<td class=\"num total\" data-v=\"{total}\">{total}</td><td class=\"file\" data-v=\"{0}\" title=\"{0}\">{1}</td></tr>",
            esc(&path),
            esc(&file_name(&r.path))
        );
    }
    out.push_str("</tbody>\n</table></div>\n</section>\n");
}

// ---------------------------------------------------------------------------------------- charts

/// One bar of a chart: its findings by severity, stacked.
struct Bar {
    /// `data-rule` or `data-body`.
    attr: &'static str,
    key: String,
    label: String,
    href: String,
    counts: [usize; 4],
}

impl Bar {
    fn total(&self) -> usize {
        self.counts.iter().sum()
    }
}

/// Bodies shown in the chart by body, at most.
const MAX_BODY_BARS: usize = 50;

fn charts(out: &mut String, reports: &[&ReportSummary]) {
    // By rule.
    let mut by_rule: BTreeMap<&'static str, [usize; 4]> = BTreeMap::new();
    for r in reports {
        for f in &r.findings {
            if let Some(slot) = by_rule.entry(f.code).or_default().get_mut(severity_rank(f.severity)) {
                *slot += 1;
            }
        }
    }
    let mut rule_bars: Vec<Bar> = by_rule
        .into_iter()
        .map(|(code, counts)| Bar {
            attr: "data-rule",
            key: code.to_string(),
            label: match rule_title(code) {
                Some(t) => format!("{t} {code}"),
                None => code.to_string(),
            },
            href: format!("#rule-{code}"),
            counts,
        })
        .collect();
    rule_bars.sort_by(|a, b| b.total().cmp(&a.total()).then_with(|| catalogue_index(&a.key).cmp(&catalogue_index(&b.key))).then_with(|| a.key.cmp(&b.key)));

    // By body: a body's reports (several years) together; linked to its first report.
    let mut by_body: BTreeMap<String, ([usize; 4], usize)> = BTreeMap::new();
    for (i, r) in reports.iter().enumerate() {
        let entry = by_body.entry(body_label(r)).or_insert(([0; 4], i + 1));
        for (t, k) in entry.0.iter_mut().zip(by_severity(r)) {
            *t += k;
        }
    }
    let mut body_bars: Vec<Bar> = by_body
        .into_iter()
        .map(|(body, (counts, first))| Bar { attr: "data-body", key: body.clone(), label: body, href: format!("#r{first}"), counts })
        .collect();
    body_bars.sort_by(|a, b| {
        b.total().cmp(&a.total()).then_with(|| b.counts[0].cmp(&a.counts[0])).then_with(|| a.label.cmp(&b.label))
    });
    let hidden = body_bars.len().saturating_sub(MAX_BODY_BARS);
    body_bars.truncate(MAX_BODY_BARS);

    out.push_str("<section id=\"charts\">\n<h2>问题分布<span class=\"en\">Where the reports go wrong</span></h2>\n");
    out.push_str("<p class=\"legend\">");
    for (i, sev) in Severity::ALL.iter().enumerate() {
        let _ = write!(out, "<span class=\"key\"><i class=\"swatch sev-{}\"></i>{}<span class=\"en-inline\">{}</span></span>", sev.as_str(), sev.label_zh(), SEVERITY_EN[i]);
    }
    out.push_str("</p>\n<div class=\"charts\">\n");
    out.push_str("<figure id=\"chart-rules\"><figcaption>按规则统计<span class=\"en\">Findings by rule</span></figcaption>\n");
    if rule_bars.is_empty() {
        out.push_str("<p class=\"none\">未发现问题。<span class=\"en\">No findings.</span></p>\n");
    } else {
        out.push_str(&bar_chart("按规则统计的问题数 Findings by rule", &rule_bars));
    }
    out.push_str("</figure>\n<figure id=\"chart-bodies\"><figcaption>按单位统计<span class=\"en\">Findings by body</span></figcaption>\n");
    out.push_str(&bar_chart("按单位统计的问题数 Findings by body", &body_bars));
    if hidden > 0 {
        let _ = writeln!(
            out,
            "<p class=\"note\">仅显示问题最多的{MAX_BODY_BARS}个单位，另有{hidden}个单位见上方报告一览。<span class=\"en\">The {MAX_BODY_BARS} bodies with the most findings; {hidden} more are in the table above.</span></p>"
        );
    }
    out.push_str("</figure>\n</div>\n</section>\n");
}

/// Horizontal stacked bars, one per entry, labelled on the left, with the total at the bar's end
/// and a grid with round ticks. Sizes in CSS pixels; the SVG scales down on narrow screens.
fn bar_chart(title: &str, bars: &[Bar]) -> String {
    const WIDTH: f64 = 880.0;
    const ROW: f64 = 30.0;
    const BAR: f64 = 20.0;
    const TOP: f64 = 6.0;
    const AXIS: f64 = 26.0;
    /// Pixels per display column at 13 px (a CJK character is two columns, about 13 px).
    const PX_PER_COL: f64 = 7.0;
    const MAX_LABEL_COLS: usize = 56;
    let label_cols = bars.iter().map(|b| b.label.width().min(MAX_LABEL_COLS)).max().unwrap_or(0);
    let label_w = (label_cols as f64 * PX_PER_COL + 16.0).clamp(96.0, MAX_LABEL_COLS as f64 * PX_PER_COL + 16.0).round();
    let plot_w = WIDTH - label_w - 56.0;
    let max = bars.iter().map(Bar::total).max().unwrap_or(0).max(1);
    let step = nice_step(max);
    let top = max.div_ceil(step) * step;
    let scale = plot_w / top as f64;
    let plot_h = bars.len() as f64 * ROW;
    let height = TOP + plot_h + AXIS;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" aria-label=\"{}\"><title>{}</title>",
        esc(title),
        esc(title)
    );
    let mut t = 0;
    while t <= top {
        let x = label_w + t as f64 * scale;
        let _ = writeln!(
            s,
            "<line class=\"grid\" x1=\"{x:.1}\" y1=\"{TOP}\" x2=\"{x:.1}\" y2=\"{:.1}\"/><text class=\"tick\" x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{t}</text>",
            TOP + plot_h,
            TOP + plot_h + 18.0
        );
        t += step;
    }
    for (i, b) in bars.iter().enumerate() {
        let y = TOP + i as f64 * ROW + (ROW - BAR) / 2.0;
        let cy = TOP + i as f64 * ROW + ROW / 2.0;
        let total = b.total();
        let breakdown: Vec<String> =
            Severity::ALL.iter().zip(b.counts).filter(|(_, n)| *n > 0).map(|(sev, n)| format!("{} {n}", sev.label_zh())).collect();
        let tooltip = if breakdown.is_empty() { format!("{}：0", b.label) } else { format!("{}：{total}（{}）", b.label, breakdown.join("，")) };
        let _ = write!(
            s,
            "<g class=\"bar\" {}=\"{}\" data-count=\"{total}\"><title>{}</title><a href=\"{}\"><text class=\"label\" x=\"{:.1}\" y=\"{cy:.1}\" text-anchor=\"end\" dominant-baseline=\"central\">{}</text>",
            b.attr,
            esc(&b.key),
            esc(&tooltip),
            esc(&b.href),
            label_w - 8.0,
            esc(&truncate(&b.label, MAX_LABEL_COLS))
        );
        let mut acc = 0usize;
        for (k, n) in b.counts.iter().enumerate() {
            if *n == 0 {
                continue;
            }
            let x0 = label_w + acc as f64 * scale;
            acc += n;
            let x1 = label_w + acc as f64 * scale;
            let _ = write!(
                s,
                "<rect class=\"seg sev-{}\" x=\"{x0:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{BAR}\"/>",
                severity_class(k),
                x1 - x0
            );
        }
        let _ = writeln!(
            s,
            "</a><text class=\"count\" x=\"{:.1}\" y=\"{cy:.1}\" dominant-baseline=\"central\">{total}</text></g>",
            label_w + acc as f64 * scale + 6.0
        );
    }
    s.push_str("</svg>\n");
    s
}

/// A round tick step (1, 2 or 5 × 10ⁿ) giving at most about six ticks up to `max`.
fn nice_step(max: usize) -> usize {
    let mut base = 1;
    loop {
        for m in [1, 2, 5] {
            if max.div_ceil(base * m) <= 6 {
                return base * m;
            }
        }
        base *= 10;
    }
}

/// `s` cut to `cols` display columns, with `…` when cut.
fn truncate(s: &str, cols: usize) -> String {
    if s.width() <= cols {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > cols {
            break;
        }
        w += cw;
        out.push(c);
    }
    out.push('…');
    out
}

// -------------------------------------------------------------------------------------- findings

fn findings(out: &mut String, reports: &[&ReportSummary]) {
    out.push_str(concat!(
        "<section id=\"findings\">\n<h2>各报告问题清单<span class=\"en\">Findings, report by report</span></h2>\n",
        "<p class=\"tools\"><button type=\"button\" id=\"expand-all\">全部展开<span class=\"en-inline\">Expand all</span></button> ",
        "<button type=\"button\" id=\"collapse-all\">全部收起<span class=\"en-inline\">Collapse all</span></button></p>\n",
    ));
    for (i, r) in reports.iter().enumerate() {
        let n = i + 1;
        let counts = by_severity(r);
        let _ = write!(out, "<details class=\"report\" id=\"r{n}\"><summary><span class=\"no\">{n}</span> ");
        match &r.body {
            Some(b) => {
                let _ = write!(out, "<strong>{}</strong>", esc(b));
            }
            None => out.push_str("<strong class=\"muted\">（未识别单位）</strong>"),
        }
        if let Some(y) = r.year {
            let _ = write!(out, " <span class=\"year\">{y}年度</span>");
        }
        out.push_str(" <span class=\"badges\">");
        if r.findings.is_empty() {
            out.push_str("<span class=\"badge ok\">未发现问题</span>");
        }
        for (k, c) in counts.iter().enumerate() {
            if *c > 0 {
                let _ = write!(out, "<span class=\"badge sev-{}\">{} {c}</span>", severity_class(k), severity_label(k));
            }
        }
        out.push_str("</span></summary>\n<div class=\"meta\">");
        let _ = write!(out, "<div class=\"wide\"><span class=\"k\">文件 File</span><code>{}</code></div>", esc(&r.path.display().to_string()));
        let _ = write!(
            out,
            "<div><span class=\"k\">格式 Layout</span>{}</div>",
            match layout_document(r.layout) {
                Some(d) => format!("{}（{}）", esc(r.layout), esc(d)),
                None => esc(r.layout),
            }
        );
        let _ = write!(out, "<div><span class=\"k\">章节 Sections</span>{}</div>", esc(&sections_text(&r.sections)));
        let value = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_else(|| "—".into());
        let _ = write!(
            out,
            "<div><span class=\"k\">表三 Requests</span>本年新收 {}；上年结转 {}；办理完毕 {}；结转下年度 {}</div>",
            value(r.requests[0]),
            value(r.requests[1]),
            value(r.requests[2]),
            value(r.requests[3])
        );
        let _ = write!(
            out,
            "<div><span class=\"k\">表四 Review</span>行政复议 {}；未经复议直接起诉 {}；复议后起诉 {}</div>",
            value(r.review[0]),
            value(r.review[1]),
            value(r.review[2])
        );
        out.push_str("</div>\n");
        if r.findings.is_empty() {
            out.push_str("<p class=\"none\">未发现问题。<span class=\"en\">No findings.</span></p>\n");
        } else {
            out.push_str(concat!(
                "<table class=\"findings\"><thead><tr>",
                "<th scope=\"col\" class=\"num\">行<span class=\"en\">Line</span></th>",
                "<th scope=\"col\">级别<span class=\"en\">Severity</span></th>",
                "<th scope=\"col\">规则<span class=\"en\">Rule</span></th>",
                "<th scope=\"col\">问题<span class=\"en\">Finding</span></th>",
                "<th scope=\"col\">依据<span class=\"en\">Basis</span></th>",
                "</tr></thead>\n<tbody>\n",
            ));
            let mut fs: Vec<&Finding> = r.findings.iter().collect();
            fs.sort_by(|a, b| {
                (a.line, severity_rank(a.severity), a.code, &a.message, &a.basis).cmp(&(b.line, severity_rank(b.severity), b.code, &b.message, &b.basis))
            });
            for f in fs {
                let rank = severity_rank(f.severity);
                let _ = writeln!(
                    out,
                    "<tr class=\"finding\" data-rule=\"{code}\"><td class=\"num\">{line}</td><td><span class=\"badge sev-{class}\">{sev}</span></td><td class=\"rule\"><a href=\"#rule-{code}\"><code>{code}</code></a>{title}<a class=\"doc\" href=\"docs/rules.md#{code}\" title=\"规则文档 rule documentation\">文档</a></td><td class=\"message\">{message}</td><td class=\"basis\">{basis}</td></tr>",
                    code = esc(f.code),
                    line = f.line,
                    class = severity_class(rank),
                    sev = severity_label(rank),
                    title = rule_title(f.code).map(|t| format!("<span class=\"title\">{}</span>", esc(t))).unwrap_or_default(),
                    message = esc(&f.message),
                    basis = esc(&f.basis),
                );
            }
            out.push_str("</tbody></table>\n");
        }
        out.push_str("</details>\n");
    }
    out.push_str("</section>\n");
}

fn rules(out: &mut String, reports: &[&ReportSummary]) {
    let codes = rule_columns(reports);
    if codes.is_empty() {
        return;
    }
    out.push_str(concat!(
        "<section id=\"rules\">\n<h2>规则说明<span class=\"en\">The rules that found something</span></h2>\n",
        "<div class=\"scroll\"><table class=\"rules\"><thead><tr>",
        "<th scope=\"col\">规则<span class=\"en\">Rule</span></th>",
        "<th scope=\"col\" class=\"num\">问题数<span class=\"en\">Findings</span></th>",
        "<th scope=\"col\" class=\"num\">涉及报告<span class=\"en\">Reports</span></th>",
        "<th scope=\"col\">说明<span class=\"en\">What it means</span></th>",
        "<th scope=\"col\">依据<span class=\"en\">Basis</span></th>",
        "</tr></thead>\n<tbody>\n",
    ));
    for code in codes {
        let findings: usize = reports.iter().map(|r| r.findings.iter().filter(|f| f.code == code).count()).sum();
        let affected = reports.iter().filter(|r| r.findings.iter().any(|f| f.code == code)).count();
        let info = knowledge::rule(code);
        let _ = writeln!(
            out,
            "<tr id=\"rule-{c}\"><td class=\"rule\"><code>{c}</code>{title}<a class=\"doc\" href=\"docs/rules.md#{c}\">文档</a></td><td class=\"num\">{findings}</td><td class=\"num\">{affected}</td><td>{explanation}</td><td class=\"basis\">{basis}</td></tr>",
            c = esc(code),
            title = info.map(|r| format!("<span class=\"title\">{}</span>", esc(r.title_zh))).unwrap_or_default(),
            explanation = info.map(|r| esc(r.explanation_zh)).unwrap_or_default(),
            basis = info.map(|r| esc(&r.basis.citation())).unwrap_or_default(),
        );
    }
    out.push_str("</tbody></table></div>\n</section>\n");
}

// ---------------------------------------------------------------------------------------- assets

/// The page's style: system CJK fonts only (nothing is fetched), print-friendly.
const CSS: &str = r##":root{--error:#b3261e;--warning:#a85300;--information:#1f5fa8;--hint:#5b6670;--other:#7a7a7a;--line:#d8dde3;--bg:#f5f6f8;--card:#fff;--fg:#1d2329;--muted:#5f6b76;--brand:#9e1b1b}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.6 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","Hiragino Sans GB","WenQuanYi Micro Hei",system-ui,sans-serif;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.en{display:block;font-size:.72em;font-weight:400;color:var(--muted);letter-spacing:0;line-height:1.3}
.en-inline{font-size:.8em;color:var(--muted);margin-left:.3em}
header.top .en{color:#f3d9d9}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
header.top{background:var(--brand);color:#fff;padding:22px 32px 18px}
h1{margin:0 0 14px;font-size:26px;letter-spacing:.04em}
h2{font-size:20px;margin:0 0 10px;padding-left:10px;border-left:4px solid var(--brand)}
.stats{display:flex;flex-wrap:wrap;gap:10px;margin:0}
.stat{background:rgba(255,255,255,.12);border-radius:6px;padding:6px 14px;min-width:112px}
.stat dt{font-size:13px}
.stat dd{margin:0;font-size:26px;font-weight:700;font-variant-numeric:tabular-nums}
.stat.with-errors dd,.stat.sev-error dd{color:#ffd8d3}
main{padding:20px 32px;max-width:1400px}
section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:0 0 20px}
.note,.tools{color:var(--muted);font-size:13px;margin:4px 0 10px}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
thead th{background:#eef0f3;font-weight:600;white-space:nowrap}
.num{text-align:right;font-variant-numeric:tabular-nums}
th.num button{text-align:right}
tbody tr:hover{background:#fafbfc}
table.sortable th{padding:0}
table.sortable th button{all:unset;box-sizing:border-box;display:block;width:100%;padding:6px 8px;cursor:pointer}
table.sortable th button:focus-visible{outline:3px solid #1f5fa8;outline-offset:-3px}
table.sortable th button::after{content:"⇅";opacity:.35;margin-left:4px;font-size:12px}
table.sortable th[aria-sort=ascending] button::after{content:"▲";opacity:1}
table.sortable th[aria-sort=descending] button::after{content:"▼";opacity:1}
td.count.zero{color:#b4bac0}
td.sev-error{color:var(--error);font-weight:700}
td.sev-warning{color:var(--warning);font-weight:600}
td.sev-information{color:var(--information)}
td.sev-hint{color:var(--hint)}
td.total{font-weight:700}
td.file{color:var(--muted);font-size:13px;word-break:break-all}
td.sections{white-space:nowrap}
.muted{color:var(--muted)}
a{color:#1a56a0}
a:focus-visible,button:focus-visible,summary:focus-visible{outline:3px solid #1f5fa8;outline-offset:2px}
.legend{display:flex;flex-wrap:wrap;gap:16px;margin:0 0 8px;font-size:13px}
.swatch{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:4px;vertical-align:-1px}
.swatch.sev-error,rect.sev-error{background:var(--error);fill:var(--error)}
.swatch.sev-warning,rect.sev-warning{background:var(--warning);fill:var(--warning)}
.swatch.sev-information,rect.sev-information{background:var(--information);fill:var(--information)}
.swatch.sev-hint,rect.sev-hint{background:var(--hint);fill:var(--hint)}
rect.sev-other{fill:var(--other)}
.charts{display:grid;grid-template-columns:1fr;gap:18px}
figure{margin:0}
figcaption{font-weight:600;margin-bottom:6px}
svg.chart{max-width:100%;height:auto;display:block}
svg.chart text{font-family:inherit;font-size:13px;fill:var(--fg)}
svg.chart text.tick{font-size:11px;fill:var(--muted)}
svg.chart text.count{font-weight:700}
svg.chart line.grid{stroke:#e3e6ea;stroke-width:1}
svg.chart g.bar:hover rect{opacity:.82}
svg.chart a:focus-visible text.label{text-decoration:underline}
details.report{border:1px solid var(--line);border-radius:6px;margin:0 0 8px;background:#fff}
details.report>summary{cursor:pointer;padding:8px 12px;list-style-position:inside}
details.report[open]>summary{border-bottom:1px solid var(--line);background:#f8f9fb}
details.report:target{box-shadow:0 0 0 3px #f0c36d}
details.report .no{display:inline-block;min-width:2em;color:var(--muted);font-variant-numeric:tabular-nums}
details.report .year{color:var(--muted);margin-left:.4em}
.badges{margin-left:.6em}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;line-height:20px;color:#fff;margin-right:4px;white-space:nowrap}
.badge.sev-error{background:var(--error)}
.badge.sev-warning{background:var(--warning)}
.badge.sev-information{background:var(--information)}
.badge.sev-hint{background:var(--hint)}
.badge.sev-other{background:var(--other)}
.badge.ok{background:#2e7d32}
.meta{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:2px 18px;padding:8px 12px;font-size:13px}
.meta .k{color:var(--muted);margin-right:.6em}
.meta code{word-break:break-all}
.meta .wide{grid-column:1/-1}
table.findings{margin:0 0 8px}
table.findings td.message{min-width:18em}
td.rule code{font-size:12px;background:#f0f2f5;padding:1px 4px;border-radius:3px}
td.rule .title{display:block;font-size:13px}
td.rule a.doc{font-size:12px;margin-left:0}
td.basis{color:#3d4650;font-size:13px;min-width:10em}
p.none{color:#2e7d32;padding:4px 12px;margin:4px 0}
tr:target{background:#fff5d6}
.empty p{font-size:16px}
button{font:inherit;border:1px solid var(--line);background:#fff;border-radius:4px;padding:2px 10px;cursor:pointer}
footer{color:var(--muted);font-size:12px;padding:0 32px 24px}
@media (max-width:700px){header.top,main{padding-left:12px;padding-right:12px}section{padding:12px}}
@media print{body{background:#fff}section{border:none;padding:0;break-inside:auto}.tools,.note{display:none}details.report{break-inside:avoid}}
"##;

/// Sorting of the reports table (click or Enter/Space on a header; numeric columns compare as
/// numbers, text by the Chinese collation with digits as numbers; blanks last; ties keep the current
/// order), opening a report's findings when linked to, expand/collapse all (and everything opened
/// for printing). `?sort=KEY,KEY…` in the address clicks those headers in turn, so a sorted view
/// can be linked to (and tested headless). Sets `data-ready="1"` on `<body>` when done.
const JS: &str = r##"(function () {
  "use strict";
  var table = document.getElementById("reports");
  var status = document.getElementById("sort-status");
  var collator = new Intl.Collator("zh-CN", { numeric: true });
  function value(row, i) {
    var cell = row.cells[i];
    var v = cell.getAttribute("data-v");
    return v === null ? cell.textContent.trim() : v;
  }
  function sortBy(th) {
    var heads = Array.prototype.slice.call(th.parentNode.cells);
    var i = heads.indexOf(th);
    var numeric = th.getAttribute("data-type") === "num";
    var now = th.getAttribute("aria-sort");
    var dir = now === "ascending" ? "descending" : now === "descending" ? "ascending" : (th.getAttribute("data-first") || "ascending");
    var sign = dir === "ascending" ? 1 : -1;
    var body = table.tBodies[0];
    var rows = Array.prototype.map.call(body.rows, function (row, k) { return { row: row, v: value(row, i), k: k }; });
    rows.sort(function (a, b) {
      if (a.v === "" || b.v === "") { return a.v === b.v ? a.k - b.k : (a.v === "" ? 1 : -1); }
      var c = numeric ? Number(a.v) - Number(b.v) : collator.compare(a.v, b.v);
      return c !== 0 ? sign * c : a.k - b.k;
    });
    rows.forEach(function (r) { body.appendChild(r.row); });
    heads.forEach(function (h) { if (h !== th) { h.removeAttribute("aria-sort"); } });
    th.setAttribute("aria-sort", dir);
    if (status) {
      var name = th.querySelector("button").firstChild.textContent;
      status.textContent = "已按“" + name + "”" + (dir === "ascending" ? "升序" : "降序") + "排列";
    }
  }
  if (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.querySelector("button").addEventListener("click", function () { sortBy(th); });
    });
    var wanted = new URLSearchParams(window.location.search).get("sort");
    (wanted || "").split(",").forEach(function (key) {
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
        if (key && th.getAttribute("data-key") === key) { th.querySelector("button").click(); }
      });
    });
  }
  function openById(id) {
    var el = id ? document.getElementById(id) : null;
    if (el && el.tagName === "DETAILS") { el.open = true; }
  }
  function openTarget() {
    try { openById(decodeURIComponent(window.location.hash.slice(1))); } catch (e) { /* a malformed address */ }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a") : null;
    var href = a ? a.getAttribute("href") : null;
    if (href && href.charAt(0) === "#") { openById(href.slice(1)); }
  });
  function all(open) {
    Array.prototype.forEach.call(document.querySelectorAll("details.report"), function (d) { d.open = open; });
  }
  var expand = document.getElementById("expand-all");
  var collapse = document.getElementById("collapse-all");
  if (expand) { expand.addEventListener("click", function () { all(true); }); }
  if (collapse) { collapse.addEventListener("click", function () { all(false); }); }
  window.addEventListener("beforeprint", function () { all(true); });
  document.body.setAttribute("data-ready", "1");
})();
"##;

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(code: &'static str, severity: &'static str, line: u32, message: &str) -> Finding {
        Finding { code, severity, line, message: message.into(), basis: "条例第五十条第一款".into() }
    }

    fn report(path: &str, body: Option<&str>, year: Option<i32>, findings: Vec<Finding>) -> ReportSummary {
        ReportSummary {
            path: PathBuf::from(path),
            body: body.map(str::to_string),
            year,
            layout: "2021",
            sections: vec![1, 2, 3, 4, 5, 6],
            findings,
            requests: [Some(48), Some(5), Some(50), Some(3)],
            review: [Some(1), Some(0), Some(2)],
        }
    }

    /// Three reports of two bodies, four rules.
    fn batch() -> Vec<ReportSummary> {
        vec![
            report(
                "in/b.txt",
                Some("江北市生态环境局"),
                Some(2024),
                vec![
                    finding("table3-balance", "error", 40, "一 + 二 ≠ 三（七）+ 四"),
                    finding("stale-year", "warning", 12, "2023年"),
                    finding("table3-balance", "error", 41, "一 + 二 ≠ 三（七）+ 四"),
                ],
            ),
            report("in/a.txt", Some("青岚市交通运输局"), Some(2024), vec![finding("doc-number-brackets", "hint", 3, "[2021]")]),
            report(
                "in/c.txt",
                Some("江北市生态环境局"),
                Some(2023),
                vec![finding("missing-section", "error", 20, "缺少“五、存在的主要问题及改进情况”"), finding("stale-year", "warning", 9, "2022年")],
            ),
        ]
    }

    /// The part of `html` from `start` to the next `end`.
    fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
        let from = html.find(start).unwrap_or_else(|| panic!("{start} not in the page"));
        let rest = &html[from..];
        &rest[..rest.find(end).unwrap()]
    }

    #[test]
    fn csv_has_a_bom_a_header_and_quotes_what_needs_it() {
        let mut r = report("dir,with comma/报告.txt", Some("青岚市\"交通\"运输局"), Some(2024), vec![
            finding("table3-balance", "error", 40, "x"),
            finding("stale-year", "warning", 12, "y"),
            finding("table3-balance", "error", 41, "z"),
        ]);
        r.sections = vec![3, 1, 2, 2];
        let mut other = report("line\nbreak.txt", None, None, vec![]);
        other.layout = "2019";
        other.sections = vec![];
        other.requests = [None, Some(0), None, Some(-1)];
        other.review = [None, None, None];
        let csv = csv(&[r, other]);
        assert!(csv.starts_with('\u{FEFF}'), "BOM for Excel");
        let expected = concat!(
            "\u{FEFF}文件,单位,年度,格式,章节,错误,警告,提示信息,建议,table3-balance,stale-year,",
            "表三·本年新收,表三·上年结转,表三·办理完毕（七）总计,表三·结转下年度,表四·行政复议总计,表四·未经复议直接起诉总计,表四·复议后起诉总计\r\n",
            "\"dir,with comma/报告.txt\",\"青岚市\"\"交通\"\"运输局\",2024,2021,一 二 三,2,1,0,0,2,1,48,5,50,3,1,0,2\r\n",
            "\"line\nbreak.txt\",,,2019,,0,0,0,0,0,0,,0,,-1,,,\r\n",
        );
        assert_eq!(csv, expected);
    }

    #[test]
    fn csv_rule_columns_are_the_codes_that_occur_in_catalogue_order() {
        let csv = csv(&batch());
        let header = csv.lines().next().unwrap();
        let codes: Vec<&str> = header.split(',').filter(|h| h.contains('-')).collect();
        // missing-section (structure) < table3-balance (numbers) < stale-year (dates) < doc-number-brackets (citations).
        assert_eq!(codes, ["missing-section", "table3-balance", "stale-year", "doc-number-brackets"]);
        let rows: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(rows.len(), 4);
        // Sorted by path; every row has as many fields as the header.
        assert!(rows[1].starts_with("in/a.txt,青岚市交通运输局,2024,"));
        assert!(rows[2].starts_with("in/b.txt,江北市生态环境局,2024,2021,一 二 三 四 五 六,2,1,0,0,0,2,1,0,"));
        assert!(rows[3].starts_with("in/c.txt,"));
        for row in &rows {
            assert_eq!(row.split(',').count(), header.split(',').count(), "{row}");
        }
    }

    #[test]
    fn csv_neutralizes_formulas_in_report_text() {
        let csv = csv(&[report("a.txt", Some("=HYPERLINK(\"x\")"), Some(2024), vec![])]);
        assert!(csv.contains(",\"'=HYPERLINK(\"\"x\"\")\","), "{csv}");
    }

    #[test]
    fn csv_of_nothing_is_the_header() {
        let csv = csv(&[]);
        assert_eq!(csv.matches("\r\n").count(), 1);
        assert!(csv.starts_with("\u{FEFF}文件,单位,"));
    }

    #[test]
    fn html_escapes_all_report_text() {
        let mut r = report(
            "<b>evil</b>.txt",
            Some("<script>alert(1)</script>局"),
            Some(2024),
            vec![Finding {
                code: "stale-year",
                severity: "warning",
                line: 3,
                message: "<img src=x onerror=alert(2)> & \"quoted\" 'single'".into(),
                basis: "</td></tr><script>alert(3)</script>".into(),
            }],
        );
        r.layout = "\"><script>alert(4)</script>";
        let html = html(&[r]);
        // The page's own script is the only one.
        assert_eq!(html.matches("<script").count(), 1, "{html}");
        assert!(!html.contains("<img"));
        assert!(!html.contains("<b>evil"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;局"));
        assert!(html.contains("&lt;img src=x onerror=alert(2)&gt; &amp; &quot;quoted&quot; &#39;single&#39;"));
        assert!(html.contains("&lt;/td&gt;&lt;/tr&gt;&lt;script&gt;alert(3)"));
        assert!(html.contains("data-body=\"&lt;script&gt;alert(1)&lt;/script&gt;局\""), "in the chart, attributes escaped too");
        assert!(html.contains("&quot;&gt;&lt;script&gt;alert(4)"));
    }

    #[test]
    fn html_escapes_control_characters() {
        assert_eq!(esc("a\u{0}b\u{1b}c\td"), "a\u{FFFD}b\u{FFFD}c\td");
    }

    #[test]
    fn rule_chart_has_one_bar_per_rule() {
        let html = html(&batch());
        let chart = between(&html, "<figure id=\"chart-rules\"", "</figure>");
        let bars: Vec<&str> = chart.match_indices("<g class=\"bar\" data-rule=\"").map(|(i, _)| &chart[i..]).collect();
        assert_eq!(bars.len(), 4);
        let codes_counts: Vec<(&str, &str)> = bars
            .iter()
            .map(|b| {
                let code = b.split('"').nth(3).unwrap();
                let count = between(b, "data-count=\"", "\">").trim_start_matches("data-count=\"");
                (code, count)
            })
            .collect();
        // Most findings first; ties in catalogue order.
        assert_eq!(codes_counts, [("table3-balance", "2"), ("stale-year", "2"), ("missing-section", "1"), ("doc-number-brackets", "1")]);
        // Labelled with the rule's Chinese title and the code, and linked to the rule's entry.
        assert!(chart.contains(">缺少章节 missing-section</text>"));
        assert!(chart.contains("<a href=\"#rule-missing-section\">"));
        // table3-balance: one red segment; the title gives the breakdown.
        let balance = between(chart, "data-rule=\"table3-balance\"", "</g>");
        assert_eq!(balance.matches("<rect class=\"seg sev-error\"").count(), 1);
        assert!(balance.contains("<title>表三数据不平衡 table3-balance：2（错误 2）</title>"), "{balance}");
    }

    #[test]
    fn body_chart_sums_a_bodys_reports() {
        let html = html(&batch());
        let chart = between(&html, "<figure id=\"chart-bodies\"", "</figure>");
        assert_eq!(chart.matches("<g class=\"bar\"").count(), 2);
        let first = between(chart, "<g class=\"bar\"", "</g>");
        assert!(first.contains("data-body=\"江北市生态环境局\" data-count=\"5\""), "{first}");
        // Stacked: an error and a warning segment.
        assert_eq!(first.matches("<rect").count(), 2);
        // Linked to the body's first report (in path order, in/b.txt is report 2).
        assert!(first.contains("<a href=\"#r2\">"));
        assert!(chart.contains("data-body=\"青岚市交通运输局\" data-count=\"1\""));
    }

    #[test]
    fn html_has_header_counts_table_and_findings() {
        let html = html(&batch());
        assert!(html.contains("<div class=\"stat\" id=\"stat-reports\"><dt>报告<span class=\"en\">Reports</span></dt><dd>3</dd></div>"));
        assert!(html.contains("id=\"stat-bodies\"><dt>单位<span class=\"en\">Bodies</span></dt><dd>2</dd>"));
        assert!(html.contains("id=\"stat-with-errors\"><dt>有错误的报告<span class=\"en\">Reports with errors</span></dt><dd>2</dd>"));
        assert!(html.contains("id=\"stat-error\"><dt>错误<span class=\"en\">Errors</span></dt><dd>3</dd>"));
        assert!(html.contains("id=\"stat-warning\"><dt>警告<span class=\"en\">Warnings</span></dt><dd>2</dd>"));
        assert!(html.contains("id=\"stat-hint\"><dt>建议<span class=\"en\">Hints</span></dt><dd>1</dd>"));
        let table = between(&html, "<table id=\"reports\"", "</table>");
        assert_eq!(table.matches("<tr id=\"row-").count(), 3);
        // Sortable headers are buttons (keyboard: Tab, Enter); numeric ones say so.
        assert_eq!(table.matches("<button type=\"button\">").count(), 11);
        assert!(table.contains("<th scope=\"col\" data-key=\"error\" data-type=\"num\" class=\"num\" data-first=\"descending\">"));
        // Each row links to its findings.
        assert!(table.contains("<a href=\"#r2\">江北市生态环境局</a>"));
        let second = between(&html, "<details class=\"report\" id=\"r2\">", "</details>");
        // Findings by line, each with the rule, its documentation, the message and the basis.
        let lines: Vec<&str> = second.match_indices("<tr class=\"finding\"").map(|(i, _)| &second[i..]).collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].contains("<td class=\"num\">12</td>"));
        assert!(lines[1].contains("<td class=\"num\">40</td>"));
        assert!(lines[0].contains("<a class=\"doc\" href=\"docs/rules.md#stale-year\""));
        assert!(lines[0].contains("<td class=\"basis\">条例第五十条第一款</td>"));
        assert!(second.contains("本年新收 48；上年结转 5；办理完毕 50；结转下年度 3"));
        // The rules section explains each rule that occurs, with an anchor for the links.
        assert!(html.contains("<tr id=\"rule-table3-balance\">"));
        assert_eq!(html.matches("<tr id=\"rule-").count(), 4);
        assert!(html.contains("data-ready"));
    }

    #[test]
    fn html_is_self_contained() {
        let html = html(&batch());
        for needle in ["http://", "https://", "src=", "@import", "url(", "<link", "<iframe", "//fonts"] {
            assert!(!html.contains(needle), "{needle}");
        }
        assert!(html.contains("Content-Security-Policy"));
    }

    #[test]
    fn output_is_deterministic() {
        let a = batch();
        let mut b = batch();
        b.reverse();
        for r in &mut b {
            r.findings.reverse();
        }
        assert_eq!(html(&a), html(&b));
        assert_eq!(csv(&a), csv(&b));
    }

    #[test]
    fn empty_input_renders_a_page_saying_no_reports() {
        let html = html(&[]);
        assert!(html.contains("<section class=\"empty\" id=\"no-reports\"><h2>没有报告"));
        assert!(html.contains("本次没有检查任何报告"));
        assert!(!html.contains("<table id=\"reports\""));
        assert!(!html.contains("<svg"));
        assert!(html.contains("id=\"stat-reports\"><dt>报告<span class=\"en\">Reports</span></dt><dd>0</dd>"));
        assert!(html.ends_with("</html>\n"));
    }

    #[test]
    fn no_findings_renders_a_chart_note_and_zero_bars() {
        let html = html(&[report("a.txt", Some("青岚市人民政府"), Some(2024), vec![])]);
        assert!(between(&html, "<figure id=\"chart-rules\"", "</figure>").contains("未发现问题"));
        assert!(between(&html, "<figure id=\"chart-bodies\"", "</figure>").contains("data-body=\"青岚市人民政府\" data-count=\"0\""));
        assert!(!html.contains("id=\"rules\""));
    }

    #[test]
    fn long_body_names_are_cut_in_the_chart_but_whole_in_the_tooltip() {
        let long = "青岚市".repeat(25) + "交通运输局";
        let html = html(&[report("a.txt", Some(&long), Some(2024), vec![finding("stale-year", "warning", 1, "x")])]);
        let chart = between(&html, "<figure id=\"chart-bodies\"", "</figure>");
        assert!(chart.contains(&format!("<title>{long}：1（警告 1）</title>")));
        let label = between(chart, "<text class=\"label\"", "</text>");
        assert!(label.ends_with('…'));
        assert!(label.rsplit('>').next().unwrap().width() <= 56);
    }

    #[test]
    fn many_bodies_are_capped_in_the_chart() {
        let reports: Vec<ReportSummary> =
            (0..60).map(|i| report(&format!("r{i:02}.txt"), Some(&format!("单位{i:02}")), Some(2024), vec![])).collect();
        let html = html(&reports);
        let chart = between(&html, "<figure id=\"chart-bodies\"", "</figure>");
        assert_eq!(chart.matches("<g class=\"bar\"").count(), MAX_BODY_BARS);
        assert!(chart.contains("另有10个单位"));
        assert_eq!(html.matches("<tr id=\"row-").count(), 60);
    }

    #[test]
    fn tick_steps_are_round() {
        assert_eq!(nice_step(1), 1);
        assert_eq!(nice_step(6), 1);
        assert_eq!(nice_step(7), 2);
        assert_eq!(nice_step(12), 2);
        assert_eq!(nice_step(13), 5);
        assert_eq!(nice_step(31), 10);
        assert_eq!(nice_step(1234), 500);
    }

    #[test]
    fn truncate_counts_display_columns() {
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("青岚市交通", 6), "青岚…");
        assert_eq!(truncate("abcdef", 4), "abc…");
    }
}
