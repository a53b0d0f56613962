//! Reliability of `nianbao lsp` and `nianbao check` (issue 6; figures in docs/reliability.md):
//!
//! 1. randomized edit sessions through the real server, in both position encodings: after every
//!    step the server's text equals the client's, its incrementally edited tree equals a fresh
//!    parse, and its diagnostics equal those of a fresh open of the same text;
//! 2. the regression inputs of `tests/regressions/` (fuzzing finds, hostile texts) replayed through
//!    the core and the server;
//! 3. protocol abuse against the real binary: the answers the specification asks for, the other
//!    documents still served, memory bounded (peak RSS measured);
//! 4. hostile files in the CLI; 5. `--fix` never loses data.
//!
//! `NIANBAO_RELIABILITY_CASES=N` sets the number of edit sequences per encoding (default 1,000);
//! `NIANBAO_RELIABILITY_REPORT=1` prints the figures recorded in docs/reliability.md.

mod harness;
#[path = "../fuzz/src/props.rs"]
mod props;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use harness::{Client, TempDir, capabilities, position, repo_root};
use nianbao::syntax::{SourceFile, to_sexp};
use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, FileFailurePersistence, TestCaseError, TestRunner};
use serde_json::{Value, json};

/// Settings that make the checker deterministic.
fn settings() -> Value {
    json!({ "today": "2026-11-30" })
}

/// Prints a figure for docs/reliability.md when `NIANBAO_RELIABILITY_REPORT=1`.
fn report(line: impl AsRef<str>) {
    if std::env::var_os("NIANBAO_RELIABILITY_REPORT").is_some() {
        eprintln!("FIGURE {}", line.as_ref());
    }
}

// ── 1. Randomized edit sessions ───────────────────────────────────────────────────────────────

/// Pieces of report text the edits insert: CJK, digits (ASCII and full-width), TAB, LF, CRLF,
/// U+3000, characters outside the BMP, combining marks, a ZWJ sequence, U+2028 and U+0085 (not
/// line breaks for LSP), U+FEFF, a lone CR (content, as for nianbao only LF and CRLF end a
/// line), headings, table rows and pipes, citations, suppressions.
const PIECES: &[&str] = &[
    "一、", "（二）", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "\t", "\t\t", "\n", "\n\n", "\r\n",
    "\u{3000}", "0", "7", "１２", "1,234", "2025年", "2024年1月1日", "12月31日", "年", "条", "𠀀", "😀", "𝟘", "e\u{301}",
    "👨\u{200d}👩\u{200d}👧", "\u{2028}", "\u{85}", "\u{feff}", "|", " | ", "| 规章 | 0 | 0 | 0 |\n", "|---|---|\n",
    "（一）予以公开\t24\t4\t1\t1\t1\t0\t31\n", "总计", "第二十条第（一）项", "国办公开办函〔2021〕30号", "国办公开办函[2021]30号",
    "《中华人民共和国政府信息公开条例》", "<!-- nianbao-disable-next-line stale-year -->\n", "<!--", "-->", "报告", "局",
    " ", "  ", "。", "，", "；", "", "a", "#", "## ", "\r",
];

fn piece_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..max).prop_map(|v| v.concat())
}

/// How a change's positions are written.
#[derive(Debug, Clone, Copy)]
enum Quirk {
    /// At character boundaries, as a client computes them.
    Exact,
    /// The start column inside a multi-byte character (a UTF-16 surrogate pair's middle, or a
    /// UTF-8 continuation byte): the server snaps it to the character's start.
    InsideChar,
    /// The end column far past the end of its line: clamped to the line's end.
    PastLineEnd,
}

#[derive(Debug, Clone)]
struct Change {
    start: prop::sample::Index,
    /// Characters the range spans (0: an insertion).
    chars: usize,
    insert: String,
    quirk: Quirk,
}

#[derive(Debug, Clone)]
enum Step {
    /// One `didChange` with these content changes, applied in order.
    Changes(Vec<Change>),
    /// One `didChange` replacing the whole text.
    Full(String),
}

fn change() -> impl Strategy<Value = Change> {
    let quirk = prop_oneof![6 => Just(Quirk::Exact), 1 => Just(Quirk::InsideChar), 1 => Just(Quirk::PastLineEnd)];
    let chars = prop_oneof![3 => Just(0usize), 4 => 1usize..4, 2 => 4usize..40, 1 => 40usize..400];
    (any::<prop::sample::Index>(), chars, piece_text(4), quirk).prop_map(|(start, chars, insert, quirk)| Change { start, chars, insert, quirk })
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        30 => prop::collection::vec(change(), 1..4).prop_map(Step::Changes),
        1 => piece_text(30).prop_map(Step::Full),
    ]
}

/// The texts a session starts from.
fn base_texts() -> Vec<String> {
    let root = repo_root();
    let mut texts = vec![String::new(), std::fs::read_to_string(root.join("examples/sample-report.txt")).unwrap()];
    for name in ["hostile-crlf.txt", "hostile-bom.txt", "hostile-ideographic-space.txt", "clean-pipe-tables.txt", "hostile-fullwidth-digits.txt"] {
        if let Ok(t) = std::fs::read_to_string(root.join("server/tests/fixtures").join(name)) {
            texts.push(t);
        }
    }
    texts
}

#[derive(Debug, Clone)]
struct Session {
    /// `None`: a text made of pieces; else one of [`base_texts`].
    base: Option<prop::sample::Index>,
    synthetic: String,
    steps: Vec<Step>,
}

fn session() -> impl Strategy<Value = Session> {
    (prop::option::weighted(0.4, any::<prop::sample::Index>()), piece_text(40), prop::collection::vec(step(), 1..8))
        .prop_map(|(base, synthetic, steps)| Session { base, synthetic, steps })
}

/// The largest character boundary at or before `offset` that does not split a CRLF.
fn snap(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while !text.is_char_boundary(o) {
        o -= 1;
    }
    if o > 0 && text.as_bytes()[o - 1] == b'\r' && text.as_bytes().get(o) == Some(&b'\n') {
        o -= 1;
    }
    o
}

/// The end of the content of the line holding `offset` (before its CRLF or LF).
fn line_content_end(text: &str, offset: usize) -> usize {
    match text[offset..].find('\n') {
        Some(i) => {
            let nl = offset + i;
            if nl > 0 && text.as_bytes()[nl - 1] == b'\r' { nl - 1 } else { nl }
        }
        None => text.len(),
    }
}

/// One change as the client sends it (JSON) and applies it to its own copy.
fn client_change(text: &mut String, c: &Change, enc: &str) -> Value {
    let start = snap(text, c.start.index(text.len() + 1));
    let mut end = start;
    for _ in 0..c.chars {
        match text[end..].chars().next() {
            Some(ch) => end += ch.len_utf8(),
            None => break,
        }
    }
    if end > 0 && text.as_bytes()[end - 1] == b'\r' && text.as_bytes().get(end) == Some(&b'\n') {
        end += 1; // never between CR and LF
    }
    let mut start_pos = position(text, start, enc);
    let mut end_pos = position(text, end, enc);
    match c.quirk {
        Quirk::Exact => {}
        Quirk::InsideChar => {
            if let Some(ch) = text[start..].chars().next() {
                let units = if enc == "utf-8" { ch.len_utf8() } else { ch.len_utf16() };
                if units > 1 && ch != '\r' {
                    start_pos["character"] = json!(start_pos["character"].as_u64().unwrap() + 1);
                    if end == start {
                        end_pos = start_pos.clone();
                    }
                }
            }
        }
        Quirk::PastLineEnd => {
            end = line_content_end(text, end);
            end_pos["character"] = json!(end_pos["character"].as_u64().unwrap() + 10_000);
        }
    }
    text.replace_range(start..end, &c.insert);
    json!({ "range": { "start": start_pos, "end": end_pos }, "text": c.insert })
}

