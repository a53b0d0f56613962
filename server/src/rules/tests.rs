//! Rule tests over whole reports: the repo's fixtures (expected findings in
//! `server/tests/fixtures/README.md`), the real corpus (expected findings in
//! `../shared/corpus/INDEX.md`), snapshots of every fixture's diagnostics, and every fix applied
//! and re-checked.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::analysis::analyze;
use crate::config::Config;
use crate::date::Date;
use crate::diagnostic::{apply_edits, Diagnostic};
use crate::knowledge::Severity;
use crate::syntax::SourceFile;

fn config(today: Date) -> Config {
    Config { today: Some(today), ..Config::default() }
}

fn check(text: &str, today: Date) -> Vec<Diagnostic> {
    analyze(&SourceFile::parse(text), &config(today)).diagnostics
}

/// `(code, severity, 1-based line)` of each finding.
type Findings = Vec<(String, String, usize)>;

/// The findings of `diagnostics`, sorted.
fn findings(text: &str, diagnostics: &[Diagnostic]) -> Findings {
    let index = crate::syntax::LineIndex::new(text);
    let mut v: Vec<_> = diagnostics
        .iter()
        .map(|d| (d.code.to_owned(), d.severity.as_str().to_owned(), index.line_of(d.range.start) + 1))
        .collect();
    v.sort();
    v
}

#[test]
fn not_a_report_is_one_finding() {
    let today = Date::new(2026, 11, 30).unwrap();
    assert_eq!(check("hello world\n", today).iter().map(|d| d.code).collect::<Vec<_>>(), vec!["not-a-report"]);
    assert_eq!(check("", today).iter().map(|d| d.code).collect::<Vec<_>>(), vec!["not-a-report"]);
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The expectations table of the fixtures' README: file → (today, findings).
fn expectations() -> BTreeMap<String, (Date, Findings)> {
    let readme = std::fs::read_to_string(fixtures_dir().join("README.md")).unwrap();
    let finding = regex_lite_findings;
    let mut map = BTreeMap::new();
    for line in readme.lines().filter(|l| l.starts_with("| `")) {
        let cols: Vec<&str> = line.split(" | ").collect();
        if cols.len() < 3 {
            continue;
        }
        let file = cols[0].trim_start_matches("| ").trim_matches('`').to_owned();
        let Some(today) = Date::parse_iso(cols[1].trim()) else { continue };
        map.insert(file, (today, finding(cols[2])));
    }
    map
}

/// Reads "`code` severity Lnn" triples from a README cell.
fn regex_lite_findings(cell: &str) -> Findings {
    let mut out = Vec::new();
    let mut rest = cell;
    while let Some(start) = rest.find('`') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('`') else { break };
        let code = &after[..end];
        let tail = &after[end + 1..];
        let mut words = tail.split_whitespace();
        if let (Some(sev), Some(line)) = (words.next(), words.next())
            && ["error", "warning", "information", "hint"].contains(&sev)
            && let Some(n) = line.strip_prefix('L').and_then(|l| l.trim_end_matches([',', '.', ';']).parse().ok())
            && crate::knowledge::rule(code).is_some()
        {
            out.push((code.to_owned(), sev.to_owned(), n));
        }
        rest = tail;
    }
    out.sort();
    out
}

