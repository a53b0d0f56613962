//! The Helix queries (`editors/helix/queries/nianbao/*.scm`) compile against this grammar, use
//! only capture names Helix knows (its theme scopes and text objects), and capture what they
//! should on the sample report. Helix itself cannot be installed here; this is what can be
//! checked without it (see editors/helix/README.md).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tree_sitter::{Language, Parser, Query, QueryCursor, StreamingIterator};

/// Helix's theme scopes (book/src/themes.md, "Syntax highlighting"): a capture may name one of
/// these or a more specific child of one (Helix falls back to the parent scope).
const HELIX_SCOPES: &[&str] = &[
    "attribute",
    "type",
    "type.builtin",
    "type.parameter",
    "type.enum",
    "type.enum.variant",
    "constructor",
    "constant",
    "constant.builtin",
    "constant.builtin.boolean",
    "constant.character",
    "constant.character.escape",
    "constant.numeric",
    "constant.numeric.integer",
    "constant.numeric.float",
    "string",
    "string.regexp",
    "string.special",
    "string.special.path",
    "string.special.url",
    "string.special.symbol",
    "comment",
    "comment.line",
    "comment.line.documentation",
    "comment.block",
    "comment.block.documentation",
    "comment.unused",
    "variable",
    "variable.builtin",
    "variable.parameter",
    "variable.other",
    "variable.other.member",
    "variable.other.member.private",
    "label",
    "punctuation",
    "punctuation.delimiter",
    "punctuation.bracket",
    "punctuation.special",
    "keyword",
    "keyword.control",
    "keyword.control.conditional",
    "keyword.control.repeat",
    "keyword.control.import",
    "keyword.control.return",
    "keyword.control.exception",
    "keyword.operator",
    "keyword.directive",
    "keyword.function",
    "keyword.storage",
    "keyword.storage.type",
    "keyword.storage.modifier",
    "operator",
    "function",
    "function.builtin",
    "function.method",
    "function.method.private",
    "function.macro",
    "function.special",
    "tag",
    "tag.builtin",
    "namespace",
    "special",
    "markup",
    "markup.heading",
    "markup.heading.marker",
    "markup.heading.1",
    "markup.heading.2",
    "markup.heading.3",
    "markup.heading.4",
    "markup.heading.5",
    "markup.heading.6",
    "markup.list",
    "markup.list.unnumbered",
    "markup.list.numbered",
    "markup.list.checked",
    "markup.list.unchecked",
    "markup.bold",
    "markup.italic",
    "markup.strikethrough",
    "markup.link",
    "markup.link.url",
    "markup.link.label",
    "markup.link.text",
    "markup.quote",
    "markup.raw",
    "markup.raw.inline",
    "markup.raw.block",
    "diff",
    "diff.plus",
    "diff.minus",
    "diff.delta",
];

