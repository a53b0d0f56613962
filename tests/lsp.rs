//! End-to-end tests of `nianbao lsp`: the real binary over stdio, driven by `harness::Client`.
//!
//! Tests marked `[needs rules]` assert diagnostics of the checker (e.g. `table3-balance` on the
//! fixture whose table 三 does not balance); they pass once the rules report them.

mod harness;
// The properties shared with the fuzz targets (numbers and words that formatting must keep).
#[path = "../fuzz/src/props.rs"]
mod props;

use std::time::Duration;

use harness::{Client, Rng, TempDir, capabilities, file_uri, find_nth, fixture, position};
use serde_json::{Value, json};

/// Settings that make the checker's results deterministic (fixtures assume this date).
fn settings() -> Value {
    json!({ "today": "2026-11-30" })
}

fn utf8_client() -> Client {
    Client::start(capabilities(&["utf-8", "utf-16"], false), settings(), None)
}

fn utf16_client() -> Client {
    Client::start(capabilities(&[], false), settings(), None)
}

const URI: &str = "file:///tmp/nianbao-test/report.txt";

fn hover(c: &mut Client, uri: &str, text: &str, offset: usize) -> Value {
    let pos = position(text, offset, &c.encoding.clone());
    c.request("textDocument/hover", json!({ "textDocument": { "uri": uri }, "position": pos })).expect("hover")
}

fn hover_text(h: &Value) -> String {
    h["contents"]["value"].as_str().unwrap_or_default().to_string()
}

// ── Lifecycle ────────────────────────────────────────────────────────────────────────────────

#[test]
fn initialize_shutdown_exit() {
    let c = utf8_client();
    assert_eq!(c.encoding, "utf-8");
    let caps = &c.capabilities;
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(caps["hoverProvider"], true);
    assert!(caps["semanticTokensProvider"]["full"]["delta"].as_bool().unwrap());
    assert!(caps["executeCommandProvider"]["commands"].as_array().unwrap().contains(&json!("nianbao.newReport")));
    assert!(caps["codeActionProvider"]["codeActionKinds"].as_array().unwrap().contains(&json!("source.fixAll.nianbao")));
    let status = c.shutdown();
    assert!(status.success(), "exit code 0 after shutdown: {status:?}");
}

#[test]
fn exit_without_shutdown_is_an_error_exit() {
    let mut c = utf16_client();
    c.notify("exit", Value::Null);
    let status = c.wait_exit();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn end_of_input_ends_the_server() {
    let mut c = utf16_client();
    c.close_stdin();
    let status = c.wait_exit();
    assert!(status.code().is_some());
}

#[test]
fn encoding_negotiation() {
    assert_eq!(utf16_client().encoding, "utf-16", "no encodings offered → UTF-16");
    let c = Client::start(capabilities(&["utf-32", "utf-16"], false), settings(), None);
    assert_eq!(c.encoding, "utf-16", "UTF-8 not offered → UTF-16");
    let c = Client::start(capabilities(&["utf-16", "utf-8"], false), settings(), None);
    assert_eq!(c.encoding, "utf-8", "UTF-8 offered → UTF-8");
}

// ── Positions with CJK and astral characters ─────────────────────────────────────────────────

const ASTRAL: &str = "2024年政府信息公开工作年度报告\n\n一、总体情况\n\n𠀀😀　依据第三十六条，“𠀀”😀第二十条第（一）项。\n";

#[test]
fn astral_columns_in_both_encodings() {
    for mut c in [utf8_client(), utf16_client()] {
        let enc = c.encoding.clone();
        c.open(URI, ASTRAL);
        for (needle, expect) in [("第三十六条", "第三十六条"), ("第二十条第（一）项", "行政法规、规章和规范性文件")] {
            let at = ASTRAL.find(needle).unwrap();
            let h = hover(&mut c, URI, ASTRAL, at + 3);
            assert!(hover_text(&h).contains(expect), "{enc}: {h}");
            // The returned range is the clause reference, in the negotiated encoding.
            assert_eq!(h["range"]["start"], position(ASTRAL, at, &enc), "{enc}");
            assert_eq!(h["range"]["end"], position(ASTRAL, at + needle.len(), &enc), "{enc}");
        }
        // Columns differ between the encodings exactly as they should.
        let at = ASTRAL.find("第三十六条").unwrap();
        let col = position(ASTRAL, at, &enc)["character"].as_u64().unwrap();
        assert_eq!(col, if enc == "utf-8" { 4 + 4 + 3 + 6 } else { 2 + 2 + 1 + 2 }, "{enc}");
        // An edit addressed in the negotiated encoding lands in the right place.
        let after_emoji = ASTRAL.find("😀第二十条").unwrap() + "😀".len();
        let pos = position(ASTRAL, after_emoji, &enc);
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": URI, "version": 2 },
                    "contentChanges": [{ "range": { "start": pos, "end": pos }, "text": "🀄" }] }),
        );
        let server = c.server_text(URI);
        let mut expected = ASTRAL.to_string();
        expected.insert(after_emoji, '🀄');
        assert_eq!(server["text"], expected, "{enc}");
        assert_eq!(server["consistent"], true);
        // A column inside a surrogate pair (UTF-16) is clamped to the character's start.
        if enc == "utf-16" {
            let line = 4;
            let h = c
                .request("textDocument/hover", json!({ "textDocument": { "uri": URI }, "position": { "line": line, "character": 1 } }))
                .unwrap();
            assert!(h.is_null() || h.is_object());
        }
    }
}

