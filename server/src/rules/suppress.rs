//! Suppression comments: `<!-- nianbao-disable-next-line CODE -->`, `<!-- nianbao-disable-line
//! CODE -->`, `<!-- nianbao-disable CODE -->` … `<!-- nianbao-enable CODE -->`. A comment
//! without codes applies to every rule. A suppression that suppresses nothing is a hint.

use std::ops::Range;

use super::Ctx;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::knowledge;
use crate::model::SuppressionKind;

struct Scope {
    /// Index into report.suppressions.
    comment: usize,
    codes: Vec<String>,
    range: Range<usize>,
    used: bool,
}

pub fn apply(ctx: &Ctx<'_>, diagnostics: &mut Vec<Diagnostic>, config: &Config) {
    let suppressions = &ctx.report.suppressions;
    if suppressions.is_empty() {
        return;
    }
    let mut scopes: Vec<Scope> = Vec::new();
    for (i, s) in suppressions.iter().enumerate() {
        let codes: Vec<String> = s.codes.iter().map(|c| c.value.clone()).collect();
        match s.directive {
            SuppressionKind::NextLine | SuppressionKind::Line => {
                scopes.push(Scope { comment: i, codes, range: s.scope.clone(), used: false })
            }
            SuppressionKind::Disable => {
                // Until the first later `enable` naming the same codes (or any enable when
                // the disable names none).
                let end = suppressions[i + 1..]
                    .iter()
                    .filter(|e| e.directive == SuppressionKind::Enable)
                    .find(|e| codes.is_empty() || e.codes.is_empty() || e.codes.iter().any(|c| codes.contains(&c.value)))
                    .map_or(ctx.text().len(), |e| e.range.start);
                scopes.push(Scope { comment: i, codes, range: s.scope.start..end, used: false });
            }
            SuppressionKind::Enable => {}
        }
    }
    diagnostics.retain(|d| {
        let mut suppressed = false;
        for scope in scopes.iter_mut() {
            let applies = scope.codes.is_empty() || scope.codes.iter().any(|c| c == d.code);
            let inside = d.range.start >= scope.range.start && d.range.start <= scope.range.end;
            if applies && inside {
                scope.used = true;
                suppressed = true;
            }
        }
        !suppressed
    });
    let Some(severity) = config.severity("unused-suppression", knowledge::rule("unused-suppression").map_or(knowledge::Severity::Hint, |r| r.default_severity)) else {
        return;
    };
    for scope in scopes.iter().filter(|s| !s.used) {
        let comment = &suppressions[scope.comment];
        let unknown: Vec<&str> = scope.codes.iter().map(String::as_str).filter(|c| knowledge::rule(c).is_none()).collect();
        let message = if unknown.is_empty() {
            msg!(ctx, "此抑制注释没有抑制任何诊断，可以删除。".into(), "This suppression comment suppresses nothing and can be removed.".into())
        } else {
            msg!(ctx, format!("此抑制注释没有抑制任何诊断（未知的规则代码：{}）。", unknown.join("、")), format!("This suppression comment suppresses nothing (unknown rule codes: {}).", unknown.join(", ")))
        };
        let mut d = Diagnostic::new("unused-suppression", severity, comment.range.clone(), message);
        // Removing the whole line, its line break included.
        let text = ctx.text();
        let end = if text[comment.range.end..].starts_with("\r\n") { comment.range.end + 2 } else if text[comment.range.end..].starts_with('\n') { comment.range.end + 1 } else { comment.range.end };
        d.fix = Some(crate::diagnostic::Fix {
            title: msg!(ctx, "删除此注释".into(), "Remove this comment".into()),
            edits: vec![super::edit(comment.range.start..end, "")],
        });
        diagnostics.push(d);
    }
}