/// Diagnostics with this document's URI replaced, to compare two documents' diagnostics.
fn normalized(diagnostics: Vec<Value>, uri: &str) -> String {
    let s = serde_json::to_string(&diagnostics).unwrap();
    s.replace(&format!("\"{uri}\""), "\"SELF\"")
}

/// One server per encoding, shared by the cases of a run (restarted after a failure).
static SERVERS: [Mutex<Option<Client>>; 2] = [Mutex::new(None), Mutex::new(None)];
static URIS: AtomicUsize = AtomicUsize::new(0);
static STEPS: AtomicUsize = AtomicUsize::new(0);

fn server(slot: usize) -> MutexGuard<'static, Option<Client>> {
    SERVERS[slot].lock().unwrap_or_else(|e| e.into_inner())
}

fn start_server(enc: &str) -> Client {
    let offered: &[&str] = if enc == "utf-8" { &["utf-8", "utf-16"] } else { &[] };
    let c = Client::start(capabilities(offered, false), settings(), None);
    assert_eq!(c.encoding, enc);
    c
}

/// Runs one session through the server; any failure is returned (and the server restarted).
fn run_session(slot: usize, enc: &str, s: &Session, bases: &[String]) -> Result<(), TestCaseError> {
    let mut guard = server(slot);
    if guard.as_mut().is_none_or(|c| !c.alive()) {
        *guard = Some(start_server(enc));
    }
    let c = guard.as_mut().unwrap();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| session_steps(c, enc, s, bases)));
    let outcome = match result {
        Ok(r) => r,
        Err(p) => Err(TestCaseError::fail(format!("panic: {:?}", p.downcast_ref::<String>().cloned().or(p.downcast_ref::<&str>().map(|s| s.to_string()))))),
    };
    if outcome.is_err() {
        *guard = None; // a fresh server for the next case (and the shrinking)
    } else {
        c.inbox.clear();
        c.published.clear();
        c.messages.clear();
    }
    outcome
}

fn session_steps(c: &mut Client, enc: &str, s: &Session, bases: &[String]) -> Result<(), TestCaseError> {
    let n = URIS.fetch_add(1, Ordering::SeqCst);
    let uri = format!("file:///tmp/nianbao-reliability/{enc}/{n}.txt");
    let fresh_uri = format!("file:///tmp/nianbao-reliability/{enc}/{n}-fresh.txt");
    let mut text = match s.base {
        Some(i) => bases[i.index(bases.len())].clone(),
        None => s.synthetic.clone(),
    };
    c.open(&uri, &text);
    c.diagnostics_for(&uri, 1);
    for (i, step) in s.steps.iter().enumerate() {
        let version = i as i64 + 2;
        let changes: Vec<Value> = match step {
            Step::Changes(changes) => changes.iter().map(|ch| client_change(&mut text, ch, enc)).collect(),
            Step::Full(t) => {
                text = t.clone();
                vec![json!({ "text": t })]
            }
        };
        c.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes }));
        // The server's text and tree.
        let server = c.request("nianbao/documentText", json!({ "textDocument": { "uri": uri }, "tree": true })).expect("documentText");
        prop_assert_eq!(server["version"].as_i64(), Some(version));
        prop_assert_eq!(server["text"].as_str(), Some(text.as_str()), "step {}: the server's text differs from the client's", i);
        prop_assert_eq!(&server["consistent"], &json!(true), "the tree or line index is not that of the text");
        let fresh = SourceFile::parse(text.clone());
        prop_assert_eq!(server["tree"].as_str().unwrap_or(""), to_sexp(&fresh), "step {}: incremental tree ≠ fresh parse", i);
        prop_assert_eq!(server["treeHasErrors"].as_bool(), Some(fresh.has_syntax_errors()));
        // The diagnostics equal those of a fresh open of the same text.
        let incremental = normalized(c.diagnostics_for(&uri, version), &uri);
        c.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": fresh_uri, "languageId": "nianbao", "version": version, "text": text } }),
        );
        let opened = normalized(c.diagnostics_for(&fresh_uri, version), &fresh_uri);
        c.notify("textDocument/didClose", json!({ "textDocument": { "uri": fresh_uri } }));
        prop_assert_eq!(incremental, opened, "step {}: diagnostics after the edit ≠ those of a fresh open", i);
        STEPS.fetch_add(1, Ordering::Relaxed);
    }
    c.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } }));
    Ok(())
}

/// Sequences per encoding: `NIANBAO_RELIABILITY_CASES` (default 1,000).
fn cases() -> u32 {
    std::env::var("NIANBAO_RELIABILITY_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1000)
}

fn edit_sessions(enc: &str, slot: usize) {
    let bases = base_texts();
    let config = ProptestConfig {
        cases: cases(),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/regressions/proptest-edit-sessions.txt"
        )))),
        max_shrink_iters: 2000,
        ..ProptestConfig::default()
    };
    let mut runner = TestRunner::new(config);
    let started = Instant::now();
    let steps_before = STEPS.load(Ordering::Relaxed);
    let result = runner.run(&session(), |s| run_session(slot, enc, &s, &bases));
    if let Some(c) = server(slot).take() {
        report(format!("edit sessions {enc}: peak RSS of the server {} KiB", c.peak_rss_kib().unwrap_or(0)));
    }
    report(format!(
        "edit sessions {enc}: {} sequences, {} steps in {:.1} s",
        cases(),
        STEPS.load(Ordering::Relaxed) - steps_before,
        started.elapsed().as_secs_f64()
    ));
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn random_edit_sessions_utf16() {
    edit_sessions("utf-16", 0);
}

#[test]
fn random_edit_sessions_utf8() {
    edit_sessions("utf-8", 1);
}

// ── 2. Regressions: inputs kept from fuzzing and from the tests above ─────────────────────────

/// The regression inputs: `tests/regressions/TARGET/*`, TARGET one of the fuzz targets.
fn regressions() -> Vec<(String, PathBuf, Vec<u8>)> {
    let dir = repo_root().join("tests/regressions");
    let mut out = Vec::new();
    for target in ["check", "format", "fix", "reparse", "lsp_input"] {
        let Ok(entries) = std::fs::read_dir(dir.join(target)) else { continue };
        let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for p in paths {
            let bytes = std::fs::read(&p).unwrap();
            out.push((target.to_string(), p, bytes));
        }
    }
    out
}

/// Every regression input through every property of its kind, in process (what the fuzz
/// targets check, without libFuzzer).
#[test]
fn regressions_replay_through_the_core() {
    let all = regressions();
    assert!(!all.is_empty(), "tests/regressions/ has inputs");
    for (target, path, bytes) in &all {
        let what = path.display();
        let r = std::panic::catch_unwind(|| {
            if target == "lsp_input" {
                props::lsp_input(bytes);
            } else {
                props::core(bytes);
                props::format(bytes);
                props::fix(bytes);
                props::reparse(bytes);
            }
        });
        assert!(r.is_ok(), "{what} ({target}) fails again");
    }
    report(format!("regressions replayed through the core: {}", all.len()));
}

