use crate::syntax::NodeExt as _;
use super::*;
use proptest::prelude::*;

#[test]
fn positions_in_every_encoding() {
    let text = "（一）主动\n本年度𠀀；\r\n";
    let index = LineIndex::new(text);
    let offset = text.find('；').unwrap();
    assert_eq!(index.position(text, offset, PositionEncoding::Utf8), LineCol { line: 1, col: 13 });
    assert_eq!(index.position(text, offset, PositionEncoding::Utf16), LineCol { line: 1, col: 5 });
    assert_eq!(index.position(text, offset, PositionEncoding::Utf32), LineCol { line: 1, col: 4 });
    for enc in [PositionEncoding::Utf8, PositionEncoding::Utf16, PositionEncoding::Utf32] {
        let pos = index.position(text, offset, enc);
        assert_eq!(index.offset(text, pos, enc), offset);
    }
    // Past the end of the line: clamped before the line break.
    let end = index.offset(text, LineCol { line: 1, col: 99 }, PositionEncoding::Utf16);
    assert_eq!(&text[end..], "\r\n");
    // Inside a surrogate pair: moved to the character's start.
    let astral = text.find('𠀀').unwrap();
    let inside = index.offset(text, LineCol { line: 1, col: 4 }, PositionEncoding::Utf16);
    assert_eq!(inside, astral);
    assert_eq!(index.offset(text, LineCol { line: 9, col: 0 }, PositionEncoding::Utf16), text.len());
}

#[test]
fn rejects_bad_edits_without_changing_anything() {
    let mut file = SourceFile::parse("一、总体情况\n");
    assert!(matches!(file.edit(0..1, "x"), Err(EditError::NotCharBoundary { offset: 1 })));
    assert!(matches!(file.edit(5..100, ""), Err(EditError::OutOfRange { .. })));
    assert_eq!(file.text(), "一、总体情况\n");
}

/// The real reports, read in place; `None` (and a note on stderr) when `../shared` is absent.
pub(crate) fn real_reports() -> Option<Vec<(String, String)>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    if !dir.is_dir() {
        eprintln!("SKIPPED: {} not found; the real reports were not checked", dir.display());
        return None;
    }
    let mut reports = Vec::new();
    for sub in ["seed", "real"] {
        let mut paths: Vec<_> = std::fs::read_dir(dir.join(sub)).unwrap().map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
            reports.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
        }
    }
    Some(reports)
}

#[test]
fn real_reports_parse_without_errors() {
    let Some(reports) = real_reports() else { return };
    assert!(reports.len() >= 5);
    for (path, text) in reports {
        let file = SourceFile::parse(text);
        assert!(!file.has_syntax_errors(), "{path} has a syntax error:\n{}", to_sexp(&file));
        let kinds: Vec<_> = file.root().children(&mut file.root().walk()).map(|n| n.kind_name()).collect();
        assert!(kinds.iter().filter(|k| **k == "section").count() >= 6, "{path}: {kinds:?}");
    }
}

pub(crate) fn edit_strategy() -> impl Strategy<Value = (prop::sample::Index, prop::sample::Index, String)> {
    let piece = prop::sample::select(vec![
        "一、", "（二）", "\t", "\n", "\r\n", "\u{3000}", "0", "１", "1,234", "2023年1月1日", "年", "条", "𠀀", "😀",
        "|", "| 规章 | 0 |", "<!-- nianbao-disable x -->", "第二十条第（一）项", "〔2021〕30号", "《", "》", "报告",
        "局", " ", "", "。", "## ", "1.", "江北市生态环境局\n",
    ]);
    (any::<prop::sample::Index>(), any::<prop::sample::Index>(), prop::collection::vec(piece, 0..4).prop_map(|v| v.concat()))
}

/// A random edit session on a real report (`which` of them; the sample report when ../shared is
/// absent): `start` makes a state from the file as opened, then `after` sees the file after each
/// of `edits` in turn, with the state, and returns the state for the next edit.
pub(crate) fn edit_session<S>(
    which: prop::sample::Index,
    edits: Vec<(prop::sample::Index, prop::sample::Index, String)>,
    start: impl FnOnce(&SourceFile) -> S,
    mut after: impl FnMut(&SourceFile, S) -> Result<S, TestCaseError>,
) -> Result<(), TestCaseError> {
    let base = match real_reports() {
        Some(reports) => reports[which.index(reports.len())].1.clone(),
        None => std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/sample-report.txt")).unwrap(),
    };
    let mut file = SourceFile::parse(base);
    let mut state = start(&file);
    for (a, b, insert) in edits {
        let (x, y) = (boundary(file.text(), a), boundary(file.text(), b));
        file.edit(x.min(y)..x.max(y), &insert).unwrap();
        state = after(&file, state)?;
    }
    Ok(())
}

