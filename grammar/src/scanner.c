// External scanner for tree-sitter-nianbao.
//
// Classifies each line by looking ahead over all of it (and, for the signature, over the rest of
// the document). A line's kind cannot be decided by its first characters alone: `一、本年新收…
// <TAB>0` is a table row, `一、总体情况` a section heading. A heading-like line is one token, its
// line break included; so is a block of prose lines or of table rows (`scan_block`), which reads
// on while the next line continues it. Only a comment gets a zero-width marker at its start, the
// rest of it being parsed by the grammar.
//
// Each line is read ahead once, by the token before it (the block or newline that ends before
// it), which must read it anyway: see `scan_block` and `look_at_next_line`. That token's state carries the
// line's class to the next token, so the line is not classified again. The state is what
// tree-sitter compares before reusing a node, so an edit that changes a line's class is never
// missed; it also records the line's first character, and the line is read again when that does
// not match (at the start of the document, or after error recovery skipped a newline).

#include "tree_sitter/alloc.h"
#include "tree_sitter/parser.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum TokenType {
  NEWLINE,
  PARAGRAPH,
  TABLE,
  PIPE_TABLE,
  SIGNER,
  DATELINE,
  TITLE,
  SECTION_HEADING,
  SUBSECTION_HEADING,
  ITEM,
  HEADING,
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
  CLASS_ENDS_SENTENCE = 1 << 13, // ends with 。！？； (or their ASCII forms)
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
} LineInfo;

