//! `nianbao check --summary OUT_DIR PATH...`: the reviewing office's batch (issue 8) — the CSV and
//! the self-contained HTML page, as a user gets them from the binary, and the page as a browser
//! renders it (headless Chromium, when installed).
//!
//! The `cli_*` tests run the binary with `--summary`; they fail until `check` has that flag.
//! The `browser_*` test renders a constructed batch through the library (`cli::summary::html`),
//! so it does not depend on the flag; it prints `SKIPPED: chromium not found` without Chromium.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use nianbao::cli::summary::{self, Finding, ReportSummary};

const TODAY: &str = "2026-11-30";

fn nianbao(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao")).args(args).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-summary-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A reviewing office's inbox: clean reports of a department, a city government and a 2020 report
/// (2019 layout), the sample with six findings, two fixtures with one defect each, and a report
/// whose body name is an HTML injection.
fn inbox(dir: &Path) -> Vec<&'static str> {
    let files = [
        ("clean-2024-department.txt", fixture("clean-2024-department.txt")),
        ("clean-2024-city-government.txt", fixture("clean-2024-city-government.txt")),
        ("clean-2020-layout-2019.txt", fixture("clean-2020-layout-2019.txt")),
        ("sample-report.txt", Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/sample-report.txt")),
        ("table3-balance-pos.txt", fixture("table3-balance-pos.txt")),
        ("missing-section-pos.txt", fixture("missing-section-pos.txt")),
    ];
    for (name, from) in &files {
        std::fs::copy(from, dir.join(name)).unwrap();
    }
    let clean = std::fs::read_to_string(fixture("clean-2024-department.txt")).unwrap();
    let (first, rest) = clean.split_once('\n').unwrap();
    assert_eq!(first, "青岚市交通运输局");
    std::fs::write(dir.join("zz-injection.txt"), format!("<script>alert(\"nianbao\")</script>交通运输局\n{rest}")).unwrap();
    let mut names: Vec<&'static str> = files.iter().map(|(n, _)| *n).collect();
    names.push("zz-injection.txt");
    names
}

/// RFC 4180 records (quoted fields may hold commas, quotes and line breaks).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(field.is_empty() && record.is_empty(), "the CSV ends with a line break");
    records
}

// ------------------------------------------------------------------------------------ the CLI

