use super::*;
use crate::syntax::SourceFile;

fn report(text: &str) -> Report {
    Report::build(&SourceFile::parse(text))
}

#[test]
fn reads_title_sections_tables_and_signature() {
    let r = report(concat!(
        "江北市生态环境局\n2025年政府信息公开工作年度报告\n",
        "本报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。\n",
        "一、总体情况\n本年度公开信息17\n62条。\n",
        "三、收到和处理政府信息公开申请情况\n",
        "一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3\n",
        "三、本年度办理结果\t（一）予以公开\t２\t0\t0\t0\t0\t0\t2\n",
        "\t（三）不予公开\t1.属于国家秘密\t\t0\t0\t0\t0\t0\t0\n",
        "江北市生态环境局\n2026年1月20日\n",
    ));
    assert_eq!(r.year.as_ref().map(|y| y.value), Some(2025));
    assert_eq!(r.body.as_ref().map(|b| b.value.as_str()), Some("江北市生态环境局"));
    assert_eq!(r.body_level, Some(BodyLevel::Department));
    assert_eq!(r.layout, Layout::Y2021);
    assert_eq!(r.sections.iter().map(|s| s.template.number).collect::<Vec<_>>(), vec![1, 3]);
    let period = r.period.as_ref().unwrap();
    assert_eq!(period.start.date, Date::new(2025, 1, 1));
    assert_eq!(period.end.date, Date::new(2025, 12, 31));
    assert_eq!(r.signature.as_ref().unwrap().date.date, Date::new(2026, 1, 20));
    let sentence = r.sentences.iter().find(|s| s.text().contains("1762")).unwrap();
    let joined = sentence.tokens().iter().find(|t| sentence.unit(t) == Some("条")).unwrap();
    assert_eq!(sentence.value(joined), Some(text::CellNumber::Integer(1762)));
    assert_eq!(sentence.token_text(joined), "1762条");
    let t3 = r.table(TableKind::Requests).unwrap();
    assert_eq!(t3.cell("t3_new", "total").and_then(|c| c.count()), Some(3));
    assert_eq!(t3.cell("t3_r1_granted", "natural_person").and_then(|c| c.count()), Some(2));
    let secret = t3.rows.iter().find(|r| r.template.label.contains("国家秘密")).unwrap();
    assert_eq!(t3.cells_of(secret).next().unwrap().unwrap().value, CellValue::Blank);
    assert_eq!(t3.cells_of(secret).filter(|c| c.is_some()).count(), 7);
}

#[test]
fn citations_and_clause_refs() {
    let r = report("一、总体情况\n根据国办公开办函[2021]30号和《条例》（国令第 711 号）第二十条第（一）（五）项。\n");
    assert_eq!(r.citations.len(), 2);
    assert_eq!(r.citations[0].issuer, "国办公开办函");
    assert_eq!((r.citations[0].year, r.citations[0].serial), (Some(2021), 30));
    assert_eq!(r.citations[0].brackets.as_ref().unwrap().0.value, '[');
    assert_eq!((r.citations[1].issuer.as_str(), r.citations[1].serial), ("国令", 711));
    assert_eq!(r.clause_refs[0].clause.article, 20);
    assert_eq!(r.clause_refs[0].items, vec![1, 5]);
}

#[test]
fn columns_follow_the_header_where_it_names_them() {
    // Table 二 with its columns swapped, and one missing.
    let r = report(concat!(
        "2024年政府信息公开工作年度报告\n二、主动公开政府信息情况\n",
        "第二十条第（一）项\t\t\t\n信息内容\t现行有效件数\t本年制发件数\t本年废止件数\n规章\t11\t1\t0\n",
        "行政规范性文件\t66\t8\t26\n",
        "第二十条第（五）项\t\t\n信息内容\t本年处理决定数量\n行政许可\t447228\n",
        "三、收到和处理政府信息公开申请情况\n",
        "| 情况 | 总计 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |\n",
        "| 一、本年新收政府信息公开申请数量 | 5 | 4 | 1 | 0 | 0 | 0 | 0 |\n",
    ));
    let t2 = r.table(TableKind::Proactive).unwrap();
    assert_eq!(t2.cell("t2_regulations", "in_force").and_then(|c| c.count()), Some(11));
    assert_eq!(t2.cell("t2_regulations", "issued").and_then(|c| c.count()), Some(1));
    assert_eq!(t2.cell("t2_normative_documents", "repealed").and_then(|c| c.count()), Some(26));
    let t3 = r.table(TableKind::Requests).unwrap();
    assert_eq!(t3.cell("t3_new", "total").and_then(|c| c.count()), Some(5));
    assert_eq!(t3.cell("t3_new", "natural_person").and_then(|c| c.count()), Some(4));
}

/// A report rebuilt from an earlier version's model after an edit has the sentences (and what
/// comes from them) of a fresh build, and takes unchanged runs of prose from the earlier one.
#[test]
fn rebuild_reuses_unchanged_prose() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/sample-report.txt")).unwrap();
    let mut file = SourceFile::parse(text.as_str());
    let earlier = Report::build(&file);
    let runs = earlier.prose_chunks.runs_len();
    assert!(runs > 3, "the sample has prose between tables: {runs} runs");
    // A word typed into the last sentence of the report's prose.
    let at = text.rfind('。').unwrap();
    file.edit(at..at, "等").unwrap();
    let rebuilt = Report::rebuild(&file, &earlier);
    assert_same_prose(&rebuilt, &Report::build(&file));
    assert!(rebuilt.prose_chunks.reused >= runs - 2, "{} of {runs} runs reused", rebuilt.prose_chunks.reused);
}

fn assert_same_prose(a: &Report, b: &Report) {
    assert_eq!(a.sentences, b.sentences);
    assert_eq!(format!("{:?}", a.dates), format!("{:?}", b.dates));
    assert_eq!(format!("{:?}", a.citations), format!("{:?}", b.citations));
    assert_eq!(format!("{:?}", a.clause_refs), format!("{:?}", b.clause_refs));
    assert_eq!(format!("{:?}", a.period), format!("{:?}", b.period));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: crate::test_cases(48), ..Default::default() })]

    /// After every edit of a random sequence on a real report, rebuilding from the previous
    /// model equals building afresh.
    #[test]
    fn rebuild_equals_a_fresh_build(
        edits in proptest::collection::vec(crate::syntax::tests::edit_strategy(), 1..10),
        which in proptest::prelude::any::<proptest::sample::Index>(),
    ) {
        crate::syntax::tests::edit_session(which, edits, Report::build, |file, last| {
            let rebuilt = Report::rebuild(file, &last);
            assert_same_prose(&rebuilt, &Report::build(file));
            Ok(rebuilt)
        })?;
    }
}