// Reads the rest of the current line (up to, not including, its newline) into `info`.
static void read_line(TSLexer *lexer, LineInfo *info) {
  bool seen_year = false, seen_month = false;
  int32_t previous = 0;
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
  switch (info->last) {
  case 0x3002: // 。
  case 0xFF01: // ！
  case 0xFF1F: // ？
  case 0xFF1B: // ；
  case '!':
  case '?':
  case ';':
    class |= CLASS_ENDS_SENTENCE;
    break;
  default:
    break;
  }
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

// Whether a line of class `class` continues a block of kind `kind` (after `blank` blank lines,
// and a line of class `previous`). A paragraph goes on over lines that would get no marker; where
// a marker's validity depends on what follows (a signer, a dateline) or on the context (a title),
// the paragraph stops, and the line is classified again as the start of what comes next — a new
// paragraph, if nothing else. A signer follows a finished sentence: a short line after a line
// that does not end one is a hard-wrapped sentence going on.
static bool continues(enum TokenType kind, uint16_t previous, uint16_t class, bool blank,
                      const bool *valid) {
  switch (kind) {
  case TABLE:
    return class & CLASS_TAB;
  case PIPE_TABLE:
    return (class & CLASS_PIPE) && !(class & CLASS_TAB);
  case PARAGRAPH:
    if (blank) return false;
    if (class & (CLASS_TAB | CLASS_PIPE | CLASS_COMMENT | CLASS_SECTION | CLASS_SUBSECTION |
                 CLASS_ITEM | CLASS_MARKDOWN)) {
      return false;
    }
    if ((class & CLASS_DATE_ONLY) && valid[DATELINE]) return false;
    if ((class & CLASS_SHORT_PLAIN) && valid[SIGNER] && (previous & CLASS_ENDS_SENTENCE)) {
      return false;
    }
    if ((class & CLASS_SHORT_PLAIN) && (class & CLASS_TITLE_WORDS) && valid[TITLE]) {
      return false;
    }
    return true;
  default:
    return false;
  }
}

// Advances over blank lines, noting whether there was one; stops at the next non-blank
// character. Returns false when only blank lines remain.
static bool skip_blank_lines_noting(TSLexer *lexer, bool *blank) {
  *blank = false;
  while (is_space(lexer->lookahead) || lexer->lookahead == '\r' || lexer->lookahead == '\n') {
    if (lexer->lookahead == '\n') *blank = true;
    advance(lexer);
  }
  return !lexer->eof(lexer);
}

// Ends the current line of a token (the rest of it, unless `at_line_end`, and its line break)
// and marks the token's end there. Returns false at the end of the input.
static bool end_line(Scanner *scanner, TSLexer *lexer, bool at_line_end) {
  if (!at_line_end) skip_rest_of_line(lexer);
  bool more = skip_line_break(lexer);
  lexer->mark_end(lexer);
  scanner->known = false;
  return more;
}

// Reads ahead to the next non-blank line (after a line of class `*previous`), classifies it, and
// says whether it continues a block of kind `kind`. Either way its class is left in the scanner's
// state for the next token, and in `*previous`.
static bool next_line_continues(Scanner *scanner, TSLexer *lexer, enum TokenType kind,
                                uint16_t *previous, const bool *valid) {
  bool blank;
  if (!skip_blank_lines_noting(lexer, &blank)) return false;
  read_and_classify(scanner, lexer);
  bool more = continues(kind, *previous, scanner->class, blank, valid);
  *previous = scanner->class;
  return more;
}

// A paragraph or a table: the line at the lexer's position (already read when `at_line_end`) and
// every line after it that continues the block, with their line breaks; blank lines inside a
// table too. Blank lines after the block are not part of it.
static bool scan_block(Scanner *scanner, TSLexer *lexer, enum TokenType kind, uint16_t class,
                       bool at_line_end, const bool *valid) {
  while (end_line(scanner, lexer, at_line_end) &&
         next_line_continues(scanner, lexer, kind, &class, valid)) {
    at_line_end = true;
  }
  return emit(lexer, kind);
}

// A paragraph whose first line has been ended (`end_line`); the lexer is at the start of the next
// non-blank line (after a blank line when `blank`), not yet read.
static bool prose_from_here(Scanner *scanner, TSLexer *lexer, uint16_t previous, bool blank,
                            const bool *valid) {
  if (!valid[PARAGRAPH]) return false;
  read_and_classify(scanner, lexer);
  if (!continues(PARAGRAPH, previous, scanner->class, blank, valid)) return emit(lexer, PARAGRAPH);
  return scan_block(scanner, lexer, PARAGRAPH, scanner->class, true, valid);
}

static bool scan_line_start(Scanner *scanner, TSLexer *lexer, const bool *valid) {
  // Indentation and blank lines are insignificant: skipped characters are not part of any token.
  while (is_space(lexer->lookahead) || lexer->lookahead == '\r' || lexer->lookahead == '\n') {
    skip(lexer);
  }
  if (lexer->eof(lexer)) return false;

  lexer->mark_end(lexer); // a marker (comments) is zero-width, at the start of the line's content
  // The class read ahead by the token before, or (at the start of the document, or after error
  // recovery) the line read now.
  bool at_line_end = false;
  if (!scanner->known || scanner->first != lexer->lookahead) {
    read_and_classify(scanner, lexer);
    at_line_end = true;
  }
  uint16_t class = scanner->class;
  scanner->known = false; // consumed: a marker's own state is empty

  if (class & CLASS_TAB) {
    return valid[TABLE] && scan_block(scanner, lexer, TABLE, class, at_line_end, valid);
  }
  if (class & CLASS_PIPE) {
    return valid[PIPE_TABLE] && scan_block(scanner, lexer, PIPE_TABLE, class, at_line_end, valid);
  }
  if ((class & CLASS_SUPPRESSION) && valid[SUPPRESSION_START]) return emit(lexer, SUPPRESSION_START);
  if ((class & CLASS_COMMENT) && valid[COMMENT_START]) return emit(lexer, COMMENT_START);

  // The signature: the date line that ends the document, and the short line before it. Both are
  // decided by what follows, so look on. Each is a token ending with its line break, as is the
  // paragraph the line starts when it is not part of the signature.
  if (valid[DATELINE] && (class & CLASS_DATE_ONLY)) {
    bool blank;
    if (!end_line(scanner, lexer, at_line_end) || !skip_blank_lines_noting(lexer, &blank)) {
      lexer->mark_end(lexer);
      return emit(lexer, DATELINE);
    }
    return prose_from_here(scanner, lexer, class, blank, valid);
  }

  // A heading-like line is one token, its line break included (a "block" that never goes on).
  enum TokenType line = (class & CLASS_SECTION)      ? SECTION_HEADING
                        : (class & CLASS_SUBSECTION) ? SUBSECTION_HEADING
                        : (class & CLASS_ITEM)       ? ITEM
                                                     : ERROR_SENTINEL;
  // In the front matter a short line naming a report or an agency is a title line, never a signer.
  if (line == ERROR_SENTINEL && (class & CLASS_SHORT_PLAIN) && (class & CLASS_TITLE_WORDS) &&
      valid[TITLE]) {
    line = TITLE;
  }
  if (line != ERROR_SENTINEL && valid[line]) {
    return scan_block(scanner, lexer, line, class, at_line_end, valid);
  }
  if (valid[SIGNER] && !(class & CLASS_HEADING_LIKE) && (class & CLASS_SHORT_PLAIN)) {
    if (!end_line(scanner, lexer, at_line_end)) return valid[PARAGRAPH] && emit(lexer, PARAGRAPH);
    bool blank;
    if (!skip_blank_lines_noting(lexer, &blank)) return valid[PARAGRAPH] && emit(lexer, PARAGRAPH);
    read_and_classify(scanner, lexer);
    if (scanner->class & CLASS_DATE_ONLY) {
      scanner->known = false; // the date line is read again by the next token
      skip_line_break(lexer);
      if (rest_is_blank(lexer)) return emit(lexer, SIGNER);
      return valid[PARAGRAPH] && emit(lexer, PARAGRAPH);
    }
    if (!valid[PARAGRAPH]) return false;
    if (!continues(PARAGRAPH, class, scanner->class, blank, valid)) return emit(lexer, PARAGRAPH);
    return scan_block(scanner, lexer, PARAGRAPH, scanner->class, true, valid);
  }
  if ((class & CLASS_MARKDOWN) && valid[HEADING]) {
    return scan_block(scanner, lexer, HEADING, class, at_line_end, valid);
  }
  return valid[PARAGRAPH] && scan_block(scanner, lexer, PARAGRAPH, class, at_line_end, valid);
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

  bool line_start = valid_symbols[PARAGRAPH] || valid_symbols[TABLE] ||
                    valid_symbols[PIPE_TABLE] || valid_symbols[TITLE] ||
                    valid_symbols[SECTION_HEADING] || valid_symbols[SUBSECTION_HEADING] ||
                    valid_symbols[ITEM] || valid_symbols[HEADING] ||
                    valid_symbols[SIGNER] || valid_symbols[DATELINE] ||
                    valid_symbols[COMMENT_START] || valid_symbols[SUPPRESSION_START];
  if (line_start) return scan_line_start(scanner, lexer, valid_symbols);
  return false;
}
