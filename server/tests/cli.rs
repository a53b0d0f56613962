//! The `nianbao` binary as a user runs it: exit codes, JSON and SARIF output, GB18030 input and
//! the `--fix` round trip.

use std::path::{Path, PathBuf};
use std::process::Command;

fn nianbao(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao")).args(args).output().expect("runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/sample-report.txt")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn exit_codes() {
    let clean = fixture("clean-2024-department.txt");
    assert_eq!(nianbao(&["check", "--today", "2026-11-30", clean.to_str().unwrap()]).0, 0);
    assert_eq!(nianbao(&["check", "--today", "2026-11-30", sample().to_str().unwrap()]).0, 1);
    assert_eq!(nianbao(&["check", "/no/such/file.txt"]).0, 2);
    assert_eq!(nianbao(&["check", "--today", "not-a-date", clean.to_str().unwrap()]).0, 2);
    assert_eq!(nianbao(&["no-such-command"]).0, 2);
}

#[test]
fn json_output_is_the_stable_shape() {
    let (code, out) = nianbao(&["check", "--today", "2026-11-30", "--format", "json", sample().to_str().unwrap()]);
    assert_eq!(code, 1);
    let files: serde_json::Value = serde_json::from_str(&out).unwrap();
    let diagnostics = files[0]["diagnostics"].as_array().unwrap();
    let mut codes: Vec<&str> = diagnostics.iter().map(|d| d["code"].as_str().unwrap()).collect();
    codes.sort();
    assert_eq!(codes, ["doc-number-brackets", "period-mismatch", "stale-year", "table3-balance", "table3-results-total", "table3-row-total"]);
    let stale = diagnostics.iter().find(|d| d["code"] == "stale-year").unwrap();
    assert_eq!(stale["severity"], "warning");
    assert_eq!(stale["range"]["start"], serde_json::json!({"line": 19, "character": 0}));
    // `2024年` is 5 UTF-16 code units.
    assert_eq!(stale["range"]["end"], serde_json::json!({"line": 19, "character": 5}));
    let total = diagnostics.iter().find(|d| d["code"] == "table3-results-total").unwrap();
    assert!(!total["related"].as_array().unwrap().is_empty());
    assert_eq!(total["fix"]["edits"][0]["newText"], "56");
}

#[test]
fn sarif_output() {
    let (_, out) = nianbao(&["check", "--today", "2026-11-30", "--format", "sarif", sample().to_str().unwrap()]);
    let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "nianbao");
    assert!(run["tool"]["driver"]["rules"].as_array().unwrap().len() >= 26);
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 6);
    assert!(results.iter().all(|r| r["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64().unwrap() >= 1));
}

#[test]
fn gb18030_input_and_fix_round_trip_keep_the_encoding() {
    let dir = temp_dir("gbk");
    let text = std::fs::read_to_string(sample()).unwrap();
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    let path = dir.join("report.txt");
    std::fs::write(&path, &bytes).unwrap();
    let (code, out) = nianbao(&["check", "--today", "2026-11-30", "--format", "json", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.contains("table3-results-total"));
    let (code, _) = nianbao(&["check", "--today", "2026-11-30", "--fix", path.to_str().unwrap()]);
    // What remains after the fixes is the stale year (no fix: it is not determinate).
    assert_eq!(code, 0);
    let fixed = std::fs::read(&path).unwrap();
    assert!(std::str::from_utf8(&fixed).is_err(), "written back in GB18030");
    let (decoded, _, errors) = encoding_rs::GB18030.decode(&fixed);
    assert!(!errors);
    assert!(decoded.contains("国办公开办函〔2021〕30号"));
    assert!(decoded.contains("2025年1月1日起至2025年12月31日止"));
    let (_, out) = nianbao(&["check", "--today", "2026-11-30", "--format", "json", path.to_str().unwrap()]);
    let files: serde_json::Value = serde_json::from_str(&out).unwrap();
    let codes: Vec<&str> = files[0]["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["stale-year"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn hostile_files_get_a_clear_message_and_the_others_are_still_checked() {
    let dir = temp_dir("hostile");
    std::fs::write(dir.join("binary.txt"), [0u8, 159, 146, 150, 0, 1]).unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::copy(fixture("clean-2024-department.txt"), dir.join("clean.txt")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "--today", "2026-11-30", "--format", "json", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("binary data"));
    let files: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = files.as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    let empty = files.as_array().unwrap().iter().find(|f| f["path"].as_str().unwrap().ends_with("empty.txt")).unwrap();
    assert_eq!(empty["diagnostics"][0]["code"], "not-a-report");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn english_messages_on_request_and_human_output_summary() {
    let (_, out) = nianbao(&["check", "--today", "2026-11-30", "--locale", "en", "--format", "json", sample().to_str().unwrap()]);
    let files: serde_json::Value = serde_json::from_str(&out).unwrap();
    let period = files[0]["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "period-mismatch").unwrap();
    assert!(period["message"].as_str().unwrap().starts_with("The statistics period should be 2025-01-01 to 2025-12-31"));
    let (_, human) = nianbao(&["check", "--today", "2026-11-30", "--color", "never", sample().to_str().unwrap()]);
    assert!(human.contains("error[table3-results-total]"), "{human}");
    assert!(human.trim_end().ends_with("1 file(s) checked: 4 error(s), 1 warning(s), 0 information, 1 hint(s)"), "{human}");
}

#[test]
fn a_folder_with_last_years_report_is_checked_for_continuity() {
    let dir = temp_dir("continuity");
    let this_year = std::fs::read_to_string(fixture("clean-2024-department.txt")).unwrap();
    std::fs::write(dir.join("2024.txt"), &this_year).unwrap();
    // Last year's report of the same body, which carried forward 3 requests of natural persons
    // where this year's report takes over 4.
    let last_year: String = this_year
        .lines()
        .map(|l| {
            if l.starts_with("2024年政府信息公开工作年度报告") {
                l.replacen("2024", "2023", 1)
            } else if l.starts_with("四、结转下年度继续办理") {
                "四、结转下年度继续办理\t3\t1\t0\t0\t0\t0\t4".to_owned()
            } else if l.starts_with("行政规范性文件\t") {
                "行政规范性文件\t2\t1\t31".to_owned()
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(dir.join("2023.txt"), last_year).unwrap();
    let (code, out) = nianbao(&["check", "--today", "2026-11-30", "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    let files: serde_json::Value = serde_json::from_str(&out).unwrap();
    let report_2024 = files.as_array().unwrap().iter().find(|f| f["path"].as_str().unwrap().ends_with("2024.txt")).unwrap();
    let codes: Vec<&str> = report_2024["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["carryover-mismatch", "carryover-mismatch"]);
    let related = &report_2024["diagnostics"][0]["related"][0];
    assert!(related["path"].as_str().unwrap().ends_with("2023.txt"));
    assert_eq!(related["range"]["start"]["line"], 75);
    let _ = std::fs::remove_dir_all(&dir);
}
