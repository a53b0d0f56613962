//! Hover: what the thing under the cursor means and where the rule comes from — the exact
//! text of a clause of the Regulation, a cited document, what a section must contain, what a
//! table row or column counts, how a total was computed, and why a diagnostic was raised.
//! Markdown, in the configured locale.

use std::ops::Range;

use super::{ancestors, enclosing_section, heading_title, layout_of, named_node_at, report_year, table_kind_of};
use crate::analysis::Analysis;
use crate::config::Locale;
use crate::knowledge::{self, ClauseRef, Layout, SectionKind, TableKind, TableTemplate};
use crate::syntax::NodeExt as _;
use crate::syntax::{Inline, InlineKind, Node, SourceFile};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoverResult {
    /// The byte range the hover is about.
    pub range: Range<usize>,
    pub markdown: String,
}

/// The hover at byte `offset`, or `None` when there is nothing to say.
/// Without an analysis (the checker failed), only the syntax-based hovers are given.
pub fn hover(file: &SourceFile, analysis: Option<&Analysis>, offset: usize, locale: Locale) -> Option<HoverResult> {
    let mut parts: Vec<String> = Vec::new();
    let mut range: Option<Range<usize>> = None;
    let widen = |r: &Range<usize>, range: &mut Option<Range<usize>>| {
        // Report the innermost range the hover is about.
        match range {
            Some(cur) if cur.len() <= r.len() => {}
            _ => *range = Some(r.clone()),
        }
    };

    let diagnostics = analysis.map_or(&[][..], |a| &a.diagnostics[..]);
    for d in diagnostics.iter().filter(|d| d.range.start <= offset && offset <= d.range.end) {
        parts.push(diagnostic_markdown(d, locale));
        widen(&d.range, &mut range);
    }
    if let Some(c) = analysis.and_then(|a| a.computation_at(offset)) {
        parts.push(c.explanation());
        widen(&c.range, &mut range);
    }
    if let Some((r, md)) = node_hover(file, offset, locale) {
        parts.push(md);
        widen(&r, &mut range);
    }
    if parts.is_empty() {
        return None;
    }
    Some(HoverResult { range: range.unwrap_or(offset..offset), markdown: parts.join("\n\n---\n\n") })
}

/// Why a diagnostic was raised: its message, the rule's explanation and its basis.
pub fn diagnostic_markdown(d: &crate::diagnostic::Diagnostic, locale: Locale) -> String {
    let mut s = String::new();
    match knowledge::rule(d.code) {
        Some(rule) => {
            s.push_str(&format!(
                "**{}** `{}` · {}\n\n{}\n\n{}",
                locale.pick(rule.title_zh, rule.title_en),
                d.code,
                severity_label(d.severity, locale),
                d.message,
                locale.pick(rule.explanation_zh, rule.explanation_en)
            ));
            s.push_str(&format!("\n\n**{}** {}", locale.pick("依据：", "Basis:"), rule.basis.citation()));
            if let Some(q) = rule.basis.quote() {
                s.push_str("\n\n");
                s.push_str(&blockquote(&q.text));
                s.push_str(&format!("\n\n*{}{}*", locale.pick("来源：", "Source: "), q.source));
                if q.summary {
                    s.push_str(locale.pick("（要点概述，非原文）", " (a summary, not a quotation)"));
                }
                if let Some(note) = q.note {
                    s.push_str(&format!("\n\n{}{}", locale.pick("注：", "Note: "), note));
                }
            }
        }
        None => s.push_str(&format!("`{}`: {}", d.code, d.message)),
    }
    s
}

fn severity_label(s: knowledge::Severity, locale: Locale) -> &'static str {
    match locale {
        Locale::Zh => s.label_zh(),
        Locale::En => s.as_str(),
    }
}

fn blockquote(text: &str) -> String {
    text.lines().map(|l| format!("> {l}")).collect::<Vec<_>>().join("\n>\n")
}

/// Hover from the syntax under the cursor.
fn node_hover(file: &SourceFile, offset: usize, locale: Locale) -> Option<(Range<usize>, String)> {
    if let Some(token) = file.inline_at(offset) {
        match token.kind {
            InlineKind::ClauseRef => return clause_hover(file, &token, locale),
            InlineKind::DocNumber | InlineKind::BookTitle => {
                if let Some(h) = citation_hover(file, &token, offset, locale) {
                    return Some(h);
                }
            }
            _ => {}
        }
    }
    let node = named_node_at(file, offset)?;
    for n in ancestors(node) {
        match n.kind_name() {
            "section_heading" => return section_hover(file, n, locale),
            "title" => return title_hover(file, n, locale),
            "table" | "pipe_table" => return cell_hover(file, n, offset, locale),
            _ => {}
        }
    }
    None
}