/// One input through every property, printing what fails: `NIANBAO_REPLAY=FILE cargo test -p
/// nianbao --test reliability replay_one -- --ignored --nocapture` (a fuzzer's crash, say).
#[test]
#[ignore]
fn replay_one() {
    let path = std::env::var("NIANBAO_REPLAY").expect("NIANBAO_REPLAY=FILE");
    let bytes = std::fs::read(&path).unwrap();
    if std::env::var("NIANBAO_REPLAY_TARGET").as_deref() == Ok("lsp_input") {
        props::lsp_input(&bytes);
    } else {
        props::core(&bytes);
        props::format(&bytes);
        props::fix(&bytes);
        props::reparse(&bytes);
    }
}

/// Every regression input through the real server: text inputs opened and edited (diagnostics,
/// formatting, fix-all, symbols, folding, semantic tokens answered; their edits apply), message
/// inputs written to its stdin (it keeps serving).
#[test]
fn regressions_replay_through_the_server() {
    let all = regressions();
    let mut c = Client::start(capabilities(&["utf-8"], false), settings(), None);
    open_other(&mut c);
    let enc = c.encoding.clone();
    for (i, (target, path, bytes)) in all.iter().enumerate() {
        let what = path.display().to_string();
        if target == "lsp_input" {
            c.write_bytes(bytes);
            c.write_bytes(b"\r\n\r\n");
            still_serving(&mut c, &what);
            continue;
        }
        let text = props::text_of(bytes);
        let uri = format!("file:///tmp/nianbao-reliability/regression/{i}.txt");
        c.open(&uri, &text);
        c.diagnostics_for(&uri, 1);
        let doc = json!({ "uri": uri });
        let formatted = c.request("textDocument/formatting", json!({ "textDocument": doc, "options": { "tabSize": 4, "insertSpaces": true } }));
        let edits = formatted.unwrap_or_else(|e| panic!("{what}: formatting: {e}"));
        let edits = edits.as_array().cloned().unwrap_or_default();
        let new_text = harness::apply_edits(&text, &edits, &enc);
        assert_eq!(props::numbers(&text), props::numbers(&new_text), "{what}: formatting changed a number");
        let end = position(&text, text.len(), &enc);
        let actions = c.request(
            "textDocument/codeAction",
            json!({ "textDocument": doc, "range": { "start": { "line": 0, "character": 0 }, "end": end },
                    "context": { "diagnostics": [], "only": ["source.fixAll.nianbao"] } }),
        );
        for a in actions.unwrap_or_else(|e| panic!("{what}: codeAction: {e}")).as_array().into_iter().flatten() {
            if let Some(edits) = a["edit"]["changes"][&uri].as_array() {
                harness::apply_edits(&text, edits, &enc);
            }
        }
        for method in ["textDocument/documentSymbol", "textDocument/foldingRange", "textDocument/semanticTokens/full"] {
            let r = c.request(method, json!({ "textDocument": doc }));
            assert!(r.is_ok(), "{what}: {method}: {r:?}");
        }
        // An edit in the middle, then the text and tree agree with a fresh parse.
        let mid = snap(&text, text.len() / 2);
        let p = position(&text, mid, &enc);
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "range": { "start": p, "end": p }, "text": "\r\n一、" }] }),
        );
        let mut edited = text.clone();
        edited.insert_str(mid, "\r\n一、");
        let server = c.request("nianbao/documentText", json!({ "textDocument": doc, "tree": true })).unwrap();
        assert_eq!(server["text"].as_str(), Some(edited.as_str()), "{what}");
        assert_eq!(server["tree"].as_str(), Some(to_sexp(&SourceFile::parse(edited)).as_str()), "{what}");
        c.notify("textDocument/didClose", json!({ "textDocument": doc }));
    }
    assert!(c.shutdown().success());
}

// ── 3. Protocol abuse ─────────────────────────────────────────────────────────────────────────

const OTHER: &str = "file:///tmp/nianbao-reliability/abuse/other.txt";

fn utf16_client() -> Client {
    Client::start(capabilities(&[], false), settings(), None)
}

fn frame(body: &[u8]) -> Vec<u8> {
    [format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes(), body].concat()
}

/// Waits for the response with this `id` (any JSON value), collecting everything else.
fn reply(c: &mut Client, id: &Value) -> Value {
    let deadline = Instant::now() + harness::TIMEOUT * 6;
    loop {
        if let Some(i) = c.inbox.iter().position(|m| m.get("method").is_none() && m.get("id") == Some(id)) {
            return c.inbox.remove(i);
        }
        if Instant::now() > deadline {
            let seen: Vec<String> = c.inbox.iter().map(|m| m.to_string().chars().take(200).collect()).collect();
            panic!("no reply with id {id}; received: {seen:#?}");
        }
        c.pump(Duration::from_millis(50));
    }
}

