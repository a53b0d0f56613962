//! Small pure text helpers shared by the layers: Chinese numerals, full-width digits, cell
//! numbers, label normalisation for matching headings and table labels, display width.
//!
//! Nothing here allocates more than the result it returns, and nothing reads the clock or disk.

use std::fmt;

use unicode_width::UnicodeWidthStr;

// ---------------------------------------------------------------------------------------------
// Chinese numerals
// ---------------------------------------------------------------------------------------------

fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' | 'Ｏ' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn chinese_unit(c: char) -> Option<u32> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// Is `c` a character that may appear in a Chinese numeral (digits 零〇一…九两, units 十百千)?
pub fn is_chinese_numeral_char(c: char) -> bool {
    chinese_digit(c).is_some() || chinese_unit(c).is_some()
}

/// Parses a Chinese numeral: `一`…`九十九`, `百`, `一百零五`, `两百`, `十一`, `二十`; also the
/// digit-by-digit form used for years (`二〇二三` = 2023, `二零一九` = 2019). Returns `None` for
/// anything else (empty text, other characters, malformed order such as `十十`).
pub fn parse_chinese_numeral(s: &str) -> Option<u32> {
    // Read in place (every numbered label comes through here): no copy of the characters.
    let chars = || s.chars();
    if s.is_empty() || chars().any(|c| !is_chinese_numeral_char(c)) {
        return None;
    }
    let has_unit = chars().any(|c| chinese_unit(c).is_some());
    if !has_unit {
        // Single digit or digit-by-digit (years).
        let mut n: u32 = 0;
        for c in chars() {
            n = n.checked_mul(10)?.checked_add(chinese_digit(c)?)?;
        }
        return Some(n);
    }
    // Positional form.
    let mut total: u32 = 0;
    let mut current: Option<u32> = None;
    let mut last_unit: u32 = u32::MAX;
    let mut pending_zero = false;
    for c in chars() {
        if let Some(d) = chinese_digit(c) {
            if current.is_some() {
                return None; // two digits in a row (`二三十`)
            }
            if d == 0 {
                if pending_zero {
                    return None;
                }
                pending_zero = true;
                continue;
            }
            current = Some(d);
        } else if let Some(u) = chinese_unit(c) {
            if u >= last_unit {
                return None;
            }
            if pending_zero && current.is_none() {
                return None; // `零十` is not a numeral
            }
            let d = current.take().unwrap_or(1);
            total = total.checked_add(d.checked_mul(u)?)?;
            last_unit = u;
            pending_zero = false;
        }
    }
    if let Some(d) = current {
        total = total.checked_add(d)?;
    } else if pending_zero {
        return None; // trailing 零
    }
    Some(total)
}

/// Formats `n` (0..=9999) as a Chinese numeral in the style of legal citations and headings:
/// 1 → `一`, 10 → `十`, 15 → `十五`, 20 → `二十`, 56 → `五十六`, 105 → `一百零五`, 110 → `一百一十`.
/// Larger numbers are written with Arabic digits.
pub fn to_chinese_numeral(n: u32) -> String {
    const D: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if n > 9999 {
        return n.to_string();
    }
    if n < 10 {
        return D[n as usize].to_string();
    }
    if n < 20 {
        let mut s = String::from("十");
        if n > 10 {
            s.push(D[(n - 10) as usize]);
        }
        return s;
    }
    let digits = [n / 1000, (n / 100) % 10, (n / 10) % 10, n % 10];
    let units = ["千", "百", "十", ""];
    let mut s = String::new();
    let mut started = false;
    let mut zero_pending = false;
    for (i, &d) in digits.iter().enumerate() {
        if d == 0 {
            if started {
                zero_pending = true;
            }
            continue;
        }
        if zero_pending {
            s.push('零');
            zero_pending = false;
        }
        s.push(D[d as usize]);
        s.push_str(units[i]);
        started = true;
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Digits and numbers
// ---------------------------------------------------------------------------------------------

/// Folds a full-width ASCII character (U+FF01..U+FF5E) to its half-width form and the
/// ideographic space to a space; other characters are returned unchanged.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

fn fold_digit(c: char) -> char {
    if ('０'..='９').contains(&c) { fold_width(c) } else { c }
}

/// Converts full-width digits `０`–`９` to ASCII, a full-width point `．` between digits to `.`,
/// and drops thousands separators (`,` or `，` that follow a digit and precede exactly three
/// digits), e.g. `１，２３４．５` → `1234.5`. Other text is kept: `3件，其中` stays as it is.
pub fn to_ascii_digits(s: &str) -> String {
    let chars: Vec<char> = s.chars().map(fold_digit).collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev_digit = i > 0 && chars[i - 1].is_ascii_digit();
        match c {
            ',' | '，' if prev_digit && is_thousands_group(&chars[i + 1..]) => {}
            '．' if prev_digit && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit()) => {
                out.push('.')
            }
            _ => out.push(c),
        }
    }
    out
}

