//! Code actions: each diagnostic's fix, all fixes at once, a suppression comment above the
//! line, and turning a rule off in `nianbao.toml`.

use std::ops::Range;

use crate::analysis::Analysis;
use crate::config::Locale;
use crate::diagnostic::{Diagnostic, TextEdit};
use crate::syntax::SourceFile;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionKind {
    /// The diagnostic's own fix.
    QuickFix,
    /// All non-overlapping fixes of the document (`source.fixAll.nianbao`).
    FixAll,
    /// `<!-- nianbao-disable-next-line CODE -->` above the line.
    Suppress,
    /// `CODE = "off"` under `[rules]` in `nianbao.toml`: the front end knows where the file is
    /// and builds the edit with [`rule_off_in_toml`].
    RuleOffInConfig { code: &'static str },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub title: String,
    pub kind: ActionKind,
    /// Indexes into `analysis.diagnostics` of the diagnostics the action resolves.
    pub diagnostics: Vec<usize>,
    /// Edits to the report (empty for [`ActionKind::RuleOffInConfig`]).
    pub edits: Vec<TextEdit>,
    pub preferred: bool,
}

/// Which kinds of actions a client asked for (`context.only`); everything when empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wanted {
    pub quickfix: bool,
    pub fix_all: bool,
}

impl Default for Wanted {
    fn default() -> Wanted {
        Wanted { quickfix: true, fix_all: true }
    }
}

