/**
 * @file tree-sitter grammar for 政府信息公开工作年度报告 (annual government-information-disclosure
 *       reports) as plain text, and for nianbao's canonical markup.
 * @license MIT
 *
 * The grammar is line-oriented. Which kind a line is (table row, section heading, title, signature…)
 * depends on the whole line — a line `一、本年新收…<TAB>0` is a row, not a heading, because it has
 * cells — so the external scanner (src/scanner.c) looks ahead over the line and emits a zero-width
 * marker token at its start. The rest of the grammar is then LR(1) without conflicts, and inline
 * content never produces a parse error: every character is part of some inline token.
 *
 * Whitespace (see docs/markup.md):
 * - significant: newline (a line is the unit of structure), TAB (separates cells), blank lines
 *   (end a paragraph; inside a table they are absorbed into the table);
 * - insignificant: spaces, U+3000 ideographic spaces, NBSP, a BOM, stray CR — they are `extras`
 *   between tokens, and allowed inside dates and document numbers (`2023 年 1 月 1 日`).
 */

/* eslint-disable no-undef */

const HAN_NUMERAL = '[一二三四五六七八九十]';
const DIGIT = '[0-9０-９]';
const SP = '[ \\u3000\\u00A0]*';

// Characters at which a run of plain text stops, so that a longer inline token can start there.
// Digits always start a number-like token and never belong to text.
const TRIGGER = '第国《〔【\\[(（<|';
const TEXT_EXCLUDED = `\\t\\n\\r \\u3000\\u00A0\\uFEFF0-9０-９${TRIGGER}`;

