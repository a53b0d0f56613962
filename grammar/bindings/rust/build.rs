//! Compiles the generated parsers (`src/parser.c` and `inline/src/parser.c`, committed) and the
//! external scanner, so that building needs neither Node nor the tree-sitter CLI.
fn main() {
    let src_dir = std::path::Path::new("src");
    let inline_dir = std::path::Path::new("inline/src");
    cc::Build::new()
        .std("c11")
        .include(src_dir)
        .file(src_dir.join("parser.c"))
        .file(src_dir.join("scanner.c"))
        .flag_if_supported("-Wno-unused-parameter")
        .flag_if_supported("-Wno-unused-but-set-variable")
        .flag_if_supported("-Wno-trigraphs")
        .compile("tree-sitter-nianbao");
    cc::Build::new()
        .std("c11")
        .include(inline_dir)
        .file(inline_dir.join("parser.c"))
        .flag_if_supported("-Wno-unused-parameter")
        .flag_if_supported("-Wno-unused-but-set-variable")
        .flag_if_supported("-Wno-trigraphs")
        .compile("tree-sitter-nianbao-inline");
    for file in ["parser.c", "scanner.c", "tree_sitter/parser.h"] {
        println!("cargo:rerun-if-changed={}", src_dir.join(file).display());
    }
    for file in ["parser.c", "tree_sitter/parser.h"] {
        println!("cargo:rerun-if-changed={}", inline_dir.join(file).display());
    }
}
