// External scanner for tree-sitter-nianbao.
//
// Classifies each line by looking ahead over all of it (and, for the signature, over the rest of
// the document), then emits a zero-width marker at the line's start. A line's kind cannot be
// decided by its first characters alone: `一、本年新收…<TAB>0` is a table row, `一、总体情况` a
// section heading.
//
// Each line is read ahead once, by the token before it (the newline or blank line that ends the
// line before), which must read it anyway: see `look_at_next_line`. That token's state carries
// the line's class to the marker, so the marker does not read the line again. The state is what
// tree-sitter compares before reusing a node, so an edit that changes a line's class is never
// missed; it also records the line's first character, and the marker reads the line itself when
// that does not match (at the start of the document, or after error recovery skipped a newline).

#include "tree_sitter/alloc.h"
#include "tree_sitter/parser.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum TokenType {
  NEWLINE,
  BLANK_LINE,
  TABLE_GAP,
  ROW,
  PIPE_ROW,
  PIPE_RULE,
  TITLE_START,
  SECTION_START,
  SUBSECTION_START,
  ITEM_START,
  HEADING_START,
  SIGNER_START,
  DATELINE_START,
  COMMENT_START,
  SUPPRESSION_START,
  ERROR_SENTINEL,
};

// Lines longer than this are never titles or signers; it also bounds the prefix we keep.
#define SHORT_LINE 60
#define PREFIX_LEN 24

// The class of a line: what `scan_line_start` needs to know of it.
enum LineClass {
  CLASS_TAB = 1 << 0,
  CLASS_PIPE = 1 << 1,          // starts with `|`
  CLASS_COMMENT = 1 << 2,       // starts with `<!--`
  CLASS_SUPPRESSION = 1 << 3,   // `<!-- nianbao-…`
  CLASS_DATE_ONLY = 1 << 4,
  CLASS_HEADING_LIKE = 1 << 5,  // starts with a number of any level or `#`
  CLASS_SHORT_PLAIN = 1 << 6,   // a possible title line or signer
  CLASS_MARKDOWN = 1 << 7,      // starts with `#`
  CLASS_SECTION = 1 << 8,       // `一、`, after any `#`s
  CLASS_SUBSECTION = 1 << 9,    // `（一）`, after any `#`s
  CLASS_ITEM = 1 << 10,         // `1.` or `（1）`, without `#`s
  CLASS_TITLE_WORDS = 1 << 11,  // contains 报告/年报, or ends like an organisation's name
  CLASS_PIPE_RULE = 1 << 12,    // `|---|`: only `|`, `-`, `:` and spaces, one `-` at least
};

// The class of the next non-blank line, read ahead by the token that ends the line before it.
typedef struct {
  bool known;
  uint16_t class;
  int32_t first; // the line's first character after indentation
} Scanner;

void *tree_sitter_nianbao_external_scanner_create(void) {
  Scanner *scanner = ts_calloc(1, sizeof(Scanner));
  return scanner;
}

void tree_sitter_nianbao_external_scanner_destroy(void *payload) { ts_free(payload); }

unsigned tree_sitter_nianbao_external_scanner_serialize(void *payload, char *buffer) {
  const Scanner *scanner = payload;
  if (!scanner->known) return 0;
  memcpy(buffer, &scanner->class, sizeof scanner->class);
  memcpy(buffer + sizeof scanner->class, &scanner->first, sizeof scanner->first);
  return sizeof scanner->class + sizeof scanner->first;
}

void tree_sitter_nianbao_external_scanner_deserialize(void *payload, const char *buffer,
                                                      unsigned length) {
  Scanner *scanner = payload;
  scanner->known = length == sizeof scanner->class + sizeof scanner->first;
  if (scanner->known) {
    memcpy(&scanner->class, buffer, sizeof scanner->class);
    memcpy(&scanner->first, buffer + sizeof scanner->class, sizeof scanner->first);
  }
}

static inline void advance(TSLexer *lexer) { lexer->advance(lexer, false); }
static inline void skip(TSLexer *lexer) { lexer->advance(lexer, true); }

// Insignificant horizontal space: the grammar's `extras` minus CR/FF/VT.
static inline bool is_space(int32_t c) {
  return c == ' ' || c == 0x3000 || c == 0x00A0 || c == 0xFEFF || c == '\f' || c == '\v';
}