// ── Hover ─────────────────────────────────────────────────────────────────────────────────────

#[test]
fn hover_on_clause_ref_in_the_seed_report() {
    let Some((_, text)) = harness::seed_report() else { return };
    let mut c = utf16_client();
    c.open(URI, &text);
    let at = text.find("第二十条第（一）项").unwrap();
    let h = hover(&mut c, URI, &text, at + 3);
    let md = hover_text(&h);
    assert!(md.contains("（一）行政法规、规章和规范性文件；"), "{md}");
    assert!(md.contains("国务院令第711号"), "source line: {md}");
    // The citation of the format: the issuer precedes the grammar's doc_number.
    let at = text.find("〔2021〕30").unwrap();
    let md = hover_text(&hover(&mut c, URI, &text, at + 3));
    assert!(md.contains("国办公开办函〔2021〕30号"), "{md}");
    // A section heading says what the section holds.
    let at = text.find("三、收到和处理政府信息公开申请情况").unwrap();
    let md = hover_text(&hover(&mut c, URI, &text, at + 6));
    assert!(md.contains("表三"), "{md}");
    // A row label of table 三.
    let at = text.find("属于国家秘密").unwrap();
    let md = hover_text(&hover(&mut c, URI, &text, at + 3));
    assert!(md.contains("国家秘密"), "{md}");
}

#[test]
fn hover_in_english() {
    let mut c = Client::start_with(capabilities(&[], false), settings(), None, Some("en-US"), &[]);
    c.open(URI, ASTRAL);
    let at = ASTRAL.find("第三十六条").unwrap();
    let md = hover_text(&hover(&mut c, URI, ASTRAL, at + 3));
    assert!(md.contains("Source:"), "{md}");
}

#[test]
fn hover_on_sample_report() {
    let (_, text) = harness::sample_report();
    let mut c = utf8_client();
    c.open(URI, &text);
    let at = text.find("第二十条第（五）项").unwrap();
    let md = hover_text(&hover(&mut c, URI, &text, at));
    assert!(md.contains("（五）"), "{md}");
    let at = text.find("国务院令第711号").unwrap();
    let md = hover_text(&hover(&mut c, URI, &text, at + 3));
    assert!(md.contains("711"), "{md}");
}

// ── Outline, folding, selection, tokens ──────────────────────────────────────────────────────

#[test]
fn document_symbols_of_the_seed_report() {
    let Some((_, text)) = harness::seed_report() else { return };
    let mut c = utf16_client();
    c.open(URI, &text);
    let symbols = c.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": URI } })).unwrap();
    let names: Vec<String> = symbols.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap().to_string()).collect();
    for heading in ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "六、其他需要报告的事项"] {
        assert!(names.iter().any(|n| n == heading), "{heading} in {names:?}");
    }
    let s1 = symbols.as_array().unwrap().iter().find(|s| s["name"] == "一、总体情况").unwrap();
    let subs: Vec<&str> = s1["children"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(subs.len(), 5, "{subs:?}");
    let s3 = symbols.as_array().unwrap().iter().find(|s| s["name"] == "三、收到和处理政府信息公开申请情况").unwrap();
    assert!(s3["children"].as_array().unwrap().iter().any(|t| t["name"] == "表三"), "{s3}");
}

#[test]
fn folding_and_selection_ranges() {
    let (_, text) = harness::sample_report();
    let mut c = utf16_client();
    c.open(URI, &text);
    let folds = c.request("textDocument/foldingRange", json!({ "textDocument": { "uri": URI } })).unwrap();
    let folds = folds.as_array().unwrap();
    let section_line = position(&text, text.find("一、总体情况").unwrap(), "utf-16")["line"].clone();
    assert!(folds.iter().any(|f| f["startLine"] == section_line), "a fold starts at section 一: {folds:?}");
    assert!(folds.iter().all(|f| f["endLine"].as_u64() > f["startLine"].as_u64()));

    let at = text.find("行政规范性文件\t").unwrap() + 3;
    let sel = c
        .request(
            "textDocument/selectionRange",
            json!({ "textDocument": { "uri": URI }, "positions": [position(&text, at, "utf-16")] }),
        )
        .unwrap();
    let mut depth = 0;
    let mut node = &sel[0];
    while node.is_object() {
        depth += 1;
        node = &node["parent"];
    }
    assert!(depth >= 4, "cell → row → table → section → document: {sel}");
}

