//! Runs the tree-sitter corpus tests (`test/corpus/*.txt`, and `inline/test/corpus/*.txt` for the
//! inline grammar) through the Rust binding, so that
//! `cargo test` checks them on every run, without the tree-sitter CLI. The format is the CLI's:
//! a `===` header with the test name, the input, a `---` divider, and the expected tree as an
//! S-expression of named nodes (field names are not compared, as the CLI does when the expected
//! tree has none).

use std::fmt::Write as _;
use std::path::Path;

struct Case {
    file: String,
    name: String,
    input: String,
    expected: String,
}

fn is_divider(line: &str, ch: char) -> bool {
    line.len() >= 3 && line.chars().all(|c| c == ch)
}

fn read_cases(dir: &Path) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        // Split on the raw lines so that CRLF inside an input survives.
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let mut i = 0;
        while i < lines.len() {
            if !is_divider(lines[i].trim_end(), '=') {
                i += 1;
                continue;
            }
            let name = lines[i + 1].trim().to_owned();
            i += 3; // header, name, header
            let mut input = String::new();
            while i < lines.len() && !is_divider(lines[i].trim_end(), '-') {
                input.push_str(lines[i]);
                i += 1;
            }
            // The newline before the divider is not part of the input.
            if input.ends_with('\n') {
                input.pop();
            }
            i += 1;
            let mut expected = String::new();
            while i < lines.len() && !is_divider(lines[i].trim_end(), '=') {
                expected.push_str(lines[i]);
                i += 1;
            }
            cases.push(Case { file: file.clone(), name, input, expected });
        }
    }
    cases
}

fn sexp(node: tree_sitter::Node, out: &mut String) {
    if node.is_missing() {
        let _ = write!(out, "(MISSING {})", node.kind());
        return;
    }
    let _ = write!(out, "({}", if node.is_error() { "ERROR" } else { node.kind() });
    let mut cursor = node.walk();
    for child in node.named_children(&mut cursor) {
        out.push(' ');
        sexp(child, out);
    }
    out.push(')');
}

fn normalize(s: &str) -> String {
    let spaced = s.replace('(', " ( ").replace(')', " ) ");
    spaced
        .split_whitespace()
        .filter(|tok| !tok.ends_with(':')) // field names
        .collect::<Vec<_>>()
        .join(" ")
}

fn run_corpus(dir: &str, language: tree_sitter::Language, at_least: usize) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let cases = read_cases(&dir);
    assert!(cases.len() >= at_least, "expected the whole corpus, found {} cases", cases.len());
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&language).unwrap();
    let mut failures = Vec::new();
    for case in &cases {
        let tree = parser.parse(&case.input, None).unwrap();
        let mut actual = String::new();
        sexp(tree.root_node(), &mut actual);
        if normalize(&actual) != normalize(&case.expected) {
            failures.push(format!(
                "{} / {}\n  expected: {}\n  actual:   {}",
                case.file,
                case.name,
                normalize(&case.expected),
                normalize(&actual)
            ));
        }
    }
    assert!(failures.is_empty(), "{} corpus test(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn corpus() {
    run_corpus("test/corpus", tree_sitter_nianbao::LANGUAGE.into(), 30);
}

/// The inline grammar's corpus (`inline/test/corpus`), which the server's lexer is tested
/// against too (`server/src/syntax/inline.rs`).
#[test]
fn inline_corpus() {
    run_corpus("inline/test/corpus", tree_sitter_nianbao::INLINE_LANGUAGE.into(), 7);
}
