//! How every path scales with the size of one report (`cargo bench --bench scaling`): reports
//! of about 50 KB, 500 KB and 5 MB are synthesized from the sample report — its prose repeated,
//! and its tables repeated under numbered prose headings, CJK throughout — and for each size the
//! fresh parse, the whole check, a keystroke in a table cell in the middle (an incremental
//! reparse and a check), each IDE feature, and the memory of an open document (text, line index,
//! tree, analysis: the bytes in use, counted by the allocator) are measured. Figures in
//! docs/performance.md. `--test` runs only the smallest size, once.

#[path = "common/live_bytes.rs"]
mod live_bytes;

#[global_allocator]
static GLOBAL: live_bytes::Counting = live_bytes::Counting;

use std::time::{Duration, Instant};

use nianbao::analysis::analyze;
use nianbao::config::{Config, Locale};
use nianbao::syntax::SourceFile;

/// The sample report grown to about `bytes`: section 一's prose and the tables of sections 二–四
/// repeated inside section 一 (as numbered points, so the six sections stay six).
fn synthesize(bytes: usize) -> String {
    let sample = include_str!("../../examples/sample-report.txt");
    let lines: Vec<&str> = sample.lines().collect();
    let at = |prefix: &str| lines.iter().position(|l| l.starts_with(prefix)).expect("section heading");
    let (two, five) = (at("二、"), at("五、"));
    let prose: String = lines[at("一、") + 1..two].join("\n");
    let tables: String = lines[two + 1..five].iter().filter(|l| l.contains('\t')).copied().collect::<Vec<_>>().join("\n");
    let mut middle = String::new();
    let mut n = 1;
    while lines[..two].join("\n").len() + middle.len() + sample.len() < bytes {
        middle.push_str(&format!("\n（{n}）补充说明\n{prose}\n{tables}\n"));
        n += 1;
    }
    let mut out = lines[..two].join("\n");
    out.push_str(&middle);
    out.push('\n');
    out.push_str(&lines[two..].join("\n"));
    out.push('\n');
    out
}

fn percentiles(mut v: Vec<Duration>) -> (f64, f64) {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    (ms(v[v.len() / 2]), ms(v[((v.len() as f64 - 1.0) * 0.99).round() as usize]))
}

fn once<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let t = Instant::now();
    let v = f();
    (v, t.elapsed().as_secs_f64() * 1e3)
}

