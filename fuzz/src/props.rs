//! The properties the fuzz targets check, one function per target. Shared with
//! `tests/reliability.rs` and `tests/lsp.rs` (as a module, by path), which replays every input kept in
//! `tests/regressions/` through them in `cargo test` — so a crash found by fuzzing stays fixed
//! without libFuzzer in CI. A property that does not hold panics.

#![allow(dead_code)]

use std::ops::Range;

use nianbao::analysis::{Analysis, analyze};
use nianbao::config::{Config, Locale};
use nianbao::diagnostic::{TextEdit, apply_edits};
use nianbao::ide;
use nianbao::syntax::{LineIndex, PositionEncoding, SourceFile, to_sexp};

/// The configuration the targets check with (a fixed "today": deterministic).
pub fn config() -> Config {
    Config { today: nianbao::date::Date::new(2026, 11, 30), ..Default::default() }
}

/// The text of arbitrary bytes: as the CLI decodes a file (UTF-8, BOM, GB18030), else lossy
/// UTF-8 (as an editor would hold it).
pub fn text_of(data: &[u8]) -> String {
    match nianbao::encoding::decode(data) {
        Ok((text, _)) => text,
        Err(_) => String::from_utf8_lossy(data).into_owned(),
    }
}

fn assert_range(text: &str, r: &Range<usize>, what: &str) {
    assert!(r.start <= r.end && r.end <= text.len(), "{what}: range {r:?} outside the text (length {})", text.len());
    assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "{what}: range {r:?} splits a character");
}

fn assert_edits(text: &str, edits: &[TextEdit], what: &str) {
    for e in edits {
        assert_range(text, &e.range, what);
    }
}

/// Offsets to probe position-based features at: a few spread over the text, on boundaries.
fn probes(text: &str) -> Vec<usize> {
    let mut out: Vec<usize> = (0..=2).map(|i| text.len() * i / 2).collect();
    out.extend(text.char_indices().filter(|(_, c)| c.is_ascii_digit() || *c == '第' || *c == '〔').map(|(i, _)| i).take(3));
    for o in &mut out {
        while !text.is_char_boundary(*o) {
            *o -= 1;
        }
    }
    out
}

/// `check`: grammar + model + rules, and every editor feature, on arbitrary bytes: no panic,
/// every range inside the text and on character boundaries, positions convertible both ways.
pub fn core(data: &[u8]) -> Analysis {
    let file = SourceFile::parse(text_of(data));
    let text = file.text();
    let config = config();
    let analysis = analyze(&file, &config);
    let index = LineIndex::new(text);
    for d in &analysis.diagnostics {
        assert_range(text, &d.range, d.code);
        for r in d.related.iter().filter(|r| r.document.is_none()) {
            assert_range(text, &r.range, d.code);
        }
        if let Some(fix) = &d.fix {
            assert_edits(text, &fix.edits, d.code);
        }
        for enc in [PositionEncoding::Utf8, PositionEncoding::Utf16, PositionEncoding::Utf32] {
            for offset in [d.range.start, d.range.end] {
                let pos = index.position(text, offset, enc);
                assert_eq!(index.offset(text, pos, enc), offset, "{}: position round trip of {offset} ({enc:?})", d.code);
            }
        }
    }
    for s in ide::symbols::document_symbols(&file) {
        assert_range(text, &s.range, "symbol");
        assert_range(text, &s.selection, "symbol selection");
    }
    for f in ide::folding::folding_ranges(&file) {
        assert_range(text, &f.range, "fold");
    }
    let mut last = 0;
    for t in ide::semantic_tokens::semantic_tokens(&file, Some(&analysis)) {
        assert_range(text, &t.range, "semantic token");
        assert!(t.range.start >= last, "semantic tokens overlap or are unsorted");
        assert!(!text[t.range.clone()].contains('\n'), "a semantic token spans a line break");
        last = t.range.end;
    }
    for (at, _) in ide::inlay::inlay_hints(&analysis) {
        assert_range(text, &(at..at), "inlay hint");
    }
    for offset in probes(text) {
        if let Some(h) = ide::hover::hover(&file, Some(&analysis), offset, Locale::Zh) {
            assert_range(text, &h.range, "hover");
        }
        if offset == text.len() {
            for c in ide::completion::completions(&file, offset, Locale::En) {
                assert_range(text, &c.replace, "completion");
            }
        }
        for r in ide::selection::selection_ranges(&file, offset) {
            assert_range(text, &r, "selection range");
        }
        let range = offset..text.len().min(offset + 64);
        let range = range.start..(range.start..=range.end).rev().find(|&o| text.is_char_boundary(o)).unwrap_or(range.start);
        ide::actions::code_actions(&file, &analysis, range, ide::actions::Wanted::default(), Locale::Zh);
    }
    analysis
}

/// The first line where two texts differ, with its neighbours.
pub fn first_difference(a: &str, b: &str) -> String {
    let (la, lb): (Vec<&str>, Vec<&str>) = (a.split('\n').collect(), b.split('\n').collect());
    let i = la.iter().zip(&lb).position(|(x, y)| x != y).unwrap_or(la.len().min(lb.len()));
    let around = |l: &[&str]| l[i.saturating_sub(2)..(i + 3).min(l.len())].join("\n");
    format!("line {}:\n--- first\n{}\n--- then\n{}", i + 1, around(&la), around(&lb))
}