/// Snaps an arbitrary index into `text` back to a character boundary.
fn boundary(text: &str, index: prop::sample::Index) -> usize {
    let mut offset = index.index(text.len() + 1);
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

proptest! {
    #![proptest_config(ProptestConfig { cases: crate::test_cases(64), ..ProptestConfig::default() })]

    /// After random edits to a real report, the incrementally reparsed tree equals a fresh parse,
    /// and the line index equals a fresh one.
    #[test]
    fn incremental_reparse_matches_fresh_parse(edits in prop::collection::vec(edit_strategy(), 1..12), which in any::<prop::sample::Index>()) {
        edit_session(which, edits, |_| (), |file, ()| {
            let fresh = SourceFile::parse(file.text().to_owned());
            prop_assert_eq!(to_sexp(file), to_sexp(&fresh));
            prop_assert_eq!(file.line_index(), fresh.line_index());
            Ok(())
        })?;
    }
}


/// The lexer of `inline.rs` reads every prose line of the real reports, the fixtures, the sample
/// and random text into the tokens the editors' inline grammar (`grammar/inline/`) parses there
/// (consecutive text tokens as one: the lexer also ends text at a sentence terminator).
#[test]
fn the_lexer_reads_what_the_inline_grammar_parses() {
    let mut inputs: Vec<(String, String)> = real_reports().unwrap_or_default();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for entry in std::fs::read_dir(fixtures).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            inputs.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
        }
    }
    inputs.push(("sample".into(), include_str!("../../../examples/sample-report.txt").into()));
    // Random lines of the pieces tokens are made of (a form feed, which the two treat apart as
    // insignificant space, is left out).
    let pieces = [
        "0", "１", "12", "2024", "1,234", ",", ".", "．", "年", "月", "日", "号", "度", "条", "人次", "万", "余", "第", "一",
        "款", "项", "（", "）", "[", "]", "〔2021〕30号", "国令第", "国务院令", "《", "》", "报告", "<", "|", "。", " ", "\u{3000}",
        "𠀀", "2023年1月1日", "第二十条第（一）项",
    ];
    let mut seed = 12345u64;
    for _ in 0..3000 {
        let mut line = String::from("x");
        for _ in 0..12 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            line.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
        }
        inputs.push(("random".into(), line + "\n"));
    }
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&tree_sitter_nianbao::INLINE_LANGUAGE.into()).unwrap();
    // (kind, range), consecutive text merged.
    fn merged<'k>(tokens: impl Iterator<Item = (&'k str, std::ops::Range<usize>)>) -> Vec<(&'k str, std::ops::Range<usize>)> {
        let mut out: Vec<(&str, std::ops::Range<usize>)> = Vec::new();
        for (kind, range) in tokens {
            match out.last_mut() {
                Some((last, r)) if *last == "text" && kind == "text" => r.end = range.end,
                _ => out.push((kind, range)),
            }
        }
        out
    }
    let mut lines = 0;
    for (path, text) in &inputs {
        let file = SourceFile::parse(text.as_str());
        let mut stack = vec![file.root()];
        while let Some(node) = stack.pop() {
            stack.extend(node.named_children(&mut node.walk()));
            for line in file.prose_lines(node) {
                lines += 1;
                let lexed = merged(inline_tokens(text, line.clone()).map(|t| {
                    let kind = match t.kind {
                        InlineKind::Number => "number",
                        InlineKind::Quantity => "quantity",
                        InlineKind::Year => "year",
                        InlineKind::Date => "date",
                        InlineKind::DocNumber => "doc_number",
                        InlineKind::ClauseRef => "clause_ref",
                        InlineKind::BookTitle => "book_title",
                        InlineKind::Text => "text",
                    };
                    (kind, t.range)
                }));
                let tree = parser.parse(&text[line.clone()], None).unwrap();
                let root = tree.root_node();
                let leaves: Vec<_> = root
                    .named_children(&mut root.walk())
                    .map(|n| (n.kind(), line.start + n.start_byte()..line.start + n.end_byte()))
                    .collect();
                let parsed = merged(leaves.into_iter());
                assert_eq!(lexed, parsed, "{path}: {:?}", &text[line]);
            }
        }
    }
    assert!(lines > 3000, "{lines} lines compared");
    eprintln!("{lines} prose lines: the lexer and the inline grammar agree");
}
