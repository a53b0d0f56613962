//! Numbers and years stated in prose: totals and their breakdowns, averages, claims that a
//! table contradicts, and years left over from last year's report.
//!
//! Precision first: these rules read free text, so each one fires only on a pattern it
//! understands completely and stays silent on comparisons (`较2022年`), plans (`2024年，我局将…`),
//! partial lists (`其中包括…`), numbers that include another (`（含上年度结转申请34件）`) and ranges.

use super::{Ctx, DiagnosticExt, Sink};
use crate::knowledge::TableKind;
use crate::model::{Sentence, Token, TokenKind};

pub fn check(ctx: &Ctx<'_>, sink: &mut Sink<'_>, earlier: Option<&ProseMemo>) -> ProseMemo {
    let tables = Tables {
        new_total: table_value(ctx, TableKind::Requests, "t3_new", "total"),
        carried: table_value(ctx, TableKind::Requests, "t3_carried_in", "total").map(|(v, _)| v),
        review: review_totals(ctx),
    };
    if !sink.editor {
        check_sentences(ctx, sink, 0..ctx.report.sentences.len(), &tables);
        return ProseMemo::default();
    }
    let inputs = Inputs {
        values: (tables.new_total.as_ref().map(|t| t.0), tables.carried, tables.review.as_ref().map(|r| (r.0, r.1))),
        year: ctx.report.year.as_ref().map(|y| y.value),
        config: ctx.config.clone(),
    };
    let earlier = earlier.filter(|m| m.inputs.as_ref() == Some(&inputs));
    // Findings point at table 三's and 四's totals too: where those moved, they move with them.
    let table_moves: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = earlier
        .and_then(|m| m.tables.as_ref())
        .map(|old| {
            let pairs = [
                (old.new_total.as_ref().map(|t| t.1.clone()), tables.new_total.as_ref().map(|t| t.1.clone())),
                (old.review.as_ref().map(|r| r.2.clone()), tables.review.as_ref().map(|r| r.2.clone())),
            ];
            pairs.into_iter().filter_map(|(a, b)| a.zip(b)).collect()
        })
        .unwrap_or_default();
    let mut memo = ProseMemo { inputs: Some(inputs), tables: Some(tables.clone()), runs: Default::default(), reused: 0 };
    // The run before, with sentences: its last sentence is the one the first of the next reads.
    let mut before: Option<(u128, usize)> = None;
    for (key, start, sentences) in ctx.report.prose_chunks.runs() {
        if sentences.is_empty() {
            continue;
        }
        let memo_key = (key, before.map_or(0, |b| b.0));
        let findings = match earlier.and_then(|m| m.runs.get(&memo_key)) {
            // The same sentences after the same sentence, with the same tables, year and
            // settings: the same findings, moved with their runs.
            Some(old) => {
                memo.reused += 1;
                old.findings
                .iter()
                .map(|d| {
                    d.moved(|r| {
                        if let Some((_, now)) = table_moves.iter().find(|(then, _)| then == r) {
                            return now.clone();
                        }
                        let delta = match (r.start >= old.start, before, old.before_start) {
                            (true, _, _) => start as isize - old.start as isize,
                            (false, Some((_, now)), Some(then)) => now as isize - then as isize,
                            _ => 0,
                        };
                        r.start.wrapping_add_signed(delta)..r.end.wrapping_add_signed(delta)
                    })
                })
                .collect()
            }
            None => {
                let mut run_sink = sink.fork();
                check_sentences(ctx, &mut run_sink, sentences, &tables);
                run_sink.output.diagnostics
            }
        };
        sink.output.diagnostics.extend(findings.iter().cloned());
        memo.runs.insert(memo_key, MemoRun { start, before_start: before.map(|b| b.1), findings });
        before = Some((key, start));
    }
    memo
}

/// The prose findings of one check, by run of sentences (see `model::prose::sentences`), for the
/// next check of the same document to take where nothing they depend on changed: on a 5 MB
/// report, checking every sentence again was a large part of a keystroke.
#[derive(Debug, Clone, Default)]
pub struct ProseMemo {
    inputs: Option<Inputs>,
    /// The tables' totals as they were (where findings point at them).
    tables: Option<Tables>,
    /// By (run key, key of the run with sentences before it).
    runs: foldhash::HashMap<(u128, u128), MemoRun>,
    /// How many runs' findings were taken from the earlier memo (read by tests).
    #[allow(dead_code)]
    pub(crate) reused: usize,
}