/// The work a clause reference belongs to: the last `《…》` before it in the same sentence.
/// `None` means no title precedes it (in a report, the Regulation is meant).
fn cited_work<'a>(file: &'a SourceFile, token: &Inline) -> Option<&'a str> {
    let text = file.text();
    let line_start = text[..token.range.start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..token.range.start];
    let sentence = before.rsplit(['。', '；', '\t', '|']).next().unwrap_or(before);
    let open = sentence.rfind('《')?;
    let close = sentence[open..].find('》')? + open;
    // Only a title right before the reference (`《条例》第二十条`), or with a short gap
    // (`《条例》（国令第711号）第二十条`), names the work.
    let gap = &sentence[close + '》'.len_utf8()..];
    if gap.chars().count() > 20 {
        return None;
    }
    Some(&sentence[open..close + '》'.len_utf8()])
}

fn is_regulation_title(title: &str) -> bool {
    title.contains("政府信息公开条例") || title == "《条例》"
}

fn clause_hover(file: &SourceFile, token: &Inline, locale: Locale) -> Option<(Range<usize>, String)> {
    let text = &file.text()[token.range.clone()];
    let range = token.range.clone();
    if let Some(work) = cited_work(file, token)
        && !is_regulation_title(work)
    {
        return Some((
            range,
            format!(
                "{}{}{}",
                locale.pick("引用的是", "A clause of "),
                work,
                locale.pick("的条款；本工具只收录《中华人民共和国政府信息公开条例》的条文。", ", which the checker has no text of (it knows the Regulation on Government Information Disclosure)."),
            ),
        ));
    }
    let r = ClauseRef::parse(text)?;
    Some((range, clause_markdown(r, locale)))
}

/// A clause of the Regulation: citation, exact text, source.
pub fn clause_markdown(r: ClauseRef, locale: Locale) -> String {
    match r.resolve() {
        Some(c) => {
            let mut s = format!("**{}**\n\n{}\n\n*{}{}*", c.citation, blockquote(&c.text), locale.pick("来源：", "Source: "), c.source);
            if let Some(note) = c.note {
                s.push_str(&format!("\n\n{}{}", locale.pick("注：", "Note: "), note));
            }
            s
        }
        None => format!(
            "{}{}{}",
            knowledge::regulation().quoted_title(),
            locale.pick("没有", " has no "),
            r
        ),
    }
}