/// Decodes semantic tokens into (line, start, length, type name).
fn decode_tokens(data: &[Value], legend: &Value) -> Vec<(u64, u64, u64, String)> {
    let types = legend["tokenTypes"].as_array().unwrap();
    let mut out = Vec::new();
    let (mut line, mut col) = (0u64, 0u64);
    let nums: Vec<u64> = data.iter().map(|v| v.as_u64().unwrap()).collect();
    for t in nums.chunks(5) {
        if t[0] > 0 {
            line += t[0];
            col = t[1];
        } else {
            col += t[1];
        }
        out.push((line, col, t[2], types[t[3] as usize].as_str().unwrap().to_string()));
    }
    out
}

#[test]
fn semantic_tokens_full_and_delta() {
    let (_, text) = harness::sample_report();
    let mut c = utf16_client();
    let legend = c.capabilities["semanticTokensProvider"]["legend"].clone();
    c.open(URI, &text);
    let full = c.request("textDocument/semanticTokens/full", json!({ "textDocument": { "uri": URI } })).unwrap();
    let data = full["data"].as_array().unwrap().clone();
    let tokens = decode_tokens(&data, &legend);
    let heading = text.find("二、主动公开政府信息情况").unwrap();
    let pos = position(&text, heading, "utf-16");
    assert!(
        tokens.iter().any(|t| t.0 == pos["line"].as_u64().unwrap() && t.1 == 0 && t.3 == "class"),
        "section heading token"
    );
    assert!(tokens.iter().any(|t| t.3 == "number"));
    assert!(tokens.iter().any(|t| t.3 == "macro"), "clause refs");

    // Edit, then ask for a delta: applying it gives the same tokens as a fresh full request.
    let at = position(&text, heading, "utf-16");
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 2 },
                "contentChanges": [{ "range": { "start": at, "end": at }, "text": "新增一行第二十条\n" }] }),
    );
    let delta = c
        .request(
            "textDocument/semanticTokens/full/delta",
            json!({ "textDocument": { "uri": URI }, "previousResultId": full["resultId"] }),
        )
        .unwrap();
    let mut patched: Vec<Value> = data.clone();
    if let Some(edits) = delta["edits"].as_array() {
        for e in edits {
            let s = e["start"].as_u64().unwrap() as usize;
            let n = e["deleteCount"].as_u64().unwrap() as usize;
            let new: Vec<Value> = e["data"].as_array().cloned().unwrap_or_default();
            patched.splice(s..s + n, new);
        }
    } else {
        patched = delta["data"].as_array().unwrap().clone();
    }
    let fresh = c.request("textDocument/semanticTokens/full", json!({ "textDocument": { "uri": URI } })).unwrap();
    assert_eq!(patched, fresh["data"].as_array().unwrap().clone());
}

// ── Formatting ────────────────────────────────────────────────────────────────────────────────

fn format_once(c: &mut Client, uri: &str, text: &str, version: i64) -> (String, usize) {
    let edits = c
        .request("textDocument/formatting", json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 4, "insertSpaces": true } }))
        .unwrap();
    let edits = edits.as_array().cloned().unwrap_or_default();
    let enc = c.encoding.clone();
    let out = harness::apply_edits(text, &edits, &enc);
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": out }] }),
    );
    (out, edits.len())
}

#[test]
fn formatting_is_idempotent_and_keeps_numbers_and_words() {
    let mut inputs = vec![harness::sample_report().1];
    if let Some((_, t)) = harness::seed_report() {
        inputs.push(t);
    }
    for text in inputs {
        for mut c in [utf8_client(), utf16_client()] {
            c.open(URI, &text);
            let (once, n) = format_once(&mut c, URI, &text, 2);
            assert!(n > 0, "TAB tables are converted");
            assert!(once.contains("| 规章"), "pipe tables");
            assert_eq!(props::numbers(&once), props::numbers(&text), "numbers unchanged");
            assert_eq!(props::words(&once), props::words(&text), "words unchanged");
            let (twice, n2) = format_once(&mut c, URI, &once, 3);
            assert_eq!(n2, 0, "second run has nothing to do");
            assert_eq!(twice, once);
        }
    }
}

