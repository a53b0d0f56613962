/**
 * @file tree-sitter grammar for the inline content of 政府信息公开工作年度报告: numbers and their
 *       units, years, dates, document numbers, clause references, book titles.
 * @license MIT
 *
 * For editors that colour by tree-sitter alone (Helix): the report's grammar (`../grammar.js`)
 * stops at its structure — a paragraph, a heading, a table is one node — and its
 * `queries/injections.scm` hands the text of those nodes to this grammar. The language server
 * does not use it: it reads the same tokens with `server/src/syntax/inline.rs`, which is tested
 * against this grammar's corpus (`test/corpus/inline.txt`).
 *
 * Every character belongs to some token, so inline content never causes a parse error. Spaces,
 * TABs and line breaks separate tokens; spaces are allowed inside dates and document numbers.
 */

/* eslint-disable no-undef */

const HAN_NUMERAL = '[一二三四五六七八九十]';
const DIGIT = '[0-9０-９]';
const SP = '[ \\u3000\\u00A0]*';

// Characters at which a run of plain text stops, so that a longer token can start there.
// Digits always start a number-like token and never belong to text.
const TRIGGER = '第国《〔【\\[(（<|';
const TEXT_EXCLUDED = `\\t\\n\\r \\u3000\\u00A0\\uFEFF0-9０-９${TRIGGER}`;

module.exports = grammar({
  name: 'nianbao_inline',

  extras: _ => [/[ \t\n\r\u3000\u00A0\uFEFF\f\v]/],

  rules: {
    inline: $ => repeat(choice(
      $.quantity,
      $.number,
      $.year,
      $.date,
      $.doc_number,
      $.clause_ref,
      $.book_title,
      $.text,
    )),

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

    // Plain text: a run of characters that cannot start another token, or one trigger character
    // and the run after it (so `第三方` and `国家` stay one piece of text).
    text: _ => token(choice(
      new RegExp(`[^${TEXT_EXCLUDED}]+`),
      new RegExp(`[${TRIGGER}][^${TEXT_EXCLUDED}]*`),
    )),
  },
});
