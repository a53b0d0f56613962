//! Dates: the statistics period, the report's date against the year and the deadline of
//! 条例第四十九条, impossible dates, and a report year left over from last year's copy.

use super::{edit, Ctx, DiagnosticExt, Sink};
use crate::date::Date;
use crate::knowledge::{BodyLevel, Severity};
use crate::model::DateRef;

pub fn check(ctx: &Ctx<'_>, sink: &mut Sink<'_>) {
    invalid_dates(ctx, sink);
    period(ctx, sink);
    publish_date(ctx, sink);
    stale_report_year(ctx, sink);
}

fn invalid_dates(ctx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for date in &ctx.report.dates {
        if date.exists {
            continue;
        }
        let written = &ctx.text()[date.range.clone()];
        sink.report(
            "invalid-date",
            date.range.clone(),
            msg!(ctx, format!("日期“{written}”不存在。"), format!("The date “{written}” does not exist.")),
        );
    }
}

fn period(ctx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let (Some(year), Some(period)) = (ctx.report.year.as_ref(), ctx.report.period.as_ref()) else { return };
    let y = year.value;
    let (Some(start), Some(end)) = (period.start.date, period.end.date) else { return };
    let full = (Date::first_of_year(y), Date::last_of_year(y));
    if (start, end) == full {
        return;
    }
    let inside = start.year == y && end.year == y && start <= end;
    if inside {
        // A body created (or dissolved) during the year reports on part of it.
        if let Some(d) = sink.report(
            "period-mismatch",
            period.start.range.start..period.end.range.end,
            msg!(ctx,
                format!("统计期限为{}至{}，不是完整的{y}年度；若本机关系年中设立或撤销，请在报告中说明。", start.to_chinese(), end.to_chinese()),
                format!("The statistics period {start} to {end} is not the whole of {y}; if the body was created or dissolved during the year, say so in the report."),
            ),
        ) {
            // A warning, not an error: the rule's severity is lowered, never raised.
            if d.severity == Severity::Error {
                d.severity = Severity::Warning;
            }
        }
        return;
    }
    let mut edits = Vec::new();
    for (date, want) in [(&period.start, full.0), (&period.end, full.1)] {
        if date.date != Some(want) {
            let written = &ctx.text()[date.range.clone()];
            if let Some(replacement) = replace_date(written, want) {
                edits.push(edit(date.range.clone(), replacement));
            }
        }
    }
    if let Some(d) = sink.report(
        "period-mismatch",
        period.start.range.start..period.end.range.end,
        msg!(ctx,
            format!("统计期限应为{y}年1月1日至{y}年12月31日（报告年度为{y}年），实为{}至{}。", start.to_chinese(), end.to_chinese()),
            format!("The statistics period should be {y}-01-01 to {y}-12-31 (the report is on {y}); found {start} to {end}."),
        ),
    ) {
        d.related(year.range.clone(), msg!(ctx, "报告年度".into(), "the report year".into()));
        if !edits.is_empty() {
            d.fix(msg!(ctx, format!("改为{y}年1月1日至{y}年12月31日"), format!("Use {y}-01-01 to {y}-12-31")), edits);
        }
    }
}

/// Writes `want` in the style of `written` (digits and spaces as written: `2023 年 1 月 1 日`).
fn replace_date(written: &str, want: Date) -> Option<String> {
    let spaced = written.contains(' ');
    Some(if spaced {
        format!("{} 年 {} 月 {} 日", want.year, want.month, want.day)
    } else {
        want.to_chinese()
    })
}

fn publish_date(ctx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let (Some(year), Some(signature)) = (ctx.report.year.as_ref(), ctx.report.signature.as_ref()) else { return };
    let Some(date) = signature.date.date else { return };
    let y = year.value;
    if date <= Date::last_of_year(y) {
        sink.report(
            "publish-date-early",
            signature.date.range.clone(),
            msg!(ctx,
                format!("报告落款日期{}早于所报告的{y}年度结束（{y}年12月31日）：年度报告只能在年度结束后形成。", date.to_chinese()),
                format!("The report is dated {date}, before the year it reports on ({y}) has ended."),
            ),
        );
        return;
    }
    let level = ctx.config.level.or(ctx.report.body_level).unwrap_or(BodyLevel::Department);
    let (month, day) = match ctx.config.deadline {
        Some(md) => md,
        None => {
            let d = level.deadline();
            (d.month, d.day)
        }
    };
    let Some(deadline) = Date::new(y + 1, month, day) else { return };
    if date > deadline {
        let who = match (ctx.config.deadline, level) {
            (Some(_), _) => msg!(ctx, "配置的时限".into(), "the configured deadline".into()),
            (None, BodyLevel::Government) => msg!(ctx, "县级以上地方人民政府".into(), "a government at county level or above".into()),
            (None, BodyLevel::Department) => msg!(ctx, "县级以上人民政府部门".into(), "a department of a government at county level or above".into()),
        };
        sink.report(
            "publish-date-late",
            signature.date.range.clone(),
            msg!(ctx,
                format!("报告落款日期{}晚于法定时限{}（{who}，条例第四十九条）。", date.to_chinese(), deadline.to_chinese()),
                format!("The report is dated {date}, after the deadline {deadline} ({who}; Article 49 of the Regulation)."),
            ),
        );
    }
}

/// `stale-report-year`: the report is being written now (dated this year, or not yet dated) but
/// its title names a year other than last year — a copy of last year's report with the title
/// unchanged.
fn stale_report_year(ctx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let (Some(today), Some(year)) = (ctx.config.today, ctx.report.year.as_ref()) else { return };
    let dated: Option<&DateRef> = ctx.report.signature.as_ref().map(|s| &s.date);
    let being_written = match dated.and_then(|d| d.date) {
        Some(date) => date.year == today.year,
        None => true,
    };
    let expected = today.year - 1;
    if !being_written || year.value == expected {
        return;
    }
    sink.report(
        "stale-report-year",
        year.range.clone(),
        msg!(ctx,
            format!("今天是{}，正在编写的应是{expected}年度报告，但标题中的年度为{}年：是否沿用了往年报告的标题？", today.to_chinese(), year.value),
            format!("Today is {today}, so the report being written is presumably on {expected}, but the title says {}: was last year's title kept?", year.value),
        ),
    );
}