#[test]
fn range_formatting_only_touches_the_range() {
    let (_, text) = harness::sample_report();
    let mut c = utf16_client();
    c.open(URI, &text);
    let at = text.find("行政许可\t").unwrap();
    let p = position(&text, at, "utf-16");
    let edits = c
        .request(
            "textDocument/rangeFormatting",
            json!({ "textDocument": { "uri": URI }, "range": { "start": p, "end": p }, "options": { "tabSize": 4, "insertSpaces": true } }),
        )
        .unwrap();
    let edits = edits.as_array().unwrap();
    assert_eq!(edits.len(), 1, "{edits:?}");
    let out = harness::apply_edits(&text, edits, "utf-16");
    assert!(out.contains("| 行政许可"), "{out}");
    assert!(out.contains("一、本年新收政府信息公开申请数量\t"), "other tables untouched");
}

// ── Bursts of edits ───────────────────────────────────────────────────────────────────────────

#[test]
fn burst_of_changes_keeps_server_text_equal_to_clients() {
    let (_, base) = harness::sample_report();
    let inserts = ["第二十条", "𠀀", "😀", "　", "\t0", "\n", "一、", "（二）", "12", "总计", "\r\n"];
    for mut c in [utf8_client(), utf16_client()] {
        let enc = c.encoding.clone();
        c.open(URI, &base);
        let mut text = base.clone();
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut version = 1;
        let mut pending = Vec::new();
        for i in 0..200 {
            version += 1;
            // A random edit on character boundaries: delete a short span and insert a piece.
            let mut start = rng.below(text.len() + 1);
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + rng.below(12)).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            // Never split a CRLF (clients don't).
            if start > 0 && text.as_bytes()[start - 1] == b'\r' {
                start -= 1;
            }
            if end < text.len() && end > 0 && text.as_bytes()[end - 1] == b'\r' {
                end += 1;
            }
            let insert = inserts[rng.below(inserts.len())];
            let range = json!({ "start": position(&text, start, &enc), "end": position(&text, end, &enc) });
            c.notify(
                "textDocument/didChange",
                json!({ "textDocument": { "uri": URI, "version": version }, "contentChanges": [{ "range": range, "text": insert }] }),
            );
            text.replace_range(start..end, insert);
            if i % 10 == 5 {
                let at = rng.below(text.len());
                let mut at = at;
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                let p = position(&text, at, &enc);
                pending.push(c.send_request("textDocument/hover", json!({ "textDocument": { "uri": URI }, "position": p })));
                pending.push(c.send_request(
                    "textDocument/codeAction",
                    json!({ "textDocument": { "uri": URI }, "range": { "start": p, "end": p }, "context": { "diagnostics": [] } }),
                ));
            }
        }
        for id in pending {
            let r = c.response(id);
            assert!(r.is_ok(), "{r:?}");
        }
        let server = c.server_text(URI);
        assert_eq!(server["version"], version);
        assert_eq!(server["text"].as_str().unwrap(), text, "{enc}: server text equals the client's");
        assert_eq!(server["consistent"], true, "the tree and line index are those of the text");
        // The diagnostics of the final version arrive; none for an older version after a newer one.
        c.diagnostics_for(URI, version);
        let versions: Vec<i64> =
            c.published.iter().filter(|p| p["uri"] == URI).filter_map(|p| p["version"].as_i64()).collect();
        assert!(versions.windows(2).all(|w| w[0] < w[1]), "published versions only go up: {versions:?}");
        assert_eq!(*versions.last().unwrap(), version);
        // A fresh parse of the text gives the same tree state as the incremental one.
        let status = c.shutdown();
        assert!(status.success());
    }
}

// ── Robustness ────────────────────────────────────────────────────────────────────────────────

#[test]
fn malformed_input_and_unknown_methods_do_not_kill_the_server() {
    let mut c = utf16_client();
    c.send_raw("{ this is not json");
    let parse_error = c.wait_for_response_with_null_id();
    assert_eq!(parse_error["error"]["code"], -32700, "{parse_error}");
    c.send_raw(r#"{"jsonrpc":"2.0","id":"x","method":42}"#);
    c.send_raw(r#"{"jsonrpc":"1.0","id":"raw-5","method":"textDocument/hover"}"#);
    let r = c.request("nianbao/noSuchMethod", json!({}));
    assert_eq!(r.unwrap_err()["code"], -32601, "method not found");
    for id in ["x", "raw-5"] {
        for _ in 0..50 {
            if c.inbox.iter().any(|m| m["id"] == id) {
                break;
            }
            c.pump(Duration::from_millis(100));
        }
        let reply = c.inbox.iter().find(|m| m["id"] == id).unwrap_or_else(|| panic!("a reply to {id}: {:?}", c.inbox));
        assert_eq!(reply["error"]["code"], -32600, "invalid request: {reply}");
    }
    c.notify("nianbao/noSuchNotification", json!({}));
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": "file:///never/opened.txt", "version": 2 },
                "contentChanges": [{ "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "text": "x" }] }),
    );
    let h = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": "file:///never/opened.txt" }, "position": { "line": 0, "character": 0 } }),
    );
    assert_eq!(h, Ok(Value::Null));
    // Positions far out of range are clamped.
    c.open(URI, ASTRAL);
    let h = c.request("textDocument/hover", json!({ "textDocument": { "uri": URI }, "position": { "line": 999, "character": 999 } }));
    assert!(h.is_ok());
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 2 },
                "contentChanges": [{ "range": { "start": { "line": 99, "character": 5 }, "end": { "line": 0, "character": 999 } }, "text": "" }] }),
    );
    let server = c.server_text(URI);
    assert_eq!(server["consistent"], true);
    assert!(c.shutdown().success());
}