/// Exactly three digits follow, then a non-digit (or the end).
fn is_thousands_group(rest: &[char]) -> bool {
    rest.len() >= 3
        && rest[..3].iter().all(|c| c.is_ascii_digit())
        && rest.get(3).is_none_or(|c| !c.is_ascii_digit())
}

/// A number read from a table cell or from prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CellNumber {
    /// A whole number as written (no decimal point).
    Integer(i64),
    /// A number written with a decimal point: `units / 10^scale` exactly
    /// (`24252.311082` → units 24252311082, scale 6; `3.0` → units 30, scale 1).
    Decimal { units: i64, scale: u32 },
}

impl CellNumber {
    /// The value as a float (exact for integers up to 2^53).
    pub fn as_f64(self) -> f64 {
        match self {
            CellNumber::Integer(n) => n as f64,
            CellNumber::Decimal { units, scale } => units as f64 / 10f64.powi(scale as i32),
        }
    }

    /// The value as an integer when it has no fractional part (`3`, `3.0`), else `None`.
    pub fn as_integer(self) -> Option<i64> {
        match self {
            CellNumber::Integer(n) => Some(n),
            CellNumber::Decimal { units, scale } => {
                let p = 10i64.checked_pow(scale)?;
                (units % p == 0).then_some(units / p)
            }
        }
    }

    /// Written with a decimal point (even `3.0`).
    pub fn is_decimal(self) -> bool {
        matches!(self, CellNumber::Decimal { .. })
    }

    pub fn is_negative(self) -> bool {
        match self {
            CellNumber::Integer(n) => n < 0,
            CellNumber::Decimal { units, .. } => units < 0,
        }
    }

    /// A valid count in the sense of the tables: a non-negative whole number written without a
    /// decimal point.
    pub fn is_count(self) -> bool {
        matches!(self, CellNumber::Integer(n) if n >= 0)
    }
}

impl fmt::Display for CellNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            CellNumber::Integer(n) => write!(f, "{n}"),
            CellNumber::Decimal { units, scale } => {
                let p = 10i64.pow(scale);
                let sign = if units < 0 { "-" } else { "" };
                let a = units.unsigned_abs();
                let p = p as u64;
                write!(f, "{sign}{}.{:0width$}", a / p, a % p, width = scale as usize)
            }
        }
    }
}

/// Parses the text of a table cell (or a number in prose) as a whole number or a decimal:
/// half- or full-width digits, thousands separators (`1,234`, `1，234`), a decimal point
/// (`.` or `．`), an optional sign (`-`, `－`, `−`, `+`). Surrounding whitespace is ignored.
/// Anything else — blank, `—`, `/`, units such as `个`, `元` — gives `None`
/// (see [`parse_number_prefix`] for a number followed by a unit).
pub fn parse_count(s: &str) -> Option<CellNumber> {
    if let fast @ Some(_) = parse_ascii_count(s) {
        return fast;
    }
    let (n, rest) = parse_number_prefix(s)?;
    rest.trim().is_empty().then_some(n)
}

/// A number with its unit, as tables write some counts: `1个`, `246900元`, `3.5万元` — the value
/// and the length of the number's text.
pub fn count_with_unit(s: &str) -> Option<(CellNumber, usize)> {
    let (n, unit) = parse_number_prefix(s)?;
    is_cell_unit(trim_space(unit)).then(|| (n, s.len() - unit.len()))
}

/// What a table cell holds as a number: [`parse_count`] or [`count_with_unit`], read once.
pub fn parse_cell_number(s: &str) -> Option<CellNumber> {
    if let fast @ Some(_) = parse_ascii_count(s) {
        return fast;
    }
    let (n, rest) = parse_number_prefix(s)?;
    let rest = trim_space(rest);
    (rest.is_empty() || is_cell_unit(rest)).then_some(n)
}

fn is_cell_unit(s: &str) -> bool {
    matches!(s, "个" | "件" | "条" | "项" | "次" | "元" | "万元" | "家" | "人" | "人次" | "份")
}

/// Most cells of a table: a few ASCII digits, nothing else.
fn parse_ascii_count(s: &str) -> Option<CellNumber> {
    ((1..=18).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| CellNumber::Integer(s.bytes().fold(0, |n, b| n * 10 + i64::from(b - b'0'))))
}