static inline bool is_line_end(TSLexer *lexer) {
  return lexer->lookahead == '\n' || lexer->lookahead == '\r' || lexer->eof(lexer);
}

static inline bool is_digit(int32_t c) {
  return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

static inline bool is_han_numeral(int32_t c) {
  switch (c) {
  case 0x4E00: // 一
  case 0x4E8C: // 二
  case 0x4E09: // 三
  case 0x56DB: // 四
  case 0x4E94: // 五
  case 0x516D: // 六
  case 0x4E03: // 七
  case 0x516B: // 八
  case 0x4E5D: // 九
  case 0x5341: // 十
    return true;
  default:
    return false;
  }
}

static inline bool is_han(int32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x3134F);
}

// Punctuation that marks a line as a sentence rather than a title or a signer.
static inline bool is_sentence_punct(int32_t c) {
  switch (c) {
  case 0x3002: // 。
  case 0xFF0C: // ，
  case ',':
  case 0xFF1B: // ；
  case ';':
  case 0xFF01: // ！
  case '!':
  case 0xFF1F: // ？
  case '?':
  case 0xFF1A: // ：
  case ':':
    return true;
  default:
    return false;
  }
}

// Characters a date-only line (`2024年1月16日`) may consist of.
static inline bool is_date_char(int32_t c) {
  return is_digit(c) || is_space(c) || c == 0x5E74 /* 年 */ || c == 0x6708 /* 月 */ ||
         c == 0x65E5 /* 日 */ || c == 0x53F7 /* 号 */;
}

// Characters an organisation's name typically ends with (局, 委, 办, 府 …): a short line in the
// front matter that ends with one is part of the title block.
static inline bool is_org_suffix(int32_t c) {
  switch (c) {
  case 0x5C40: // 局
  case 0x59D4: // 委
  case 0x529E: // 办
  case 0x5E9C: // 府
  case 0x533A: // 区
  case 0x9662: // 院
  case 0x5385: // 厅
  case 0x4F1A: // 会
  case 0x5FC3: // 心 (中心)
  case 0x6240: // 所
  case 0x90E8: // 部
  case 0x5BA4: // 室
  case 0x7F72: // 署
  case 0x7AD9: // 站
  case 0x961F: // 队
  case 0x9547: // 镇
  case 0x4E61: // 乡
  case 0x8857: // 街 (街道)
  case 0x9053: // 道
  case 0x53BF: // 县
  case 0x5E02: // 市
  case 0x7701: // 省
  case 0x884C: // 行 (银行)
  case 0x53F8: // 司
    return true;
  default:
    return false;
  }
}

typedef struct {
  int32_t prefix[PREFIX_LEN]; // the first code points of the line (after indentation)
  unsigned prefix_len;
  unsigned length;           // code points in the line, trailing space excluded
  int32_t last;              // the last non-space code point
  bool has_tab;
  bool has_sentence_punct;
  bool has_han;
  bool date_only;            // only digits, 年月日号 and spaces, with at least 年 and 月
  bool has_report_word;      // contains 报告 or 年报
  bool has_nianbao_word;     // prefix continues `<!--` with `nianbao-`
  bool rule_chars;           // only `|`, `-`, `:` and spaces, one `-` at least
} LineInfo;

// Reads the rest of the current line (up to, not including, its newline) into `info`.
static void read_line(TSLexer *lexer, LineInfo *info) {
  bool seen_year = false, seen_month = false, seen_dash = false;
  int32_t previous = 0;
  info->rule_chars = true;
  info->prefix_len = 0;
  info->length = 0;
  info->last = 0;
  info->has_tab = false;
  info->has_sentence_punct = false;
  info->has_han = false;
  info->date_only = true;
  info->has_report_word = false;
  while (!is_line_end(lexer)) {
    int32_t c = lexer->lookahead;
    if (info->prefix_len < PREFIX_LEN) info->prefix[info->prefix_len++] = c;
    if (c == '\t') info->has_tab = true;
    if (is_sentence_punct(c)) info->has_sentence_punct = true;
    if (is_han(c)) info->has_han = true;
    if (!is_date_char(c)) info->date_only = false;
    if (c == '-') {
      seen_dash = true;
    } else if (c != '|' && c != ':' && !is_space(c)) {
      info->rule_chars = false;
    }
    if (c == 0x5E74) seen_year = true;
    if (c == 0x6708) seen_month = true;
    if ((previous == 0x62A5 && c == 0x544A) || (previous == 0x5E74 && c == 0x62A5)) {
      info->has_report_word = true; // 报告 / 年报
    }
    if (!is_space(c) && c != '\t') {
      info->last = c;
    }
    info->length++;
    previous = c;
    advance(lexer);
  }
  info->date_only = info->date_only && seen_year && seen_month && info->length > 0;
  info->rule_chars = info->rule_chars && seen_dash;
}