#[test]
fn a_panic_is_logged_and_the_server_keeps_serving() {
    let mut c = Client::start_with(capabilities(&[], false), settings(), None, None, &[("NIANBAO_LSP_DEBUG", "1")]);
    let r = c.request("nianbao/debugPanic", Value::Null);
    assert!(r.is_err(), "{r:?}");
    c.wait_for("window/logMessage", |p| p["type"] == 1 && p["message"].as_str().unwrap_or("").contains("deliberate panic"));
    c.open(URI, ASTRAL);
    let at = ASTRAL.find("第三十六条").unwrap();
    let md = hover_text(&hover(&mut c, URI, ASTRAL, at));
    assert!(md.contains("第三十六条"));
    assert!(c.shutdown().success());
}

// ── Completion and commands ───────────────────────────────────────────────────────────────────

#[test]
fn completion_offers_the_next_missing_section_first() {
    let text = "2024年政府信息公开工作年度报告\n\n一、总体情况\n\n内容。\n\n\n\n三、收到和处理政府信息公开申请情况\n";
    let mut c = utf16_client();
    c.open(URI, text);
    let at = text.find("内容。\n").unwrap() + "内容。\n\n".len();
    let items = c
        .request("textDocument/completion", json!({ "textDocument": { "uri": URI }, "position": position(text, at, "utf-16") }))
        .unwrap();
    let mut items: Vec<Value> = items.as_array().unwrap().clone();
    items.sort_by(|a, b| a["sortText"].as_str().cmp(&b["sortText"].as_str()));
    assert_eq!(items[0]["label"], "二、主动公开政府信息情况");
    assert!(items.iter().any(|i| i["label"].as_str().unwrap().starts_with("表三")));
    // Clause references after 第.
    let text2 = "一、总体情况\n依据第三十";
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": "file:///tmp/nianbao-test/b.txt", "languageId": "nianbao", "version": 1, "text": text2 } }),
    );
    let items = c
        .request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": "file:///tmp/nianbao-test/b.txt" }, "position": position(text2, text2.len(), "utf-16") }),
        )
        .unwrap();
    let item = items.as_array().unwrap().iter().find(|i| i["label"] == "第三十六条").expect("第三十六条 offered");
    assert_eq!(item["textEdit"]["range"]["start"], position(text2, text2.find("第三十").unwrap(), "utf-16"));
}

#[test]
fn new_report_command() {
    let mut c = utf16_client();
    let r = c.request("workspace/executeCommand", json!({ "command": "nianbao.newReport", "arguments": [2025] })).unwrap();
    let text = r.as_str().unwrap();
    assert!(text.contains("2025年政府信息公开工作年度报告"));
    assert!(text.contains("统计期限自2025年1月1日起至2025年12月31日止"));
    assert!(text.contains("一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0"));
    let r = c.request("workspace/executeCommand", json!({ "command": "nianbao.newReport", "arguments": ["2020"] })).unwrap();
    assert!(r.as_str().unwrap().contains("国办公开办函〔2019〕60号"), "2020 uses the 2019 layout");
    assert!(c.request("workspace/executeCommand", json!({ "command": "nianbao.newReport", "arguments": [] })).is_err());
    // With a document, the template is applied to it (workspace/applyEdit).
    c.open(URI, "");
    c.request("workspace/executeCommand", json!({ "command": "nianbao.newReport", "arguments": [2025, URI] })).unwrap();
    for _ in 0..100 {
        if !c.applied_edits.is_empty() {
            break;
        }
        c.pump(Duration::from_millis(100));
    }
    assert_eq!(c.applied_edits.len(), 1);
    let edit = &c.applied_edits[0]["edit"]["changes"][URI][0];
    assert!(edit["newText"].as_str().unwrap().contains("2025年政府信息公开工作年度报告"));
}

// ── Diagnostics, code actions, configuration ─────────────────────────────────────────────────