/// NEEDS `check --summary` (wired in cli/mod.rs and cli/check.rs): fails until then.
#[test]
fn cli_summary_writes_csv_and_html_for_a_folder_of_reports() {
    let dir = temp_dir("inbox");
    let inbox_dir = dir.join("inbox");
    std::fs::create_dir_all(&inbox_dir).unwrap();
    let names = inbox(&inbox_dir);
    let out = dir.join("out/nested");
    let (plain, _, _) = nianbao(&["check", "--today", TODAY, inbox_dir.to_str().unwrap()]);
    let (code, _, stderr) = nianbao(&["check", "--today", TODAY, "--summary", out.to_str().unwrap(), inbox_dir.to_str().unwrap()]);
    assert_eq!(code, 1, "exit status as for check (errors present): {stderr}");
    assert_eq!(code, plain);

    // summary.csv: BOM, header, one row per report.
    let bytes = std::fs::read(out.join("summary.csv")).expect("summary.csv written (directory created)");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM");
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.ends_with("\r\n"));
    let records = parse_csv(text.trim_start_matches('\u{FEFF}'));
    let header = &records[0];
    assert_eq!(header[..9], ["文件", "单位", "年度", "格式", "章节", "错误", "警告", "提示信息", "建议"]);
    assert_eq!(
        header[header.len() - 7..],
        [
            "表三·本年新收",
            "表三·上年结转",
            "表三·办理完毕（七）总计",
            "表三·结转下年度",
            "表四·行政复议总计",
            "表四·未经复议直接起诉总计",
            "表四·复议后起诉总计"
        ]
    );
    for code in ["table3-balance", "missing-section", "period-mismatch", "stale-year", "doc-number-brackets"] {
        assert!(header.contains(&code.to_string()), "a column for {code}: {header:?}");
    }
    assert_eq!(records.len(), 1 + names.len());
    assert!(records.iter().all(|r| r.len() == header.len()));
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = |file: &str| records.iter().find(|r| r[0].ends_with(file)).unwrap_or_else(|| panic!("a row for {file}"));
    // Rows are in path order.
    let order: Vec<&str> = records[1..].iter().map(|r| r[0].rsplit('/').next().unwrap()).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);

    let clean = row("clean-2024-department.txt");
    assert_eq!(clean[1..5], ["青岚市交通运输局", "2024", "2021", "一 二 三 四 五 六"]);
    assert_eq!(clean[5..9], ["0", "0", "0", "0"]);
    assert_eq!(clean[header.len() - 7..], ["48", "5", "50", "3", "3", "1", "0"]);
    let old = row("clean-2020-layout-2019.txt");
    assert_eq!(old[1..4], ["青岚市东湖区人民政府", "2020", "2019"]);

    let sample = row("sample-report.txt");
    assert_eq!(sample[1..3], ["江北市生态环境局", "2025"]);
    // As in tests/cli.rs: period-mismatch and three table-三 errors, a stale year, a bracket hint.
    assert_eq!(sample[5..9], ["4", "1", "0", "1"]);
    for code in ["table3-balance", "table3-results-total", "table3-row-total", "period-mismatch", "stale-year", "doc-number-brackets"] {
        assert_eq!(sample[column(code)], "1", "{code}");
    }
    // The fixtures' README: the balance fails in two columns; section 六 is deleted.
    let balance = row("table3-balance-pos.txt");
    assert_eq!((balance[5].as_str(), balance[column("table3-balance")].as_str()), ("2", "2"));
    let missing = row("missing-section-pos.txt");
    assert_eq!((missing[4].as_str(), missing[column("missing-section")].as_str()), ("一 二 三 四 五", "1"));
    assert_eq!(row("clean-2024-department.txt")[column("missing-section")], "0");
    assert_eq!(row("zz-injection.txt")[1], "<script>alert(\"nianbao\")</script>交通运输局");

    // summary.html: every report, escaped; the charts.
    let html = std::fs::read_to_string(out.join("summary.html")).expect("summary.html written");
    assert_eq!(html.matches("<tr id=\"row-").count(), names.len());
    assert_eq!(html.matches("<details class=\"report\"").count(), names.len());
    assert_eq!(html.matches("<script").count(), 1, "only the page's own script");
    assert!(html.contains("&lt;script&gt;alert(&quot;nianbao&quot;)&lt;/script&gt;交通运输局"));
    for body in ["青岚市交通运输局", "青岚市人民政府", "青岚市东湖区人民政府", "江北市生态环境局"] {
        assert!(html.contains(&format!("data-body=\"{body}\"")), "{body} in the chart by body");
    }
    for code in ["table3-balance", "missing-section", "stale-year"] {
        assert_eq!(html.matches(&format!("<g class=\"bar\" data-rule=\"{code}\"")).count(), 1, "{code} in the chart by rule");
    }
    assert!(html.contains("id=\"stat-reports\"><dt>报告<span class=\"en\">Reports</span></dt><dd>7</dd>"));

    if let Some(chromium) = chromium() {
        let dom = dump_dom(&chromium, &out.join("summary.html"), "");
        assert!(dom.contains("data-ready=\"1\""));
        assert_eq!(dom.matches("<tr id=\"row-").count(), names.len());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// NEEDS `check --summary`: fails until then.
#[test]
fn cli_summary_of_an_empty_folder_says_no_reports() {
    let dir = temp_dir("empty");
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let out = dir.join("out");
    let (plain, _, _) = nianbao(&["check", "--today", TODAY, empty.to_str().unwrap()]);
    let (code, _, stderr) = nianbao(&["check", "--today", TODAY, "--summary", out.to_str().unwrap(), empty.to_str().unwrap()]);
    assert_eq!(code, plain, "{stderr}");
    let csv = std::fs::read_to_string(out.join("summary.csv")).expect("summary.csv written");
    assert_eq!(parse_csv(csv.trim_start_matches('\u{FEFF}')).len(), 1, "the header only");
    let html = std::fs::read_to_string(out.join("summary.html")).expect("summary.html written");
    assert!(html.contains("id=\"no-reports\""));
    assert!(html.contains("本次没有检查任何报告"));
    let _ = std::fs::remove_dir_all(&dir);
}

// -------------------------------------------------------------------------------- the browser

/// Debian's Chromium, when installed (`apt-get install chromium fonts-noto-cjk`).
fn chromium() -> Option<PathBuf> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"].iter().map(PathBuf::from).find(|p| p.exists())
}

