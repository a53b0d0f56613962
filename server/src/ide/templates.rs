//! Templates from the official format: a whole new report for a year (command
//! `nianbao.newReport`), and tables 二, 三, 四 of a layout (completion). Tables are written the way
//! Word and PDF exports give them — TAB-separated cells, merged cells as empty cells — with `0` in
//! every value cell.

use crate::date::Date;
use crate::knowledge::{self, Layout, RowTemplate, TableKind, TableTemplate};

/// A complete report on `year` in the layout that applies to it: title, preamble with the
/// statistics period and the legal basis, the deadline (as a comment), the six sections with
/// their official headings, the three tables with zeros, and a signature block. `today`, when it
/// falls in the publishing window, dates the signature; otherwise the departments' deadline does.
pub fn new_report(year: i32, today: Option<Date>) -> String {
    let layout = Layout::for_report_year(year);
    let reg = knowledge::regulation();
    let mut s = String::new();
    s.push_str("（机关名称）\n");
    s.push_str(&format!("{year}年政府信息公开工作年度报告\n\n"));
    let notice = layout.notice_title().replace('《', "〈").replace('》', "〉");
    s.push_str(&format!(
        "本报告依据{}（{}，以下简称《条例》）和《{}》（{}）编制。本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。\n\n",
        reg.quoted_title(),
        reg.order_number(),
        notice,
        layout.document_number(),
    ));
    let deadlines: Vec<String> = knowledge::DEADLINES
        .iter()
        .map(|d| {
            let (y, m, dd) = d.date_for(year);
            format!("{}于{y}年{m}月{dd}日前公布（条例{}）", d.who_zh, d.clause)
        })
        .collect();
    s.push_str(&format!("<!-- 发布时限：{}。 -->\n\n", deadlines.join("；")));
    for section in layout.sections() {
        s.push_str(&section.full_heading);
        s.push_str("\n\n");
        match section.table_kind() {
            Some(kind) => {
                s.push_str(&table_template(layout, kind));
                s.push('\n');
            }
            None if section.number == 1 => {
                for (i, sub) in ["主动公开情况", "依申请公开情况", "政府信息管理情况", "政府信息公开平台建设情况", "政府信息公开监督保障情况"]
                    .iter()
                    .enumerate()
                {
                    s.push_str(&format!(
                        "（{}）{sub}\n\n<!-- 请填写{sub}。 -->\n\n",
                        crate::text::to_chinese_numeral(i as u32 + 1)
                    ));
                }
            }
            None => s.push_str(&format!("<!-- 请填写{}。 -->\n\n", section.heading)),
        }
    }
    let deadline = knowledge::BodyLevel::Department.deadline();
    let (y, m, d) = deadline.date_for(year);
    let date = match today {
        Some(t) if t.year == y && (t.month, t.day) <= (m, d) => t,
        _ => Date { year: y, month: m, day: d },
    };
    s.push_str(&format!("（机关名称）\n{}\n", date.to_chinese()));
    s
}

/// Table `kind` of `layout`, header rows included, `0` in every value cell; ends with a newline.
pub fn table_template(layout: Layout, kind: TableKind) -> String {
    let t = layout.table(kind);
    let rows = match kind {
        TableKind::Proactive => proactive_rows(t),
        TableKind::Requests => requests_rows(t),
        TableKind::Review => review_rows(t),
    };
    let mut s = String::new();
    for row in rows {
        s.push_str(&row.join("\t"));
        s.push('\n');
    }
    s
}

/// One data row of a template, as its cells (the label cells, then `0` per value column), or
/// `None` for a row without values.
pub fn row_cells(t: &TableTemplate, row: &RowTemplate) -> Option<Vec<String>> {
    if !row.data_row {
        return None;
    }
    let mut cells = vec![row.label.clone()];
    cells.extend(t.cell_columns(&row.id).iter().map(|_| "0".to_string()));
    Some(cells)
}

fn proactive_rows(t: &TableTemplate) -> Vec<Vec<String>> {
    let width = t.blocks.iter().map(|b| b.columns.len()).max().unwrap_or(1) + 1;
    let pad = |mut v: Vec<String>| {
        v.resize(width.max(v.len()), String::new());
        v
    };
    let mut out = Vec::new();
    for b in &t.blocks {
        out.push(pad(vec![b.caption.clone()]));
        let mut header = vec![b.header_label.clone()];
        header.extend(b.columns.iter().filter_map(|c| t.column(c)).map(|c| c.label.clone()));
        out.push(pad(header));
        for r in b.rows.iter().filter_map(|r| t.row(r)) {
            let mut row = vec![r.label.clone()];
            row.extend(b.columns.iter().map(|_| "0".to_string()));
            out.push(pad(row));
        }
    }
    out
}