#[derive(Debug, Clone)]
struct MemoRun {
    /// Where the run started, and the run before it: ranges move with the run they are in.
    start: usize,
    before_start: Option<usize>,
    findings: Vec<crate::diagnostic::Diagnostic>,
}

/// What prose findings depend on besides their sentences.
#[derive(Debug, Clone, PartialEq)]
struct Inputs {
    /// Table 三's new and carried-over applications, table 四's review and litigation totals.
    values: (Option<i64>, Option<i64>, Option<(i64, i64)>),
    year: Option<i32>,
    config: crate::config::Config,
}

fn check_sentences(ctx: &Ctx<'_>, sink: &mut Sink<'_>, range: std::ops::Range<usize>, tables: &Tables) {
    let sentences = &ctx.report.sentences;
    for i in range {
        let sentence = &sentences[i];
        let previous = i.checked_sub(1).map(|p| &sentences[p]);
        narrative_sum(ctx, sink, sentence, previous);
        narrative_average(ctx, sink, sentence, previous);
        claims(ctx, sink, sentence, tables);
        stale_year(ctx, sink, sentence);
    }
}

/// What prose is compared with: table 三's new applications (and those carried over) and table
/// 四's totals — looked up once per check, not per sentence.
#[derive(Debug, Clone, PartialEq)]
struct Tables {
    new_total: Option<(i64, std::ops::Range<usize>)>,
    carried: Option<i64>,
    review: Option<(i64, i64, std::ops::Range<usize>)>,
}

fn count(sentence: &Sentence, token: &Token) -> Option<i64> {
    sentence.value(token).and_then(|v| if v.is_decimal() { None } else { v.as_integer() })
}

/// The unit without approximation words; `None` for approximate quantities (`5500余条`).
fn exact_unit<'s>(sentence: &'s Sentence, token: &Token) -> Option<&'s str> {
    let unit = sentence.unit(token)?;
    if unit.contains('余') { None } else { Some(unit) }
}

/// The last `n` characters of `s`.
fn tail(s: &str, n: usize) -> &str {
    s.char_indices().rev().nth(n - 1).map_or(s, |(i, _)| &s[i..])
}

fn is_average(sentence: &Sentence, index: usize) -> bool {
    let tail = tail(sentence.text_before(index), 12);
    tail.contains("平均") || tail.contains("日均") || tail.contains("月均")
}

/// Quantities before `limit` in `sentence` and in the previous sentence that could be the total
/// of a breakdown with `unit`.
fn total_candidates<'s>(sentence: &'s Sentence, limit: usize, previous: Option<&'s Sentence>, unit: &str) -> Vec<(&'s Sentence, usize)> {
    let mut out = Vec::new();
    if let Some(p) = previous {
        for (i, t) in p.tokens().iter().enumerate() {
            if t.kind == TokenKind::Number && p.unit(t) == Some(unit) {
                out.push((p, i));
            }
        }
    }
    for (i, t) in sentence.tokens()[..limit].iter().enumerate() {
        if t.kind == TokenKind::Number && sentence.unit(t) == Some(unit) {
            out.push((sentence, i));
        }
    }
    out
}

fn is_stated_total(sentence: &Sentence, index: usize) -> bool {
    let tail = tail(sentence.text_before(index), 14);
    ["共", "累计", "总计", "合计", "全年", "总量"].iter().any(|w| tail.contains(w))
}

const PARTIAL_MARKERS: [&str; 6] = ["包括", "主要", "等", "部分", "重点", "例如"];