#[test]
fn fixtures_report_what_the_readme_says() {
    let expected = expectations();
    assert!(expected.len() >= 60, "the README lists {} fixtures", expected.len());
    let mut failures = Vec::new();
    for (file, (today, want)) in &expected {
        let path = if file.starts_with("examples/") { Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(file) } else { fixtures_dir().join(file) };
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let text = String::from_utf8(bytes).unwrap();
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned();
        let got = findings(&text, &check(&text, *today));
        if &got != want {
            failures.push(format!("{file}:\n  expected {want:?}\n  got      {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{} fixture(s) differ:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn fixture_snapshots() {
    let mut paths: Vec<_> = std::fs::read_dir(fixtures_dir()).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    paths.sort();
    let today = Date::new(2026, 11, 30).unwrap();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let diagnostics = check(&text, today);
        let index = crate::syntax::LineIndex::new(&text);
        let rendered: Vec<String> = diagnostics
            .iter()
            .map(|d| {
                let p = index.position(&text, d.range.start, crate::syntax::PositionEncoding::Utf16);
                format!("{}:{} {} [{}] {}{}", p.line + 1, p.col + 1, d.severity.as_str(), d.code, d.message, d.fix.as_ref().map_or(String::new(), |f| format!(" (fix: {})", f.title)))
            })
            .collect();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        insta::assert_snapshot!(name, rendered.join("\n"));
    }
}

/// Every fix, applied alone, makes its diagnostic go away and introduces no other.
#[test]
fn fixes_remove_their_diagnostic_and_add_nothing() {
    let today = Date::new(2026, 11, 30).unwrap();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixtures_dir()).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    paths.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/sample-report.txt"));
    paths.sort();
    let mut checked = 0;
    let mut failures = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let before = check(&text, today);
        for d in before.iter().filter(|d| d.fix.is_some()) {
            let fix = d.fix.as_ref().unwrap();
            let fixed = apply_edits(&text, &fix.edits).expect("a fix's edits do not overlap");
            let after = check(&fixed, today);
            let count = |ds: &[Diagnostic], code: &str| ds.iter().filter(|x| x.code == code).count();
            let mut codes_before: Vec<&str> = before.iter().map(|x| x.code).collect();
            codes_before.sort();
            // Follow-on findings a fix may reveal rather than cause: inserting a table section's
            // heading reveals that its table is missing; where two cells could be wrong the fix
            // goes to the total (never a guess at an addend), and the other sums may then fail.
            let follow_on: &[&str] = match d.code {
                "missing-section" => &["missing-table"],
                "table3-balance" | "table3-results-total" | "table3-row-total" | "table4-total" => {
                    &["table3-balance", "table3-results-total", "table3-row-total", "table4-total"]
                }
                _ => &[],
            };
            let new: Vec<&str> = after.iter().map(|x| x.code).filter(|c| !codes_before.contains(c) && !follow_on.contains(c)).collect();
            let gone = !after.iter().any(|x| x.code == d.code && x.range == d.range && x.message == d.message);
            let _ = count;
            if !gone || !new.is_empty() {
                failures.push(format!("{}: fix “{}” for {}: after it {:?}", path.display(), fix.title, d.code, after.iter().map(|x| x.code).collect::<Vec<_>>()));
            }
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} fixes were exercised");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The real reports, read in place from `../shared/corpus`: exactly the findings that
/// `corpus/INDEX.md` lists at warning or error level.
#[test]
fn real_corpus_findings_match_the_index() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    if !dir.is_dir() {
        eprintln!("SKIPPED: {} not found; the real reports were not checked", dir.display());
        return;
    }
    let today = Date::new(2026, 11, 30).unwrap();
    // From corpus/INDEX.md (reviewed by hand): codes at warning/error level, with multiplicity.
    let expected: [(&str, &[&str]); 5] = [
        // Seed: reviewed by hand — tables all zero and consistent, prose total 1762 = 7+283+1472,
        // the average 146 is 1762/12 truncated, dated 2024年1月16日 within the department deadline.
        ("seed/2023-panzhihua-zwfw.txt", &[]),
        ("real/2024-jiangsu-huaian-city.txt", &[]),
        ("real/2021-fujian-pingtan-zone.txt", &["missing-row"]),
        (
            "real/2020-fujian-pingtan-zone.txt",
            &["missing-row", "missing-row", "missing-row", "missing-row", "missing-row", "missing-row", "missing-row", "narrative-sum", "table3-results-total", "table3-results-total"],
        ),
        ("real/2019-fujian-pingtan-tourism-culture-sports-bureau.txt", &["missing-row", "period-mismatch", "section-number"]),
    ];
    for (file, want) in expected {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let diagnostics = check(&text, today);
        let mut got: Vec<&str> = diagnostics.iter().filter(|d| matches!(d.severity, Severity::Error | Severity::Warning)).map(|d| d.code).collect();
        got.sort();
        assert_eq!(got, want, "{file}");
        // The partial statistics period of the 2019 bureau (created mid-year) is a warning.
        if file.starts_with("real/2019") {
            let period = diagnostics.iter().find(|d| d.code == "period-mismatch").unwrap();
            assert_eq!(period.severity, Severity::Warning);
            let numbering = diagnostics.iter().find(|d| d.code == "section-number").unwrap();
            assert!(numbering.fix.is_some(), "the numbering slip comes with its fix");
        }
    }
}

/// Last year's report of the same body, made from the 2024 fixture: a 2023 title, and row 四
/// (carried forward) and the documents in force as given.
fn previous_of_department(carried_forward: &str, normative_in_force: u32) -> crate::rules::continuity::Previous {
    let text = std::fs::read_to_string(fixtures_dir().join("clean-2024-department.txt")).unwrap();
    let text: String = text
        .lines()
        .map(|line| {
            if line.starts_with("2024年政府信息公开工作年度报告") {
                line.replacen("2024", "2023", 1)
            } else if line.starts_with("四、结转下年度继续办理") {
                format!("四、结转下年度继续办理\t{carried_forward}")
            } else if line.starts_with("行政规范性文件\t") {
                format!("行政规范性文件\t2\t1\t{normative_in_force}")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    crate::rules::continuity::Previous::new("2023-department.txt", SourceFile::parse(text))
}

fn check_against(previous: &crate::rules::continuity::Previous) -> (String, Vec<Diagnostic>, crate::analysis::Analysis) {
    let text = std::fs::read_to_string(fixtures_dir().join("clean-2024-department.txt")).unwrap();
    let file = SourceFile::parse(text.clone());
    let analysis = crate::analysis::analyze_with(&file, &config(Date::new(2026, 11, 30).unwrap()), Some(previous));
    (text, analysis.diagnostics.clone(), analysis)
}

#[test]
fn continuity_with_last_years_report() {
    // This year carried over 4/1/…/5 and has 32 normative documents in force after issuing 3 and
    // repealing 2: last year must have carried forward the same and had 31 in force.
    let consistent = previous_of_department("4\t1\t0\t0\t0\t0\t5", 31);
    let (_, diagnostics, analysis) = check_against(&consistent);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let carried = analysis.computations.iter().find(|c| c.explanation().contains("上年结转")).expect("a hover for the carried-over cells");
    assert!(carried.explanation().contains("2023-department.txt"));

    let wrong = previous_of_department("3\t1\t0\t0\t0\t0\t4", 35);
    let (text, diagnostics, _) = check_against(&wrong);
    let codes: Vec<&str> = diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["in-force-continuity", "carryover-mismatch", "carryover-mismatch"]);
    let carry = diagnostics.iter().find(|d| d.code == "carryover-mismatch").unwrap();
    assert_eq!(carry.related[0].document.as_deref(), Some("2023-department.txt"));
    assert_eq!(&wrong.file.text()[carry.related[0].range.clone()], "3");
    let fixed = apply_edits(&text, &carry.fix.as_ref().unwrap().edits).unwrap();
    let file = SourceFile::parse(fixed);
    let after = crate::analysis::analyze_with(&file, &config(Date::new(2026, 11, 30).unwrap()), Some(&wrong)).diagnostics;
    assert_eq!(after.iter().filter(|d| d.code == "carryover-mismatch").count(), 1);

    // Another body, or a year that is not the one before: no continuity check.
    let mut other = previous_of_department("3\t1\t0\t0\t0\t0\t4", 35);
    other.report.body.as_mut().unwrap().value = "青岚市财政局".into();
    assert!(check_against(&other).1.is_empty());
}

/// The cheap key (head and tail only) equals the key of a full parse, on every fixture and on
/// the real reports.
#[test]
fn key_of_text_equals_the_full_parse() {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixtures_dir()).unwrap().map(|e| e.unwrap().path()).collect();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    for sub in ["seed", "real"] {
        if let Ok(entries) = std::fs::read_dir(corpus.join(sub)) {
            paths.extend(entries.map(|e| e.unwrap().path()));
        }
    }
    let mut compared = 0;
    for path in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
        let text = std::fs::read_to_string(path).unwrap();
        let report = crate::model::Report::build(&SourceFile::parse(text.as_str()));
        let full = crate::rules::continuity::body_key(&report).zip(report.year.as_ref().map(|y| y.value));
        assert_eq!(crate::rules::continuity::key_of_text(&text), full, "{}", path.display());
        compared += 1;
    }
    assert!(compared >= 70);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: crate::test_cases(48), ..Default::default() })]

    /// After every edit of a random sequence on a real report, reanalyzing from the previous
    /// analysis (reused sentences, memoized prose findings) gives what a fresh analysis gives.
    #[test]
    fn reanalysis_equals_a_fresh_analysis(
        edits in proptest::collection::vec(crate::syntax::tests::edit_strategy(), 1..10),
        which in proptest::prelude::any::<proptest::sample::Index>(),
    ) {
        let config = config(Date::new(2026, 11, 30).unwrap());
        crate::syntax::tests::edit_session(which, edits, |file| crate::analysis::analyze(file, &config), |file, last| {
            let again = crate::analysis::reanalyze(file, &config, Some(&last), |_| None);
            let fresh = crate::analysis::analyze(file, &config);
            proptest::prop_assert_eq!(&again.diagnostics, &fresh.diagnostics);
            proptest::prop_assert_eq!(&again.computations, &fresh.computations);
            Ok(again)
        })?;
    }
}