#[test]
fn clean_report_has_no_diagnostics_and_pull_works() {
    let Some((_, text)) = harness::fixture("clean-2024-department.txt") else { return };
    let mut c = utf16_client();
    c.open(URI, &text);
    let diags = c.diagnostics_for(URI, 1);
    assert!(diags.is_empty(), "{diags:?}");

    let mut p = Client::start(capabilities(&["utf-8"], true), settings(), None);
    p.open(URI, &text);
    let r = p.request("textDocument/diagnostic", json!({ "textDocument": { "uri": URI } })).unwrap();
    assert_eq!(r["kind"], "full");
    assert!(r["items"].as_array().unwrap().is_empty());
    let again = p
        .request("textDocument/diagnostic", json!({ "textDocument": { "uri": URI }, "previousResultId": r["resultId"] }))
        .unwrap();
    assert_eq!(again["kind"], "unchanged");
    p.pump(Duration::from_millis(200));
    assert!(p.published.is_empty(), "pull clients get no pushed diagnostics");
}

/// [needs rules] table 三 does not balance.
#[test]
fn table3_balance_diagnostic_hover_and_actions() {
    let Some((_, text)) = harness::fixture("table3-balance-pos.txt") else { return };
    let root = TempDir::new("balance");
    let mut c = Client::start(capabilities(&["utf-8", "utf-16"], false), settings(), Some(&root.0));
    let uri = harness::file_uri(&root.0.join("report.txt"));
    c.open(&uri, &text);
    let diags = c.diagnostics_for(&uri, 1);
    let balance: Vec<&Value> = diags.iter().filter(|d| d["code"] == "table3-balance").collect();
    assert!(!balance.is_empty(), "[needs rules] table3-balance reported: {diags:?}");
    let d = balance[0];
    assert_eq!(d["source"], "nianbao");
    assert_eq!(d["severity"], 1);
    assert!(d["codeDescription"]["href"].as_str().unwrap().ends_with("#table3-balance"));
    assert!(d["relatedInformation"].as_array().is_some_and(|r| !r.is_empty()), "the cells of the sum are related");

    // Hover on the diagnostic explains the rule and cites its basis.
    let enc = c.encoding.clone();
    let start = harness::offset(&text, &d["range"]["start"], &enc);
    let md = hover_text(&hover(&mut c, &uri, &text, start));
    assert!(md.contains("table3-balance"), "{md}");

    // Code actions: the fix (preferred), suppress, turn off in nianbao.toml, fix all.
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": d["range"], "context": { "diagnostics": [d] } }),
        )
        .unwrap();
    let actions = actions.as_array().unwrap();
    let fix = actions.iter().find(|a| a["isPreferred"] == true).expect("a preferred quick fix");
    assert_eq!(fix["kind"], "quickfix");
    let fixed = harness::apply_edits(&text, fix["edit"]["changes"][&uri].as_array().unwrap(), &enc);
    assert_ne!(fixed, text);
    let suppress = actions
        .iter()
        .find(|a| a["edit"]["changes"][&uri].as_array().is_some_and(|e| e[0]["newText"].as_str().unwrap().contains("nianbao-disable-next-line table3-balance")))
        .expect("suppress action");
    let _ = suppress;
    let toml = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("nianbao.toml"))
        .expect("turn off in nianbao.toml");
    let ops = toml["edit"]["documentChanges"].as_array().unwrap();
    assert_eq!(ops[0]["kind"], "create");
    assert!(ops[0]["uri"].as_str().unwrap().ends_with("/nianbao.toml"));
    assert_eq!(ops[1]["edits"][0]["newText"], "[rules]\ntable3-balance = \"off\"\n");
    assert!(actions.iter().any(|a| a["kind"] == "source.fixAll.nianbao"));

    // Applying the quick fix clears the diagnostic.
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": fixed }] }),
    );
    let after = c.diagnostics_for(&uri, 2);
    let count = |ds: &[Value]| ds.iter().filter(|d| d["code"] == "table3-balance").count();
    assert!(count(&after) < count(&diags), "{after:?}");

    // Writing nianbao.toml turns the rule off live.
    std::fs::write(root.0.join("nianbao.toml"), "[rules]\ntable3-balance = \"off\"\n").unwrap();
    c.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": harness::file_uri(&root.0.join("nianbao.toml")), "type": 1 }] }));
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 3 }, "contentChanges": [{ "text": text }] }),
    );
    let off = c.diagnostics_for(&uri, 3);
    assert!(off.iter().all(|d| d["code"] != "table3-balance"), "{off:?}");
}