/// Parses a number at the start of `s` (after leading whitespace) and returns it with the rest
/// of the text, e.g. `246900元` → (246900, `元`), `1个` → (1, `个`), `24,252.3 万元` → (24252.3, ` 万元`).
pub fn parse_number_prefix(s: &str) -> Option<(CellNumber, &str)> {
    let t = trim_space_start(s);
    let mut it = t.char_indices().peekable();
    let mut negative = false;
    if let Some(&(_, c)) = it.peek() {
        match c {
            '-' | '－' | '−' => {
                negative = true;
                it.next();
            }
            '+' | '＋' => {
                it.next();
            }
            _ => {}
        }
    }
    // Most cells and words are not numbers: decide before allocating anything.
    if !it.peek().is_some_and(|&(_, c)| fold_digit(c).is_ascii_digit()) {
        return None;
    }
    // The digits accumulate into one integer (the decimal's units), without allocating.
    let mut units: i64 = 0;
    let mut overflow = false;
    let mut int_len = 0usize;
    let mut scale = 0u32;
    let mut end = 0usize;
    let mut in_frac = false;
    let mut group_len = 0usize; // digits since the last separator
    let mut saw_separator = false;
    while let Some(&(pos, raw)) = it.peek() {
        let c = fold_digit(raw);
        if let Some(d) = c.to_digit(10) {
            match units.checked_mul(10).and_then(|u| u.checked_add(i64::from(d))) {
                Some(u) => units = u,
                None => overflow = true,
            }
            if in_frac {
                scale += 1;
            } else {
                int_len += 1;
                group_len += 1;
            }
            end = pos + raw.len_utf8();
            it.next();
            continue;
        }
        let rest = &t[pos + raw.len_utf8()..];
        let is_digit = |c: Option<char>| c.is_some_and(|c| fold_digit(c).is_ascii_digit());
        match c {
            ',' | '，' if !in_frac && int_len > 0 => {
                // A thousands separator: exactly three digits follow (then a non-digit).
                let mut following = rest.chars();
                let three = (0..3).all(|_| is_digit(following.next()));
                let ok = three && !is_digit(following.next()) && (if saw_separator { group_len == 3 } else { group_len <= 3 });
                if !ok {
                    break;
                }
                saw_separator = true;
                group_len = 0;
                it.next();
            }
            '.' | '．' if !in_frac && int_len > 0 && is_digit(rest.chars().next()) => {
                if saw_separator && group_len != 3 {
                    return None;
                }
                in_frac = true;
                it.next();
            }
            _ => break,
        }
    }
    if int_len == 0 || overflow || scale > 18 {
        return None;
    }
    let sign = if negative { -1 } else { 1 };
    let number = if in_frac { CellNumber::Decimal { units: sign * units, scale } } else { CellNumber::Integer(sign * units) };
    Some((number, &t[end..]))
}

/// Placeholders that stand for "nothing" in a cell: empty, `—`, `——`, `-`, `/`, `／`, `无`, `空`,
/// `\`, `×`. Real reports use them where the format wants `0`.
pub fn is_placeholder_cell(s: &str) -> bool {
    // Without allocating: every label cell of a table comes through here.
    let mut count = 0;
    let mut first = ' ';
    let (mut all_dashes, mut any_dash) = (true, false);
    for c in s.chars().filter(|c| !is_space(*c)) {
        count += 1;
        if count == 1 {
            first = c;
        }
        if matches!(c, '—' | '-' | '－' | '–' | '─' | '━') {
            any_dash = true;
        } else if c != '一' {
            all_dashes = false;
            if count > 1 {
                return false;
            }
        }
    }
    count == 0
        || count == 1 && matches!(first, '无' | '空' | '/' | '／' | '\\' | '×' | 'x' | 'X' | '*')
        || all_dashes && any_dash
}

// ---------------------------------------------------------------------------------------------
// Numbering and labels
// ---------------------------------------------------------------------------------------------

/// Appends `s` to `out` without its spaces ([`is_space`]), a run at a time.
pub fn push_without_spaces(out: &mut String, s: &str) {
    let mut kept = 0;
    for (i, c) in s.char_indices() {
        if is_space(c) {
            out.push_str(&s[kept..i]);
            kept = i + c.len_utf8();
        }
    }
    out.push_str(&s[kept..]);
}

/// Whitespace in the wide sense used for labels: Unicode white space (incl. U+3000 and NBSP)
/// plus zero-width characters and the BOM.
pub fn is_space(c: char) -> bool {
    // Unicode's White_Space, listed (`char::is_whitespace` looks most characters up in a table,
    // and every label and cell boundary asks), and the zero-width characters. Han characters
    // and ASCII, which most asks are about, are answered first.
    let u = c as u32;
    if u > 0x3000 {
        return u == 0xFEFF;
    }
    if u < 0x85 {
        return u == 0x20 || (0x09..=0x0D).contains(&u);
    }
    matches!(u, 0x85 | 0xA0 | 0x1680 | 0x2000..=0x200D | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x2060 | 0x3000)
}