fn citation_hover(file: &SourceFile, token: &Inline, offset: usize, locale: Locale) -> Option<(Range<usize>, String)> {
    // Scan the line: the grammar's doc_number covers `〔2021〕30号`, the issuer (`国办公开办函`)
    // precedes it as text.
    let text = file.text();
    let line_start = text[..token.range.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[token.range.end..].find('\n').map_or(text.len(), |i| token.range.end + i);
    let line = &text[line_start..line_end];
    let found = knowledge::scan_citations(line).into_iter().find(|m| {
        let r = line_start + m.range.start..line_start + m.range.end;
        r.start <= offset && offset <= r.end && r.start < token.range.end && token.range.start < r.end
    });
    if let Some(m) = found {
        let doc = m.document;
        let mut md = locale.pick(&doc.hover_zh, &doc.hover_en).to_string();
        let year = report_year(file);
        if doc.is_superseded_for(year) {
            let note = locale.pick(&doc.note_zh, &doc.note_en);
            if !note.is_empty() {
                md.push_str(&format!("\n\n⚠ {note}"));
            }
            if let Some(rep) = doc.replacement {
                md.push_str(&format!("\n\n{}{}", locale.pick("应改为：", "Cite instead: "), rep));
            }
        }
        if m.nonstandard_brackets {
            md.push_str(locale.pick(
                "\n\n发文字号的年份应使用六角括号〔〕（GB/T 9704—2012）。",
                "\n\nThe year of a document number goes in six-sided brackets 〔〕 (GB/T 9704—2012).",
            ));
        }
        return Some((line_start + m.range.start..line_start + m.range.end, md));
    }
    if token.kind == InlineKind::DocNumber {
        // A document the checker does not know: show the number as read, with the issuer.
        let number = &file.text()[token.range.clone()];
        let before = &text[line_start..token.range.start];
        let issuer: String = before
            .chars()
            .rev()
            .take_while(|c| !c.is_whitespace() && !"（(【[《》）)，,。；、：:“”\"".contains(*c))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let start = token.range.start - issuer.len();
        let mut md = format!(
            "**{issuer}{}** — {}",
            number.split_whitespace().collect::<String>(),
            locale.pick("发文字号（本工具的数据未收录此文件）", "a document number (not in the checker's data)")
        );
        let brackets_ok = number.trim_start().starts_with('〔') || !number.trim_start().starts_with(['[', '【', '(', '（']);
        if !brackets_ok {
            md.push_str(locale.pick(
                "\n\n发文字号的年份应使用六角括号〔〕（GB/T 9704—2012）。",
                "\n\nThe year of a document number goes in six-sided brackets 〔〕 (GB/T 9704—2012).",
            ));
        }
        return Some((start..token.range.end, md));
    }
    if token.kind == InlineKind::BookTitle {
        let title = &file.text()[token.range.clone()];
        if is_regulation_title(title) {
            let reg = knowledge::regulation();
            return Some((
                token.range.clone(),
                format!(
                    "**{}** — {}\n\n{}{}",
                    reg.quoted_title(),
                    reg.order_number(),
                    locale.pick("现行版本：", "In force: "),
                    reg.source_line()
                ),
            ));
        }
    }
    None
}

fn section_hover(file: &SourceFile, heading: Node<'_>, locale: Locale) -> Option<(Range<usize>, String)> {
    let layout = layout_of(file);
    let section = enclosing_section(file, heading)?;
    let template = section.number.and_then(|n| layout.section(n))?;
    let title = heading_title(file, heading);
    let mut s = format!(
        "**{}**\n\n{}",
        template.full_heading,
        match locale {
            Locale::Zh => format!("年度报告的第{}部分（共六部分），格式依据{}。", template.numeral, layout.document_number()),
            Locale::En => format!("Part {} of the six parts of the annual report, per {}.", template.number, layout.document_number()),
        }
    );
    if template.match_label(title).is_none() {
        s.push_str(&format!("\n\n{}{}", locale.pick("统一格式的标题为：", "The format's heading is: "), template.full_heading));
    }
    s.push_str("\n\n");
    s.push_str(&section_contents(layout, template.number, template.kind, locale));
    if let Some(basis) = template.basis {
        s.push_str(&format!("\n\n**{}**\n\n{}", locale.pick("依据", "Basis"), clause_markdown(basis, locale)));
    }
    Some((super::trimmed_range(file, heading), s))
}

/// What a section must contain.
fn section_contents(layout: Layout, number: u32, kind: SectionKind, locale: Locale) -> String {
    match kind {
        SectionKind::Table(k) => {
            let t = layout.table(k);
            let mut s = format!("{}{}", locale.pick("本部分为", "This part is "), k.name_zh());
            match k {
                TableKind::Proactive => {
                    s.push_str(locale.pick("，按条例第二十条各项分块：", ", in blocks by item of Article 20:"));
                    for b in &t.blocks {
                        let rows: Vec<&str> = b.rows.iter().filter_map(|r| t.row(r)).map(|r| r.label.as_str()).collect();
                        let cols: Vec<&str> = b.columns.iter().filter_map(|c| t.column(c)).map(|c| c.label.as_str()).collect();
                        s.push_str(&format!("\n- {}：{}（{}）", b.caption, rows.join("、"), cols.join("、")));
                    }
                }
                TableKind::Requests => {
                    let cols: Vec<&str> = t.columns.iter().map(|c| c.label.as_str()).collect();
                    s.push_str(&format!(
                        "{}{}",
                        locale.pick("，列：", "; columns: "),
                        cols.join("、")
                    ));
                    let top: Vec<&str> = t.rows.iter().filter(|r| r.level == 0).map(|r| r.label.as_str()).collect();
                    s.push_str(&format!("{}{}", locale.pick("；行：", "; rows: "), top.join("、")));
                    if let Some(b) = &t.balance {
                        s.push_str(&format!("\n\n{}{}", locale.pick("勾稽关系：", "Balance: "), b.text));
                    }
                }
                TableKind::Review => {
                    let groups: Vec<&str> = t.column_groups.iter().filter(|g| g.parent.is_none()).map(|g| g.label.as_str()).collect();
                    s.push_str(&format!("{}{}", locale.pick("，列组：", "; column groups: "), groups.join("、")));
                    s.push_str(locale.pick(
                        "；每组为结果维持、结果纠正、其他结果、尚未审结、总计。",
                        "; each group: upheld, corrected, other result, pending, total.",
                    ));
                }
            }
            s
        }
        SectionKind::Text => match number {
            1 => locale
                .pick(
                    "文字部分：概述本年度政府信息公开工作，通常分为（一）主动公开、（二）依申请公开、（三）政府信息管理、（四）平台建设、（五）监督保障。",
                    "Prose: an overview of the year's work, usually in subsections on proactive disclosure, requests, information management, platforms and oversight.",
                )
                .to_string(),
            5 => locale
                .pick("文字部分：本年度工作存在的主要问题及改进情况。", "Prose: the main problems of the year's work and how they are being addressed.")
                .to_string(),
            6 => locale
                .pick(
                    "文字部分：其他需要报告的事项，包括依据条例第四十二条收取信息处理费的情况。",
                    "Prose: other matters, including fees charged under Article 42 of the Regulation.",
                )
                .to_string(),
            _ => String::new(),
        },
    }
}

fn title_hover(file: &SourceFile, title: Node<'_>, locale: Locale) -> Option<(Range<usize>, String)> {
    let text = file.node_text(title);
    if !text.contains("年度报告") {
        return None;
    }
    let year = report_year(file)?;
    let layout = Layout::for_report_year(year);
    let mut s = match locale {
        Locale::Zh => format!(
            "**{year}年度**政府信息公开工作年度报告\n\n- 适用格式：{}（{}）\n- 统计期限：{year}年1月1日至{year}年12月31日",
            layout.document_number(),
            layout.format_title()
        ),
        Locale::En => format!(
            "Annual report on **{year}**\n\n- Format: {} ({})\n- Statistics period: {year}-01-01 to {year}-12-31",
            layout.document_number(),
            layout.format_title()
        ),
    };
    for d in knowledge::DEADLINES.iter() {
        let (y, m, dd) = d.date_for(year);
        s.push_str(&match locale {
            Locale::Zh => format!("\n- {}：{y}年{m}月{dd}日前（{}）", d.who_zh, d.clause),
            Locale::En => format!("\n- {}: by {y}-{m:02}-{dd:02} ({})", d.who_en, d.clause),
        });
    }
    Some((super::trimmed_range(file, title), s))
}

/// Hover on the label cell of `table` under `offset`.
fn cell_hover(file: &SourceFile, table: Node<'_>, offset: usize, locale: Locale) -> Option<(Range<usize>, String)> {
    let kind = table_kind_of(file, table)?;
    let layout = layout_of(file);
    let template = layout.table(kind);
    let cells = file.row_cells(&file.row_at(table, offset)?);
    let range = cells.iter().find(|c| !c.is_empty() && c.start <= offset && offset <= c.end)?.clone();
    let label = &file.text()[range.clone()];
    if crate::text::parse_count(label).is_some() {
        return None;
    }
    // Table 二's captions are clause references: `第二十条第（一）项`.
    if let Some(r) = ClauseRef::parse(label) {
        return Some((range, clause_markdown(r, locale)));
    }
    // The cells of a data row after its label are values; a label is a row label when the row
    // carries numbers, a column label otherwise.
    let has_numbers = cells.iter().any(|c| crate::text::parse_count(&file.text()[c.clone()]).is_some());
    let row_md = template.find_row(label).map(|(r, _)| row_markdown(template, r, locale));
    let col_md = column_markdown(template, label, locale);
    let md = if has_numbers { row_md.or(col_md) } else { col_md.or(row_md) };
    if let Some(md) = md {
        return Some((range, md));
    }
    if let Some(b) = &template.balance
        && (label.contains("勾稽") || crate::text::normalize_label(label).contains(&crate::text::normalize_label(&b.text)))
    {
        return Some((range, format!("**{}**\n\n{}", locale.pick("勾稽关系", "Balance rule"), b.text)));
    }
    None
}

fn row_markdown(t: &TableTemplate, r: &knowledge::RowTemplate, locale: Locale) -> String {
    let mut path = vec![r.label.as_str()];
    let mut parent = r.parent.as_deref();
    while let Some(p) = parent.and_then(|id| t.row(id)) {
        path.push(p.label.as_str());
        parent = p.parent.as_deref();
    }
    path.reverse();
    let mut s = format!("**{}** · {}{}", path.join(" › "), t.kind.name_zh(), locale.pick("的行", " row"));
    if r.is_total {
        let children: Vec<String> = t
            .row_sums
            .iter()
            .filter(|sum| sum.total == r.id)
            .flat_map(|sum| sum.addends.iter().filter_map(|a| t.row(a)).map(|a| a.label.clone()))
            .collect();
        if !children.is_empty() {
            s.push_str(&format!("\n\n{}{}", locale.pick("等于以下各行之和：", "The sum of: "), children.join("、")));
        }
    } else if r.is_group {
        let children: Vec<&str> = t.children(&r.id).map(|c| c.label.as_str()).collect();
        s.push_str(&format!("\n\n{}{}", locale.pick("包括：", "Comprises: "), children.join("、")));
    }
    if let Some(b) = &t.balance {
        let side = if b.lhs.contains(&r.id) {
            Some(locale.pick("勾稽关系左边", "left side of the balance"))
        } else if b.rhs.contains(&r.id) {
            Some(locale.pick("勾稽关系右边", "right side of the balance"))
        } else {
            None
        };
        if let Some(side) = side {
            s.push_str(&format!("\n\n{side}：{}", b.text));
        }
    }
    if let Some(block) = r.block.as_deref().and_then(|b| t.block(b)) {
        let cols: Vec<&str> = block.columns.iter().filter_map(|c| t.column(c)).map(|c| c.label.as_str()).collect();
        s.push_str(&format!("\n\n{}{}", locale.pick("填报：", "Columns: "), cols.join("、")));
        s.push_str(&format!("\n\n{}", clause_markdown(block.clause, locale)));
    }
    for rc in &r.related {
        let conf = match rc.confidence {
            knowledge::Confidence::High => "",
            knowledge::Confidence::Medium => locale.pick("（推断）", " (inferred)"),
            knowledge::Confidence::Low => locale.pick("（推断，把握较小）", " (inferred, uncertain)"),
        };
        s.push_str(&format!("\n\n**{}**{conf}\n\n{}", locale.pick("相关条款", "Related clause"), clause_markdown(rc.clause, locale)));
        if let Some(why) = &rc.why {
            s.push_str(&format!("\n\n{}{why}", locale.pick("对应：", "Matches: ")));
        }
    }
    s
}

/// `行政诉讼 › 复议后起诉`.
fn group_path(t: &TableTemplate, g: &knowledge::ColumnGroupTemplate) -> String {
    let mut path = vec![g.label.as_str()];
    let mut parent = g.parent.as_deref();
    while let Some(p) = parent.and_then(|id| t.column_group(id)) {
        path.push(p.label.as_str());
        parent = p.parent.as_deref();
    }
    path.reverse();
    path.join(" › ")
}

fn column_markdown(t: &TableTemplate, label: &str, locale: Locale) -> Option<String> {
    if let Some((c, _)) = t.find_column(label) {
        let mut s = format!("**{}** · {}{}", c.label, t.kind.name_zh(), locale.pick("的列", " column"));
        let same_label = t.find_columns(label);
        if same_label.len() > 1 {
            // Table 四 repeats its five columns under each group.
            let groups: Vec<String> = same_label
                .iter()
                .filter_map(|c| c.group.as_deref().and_then(|g| t.column_group(g)))
                .map(|g| group_path(t, g))
                .collect();
            s.push_str(&format!("\n\n{}{}", locale.pick("每组都有此列：", "A column of each group: "), groups.join("、")));
        } else if let Some(g) = c.group.as_deref().and_then(|g| t.column_group(g)) {
            s.push_str(&format!("\n\n{}{}", locale.pick("属于：", "Under: "), group_path(t, g)));
        }
        match c.value {
            knowledge::ValueKind::Count => s.push_str(locale.pick("\n\n填写非负整数（件数）。", "\n\nA non-negative whole number.")),
            knowledge::ValueKind::SignedCount => s.push_str(locale.pick("\n\n整数，可以为负。", "\n\nA whole number, may be negative.")),
            knowledge::ValueKind::Amount { unit } => {
                s.push_str(locale.pick("\n\n金额，可有小数", "\n\nAn amount, decimals allowed"));
                if let Some(u) = unit {
                    s.push_str(&format!("（{u}）"));
                }
                s.push_str(locale.pick("。", "."));
            }
        }
        for sum in t.column_sums.iter().filter(|sum| sum.total == c.id) {
            let parts: Vec<&str> = sum.addends.iter().filter_map(|a| t.column(a)).map(|a| a.label.as_str()).collect();
            s.push_str(&format!("\n\n{} = {}", c.label, parts.join(" + ")));
        }
        return Some(s);
    }
    let (g, _) = t.find_column_group(label)?;
    let cols: Vec<&str> = t.columns.iter().filter(|c| c.group.as_deref() == Some(g.id.as_str())).map(|c| c.label.as_str()).collect();
    Some(format!("**{}** · {}{}\n\n{}", g.label, t.kind.name_zh(), locale.pick("的列组", " column group"), cols.join("、")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn hover_at(text: &str, needle: &str, locale: Locale) -> Option<HoverResult> {
        let f = SourceFile::parse(text);
        let a = crate::analysis::analyze(&f, &Config::default());
        let at = text.find(needle).unwrap() + needle.len() / 2;
        hover(&f, Some(&a), at, locale)
    }

    #[test]
    fn clause_reference_shows_the_regulation_text() {
        let h = hover_at("一、总体情况\n依据第二十条第（一）项公开。\n", "第二十条", Locale::Zh).unwrap();
        assert!(h.markdown.contains("（一）行政法规、规章和规范性文件；"), "{}", h.markdown);
        assert!(h.markdown.contains("国务院令第711号"), "{}", h.markdown);
        let h = hover_at("一、总体情况\n依据第三十六条处理。\n", "第三十六条", Locale::En).unwrap();
        assert!(h.markdown.contains("第三十六条"), "{}", h.markdown);
        assert!(h.markdown.contains("Source"), "{}", h.markdown);
    }

    #[test]
    fn clause_ref_at_line_start_in_a_table() {
        let text = "2024年政府信息公开工作年度报告\n\n二、主动公开政府信息情况\n\n第二十条第（一）项\t\t\t\n信息内容\t本年制发件数\n规章\t0\n第二十条第（五）项\t\t\t\n行政许可\t0\n";
        for needle in ["第二十条第（一）项", "第二十条第（五）项"] {
            let f = SourceFile::parse(text);
            let a = crate::analysis::analyze(&f, &Config::default());
            let at = text.find(needle).unwrap();
            let h = hover(&f, Some(&a), at, Locale::Zh).expect(needle);
            assert!(h.markdown.contains("第二十条"), "{}", h.markdown);
            assert_eq!(&text[h.range.clone()], needle);
        }
    }

    #[test]
    fn clause_of_another_work_is_not_the_regulation() {
        let h = hover_at("一、总体情况\n依据《某某办法》第二十条处理。\n", "第二十条", Locale::Zh).unwrap();
        assert!(h.markdown.contains("《某某办法》"), "{}", h.markdown);
        assert!(!h.markdown.contains("行政法规、规章"), "{}", h.markdown);
    }

    #[test]
    fn citation_with_issuer() {
        let text = "一、总体情况\n依据（国办公开办函〔2021〕30号）编制，不再依据国办公开办函〔2019〕60号。\n";
        let h = hover_at(text, "〔2021〕30号", Locale::Zh).unwrap();
        assert!(h.markdown.contains("国办公开办函〔2021〕30号"), "{}", h.markdown);
        assert_eq!(&text[h.range.clone()], "国办公开办函〔2021〕30号");
        let h = hover_at("一、总体情况\n依据条例（国令第711号）。\n", "国令第711号", Locale::Zh).unwrap();
        assert!(h.markdown.contains("711"), "{}", h.markdown);
        let text = "一、总体情况\n依据（川办便函[2022]318号）。\n";
        let h = hover_at(text, "[2022]", Locale::Zh).unwrap();
        assert!(h.markdown.contains("**川办便函[2022]318号**"), "{}", h.markdown);
        assert!(h.markdown.contains("六角括号"), "{}", h.markdown);
    }

    #[test]
    fn section_heading_and_row_label() {
        let text = "2023年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\t自然人\t总计\n二、上年结转政府信息公开申请数量\t0\t0\n";
        let h = hover_at(text, "收到和处理", Locale::Zh).unwrap();
        assert!(h.markdown.contains("表三"), "{}", h.markdown);
        let h = hover_at(text, "上年结转", Locale::Zh).unwrap();
        assert!(h.markdown.contains("上年结转"), "{}", h.markdown);
        let h = hover_at(text, "自然人", Locale::Zh).unwrap();
        assert!(h.markdown.contains("自然人"), "{}", h.markdown);
    }
}