/// Runs headless Chromium on `page` (a file) with `args`, with a fresh profile and nothing that
/// reaches the network; kills it after two minutes.
fn run_chromium(chromium: &Path, page: &Path, query: &str, args: &[&str]) -> String {
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let profile = temp_dir(&format!("chromium-{}", RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)));
    let url = format!("file://{}{query}", page.canonicalize().unwrap().display());
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(&url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut stdout, &mut s);
        s
    });
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish in 2 minutes");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = reader.join().unwrap();
    let _ = std::fs::remove_dir_all(&profile);
    out
}

fn dump_dom(chromium: &Path, page: &Path, query: &str) -> String {
    let dom = run_chromium(chromium, page, query, &["--dump-dom"]);
    assert!(dom.contains("</html>"), "chromium dumped the DOM: {dom}");
    dom
}

fn finding(code: &'static str, severity: &'static str, line: u32, message: &str, basis: &str) -> Finding {
    Finding { code, severity, line, message: message.into(), basis: basis.into() }
}

/// An invented batch (the cities 青岚市 and 江北市 do not exist) that looks like an office's
/// inbox: seven reports of six bodies, both layouts, clean and faulty reports.
fn example_batch() -> Vec<ReportSummary> {
    const REG50: &str = "《中华人民共和国政府信息公开条例》第五十条第一款";
    const F30: &str = "国办公开办函〔2021〕30号（表三表头的勾稽关系）";
    let r = |path: &str, body: Option<&str>, year: i32, layout: &'static str, sections: &[u32], findings: Vec<Finding>, req: [Option<i64>; 4], rev: [Option<i64>; 3]| ReportSummary {
        path: PathBuf::from(path),
        body: body.map(str::to_string),
        year: Some(year),
        layout,
        sections: sections.to_vec(),
        findings,
        requests: req,
        review: rev,
    };
    let all = [1, 2, 3, 4, 5, 6];
    vec![
        r(
            "inbox/2024-青岚市交通运输局.txt",
            Some("青岚市交通运输局"),
            2024,
            "2021",
            &all,
            vec![],
            [Some(48), Some(5), Some(50), Some(3)],
            [Some(3), Some(1), Some(0)],
        ),
        r(
            "inbox/2024-江北市生态环境局.txt",
            Some("江北市生态环境局"),
            2024,
            "2021",
            &all,
            vec![
                finding("table3-balance", "error", 61, "表三“总计”列：一 + 二 = 57，三（七）+ 四 = 56，不相等", F30),
                finding("table3-results-total", "error", 60, "（七）总计 56 ≠ 各办理结果之和 55", "国办公开办函〔2021〕30号（表三“三、本年度办理结果”各行）"),
                finding("period-mismatch", "error", 4, "统计期限应为2024年1月1日至2024年12月31日，写的是2023年", "国办公开办函〔2021〕30号（通知正文）"),
                finding("stale-year", "warning", 19, "“2023年，我局……”：报告年度是2024年", "国办公开办函〔2021〕30号（通知正文）"),
                finding("doc-number-brackets", "hint", 4, "发文字号年份应使用六角括号：〔2021〕", "GB/T 9704—2012《党政机关公文格式》7.2.4 发文字号"),
            ],
            [Some(52), Some(5), Some(56), Some(0)],
            [Some(0), Some(0), Some(0)],
        ),
        r(
            "inbox/2023-江北市生态环境局.txt",
            Some("江北市生态环境局"),
            2023,
            "2021",
            &all,
            vec![finding("stale-year", "warning", 15, "“2022年，我局……”：报告年度是2023年", "国办公开办函〔2021〕30号（通知正文）")],
            [Some(40), Some(3), Some(38), Some(5)],
            [Some(1), Some(0), Some(0)],
        ),
        r(
            "inbox/2024-青岚市东湖区人民政府.txt",
            Some("青岚市东湖区人民政府"),
            2024,
            "2021",
            &[1, 2, 3, 4, 6],
            vec![
                finding("missing-section", "error", 88, "缺少“五、存在的主要问题及改进情况”", REG50),
                finding("table4-total", "error", 84, "行政复议：总计 3 ≠ 1 + 1 + 0 + 0", "国办公开办函〔2021〕30号（表四）"),
                finding("narrative-sum", "warning", 12, "累计公开信息1762条，分项之和为1752条", "国办公开办函〔2021〕30号（四）明确责任"),
                finding("publish-date-late", "warning", 120, "2025年2月10日晚于1月31日的期限", "《中华人民共和国政府信息公开条例》第四十九条"),
            ],
            [Some(210), Some(12), Some(215), Some(7)],
            [Some(3), Some(2), Some(1)],
        ),
        r(
            "inbox/2020-江北市人民政府.txt",
            Some("江北市人民政府"),
            2020,
            "2019",
            &all,
            vec![
                finding("superseded-citation", "warning", 3, "引用了已废止的国务院令第492号", "《中华人民共和国政府信息公开条例》（国务院令第711号）"),
                finding("table3-row-total", "error", 55, "“一、本年新收”：总计 96 ≠ 各列之和 95", "国办公开办函〔2021〕30号（表三“申请人情况”各列）"),
            ],
            [Some(96), Some(4), Some(97), Some(3)],
            [Some(2), Some(1), Some(0)],
        ),
        r(
            "inbox/2024-青岚市人民政府.txt",
            Some("青岚市人民政府"),
            2024,
            "2021",
            &all,
            vec![finding("narrative-average", "hint", 14, "平均每月公开信息146条：1762 ÷ 12 = 146.8", "国办公开办函〔2021〕30号（四）明确责任")],
            [Some(315), Some(21), Some(320), Some(16)],
            [Some(5), Some(2), Some(1)],
        ),
        r(
            "inbox/2024-江北市<script>局.txt",
            Some("江北市<script>alert(1)</script>局"),
            2024,
            "2021",
            &all,
            vec![
                finding("section-title", "hint", 30, "标题应为“二、主动公开政府信息情况”", "国办公开办函〔2021〕30号（年度报告的六个部分）"),
                finding("invalid-number", "error", 70, "“—”不是数字：没有发生的情形填0", "国办公开办函〔2021〕30号（表二、表三、表四）"),
            ],
            [None, Some(0), None, Some(0)],
            [None, None, None],
        ),
    ]
}