/// The server still answers requests about another open document, and still checks it.
fn still_serving(c: &mut Client, what: &str) {
    let text = c.server_text(OTHER);
    assert_eq!(text["consistent"], true, "after {what}");
    let version = text["version"].as_i64().unwrap() + 1;
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": OTHER, "version": version },
                "contentChanges": [{ "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "text": "" }] }),
    );
    c.diagnostics_for(OTHER, version);
}

fn open_other(c: &mut Client) {
    let (_, sample) = harness::sample_report();
    c.open(OTHER, &sample);
    c.diagnostics_for(OTHER, 1);
}

/// The error code of a reply.
fn code(r: &Value) -> i64 {
    r["error"]["code"].as_i64().unwrap_or_else(|| panic!("an error reply: {r}"))
}

#[test]
fn framing_abuse_is_answered_and_the_server_resyncs() {
    let mut c = utf16_client();
    open_other(&mut c);
    let good = |id: &str| json!({ "jsonrpc": "2.0", "id": id, "method": "nianbao/documentText", "params": { "textDocument": { "uri": OTHER } } }).to_string();
    let mut answers = Vec::new();
    // Each case: the bytes sent, then a good request that must be answered.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_params = format!(r#"{{"jsonrpc":"2.0","id":"deep","method":"textDocument/hover","params":{}}}"#, "[".repeat(50_000));
    let cases: Vec<(&str, Vec<u8>, Option<i64>)> = vec![
        ("invalid JSON", frame(b"{ not json"), Some(-32700)),
        ("a body that is not UTF-8", frame(b"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\xff\xfe\"}"), Some(-32700)),
        ("an empty body", frame(b""), Some(-32700)),
        ("JSON that is not an object: 42", frame(b"42"), Some(-32600)),
        ("a batch (LSP has none)", frame(br#"[{"jsonrpc":"2.0","id":9,"method":"shutdown"}]"#), Some(-32600)),
        ("nesting 100,000 deep", frame(deep.as_bytes()), Some(-32700)),
        ("params nesting 50,000 deep, unclosed", frame(deep_params.as_bytes()), Some(-32700)),
        ("no Content-Length header", b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}".to_vec(), Some(-32700)),
        ("Content-Length not a number", b"Content-Length: twelve\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}".to_vec(), Some(-32700)),
        ("Content-Length overflowing", b"Content-Length: 99999999999999999999999999\r\n\r\n{}".to_vec(), Some(-32700)),
        ("Content-Length too short", b"Content-Length: 10\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}".to_vec(), Some(-32700)),
        ("a lower-case header, extra headers, no CR", b"content-length: 2\ncontent-type: x\nX-Other: y\n\n{}".to_vec(), Some(-32600)),
        ("garbage between messages", b"\x00\x01garbage\r\n\r\n".to_vec(), Some(-32700)),
    ];
    for (what, bytes, expected) in cases {
        c.write_bytes(&bytes);
        let id = format!("after {what}");
        c.write_bytes(&frame(good(&id).as_bytes()));
        let r = reply(&mut c, &json!(id));
        assert!(r.get("result").is_some(), "{what}: the next request is answered: {r}");
        if let Some(expected) = expected {
            let e = c.wait_for_response_with_null_id();
            answers.push(format!("{what}: {}", e["error"]["code"]));
            assert_eq!(code(&e), expected, "{what}: {e}");
        }
        still_serving(&mut c, what);
    }
    // Content-Length too long: the body waits for the missing bytes, which come with the next
    // message; that frame is a parse error, the one after is answered.
    let body = br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
    c.write_bytes(&[format!("Content-Length: {}\r\n\r\n", body.len() + 20).as_bytes(), body.as_slice()].concat());
    c.write_bytes(b"01234567890123456789");
    assert_eq!(code(&c.wait_for_response_with_null_id()), -32700, "Content-Length too long");
    answers.push("Content-Length too long: -32700".to_string());
    still_serving(&mut c, "Content-Length too long");
    // Requests with a bad id or bad params.
    for (what, body, expected) in [
        ("an id that is an object", r#"{"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"}"#, -32600),
        ("a wrong jsonrpc version", r#"{"jsonrpc":"1.0","id":"v1","method":"shutdown"}"#, -32600),
        ("a method that is a number", r#"{"jsonrpc":"2.0","id":"m42","method":42}"#, -32600),
        ("params of the wrong type", r#"{"jsonrpc":"2.0","id":"p","method":"textDocument/hover","params":{"textDocument":5}}"#, -32602),
        ("a negative line", r#"{"jsonrpc":"2.0","id":"neg","method":"textDocument/hover","params":{"textDocument":{"uri":"file:///x"},"position":{"line":-1,"character":0}}}"#, -32602),
        ("a line past u32", r#"{"jsonrpc":"2.0","id":"big","method":"textDocument/hover","params":{"textDocument":{"uri":"file:///x"},"position":{"line":4294967296,"character":0}}}"#, -32602),
        ("an unknown method", r#"{"jsonrpc":"2.0","id":"u","method":"textDocument/noSuchThing","params":{}}"#, -32601),
        ("an unknown command", r#"{"jsonrpc":"2.0","id":"cmd","method":"workspace/executeCommand","params":{"command":"rm -rf","arguments":[]}}"#, -32602),
        ("newReport without a year", r#"{"jsonrpc":"2.0","id":"ny","method":"workspace/executeCommand","params":{"command":"nianbao.newReport","arguments":[{"year":"x"}]}}"#, -32602),
    ] {
        c.write_bytes(&frame(body.as_bytes()));
        let id: Value = serde_json::from_str::<Value>(body).unwrap()["id"].clone();
        let id = if id.is_object() { Value::Null } else { id };
        let r = if id.is_null() { c.wait_for_response_with_null_id() } else { reply(&mut c, &id) };
        answers.push(format!("{what}: {}", r["error"]["code"]));
        assert_eq!(code(&r), expected, "{what}: {r}");
        still_serving(&mut c, what);
    }
    // Notifications that make no sense are ignored; a response nobody asked for too.
    for body in [
        r#"{"jsonrpc":"2.0","method":"nianbao/noSuchNotification","params":{}}"#,
        r#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":123456}}"#,
        r#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"garbage":true}}"#,
        r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":null}"#,
        r#"{"jsonrpc":"2.0","id":987654,"result":{"unsolicited":true}}"#,
        r#"{"jsonrpc":"2.0","id":987655,"error":{"code":-1,"message":"x"}}"#,
    ] {
        c.write_bytes(&frame(body.as_bytes()));
        still_serving(&mut c, body);
    }
    report(format!("framing abuse answers: {}", answers.join("; ")));
    report(format!("framing abuse: peak RSS {} KiB", c.peak_rss_kib().unwrap_or(0)));
    assert!(c.shutdown().success());
}

#[test]
fn body_cut_off_then_end_of_input_ends_the_server() {
    let mut c = utf16_client();
    c.write_bytes(b"Content-Length: 500\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":77,\"method\":\"textDoc");
    c.close_stdin();
    let status = c.wait_exit();
    assert_eq!(status.code(), Some(1), "exit without shutdown is an error exit");
}

#[test]
fn lifecycle_abuse() {
    let mut c = Client::spawn(&[]);
    // Before initialize: requests get -32002, notifications are dropped.
    let r = c.request("textDocument/hover", json!({ "textDocument": { "uri": OTHER }, "position": { "line": 0, "character": 0 } }));
    assert_eq!(r.unwrap_err()["code"], -32002, "hover before initialize");
    let r = c.request("shutdown", Value::Null);
    assert_eq!(r.unwrap_err()["code"], -32002, "shutdown before initialize");
    c.open(OTHER, "early");
    let init = json!({ "processId": null, "capabilities": capabilities(&[], false), "initializationOptions": settings() });
    assert!(c.request("initialize", init.clone()).is_ok());
    assert_eq!(c.request("initialize", init).unwrap_err()["code"], -32600, "initialize twice");
    c.notify("initialized", json!({}));
    let r = c.request("nianbao/documentText", json!({ "textDocument": { "uri": OTHER } }));
    assert_eq!(r.unwrap_err()["code"], -32602, "the didOpen before initialize was dropped");
    open_other(&mut c);
    // After shutdown: requests get -32600, notifications are dropped, exit is a clean exit.
    assert_eq!(c.request("shutdown", Value::Null), Ok(Value::Null));
    let r = c.request("textDocument/hover", json!({ "textDocument": { "uri": OTHER }, "position": { "line": 0, "character": 0 } }));
    assert_eq!(r.unwrap_err()["code"], -32600, "hover after shutdown");
    assert_eq!(c.request("shutdown", Value::Null).unwrap_err()["code"], -32600, "shutdown twice");
    c.open("file:///tmp/late.txt", "late");
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit().code(), Some(0));
}

/// A text long enough to have several lines, with astral characters and CRLF.
const SMALL: &str = "江北市生态环境局\r\n2025年政府信息公开工作年度报告\r\n\r\n一、总体情况\r\n\r\n𠀀😀全年\t12\t3\r\n";

#[test]
fn document_abuse() {
    let mut c = utf16_client();
    open_other(&mut c);
    let uri = "file:///tmp/nianbao-reliability/abuse/doc.txt";
    // didChange, didClose, requests for a document never opened.
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": "file:///never/opened.txt", "version": 2 },
                "contentChanges": [{ "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "text": "x" }] }),
    );
    c.wait_for("window/logMessage", |p| p["message"].as_str().unwrap_or("").contains("not open"));
    c.notify("textDocument/didClose", json!({ "textDocument": { "uri": "file:///never/opened.txt" } }));
    for (method, params) in [
        ("textDocument/hover", json!({ "textDocument": { "uri": "file:///never/opened.txt" }, "position": { "line": 0, "character": 0 } })),
        ("textDocument/formatting", json!({ "textDocument": { "uri": "file:///never/opened.txt" }, "options": { "tabSize": 4, "insertSpaces": true } })),
        ("textDocument/documentSymbol", json!({ "textDocument": { "uri": "file:///never/opened.txt" } })),
    ] {
        assert_eq!(c.request(method, params), Ok(Value::Null), "{method} on a document never opened");
    }
    // Positions and ranges out of range: clamped, never an error.
    c.open(uri, SMALL);
    let far = json!({ "line": u32::MAX, "character": u32::MAX });
    let zero = json!({ "line": 0, "character": 0 });
    let inside_pair = json!({ "line": 5, "character": 1 });
    for (method, params) in [
        ("textDocument/hover", json!({ "textDocument": { "uri": uri }, "position": far })),
        ("textDocument/hover", json!({ "textDocument": { "uri": uri }, "position": inside_pair })),
        ("textDocument/completion", json!({ "textDocument": { "uri": uri }, "position": far })),
        ("textDocument/rangeFormatting", json!({ "textDocument": { "uri": uri }, "range": { "start": far, "end": zero }, "options": { "tabSize": 4, "insertSpaces": true } })),
        ("textDocument/codeAction", json!({ "textDocument": { "uri": uri }, "range": { "start": far, "end": zero }, "context": { "diagnostics": [] } })),
        ("textDocument/inlayHint", json!({ "textDocument": { "uri": uri }, "range": { "start": far, "end": zero } })),
        ("textDocument/selectionRange", json!({ "textDocument": { "uri": uri }, "positions": [far, zero, inside_pair] })),
        ("textDocument/semanticTokens/full/delta", json!({ "textDocument": { "uri": uri }, "previousResultId": "no-such-id" })),
    ] {
        let r = c.request(method, params);
        assert!(r.is_ok(), "{method}: {r:?}");
    }
    // Edits with out-of-range, reversed and mid-surrogate positions: clamped and ordered as the
    // server documents; the server's text is what the same rules give.
    let changes = [
        (json!({ "start": { "line": 99, "character": 0 }, "end": { "line": 99, "character": 5 } }), "尾"),
        (json!({ "start": { "line": 0, "character": 999 }, "end": { "line": 0, "character": 2 } }), ""),
        (json!({ "start": { "line": 5, "character": 1 }, "end": { "line": 5, "character": 3 } }), "X"),
    ];
    let mut version = 1;
    for (range, text) in changes {
        version += 1;
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "range": range, "text": text }] }),
        );
    }
    // (5, 1) and (5, 3) fall inside the surrogate pairs of 𠀀 and 😀: both snap to the start.
    let expected = "江北\r\n2025年政府信息公开工作年度报告\r\n\r\n一、总体情况\r\n\r\nX😀全年\t12\t3\r\n尾";
    let server = c.server_text(uri);
    assert_eq!(server["text"], expected);
    assert_eq!(server["consistent"], true);
    // Versions going backwards: a warning, the change applies, diagnostics come for it.
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 1 }, "contentChanges": [{ "text": SMALL }] }),
    );
    c.wait_for("window/logMessage", |p| p["message"].as_str().unwrap_or("").contains("version went from"));
    assert_eq!(c.server_text(uri)["text"], SMALL);
    c.diagnostics_for(uri, 1);
    // Opening a document twice replaces it.
    c.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": "nianbao", "version": 10, "text": "again" } }));
    assert_eq!(c.server_text(uri)["text"], "again");
    still_serving(&mut c, "document abuse");
    report(format!("document abuse: peak RSS {} KiB", c.peak_rss_kib().unwrap_or(0)));
    assert!(c.shutdown().success());
}

/// A report of about `megabytes` MB: the clean fixture's section 一 prose repeated (CJK
/// throughout), its tables intact — as `benches/memory.rs` makes it.
fn big_report(megabytes: usize) -> String {
    let base = std::fs::read_to_string(repo_root().join("server/tests/fixtures/clean-2024-department.txt")).unwrap();
    let lines: Vec<&str> = base.lines().collect();
    let tables = lines.iter().position(|l| l.starts_with("二、")).expect("section 二");
    let prose = lines[5..tables].iter().filter(|l| !l.starts_with("一、")).copied().collect::<Vec<_>>().join("\n");
    let mut out = lines[..tables].join("\n");
    while out.len() < megabytes * 1_000_000 {
        out.push('\n');
        out.push_str(&prose);
    }
    out.push('\n');
    out.push_str(&lines[tables..].join("\n"));
    out.push('\n');
    out
}

fn wait_diagnostics(c: &mut Client, uri: &str, version: i64, timeout: Duration) -> Vec<Value> {
    let p = c
        .try_wait_for("textDocument/publishDiagnostics", timeout, &mut |p: &Value| p["uri"] == uri && p["version"] == version)
        .unwrap_or_else(|| panic!("no diagnostics for {uri} v{version} within {timeout:?}"));
    p["diagnostics"].as_array().cloned().unwrap_or_default()
}

/// A 50 MB document: checked, edited, other documents answered meanwhile, memory measured. To
/// keep `cargo test` (a debug build) short, 10 MB there unless `NIANBAO_RELIABILITY_BIG_MB=50`;
/// 50 MB in `cargo test --release`.
#[test]
fn a_fifty_megabyte_document() {
    let mb = env_or("NIANBAO_RELIABILITY_BIG_MB", if cfg!(debug_assertions) { 10 } else { 50 });
    let big = big_report(mb);
    let uri = "file:///tmp/nianbao-reliability/big.txt";
    let mut c = utf16_client();
    open_other(&mut c);
    let before = c.peak_rss_kib().unwrap_or(0);
    let t = Instant::now();
    c.open(uri, &big);
    // Requests about the other document are answered (once the big message is read) while the
    // big one is checked.
    let h = Instant::now();
    let id = c.send_request("textDocument/hover", json!({ "textDocument": { "uri": OTHER }, "position": { "line": 3, "character": 110 } }));
    let r = reply(&mut c, &json!(id));
    assert!(r.get("result").is_some(), "{r}");
    let hover_latency = h.elapsed();
    wait_diagnostics(&mut c, uri, 1, Duration::from_secs(600));
    let opened = t.elapsed();
    // An edit at its end.
    let last_line = big.matches('\n').count();
    let t = Instant::now();
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 },
                "contentChanges": [{ "range": { "start": { "line": last_line, "character": 0 }, "end": { "line": last_line, "character": 0 } }, "text": "尾" }] }),
    );
    wait_diagnostics(&mut c, uri, 2, Duration::from_secs(600));
    let edited = t.elapsed();
    let server = c.server_text(uri);
    assert_eq!(server["text"].as_str().map(str::len), Some(big.len() + "尾".len()));
    assert!(server["text"].as_str().unwrap().ends_with("\n尾"));
    let peak = c.peak_rss_kib().unwrap_or(0);
    c.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } }));
    still_serving(&mut c, "closing the big document");
    std::thread::sleep(Duration::from_millis(500));
    let after_close = c.rss_kib().unwrap_or(0);
    report(format!(
        "{:.1} MB document: open → diagnostics {:.1} s, edit → diagnostics {:.1} s, hover on another document meanwhile {} ms; \
         peak RSS {} MiB (before: {} MiB, {:.1}× the text), RSS after close {} MiB",
        big.len() as f64 / 1e6,
        opened.as_secs_f64(),
        edited.as_secs_f64(),
        hover_latency.as_millis(),
        peak / 1024,
        before / 1024,
        (peak - before) as f64 * 1024.0 / big.len() as f64,
        after_close / 1024,
    ));
    // Bounded: a small multiple of the text (the SourceFile: text, line index and tree; the model).
    assert!((peak - before) as f64 * 1024.0 < 25.0 * big.len() as f64, "peak RSS {peak} KiB for {} bytes", big.len());
    assert!(c.shutdown().success());
}

