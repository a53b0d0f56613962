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

/// What is kept of the tokens last sent for a document, to answer the next delta request: their
/// number, and a 128-bit hash of each run of [`CHUNK`] tokens counted from the start and from the
/// end. Not the tokens themselves: at 20 bytes each (the 5 MB report of `--bench scaling` has
/// 348,000), they took more memory than the text. A delta then resends up to a chunk more on
/// each side of the change.
#[derive(Debug)]
pub struct Sent {
    len: usize,
    /// Of all the tokens: an unchanged result needs no edit.
    whole: u128,
    from_start: Vec<u128>,
    from_end: Vec<u128>,
}

/// Tokens per hashed chunk.
const CHUNK: usize = 32;

impl Sent {
    pub fn of(tokens: &[lsp::SemanticToken]) -> Sent {
        let hash = |chunk: &[lsp::SemanticToken]| {
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            for t in chunk {
                for n in [t.delta_line, t.delta_start, t.length, t.token_type, t.token_modifiers_bitset] {
                    h.update(&n.to_le_bytes());
                }
            }
            h.digest128()
        };
        Sent {
            len: tokens.len(),
            whole: hash(tokens),
            from_start: tokens.chunks_exact(CHUNK).map(hash).collect(),
            from_end: tokens.rchunks_exact(CHUNK).map(hash).collect(),
        }
    }
}

/// The single edit that turns the tokens summarized by `old` into `new` (the common prefix and
/// suffix kept, in whole chunks); `start` and `delete_count` count integers (five per token), as
/// the protocol wants.
pub fn delta(old: &Sent, new: &[lsp::SemanticToken]) -> Vec<lsp::SemanticTokensEdit> {
    let sent = Sent::of(new);
    if sent.len == old.len && sent.whole == old.whole {
        return Vec::new();
    }
    let common = old.len.min(new.len());
    let prefix = old.from_start.iter().zip(&sent.from_start).take_while(|(a, b)| a == b).count() * CHUNK;
    let max_suffix = (common - prefix) / CHUNK;
    let suffix = old.from_end.iter().zip(&sent.from_end).take(max_suffix).take_while(|(a, b)| a == b).count() * CHUNK;
    let deleted = old.len - prefix - suffix;
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
        let long: Vec<u32> = (0..200).collect();
        let mut changed = long.clone();
        changed[100] = 7;
        changed.insert(150, 9);
        let shorter: Vec<u32> = long[..130].to_vec();
        let cases: Vec<(&[u32], &[u32])> = vec![
            (&[1, 2, 3], &[1, 9, 3]),
            (&[1, 2, 3], &[1, 2, 3, 4]),
            (&[], &[1]),
            (&[1, 1, 1], &[1, 1]),
            (&[1, 2], &[1, 2]),
            (&long, &changed),
            (&changed, &long),
            (&long, &shorter),
            (&long, &long),
            (&long, &[]),
        ];
        for (a, b) in cases {
            let a: Vec<_> = a.iter().map(|&n| tok(n)).collect();
            let b: Vec<_> = b.iter().map(|&n| tok(n)).collect();
            let edits = delta(&Sent::of(&a), &b);
            assert_eq!(apply(&a, &edits), b);
            if a == b {
                assert!(edits.is_empty());
            }
        }
        // A change in the middle of a long result resends a few chunks, not the whole.
        let a: Vec<_> = long.iter().map(|&n| tok(n)).collect();
        let b: Vec<_> = changed.iter().map(|&n| tok(n)).collect();
        let resent = delta(&Sent::of(&a), &b)[0].data.as_ref().unwrap().len();
        assert!(resent <= 4 * CHUNK + 1, "{resent}");
    }
}
