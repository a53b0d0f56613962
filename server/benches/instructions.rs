//! The work of a check against the bare parse, counted in instructions (repeatable whatever
//! else the machine does): `scripts/check-vs-parse.sh` runs this under callgrind twice —
//! `parse` (tree-sitter's parser alone) and `check` (`SourceFile::parse` + model + every rule,
//! what the CLI does per file) — over the sample and the real reports, and prints the ratio (a
//! third run, `none`, counts what both share: reading the files, loading the knowledge base,
//! making the one parser). Run directly, it just does the work once per file.

// The allocator the `nianbao` binary ships with (see `nianbao::alloc`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // SAFETY: first thing in main: no thread and no tree-sitter object exists yet.
    unsafe { nianbao::alloc::use_mimalloc_for_tree_sitter() };
    let mode = std::env::args().nth(1).unwrap_or_else(|| "check".to_owned());
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![manifest.join("../examples/sample-report.txt")];
    for sub in ["seed", "real"] {
        if let Ok(entries) = std::fs::read_dir(manifest.join("../../shared/corpus").join(sub)) {
            paths.extend(entries.flatten().map(|e| e.path()));
        }
    }
    paths.sort();
    // A second argument keeps the files whose path contains it (`sample` for the sample alone).
    if let Some(only) = std::env::args().nth(2) {
        paths.retain(|p| p.to_string_lossy().contains(&only));
    }
    // NIANBAO_BENCH_REPEAT=30: each file's work 30 times, so that a profile shows the work per
    // report above the once-per-process costs (see docs/performance.md).
    let repeat: usize = std::env::var("NIANBAO_BENCH_REPEAT").ok().and_then(|v| v.parse().ok()).unwrap_or(1);
    let config = nianbao::config::Config { today: nianbao::date::Date::new(2026, 11, 30), ..Default::default() };
    // The knowledge base (the Regulation, the layouts, the cited documents: JSON data parsed
    // once per process) is loaded in every mode, so that it cancels out: the ratio is of the
    // work per report. Start-up is measured by `--bench latency`.
    nianbao::knowledge::preload();
    // The floor is tree-sitter's parse alone, with one parser for the process: not the core's
    // `SourceFile::parse`, which also copies the text, makes a parser and indexes the lines —
    // work a check needs, and counts.
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&nianbao::syntax::language()).unwrap();
    for path in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
        let text = std::fs::read_to_string(path).unwrap();
        for _ in 0..repeat {
            match mode.as_str() {
                "parse" => {
                    std::hint::black_box(parser.parse(text.as_str(), None));
                }
                "check" => {
                    let file = nianbao::syntax::SourceFile::parse(text.as_str());
                    std::hint::black_box(nianbao::analysis::analyze(&file, &config));
                }
                _ => {}
            }
        }
    }
}