/// The actions for the diagnostics that touch `range` (byte offsets), and the fix-all action
/// when the document has fixes.
pub fn code_actions(file: &SourceFile, analysis: &Analysis, range: Range<usize>, wanted: Wanted, locale: Locale) -> Vec<Action> {
    let mut out = Vec::new();
    if wanted.quickfix {
        for (i, d) in analysis.diagnostics.iter().enumerate() {
            let touches = d.range.start <= range.end && range.start <= d.range.end;
            if !touches {
                continue;
            }
            if let Some(fix) = &d.fix {
                out.push(Action {
                    title: fix.title.clone(),
                    kind: ActionKind::QuickFix,
                    diagnostics: vec![i],
                    edits: fix.edits.clone(),
                    preferred: true,
                });
            }
        }
        for (i, d) in analysis.diagnostics.iter().enumerate() {
            let touches = d.range.start <= range.end && range.start <= d.range.end;
            if !touches {
                continue;
            }
            out.push(Action {
                title: match locale {
                    Locale::Zh => format!("在此行忽略 {}", d.code),
                    Locale::En => format!("Suppress {} on this line", d.code),
                },
                kind: ActionKind::Suppress,
                diagnostics: vec![i],
                edits: vec![suppress_edit(file, d)],
                preferred: false,
            });
            out.push(Action {
                title: match locale {
                    Locale::Zh => format!("在 nianbao.toml 中关闭规则 {}", d.code),
                    Locale::En => format!("Turn rule {} off in nianbao.toml", d.code),
                },
                kind: ActionKind::RuleOffInConfig { code: d.code },
                diagnostics: vec![i],
                edits: Vec::new(),
                preferred: false,
            });
        }
    }
    if wanted.fix_all {
        let (edits, fixed) = fix_all(file, analysis);
        if !edits.is_empty() {
            out.push(Action {
                title: match locale {
                    Locale::Zh => format!("修复全部可自动修复的问题（{} 处）", fixed.len()),
                    Locale::En => format!("Fix all auto-fixable problems ({})", fixed.len()),
                },
                kind: ActionKind::FixAll,
                diagnostics: fixed,
                edits,
                preferred: false,
            });
        }
    }
    // Suppress/config actions repeat per code: keep one per (kind, code, line).
    let mut seen: Vec<(String, Vec<TextEdit>)> = Vec::new();
    out.retain(|a| {
        let key = (a.title.clone(), a.edits.clone());
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
    out
}

/// All fixes of the document that do not overlap an earlier one, as one list of edits, with the
/// indexes of the diagnostics they fix.
pub fn fix_all(file: &SourceFile, analysis: &Analysis) -> (Vec<TextEdit>, Vec<usize>) {
    let mut edits: Vec<TextEdit> = Vec::new();
    let mut fixed = Vec::new();
    for (i, d) in analysis.diagnostics.iter().enumerate() {
        let Some(fix) = &d.fix else { continue };
        if fix.edits.is_empty() {
            continue;
        }
        // Identical edits (two diagnostics with the same fix) are applied once.
        let new: Vec<&TextEdit> = fix.edits.iter().filter(|e| !edits.contains(e)).collect();
        let overlaps = new.iter().any(|e| {
            edits.iter().any(|x| {
                e.range.start < x.range.end && x.range.start < e.range.end
                    || (e.range.is_empty() || x.range.is_empty()) && e.range.start == x.range.start
            })
        });
        if overlaps {
            continue;
        }
        let mut candidate = edits.clone();
        candidate.extend(new.into_iter().cloned());
        if crate::diagnostic::apply_edits(file.text(), &candidate).is_none() {
            continue;
        }
        edits = candidate;
        fixed.push(i);
    }
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    (edits, fixed)
}

/// The edit that suppresses `d` with a comment on the line above it; when that line already is
/// a `nianbao-disable-next-line` comment, the code is added to it.
pub fn suppress_edit(file: &SourceFile, d: &Diagnostic) -> TextEdit {
    let text = file.text();
    let index = file.line_index();
    let line = index.line_of(d.range.start.min(text.len()));
    let mut line_start = index.line_range(line, text.len()).start;
    if line_start == 0 && text.starts_with('\u{FEFF}') {
        line_start = '\u{FEFF}'.len_utf8();
    }
    let eol = if text[line_start..].split('\n').next().is_some_and(|l| l.ends_with('\r')) { "\r\n" } else { "\n" };
    if line > 0 {
        let prev = index.line_range(line - 1, text.len());
        let prev_text = &text[prev.clone()];
        let content = prev_text.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim();
        if let Some(inner) = trimmed.strip_prefix("<!--").and_then(|s| s.strip_suffix("-->")) {
            let inner = inner.trim();
            if let Some(codes) = inner.strip_prefix("nianbao-disable-next-line") {
                let has = codes.split([',', ' ']).any(|c| c.trim() == d.code);
                let close = prev.start + content.rfind("-->").unwrap_or(content.len());
                // Insert before the spaces that precede `-->`.
                let mut at = close;
                while at > prev.start && text.as_bytes()[at - 1] == b' ' {
                    at -= 1;
                }
                if has {
                    return TextEdit { range: at..at, new_text: String::new() };
                }
                let sep = if codes.trim().is_empty() { " " } else { ", " };
                return TextEdit { range: at..at, new_text: format!("{sep}{}", d.code) };
            }
        }
    }
    TextEdit { range: line_start..line_start, new_text: format!("<!-- nianbao-disable-next-line {} -->{eol}", d.code) }
}

/// `nianbao.toml` with `code = "off"` under `[rules]`: the existing line for the code is
/// replaced, or the key added under the `[rules]` header, or a `[rules]` table appended.
/// Comments and the rest of the file are kept. Errs when the result would not be valid TOML
/// (the file was invalid already, or declares `rules` in a form this edit cannot extend).
pub fn rule_off_in_toml(existing: Option<&str>, code: &str) -> Result<String, String> {
    let existing = existing.unwrap_or("");
    let eol = if existing.contains("\r\n") { "\r\n" } else { "\n" };
    let entry = format!("{code} = \"off\"");
    let lines: Vec<&str> = existing.split_inclusive('\n').collect();
    let is_header = |l: &str| l.trim_start().starts_with('[');
    let header_name = |l: &str| -> Option<String> {
        let t = l.trim();
        let t = t.split('#').next()?.trim();
        let inner = t.strip_prefix('[')?.strip_suffix(']')?;
        Some(inner.trim().to_string())
    };
    let mut out = String::new();
    let result = if let Some(h) = lines.iter().position(|l| header_name(l).as_deref() == Some("rules")) {
        let end = lines[h + 1..].iter().position(|l| is_header(l)).map_or(lines.len(), |p| h + 1 + p);
        let key_line = (h + 1..end).find(|&i| {
            let t = lines[i].trim_start();
            let key = t.split('=').next().unwrap_or("").trim().trim_matches('"');
            t.contains('=') && key == code
        });
        for (i, l) in lines.iter().enumerate() {
            if Some(i) == key_line {
                out.push_str(&entry);
                out.push_str(if l.ends_with("\r\n") { "\r\n" } else if l.ends_with('\n') { "\n" } else { "" });
                continue;
            }
            out.push_str(l);
            if i == h && key_line.is_none() {
                if !l.ends_with('\n') {
                    out.push_str(eol);
                }
                out.push_str(&entry);
                out.push_str(eol);
            }
        }
        out
    } else {
        out.push_str(existing);
        if !existing.is_empty() {
            if !existing.ends_with('\n') {
                out.push_str(eol);
            }
            out.push_str(eol);
        }
        out.push_str("[rules]");
        out.push_str(eol);
        out.push_str(&entry);
        out.push_str(eol);
        out
    };
    match toml::from_str::<toml::Table>(&result) {
        Ok(table) => {
            let off = table.get("rules").and_then(|r| r.get(code)).and_then(|v| v.as_str()) == Some("off");
            if off { Ok(result) } else { Err(format!("nianbao.toml: could not set rules.{code}")) }
        }
        Err(e) => Err(format!("nianbao.toml: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Fix;
    use crate::knowledge::Severity;

    fn diag(code: &'static str, range: Range<usize>, fix: Option<Fix>) -> Diagnostic {
        Diagnostic::new(code, Severity::Warning, range, "m".into()).with_fix(fix)
    }

    #[test]
    fn suppression_comment_above_the_line() {
        let text = "一、总体情况\n2022年，我局……\n";
        let f = SourceFile::parse(text);
        let start = text.find("2022").unwrap();
        let e = suppress_edit(&f, &diag("stale-year", start..start + 4, None));
        let out = crate::diagnostic::apply_edits(text, &[e]).unwrap();
        assert_eq!(out, "一、总体情况\n<!-- nianbao-disable-next-line stale-year -->\n2022年，我局……\n");
        // A second code joins the existing comment.
        let f = SourceFile::parse(out.clone());
        let start = out.find("2022").unwrap();
        let e = suppress_edit(&f, &diag("narrative-sum", start..start + 4, None));
        let out2 = crate::diagnostic::apply_edits(&out, &[e]).unwrap();
        assert_eq!(out2, "一、总体情况\n<!-- nianbao-disable-next-line stale-year, narrative-sum -->\n2022年，我局……\n");
        // CRLF is kept.
        let text = "a\r\nb\r\n";
        let f = SourceFile::parse(text);
        let e = suppress_edit(&f, &diag("stale-year", 3..4, None));
        assert_eq!(crate::diagnostic::apply_edits(text, &[e]).unwrap(), "a\r\n<!-- nianbao-disable-next-line stale-year -->\r\nb\r\n");
    }

    #[test]
    fn toml_rule_off() {
        assert_eq!(rule_off_in_toml(None, "stale-year").unwrap(), "[rules]\nstale-year = \"off\"\n");
        assert_eq!(
            rule_off_in_toml(Some("locale = \"en\""), "stale-year").unwrap(),
            "locale = \"en\"\n\n[rules]\nstale-year = \"off\"\n"
        );
        assert_eq!(
            rule_off_in_toml(Some("# c\n[rules]\nsection-title = \"warning\"\n[other]\nx = 1\n"), "stale-year").unwrap(),
            "# c\n[rules]\nstale-year = \"off\"\nsection-title = \"warning\"\n[other]\nx = 1\n"
        );
        assert_eq!(
            rule_off_in_toml(Some("[rules]\nstale-year = \"error\" # loud\n"), "stale-year").unwrap(),
            "[rules]\nstale-year = \"off\"\n"
        );
        assert!(rule_off_in_toml(Some("rules = {a = 1}\n"), "stale-year").is_err());
    }

    #[test]
    fn fix_all_skips_overlaps() {
        let text = "abcdef";
        let f = SourceFile::parse(text);
        let fix = |r: Range<usize>, t: &str| Some(Fix { title: "f".into(), edits: vec![TextEdit { range: r, new_text: t.into() }] });
        let analysis = Analysis {
            report: crate::model::Report::build(&f),
            diagnostics: vec![diag("a", 0..2, fix(0..2, "X")), diag("b", 1..3, fix(1..3, "Y")), diag("c", 4..5, fix(4..5, "Z"))],
            computations: vec![],
            previous: None,
            prose_memo: Default::default(),
        };
        let (edits, fixed) = fix_all(&f, &analysis);
        assert_eq!(fixed, vec![0, 2]);
        assert_eq!(crate::diagnostic::apply_edits(text, &edits).unwrap(), "XcdZf");
    }
}

#[cfg(test)]
mod fixture_tests {
    use super::*;
    use crate::config::Config;

    /// On every fixture, each finding's "suppress on this line" edit makes exactly that finding
    /// go away (and leaves no unused suppression), and "fix all" leaves no fixable finding.
    #[test]
    fn suppress_and_fix_all_on_fixtures() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let config = Config { today: crate::date::Date::new(2026, 11, 30), ..Config::default() };
        let mut failures = Vec::new();
        let mut paths: Vec<std::path::PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.push(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/sample-report.txt").into());
        for path in paths {
            if path.extension().is_none_or(|x| x != "txt") {
                continue;
            }
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let text = std::fs::read_to_string(&path).unwrap();
            let file = SourceFile::parse(text.clone());
            let analysis = crate::analysis::analyze(&file, &config);
            let key = |d: &Diagnostic| (d.code, d.message.clone());
            let unused_count = |a: &Analysis| a.diagnostics.iter().filter(|x| x.code == "unused-suppression").count();
            let unused_before = unused_count(&analysis);
            for d in &analysis.diagnostics {
                if d.code == "unused-suppression" || d.code == "not-a-report" {
                    continue;
                }
                let edit = suppress_edit(&file, d);
                let out = crate::diagnostic::apply_edits(&text, &[edit]).unwrap();
                let after = crate::analysis::analyze(&SourceFile::parse(out), &config);
                let still = after.diagnostics.iter().any(|x| key(x) == key(d));
                let unused = unused_count(&after) > unused_before;
                if still || unused {
                    failures.push(format!("{name}: suppressing {} (still: {still}, unused: {unused})", d.code));
                }
            }
            let (edits, fixed) = fix_all(&file, &analysis);
            if !edits.is_empty() {
                let out = crate::diagnostic::apply_edits(&text, &edits).unwrap();
                let after = crate::analysis::analyze(&SourceFile::parse(out), &config);
                for i in fixed {
                    let d = &analysis.diagnostics[i];
                    if after.diagnostics.iter().any(|x| x.code == d.code && x.fix.is_some() && x.message == d.message) {
                        failures.push(format!("{name}: fix all left {} ({})", d.code, d.message));
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