/// The prose findings of unchanged runs are taken from the earlier analysis, moved.
#[test]
fn reanalysis_reuses_prose_findings() {
    let text = std::fs::read_to_string(fixtures_dir().join("../../../examples/sample-report.txt")).unwrap();
    let config = config(Date::new(2026, 11, 30).unwrap());
    let mut file = SourceFile::parse(text.as_str());
    let earlier = crate::analysis::analyze(&file, &config);
    assert!(earlier.diagnostics.iter().any(|d| d.code == "stale-year"), "the sample has a prose finding");
    // Typing at the very start moves every prose finding by one character.
    file.edit(0..0, "　").unwrap();
    let again = crate::analysis::reanalyze(&file, &config, Some(&earlier), |_| None);
    let fresh = crate::analysis::analyze(&file, &config);
    assert_eq!(again.diagnostics, fresh.diagnostics);
    let stale = |a: &crate::analysis::Analysis| a.diagnostics.iter().find(|d| d.code == "stale-year").map(|d| d.range.clone()).unwrap();
    assert_eq!(stale(&again).start, stale(&earlier).start + "　".len());
    assert!(again.prose_memo.reused > 0, "no run's findings were reused");
}

#[test]
fn every_computed_sum_reads_its_addends_from_its_table() {
    // A sum kept for the editor reads its addends from the table's counts by position (shared
    // by every sum of the table): they must add up to its sum, and its explanation must list
    // them — on the sample, whose table 三 has totals that differ from their addends.
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/sample-report.txt")).unwrap();
    let analysis = analyze(&SourceFile::parse(text.as_str()), &config(Date::new(2026, 11, 30).unwrap()));
    let mut sums = 0;
    let mut differing = 0;
    for computation in &analysis.computations {
        let crate::analysis::Computed::Sum { addends, sum, written, .. } = &computation.what else { continue };
        sums += 1;
        differing += usize::from(computation.differs);
        assert_eq!(addends.iter().sum::<Option<i64>>(), Some(*sum), "{computation:?}");
        assert_eq!(computation.differs, sum != written, "{computation:?}");
        let formula = addends.iter().map(|a| a.unwrap().to_string()).collect::<Vec<_>>().join(" + ");
        assert!(computation.explanation().contains(&format!("= {formula} = **{sum}**")), "{}", computation.explanation());
    }
    assert!(sums >= 30 && differing > 0, "{sums} sums, {differing} differing");
}