/// Digit runs (ASCII and full-width), in order.
pub fn numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() || ('０'..='９').contains(&c) {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Letters and digits, in order: the words.
pub fn words(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// `format`: formatting never changes a number or a word, its edits apply, and it is
/// idempotent; range formatting likewise.
pub fn format(data: &[u8]) {
    let file = SourceFile::parse(text_of(data));
    let text = file.text();
    let edits = ide::format::format(&file, None);
    assert_edits(text, &edits, "format");
    let once = apply_edits(text, &edits).expect("the formatting edits do not overlap");
    assert_eq!(numbers(text), numbers(&once), "formatting changed a number");
    assert_eq!(words(text), words(&once), "formatting changed a word");
    let again = SourceFile::parse(once.clone());
    let twice = ide::format::format_text(&again);
    assert!(once == twice, "formatting is not idempotent: {}", first_difference(&once, &twice));
    // Range formatting of the middle third.
    let (mut a, mut b) = (text.len() / 3, text.len() * 2 / 3);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    let edits = ide::format::format(&file, Some(a..b));
    assert_edits(text, &edits, "range format");
    let partly = apply_edits(text, &edits).expect("the range formatting edits do not overlap");
    assert_eq!(numbers(text), numbers(&partly), "range formatting changed a number");
    assert_eq!(words(text), words(&partly), "range formatting changed a word");
}

/// `fix`: `fix_all` gives sorted, non-overlapping edits inside the text that apply; each
/// diagnostic's own fix applies or is refused, never panics; the fixed text checks again.
pub fn fix(data: &[u8]) {
    let file = SourceFile::parse(text_of(data));
    let text = file.text();
    let analysis = analyze(&file, &config());
    let (edits, fixed) = ide::actions::fix_all(&file, &analysis);
    assert_edits(text, &edits, "fix_all");
    for w in edits.windows(2) {
        assert!(w[0].range.end <= w[1].range.start, "fix_all's edits overlap: {:?} and {:?}", w[0], w[1]);
    }
    assert!(fixed.iter().all(|&i| analysis.diagnostics[i].fix.is_some()));
    let new_text = apply_edits(text, &edits).expect("fix_all's edits apply");
    for d in &analysis.diagnostics {
        if let Some(f) = &d.fix {
            let _ = apply_edits(text, &f.edits);
        }
    }
    let fixed_file = SourceFile::parse(new_text);
    let again = analyze(&fixed_file, &config());
    let (edits, _) = ide::actions::fix_all(&fixed_file, &again);
    assert!(apply_edits(fixed_file.text(), &edits).is_some(), "fix_all's edits apply after fixing");
}

/// Pieces the `reparse` target inserts.
const PIECES: &[&str] = &[
    "一、", "（二）", "\t", "\n", "\r\n", "\u{3000}", "0", "１", "1,234", "2023年1月1日", "年", "𠀀", "😀", "|", "| 规章 | 0 |",
    "<!-- nianbao-disable x -->", "第二十条第（一）项", "〔2021〕30号", "《", "》", "报告", " ", "\r", "#", "-->", "总计",
];

/// `reparse`: arbitrary edits (bytes after the first NUL drive them) applied incrementally give
/// the tree and line index of a fresh parse.
pub fn reparse(data: &[u8]) {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let mut file = SourceFile::parse(String::from_utf8_lossy(&data[..split]).into_owned());
    let script = data.get(split + 1..).unwrap_or(&[]);
    for chunk in script.chunks(4).take(32) {
        let len = file.text().len();
        let at = |b: u8| {
            let mut o = len * b as usize / 255;
            while !file.text().is_char_boundary(o) {
                o -= 1;
            }
            o
        };
        let (x, y) = (at(chunk[0]), at(*chunk.get(1).unwrap_or(&chunk[0])));
        let insert: String = chunk.get(2..).unwrap_or(&[]).iter().map(|&b| PIECES[b as usize % PIECES.len()]).collect();
        file.edit(x.min(y)..x.max(y), &insert).expect("an edit on character boundaries");
        let fresh = SourceFile::parse(file.text().to_owned());
        assert_eq!(to_sexp(&file), to_sexp(&fresh), "incremental tree ≠ fresh parse");
        assert_eq!(file.line_index(), fresh.line_index());
    }
}

/// The message type tower-lsp-server's reader decodes each frame into (its own is private; the
/// same derive).
#[derive(serde::Deserialize)]
#[serde(untagged)]
#[allow(dead_code)]
enum Message {
    Response(tower_lsp_server::jsonrpc::Response),
    Request(tower_lsp_server::jsonrpc::Request),
}

/// `lsp_input`: whatever bytes come in, the guard in front of the JSON-RPC reader puts out only
/// well-framed messages that tower-lsp-server decodes — so the session never ends on bad input.
pub fn lsp_input(data: &[u8]) {
    let runtime = tokio::runtime::Builder::new_current_thread().build().expect("a runtime");
    let mut out = Vec::new();
    runtime.block_on(nianbao::lsp::input::sanitize(data, &mut out));
    let mut rest = out.as_slice();
    while !rest.is_empty() {
        let header_end = rest.windows(4).position(|w| w == b"\r\n\r\n").expect("a header block");
        let header = std::str::from_utf8(&rest[..header_end]).expect("an ASCII header");
        let length: usize = header.strip_prefix("Content-Length: ").and_then(|v| v.parse().ok()).expect("only Content-Length");
        let body = &rest[header_end + 4..header_end + 4 + length];
        assert!(!body.is_empty(), "an empty body stalls tower-lsp's reader");
        let body = std::str::from_utf8(body).expect("a UTF-8 body");
        assert!(serde_json::from_str::<Message>(body).is_ok(), "tower-lsp-server cannot decode {body:?}");
        rest = &rest[header_end + 4 + length..];
    }
}
