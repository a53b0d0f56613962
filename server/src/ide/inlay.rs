//! Inlay hints beside totals: the computed value where it differs from the written one
//! (`= 56` after a （七）总计 that says 57; `上年 3` after a carried-over cell that disagrees with
//! last year's report). Totals that add up get no hint: the hint is a finding, not decoration.

use crate::analysis::Analysis;

/// `(byte offset, label)`: a hint at the end of each cell whose computed value differs.
pub fn inlay_hints(analysis: &Analysis) -> Vec<(usize, String)> {
    analysis.computations.iter().filter(|c| c.differs).map(|c| (c.range.end, c.short())).collect()
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::syntax::SourceFile;

    #[test]
    fn hints_only_where_a_total_differs() {
        let sample = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/sample-report.txt")).unwrap();
        let file = SourceFile::parse(sample.as_str());
        let analysis = crate::analysis::analyze(&file, &Config::default());
        let hints = super::inlay_hints(&analysis);
        // The sample's （七）总计 × 自然人 says 57 where the results add up to 56, and its row
        // total says 72 where the columns add up to 73.
        let labels: Vec<(&str, &str)> = hints.iter().map(|(at, label)| (&sample[at - 2..*at], label.as_str())).collect();
        assert_eq!(labels, [("57", "= 56"), ("72", "= 73")]);
        assert!(analysis.computations.len() > hints.len(), "totals that add up are computed but not hinted");
    }
}