/// A number from the environment, else `default`.
fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// 10,000 didChange notifications sent without waiting, then one didChange of 10,000 changes.
/// In a debug build (`cargo test`) 2,000 each unless `NIANBAO_RELIABILITY_BURST=10000`.
#[test]
fn ten_thousand_changes_in_one_burst() {
    let burst = env_or("NIANBAO_RELIABILITY_BURST", if cfg!(debug_assertions) { 2_000 } else { 10_000 });
    let (_, base) = harness::sample_report();
    let uri = "file:///tmp/nianbao-reliability/burst.txt";
    let pieces = ["第二十条", "𠀀", "😀", "\u{3000}", "\t0", "\n", "一、", "12", "\r\n", ""];
    let mut c = utf16_client();
    open_other(&mut c);
    c.open(uri, &base);
    let mut text = base.clone();
    let mut rng = harness::Rng(0x2545_F491_4F6C_DD1D);
    let t = Instant::now();
    let mut version = 1;
    for _ in 0..burst {
        version += 1;
        let start = snap(&text, rng.below(text.len() + 1));
        let mut end = start;
        for _ in 0..rng.below(3) {
            if let Some(ch) = text[end..].chars().next() {
                end += ch.len_utf8();
            }
        }
        if end > 0 && text.as_bytes()[end - 1] == b'\r' && text.as_bytes().get(end) == Some(&b'\n') {
            end += 1;
        }
        let range = json!({ "start": position(&text, start, "utf-16"), "end": position(&text, end, "utf-16") });
        let insert = pieces[rng.below(pieces.len())];
        text.replace_range(start..end, insert);
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "range": range, "text": insert }] }),
        );
    }
    let sent = t.elapsed();
    wait_diagnostics(&mut c, uri, version, Duration::from_secs(120));
    let settled = t.elapsed();
    let server = c.server_text(uri);
    assert_eq!(server["text"].as_str(), Some(text.as_str()));
    let versions: Vec<i64> = c.published.iter().filter(|p| p["uri"] == uri).filter_map(|p| p["version"].as_i64()).collect();
    assert!(versions.windows(2).all(|w| w[0] < w[1]), "published versions only go up");
    let published = versions.len();
    // One didChange with 10,000 content changes.
    let mut changes = Vec::new();
    for _ in 0..burst {
        let start = snap(&text, rng.below(text.len() + 1));
        let range = json!({ "start": position(&text, start, "utf-16"), "end": position(&text, start, "utf-16") });
        let insert = pieces[rng.below(pieces.len())];
        text.insert_str(start, insert);
        changes.push(json!({ "range": range, "text": insert }));
    }
    version += 1;
    let t2 = Instant::now();
    c.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes }));
    wait_diagnostics(&mut c, uri, version, Duration::from_secs(120));
    let one_message = t2.elapsed();
    assert_eq!(c.server_text(uri)["text"].as_str(), Some(text.as_str()));
    let fresh = SourceFile::parse(text.clone());
    let tree = c.request("nianbao/documentText", json!({ "textDocument": { "uri": uri }, "tree": true })).unwrap();
    assert_eq!(tree["tree"].as_str(), Some(to_sexp(&fresh).as_str()));
    still_serving(&mut c, "the bursts");
    report(format!(
        "{burst} didChange in a burst: sent in {:.2} s, final diagnostics after {:.2} s, {published} publications (coalesced); \
         one didChange of {burst} changes: diagnostics after {:.2} s; peak RSS {} MiB",
        sent.as_secs_f64(),
        settled.as_secs_f64(),
        one_message.as_secs_f64(),
        c.peak_rss_kib().unwrap_or(0) / 1024
    ));
    assert!(c.shutdown().success());
}