fn narrative_sum(ctx: &Ctx<'_>, sink: &mut Sink<'_>, sentence: &Sentence, previous: Option<&Sentence>) {
    // `其中` opens the breakdown; the parts follow, up to the end of the sentence or of the
    // parenthesis the breakdown stands in.
    // One search of the sentence first: most sentences have no breakdown.
    if !sentence.text().contains("其中") {
        return;
    }
    let Some(start) = sentence.tokens().iter().position(|t| t.kind == TokenKind::Text && sentence.token_text(t).contains("其中")) else { return };
    let opener = sentence.token_text(&sentence.tokens()[start]);
    let in_parenthesis = opener.contains("(其中") || opener.contains("（其中");
    let mut parts: Vec<&Token> = Vec::new();
    let mut list_text = String::new();
    // The text of the list runs from `其中` to its last part (words after the list, such as
    // `主要通过…`, are not part of it).
    let mut pending = String::new();
    for (offset, t) in sentence.tokens()[start..].iter().enumerate() {
        if t.kind == TokenKind::Number && is_average(sentence, start + offset) {
            break; // `平均每月…` after the list is not a part of it
        }
        if t.kind == TokenKind::Text {
            let t_text = sentence.token_text(t);
            if in_parenthesis && !parts.is_empty() && let Some(close) = t_text.find([')', '）']) {
                list_text.push_str(&pending);
                list_text.push_str(&t_text[..close]);
                pending.clear();
                break;
            }
            pending.push_str(t_text);
        }
        if t.kind == TokenKind::Number {
            list_text.push_str(&pending);
            pending.clear();
            parts.push(t);
        }
    }
    let after_opener = list_text.split_once("其中").map_or("", |(_, rest)| rest);
    if parts.len() < 2 || PARTIAL_MARKERS.iter().any(|m| after_opener.contains(m)) {
        return;
    }
    let Some(unit) = exact_unit(sentence, parts[0]) else { return };
    if parts.iter().any(|p| exact_unit(sentence, p) != Some(unit)) {
        return;
    }
    let Some(sum) = parts.iter().map(|p| count(sentence, p)).sum::<Option<i64>>() else { return };
    let candidates: Vec<(&Sentence, usize)> = total_candidates(sentence, start, previous, unit)
        .into_iter()
        .filter(|(s, i)| !is_average(s, *i))
        .collect();
    // A breakdown that adds up to any stated total is consistent.
    if candidates.iter().any(|(s, i)| count(s, &s.tokens()[*i]) == Some(sum)) {
        return;
    }
    let Some(&(total_sentence, total_index)) = candidates.last() else { return };
    let total = &total_sentence.tokens()[total_index];
    let Some(total_value) = count(total_sentence, total) else { return };
    let addends: Vec<String> = parts.iter().map(|p| count(sentence, p).map_or("?".into(), |v| v.to_string())).collect();
    if let Some(d) = sink.report(
        "narrative-sum",
        total_sentence.range_of(total),
        msg!(ctx,
            format!("合计{total_value}{unit}与其分项之和不符：{} = {sum}。", addends.join(" + ")),
            format!("The total {total_value} ({unit}) does not match its breakdown: {} = {sum}.", addends.join(" + ")),
        ),
    ) {
        for p in &parts {
            d.related(sentence.range_of(p), sentence.token_text(p).to_owned());
        }
    }
}

