//! Conversions between the core's byte offsets and LSP positions in the negotiated encoding,
//! and from core types to LSP types.

use std::ops::Range;

use tower_lsp_server::ls_types as lsp;

use crate::diagnostic::{Diagnostic, TextEdit};
use crate::knowledge::Severity;
use crate::syntax::{LineCol, PositionEncoding, SourceFile};

/// Where the rules are documented; `#code` anchors each rule (`docs/rules.md`).
pub use crate::knowledge::RULES_DOC_URL as RULES_DOCS_URL;

pub fn position(file: &SourceFile, offset: usize, enc: PositionEncoding) -> lsp::Position {
    let lc = file.line_index().position(file.text(), offset, enc);
    lsp::Position::new(lc.line, lc.col)
}

pub fn range(file: &SourceFile, r: Range<usize>, enc: PositionEncoding) -> lsp::Range {
    lsp::Range::new(position(file, r.start, enc), position(file, r.end, enc))
}

/// The byte offset of a position, clamped as LSP asks (past the end of a line → its end; past
/// the last line → the end of the text; inside a surrogate pair → the character's start).
pub fn offset(file: &SourceFile, pos: lsp::Position, enc: PositionEncoding) -> usize {
    file.line_index().offset(file.text(), LineCol { line: pos.line, col: pos.character }, enc)
}

/// A range of the document as byte offsets, start ≤ end.
pub fn byte_range(file: &SourceFile, r: lsp::Range, enc: PositionEncoding) -> Range<usize> {
    let (a, b) = (offset(file, r.start, enc), offset(file, r.end, enc));
    a.min(b)..a.max(b)
}

pub fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Information => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

pub fn rule_href(code: &str) -> Option<lsp::Uri> {
    format!("{RULES_DOCS_URL}#{code}").parse().ok()
}

/// A diagnostic whose related locations may lie in last year's report (`previous`).
pub fn diagnostic(
    file: &SourceFile,
    uri: &lsp::Uri,
    d: &Diagnostic,
    enc: PositionEncoding,
    previous: Option<&crate::rules::continuity::Previous>,
) -> lsp::Diagnostic {
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|r| {
            let location = match (&r.document, previous) {
                (None, _) => lsp::Location { uri: uri.clone(), range: range(file, r.range.clone(), enc) },
                (Some(name), Some(p)) if *name == p.name => {
                    lsp::Location { uri: document_uri(name)?, range: range(&p.file, r.range.clone(), enc) }
                }
                _ => return None,
            };
            Some(lsp::DiagnosticRelatedInformation { location, message: r.message.clone() })
        })
        .collect();
    let tags = match d.code {
        "superseded-citation" | "stale-format" => Some(vec![lsp::DiagnosticTag::DEPRECATED]),
        _ => None,
    };
    lsp::Diagnostic {
        range: range(file, d.range.clone(), enc),
        severity: Some(severity(d.severity)),
        code: Some(lsp::NumberOrString::String(d.code.to_string())),
        code_description: rule_href(d.code).map(|href| lsp::CodeDescription { href }),
        source: Some("nianbao".to_string()),
        message: d.message.clone(),
        related_information: if related.is_empty() { None } else { Some(related) },
        tags,
        data: None,
    }
}

pub fn text_edit(file: &SourceFile, e: &TextEdit, enc: PositionEncoding) -> lsp::TextEdit {
    lsp::TextEdit { range: range(file, e.range.clone(), enc), new_text: e.new_text.clone() }
}

/// The whole range of a text given as a line index over it.
pub fn full_range(file: &SourceFile, enc: PositionEncoding) -> lsp::Range {
    range(file, 0..file.text().len(), enc)
}

pub fn encoding_kind(enc: PositionEncoding) -> lsp::PositionEncodingKind {
    match enc {
        PositionEncoding::Utf8 => lsp::PositionEncodingKind::UTF8,
        PositionEncoding::Utf16 => lsp::PositionEncodingKind::UTF16,
        PositionEncoding::Utf32 => lsp::PositionEncodingKind::UTF32,
    }
}

/// The URI of a document named by a URI (an open document) or a path (a file on disk).
pub fn document_uri(name: &str) -> Option<lsp::Uri> {
    if name.contains("://") {
        name.parse().ok()
    } else {
        lsp::Uri::from_file_path(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    // ropey (a dev-dependency) as an independent oracle for the line index's conversions.
    use ropey::Rope;

    /// The byte offset of a position in a rope, with the same clamping as [`offset`]. Only LF
    /// ends a line (a CR before it belongs to the line break), as in the core's `LineIndex`.
    fn rope_offset(rope: &Rope, pos: lsp::Position, enc: PositionEncoding) -> usize {
        let line = pos.line as usize;
        if line >= rope.len_lines() {
            return rope.len_bytes();
        }
        let start = rope.line_to_byte(line);
        let slice = rope.line(line);
        let mut content_len = slice.len_bytes();
        if slice.len_chars() > 0 && slice.char(slice.len_chars() - 1) == '\n' {
            content_len -= 1;
            if content_len > 0 && slice.byte(content_len - 1) == b'\r' {
                content_len -= 1;
            }
        }
        let mut remaining = pos.character as usize;
        let mut byte = 0;
        for ch in slice.chars() {
            if byte >= content_len {
                break;
            }
            let width = match enc {
                PositionEncoding::Utf8 => ch.len_utf8(),
                PositionEncoding::Utf16 => ch.len_utf16(),
                PositionEncoding::Utf32 => 1,
            };
            if remaining < width {
                break;
            }
            remaining -= width;
            byte += ch.len_utf8();
        }
        start + byte.min(content_len)
    }

    #[test]
    fn rope_and_line_index_agree() {
        let text = "a𠀀b😀\r\n　全角，\n\nlast";
        let rope = Rope::from_str(text);
        let file = SourceFile::parse(text);
        for enc in [PositionEncoding::Utf8, PositionEncoding::Utf16, PositionEncoding::Utf32] {
            for line in 0..6 {
                for col in 0..20 {
                    let p = lsp::Position::new(line, col);
                    assert_eq!(rope_offset(&rope, p, enc), offset(&file, p, enc), "{enc:?} {line}:{col}");
                }
            }
        }
        assert_eq!(offset(&file, lsp::Position::new(0, 2), PositionEncoding::Utf16), 1, "inside the surrogate pair → its start");
        assert_eq!(offset(&file, lsp::Position::new(0, 3), PositionEncoding::Utf16), 5);
        assert_eq!(offset(&file, lsp::Position::new(0, 99), PositionEncoding::Utf16), text.find('\r').unwrap());
    }
}