fn requests_rows(t: &TableTemplate) -> Vec<Vec<String>> {
    let ncols = t.columns.len();
    let mut out = Vec::new();
    // Header: the balance rule, then the applicant columns under their groups.
    let balance = t.balance.as_ref().map(|b| {
        if b.text.starts_with('（') || b.text.starts_with('(') {
            b.text.clone()
        } else {
            format!("（本列数据的勾稽关系为：{}）", b.text)
        }
    });
    out.push(vec![balance.unwrap_or_default(), "申请人情况".to_string()]);
    let mut second = vec![String::new()];
    let mut third = vec![String::new(), String::new()];
    let mut seen_groups: Vec<&str> = Vec::new();
    for c in &t.columns {
        match c.group.as_deref().and_then(|g| t.column_group(g)) {
            Some(g) => {
                if seen_groups.contains(&g.id.as_str()) {
                    second.push(String::new());
                } else {
                    seen_groups.push(&g.id);
                    second.push(g.label.clone());
                }
                third.push(c.label.clone());
            }
            None => {
                second.push(c.label.clone());
                third.push(String::new());
            }
        }
    }
    third.truncate(third.len().min(1 + ncols));
    out.push(second);
    out.push(third);
    // Data rows: each group's label in the first row under it.
    let mut printed: Vec<&str> = Vec::new();
    for r in t.rows.iter().filter(|r| r.data_row) {
        let mut chain: Vec<&RowTemplate> = Vec::new();
        let mut p = r.parent.as_deref();
        while let Some(parent) = p.and_then(|id| t.row(id)) {
            chain.push(parent);
            p = parent.parent.as_deref();
        }
        chain.reverse();
        let mut cells = Vec::new();
        for ancestor in chain {
            if printed.contains(&ancestor.id.as_str()) {
                cells.push(String::new());
            } else {
                printed.push(&ancestor.id);
                cells.push(ancestor.label.clone());
            }
        }
        cells.push(r.label.clone());
        cells.extend(t.cell_columns(&r.id).iter().map(|_| "0".to_string()));
        out.push(cells);
    }
    out
}

fn review_rows(t: &TableTemplate) -> Vec<Vec<String>> {
    // Top-level groups span their columns; sub-groups (行政诉讼's two) sit on the second row.
    let top_of = |group: Option<&str>| -> Option<&knowledge::ColumnGroupTemplate> {
        let mut g = t.column_group(group?)?;
        while let Some(p) = g.parent.as_deref().and_then(|p| t.column_group(p)) {
            g = p;
        }
        Some(g)
    };
    let mut first = Vec::new();
    let mut second = Vec::new();
    let mut third = Vec::new();
    let mut seen_top: Vec<&str> = Vec::new();
    let mut seen_sub: Vec<&str> = Vec::new();
    for c in &t.columns {
        let group = c.group.as_deref().and_then(|g| t.column_group(g));
        match top_of(c.group.as_deref()) {
            Some(top) if !seen_top.contains(&top.id.as_str()) => {
                seen_top.push(&top.id);
                first.push(top.label.clone());
            }
            _ => first.push(String::new()),
        }
        match group {
            Some(g) if g.parent.is_some() => {
                if seen_sub.contains(&g.id.as_str()) {
                    second.push(String::new());
                } else {
                    seen_sub.push(&g.id);
                    second.push(g.label.clone());
                }
                third.push(c.label.clone());
            }
            _ => {
                second.push(c.label.clone());
                third.push(String::new());
            }
        }
    }
    let mut out = vec![first, second, third];
    for r in t.rows.iter().filter(|r| r.data_row) {
        let values: Vec<String> = t.cell_columns(&r.id).iter().map(|_| "0".to_string()).collect();
        out.push(values);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::syntax::SourceFile;

    #[test]
    fn templates_have_the_official_rows() {
        let t3 = table_template(Layout::Y2021, TableKind::Requests);
        assert!(t3.contains("一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n"), "{t3}");
        assert!(t3.contains("\t（七）总计\t0\t0\t0\t0\t0\t0\t0\n"), "{t3}");
        assert!(t3.contains("\t（三）不予公开\t1.属于国家秘密\t0"), "{t3}");
        let t2 = table_template(Layout::Y2021, TableKind::Proactive);
        assert!(t2.contains("第二十条第（一）项\t\t\t\n"), "{t2}");
        assert!(t2.contains("规章\t0\t0\t0\n"), "{t2}");
        let t4 = table_template(Layout::Y2021, TableKind::Review);
        assert!(t4.starts_with("行政复议\t\t\t\t\t行政诉讼"), "{t4}");
        assert!(t4.ends_with(&format!("{}\n", ["0"; 15].join("\t"))), "{t4}");
    }

    #[test]
    fn new_report_is_clean() {
        for year in [2020, 2023, 2025] {
            let text = new_report(year, None);
            assert!(text.contains(&format!("自{year}年1月1日起至{year}年12月31日止")));
            let file = SourceFile::parse(text.clone());
            assert!(!file.has_syntax_errors(), "{text}");
            let config = Config { today: Date::new(year + 1, 2, 1), ..Config::default() };
            let analysis = crate::analysis::analyze(&file, &config);
            let codes: Vec<(&str, &str)> =
                analysis.diagnostics.iter().map(|d| (d.code, &text[d.range.clone()])).collect();
            assert!(codes.is_empty(), "{year}: {codes:?}\n{text}");
        }
    }
}