fn narrative_average(ctx: &Ctx<'_>, sink: &mut Sink<'_>, sentence: &Sentence, previous: Option<&Sentence>) {
    // Both markers below have 均: one search of the sentence rules out most sentences, and the
    // numbers before its first 均.
    // (`contains` first: `find` prepares a general searcher, which costs more than the search.)
    if !sentence.text().contains("均") {
        return;
    }
    let Some(first_mark) = sentence.text().find("均") else { return };
    for (i, token) in sentence.tokens().iter().enumerate() {
        if token.kind != TokenKind::Number || sentence.text_before(i).len() <= first_mark {
            continue;
        }
        let tail = tail(sentence.text_before(i), 12);
        if !tail.contains("平均每月") && !tail.contains("月均") {
            continue;
        }
        let Some(unit) = exact_unit(sentence, token) else { continue };
        let Some(average) = sentence.value(token).map(|v| v.as_f64()) else { continue };
        // Only a quantity stated as a total (`共`, `累计`, `全年` …) is the year's total.
        let candidates: Vec<(&Sentence, usize)> = total_candidates(sentence, i, previous, unit)
            .into_iter()
            .filter(|(s, k)| !is_average(s, *k) && is_stated_total(s, *k))
            .collect();
        let Some(&(s, k)) = candidates.last() else { continue };
        let Some(total) = count(s, &s.tokens()[k]) else { continue };
        let exact = total as f64 / 12.0;
        // Truncated, rounded or rounded up to the precision written are all fine.
        let scale = sentence.value(token).map_or(1.0, |v| match v {
            crate::text::CellNumber::Decimal { scale, .. } => 10f64.powi(scale as i32),
            _ => 1.0,
        });
        let acceptable = [(exact * scale).floor(), (exact * scale).round(), (exact * scale).ceil()];
        if acceptable.iter().any(|a| (a / scale - average).abs() < 1e-9) {
            continue;
        }
        if let Some(d) = sink.report(
            "narrative-average",
            sentence.range_of(token),
            msg!(ctx,
                format!("平均每月{average}{unit}与全年合计不符：{total} ÷ 12 = {exact:.1}。"),
                format!("The monthly average {average} ({unit}) does not match the year's total: {total} / 12 = {exact:.1}."),
            ),
        ) {
            d.related(s.range_of(&s.tokens()[k]), s.token_text(&s.tokens()[k]).to_owned());
        }
    }
}

/// The value of a cell of a table, when known.
fn table_value(ctx: &Ctx<'_>, kind: TableKind, row: &str, column: &str) -> Option<(i64, std::ops::Range<usize>)> {
    let cell = ctx.report.table(kind)?.cell(row, column)?;
    Some((cell.count()?, cell.range.clone()))
}

fn review_totals(ctx: &Ctx<'_>) -> Option<(i64, i64, std::ops::Range<usize>)> {
    let table = ctx.report.table(TableKind::Review)?;
    let row = table.rows.first()?;
    let mut review = None;
    let mut litigation = 0;
    let mut any = false;
    for rule in &table.template.column_sums {
        let i = table.columns_of(row).position(|c| c.id == rule.total)?;
        let value = table.cell_of(row, i)?.count()?;
        any = true;
        if review.is_none() {
            review = Some(value);
        } else {
            litigation += value;
        }
    }
    any.then(|| (review.unwrap_or(0), litigation, table.range.clone()))
}