/// CPU time (user + system, in clock ticks) of a process.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    fields.get(11).and_then(|u| u.parse::<u64>().ok()).unwrap_or(0) + fields.get(12).and_then(|s| s.parse::<u64>().ok()).unwrap_or(0)
}

fn wait_exit(child: &mut std::process::Child, timeout: Duration) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if let Ok(Some(s)) = child.try_wait() {
            return Some(s);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

fn spawn_raw() -> std::process::Child {
    Command::new(harness::binary()).arg("lsp").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap()
}

fn raw_session_start(stdin: &mut std::process::ChildStdin) {
    let (_, sample) = harness::sample_report();
    let init = json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "processId": null, "capabilities": {}, "initializationOptions": settings() } });
    let initialized = json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} });
    let open = json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": { "textDocument": { "uri": OTHER, "languageId": "nianbao", "version": 1, "text": sample } } });
    for m in [init, initialized, open] {
        stdin.write_all(&frame(m.to_string().as_bytes())).unwrap();
    }
    for id in 2..50 {
        let r = json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/semanticTokens/full", "params": { "textDocument": { "uri": OTHER } } });
        stdin.write_all(&frame(r.to_string().as_bytes())).unwrap();
    }
    stdin.flush().unwrap();
}

/// The client vanishes with requests in flight: the server ends, promptly, and does not spin.
#[test]
fn the_client_vanishing_mid_request() {
    // Both pipes closed (the client process died).
    let mut child = spawn_raw();
    let mut stdin = child.stdin.take().unwrap();
    raw_session_start(&mut stdin);
    drop(stdin);
    drop(child.stdout.take());
    let t = Instant::now();
    let status = wait_exit(&mut child, Duration::from_secs(20)).expect("the server exits when the client vanishes");
    let both = t.elapsed();
    assert_eq!(status.code(), Some(1), "no shutdown: an error exit");

    // Only its stdout closed (the client stopped reading), stdin still open: the server must not
    // spin; it ends at the end of its input.
    let mut child = spawn_raw();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    raw_session_start(&mut stdin);
    let _ = stdout.read(&mut first);
    drop(stdout);
    std::thread::sleep(Duration::from_millis(300));
    for id in 100..200 {
        let r = json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/semanticTokens/full", "params": { "textDocument": { "uri": OTHER } } });
        if stdin.write_all(&frame(r.to_string().as_bytes())).is_err() {
            break;
        }
    }
    let _ = stdin.flush();
    std::thread::sleep(Duration::from_millis(500));
    let pid = child.id();
    let exited_alone = matches!(child.try_wait(), Ok(Some(_)));
    let ticks = if exited_alone {
        0
    } else {
        let t0 = cpu_ticks(pid);
        std::thread::sleep(Duration::from_secs(1));
        cpu_ticks(pid) - t0
    };
    drop(stdin);
    let status = wait_exit(&mut child, Duration::from_secs(20));
    report(format!(
        "client vanishing: both pipes closed → exit {:?} after {} ms; stdout closed only → {} (CPU {} ticks/s while idle), then stdin closed → exit {:?}",
        status.and(Some(1)),
        both.as_millis(),
        if exited_alone { "exited at once" } else { "kept reading" },
        ticks,
        status.map(|s| s.code())
    ));
    assert!(status.is_some(), "the server exits at the end of its input");
    assert!(ticks < 20, "the server spins after its client stopped reading: {ticks} ticks/s");
}

// ── 4. Hostile files in the CLI ───────────────────────────────────────────────────────────────

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `nianbao ARGS` as `sh -c 'PREFIX nianbao ARGS'` (PREFIX: resource limits, another user,
/// ending in `exec`), killed after 120 s.
fn nianbao_with(prefix: &str, args: &[&str], dir: &Path) -> Run {
    let mut cmd = Command::new("sh");
    cmd.arg("-c").arg(format!("{prefix} \"$0\" \"$@\"")).arg(harness::binary()).args(args).current_dir(dir);
    let mut child = cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let Some(status) = wait_exit(&mut child, Duration::from_secs(120)) else {
        let _ = child.kill();
        panic!("nianbao {args:?} did not finish within 120 s (a hang)");
    };
    Run { code: status.code(), stdout: out.join().unwrap(), stderr: err.join().unwrap() }
}

fn nianbao(args: &[&str], dir: &Path) -> Run {
    nianbao_with("exec", args, dir)
}

/// The paths and diagnostic codes of `--format json` output.
fn json_codes(stdout: &str) -> Vec<(String, Vec<String>)> {
    let v: Value = serde_json::from_str(stdout).unwrap_or_else(|e| panic!("JSON output: {e}: {stdout}"));
    v.as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let name = Path::new(f["path"].as_str().unwrap()).file_name().unwrap().to_string_lossy().into_owned();
            let codes = f["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_string()).collect();
            (name, codes)
        })
        .collect()
}