// Advances over the line break at the lexer's position, if any. Returns false at end of input.
static bool skip_line_break(TSLexer *lexer) {
  if (lexer->lookahead == '\r') advance(lexer);
  if (lexer->lookahead == '\n') {
    advance(lexer);
    return true;
  }
  return !lexer->eof(lexer);
}

// Advances over blank lines; stops at the first character of the next non-blank line.
// Returns false when only blank lines remain.
static bool skip_blank_lines(TSLexer *lexer) {
  for (;;) {
    while (is_space(lexer->lookahead) || lexer->lookahead == '\r' || lexer->lookahead == '\n') {
      advance(lexer);
    }
    return !lexer->eof(lexer);
  }
}

// True when only whitespace remains in the document.
static bool rest_is_blank(TSLexer *lexer) { return !skip_blank_lines(lexer); }

static unsigned skip_prefix_spaces(const LineInfo *info, unsigned i) {
  while (i < info->prefix_len && is_space(info->prefix[i])) i++;
  return i;
}

// `一、` `十二．` — a Han numeral of 1–3 characters followed by 、 or a full stop.
static bool prefix_is_section_number(const LineInfo *info, unsigned i) {
  unsigned start = i;
  while (i < info->prefix_len && is_han_numeral(info->prefix[i]) && i - start < 3) i++;
  if (i == start) return false;
  i = skip_prefix_spaces(info, i);
  if (i >= info->prefix_len) return false;
  int32_t c = info->prefix[i];
  return c == 0x3001 /* 、 */ || c == 0xFF0E /* ． */ || c == '.';
}

static inline bool is_open_paren(int32_t c) { return c == '(' || c == 0xFF08; }
static inline bool is_close_paren(int32_t c) { return c == ')' || c == 0xFF09; }

// `（一）` `(十一)` — or, when `digits` is set, `（1）` `(12)`.
static bool prefix_is_parenthesized(const LineInfo *info, unsigned i, bool digits) {
  if (i >= info->prefix_len || !is_open_paren(info->prefix[i])) return false;
  i = skip_prefix_spaces(info, i + 1);
  unsigned start = i;
  while (i < info->prefix_len && i - start < 3 &&
         (digits ? is_digit(info->prefix[i]) : is_han_numeral(info->prefix[i]))) {
    i++;
  }
  if (i == start || (digits && i - start > 2)) return false;
  i = skip_prefix_spaces(info, i);
  return i < info->prefix_len && is_close_paren(info->prefix[i]);
}

// `1.` `2、` `3．` followed by something other than a digit (so `2.5万元` is not an item).
static bool prefix_is_item_number(const LineInfo *info, unsigned i) {
  unsigned start = i;
  while (i < info->prefix_len && is_digit(info->prefix[i]) && i - start < 3) i++;
  if (i == start || i - start > 2) return false;
  i = skip_prefix_spaces(info, i);
  if (i >= info->prefix_len) return false;
  int32_t c = info->prefix[i];
  if (c != '.' && c != 0xFF0E && c != 0x3001) return false;
  return i + 1 >= info->prefix_len || !is_digit(info->prefix[i + 1]);
}

static bool prefix_is_comment(const LineInfo *info) {
  return info->prefix_len >= 4 && info->prefix[0] == '<' && info->prefix[1] == '!' &&
         info->prefix[2] == '-' && info->prefix[3] == '-';
}

static bool prefix_is_suppression(const LineInfo *info) {
  static const char word[] = "nianbao-";
  unsigned i = skip_prefix_spaces(info, 4);
  for (unsigned k = 0; word[k]; k++, i++) {
    if (i >= info->prefix_len || info->prefix[i] != word[k]) return false;
  }
  return true;
}