/// `s` without leading and trailing [`is_space`].
pub fn trim_space(s: &str) -> &str {
    trim_space_end(trim_space_start(s))
}

/// `s` without leading [`is_space`]. Every cell and label boundary asks: text that starts with
/// an ASCII character other than a space or with a Han character (led by E4..E9) is answered by
/// its first byte, without a search.
pub fn trim_space_start(s: &str) -> &str {
    match s.as_bytes().first() {
        Some(&b) if (b < 0x80 && b != b' ' && !(0x09..=0x0D).contains(&b)) || is_han_lead_byte(b) => s,
        None => s,
        _ => s.trim_start_matches(is_space),
    }
}

/// `s` without trailing [`is_space`] (see [`trim_space_start`]: decided by the last bytes).
pub fn trim_space_end(s: &str) -> &str {
    let bytes = s.as_bytes();
    match bytes.last() {
        Some(&b) if b < 0x80 && b != b' ' && !(0x09..=0x0D).contains(&b) => s,
        // A Han character ends the text: its three bytes are the last.
        Some(&b) if b >= 0x80 && bytes.len() >= 3 && is_han_lead_byte(bytes[bytes.len() - 3]) => s,
        None => s,
        _ => s.trim_end_matches(is_space),
    }
}

/// The style of a leading number of a heading or label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NumberingStyle {
    /// `一、` `二．` `三.` — section level.
    Chinese,
    /// `（一）` `(一)` — subsection level.
    ParenChinese,
    /// `1.` `1、` `1．` — item level.
    Arabic,
    /// `（1）` `(1)`.
    ParenArabic,
    /// `①` … `⑳`.
    Circled,
}

/// A leading number such as `三、` or `（二）`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Numbering {
    pub style: NumberingStyle,
    pub value: u32,
    /// Length in bytes of the numbering in the source text, including its separator and any
    /// whitespace directly around it.
    pub len: usize,
}

fn is_open_paren(c: char) -> bool {
    matches!(c, '（' | '(')
}
fn is_close_paren(c: char) -> bool {
    matches!(c, '）' | ')')
}
fn is_numbering_separator(c: char) -> bool {
    matches!(c, '、' | '.' | '．' | '，' | ',' | '：' | ':' | '。')
}

/// Splits a leading number (`一、`, `（一）`, `(一)`, `1.`, `1、`, `（1）`, `①`) from `s`.
/// Whitespace before, inside and after the number is skipped. A bare Chinese or Arabic number
/// needs a separator (`一、` yes, `一窗通办` no; `1.` yes, `1.5` and `2019年` no).
pub fn split_numbering(s: &str) -> (Option<Numbering>, &str) {
    // Every table cell's label comes through here: read in place, allocating nothing.
    let skip_space = |t: &'_ str| -> usize { t.len() - trim_space_start(t).len() };
    let first_char = |at: usize| s[at..].chars().next();
    let mut at = skip_space(s);
    let Some(first) = first_char(at) else { return (None, s) };
    let numbering = |style, value, at: usize| (Some(Numbering { style, value, len: at }), &s[at..]);
    // Circled numbers.
    if ('①'..='⑳').contains(&first) {
        at += first.len_utf8();
        at += skip_space(&s[at..]);
        return numbering(NumberingStyle::Circled, first as u32 - '①' as u32 + 1, at);
    }
    // A run of digits or of Chinese numeral characters from `at`: its end.
    let run_end = |at: usize, part_of: fn(char) -> bool| at + s[at..].find(|c: char| !part_of(c)).unwrap_or(s.len() - at);
    if is_open_paren(first) {
        at += first.len_utf8();
        at += skip_space(&s[at..]);
        let inner_start = at;
        at = run_end(at, |c| is_chinese_numeral_char(c) || fold_digit(c).is_ascii_digit());
        let inner = &s[inner_start..at];
        at += skip_space(&s[at..]);
        let Some(close) = first_char(at).filter(|&c| !inner.is_empty() && is_close_paren(c)) else { return (None, s) };
        let (style, value) = match arabic_value(inner) {
            Some(Some(v)) => (NumberingStyle::ParenArabic, v),
            Some(None) => return (None, s),
            None => match parse_chinese_numeral(inner) {
                Some(v) => (NumberingStyle::ParenChinese, v),
                None => return (None, s),
            },
        };
        at += close.len_utf8();
        at += skip_space(&s[at..]);
        // An optional separator after the bracket: `（一）、`.
        if let Some(c) = first_char(at).filter(|&c| is_numbering_separator(c)) {
            at += c.len_utf8();
            at += skip_space(&s[at..]);
        }
        return numbering(style, value, at);
    }
    // Bare numbers: a separator must follow (`一、` yes, `一窗通办` no).
    let arabic = fold_digit(first).is_ascii_digit();
    if !arabic && !is_chinese_numeral_char(first) {
        return (None, s);
    }
    let start = at;
    at = if arabic { run_end(at, |c| fold_digit(c).is_ascii_digit()) } else { run_end(at, is_chinese_numeral_char) };
    let number = &s[start..at];
    at += skip_space(&s[at..]);
    let Some(separator) = first_char(at).filter(|&c| is_numbering_separator(c)) else { return (None, s) };
    // `1.5` is a number, not a numbering.
    if arabic && matches!(separator, '.' | '．' | ',' | '，') {
        let next = at + separator.len_utf8();
        let next = next + skip_space(&s[next..]);
        if first_char(next).is_some_and(|c| fold_digit(c).is_ascii_digit()) {
            return (None, s);
        }
    }
    let (style, value) = if arabic {
        match arabic_value(number) {
            Some(Some(v)) => (NumberingStyle::Arabic, v),
            _ => return (None, s),
        }
    } else {
        match parse_chinese_numeral(number) {
            Some(v) => (NumberingStyle::Chinese, v),
            None => return (None, s),
        }
    };
    at += separator.len_utf8();
    at += skip_space(&s[at..]);
    numbering(style, value, at)
}