/// Helix's text objects (book/src/guides/textobject.md).
const HELIX_TEXTOBJECTS: &[&str] = &["function", "class", "parameter", "comment", "test", "entry"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn language() -> Language {
    tree_sitter_nianbao::LANGUAGE.into()
}

fn query(name: &str) -> Query {
    let path = root().join("editors/helix/queries/nianbao").join(name);
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Query::new(&language(), &source).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// capture name → the texts it captured in the sample report.
fn captures(query: &Query) -> BTreeMap<String, Vec<String>> {
    let text = std::fs::read_to_string(root().join("examples/sample-report.txt")).unwrap();
    let mut parser = Parser::new();
    parser.set_language(&language()).unwrap();
    let tree = parser.parse(&text, None).unwrap();
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut cursor = QueryCursor::new();
    let mut matches = cursor.matches(query, tree.root_node(), text.as_bytes());
    while let Some(m) = matches.next() {
        for c in m.captures() {
            let name = query.capture_names()[c.index as usize].to_string();
            out.entry(name).or_default().push(text[c.node.byte_range()].to_string());
        }
    }
    out
}

fn inline_query() -> Query {
    let path = root().join("editors/helix/queries/nianbao-inline/highlights.scm");
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Query::new(&tree_sitter_nianbao::INLINE_LANGUAGE.into(), &source).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// As Helix highlights the sample: the injection query's content nodes, each parsed with the
/// inline grammar; capture name → the texts the inline highlights captured.
fn injected_captures() -> BTreeMap<String, Vec<String>> {
    let text = std::fs::read_to_string(root().join("examples/sample-report.txt")).unwrap();
    let mut parser = Parser::new();
    parser.set_language(&language()).unwrap();
    let tree = parser.parse(&text, None).unwrap();
    let injections = query("injections.scm");
    let content = injections.capture_index_for_name("injection.content").expect("@injection.content");
    assert!(
        injections.property_settings(0).iter().any(|p| &*p.key == "injection.language" && p.value.as_deref() == Some("nianbao_inline")),
        "injections.scm sets injection.language to nianbao_inline, the Helix language's injection-regex"
    );
    let highlights = inline_query();
    let mut inline = Parser::new();
    inline.set_language(&tree_sitter_nianbao::INLINE_LANGUAGE.into()).unwrap();
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut cursor = QueryCursor::new();
    let mut matches = cursor.matches(&injections, tree.root_node(), text.as_bytes());
    while let Some(m) = matches.next() {
        for c in m.captures().iter().filter(|c| c.index == content) {
            let piece = &text[c.node.byte_range()];
            let inner = inline.parse(piece, None).unwrap();
            assert!(!inner.root_node().has_error(), "inline content never fails to parse: {piece:?}");
            let mut hl = QueryCursor::new();
            let mut found = hl.matches(&highlights, inner.root_node(), piece.as_bytes());
            while let Some(h) = found.next() {
                for hc in h.captures() {
                    let name = highlights.capture_names()[hc.index as usize].to_string();
                    out.entry(name).or_default().push(piece[hc.node.byte_range()].to_string());
                }
            }
        }
    }
    out
}

#[test]
fn every_helix_query_file_compiles() {
    let dir = root().join("editors/helix/queries/nianbao");
    let mut names: Vec<String> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["highlights.scm", "injections.scm", "textobjects.scm"], "unexpected files in {}", dir.display());
    for name in &names {
        query(name);
    }
    inline_query();
    // The injections need no Helix-specific names: Helix's copy is the grammar's query.
    let read = |p: &str| std::fs::read_to_string(root().join(p)).unwrap();
    assert_eq!(read("editors/helix/queries/nianbao/injections.scm"), read("grammar/queries/injections.scm"), "Helix's injections.scm is a copy of grammar/queries/injections.scm");
}

#[test]
fn inline_content_is_injected_and_highlighted() {
    let q = inline_query();
    for name in q.capture_names() {
        assert!(HELIX_SCOPES.contains(name), "nianbao-inline/highlights.scm: `@{name}` is not a Helix theme scope");
    }
    let found = injected_captures();
    let has = |scope: &str, text: &str| {
        let texts = found.get(scope).unwrap_or_else(|| panic!("nothing captured as @{scope}"));
        assert!(texts.iter().any(|t| t == text), "@{scope} did not capture {text:?}: {texts:?}");
    };
    has("constant", "国务院令第711号");
    has("markup.italic", "《中华人民共和国政府信息公开条例》");
    has("constant.numeric", "1538");
    has("string.special", "2026年1月20日");
    // Table 二's captions are clause references, and table cells are numbers.
    has("label", "第二十条第（一）项");
    has("constant.numeric", "73");
}

#[test]
fn highlights_use_helix_scopes_and_capture_the_sample() {
    let q = query("highlights.scm");
    for name in q.capture_names() {
        assert!(HELIX_SCOPES.contains(name), "highlights.scm: `@{name}` is not a Helix theme scope");
    }
    let found = captures(&q);
    let has = |scope: &str, text: &str| {
        let texts = found.get(scope).unwrap_or_else(|| panic!("nothing captured as @{scope}"));
        assert!(texts.iter().any(|t| t.contains(text)), "@{scope} did not capture {text:?}: {texts:?}");
    };
    has("markup.heading.1", "2025年政府信息公开工作年度报告");
    has("markup.heading.2", "一、总体情况");
    has("markup.heading.3", "（一）主动公开情况");
    has("string.special", "2026年1月20日");
    has("string.special", "江北市生态环境局");
    // Tables and prose are single nodes: their cells and inline tokens are coloured by the
    // language server's semantic tokens, which Helix does not use.
    assert!(!found.values().flatten().any(|t| t.contains('\t')), "a row captured: {found:?}");
    assert_eq!(found["markup.heading.2"].len(), 6, "six section headings: {:?}", found["markup.heading.2"]);
}

#[test]
fn textobjects_are_helix_text_objects() {
    let q = query("textobjects.scm");
    for name in q.capture_names() {
        let (object, part) = name.split_once('.').unwrap_or((name, ""));
        assert!(HELIX_TEXTOBJECTS.contains(&object) && ["around", "inside"].contains(&part), "textobjects.scm: `@{name}` is not a Helix text object");
    }
    let found = captures(&q);
    let classes = &found["class.around"];
    assert_eq!(classes.iter().filter(|t| t.starts_with("一、") || t.starts_with("六、")).count(), 2, "{classes:?}");
    assert_eq!(classes.len(), 6 + 5, "six sections and five subsections");
    assert!(found["entry.around"].len() >= 3, "tables 二, 三, 四");
}
