//! `nianbao check --summary OUT_DIR`: one page for a reviewing office — `summary.csv` and a
//! self-contained `summary.html` over all the reports checked. The data is collected per file by
//! `check` (small: no text is kept); rendering is here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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

/// The CSV: one row per report.
pub fn csv(reports: &[ReportSummary]) -> String {
    let _ = reports;
    String::new()
}

/// The HTML page.
pub fn html(reports: &[ReportSummary]) -> String {
    let _ = reports;
    String::new()
}