/// Prose that a table contradicts.
fn claims(ctx: &Ctx<'_>, sink: &mut Sink<'_>, sentence: &Sentence, tables: &Tables) {
    let text = &sentence.text();
    let (new_total, carried) = (&tables.new_total, tables.carried);
    // Every word of denial below has one of these characters: three short searches rule all
    // the words out.
    let negates = || ["未", "没", "无"].iter().any(|c| text.contains(c));
    // `本年度未收到政府信息公开申请` while table 三 counts new applications.
    let denies_requests = text.contains("申请") && negates() && ["未收到", "没有收到", "未接到", "无依申请"].iter().any(|w| text.contains(w));
    if denies_requests
        && !text.contains("复议")
        && let Some((n, range)) = new_total
        && *n > 0
        && let Some(d) = sink.report(
            "narrative-table-mismatch",
            sentence.range.clone(),
            msg!(ctx, format!("正文称未收到政府信息公开申请，但表三“本年新收”总计为{n}。"), format!("The text says no applications were received, but table 三 counts {n} new applications.")),
        )
    {
        d.related(range.clone(), "表三/一、本年新收/总计");
    }
    // `未发生行政复议和行政诉讼` while table 四 has cases.
    let denies_cases = (text.contains("复议") || text.contains("诉讼")) && negates() && ["未出现", "未发生", "没有发生", "未收到", "未产生", "无"].iter().any(|w| text.contains(w));
    if denies_cases
        && let Some((review, litigation, range)) = tables.review.clone()
        && review + litigation > 0
        && let Some(d) = sink.report(
            "narrative-table-mismatch",
            sentence.range.clone(),
            msg!(ctx,
                format!("正文称未发生行政复议或行政诉讼，但表四记载行政复议{review}件、行政诉讼{litigation}件。"),
                format!("The text says there was no administrative review or litigation, but table 四 records {review} reviews and {litigation} lawsuits."),
            ),
        )
    {
        d.related(range, "表四");
    }
    // `共受理政府信息公开申请21件` ≠ table 三 row 一 总计.
    for (i, token) in sentence.tokens().iter().enumerate() {
        if token.kind != TokenKind::Number || sentence.unit(token) != Some("件") {
            continue;
        }
        let before = sentence.text_before(i);
        let before = before.trim_end_matches(['，', ',', '：', ':']);
        let stated = count(sentence, token);
        let Some(stated) = stated else { continue };
        let tail = tail(before, 16);
        let about_requests = tail.ends_with("申请") && ["收到", "受理", "新收", "接收"].iter().any(|w| tail.contains(w)) && !tail.contains("复议") && !tail.contains("诉讼");
        if about_requests && let Some((n, range)) = new_total {
            let with_carried = carried.map(|c| n + c);
            if stated != *n
                && Some(stated) != with_carried
                && let Some(d) = sink.report(
                    "narrative-table-mismatch",
                    sentence.range_of(token),
                    msg!(ctx, format!("正文称收到申请{stated}件，但表三“本年新收”总计为{n}。"), format!("The text states {stated} applications, but table 三 counts {n} new applications.")),
                )
            {
                d.related(range.clone(), "表三/一、本年新收/总计");
            }
            continue;
        }
        let about_review = tail.ends_with("行政复议") || tail.ends_with("复议案件");
        let about_litigation = tail.ends_with("行政诉讼") || tail.ends_with("诉讼案件");
        if (about_review || about_litigation)
            && let Some((review, litigation, range)) = tables.review.clone()
        {
            let expected = if about_review { review } else { litigation };
            if stated != expected
                && let Some(d) = sink.report(
                    "narrative-table-mismatch",
                    sentence.range_of(token),
                    msg!(ctx,
                        format!("正文称{}{stated}件，但表四合计为{expected}件。", if about_review { "行政复议" } else { "行政诉讼" }),
                        format!("The text states {stated} {}, but table 四 adds up to {expected}.", if about_review { "administrative reviews" } else { "lawsuits" }),
                    ),
                )
            {
                d.related(range, "表四");
            }
        }
    }
}

const PLAN_MARKERS: [&str; 9] = ["将", "计划", "拟", "力争", "预计", "下一步", "明年", "争取", "打算"];
const COMPARISON_MARKERS: [&str; 12] = ["相比", "同比", "比上年", "较上年", "较去年", "与上年", "与去年", "上年同期", "以来", "至今", "以前", "之前"];

/// `2022年，我局……` in a report on 2023: a sentence about another year as if it were the
/// report year. Only a year that opens a sentence and is followed by a comma counts.
fn stale_year(ctx: &Ctx<'_>, sink: &mut Sink<'_>, sentence: &Sentence) {
    let Some(report_year) = ctx.report.year.as_ref() else { return };
    let Some(first) = sentence.tokens().first() else { return };
    if first.kind != TokenKind::Year || sentence.from_heading {
        return;
    }
    let first_text = sentence.token_text(first);
    let year: i32 = first_text.chars().filter(char::is_ascii_digit).collect::<String>().parse().unwrap_or(0);
    if year == 0 || year >= report_year.value {
        return;
    }
    let next = sentence.tokens().get(1).map(|t| sentence.token_text(t)).unwrap_or("");
    if !(next.starts_with('，') || next.starts_with(',')) {
        return;
    }
    let text = &sentence.text();
    if PLAN_MARKERS.iter().chain(COMPARISON_MARKERS.iter()).any(|m| text.contains(m)) {
        return;
    }
    if sentence.tokens().iter().skip(1).any(|t| t.kind == TokenKind::Year) {
        return; // several years: a range or a comparison
    }
    sink.report(
        "stale-year",
        sentence.range_of(first),
        msg!(ctx,
            format!("报告年度为{}年，此句却以“{}”开头：是否沿用了往年报告的文字？", report_year.value, first_text),
            format!("The report is on {}, but this sentence opens with “{}”: was it copied from an earlier report?", report_year.value, first_text),
        ),
    );
}
