//! The `nianbao` command: argument parsing only; the work is in `nianbao::cli`.

// mimalloc for Rust and (below) for tree-sitter's C core: see `nianbao::alloc`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    // SAFETY: first thing in main: no thread and no tree-sitter object exists yet.
    unsafe { nianbao::alloc::use_mimalloc_for_tree_sitter() };
    nianbao::cli::main()
}
