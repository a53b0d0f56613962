/**
 * @file tree-sitter grammar for 政府信息公开工作年度报告 (annual government-information-disclosure
 *       reports) as plain text, and for nianbao's canonical markup.
 * @license MIT
 *
 * The grammar is line-oriented and coarse. Which kind a line is (table row, section heading,
 * title, signer, prose…) depends on the whole line — a line `一、本年新收…<TAB>0` is a row, not a
 * heading, because it has cells — so the external scanner (src/scanner.c) looks ahead over each
 * line. A heading-like line is one token, its line break included; so are a block of prose lines
 * (`paragraph`) and a table (`table`, `pipe_table`): the scanner reads on while the next line
 * continues them. Only comments and suppressions are parsed here, after a zero-width marker.
 *
 * Inline content — numbers, dates, document numbers, clause references, book titles — is not
 * parsed here: the syntax layer reads it from a line's text (server/src/syntax/inline.rs), as it
 * reads a table's rows and cells. A token per number or word made the syntax tree several
 * times the size of the text (tree-sitter keeps a heap node per token and per repetition step);
 * a token per block keeps it a small fraction.
 *
 * Whitespace (see docs/markup.md):
 * - significant: newline (a line is the unit of structure), TAB (separates cells), blank lines
 *   (end a paragraph; inside a table they are part of the table);
 * - insignificant: spaces, U+3000 ideographic spaces, NBSP, a BOM, stray CR — `extras`, and the
 *   indentation before a line and the blank lines between blocks are skipped.
 */

/* eslint-disable no-undef */

module.exports = grammar({
  name: 'nianbao',

  externals: $ => [
    $._newline,
    $.paragraph,
    $.table,
    $.pipe_table,
    $.signer,
    $.dateline,
    $.title,
    $.section_heading,
    $.subsection_heading,
    $.item,
    $.heading,
    $._comment_start,
    $._suppression_start,
    $._error_sentinel,
  ],

  // A line break is significant (the scanner's `_newline`); as an extra it only lets the blank lines
  // at the end of the document be skipped.
  extras: _ => [/[ \u3000\u00A0\uFEFF\r\n\f\v]/],

  rules: {
    document: $ => seq(
      optional($.front_matter),
      repeat($.section),
      optional($.signature),
    ),

    // Everything before the first section heading: title lines, the preamble, stray tables.
    front_matter: $ => repeat1(choice($.title, $._block)),

    section: $ => prec.right(seq(
      field('heading', $.section_heading),
      repeat(choice($._block, $.subsection)),
    )),

    subsection: $ => prec.right(seq(
      field('heading', $.subsection_heading),
      repeat($._block),
    )),

    _block: $ => choice(
      $.paragraph,
      $.item,
      $.heading,
      $.table,
      $.pipe_table,
      $.comment,
      $.suppression,
    ),

    // ── Line kinds ───────────────────────────────────────────────────────────────────────────────

    // Each of these (external) is one line, its line break included; the syntax layer reads its
    // parts (`#` marker, number, text: server/src/syntax/heading.rs):
    // - `title`: a short line of the title block naming the report or the agency;
    // - `section_heading`: `一、总体情况`, `## 二、…`;
    // - `subsection_heading`: `（一）主动公开情况`;
    // - `item`: a numbered point, `1. …` or `（1）…`;
    // - `heading`: a Markdown heading without a recognised number (`## 附件`).

    // `paragraph` (external): consecutive prose lines, their line breaks included; a blank line or
    // any other kind of line ends it. Hard-wrapped sentences (PDF extraction) simply continue on
    // the next line.

    // `signer` and `dateline` (external): the short line and the date line that end the document,
    // each with its line break.
    signature: $ => seq(
      optional(field('signer', $.signer)),
      field('date', $.dateline),
    ),

    // ── Tables ───────────────────────────────────────────────────────────────────────────────────

    // `table` (external): TAB-separated rows, as copied from Word or PDF, their line breaks and the
    // blank lines between them included. The syntax layer reads its rows and cells.
    //
    // `pipe_table` (external): the canonical markup, `| 规章 | 0 | 0 | 0 |`, with an optional
    // `|---|` rule under the header — lines starting with `|`.

    // ── Comments and suppressions ────────────────────────────────────────────────────────────────

    suppression: $ => seq(
      $._suppression_start,
      '<!--',
      field('directive', $.directive),
      repeat(seq(field('code', $.rule_code), optional(','))),
      '-->',
      $._line_end,
    ),

    directive: _ => token(prec(2, choice(
      'nianbao-disable-next-line',
      'nianbao-disable-line',
      'nianbao-disable',
      'nianbao-enable',
    ))),

    rule_code: _ => /[a-z0-9]+(-[a-z0-9]+)*/,

    comment: $ => seq(
      $._comment_start,
      /<!--([^-\n\r]|-[^-\n\r])*-->/,
      $._line_end,
    ),

    _line_end: $ => $._newline,
  },
});