/// The value of a run of (ASCII or full-width) digits: `None` when `s` has other characters,
/// `Some(None)` when it is all digits but too large.
fn arabic_value(s: &str) -> Option<Option<u32>> {
    let mut value: Option<u32> = Some(0);
    for c in s.chars() {
        let d = fold_digit(c).to_digit(10)?;
        value = value.and_then(|v| v.checked_mul(10)?.checked_add(d));
    }
    Some(value)
}

/// A character of the CJK Unified Ideographs block: most of a report's text.
pub fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Whether `b` leads the three UTF-8 bytes of a character in U+4000..U+9FFF (the Han block and
/// the end of extension A): text scanned for other characters skips these without decoding.
pub fn is_han_lead_byte(b: u8) -> bool {
    (0xE4..=0xE9).contains(&b)
}

/// Maps one character to its canonical form for label matching, or `None` to drop it.
fn canonical_label_char(c: char) -> Option<char> {
    // Most of a label: Han characters, kept as they are.
    if is_han(c) {
        return Some(c);
    }
    if is_space(c) {
        return None;
    }
    let c = fold_width(c);
    Some(match c {
        '(' => '（',
        ')' => '）',
        ',' | '、' | '，' => '，',
        ':' => '：',
        ';' => '；',
        '!' => '！',
        '?' => '？',
        '<' | '〈' => '《',
        '>' | '〉' => '》',
        '[' | '〔' | '［' => '【',
        ']' | '〕' | '］' => '】',
        '"' | '\'' | '“' | '”' | '‘' | '’' | '「' | '」' | '『' | '』' | '〝' | '〞' => return None,
        '．' => '.',
        '—' | '–' | '－' | '−' => '-',
        c => c,
    })
}

/// Normalises a heading or table label for matching: removes all whitespace (incl. U+3000,
/// NBSP, zero-width), folds full-width letters and digits, unifies brackets (`(` → `（`),
/// `、` `,` `，` (→ `，`), colons, semicolons, and drops quotation marks; strips one leading
/// numbering (`一、` `（一）` `(一)` `1.` `1、` `（1）` `①`) and trailing `。` `.` `：` `；` `，`.
///
/// `"三、 本年度办 理结果"` → `"本年度办理结果"`; `"(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)"`
/// → `"部分公开（区分处理的，只计这一情形，不计其他情形）"`; `"3.危及“三安全一稳定”"` → `"危及三安全一稳定"`.
pub fn normalize_label(s: &str) -> String {
    let mut out = String::new();
    normalize_label_into(&mut out, s);
    out
}

/// [`normalize_label`], appended to `out`: the model writes every label of a table into one
/// buffer.
pub fn normalize_label_into(out: &mut String, s: &str) {
    let (_, rest) = split_numbering(s);
    let start = out.len();
    out.reserve(rest.len());
    // Most of a label is kept as it is: copied a run at a time, not a char at a time. Han
    // characters (three bytes led by E4..E9: U+4000..U+9FFF, all kept) are not even decoded.
    let (bytes, mut kept, mut i) = (rest.as_bytes(), 0, 0);
    while i < bytes.len() {
        if is_han_lead_byte(bytes[i]) {
            i += 3;
            continue;
        }
        let c = rest[i..].chars().next().unwrap_or_default();
        let canonical = canonical_label_char(c);
        if canonical != Some(c) {
            out.push_str(&rest[kept..i]);
            out.extend(canonical);
            kept = i + c.len_utf8();
        }
        i += c.len_utf8();
    }
    out.push_str(&rest[kept..]);
    while out.len() > start
        && let Some(last) = out.chars().next_back()
        && matches!(last, '。' | '.' | '：' | '；' | '，')
    {
        out.pop();
    }
}

/// Width of `s` in terminal columns: CJK and full-width characters count 2 (Unicode East Asian
/// Width, via the `unicode-width` crate).
pub fn display_width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        let cases = [
            ("一", 1),
            ("九", 9),
            ("十", 10),
            ("十一", 11),
            ("十五", 15),
            ("二十", 20),
            ("二十三", 23),
            ("五十六", 56),
            ("九十九", 99),
            ("百", 100),
            ("一百", 100),
            ("一百零五", 105),
            ("一百〇五", 105),
            ("一百一十", 110),
            ("两百", 200),
            ("两", 2),
            ("零", 0),
            ("〇", 0),
            ("二〇二三", 2023),
            ("二零一九", 2019),
            ("一千零一", 1001),
        ];
        for (s, n) in cases {
            assert_eq!(parse_chinese_numeral(s), Some(n), "{s}");
        }
        for bad in ["", "十十", "二三十", "五a", "零十", "一百零", "abc", "百百"] {
            assert_eq!(parse_chinese_numeral(bad), None, "{bad}");
        }
    }

    #[test]
    fn chinese_numerals_round_trip() {
        for n in 0..=1200 {
            let s = to_chinese_numeral(n);
            assert_eq!(parse_chinese_numeral(&s), Some(n), "{n} → {s}");
        }
        assert_eq!(to_chinese_numeral(20), "二十");
        assert_eq!(to_chinese_numeral(15), "十五");
        assert_eq!(to_chinese_numeral(49), "四十九");
        assert_eq!(to_chinese_numeral(105), "一百零五");
        assert_eq!(to_chinese_numeral(110), "一百一十");
        assert_eq!(to_chinese_numeral(12345), "12345");
    }

    #[test]
    fn ascii_digits() {
        assert_eq!(to_ascii_digits("２０２３年"), "2023年");
        assert_eq!(to_ascii_digits("1,234"), "1234");
        assert_eq!(to_ascii_digits("１，２３４．５"), "1234.5");
        assert_eq!(to_ascii_digits("1,234,567件"), "1234567件");
        assert_eq!(to_ascii_digits("共3件，其中1件"), "共3件，其中1件");
        assert_eq!(to_ascii_digits("第1，2项"), "第1，2项");
        assert_eq!(to_ascii_digits("12,3456"), "12,3456");
        assert_eq!(to_ascii_digits("句号．"), "句号．");
    }

    #[test]
    fn counts() {
        use CellNumber::*;
        assert_eq!(parse_count("0"), Some(Integer(0)));
        assert_eq!(parse_count(" 42 "), Some(Integer(42)));
        assert_eq!(parse_count("\u{3000}４２\u{3000}"), Some(Integer(42)));
        assert_eq!(parse_count("447228"), Some(Integer(447228)));
        assert_eq!(parse_count("3,985,758"), Some(Integer(3985758)));
        assert_eq!(parse_count("3，985，758"), Some(Integer(3985758)));
        assert_eq!(parse_count("-3"), Some(Integer(-3)));
        assert_eq!(parse_count("－3"), Some(Integer(-3)));
        assert_eq!(parse_count("+3"), Some(Integer(3)));
        assert_eq!(parse_count("96171.6"), Some(Decimal { units: 961716, scale: 1 }));
        assert_eq!(parse_count("24252.311082"), Some(Decimal { units: 24252311082, scale: 6 }));
        assert_eq!(parse_count("１２．５"), Some(Decimal { units: 125, scale: 1 }));
        assert_eq!(parse_count("1,234.50"), Some(Decimal { units: 123450, scale: 2 }));
        for bad in ["", " ", "—", "/", "无", "1个", "246900元", "1.", ".5", "1,23", "12,3456", "1,2345.6", "a1", "1-2"] {
            assert_eq!(parse_count(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn number_helpers() {
        let d = parse_count("3.0").unwrap();
        assert!(d.is_decimal());
        assert_eq!(d.as_integer(), Some(3));
        assert!(!d.is_count());
        assert_eq!(parse_count("3.5").unwrap().as_integer(), None);
        assert!((parse_count("3.5").unwrap().as_f64() - 3.5).abs() < 1e-12);
        assert!(parse_count("-1").unwrap().is_negative());
        assert!(!parse_count("-1").unwrap().is_count());
        assert!(parse_count("7").unwrap().is_count());
        assert_eq!(parse_count("24252.311082").unwrap().to_string(), "24252.311082");
        assert_eq!(parse_count("-0.05").unwrap().to_string(), "-0.05");
        assert_eq!(parse_count("1,234").unwrap().to_string(), "1234");
    }

    #[test]
    fn number_prefix() {
        let (n, rest) = parse_number_prefix("246900元").unwrap();
        assert_eq!((n, rest), (CellNumber::Integer(246900), "元"));
        let (n, rest) = parse_number_prefix("1个").unwrap();
        assert_eq!((n, rest), (CellNumber::Integer(1), "个"));
        let (n, rest) = parse_number_prefix("1762条，其中").unwrap();
        assert_eq!((n, rest), (CellNumber::Integer(1762), "条，其中"));
        let (n, rest) = parse_number_prefix("3件，其中1件").unwrap();
        assert_eq!((n, rest), (CellNumber::Integer(3), "件，其中1件"));
        let (n, rest) = parse_number_prefix("1,234,567件").unwrap();
        assert_eq!((n, rest), (CellNumber::Integer(1234567), "件"));
        let (n, rest) = parse_number_prefix("2.5万元").unwrap();
        assert_eq!((n, rest), (CellNumber::Decimal { units: 25, scale: 1 }, "万元"));
        assert_eq!(parse_number_prefix("元"), None);
    }

    #[test]
    fn placeholders() {
        for p in ["", " ", "—", "——", "-", "/", "／", "无", "\u{3000}"] {
            assert!(is_placeholder_cell(p), "{p:?}");
        }
        for n in ["0", "一", "1", "a"] {
            assert!(!is_placeholder_cell(n), "{n:?}");
        }
    }

    #[test]
    fn numbering() {
        let (n, rest) = split_numbering("三、本年度办理结果");
        assert_eq!(n.map(|n| (n.style, n.value)), Some((NumberingStyle::Chinese, 3)));
        assert_eq!(rest, "本年度办理结果");
        let (n, rest) = split_numbering("（二）部分公开");
        assert_eq!(n.map(|n| (n.style, n.value)), Some((NumberingStyle::ParenChinese, 2)));
        assert_eq!(rest, "部分公开");
        let (n, rest) = split_numbering("(五) 不予处理");
        assert_eq!(n.map(|n| (n.style, n.value)), Some((NumberingStyle::ParenChinese, 5)));
        assert_eq!(rest, "不予处理");
        let (n, rest) = split_numbering("1. 属于国家秘密");
        assert_eq!(n.map(|n| (n.style, n.value)), Some((NumberingStyle::Arabic, 1)));
        assert_eq!(rest, "属于国家秘密");
        let (n, rest) = split_numbering("3、其他");
        assert_eq!(n.map(|n| (n.style, n.value)), Some((NumberingStyle::Arabic, 3)));
        assert_eq!(rest, "其他");
        let (n, rest) = split_numbering("（1）推进权责清单公开");
        assert_eq!(n.map(|n| (n.style, n.value)), Some((NumberingStyle::ParenArabic, 1)));
        assert_eq!(rest, "推进权责清单公开");
        let (n, _) = split_numbering("十一、其他");
        assert_eq!(n.map(|n| n.value), Some(11));
        let (n, rest) = split_numbering("②重复申请");
        assert_eq!(n.map(|n| (n.style, n.value)), Some((NumberingStyle::Circled, 2)));
        assert_eq!(rest, "重复申请");
        for none in ["一窗通办", "2019年", "1.5万", "总体情况", "(本列数据)", "", "（）", "（1一）", "(99999999999)", "1．5", "十十、"] {
            assert_eq!(split_numbering(none).0, None, "{none}");
            assert_eq!(split_numbering(none).1, none);
        }
        // Spaces around and inside the number; full-width digits; a separator after a bracket.
        let (n, rest) = split_numbering(" （ 十二 ）、 其他");
        assert_eq!((n.map(|n| (n.style, n.value, n.len)), rest), (Some((NumberingStyle::ParenChinese, 12, " （ 十二 ）、 ".len())), "其他"));
        let (n, rest) = split_numbering("１２ ．办理");
        assert_eq!((n.map(|n| (n.style, n.value)), rest), (Some((NumberingStyle::Arabic, 12)), "办理"));
        let (n, rest) = split_numbering("（１０）其他");
        assert_eq!((n.map(|n| (n.style, n.value)), rest), (Some((NumberingStyle::ParenArabic, 10)), "其他"));
    }

    #[test]
    fn spaces_are_unicode_white_space_and_the_zero_width_characters() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let expected = c.is_whitespace() || matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}');
            assert_eq!(is_space(c), expected, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn cell_numbers() {
        assert_eq!(parse_cell_number("1762"), Some(CellNumber::Integer(1762)));
        assert_eq!(parse_cell_number("１,７６２ 条"), Some(CellNumber::Integer(1762)));
        assert_eq!(parse_cell_number("3.5万元"), parse_count("3.5"));
        assert_eq!(parse_cell_number("-3"), Some(CellNumber::Integer(-3)));
        for not in ["", "—", "1.属于国家秘密", "12个人", "三", "2019年", "999999999999999999999"] {
            assert_eq!(parse_cell_number(not), None, "{not}");
        }
        // The ASCII fast path reads what the general parse reads.
        for digits in ["0", "007", "123456789012345678"] {
            assert_eq!(parse_cell_number(digits), parse_number_prefix(digits).map(|(n, _)| n));
        }
    }

    /// [`normalize_label`] as first written: one character at a time.
    fn normalize_label_by_char(s: &str) -> String {
        let (_, rest) = split_numbering(s);
        let mut out: String = rest.chars().filter_map(canonical_label_char).collect();
        while out.ends_with(['。', '.', '：', '；', '，']) {
            out.pop();
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: crate::test_cases(512), ..Default::default() })]

        /// Copying runs (and Han characters undecoded) normalizes as a character at a time does,
        /// over labels made of the characters that matter: Han (CJK and extension A), full-width
        /// forms, CJK punctuation, quotes, spaces, numbering.
        #[test]
        fn normalize_label_reads_as_one_char_at_a_time(s in "[（(一二十1１、.．)）①a-zＡ-Ｚ０-９㐀-䶵一-龥，,：:“”\"' 　\u{200B}【】〔〕—－。；]{0,24}") {
            proptest::prop_assert_eq!(normalize_label(&s), normalize_label_by_char(&s));
        }

        /// The byte-level shortcuts of the trims answer as the general trims do, around text of
        /// every kind of character: ASCII, Han, other CJK, spaces of every width.
        #[test]
        fn trims_agree_with_the_general_trims(s in "[ \t\r\n\u{0B}\u{0C}\u{85}\u{A0}\u{2000}-\u{200D}\u{3000}\u{FEFF}a1一-龥㐀-䶵（，ａ😀]{0,12}") {
            proptest::prop_assert_eq!(trim_space_start(&s), s.trim_start_matches(is_space));
            proptest::prop_assert_eq!(trim_space_end(&s), s.trim_end_matches(is_space));
            proptest::prop_assert_eq!(trim_space(&s), s.trim_matches(is_space));
        }
    }

    #[test]
    fn labels_append_to_a_buffer() {
        // The model writes every label of a table into one buffer: each is normalized on its
        // own, and trailing punctuation is dropped from the label appended only.
        let mut buffer = String::from("前。");
        normalize_label_into(&mut buffer, "。");
        assert_eq!(buffer, "前。");
        normalize_label_into(&mut buffer, "（一） 予以公开。");
        assert_eq!(buffer, "前。予以公开");
    }

    #[test]
    fn labels() {
        assert_eq!(normalize_label("三、 本年度办 理结果"), "本年度办理结果");
        assert_eq!(normalize_label("一、总体情况"), "总体情况");
        assert_eq!(normalize_label("（一）总体情况。"), "总体情况");
        assert_eq!(
            normalize_label("(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)"),
            normalize_label("（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
        );
        assert_eq!(normalize_label("3.危及“三安全一稳定”"), "危及三安全一稳定");
        assert_eq!(normalize_label("3. 危及\"三安全一稳定\""), "危及三安全一稳定");
        assert_eq!(
            normalize_label("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            normalize_label("1、申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请")
        );
        assert_eq!(normalize_label("第二十条 第（一）项"), "第二十条第（一）项");
        assert_eq!(normalize_label("第二十条第(一)项"), "第二十条第（一）项");
        assert_eq!(normalize_label("本年收费金额(单位:万元)"), "本年收费金额（单位：万元）");
        assert_eq!(normalize_label("\u{00A0}总计\u{3000}"), "总计");
        assert_eq!(normalize_label("ＡＢＣ１２３"), "ABC123");
        assert_eq!(normalize_label("国办公开办函[2021]30号"), normalize_label("国办公开办函〔2021〕30号"));
        assert_eq!(normalize_label("2019年度"), "2019年度");
    }

    #[test]
    fn width() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("总计"), 4);
        assert_eq!(display_width("２０"), 4);
        assert_eq!(display_width("一、总体情况"), 12);
        assert_eq!(display_width(""), 0);
    }
}
