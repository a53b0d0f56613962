//! The parts of a one-line node — a title line, a section or subsection heading, a numbered
//! point, a Markdown heading: the `#` marker, the number, the text. Each such line is one token of
//! the grammar (a node per part cost more than the line's text); the scanner has classified the
//! line by the same patterns, and they are read here.

use std::ops::Range;

use super::inline::{is_digit, is_han_numeral, is_space};
use super::{Node, NodeExt as _, SourceFile};

/// The parts of a line; each range is within the line's content, `None` when absent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineParts {
    /// `#` … `######`.
    pub marker: Option<Range<usize>>,
    /// `一、`, `（一）`, `1.`, `（1）`.
    pub number: Option<Range<usize>>,
    /// The rest of the line, trimmed.
    pub text: Option<Range<usize>>,
}

impl SourceFile {
    /// The parts of a `title`, `section_heading`, `subsection_heading`, `item` or `heading` node
    /// (all empty for any other node).
    pub fn line_parts(&self, node: Node<'_>) -> LineParts {
        let kind = node.kind_name();
        let Some(line) = self.block_lines(node).next() else { return LineParts::default() };
        let text = &self.text()[line.clone()];
        let at = |i: usize| line.start + i;
        let mut i = 0;
        let mut parts = LineParts::default();
        if matches!(kind, "title" | "section_heading" | "subsection_heading" | "heading") {
            let hashes = text.bytes().take_while(|&b| b == b'#').take(6).count();
            if hashes > 0 {
                parts.marker = Some(at(0)..at(hashes));
                i = skip_spaces(text, hashes);
            }
        }
        let number = match kind {
            "section_heading" => section_number(text, i),
            "subsection_heading" => parenthesized(text, i, is_han_numeral, 3),
            "item" => item_number(text, i).or_else(|| parenthesized(text, i, is_digit, 2)),
            "title" | "heading" => None,
            _ => return LineParts::default(),
        };
        if let Some(end) = number {
            parts.number = Some(at(i)..at(end));
            i = skip_spaces(text, end);
        }
        let rest = text[i..].trim_end_matches(is_space);
        if !rest.is_empty() {
            parts.text = Some(at(i)..at(i + rest.len()));
        }
        parts
    }

    /// The lines of a node that hold prose (read into sentences and inline tokens): a paragraph's
    /// lines, a heading's or a numbered point's text, the signer, the dateline.
    pub fn prose_lines(&self, node: Node<'_>) -> Vec<Range<usize>> {
        match node.kind_name() {
            "paragraph" | "signer" | "dateline" => self.block_lines(node).collect(),
            "title" | "section_heading" | "subsection_heading" | "item" | "heading" => {
                self.line_parts(node).text.into_iter().collect()
            }
            _ => Vec::new(),
        }
    }
}

fn skip_spaces(text: &str, from: usize) -> usize {
    from + text[from..].len() - text[from..].trim_start_matches(is_space).len()
}

/// Up to `max` characters matching `pred` from `from`; the end, if there is one at least.
fn run(text: &str, from: usize, pred: impl Fn(char) -> bool, max: usize) -> Option<usize> {
    let len: usize = text[from..].chars().take_while(|&c| pred(c)).take(max).map(char::len_utf8).sum();
    (len > 0).then_some(from + len)
}

/// The end of `c` at `from` (after spaces), if it is one of `chars`.
fn one_of(text: &str, from: usize, chars: &str) -> Option<usize> {
    let from = skip_spaces(text, from);
    let c = text[from..].chars().next().filter(|c| chars.contains(*c))?;
    Some(from + c.len_utf8())
}

/// `一、`, `十二．`
fn section_number(text: &str, from: usize) -> Option<usize> {
    one_of(text, run(text, from, is_han_numeral, 3)?, "、．.")
}

/// `1.`, `2、`, `3．`
fn item_number(text: &str, from: usize) -> Option<usize> {
    one_of(text, run(text, from, is_digit, 2)?, ".．、")
}

/// `（一）`, `(1)`
fn parenthesized(text: &str, from: usize, pred: impl Fn(char) -> bool, max: usize) -> Option<usize> {
    let open = one_of(text, from, "（(")?;
    let digits = run(text, skip_spaces(text, open), pred, max)?;
    one_of(text, digits, "）)")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> Vec<(Option<&str>, Option<&str>, Option<&str>)> {
        let file = SourceFile::parse(text);
        let mut out = Vec::new();
        let mut stack = vec![file.root()];
        while let Some(n) = stack.pop() {
            let p = file.line_parts(n);
            if p != LineParts::default() {
                let get = |r: Option<Range<usize>>| r.map(|r| &text[r]);
                out.push((n.start_byte(), (get(p.marker), get(p.number), get(p.text))));
            }
            stack.extend(n.named_children(&mut n.walk()));
        }
        out.sort_by_key(|(at, _)| *at);
        out.into_iter().map(|(_, p)| p).collect()
    }

    #[test]
    fn reads_markers_numbers_and_text() {
        assert_eq!(
            parts("# 某某局2024年政府信息公开工作年度报告\n一、 总体情况 \n## （二） 依申请公开\n1. 第一点\n（2）第二点\n## 附件\n四、\n"),
            [
                (Some("#"), None, Some("某某局2024年政府信息公开工作年度报告")),
                (None, Some("一、"), Some("总体情况")),
                (Some("##"), Some("（二）"), Some("依申请公开")),
                (None, Some("1."), Some("第一点")),
                (None, Some("（2）"), Some("第二点")),
                (Some("##"), None, Some("附件")),
                (None, Some("四、"), None),
            ]
        );
    }
}
