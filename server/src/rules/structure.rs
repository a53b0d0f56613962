//! The document's shape: the six sections, their numbers, order and wording; the title's year.

use super::{edit, Ctx, DiagnosticExt, Sink};
use crate::text;

pub fn check(ctx: &Ctx<'_>, sink: &mut Sink<'_>) {
    missing_title_year(ctx, sink);
    sections(ctx, sink);
}

/// `not-a-report`: nothing in the text looks like a report; one finding instead of a flood.
pub fn not_a_report(ctx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let text = ctx.text();
    let end = text.char_indices().nth(40).map_or(text.len(), |(i, _)| i);
    let end = text[..end].find(['\r', '\n']).unwrap_or(end);
    let message = if text.trim().is_empty() {
        msg!(ctx, "文件为空，不是年度报告。".into(), "The file is empty: it is not an annual report.".into())
    } else {
        msg!(ctx,
            "未找到年度报告的标题、六个部分或任何表格，此文件不像政府信息公开工作年度报告。".into(),
            "No report title, none of the six sections and no table were found: this does not look like an annual government-information-disclosure report.".into(),
        )
    };
    sink.report("not-a-report", 0..end, message);
}

fn missing_title_year(ctx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if ctx.report.year.is_some() {
        return;
    }
    let range = match ctx.report.title_lines.iter().find(|t| t.value.contains("报告")) {
        Some(title) => title.range.clone(),
        None => ctx.report.title_lines.first().map_or(0..0, |t| t.range.clone()),
    };
    sink.report(
        "missing-title-year",
        range,
        msg!(ctx,
            "标题中找不到报告年度：标题应为“YYYY年政府信息公开工作年度报告”。".into(),
            "No report year in the title: it should read “YYYY年政府信息公开工作年度报告”.".into(),
        ),
    );
}

fn sections(ctx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let report = ctx.report;
    let layout = report.layout;
    let mut seen: Vec<u32> = Vec::new();
    let mut highest = 0;
    for section in &report.sections {
        let expected = section.template.number;
        let official = &section.template.full_heading;
        if seen.contains(&expected) {
            let first = report.sections.iter().find(|s| s.template.number == expected).expect("seen before");
            if let Some(d) = sink.report(
                "duplicate-section",
                section.heading_range.clone(),
                msg!(ctx, format!("第{}部分“{}”重复出现。", text::to_chinese_numeral(expected), section.template.heading), format!("Section {expected} “{}” appears twice.", section.template.heading)),
            ) {
                d.related(first.heading_range.clone(), msg!(ctx, "第一次出现在此".into(), "first occurrence".into()));
            }
            continue;
        }
        seen.push(expected);
        if let (Some(number), Some(number_range)) = (section.number, section.number_range.clone())
            && number != expected
        {
            let numeral = text::to_chinese_numeral(expected);
            let written = &ctx.text()[number_range.clone()];
            // Keep the separator as written (`、` or `．`); replace only the numeral.
            let numeral_len: usize = written.chars().take_while(|c| text::is_chinese_numeral_char(*c)).map(char::len_utf8).sum();
            if let Some(d) = sink.report(
                "section-number",
                number_range.clone(),
                msg!(ctx,
                    format!("“{}”应为第{numeral}部分，编号应为“{numeral}、”，实为“{written}”。", section.template.heading),
                    format!("“{}” is section {expected}: its number should be “{numeral}、”, found “{written}”.", section.template.heading),
                ),
            ) {
                d.fix(
                    msg!(ctx, format!("改为“{numeral}”"), format!("Renumber as “{numeral}”")),
                    vec![edit(number_range.start..number_range.start + numeral_len, numeral)],
                );
            }
        }
        if expected < highest {
            sink.report(
                "section-order",
                section.heading_range.clone(),
                msg!(ctx,
                    format!("“{official}”应排在第{}部分之前：六个部分应按一至六的顺序排列。", text::to_chinese_numeral(highest)),
                    format!("“{official}” should come before section {highest}: the six sections go in order 一 to 六."),
                ),
            );
        }
        highest = highest.max(expected);
        if !section.official_title
            && !section.title.is_empty()
            && let Some(d) = sink.report(
                "section-title",
                section.title_range.clone(),
                msg!(ctx,
                    format!("标题与统一格式的措辞不同：应为“{}”，实为“{}”。", section.template.heading, section.title),
                    format!("The heading differs from the unified format's wording: expected “{}”, found “{}”.", section.template.heading, section.title),
                ),
            )
        {
            d.fix(
                msg!(ctx, format!("改为“{}”", section.template.heading), format!("Use “{}”", section.template.heading)),
                vec![edit(section.title_range.clone(), section.template.heading.clone())],
            );
        }
    }
    // Missing sections, each with the heading to insert where it belongs.
    for template in layout.sections() {
        if seen.contains(&template.number) {
            continue;
        }
        let next = report.sections.iter().filter(|s| s.template.number > template.number).map(|s| s.range.start).min();
        let (range, insert_at, insertion) = match next {
            Some(at) => (at..line_end(ctx.text(), at), at, format!("{}\n\n", template.full_heading)),
            None => {
                let at = report.signature.as_ref().map_or(ctx.text().len(), |s| s.range.start);
                let prefix = if at == 0 || ctx.text()[..at].ends_with('\n') { "" } else { "\n" };
                let range = report.sections.last().map_or(0..line_end(ctx.text(), 0), |s| s.heading_range.clone());
                (range, at, format!("{prefix}{}\n\n", template.full_heading))
            }
        };
        if let Some(d) = sink.report(
            "missing-section",
            range,
            msg!(ctx,
                format!("缺少第{}部分“{}”。", template.numeral, template.full_heading),
                format!("Section {} “{}” is missing.", template.number, template.full_heading),
            ),
        ) {
            d.fix(
                msg!(ctx, format!("插入标题“{}”", template.full_heading), format!("Insert the heading “{}”", template.full_heading)),
                vec![edit(insert_at..insert_at, insertion)],
            );
        }
    }
}

fn line_end(text: &str, at: usize) -> usize {
    text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i)
}
