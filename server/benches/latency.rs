//! Latency of the paths an author feels (`cargo bench --bench latency`): a character typed into
//! a table cell of the sample report → new diagnostics, in process and over stdio through the
//! real `nianbao lsp`; hover, code actions, semantic tokens and completion over stdio; start-up
//! to first diagnostics; and the cost of the whole check relative to the bare parse.
//! Figures are recorded in docs/performance.md. `--test` (as `cargo test --benches` passes) runs
//! a few iterations only.

// The allocator the `nianbao` binary ships with (see `nianbao::alloc`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../../tests/harness/mod.rs"]
mod harness;

use std::time::{Duration, Instant};

use serde_json::json;

use nianbao::analysis::analyze;
use nianbao::config::Config;
use nianbao::syntax::SourceFile;

struct Stats(Vec<Duration>);

impl Stats {
    fn percentile(&self, p: f64) -> Duration {
        let mut v = self.0.clone();
        v.sort();
        v[((v.len() as f64 - 1.0) * p).round() as usize]
    }

    fn line(&self, name: &str) {
        let us = |d: Duration| d.as_secs_f64() * 1e6;
        println!(
            "{name:<44} n={:<5} p50 {:>9.1} µs   p99 {:>9.1} µs   max {:>9.1} µs",
            self.0.len(),
            us(self.percentile(0.5)),
            us(self.percentile(0.99)),
            us(self.percentile(1.0))
        );
    }
}

fn elapsed(f: impl FnOnce()) -> Duration {
    let t = Instant::now();
    f();
    t.elapsed()
}

fn time(n: usize, mut f: impl FnMut(usize)) -> Stats {
    Stats((0..n).map(|i| elapsed(|| f(i))).collect())
}

fn main() {
    // SAFETY: first thing in main: no thread and no tree-sitter object exists yet.
    unsafe { nianbao::alloc::use_mimalloc_for_tree_sitter() };
    let quick = std::env::args().any(|a| a == "--test");
    let n = if quick { 5 } else { 2000 };
    let (path, text) = harness::sample_report();
    let config = Config { today: nianbao::date::Date::new(2026, 11, 30), ..Config::default() };
    // The 自然人 cell of row 一、本年新收 in table 三: type a digit after it, then delete it.
    let row = text.find("一、本年新收政府信息公开申请数量\t").expect("row 一 in the sample");
    let cell_end = row + text[row..].find('\t').unwrap() + 1 + text[row..][text[row..].find('\t').unwrap() + 1..].find('\t').unwrap();

    println!("sample report: {} bytes ({})", text.len(), path.display());
    println!("— in process —");
    // The floor: tree-sitter's parser alone (made once, as `benches/instructions.rs` does).
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&nianbao::syntax::language()).unwrap();
    // Interleaved, so that the ratio compares the two under the same conditions of the machine.
    let (mut parse, mut full) = (Stats(Vec::new()), Stats(Vec::new()));
    for _ in 0..n {
        parse.0.push(elapsed(|| {
            std::hint::black_box(parser.parse(text.as_str(), None));
        }));
        full.0.push(elapsed(|| {
            let file = SourceFile::parse(text.as_str());
            std::hint::black_box(analyze(&file, &config));
        }));
    }
    parse.line("bare parse (tree-sitter)");
    full.line("parse + model + all rules");
    println!(
        "{:<44} {:.2}× (median)",
        "check / parse",
        full.percentile(0.5).as_secs_f64() / parse.percentile(0.5).as_secs_f64()
    );
    // As the language server does: the reparse is incremental, and the model reuses the last
    // analysis where the tree did not change.
    let mut file = SourceFile::parse(text.as_str());
    let mut last = analyze(&file, &config);
    let keystroke = time(n, |i| {
        if i % 2 == 0 {
            file.edit(cell_end..cell_end, "1").unwrap();
        } else {
            file.edit(cell_end..cell_end + 1, "").unwrap();
        }
        last = std::hint::black_box(nianbao::analysis::reanalyze(&file, &config, Some(&last), |_| None));
    });
    keystroke.line("keystroke → diagnostics (incremental)");

    println!("— over stdio (nianbao lsp) —");
    let stdio_n = if quick { 5 } else { 500 };
    let dir = harness::TempDir::new("bench-latency");
    std::fs::write(dir.0.join("nianbao.toml"), "today = \"2026-11-30\"\n").unwrap();
    let uri = harness::file_uri(&dir.0.join("sample-report.txt"));
    let start = Instant::now();
    let mut client = harness::Client::start(harness::capabilities(&["utf-16"], false), json!({}), Some(&dir.0));
    client.open(&uri, &text);
    client.diagnostics_for(&uri, 1);
    let startup = start.elapsed();
    println!("{:<44} {:>9.1} ms", "start-up → first diagnostics", startup.as_secs_f64() * 1e3);

    let mut current = text.clone();
    let mut version = 1;
    let enc = client.encoding.clone();
    let typing = time(stdio_n, |i| {
        version += 1;
        let (range_end, new_text) = if i % 2 == 0 { (cell_end, "1") } else { (cell_end + 1, "") };
        let start = harness::position(&current, cell_end, &enc);
        let end = harness::position(&current, range_end, &enc);
        current.replace_range(cell_end..range_end, new_text);
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "range": { "start": start, "end": end }, "text": new_text }],
            }),
        );
        client.diagnostics_for(&uri, version);
    });
    typing.line("didChange → publishDiagnostics");

    let clause = current.find("第二十条").unwrap_or(0) + 3;
    let hover_pos = harness::position(&current, clause, &enc);
    let hover = time(stdio_n, |_| {
        client.request("textDocument/hover", json!({ "textDocument": { "uri": uri }, "position": hover_pos })).unwrap();
    });
    hover.line("hover (clause reference)");
    let total = current.find("（七）总计").unwrap_or(0);
    let action_pos = harness::position(&current, total, &enc);
    let actions = time(stdio_n, |_| {
        client
            .request(
                "textDocument/codeAction",
                json!({
                    "textDocument": { "uri": uri },
                    "range": { "start": action_pos, "end": action_pos },
                    "context": { "diagnostics": [] },
                }),
            )
            .unwrap();
    });
    actions.line("code actions");
    let tokens = time(stdio_n, |_| {
        client.request("textDocument/semanticTokens/full", json!({ "textDocument": { "uri": uri } })).unwrap();
    });
    tokens.line("semantic tokens (full)");
    let end_pos = harness::position(&current, current.len(), &enc);
    let completion = time(stdio_n, |_| {
        client.request("textDocument/completion", json!({ "textDocument": { "uri": uri }, "position": end_pos })).unwrap();
    });
    completion.line("completion");
    let _ = client.shutdown();
}
