//! Citations: superseded documents, and document numbers with the wrong year brackets.

use super::{edit, Ctx, DiagnosticExt, Sink};
use crate::knowledge;

pub fn check(ctx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let year = ctx.report.year.as_ref().map(|y| y.value);
    for citation in &ctx.report.citations {
        if let Some(document) = knowledge::identify(&citation.text)
            && document.is_superseded_for(year)
        {
            let note = ctx.locale().pick(&document.note_zh, &document.note_en).to_owned();
            if let Some(d) = sink.report(
                "superseded-citation",
                citation.range.clone(),
                msg!(ctx, format!("引用了已废止的“{}”：{note}", citation.text), format!("Cites the superseded “{}”: {note}", citation.text)),
            ) && let Some(replacement) = document.replacement
            {
                d.fix(msg!(ctx, format!("改为“{replacement}”"), format!("Cite “{replacement}”")), vec![edit(citation.range.clone(), replacement)]);
            }
        }
        let Some((open, close)) = &citation.brackets else { continue };
        if citation.issuer.is_empty() || (open.value == '〔' && close.value == '〕') {
            continue;
        }
        let written = format!("{}{}", open.value, close.value);
        if let Some(d) = sink.report(
            "doc-number-brackets",
            open.range.start..close.range.end,
            msg!(ctx,
                format!("公文发文字号的年份应使用六角括号“〔〕”（GB/T 9704），此处为“{written}”。"),
                format!("The year in a document number takes the hexagonal brackets “〔〕” (GB/T 9704); found “{written}”."),
            ),
        ) {
            d.fix(
                msg!(ctx, "改用“〔〕”".into(), "Use “〔〕”".into()),
                vec![edit(open.range.clone(), "〔"), edit(close.range.clone(), "〕")],
            );
        }
    }
}
