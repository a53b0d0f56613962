//! Folding ranges: sections, subsections, tables, multi-line paragraphs, runs of comments.

use std::ops::Range;

use super::{named_children, trimmed_range};
use crate::syntax::NodeExt as _;
use crate::syntax::{Node, SourceFile};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoldKind {
    Region,
    Comment,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fold {
    /// Byte range; the front end folds from the line of `start` to the line of `end`.
    pub range: Range<usize>,
    pub kind: FoldKind,
}

/// Ranges that span more than one line, outermost first.
pub fn folding_ranges(file: &SourceFile) -> Vec<Fold> {
    let mut out = Vec::new();
    visit(file, file.root(), &mut out);
    out.retain(|f| file.text()[f.range.clone()].contains('\n'));
    out
}

fn visit(file: &SourceFile, node: Node<'_>, out: &mut Vec<Fold>) {
    let children = named_children(node);
    let mut comment_run: Option<Range<usize>> = None;
    for child in &children {
        let is_comment = matches!(child.kind_name(), "comment" | "suppression");
        if is_comment {
            let r = trimmed_range(file, *child);
            comment_run = Some(match comment_run {
                Some(run) => run.start..r.end,
                None => r,
            });
            continue;
        }
        if let Some(run) = comment_run.take() {
            out.push(Fold { range: run, kind: FoldKind::Comment });
        }
        match child.kind_name() {
            "section" | "subsection" | "table" | "pipe_table" | "paragraph" | "front_matter" => {
                if child.kind_name() != "front_matter" {
                    out.push(Fold { range: trimmed_range(file, *child), kind: FoldKind::Region });
                }
                if matches!(child.kind_name(), "section" | "subsection" | "front_matter") {
                    visit(file, *child, out);
                }
            }
            _ => {}
        }
    }
    if let Some(run) = comment_run.take() {
        out.push(Fold { range: run, kind: FoldKind::Comment });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_sections_and_tables() {
        let text = "一、总体情况\n\n（一）主动公开\n\n第一行\n第二行\n\n二、主动公开政府信息情况\n规章\t0\t0\t0\n行政规范性文件\t0\t0\t0\n";
        let f = SourceFile::parse(text);
        let folds = folding_ranges(&f);
        let texts: Vec<&str> = folds.iter().map(|x| &text[x.range.clone()]).collect();
        assert!(texts.iter().any(|t| t.starts_with("一、总体情况") && t.ends_with("第二行")), "{texts:?}");
        assert!(texts.iter().any(|t| t.starts_with("（一）主动公开")), "{texts:?}");
        assert!(texts.contains(&"第一行\n第二行"), "{texts:?}");
        assert!(texts.contains(&"规章\t0\t0\t0\n行政规范性文件\t0\t0\t0"), "{texts:?}");
    }
}
