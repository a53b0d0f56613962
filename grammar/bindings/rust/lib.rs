//! The tree-sitter grammar for 政府信息公开工作年度报告 (annual government-information-disclosure
//! reports) as plain text, and for nianbao's canonical markup.
//!
//! ```
//! let mut parser = tree_sitter::Parser::new();
//! parser.set_language(&tree_sitter_nianbao::LANGUAGE.into()).unwrap();
//! let tree = parser.parse("一、总体情况\n规章\t0\t0\t0\n", None).unwrap();
//! assert!(!tree.root_node().has_error());
//! ```

use tree_sitter_language::LanguageFn;

unsafe extern "C" {
    fn tree_sitter_nianbao() -> *const ();
    fn tree_sitter_nianbao_inline() -> *const ();
}

/// The tree-sitter [`LanguageFn`] for this grammar.
pub const LANGUAGE: LanguageFn = unsafe { LanguageFn::from_raw(tree_sitter_nianbao) };

/// The grammar of inline content (`grammar/inline/`), for editors that colour by tree-sitter:
/// [`INJECTIONS_QUERY`] hands it the text of prose, headings and tables.
pub const INLINE_LANGUAGE: LanguageFn = unsafe { LanguageFn::from_raw(tree_sitter_nianbao_inline) };

/// The content of the [`node-types.json`] file for this grammar.
pub const NODE_TYPES: &str = include_str!("../../src/node-types.json");

/// Syntax highlighting query.
pub const HIGHLIGHTS_QUERY: &str = include_str!("../../queries/highlights.scm");
/// Folding query.
pub const FOLDS_QUERY: &str = include_str!("../../queries/folds.scm");
/// Outline (document symbols) query, in the nvim-treesitter / Zed `@item` `@name` convention.
pub const OUTLINE_QUERY: &str = include_str!("../../queries/outline.scm");
/// Injections: the inline content of a report's blocks, in [`INLINE_LANGUAGE`].
pub const INJECTIONS_QUERY: &str = include_str!("../../queries/injections.scm");
/// Syntax highlighting query of [`INLINE_LANGUAGE`].
pub const INLINE_HIGHLIGHTS_QUERY: &str = include_str!("../../inline/queries/highlights.scm");

#[cfg(test)]
mod tests {
    #[test]
    fn loads_grammar() {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&super::LANGUAGE.into()).expect("ABI compatible");
    }

    #[test]
    fn queries_compile() {
        let language: tree_sitter::Language = super::LANGUAGE.into();
        for (name, source) in [
            ("highlights", super::HIGHLIGHTS_QUERY),
            ("folds", super::FOLDS_QUERY),
            ("outline", super::OUTLINE_QUERY),
            ("injections", super::INJECTIONS_QUERY),
        ] {
            tree_sitter::Query::new(&language, source)
                .unwrap_or_else(|e| panic!("queries/{name}.scm: {e}"));
        }
        let inline: tree_sitter::Language = super::INLINE_LANGUAGE.into();
        tree_sitter::Query::new(&inline, super::INLINE_HIGHLIGHTS_QUERY).expect("inline/queries/highlights.scm");
    }
}