/// The bodies in the table's row order, from a dumped DOM.
fn row_bodies(dom: &str) -> Vec<String> {
    dom.split("<tr id=\"row-")
        .skip(1)
        .map(|row| {
            let cell = row.split("<td").nth(2).unwrap();
            let v = cell.split("data-v=\"").nth(1).unwrap();
            v[..v.find('"').unwrap()].to_string()
        })
        .collect()
}

fn aria_sort(dom: &str, key: &str) -> Option<String> {
    let th = dom.split(&format!("data-key=\"{key}\"")).nth(1)?;
    let th = &th[..th.find('>').unwrap()];
    th.split("aria-sort=\"").nth(1).map(|s| s[..s.find('"').unwrap()].to_string())
}

#[test]
fn browser_renders_table_and_charts_and_sorts() {
    let Some(chromium) = chromium() else {
        println!("SKIPPED: chromium not found");
        return;
    };
    let dir = temp_dir("browser");
    let batch = example_batch();
    summary::write(&dir, &batch).unwrap();
    let page = dir.join("summary.html");

    // After the scripts ran: every row, one bar per rule and per body, with their segments.
    let dom = dump_dom(&chromium, &page, "");
    assert!(dom.contains("data-ready=\"1\""), "the page's script ran to the end");
    assert_eq!(dom.matches("<tr id=\"row-").count(), 7);
    let rules: std::collections::BTreeSet<&str> = batch.iter().flat_map(|r| r.findings.iter().map(|f| f.code)).collect();
    assert_eq!(dom.matches("<g class=\"bar\" data-rule=").count(), rules.len());
    assert_eq!(dom.matches("<g class=\"bar\" data-body=").count(), 6);
    let findings: usize = batch.iter().map(|r| r.findings.len()).sum();
    assert_eq!(findings, 15);
    assert!(dom.matches("<rect class=\"seg").count() >= rules.len() + 5);
    assert_eq!(dom.matches("<tr class=\"finding\"").count(), findings);
    // The injected body name stayed text.
    assert!(!dom.contains("<script>alert(1)"));
    assert!(dom.contains("江北市&lt;script&gt;alert(1)&lt;/script&gt;局"));
    // Initial order: by path.
    let by_path = row_bodies(&dom);
    assert_eq!(by_path[0], "江北市人民政府");
    assert_eq!(aria_sort(&dom, "index").as_deref(), Some("ascending"));

    // Clicking 错误 (via ?sort=error, which clicks the header's button): most errors first, blank
    // ties kept in their previous order; clicking again reverses.
    let dom = dump_dom(&chromium, &page, "?sort=error");
    assert_eq!(aria_sort(&dom, "error").as_deref(), Some("descending"));
    assert_eq!(aria_sort(&dom, "index"), None);
    let bodies = row_bodies(&dom);
    assert_eq!(bodies[0], "江北市生态环境局", "3 errors");
    assert_eq!(bodies[1], "青岚市东湖区人民政府", "2 errors");
    assert!(dom.contains("已按“错误”降序排列"));
    let dom = dump_dom(&chromium, &page, "?sort=error,error");
    assert_eq!(aria_sort(&dom, "error").as_deref(), Some("ascending"));
    assert_eq!(row_bodies(&dom)[6], "江北市生态环境局");
    // Numeric, not textual: year 2020 before 2023 before 2024 ascending.
    let dom = dump_dom(&chromium, &page, "?sort=year");
    let years: Vec<String> = dom
        .split("<tr id=\"row-")
        .skip(1)
        .map(|row| {
            let cell = row.split("<td").nth(3).unwrap();
            let v = cell.split("data-v=\"").nth(1).unwrap();
            v[..v.find('"').unwrap()].to_string()
        })
        .collect();
    assert_eq!(years, ["2020", "2023", "2024", "2024", "2024", "2024", "2024"]);
    // By body: Chinese collation (江 jiang before 青 qing).
    let dom = dump_dom(&chromium, &page, "?sort=body");
    let bodies = row_bodies(&dom);
    assert!(bodies.iter().position(|b| b.starts_with("江北")).unwrap() < bodies.iter().position(|b| b.starts_with("青岚")).unwrap());
    assert!(bodies.iter().take_while(|b| b.starts_with("江北")).count() == 4, "{bodies:?}");

    // Linked to a report: its findings open.
    let dom = dump_dom(&chromium, &page, "#r2");
    assert!(dom.contains("<details class=\"report\" id=\"r2\" open=\"\">"), "details #r2 opened");

    // A screenshot (the README's, when NIANBAO_SUMMARY_SCREENSHOT names where to keep it).
    let png = dir.join("summary.png");
    run_chromium(&chromium, &page, "", &[&format!("--screenshot={}", png.display()), "--window-size=1280,900"]);
    let bytes = std::fs::read(&png).expect("a screenshot");
    assert!(bytes.starts_with(b"\x89PNG") && bytes.len() > 20_000, "a real screenshot ({} bytes)", bytes.len());
    if let Some(keep) = std::env::var_os("NIANBAO_SUMMARY_SCREENSHOT") {
        std::fs::copy(&png, keep).unwrap();
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The real reports, read in place from `../shared/corpus` (never copied into the repo): one row
/// per report, the findings that corpus/INDEX.md lists, and the two 平潭综合实验区 reports (2020
/// and 2021) paired for continuity without a finding (the 2021 report takes over the 0 requests
/// the 2020 one carried forward).
#[test]
fn cli_summary_of_the_real_corpus() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    if !corpus.is_dir() {
        eprintln!("SKIPPED: {} not found; the real reports were not summarized", corpus.display());
        return;
    }
    let out = temp_dir("corpus");
    let (code, _, stderr) = nianbao(&["check", "--today", "2026-11-30", "--format", "json", "--summary", out.to_str().unwrap(), corpus.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    let csv = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    let rows = parse_csv(&csv);
    assert_eq!(rows.len(), 1 + 5, "{csv}");
    let header = &rows[0];
    let column = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}: {header:?}"));
    assert!(!header.iter().any(|h| h == "carryover-mismatch"), "no continuity finding in the corpus: {header:?}");
    let row = |file: &str| rows.iter().find(|r| r[0].ends_with(file)).unwrap_or_else(|| panic!("no row for {file}"));
    let pingtan_2020 = row("2020-fujian-pingtan-zone.txt");
    assert_eq!(pingtan_2020[column("narrative-sum")], "1");
    assert_eq!(pingtan_2020[column("table3-results-total")], "2");
    assert_eq!(row("2023-panzhihua-zwfw.txt")[column("错误")], "0");
    let html = std::fs::read_to_string(out.join("summary.html")).unwrap();
    assert_eq!(html.matches("<details").count(), 5);
    let _ = std::fs::remove_dir_all(&out);
}