// A short line without sentence punctuation: a title line or a signer.
static bool is_short_plain(const LineInfo *info) {
  return info->length > 0 && info->length <= SHORT_LINE && !info->has_sentence_punct &&
         info->has_han && !info->has_tab && !info->date_only;
}

static uint16_t classify(const LineInfo *info) {
  uint16_t class = 0;
  if (info->has_tab) class |= CLASS_TAB;
  if (info->prefix_len > 0 && info->prefix[0] == '|') {
    class |= CLASS_PIPE;
    if (info->rule_chars) class |= CLASS_PIPE_RULE;
  }
  if (prefix_is_comment(info)) {
    class |= CLASS_COMMENT;
    if (prefix_is_suppression(info)) class |= CLASS_SUPPRESSION;
  }
  if (info->date_only) class |= CLASS_DATE_ONLY;
  if (prefix_is_section_number(info, 0) || prefix_is_parenthesized(info, 0, false) ||
      prefix_is_item_number(info, 0) || prefix_is_parenthesized(info, 0, true) ||
      (info->prefix_len > 0 && info->prefix[0] == '#')) {
    class |= CLASS_HEADING_LIKE;
  }
  if (is_short_plain(info)) class |= CLASS_SHORT_PLAIN;
  unsigned i = 0;
  bool markdown = info->prefix_len > 0 && info->prefix[0] == '#';
  if (markdown) {
    class |= CLASS_MARKDOWN;
    while (i < info->prefix_len && info->prefix[i] == '#') i++;
    i = skip_prefix_spaces(info, i);
  }
  if (prefix_is_section_number(info, i)) class |= CLASS_SECTION;
  if (prefix_is_parenthesized(info, i, false)) class |= CLASS_SUBSECTION;
  if (!markdown && (prefix_is_item_number(info, i) || prefix_is_parenthesized(info, i, true))) {
    class |= CLASS_ITEM;
  }
  if (info->has_report_word || is_org_suffix(info->last)) class |= CLASS_TITLE_WORDS;
  return class;
}

// Reads the line at the lexer's position (its indentation already skipped) and notes its class.
static void read_and_classify(Scanner *scanner, TSLexer *lexer) {
  LineInfo info;
  read_line(lexer, &info);
  scanner->known = info.prefix_len > 0;
  scanner->class = classify(&info);
  scanner->first = info.prefix_len > 0 ? info.prefix[0] : 0;
}

// Reads, without making it part of the token, up to the end of the next non-blank line, and
// notes its class for the marker at its start.
//
// Where a paragraph or a table ends depends on the kind of the line after it (is it another
// row? another prose line? a heading?), and that kind depends on the whole line. Reading it
// here makes it part of this token's lookahead, which tree-sitter records: an edit anywhere in
// that line then invalidates the node that ends here, so incremental parses equal fresh ones.
static void look_at_next_line(Scanner *scanner, TSLexer *lexer) {
  scanner->known = false;
  if (!skip_blank_lines(lexer)) return;
  read_and_classify(scanner, lexer);
}

static void skip_rest_of_line(TSLexer *lexer) {
  while (!is_line_end(lexer)) advance(lexer);
}

static bool emit(TSLexer *lexer, enum TokenType type) {
  lexer->result_symbol = type;
  return true;
}