fn snapshot(dir: &Path) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let t = e.file_type().unwrap();
            if t.is_dir() {
                stack.push(e.path());
            } else if t.is_file() {
                out.push((e.path(), std::fs::read(e.path()).ok()));
            } else {
                out.push((e.path(), None));
            }
        }
    }
    out.sort();
    out
}

/// A folder of hostile files beside good ones.
fn hostile_folder() -> TempDir {
    let tmp = TempDir::new("hostile");
    let d = &tmp.0;
    let (_, sample) = harness::sample_report();
    std::fs::write(d.join("good.txt"), &sample).unwrap();
    std::fs::create_dir(d.join("sub")).unwrap();
    std::fs::write(d.join("sub/nested.nianbao"), &sample).unwrap();
    std::fs::write(d.join("gb18030.txt"), nianbao::encoding::encode(&sample, nianbao::encoding::Encoding::Gb18030)).unwrap();
    std::fs::write(d.join("empty.txt"), b"").unwrap();
    std::fs::write(d.join("binary.txt"), [0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0xff, 0xd8]).unwrap();
    std::fs::write(d.join("invalid.txt"), b"\xff\xfe\xfd not UTF-8, not GB18030").unwrap();
    std::fs::write(d.join("bom-then-invalid.txt"), b"\xef\xbb\xbf\xe4\xb8").unwrap();
    std::fs::File::create(d.join("sparse-1g.txt")).unwrap().set_len(1 << 30).unwrap();
    std::os::unix::fs::symlink(".", d.join("loop")).unwrap();
    std::os::unix::fs::symlink("self.txt", d.join("self.txt")).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", d.join("dangling.txt")).unwrap();
    std::os::unix::fs::symlink("good.txt", d.join("link.txt")).unwrap();
    assert!(Command::new("mkfifo").arg(d.join("fifo.txt")).status().unwrap().success());
    tmp
}

#[test]
fn hostile_files_in_the_cli() {
    let tmp = hostile_folder();
    let d = &tmp.0;
    let before = snapshot(d);
    // The folder, walked: bounded memory (500 MB of address space is far below the 1 GB file).
    let run = nianbao_with("ulimit -v 1000000; exec", &["check", "--format", "json", "--today", "2026-11-30", "."], d);
    assert_eq!(run.code, Some(2), "I/O problems: exit 2\n{}", run.stderr);
    for (file, message) in [
        ("binary.txt", "binary data"),
        ("invalid.txt", "neither UTF-8 nor GB18030"),
        ("bom-then-invalid.txt", "invalid UTF-8"),
        ("sparse-1g.txt", "too large"),
        ("fifo.txt", "not a regular file"),
    ] {
        assert!(run.stderr.lines().any(|l| l.contains(file) && l.contains(message)), "{file}: “{message}” in\n{}", run.stderr);
    }
    let files = json_codes(&run.stdout);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["empty.txt", "gb18030.txt", "good.txt", "nested.nianbao"], "the other files are still checked; links not followed");
    assert_eq!(files[1].1, files[2].1, "GB18030 gives the findings of UTF-8");
    assert!(files[0].1.contains(&"not-a-report".to_string()), "an empty file: {:?}", files[0].1);
    report(format!("hostile folder, walked: exit {:?}; stderr:\n{}", run.code, run.stderr.trim_end()));
    // The same named one by one, and the links named explicitly (followed, reported).
    let run = nianbao(&["check", "self.txt", "dangling.txt", "link.txt", "loop", "sparse-1g.txt", "empty.txt"], d);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("self.txt") && run.stderr.to_lowercase().contains("symbolic links"), "{}", run.stderr);
    assert!(run.stderr.contains("dangling.txt") && run.stderr.contains("No such file"), "{}", run.stderr);
    assert!(run.stdout.contains("link.txt"), "a link named is followed");
    assert!(run.stdout.contains("loop/good.txt"), "a link to a folder named is walked (once: the links in it are not followed)");
    assert!(!run.stdout.contains("loop/loop"));
    report(format!("hostile files, named: exit {:?}; stderr:\n{}", run.code, run.stderr.trim_end()));
    // `parse` and `--fix` on all of it: nothing written, nothing left behind.
    let run = nianbao(&["check", "--fix", "--today", "2026-11-30", "binary.txt", "invalid.txt", "bom-then-invalid.txt", "sparse-1g.txt", "empty.txt"], d);
    assert_eq!(run.code, Some(2));
    assert_eq!(snapshot(d), before, "--fix wrote nothing");
    // Peak memory of the CLI on the 1 GB file.
    let timed = Command::new("/usr/bin/time").args(["-f", "%M"]).arg(harness::binary()).args(["check", "sparse-1g.txt"]).current_dir(d).output();
    if let Ok(out) = timed {
        let kb = String::from_utf8_lossy(&out.stderr).lines().last().and_then(|l| l.trim().parse::<u64>().ok()).unwrap_or(0);
        report(format!("check of the 1 GB sparse file: peak RSS {kb} KiB, exit {:?}", out.status.code()));
        assert!(kb < 100_000, "bounded memory: {kb} KiB");
    }
}