/// [needs rules] settings from initializationOptions and didChangeConfiguration apply live.
#[test]
fn configuration_applies_live() {
    let Some((_, text)) = harness::fixture("table3-balance-pos.txt") else { return };
    let mut c = Client::start(
        capabilities(&[], false),
        json!({ "today": "2026-11-30", "rules": { "table3-balance": "off" } }),
        None,
    );
    c.open(URI, &text);
    let diags = c.diagnostics_for(URI, 1);
    assert!(diags.iter().all(|d| d["code"] != "table3-balance"), "{diags:?}");
    c.notify("workspace/didChangeConfiguration", json!({ "settings": { "nianbao": { "today": "2026-11-30", "rules": { "table3-balance": "hint" } } } }));
    let p = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == URI && p["diagnostics"].as_array().is_some_and(|d| d.iter().any(|d| d["code"] == "table3-balance"))
    });
    let d = p["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "table3-balance").unwrap().clone();
    assert_eq!(d["severity"], 4, "[needs rules] severity from the settings");
    // A bad setting is reported, the rest applies.
    c.notify("workspace/didChangeConfiguration", json!({ "settings": { "rules": { "no-such-rule": "off" } } }));
    c.wait_for("window/showMessage", |p| p["message"].as_str().unwrap_or("").contains("no-such-rule"));
}

#[test]
fn seed_report_diagnostics_arrive_in_both_modes() {
    let Some((_, text)) = harness::seed_report() else { return };
    let mut c = utf16_client();
    c.open(URI, &text);
    let diags = c.diagnostics_for(URI, 1);
    for d in &diags {
        assert_eq!(d["source"], "nianbao");
        assert!(d["code"].is_string());
    }
    let _ = find_nth(&text, "第二十条", 0);
}

/// [needs rules] computed totals: inlay hints where they differ, and hover with the computation.
#[test]
fn inlay_hints_and_computation_hover() {
    let (_, text) = harness::sample_report();
    let mut c = utf16_client();
    c.open(URI, &text);
    let diags = c.diagnostics_for(URI, 1);
    let end = position(&text, text.len(), "utf-16");
    let hints = c
        .request(
            "textDocument/inlayHint",
            json!({ "textDocument": { "uri": URI }, "range": { "start": { "line": 0, "character": 0 }, "end": end } }),
        )
        .unwrap();
    let hints = hints.as_array().cloned().unwrap_or_default();
    assert!(!hints.is_empty(), "[needs rules] the sample's wrong totals get inlay hints: {diags:?}");
    // Hover at a hint's position (the end of the total it belongs to) shows the computation.
    let pos = &hints[0]["position"];
    let at = harness::offset(&text, pos, "utf-16");
    let md = hover_text(&hover(&mut c, URI, &text, at));
    assert!(md.contains('='), "[needs rules] the computation is explained: {md}");
}

#[test]
fn semantic_tokens_count_columns_in_the_negotiated_encoding() {
    for mut c in [utf8_client(), utf16_client()] {
        let enc = c.encoding.clone();
        let legend = c.capabilities["semanticTokensProvider"]["legend"].clone();
        c.open(URI, ASTRAL);
        let full = c.request("textDocument/semanticTokens/full", json!({ "textDocument": { "uri": URI } })).unwrap();
        let tokens = decode_tokens(full["data"].as_array().unwrap(), &legend);
        for needle in ["第三十六条", "第二十条第（一）项"] {
            let at = ASTRAL.find(needle).unwrap();
            let start = position(ASTRAL, at, &enc);
            let end = position(ASTRAL, at + needle.len(), &enc);
            let len = end["character"].as_u64().unwrap() - start["character"].as_u64().unwrap();
            assert!(
                tokens.iter().any(|t| t.0 == start["line"].as_u64().unwrap()
                    && t.1 == start["character"].as_u64().unwrap()
                    && t.2 == len
                    && t.3 == "macro"),
                "{enc}: {needle} at {start} len {len} in {tokens:?}"
            );
        }
    }
}

#[test]
fn nianbao_toml_in_the_root_applies_from_the_start() {
    let root = TempDir::new("toml");
    std::fs::write(root.0.join("nianbao.toml"), "locale = \"en\"\ntoday = \"2026-11-30\"\n").unwrap();
    let mut c = Client::start(capabilities(&[], false), Value::Null, Some(&root.0));
    let uri = harness::file_uri(&root.0.join("r.txt"));
    c.open(&uri, ASTRAL);
    let at = ASTRAL.find("第三十六条").unwrap();
    let md = hover_text(&hover(&mut c, &uri, ASTRAL, at));
    assert!(md.contains("Source:"), "English from nianbao.toml: {md}");
}

