use crate::analysis::analyze;
use crate::config::Config;
use crate::syntax::SourceFile;

pub(crate) fn codes(text: &str) -> Vec<&'static str> {
    let config = Config { today: crate::date::Date::new(2026, 11, 30), ..Config::default() };
    analyze(&SourceFile::parse(text), &config).diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn not_a_report_is_one_finding() {
    assert_eq!(codes("hello world\n"), vec!["not-a-report"]);
    assert_eq!(codes(""), vec!["not-a-report"]);
}