static bool scan_line_start(Scanner *scanner, TSLexer *lexer, const bool *valid) {
  // Indentation is insignificant; skipped characters are not part of any token.
  while (is_space(lexer->lookahead)) skip(lexer);

  if (lexer->lookahead == '\n' || lexer->lookahead == '\r') {
    // A blank line. Between two rows of a table it belongs to the table.
    advance(lexer);
    if (lexer->lookahead == '\n') advance(lexer);
    lexer->mark_end(lexer);
    // Each blank line is its own token; its kind depends on the next non-blank line, which we
    // read without moving the token's end.
    look_at_next_line(scanner, lexer);
    bool row = scanner->known && (scanner->class & (CLASS_TAB | CLASS_PIPE));
    if (valid[TABLE_GAP] && row) return emit(lexer, TABLE_GAP);
    if (valid[BLANK_LINE]) return emit(lexer, BLANK_LINE);
    return false;
  }
  if (lexer->eof(lexer)) return false;

  lexer->mark_end(lexer); // every marker is zero-width, at the start of the line's content
  // The class read ahead by the token before, or (at the start of the document, or after error
  // recovery) the line read now.
  bool at_line_end = false;
  if (!scanner->known || scanner->first != lexer->lookahead) {
    read_and_classify(scanner, lexer);
    at_line_end = true;
  }
  uint16_t class = scanner->class;
  scanner->known = false; // consumed: the marker's own state is empty

  // A table row is one token: the line's content, its line break excluded.
  enum TokenType row = (class & CLASS_TAB)         ? ROW
                       : (class & CLASS_PIPE_RULE) ? PIPE_RULE
                       : (class & CLASS_PIPE)      ? PIPE_ROW
                                                   : ERROR_SENTINEL;
  if (row != ERROR_SENTINEL) {
    if (!valid[row]) return false;
    if (!at_line_end) skip_rest_of_line(lexer);
    lexer->mark_end(lexer);
    return emit(lexer, row);
  }
  if (class & CLASS_SUPPRESSION) return valid[SUPPRESSION_START] && emit(lexer, SUPPRESSION_START);
  if (class & CLASS_COMMENT) return valid[COMMENT_START] && emit(lexer, COMMENT_START);

  // The signature: the date line that ends the document, and the short line before it. Both are
  // decided by what follows, so look on; the marker stays zero-width at this line's start.
  if (valid[DATELINE_START] && (class & CLASS_DATE_ONLY)) {
    if (!at_line_end) skip_rest_of_line(lexer);
    skip_line_break(lexer);
    if (rest_is_blank(lexer)) return emit(lexer, DATELINE_START);
    return false;
  }
  if (valid[SIGNER_START] && !(class & CLASS_HEADING_LIKE) && (class & CLASS_SHORT_PLAIN)) {
    if (!at_line_end) skip_rest_of_line(lexer);
    LineInfo next;
    if (skip_line_break(lexer) && skip_blank_lines(lexer)) {
      read_line(lexer, &next);
      if (next.date_only) {
        skip_line_break(lexer);
        if (rest_is_blank(lexer)) return emit(lexer, SIGNER_START);
      }
    }
  }

  if (class & CLASS_SECTION) return valid[SECTION_START] && emit(lexer, SECTION_START);
  if (class & CLASS_SUBSECTION) return valid[SUBSECTION_START] && emit(lexer, SUBSECTION_START);
  if (class & CLASS_ITEM) return valid[ITEM_START] && emit(lexer, ITEM_START);
  if (valid[TITLE_START] && (class & CLASS_SHORT_PLAIN) && (class & CLASS_TITLE_WORDS)) {
    return emit(lexer, TITLE_START);
  }
  if (class & CLASS_MARKDOWN) return valid[HEADING_START] && emit(lexer, HEADING_START);
  return false;
}

bool tree_sitter_nianbao_external_scanner_scan(void *payload, TSLexer *lexer,
                                               const bool *valid_symbols) {
  Scanner *scanner = payload;
  // During error recovery every symbol is valid; let the internal lexer resynchronise.
  if (valid_symbols[ERROR_SENTINEL]) return false;

  if (valid_symbols[NEWLINE]) {
    while (is_space(lexer->lookahead)) skip(lexer);
    if (lexer->lookahead == '\r' || lexer->lookahead == '\n') {
      if (lexer->lookahead == '\r') advance(lexer);
      if (lexer->lookahead == '\n') advance(lexer);
      lexer->mark_end(lexer);
      look_at_next_line(scanner, lexer);
      return emit(lexer, NEWLINE);
    }
    if (lexer->eof(lexer)) {
      lexer->mark_end(lexer);
      scanner->known = false;
      return emit(lexer, NEWLINE);
    }
    return false;
  }

  bool line_start = valid_symbols[BLANK_LINE] || valid_symbols[TABLE_GAP] ||
                    valid_symbols[ROW] || valid_symbols[PIPE_ROW] || valid_symbols[PIPE_RULE] ||
                    valid_symbols[TITLE_START] || valid_symbols[SECTION_START] ||
                    valid_symbols[SUBSECTION_START] || valid_symbols[ITEM_START] ||
                    valid_symbols[HEADING_START] || valid_symbols[SIGNER_START] ||
                    valid_symbols[DATELINE_START] || valid_symbols[COMMENT_START] ||
                    valid_symbols[SUPPRESSION_START];
  if (line_start) return scan_line_start(scanner, lexer, valid_symbols);
  return false;
}
