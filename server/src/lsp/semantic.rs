//! Semantic tokens in LSP's relative encoding, and deltas between two results.

use tower_lsp_server::ls_types as lsp;

use super::convert;
use crate::ide::semantic_tokens::{Token, TokenType, modifier};
use crate::syntax::{PositionEncoding, SourceFile};

pub fn legend() -> lsp::SemanticTokensLegend {
    lsp::SemanticTokensLegend {
        token_types: TokenType::ALL.iter().map(|t| lsp::SemanticTokenType::new(t.lsp_name())).collect(),
        token_modifiers: modifier::NAMES.iter().map(|m| lsp::SemanticTokenModifier::new(m)).collect(),
    }
}

/// Tokens (sorted, single-line) → LSP's relative encoding, columns in `enc`.
pub fn encode(file: &SourceFile, tokens: &[Token], enc: PositionEncoding) -> Vec<lsp::SemanticToken> {
    let mut out = Vec::with_capacity(tokens.len());
    let (mut prev_line, mut prev_col) = (0u32, 0u32);
    for t in tokens {
        let start = convert::position(file, t.range.start, enc);
        let end = convert::position(file, t.range.end, enc);
        if end.line != start.line || end.character <= start.character {
            continue;
        }
        let delta_line = start.line - prev_line;
        let delta_start = if delta_line == 0 { start.character - prev_col } else { start.character };
        out.push(lsp::SemanticToken {
            delta_line,
            delta_start,
            length: end.character - start.character,
            token_type: t.ty.index(),
            token_modifiers_bitset: t.modifiers,
        });
        prev_line = start.line;
        prev_col = start.character;
    }
    out
}

/// The single edit that turns `old` into `new` (common prefix and suffix kept); `start` and
/// `delete_count` count integers (five per token), as the protocol wants.
pub fn delta(old: &[lsp::SemanticToken], new: &[lsp::SemanticToken]) -> Vec<lsp::SemanticTokensEdit> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let max_suffix = old.len().min(new.len()) - prefix;
    let suffix = old.iter().rev().zip(new.iter().rev()).take(max_suffix).take_while(|(a, b)| a == b).count();
    let deleted = old.len() - prefix - suffix;
    let inserted = &new[prefix..new.len() - suffix];
    if deleted == 0 && inserted.is_empty() {
        return Vec::new();
    }
    vec![lsp::SemanticTokensEdit {
        start: (prefix * 5) as u32,
        delete_count: (deleted * 5) as u32,
        data: Some(inserted.to_vec()),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tok(n: u32) -> lsp::SemanticToken {
        lsp::SemanticToken { delta_line: n, delta_start: 0, length: 1, token_type: 0, token_modifiers_bitset: 0 }
    }

    fn apply(old: &[lsp::SemanticToken], edits: &[lsp::SemanticTokensEdit]) -> Vec<lsp::SemanticToken> {
        let mut v = old.to_vec();
        for e in edits {
            let s = e.start as usize / 5;
            let d = e.delete_count as usize / 5;
            v.splice(s..s + d, e.data.clone().unwrap_or_default());
        }
        v
    }

    #[test]
    fn deltas_apply() {
        let cases: [(&[u32], &[u32]); 5] =
            [(&[1, 2, 3], &[1, 9, 3]), (&[1, 2, 3], &[1, 2, 3, 4]), (&[], &[1]), (&[1, 1, 1], &[1, 1]), (&[1, 2], &[1, 2])];
        for (a, b) in cases {
            let a: Vec<_> = a.iter().map(|&n| tok(n)).collect();
            let b: Vec<_> = b.iter().map(|&n| tok(n)).collect();
            assert_eq!(apply(&a, &delta(&a, &b)), b);
        }
    }
}