#[test]
fn fix_all_applies_every_fix() {
    let (_, text) = harness::sample_report();
    let mut c = utf8_client();
    c.open(URI, &text);
    let diags = c.diagnostics_for(URI, 1);
    let with_fix = diags.len();
    let end = position(&text, text.len(), "utf-8");
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": URI }, "range": { "start": { "line": 0, "character": 0 }, "end": end },
                    "context": { "diagnostics": [], "only": ["source.fixAll"] } }),
        )
        .unwrap();
    let actions = actions.as_array().cloned().unwrap_or_default();
    assert!(actions.iter().all(|a| a["kind"] == "source.fixAll.nianbao"), "only fix-all when asked: {actions:?}");
    let Some(fix_all) = actions.first() else {
        assert!(with_fix == 0, "[needs rules] the sample has fixable problems");
        return;
    };
    let fixed = harness::apply_edits(&text, fix_all["edit"]["changes"][URI].as_array().unwrap(), "utf-8");
    c.notify("textDocument/didChange", json!({ "textDocument": { "uri": URI, "version": 2 }, "contentChanges": [{ "text": fixed }] }));
    let after = c.diagnostics_for(URI, 2);
    assert!(after.len() < diags.len(), "{after:?}");
}

/// Last year's report of the same body, made from the clean 2024 fixture: a 2023 title and the
/// requests it carried forward.
fn last_year_of(this_year: &str, carried_forward: &str) -> String {
    this_year
        .lines()
        .map(|l| {
            if l.starts_with("2024年政府信息公开工作年度报告") {
                l.replacen("2024", "2023", 1)
            } else if l.starts_with("四、结转下年度继续办理") {
                format!("四、结转下年度继续办理\t{carried_forward}")
            } else if l.starts_with("行政规范性文件\t") {
                // 31 in force + 3 issued − 2 repealed = this year's 32.
                "行政规范性文件\t2\t1\t31".to_owned()
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics.iter().map(|d| d["code"].as_str().unwrap_or("").to_owned()).collect()
}

#[test]
fn last_years_report_in_the_workspace_and_open_beside_this_one() {
    let Some((_, this_year)) = fixture("clean-2024-department.txt") else { return };
    let dir = TempDir::new("continuity");
    std::fs::write(dir.0.join("nianbao.toml"), "today = \"2026-11-30\"\n").unwrap();
    std::fs::create_dir_all(dir.0.join("2023")).unwrap();
    // On disk, not open: last year carried forward 3 (自然人), this year takes over 4.
    let last_path = dir.0.join("2023/report.txt");
    std::fs::write(&last_path, last_year_of(&this_year, "3\t1\t0\t0\t0\t0\t4")).unwrap();
    let this_path = dir.0.join("2024.txt");
    std::fs::write(&this_path, &this_year).unwrap();
    let mut c = Client::start(capabilities(&["utf-16"], false), json!({}), Some(&dir.0));
    let uri = file_uri(&this_path);
    c.open(&uri, &this_year);
    // The workspace scan finishes after the first check: wait for the finding.
    let published = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri.as_str() && codes(p["diagnostics"].as_array().unwrap()).contains(&"carryover-mismatch".to_owned())
    });
    let diagnostics = published["diagnostics"].as_array().unwrap();
    assert_eq!(codes(diagnostics), ["carryover-mismatch", "carryover-mismatch"]);
    let related = &diagnostics[0]["relatedInformation"][0]["location"];
    assert_eq!(related["uri"], file_uri(&last_path));
    assert_eq!(related["range"]["start"]["line"], 75);
    // The hover on the cell shows last year's number and where it comes from.
    let cell = diagnostics[0]["range"]["start"].clone();
    let hover = c.request("textDocument/hover", json!({ "textDocument": { "uri": uri }, "position": cell })).unwrap();
    let hover_text = hover["contents"]["value"].as_str().unwrap_or_default().to_owned();
    assert!(hover_text.contains("结转") && hover_text.contains("3"), "{hover_text}");

    // Last year's file corrected on disk, and the client says so: the finding goes.
    std::fs::write(&last_path, last_year_of(&this_year, "4\t1\t0\t0\t0\t0\t5")).unwrap();
    c.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": file_uri(&last_path), "type": 2 }] }));
    c.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == uri.as_str() && p["diagnostics"].as_array().unwrap().is_empty());

    // Last year's report open in the editor wins over its file; editing it re-checks this one.
    let last_uri = file_uri(&last_path);
    let last_text = last_year_of(&this_year, "4\t1\t0\t0\t0\t0\t5");
    c.open(&last_uri, &last_text);
    c.diagnostics_for(&last_uri, 1);
    let line = last_text.lines().position(|l| l.starts_with("四、结转下年度继续办理")).unwrap() as u32;
    c.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": last_uri, "version": 2 },
            "contentChanges": [{ "range": { "start": { "line": line, "character": 12 }, "end": { "line": line, "character": 13 } }, "text": "2" }],
        }),
    );
    let again = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri.as_str() && codes(p["diagnostics"].as_array().unwrap()).contains(&"carryover-mismatch".to_owned())
    });
    let related = &again["diagnostics"][0]["relatedInformation"][0]["location"];
    assert_eq!(related["uri"], last_uri);
    let _ = c.shutdown();
}
