//! Memory and time of checking one very large report (`cargo bench --bench memory`).
//!
//! Synthesizes a report of the requested size (default 50 MB; `NIANBAO_BENCH_MB=5`) from the
//! clean fixture — its section 一 prose repeated, CJK throughout, tables intact — then measures
//! parse, model and the whole check, each with the peak resident memory (VmHWM, Linux) so far.
//! Figures are recorded in docs/performance.md.

// The allocator the `nianbao` binary ships with (see `nianbao::alloc`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::Instant;

fn status_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn synthesize(megabytes: usize) -> String {
    let base = include_str!("../tests/fixtures/clean-2024-department.txt");
    let lines: Vec<&str> = base.lines().collect();
    let first_table_section = lines.iter().position(|l| l.starts_with("二、")).expect("section 二");
    let section_one_body = lines[5..first_table_section].iter().filter(|l| !l.starts_with("一、")).copied().collect::<Vec<_>>().join("\n");
    let mut out = lines[..first_table_section].join("\n");
    while out.len() < megabytes * 1_000_000 {
        out.push('\n');
        out.push_str(&section_one_body);
    }
    out.push('\n');
    out.push_str(&lines[first_table_section..].join("\n"));
    out.push('\n');
    out
}

fn main() {
    // SAFETY: first thing in main: no thread and no tree-sitter object exists yet.
    unsafe { nianbao::alloc::use_mimalloc_for_tree_sitter() };
    // `cargo test --benches` passes `--test`: run briefly, as a smoke test.
    let quick = std::env::args().any(|a| a == "--test");
    let megabytes: usize = std::env::var("NIANBAO_BENCH_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(if quick { 1 } else { 50 });
    let text = synthesize(megabytes);
    let len = text.len() as f64;
    let base_kb = status_kb("VmRSS:");
    println!("report: {:.1} MB; resident before parsing: {:.1} MB", len / 1e6, base_kb as f64 / 1e3);

    let t = Instant::now();
    let file = nianbao::syntax::SourceFile::parse(text);
    let parse = t.elapsed();
    let after_parse = status_kb("VmHWM:");

    let t = Instant::now();
    let report = nianbao::model::Report::build(&file);
    let model = t.elapsed();
    let after_model = status_kb("VmHWM:");
    drop(report);

    let config = nianbao::config::Config { today: nianbao::date::Date::new(2026, 11, 30), ..Default::default() };
    let t = Instant::now();
    let analysis = nianbao::analysis::analyze(&file, &config);
    let check = t.elapsed();
    let peak = status_kb("VmHWM:");

    let ratio = |kb: u64| (kb.saturating_sub(base_kb) as f64 * 1e3) / len;
    println!("parse:          {:>8.1} ms   peak {:>7.1} MB  ({:.1}× the text)", parse.as_secs_f64() * 1e3, after_parse as f64 / 1e3, ratio(after_parse));
    println!("model:          {:>8.1} ms   peak {:>7.1} MB  ({:.1}× the text)", model.as_secs_f64() * 1e3, after_model as f64 / 1e3, ratio(after_model));
    println!("whole check:    {:>8.1} ms   peak {:>7.1} MB  ({:.1}× the text)", check.as_secs_f64() * 1e3, peak as f64 / 1e3, ratio(peak));
    println!("findings: {}", analysis.diagnostics.len());
}