/// Unreadable files and folders. Root reads files whatever their mode, so when run as root the
/// CLI runs as `nobody` (`setpriv`); without setpriv the test says SKIPPED.
#[test]
fn unreadable_files_and_folders() {
    let tmp = TempDir::new("unreadable");
    let d = &tmp.0;
    let (_, sample) = harness::sample_report();
    std::fs::write(d.join("good.txt"), &sample).unwrap();
    std::fs::write(d.join("secret.txt"), &sample).unwrap();
    std::fs::create_dir(d.join("closed")).unwrap();
    std::fs::write(d.join("closed/inside.txt"), &sample).unwrap();
    use std::os::unix::fs::PermissionsExt as _;
    for p in [d.clone(), d.join("good.txt")] {
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(if p.is_dir() { 0o755 } else { 0o644 })).unwrap();
    }
    std::fs::set_permissions(d.join("secret.txt"), std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(d.join("closed"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let root = std::fs::read(d.join("secret.txt")).is_ok();
    let prefix = if root {
        if Command::new("setpriv").arg("--version").output().is_err() {
            eprintln!("SKIPPED: running as root without setpriv: mode 000 does not stop root");
            return;
        }
        "exec setpriv --reuid=65534 --regid=65534 --clear-groups"
    } else {
        "exec"
    };
    let run = nianbao_with(prefix, &["check", "--format", "json", "--today", "2026-11-30", "."], d);
    std::fs::set_permissions(d.join("closed"), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("secret.txt") && run.stderr.contains("Permission denied"), "{}", run.stderr);
    assert!(run.stderr.contains("closed") && run.stderr.matches("Permission denied").count() == 2, "{}", run.stderr);
    let names: Vec<String> = json_codes(&run.stdout).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["good.txt"], "the other files are still checked");
    report(format!("unreadable file and folder{}: exit {:?}; stderr:\n{}", if root { " (as nobody, via setpriv)" } else { "" }, run.code, run.stderr.trim_end()));
}

// ── 5. `--fix` never loses data ───────────────────────────────────────────────────────────────

#[test]
fn fix_never_loses_data() {
    let tmp = TempDir::new("fix");
    let d = &tmp.0;
    let (_, sample) = harness::sample_report();
    // What --fix makes of the sample report.
    let fixed = {
        let f = TempDir::new("fix-probe");
        std::fs::write(f.0.join("r.txt"), &sample).unwrap();
        let run = nianbao(&["check", "--fix", "--today", "2026-11-30", "r.txt"], &f.0);
        assert!(run.stdout.contains("applied"), "{}", run.stdout);
        std::fs::read_to_string(f.0.join("r.txt")).unwrap()
    };
    assert_ne!(fixed, sample, "the sample report has determinate fixes");

    // 1. The write is interrupted: the file-size limit kills the process (SIGXFSZ) while it
    //    writes the temporary file. The original is intact.
    std::fs::write(d.join("r.txt"), &sample).unwrap();
    let run = nianbao_with("ulimit -f 4; exec", &["check", "--fix", "--today", "2026-11-30", "r.txt"], d);
    assert_ne!(run.code, Some(0));
    assert_eq!(std::fs::read_to_string(d.join("r.txt")).unwrap(), sample, "an interrupted write leaves the original intact");
    let litter: Vec<String> =
        std::fs::read_dir(d).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).filter(|n| n != "r.txt").collect();
    report(format!("--fix killed while writing (ulimit -f 4 → SIGXFSZ): exit {:?}, original intact, left behind: {litter:?}", run.code));
    for l in &litter {
        std::fs::remove_file(d.join(l)).unwrap();
    }

    // 2. Read-only file: fixed, its mode kept. A symlink: the file it points to is fixed, the link
    //    stays a link.
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(d.join("r.txt"), std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::write(d.join("target.txt"), &sample).unwrap();
    std::os::unix::fs::symlink("target.txt", d.join("link.txt")).unwrap();
    let run = nianbao(&["check", "--fix", "--today", "2026-11-30", "r.txt", "link.txt"], d);
    assert!(run.code.is_some_and(|c| c < 2), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(d.join("r.txt")).unwrap(), fixed);
    assert_eq!(std::fs::metadata(d.join("r.txt")).unwrap().permissions().mode() & 0o777, 0o444);
    assert!(std::fs::symlink_metadata(d.join("link.txt")).unwrap().file_type().is_symlink(), "the link stays a link");
    assert_eq!(std::fs::read_to_string(d.join("target.txt")).unwrap(), fixed, "the file linked to is fixed");

    // 3. GB18030 and BOM files are written back in their encoding.
    let gb = nianbao::encoding::encode(&sample, nianbao::encoding::Encoding::Gb18030);
    std::fs::write(d.join("gb.txt"), &gb).unwrap();
    std::fs::write(d.join("bom.txt"), [b"\xef\xbb\xbf".as_slice(), sample.as_bytes()].concat()).unwrap();
    nianbao(&["check", "--fix", "--today", "2026-11-30", "gb.txt", "bom.txt"], d);
    assert_eq!(std::fs::read(d.join("gb.txt")).unwrap(), nianbao::encoding::encode(&fixed, nianbao::encoding::Encoding::Gb18030));
    assert_eq!(std::fs::read(d.join("bom.txt")).unwrap(), [b"\xef\xbb\xbf".as_slice(), fixed.as_bytes()].concat());
    let names: Vec<String> = std::fs::read_dir(d).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "no temporary file left: {names:?}");
}

/// Hostile files in the server's workspace: a FIFO announced as a report file (reading it would
/// block for ever, holding the workspace), a 1 GB sparse file. The server still checks.
#[test]
fn hostile_files_in_the_servers_workspace() {
    let tmp = TempDir::new("ws-hostile");
    let d = &tmp.0;
    assert!(Command::new("mkfifo").arg(d.join("2024.txt")).status().unwrap().success());
    std::fs::File::create(d.join("big.txt")).unwrap().set_len(1 << 30).unwrap();
    std::fs::write(d.join("binary.txt"), [0u8, 1, 2, 3]).unwrap();
    let mut c = Client::start(capabilities(&[], false), settings(), Some(d));
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": harness::file_uri(&d.join("2024.txt")), "type": 1 }, { "uri": harness::file_uri(&d.join("big.txt")), "type": 1 }] }),
    );
    let (_, sample) = harness::sample_report();
    let uri = harness::file_uri(&d.join("2025.txt"));
    c.open(&uri, &sample);
    let diagnostics = wait_diagnostics(&mut c, &uri, 1, Duration::from_secs(30));
    assert!(!diagnostics.is_empty());
    report(format!("workspace with a FIFO and a 1 GB file: diagnostics published; peak RSS {} KiB", c.peak_rss_kib().unwrap_or(0)));
    assert!(c.shutdown().success());
}

/// Only LF and CRLF end a line: a lone CR is content, also at a line's end. `LineIndex` (hover,
/// code actions, range formatting) and the server's edits agree on where a position is.
#[test]
fn a_lone_cr_is_content_for_positions() {
    use nianbao::syntax::{LineCol, LineIndex, PositionEncoding};
    let text = "ab\r\r\nc\r";
    let index = LineIndex::new(text);
    let at = |line, col| index.offset(text, LineCol { line, col }, PositionEncoding::Utf16);
    assert_eq!(at(0, 99), 3, "the end of line 0 is before its CRLF, after the lone CR");
    assert_eq!(at(1, 99), text.len(), "a trailing lone CR belongs to the last line");
    for offset in [0, 1, 2, 3, 5, 6, 7] {
        let pos = index.position(text, offset, PositionEncoding::Utf16);
        assert_eq!(index.offset(text, pos, PositionEncoding::Utf16), offset, "round trip of {offset}");
    }
    // The same positions as edits through the server.
    let mut c = utf16_client();
    let uri = "file:///tmp/nianbao-reliability/lone-cr.txt";
    c.open(uri, text);
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [
            { "range": { "start": { "line": 1, "character": 99 }, "end": { "line": 1, "character": 99 } }, "text": "Y" },
            { "range": { "start": { "line": 0, "character": 99 }, "end": { "line": 0, "character": 99 } }, "text": "X" },
        ] }),
    );
    assert_eq!(c.server_text(uri)["text"], "ab\rX\r\nc\rY");
    assert!(c.shutdown().success());
}

/// A GB18030 file is written back in GB18030. The WHATWG decoder reads a few byte sequences
/// that the encoder writes differently (0x80, the euro sign of CP936, is written A2 E3): the
/// characters are kept, those bytes are normalized.
#[test]
fn gb18030_fix_keeps_every_character() {
    let tmp = TempDir::new("gb-euro");
    let (_, sample) = harness::sample_report();
    let with_euro = sample.replacen("江北市生态环境局", "江北市生态环境局€", 1);
    let mut bytes = nianbao::encoding::encode(&with_euro, nianbao::encoding::Encoding::Gb18030);
    let euro = nianbao::encoding::encode("€", nianbao::encoding::Encoding::Gb18030);
    let at = bytes.windows(euro.len()).position(|w| w == euro.as_slice()).unwrap();
    bytes.splice(at..at + euro.len(), [0x80]);
    std::fs::write(tmp.0.join("r.txt"), &bytes).unwrap();
    let run = nianbao(&["check", "--fix", "--today", "2026-11-30", "r.txt"], &tmp.0);
    assert!(run.stdout.contains("applied"), "{}", run.stdout);
    let (after, enc) = nianbao::encoding::decode(&std::fs::read(tmp.0.join("r.txt")).unwrap()).unwrap();
    assert_eq!(enc, nianbao::encoding::Encoding::Gb18030);
    assert!(after.starts_with("江北市生态环境局€\n"), "the euro sign is kept");
    assert_eq!(props::words(&after).chars().filter(|c| !c.is_ascii_digit()).count(), props::words(&with_euro).chars().filter(|c| !c.is_ascii_digit()).count());
}