fn main() {
    // SAFETY: first thing in main: no thread and no tree-sitter object exists yet.
    unsafe { live_bytes::count_tree_sitter() };
    let quick = std::env::args().any(|a| a == "--test");
    let sizes: &[usize] = if quick { &[50_000] } else { &[50_000, 500_000, 5_000_000] };
    let config = Config { today: nianbao::date::Date::new(2026, 11, 30), ..Config::default() };
    println!("{:>9} {:>9} {:>9} {:>11} {:>11} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>6} {:>9}", "size", "parse", "check", "key p50", "key p99", "hover", "symbols", "folding", "tokens", "format", "actions", "memory", "tree", "analysis");
    let mut fit = Vec::new();
    for &size in sizes {
        let text = synthesize(size);
        // An open document as the language server holds it: the text, its line index and tree,
        // the analysis.
        let base = live_bytes::live_bytes();
        let (file, parse_ms) = once(|| SourceFile::parse(text.as_str()));
        let (analysis, check_ms) = once(|| analyze(&file, &config));
        // And what the server keeps of the semantic tokens it sent, for the next delta.
        let sent = {
            let tokens = nianbao::ide::semantic_tokens::semantic_tokens(&file, Some(&analysis));
            let data = nianbao::lsp::semantic::encode(&file, &tokens, nianbao::syntax::PositionEncoding::Utf16);
            nianbao::lsp::semantic::Sent::of(&data)
        };
        let held = live_bytes::live_bytes() - base;
        fit.push((text.len() as f64, held as f64));
        let memory = held as f64 / text.len() as f64;
        let tree = {
            let before = live_bytes::live_bytes();
            let tree = nianbao::syntax::SourceFile::parse(text.as_str());
            let after = live_bytes::live_bytes();
            drop(tree);
            // A second text and line index came with it: the tree alone is the rest.
            (after - before) as f64 / text.len() as f64 - 1.0
        };
        let analysis_bytes = {
            let before = live_bytes::live_bytes();
            let a = analyze(&file, &config);
            let after = live_bytes::live_bytes();
            drop(a);
            (after - before) as f64 / text.len() as f64
        };
        // A keystroke: a digit typed into (then deleted from) a cell of the middle table.
        let mut half = text.len() / 2;
        while !text.is_char_boundary(half) {
            half += 1;
        }
        let middle = text[half..].find("一、本年新收政府信息公开申请数量\t").map(|i| i + half).expect("a table in the middle");
        let cell = middle + text[middle..].find('\t').unwrap() + 1;
        let mut editing = file.clone();
        let rounds = if quick { 2 } else { 200 };
        let mut times = Vec::new();
        // As the language server does: the model reuses the last analysis where the tree did
        // not change (the old analysis is dropped inside the timing, as in the server).
        let mut last = analyze(&editing, &config);
        for i in 0..rounds {
            let t = Instant::now();
            if i % 2 == 0 {
                editing.edit(cell..cell, "1").unwrap();
            } else {
                editing.edit(cell..cell + 1, "").unwrap();
            }
            last = std::hint::black_box(nianbao::analysis::reanalyze(&editing, &config, Some(&last), |_| None));
            times.push(t.elapsed());
        }
        drop(last);
        drop(sent);
        let (p50, p99) = percentiles(times);
        let clause = text.find("第二十条").unwrap_or(0) + 3;
        let (_, hover) = once(|| nianbao::ide::hover::hover(&file, Some(&analysis), clause, Locale::Zh));
        let (_, symbols) = once(|| nianbao::ide::symbols::document_symbols(&file));
        let (_, folding) = once(|| nianbao::ide::folding::folding_ranges(&file));
        let (_, tokens) = once(|| nianbao::ide::semantic_tokens::semantic_tokens(&file, Some(&analysis)));
        let (_, format) = once(|| nianbao::ide::format::format(&file, None));
        let (_, actions) = once(|| nianbao::ide::actions::fix_all(&file, &analysis));
        println!(
            "{:>7}KB {:>7.1}ms {:>7.1}ms {:>9.2}ms {:>9.2}ms {:>6.2}ms {:>6.2}ms {:>6.2}ms {:>6.2}ms {:>6.1}ms {:>6.2}ms {:>7.1}× {:>5.1}× {:>8.1}×",
            text.len() / 1000, parse_ms, check_ms, p50, p99, hover, symbols, folding, tokens, format, actions, memory, tree, analysis_bytes
        );
    }
    println!("(memory: bytes in use for an open document — text, line index, tree, analysis, the digest of the semantic tokens sent — × the text's size)");
    // Memory as a multiple of the text plus a fixed part, from the two largest sizes.
    if let [.., (x1, y1), (x2, y2)] = fit[..] {
        let slope = (y2 - y1) / (x2 - x1);
        println!("memory per open document ≈ {slope:.2} × the text + {:.0} KB", (y2 - slope * x2) / 1e3);
    }
    // Where the tree's bytes go: the prose lines and the table rows of the largest report,
    // parsed apart.
    let text = synthesize(*sizes.last().unwrap());
    {
        // The counts behind the model's and the server's layout (quoted in code comments).
        let file = SourceFile::parse(text.as_str());
        let analysis = analyze(&file, &config);
        let sentences = &analysis.report.sentences;
        let tokens: usize = sentences.iter().map(|s| s.tokens().len()).sum();
        let sentence_text: usize = sentences.iter().map(|s| s.text().len()).sum();
        let data = nianbao::lsp::semantic::encode(
            &file,
            &nianbao::ide::semantic_tokens::semantic_tokens(&file, Some(&analysis)),
            nianbao::syntax::PositionEncoding::Utf16,
        );
        let before = live_bytes::live_bytes();
        let sent = nianbao::lsp::semantic::Sent::of(&data);
        let digest = live_bytes::live_bytes() - before;
        drop(sent);
        let x = |bytes: usize| bytes as f64 / text.len() as f64;
        println!(
            "the {} KB report: {} sentences, {tokens} prose tokens, the sentences' text {:.2}× the text; {} semantic tokens, {:.2}× the text as sent, {:.2}× as kept for deltas",
            text.len() / 1000,
            sentences.len(),
            x(sentence_text),
            data.len(),
            x(data.len() * std::mem::size_of::<tower_lsp_server::ls_types::SemanticToken>()),
            x(digest as usize)
        );
    }
    let prose: String = text.split_inclusive('\n').filter(|l| !l.contains('\t')).collect();
    let rows: String = text.split_inclusive('\n').filter(|l| l.contains('\t')).collect();
    for (what, part) in [("prose lines", prose), ("table rows", rows)] {
        let before = live_bytes::live_bytes();
        let tree = nianbao::syntax::SourceFile::parse(part.as_str());
        let bytes = (live_bytes::live_bytes() - before) as f64 - part.len() as f64; // less its copy of the text
        let nodes = visible_nodes(&tree);
        println!(
            "tree over the {what} alone ({} KB): {:.1}× their text, {nodes} visible nodes, {:.0} bytes per node",
            part.len() / 1000,
            bytes / part.len() as f64,
            bytes / nodes as f64
        );
    }
}

/// The visible nodes of a tree (named and anonymous; tree-sitter's hidden nodes not counted).
fn visible_nodes(file: &SourceFile) -> usize {
    let mut cursor = file.tree().walk();
    let mut count = 1;
    loop {
        if cursor.goto_first_child() || cursor.goto_next_sibling() {
            count += 1;
            continue;
        }
        loop {
            if !cursor.goto_parent() {
                return count;
            }
            if cursor.goto_next_sibling() {
                count += 1;
                break;
            }
        }
    }
}