module.exports = grammar({
  name: 'nianbao',

  externals: $ => [
    $._newline,
    $._blank_line,
    $._table_gap,
    $.row,
    $.pipe_row,
    $.pipe_rule,
    $._title_start,
    $._section_start,
    $._subsection_start,
    $._item_start,
    $._heading_start,
    $._signer_start,
    $._dateline_start,
    $._comment_start,
    $._suppression_start,
    $._error_sentinel,
  ],

  extras: _ => [/[ \u3000\u00A0\uFEFF\r\f\v]/],

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
      $._blank_line,
    ),

    // ── Line kinds ───────────────────────────────────────────────────────────────────────────────

    title: $ => seq(
      $._title_start,
      optional($.heading_marker),
      field('text', $.line_text),
      $._line_end,
    ),

    section_heading: $ => seq(
      $._section_start,
      optional($.heading_marker),
      field('number', $.section_number),
      optional(field('title', $.line_text)),
      $._line_end,
    ),

    subsection_heading: $ => seq(
      $._subsection_start,
      optional($.heading_marker),
      field('number', $.subsection_number),
      optional(field('title', $.line_text)),
      $._line_end,
    ),

    // A Markdown heading without a recognised number (`## 附件`).
    heading: $ => seq(
      $._heading_start,
      $.heading_marker,
      optional(field('title', $.line_text)),
      $._line_end,
    ),

    item: $ => seq(
      $._item_start,
      field('number', $.item_number),
      optional(field('text', $.line_text)),
      $._line_end,
    ),

    // Consecutive prose lines; a blank line or any other kind of line ends it. Hard-wrapped
    // sentences (PDF extraction) simply continue on the next line.
    paragraph: $ => prec.right(repeat1($._paragraph_line)),
    _paragraph_line: $ => seq(alias($.line_text, $.line), $._line_end),

    signature: $ => seq(
      optional(seq($._signer_start, field('signer', $.line_text), $._line_end, repeat($._blank_line))),
      $._dateline_start,
      field('date', $.date),
      optional($._line_end),
      repeat($._blank_line),
    ),

    // ── Tables ───────────────────────────────────────────────────────────────────────────────────

    // TAB-separated rows, as copied from Word or PDF. Blank lines between rows belong to the table.
    // A `row` is the line's content (indentation and line break excluded), TABs included.
    table: $ => prec.right(seq(
      $.row, $._line_end,
      repeat(seq(repeat($._table_gap), $.row, $._line_end)),
    )),

    // The canonical markup: `| 规章 | 0 | 0 | 0 |`, with an optional `|---|` rule under the header.
    // A `pipe_row` starts with `|`; a `pipe_rule` has only `|`, `-`, `:` and spaces, one `-` at least.
    pipe_table: $ => prec.right(seq(
      choice($.pipe_row, $.pipe_rule), $._line_end,
      repeat(seq(repeat($._table_gap), choice($.pipe_row, $.pipe_rule), $._line_end)),
    )),

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

    // ── Line pieces ──────────────────────────────────────────────────────────────────────────────

    _line_end: $ => $._newline,

    heading_marker: _ => /#{1,6}/,

    section_number: _ => new RegExp(`${HAN_NUMERAL}{1,3}${SP}[、．.]`),

    subsection_number: _ => new RegExp(`[（(]${SP}${HAN_NUMERAL}{1,3}${SP}[）)]`),

    item_number: _ => choice(
      new RegExp(`${DIGIT}{1,2}${SP}[.．、]`),
      new RegExp(`[（(]${SP}${DIGIT}{1,2}${SP}[）)]`),
    ),

    line_text: $ => repeat1($._inline),

    _inline: $ => choice(
      $.quantity,
      $.number,
      $.year,
      $.date,
      $.doc_number,
      $.clause_ref,
      $.book_title,
      $.text,
    ),

    // 1762 / １,７６２ / 24252.311082 — half- or full-width digits, thousands separators, decimals.
    number: _ => new RegExp(`${DIGIT}+(,${DIGIT}{3})*([.．]${DIGIT}+)?`),

    // A number with its unit: `1762 条`, `5500 余条`, `3940 元`.
    quantity: $ => seq(field('value', $.number), field('unit', $.unit)),
    unit: _ => token(prec(1, /万?余?(条|件|次|个|项|篇|份|家|人次|人|场|期|批|元)/)),

    // `2023年`, `2023 年度` — a year on its own.
    year: _ => token(prec(1, new RegExp(`${DIGIT}{4}${SP}年度?`))),

    // `2023年1月1日`, `2023 年 12 月 31 日`, `2024年1月`, `1月31日`.
    date: _ => token(prec(1, choice(
      new RegExp(`${DIGIT}{4}${SP}年${SP}${DIGIT}{1,2}${SP}月(${SP}${DIGIT}{1,2}${SP}[日号])?`),
      new RegExp(`${DIGIT}{1,2}${SP}月${SP}${DIGIT}{1,2}${SP}[日号]`),
    ))),

    // The year-and-serial of a document number in any bracket style — `〔2021〕30号`, `[2021]30号`,
    // `（2021）30号`, `【2021】30号` — and State Council orders `国令第711号`, `国务院令第 711 号`.
    doc_number: _ => token(prec(1, choice(
      new RegExp(`[〔\\[【(（]${SP}${DIGIT}{4}${SP}[〕\\]】)）]${SP}第?${SP}${DIGIT}+${SP}号`),
      new RegExp(`(国务院令|国令)${SP}第${SP}${DIGIT}+${SP}号`),
    ))),

    // `第二十条第（一）项`, `第五十条第二款`, `第二十条 第（一）（五）项`, `第三十六条`.
    clause_ref: _ => token(prec(1, new RegExp(
      `第[一二三四五六七八九十百零〇两]+条(${SP}第${HAN_NUMERAL}+款)?(${SP}第?${SP}([（(]${SP}${HAN_NUMERAL}+${SP}[）)])+${SP}项)?`,
    ))),

    // `《中华人民共和国政府信息公开条例》`
    book_title: _ => token(prec(1, /《[^》\n\r]*》/)),

    // Plain text: a run of characters that cannot start another inline token, or one trigger
    // character and the run after it (so `第三方` and `国家` stay one piece of text).
    text: _ => token(choice(
      new RegExp(`[^${TEXT_EXCLUDED}]+`),
      new RegExp(`[${TRIGGER}][^${TEXT_EXCLUDED}]*`),
    )),
  },
});
