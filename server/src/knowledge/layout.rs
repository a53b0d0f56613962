//! The two layouts of the annual report — the superseded 试行 format of 国办公开办函〔2019〕60号
//! (reports on 2019 and 2020) and the format of 国办公开办函〔2021〕30号 (reports on 2021 and
//! later): the six sections and the templates of tables 二, 三 and 四 with their official labels,
//! accepted aliases, stable ids and the arithmetic the tables must satisfy.
//!
//! Built once from `server/data/annual-report-format-2021.json` and `server/data/format-2019.json`.

// foldhash: these sets are probed for every label cell of every table checked.
use foldhash::{HashSet, HashSetExt as _};
use std::sync::LazyLock;

use serde::Deserialize;

use super::regulation::ClauseRef;
use crate::text::{normalize_label, parse_chinese_numeral};

const FORMAT_2021_JSON: &str = include_str!("../../data/annual-report-format-2021.json");
const FORMAT_2019_JSON: &str = include_str!("../../data/format-2019.json");

// =============================================================================================
// Public types
// =============================================================================================

/// Which unified format a report follows.
/// The default is the layout in force, [`Layout::Y2021`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize, Deserialize)]
pub enum Layout {
    /// 《中华人民共和国政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号: reports on 2019–2020.
    Y2019,
    /// 《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号: reports on 2021 and later.
    #[default]
    Y2021,
}

/// The three tables of the format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TableKind {
    /// Table 二: 主动公开政府信息情况.
    Proactive,
    /// Table 三: 收到和处理政府信息公开申请情况.
    Requests,
    /// Table 四: 政府信息公开行政复议、行政诉讼情况.
    Review,
}

impl TableKind {
    pub const ALL: [TableKind; 3] = [TableKind::Proactive, TableKind::Requests, TableKind::Review];

    /// The number of the section that holds the table (2, 3, 4).
    pub fn section_number(self) -> u32 {
        match self {
            TableKind::Proactive => 2,
            TableKind::Requests => 3,
            TableKind::Review => 4,
        }
    }

    /// `表二` / `表三` / `表四`.
    pub fn name_zh(self) -> &'static str {
        match self {
            TableKind::Proactive => "表二",
            TableKind::Requests => "表三",
            TableKind::Review => "表四",
        }
    }
}

/// What a section holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SectionKind {
    Text,
    Table(TableKind),
}

/// How a label matched a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LabelMatch {
    /// The official wording (after [`normalize_label`]).
    Official,
    /// One of the accepted variants seen in real reports.
    Alias,
}

/// One of the six sections.
#[derive(Debug, Clone)]
pub struct SectionTemplate {
    /// 1..=6.
    pub number: u32,
    /// `一` … `六`.
    pub numeral: String,
    /// `主动公开政府信息情况`.
    pub heading: String,
    /// `二、主动公开政府信息情况`.
    pub full_heading: String,
    pub kind: SectionKind,
    /// Variants of the heading seen in real reports (without numbering).
    pub aliases: Vec<String>,
    /// The item of 条例第五十条第一款 the section reports on, if any.
    pub basis: Option<ClauseRef>,
    /// How the heading is attested (from the data).
    pub verification: String,
    normalized: Vec<String>,
}

/// The kind of value a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueKind {
    /// A non-negative whole number.
    Count,
    /// A whole number that may be negative (2019 table 二 `本年增/减量`).
    SignedCount,
    /// An amount of money that may have decimals; `unit` when the header fixes it (`万元`).
    Amount { unit: Option<&'static str> },
}

/// A data column.
#[derive(Debug, Clone)]
pub struct ColumnTemplate {
    /// Stable id: table 三 `natural_person` … `total`; table 四 `review_upheld` …; table 二
    /// `issued`, `repealed`, `in_force`, `decisions`, `fee_amount` (2021) or `made`,
    /// `published`, `published_total`, `previous_count`, `change`, `decisions`,
    /// `purchase_count`, `purchase_amount` (2019).
    pub id: String,
    pub label: String,
    pub aliases: Vec<String>,
    /// Id of the [`ColumnGroupTemplate`] the column sits under, if any.
    pub group: Option<String>,
    pub is_total: bool,
    pub value: ValueKind,
    /// Position in the table template's `columns`.
    pub index: usize,
    normalized: Vec<String>,
}

/// A header cell spanning several columns (`法人或其他组织`, `行政复议`, `未经复议直接起诉`).
#[derive(Debug, Clone)]
pub struct ColumnGroupTemplate {
    pub id: String,
    pub label: String,
    pub aliases: Vec<String>,
    pub parent: Option<String>,
    normalized: Vec<String>,
}

/// How sure the derived row → clause mapping is (from the format data).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Confidence {
    High,
    Medium,
    Low,
}

/// A clause of the Regulation related to a row. **Derived** from the wording, not stated by the
/// format notice: present it as "related clause".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedClause {
    pub clause: ClauseRef,
    pub confidence: Confidence,
    pub why: Option<String>,
}

/// A row (a data row or a group label).
#[derive(Debug, Clone)]
pub struct RowTemplate {
    /// Stable id (`t3_new`, `t3_r3_1`, `t2_licensing`, `t4_cases`).
    pub id: String,
    /// The official label as printed, numbering included (`（三）不予公开`, `1.属于国家秘密`).
    pub label: String,
    pub aliases: Vec<String>,
    /// 0 top level, 1 （一）…, 2 numbered sub-rows.
    pub level: u8,
    pub parent: Option<String>,
    /// A row-header cell spanning sub-rows, with no numbers of its own.
    pub is_group: bool,
    /// Carries numbers.
    pub data_row: bool,
    pub is_total: bool,
    /// Table 二: the block (`t2_item1` …) the row belongs to.
    pub block: Option<String>,
    /// Derived related clauses (table 三 only).
    pub related: Vec<RelatedClause>,
    /// Position in the table template's `rows`.
    pub index: usize,
    normalized: Vec<String>,
}

/// Table 二 is made of blocks, each captioned with the clause of 第二十条 it reports on.
#[derive(Debug, Clone)]
pub struct BlockTemplate {
    /// `t2_item1`, `t2_item5`, `t2_item6`, `t2_item8`, `t2_item9`.
    pub id: String,
    /// `第二十条第（一）项`.
    pub caption: String,
    pub clause: ClauseRef,
    /// The first header cell: `信息内容`.
    pub header_label: String,
    /// Column ids, in order.
    pub columns: Vec<String>,
    /// Row ids, in order.
    pub rows: Vec<String>,
    pub note: Option<String>,
    /// The caption, normalized ([`normalize_label`]).
    normalized_caption: String,
}

/// `total` = Σ `addends`, checked by rule `rule`. In [`TableTemplate::row_sums`] the ids are row
/// ids and the sum holds in every column; in [`TableTemplate::column_sums`] they are column ids
/// and the sum holds in every data row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SumRule {
    pub rule: &'static str,
    pub total: String,
    pub addends: Vec<String>,
}

/// Σ `lhs` = Σ `rhs` (row ids), in every column; checked by rule `rule`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BalanceRule {
    pub rule: &'static str,
    pub lhs: Vec<String>,
    pub rhs: Vec<String>,
    /// As printed in the table header.
    pub text: String,
}

/// The template of one table in one layout.
#[derive(Debug, Clone)]
pub struct TableTemplate {
    pub kind: TableKind,
    pub layout: Layout,
    /// `三、收到和处理政府信息公开申请情况`.
    pub section: String,
    /// Table 二 only.
    pub blocks: Vec<BlockTemplate>,
    pub column_groups: Vec<ColumnGroupTemplate>,
    /// All distinct data columns, in order.
    pub columns: Vec<ColumnTemplate>,
    /// All rows in order, group rows included.
    pub rows: Vec<RowTemplate>,
    /// Total rows = sum of rows, in every column.
    pub row_sums: Vec<SumRule>,
    /// Total columns = sum of columns, in every data row.
    pub column_sums: Vec<SumRule>,
    pub balance: Option<BalanceRule>,
    /// Notes from the data on structure and verification.
    pub notes: Vec<String>,
    /// What the rules need over and over, derived once from the above ([`compile`]).
    compiled: Compiled,
}

/// One sum of the format over the cells of one table, by cell position
/// ([`TableTemplate::position`]): Σ `lhs` = Σ `rhs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Equation {
    pub rule: &'static str,
    pub kind: EquationKind,
    /// A sum's total alone; the balance's left side.
    pub lhs: Vec<usize>,
    /// A sum's addends; the balance's right side.
    pub rhs: Vec<usize>,
}

/// Where an [`Equation`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EquationKind {
    /// A [`TableTemplate::row_sums`] rule in one column.
    RowSum,
    /// A [`TableTemplate::column_sums`] rule in one data row.
    ColumnSum,
    /// The [`TableTemplate::balance`] in one column.
    Balance,
}

#[derive(Debug, Clone, Default)]
struct Compiled {
    /// By row position: the positions of its data columns ([`TableTemplate::cell_columns`]).
    cell_columns: Vec<Vec<usize>>,
    /// The sums, each over cells that all exist in the template.
    equations: Vec<Equation>,
    /// By cell position: the equations the cell is in.
    equations_by_cell: Vec<Vec<usize>>,
    /// Normalized label → the first row (column) whose official label it is, and the first
    /// whose alias it is: every label cell of a report is looked up here, and comparing it with
    /// every form of every row mispredicted a branch per form.
    rows_by_label: foldhash::HashMap<String, [Option<usize>; 2]>,
    columns_by_label: foldhash::HashMap<String, [Option<usize>; 2]>,
}

/// [`Compiled::rows_by_label`] of items with their normalized forms (official first).
fn by_label<'a>(forms: impl Iterator<Item = &'a [String]>) -> foldhash::HashMap<String, [Option<usize>; 2]> {
    let mut map: foldhash::HashMap<String, [Option<usize>; 2]> = foldhash::HashMap::default();
    for (i, forms) in forms.enumerate() {
        for (k, form) in forms.iter().enumerate() {
            let slot = &mut map.entry(form.clone()).or_default()[usize::from(k > 0)];
            slot.get_or_insert(i);
        }
    }
    map
}

/// The first item whose official form is `n`, else the first of which it is an alias (what
/// [`find_best`] finds by comparing).
fn lookup<'a, T>(map: &foldhash::HashMap<String, [Option<usize>; 2]>, items: &'a [T], n: &str) -> Option<(&'a T, LabelMatch)> {
    match map.get(n)? {
        [Some(i), _] => Some((&items[*i], LabelMatch::Official)),
        [None, Some(i)] => Some((&items[*i], LabelMatch::Alias)),
        [None, None] => None,
    }
}

// =============================================================================================
// Layout
// =============================================================================================

struct LayoutData {
    notice_title: String,
    document_number: String,
    notice_body: String,
    notice_date: Option<String>,
    notice_verified: bool,
    format_title: String,
    sections: Vec<SectionTemplate>,
    proactive: TableTemplate,
    requests: TableTemplate,
    review: TableTemplate,
    uncertainties: Vec<String>,
    accountability: Option<FormatText>,
}

/// A passage of the format notice (as far as it was retrieved).
#[derive(Debug, Clone)]
pub struct FormatText {
    pub text: String,
    pub verified: bool,
    pub note: Option<String>,
}

static RAW_2021: LazyLock<RawFormat> = LazyLock::new(|| {
    serde_json::from_str(FORMAT_2021_JSON).expect("server/data/annual-report-format-2021.json is valid")
});
static RAW_2019: LazyLock<RawFormat> = LazyLock::new(|| {
    serde_json::from_str(FORMAT_2019_JSON).expect("server/data/format-2019.json is valid")
});
static DATA_2021: LazyLock<LayoutData> = LazyLock::new(|| build(Layout::Y2021));
static DATA_2019: LazyLock<LayoutData> = LazyLock::new(|| build(Layout::Y2019));

impl Layout {
    pub const ALL: [Layout; 2] = [Layout::Y2019, Layout::Y2021];

    /// The layout a report on year `y` must follow: 2021 and later → [`Layout::Y2021`];
    /// 2019–2020 (and, as a fallback, earlier years) → [`Layout::Y2019`].
    pub fn for_report_year(y: i32) -> Layout {
        if y >= 2021 { Layout::Y2021 } else { Layout::Y2019 }
    }

    /// Parses this layout's data and its distinctive labels now (see [`super::preload`]).
    pub(super) fn preload(self) {
        let _ = self.data();
        let _ = self.distinctive_labels();
        LazyLock::force(&DISTINCTIVE);
    }

    fn data(self) -> &'static LayoutData {
        match self {
            Layout::Y2019 => &DATA_2019,
            Layout::Y2021 => &DATA_2021,
        }
    }

    /// `国办公开办函〔2019〕60号` / `国办公开办函〔2021〕30号`.
    pub fn document_number(self) -> &'static str {
        &self.data().document_number
    }

    /// The title of the notice that issued the format.
    pub fn notice_title(self) -> &'static str {
        &self.data().notice_title
    }

    /// The notice's operative text (as far as retrieved).
    pub fn notice_body(self) -> &'static str {
        &self.data().notice_body
    }

    /// `2021年9月26日` (not retrieved for 60号).
    pub fn notice_date(self) -> Option<&'static str> {
        self.data().notice_date.as_deref()
    }

    /// The notice header and text were cross-checked in several copies.
    pub fn notice_verified(self) -> bool {
        self.data().notice_verified
    }

    /// `中华人民共和国政府信息公开工作年度报告格式（试行）` / `中华人民共和国政府信息公开工作年度报告格式`.
    pub fn format_title(self) -> &'static str {
        &self.data().format_title
    }

    /// First report year the layout applies to (2019 / 2021).
    pub fn first_report_year(self) -> i32 {
        match self {
            Layout::Y2019 => 2019,
            Layout::Y2021 => 2021,
        }
    }

    /// Last report year the layout applies to (`Some(2020)` / `None`).
    pub fn last_report_year(self) -> Option<i32> {
        match self {
            Layout::Y2019 => Some(2020),
            Layout::Y2021 => None,
        }
    }

    /// The layout that replaced this one.
    pub fn superseded_by(self) -> Option<Layout> {
        match self {
            Layout::Y2019 => Some(Layout::Y2021),
            Layout::Y2021 => None,
        }
    }

    pub fn sections(self) -> &'static [SectionTemplate] {
        &self.data().sections
    }

    /// Section 1..=6.
    pub fn section(self, number: u32) -> Option<&'static SectionTemplate> {
        self.sections().iter().find(|s| s.number == number)
    }

    /// The section whose heading (official or alias) matches `heading`, numbering ignored.
    pub fn find_section(self, heading: &str) -> Option<(&'static SectionTemplate, LabelMatch)> {
        let n = normalize_label(heading);
        if n.is_empty() {
            return None;
        }
        self.sections().iter().find_map(|s| match_normalized(&s.normalized, &n).map(|m| (s, m)))
    }

    pub fn table(self, kind: TableKind) -> &'static TableTemplate {
        let d = self.data();
        match kind {
            TableKind::Proactive => &d.proactive,
            TableKind::Requests => &d.requests,
            TableKind::Review => &d.review,
        }
    }

    pub fn proactive(self) -> &'static TableTemplate {
        self.table(TableKind::Proactive)
    }
    pub fn requests(self) -> &'static TableTemplate {
        self.table(TableKind::Requests)
    }
    pub fn review(self) -> &'static TableTemplate {
        self.table(TableKind::Review)
    }

    /// What the data says is uncertain about this layout.
    pub fn uncertainties(self) -> &'static [String] {
        &self.data().uncertainties
    }

    /// The （四）明确责任 passage of 30号 (single source), used as the basis of prose rules.
    pub fn accountability_text(self) -> Option<&'static FormatText> {
        self.data().accountability.as_ref()
    }

    /// Official labels of table 二 columns/rows/captions and table 三 rows that exist in this
    /// layout only (normalized). Used by [`detect_layout`].
    pub fn distinctive_labels(self) -> &'static HashSet<String> {
        static D2019: LazyLock<HashSet<String>> = LazyLock::new(|| distinctive(Layout::Y2019));
        static D2021: LazyLock<HashSet<String>> = LazyLock::new(|| distinctive(Layout::Y2021));
        match self {
            Layout::Y2019 => &D2019,
            Layout::Y2021 => &D2021,
        }
    }
}

fn official_table_labels(layout: Layout) -> HashSet<String> {
    let mut set = HashSet::new();
    for kind in [TableKind::Proactive, TableKind::Requests] {
        let t = layout.table(kind);
        for c in &t.columns {
            set.insert(normalize_label(&c.label));
        }
        for r in &t.rows {
            set.insert(normalize_label(&r.label));
        }
        for b in &t.blocks {
            set.insert(normalize_label(&b.caption));
        }
    }
    set
}

fn distinctive(layout: Layout) -> HashSet<String> {
    let other = match layout {
        Layout::Y2019 => Layout::Y2021,
        Layout::Y2021 => Layout::Y2019,
    };
    let mine = official_table_labels(layout);
    let theirs = official_table_labels(other);
    mine.difference(&theirs).filter(|s| !s.is_empty()).cloned().collect()
}

/// Guesses the layout of a report from the labels found in its tables (header cells, row
/// labels, captions): counts labels distinctive of each layout (e.g. `本年制发件数`, the three
/// （六） sub-rows vs `本年新制作数量`, `第二十条第（九）项`). `None` when no distinctive label
/// is seen or the counts tie.
pub fn detect_layout<'a>(labels: impl IntoIterator<Item = &'a str>) -> Option<Layout> {
    let normalized: Vec<String> = labels.into_iter().map(normalize_label).collect();
    detect_layout_normalized(normalized.iter().map(String::as_str))
}

/// Label → the layout it is distinctive of, as an index into `[Y2019, Y2021]` (the two sets are
/// disjoint): one lookup per label of a report's tables.
static DISTINCTIVE: LazyLock<foldhash::HashMap<&'static str, usize>> = LazyLock::new(|| {
    [Layout::Y2019, Layout::Y2021]
        .into_iter()
        .enumerate()
        .flat_map(|(i, layout)| layout.distinctive_labels().iter().map(move |label| (label.as_str(), i)))
        .collect()
});

/// [`detect_layout`] over labels already passed through [`normalize_label`].
pub fn detect_layout_normalized<'a>(labels: impl IntoIterator<Item = &'a str>) -> Option<Layout> {
    let mut hits = [0usize; 2];
    // Each distinct label counts once. Few labels are distinctive: those are deduplicated, in a
    // short list, rather than every label in a set.
    let mut counted: Vec<&str> = Vec::new();
    for n in labels {
        let Some(&layout) = DISTINCTIVE.get(n) else { continue };
        if !counted.contains(&n) {
            counted.push(n);
            hits[layout] += 1;
        }
    }
    match hits[0].cmp(&hits[1]) {
        std::cmp::Ordering::Greater => Some(Layout::Y2019),
        std::cmp::Ordering::Less => Some(Layout::Y2021),
        std::cmp::Ordering::Equal => None,
    }
}

// =============================================================================================
// Template methods
// =============================================================================================

fn match_normalized(normalized: &[String], n: &str) -> Option<LabelMatch> {
    let pos = normalized.iter().position(|x| x == n)?;
    Some(if pos == 0 { LabelMatch::Official } else { LabelMatch::Alias })
}

fn normalized_forms(label: &str, aliases: &[String]) -> Vec<String> {
    let mut v = vec![normalize_label(label)];
    for a in aliases {
        let n = normalize_label(a);
        if !v.contains(&n) {
            v.push(n);
        }
    }
    v
}

impl SectionTemplate {
    /// Does `heading` (numbering ignored) name this section?
    pub fn match_label(&self, heading: &str) -> Option<LabelMatch> {
        match_normalized(&self.normalized, &normalize_label(heading))
    }
    pub fn table_kind(&self) -> Option<TableKind> {
        match self.kind {
            SectionKind::Table(k) => Some(k),
            SectionKind::Text => None,
        }
    }
}

impl ColumnTemplate {
    pub fn match_label(&self, label: &str) -> Option<LabelMatch> {
        match_normalized(&self.normalized, &normalize_label(label))
    }
}

impl ColumnGroupTemplate {
    pub fn match_label(&self, label: &str) -> Option<LabelMatch> {
        match_normalized(&self.normalized, &normalize_label(label))
    }
}

impl RowTemplate {
    pub fn match_label(&self, label: &str) -> Option<LabelMatch> {
        self.match_normalized_label(&normalize_label(label))
    }

    /// [`Self::match_label`] for a label already passed through [`normalize_label`].
    pub fn match_normalized_label(&self, label: &str) -> Option<LabelMatch> {
        match_normalized(&self.normalized, label)
    }
    /// The label without its numbering (`不予公开`).
    pub fn bare_label(&self) -> String {
        let (_, rest) = crate::text::split_numbering(&self.label);
        rest.to_string()
    }
}

impl TableTemplate {
    pub fn row(&self, id: &str) -> Option<&RowTemplate> {
        self.rows.iter().find(|r| super::same_id(&r.id, id))
    }
    pub fn column(&self, id: &str) -> Option<&ColumnTemplate> {
        self.columns.iter().find(|c| super::same_id(&c.id, id))
    }
    pub fn column_group(&self, id: &str) -> Option<&ColumnGroupTemplate> {
        self.column_groups.iter().find(|g| g.id == id)
    }
    pub fn block(&self, id: &str) -> Option<&BlockTemplate> {
        self.blocks.iter().find(|b| b.id == id)
    }

    /// The row whose label (numbering ignored) is `label`; official labels win over aliases.
    pub fn find_row(&self, label: &str) -> Option<(&RowTemplate, LabelMatch)> {
        self.find_row_normalized(&normalize_label(label))
    }

    /// [`Self::find_row`] for a label already passed through [`normalize_label`].
    pub fn find_row_normalized(&self, n: &str) -> Option<(&RowTemplate, LabelMatch)> {
        if n.is_empty() {
            return None;
        }
        lookup(&self.compiled.rows_by_label, &self.rows, n)
    }

    /// The first column whose label is `label` (table 四 repeats labels: see [`Self::find_columns`]).
    pub fn find_column(&self, label: &str) -> Option<(&ColumnTemplate, LabelMatch)> {
        self.find_column_normalized(&normalize_label(label))
    }

    /// [`Self::find_column`] for a label already passed through [`normalize_label`].
    pub fn find_column_normalized(&self, n: &str) -> Option<(&ColumnTemplate, LabelMatch)> {
        if n.is_empty() {
            return None;
        }
        lookup(&self.compiled.columns_by_label, &self.columns, n)
    }

    /// All columns whose label is `label`, in order.
    pub fn find_columns(&self, label: &str) -> Vec<&ColumnTemplate> {
        let n = normalize_label(label);
        if n.is_empty() {
            return Vec::new();
        }
        self.columns.iter().filter(|c| c.normalized.contains(&n)).collect()
    }

    pub fn find_column_group(&self, label: &str) -> Option<(&ColumnGroupTemplate, LabelMatch)> {
        let n = normalize_label(label);
        if n.is_empty() {
            return None;
        }
        find_best(self.column_groups.iter().map(|g| (g, &g.normalized[..])), &n)
    }

    /// The block whose caption is `caption` (`第二十条 第(五)项` matches `第二十条第（五）项`).
    pub fn find_block(&self, caption: &str) -> Option<&BlockTemplate> {
        // A caption names a clause of 第二十条: anything else is not a caption (and costs nothing).
        if !caption.contains('第') {
            return None;
        }
        let n = normalize_label(caption);
        if let Some(b) = self.blocks.iter().find(|b| b.normalized_caption == n) {
            return Some(b);
        }
        let r = ClauseRef::parse(caption)?;
        self.blocks.iter().find(|b| b.clause == r)
    }

    pub fn data_rows(&self) -> impl Iterator<Item = &RowTemplate> {
        self.rows.iter().filter(|r| r.data_row)
    }

    /// Direct children of a row.
    pub fn children<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a RowTemplate> + 'a {
        self.rows.iter().filter(move |r| r.parent.as_deref() == Some(id))
    }

    /// Columns of a data row: its block's columns in table 二, all columns otherwise.
    pub fn cell_columns(&self, row_id: &str) -> Vec<&ColumnTemplate> {
        self.row(row_id).map_or_else(Vec::new, |row| self.row_columns(row).collect())
    }

    /// [`Self::cell_columns`] of one of this template's rows.
    pub fn row_columns(&self, row: &RowTemplate) -> impl ExactSizeIterator<Item = &ColumnTemplate> {
        self.compiled.cell_columns[row.index].iter().map(|&c| &self.columns[c])
    }

    /// The position of a cell, counted row by row over every row and column of the template
    /// (most positions are no cell: group rows, other blocks' columns): what
    /// [`Equation`]s and the tables' cell lookups index by.
    pub fn position(&self, row: &RowTemplate, column: &ColumnTemplate) -> usize {
        row.index * self.columns.len() + column.index
    }

    /// How many positions there are ([`Self::position`]).
    pub fn positions(&self) -> usize {
        self.rows.len() * self.columns.len()
    }

    /// The row and column at a position.
    pub fn at(&self, position: usize) -> (&RowTemplate, &ColumnTemplate) {
        let width = self.columns.len();
        (&self.rows[position / width], &self.columns[position % width])
    }

    /// Every sum of the format over this table's cells: [`Self::row_sums`] in each column,
    /// [`Self::column_sums`] in each data row, then the [`Self::balance`] in each column.
    pub fn equations(&self) -> &[Equation] {
        &self.compiled.equations
    }

    /// The indices into [`Self::equations`] of those a position is in.
    pub fn equations_with(&self, position: usize) -> &[usize] {
        &self.compiled.equations_by_cell[position]
    }

    /// Every (row id, column id) that must hold a value, in reading order.
    pub fn cells(&self) -> Vec<(&str, &str)> {
        let mut v = Vec::new();
        for r in self.data_rows() {
            for c in self.cell_columns(&r.id) {
                v.push((r.id.as_str(), c.id.as_str()));
            }
        }
        v
    }
}

fn find_best<'a, T>(items: impl Iterator<Item = (&'a T, &'a [String])>, n: &str) -> Option<(&'a T, LabelMatch)>
where
    T: 'a,
{
    let mut alias = None;
    for (t, forms) in items {
        match match_normalized(forms, n) {
            Some(LabelMatch::Official) => return Some((t, LabelMatch::Official)),
            Some(LabelMatch::Alias) if alias.is_none() => alias = Some((t, LabelMatch::Alias)),
            _ => {}
        }
    }
    alias
}

// =============================================================================================
// Raw data
// =============================================================================================

#[derive(Debug, Deserialize)]
pub(crate) struct RawFormat {
    pub title: String,
    pub issued_by_notice: RawNotice,
    pub sections: Vec<RawSection>,
    pub tables: RawTables,
    #[serde(default)]
    pub balance_rules: Vec<RawBalanceRule>,
    #[serde(default)]
    pub format_text: Vec<RawFormatText>,
    #[serde(default)]
    pub fill_notes: Option<RawFillNotes>,
    #[serde(default)]
    pub uncertainties: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawNotice {
    pub title: String,
    pub document_number: String,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub date_written: Option<String>,
    #[serde(default)]
    pub verified: bool,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawSection {
    pub number: String,
    pub heading: String,
    pub full_heading: String,
    pub kind: String,
    #[serde(default)]
    pub table: Option<String>,
    #[serde(default)]
    pub heading_verification: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawTables {
    pub table_2: RawTable2,
    pub table_3: RawTable3,
    pub table_4: RawTable4,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawTable2 {
    pub section: String,
    pub blocks: Vec<RawBlock>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawBlock {
    pub caption: String,
    pub header: Vec<String>,
    #[serde(default)]
    pub header_note: Option<String>,
    pub rows: Vec<RawLabelRow>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawLabelRow {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawTable3 {
    pub section: String,
    pub data_columns: Vec<RawColumn>,
    pub rows: Vec<RawT3Row>,
    #[serde(default)]
    pub balance_rule_text: Option<String>,
    #[serde(default)]
    pub structure_notes: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawColumn {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub group: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawT3Row {
    pub id: String,
    pub label: String,
    pub level: u8,
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub is_group: bool,
    pub data_row: bool,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawTable4 {
    #[serde(default)]
    pub section: Option<String>,
    #[serde(default)]
    pub data_columns: Option<Vec<RawColumn>>,
    #[serde(default)]
    pub same_as: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawBalanceRule {
    pub id: String,
    #[serde(default)]
    pub text: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawFormatText {
    pub id: String,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub verified: Option<bool>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawFillNotes {
    #[serde(default)]
    pub derived_row_to_article_mapping: Option<RawMapping>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawMapping {
    pub rows: Vec<RawMappingRow>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawMappingRow {
    pub row: String,
    pub articles: Vec<String>,
    pub confidence: String,
    #[serde(default)]
    pub why: Option<String>,
}

// =============================================================================================
// Aliases (seen in real reports, or plain variants of the wording)
// =============================================================================================

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn section_aliases(number: u32) -> &'static [&'static str] {
    match number {
        1 => &["总体情况概述", "概述", "基本情况", "工作总体情况", "政府信息公开工作总体情况", "总体工作情况"],
        2 => &["主动公开政府信息的情况", "行政机关主动公开政府信息的情况", "主动公开政府信息情况统计"],
        3 => &[
            "收到和处理政府信息公开申请的情况",
            "行政机关收到和处理政府信息公开申请的情况",
            "收到和处理政府信息公开申请情况统计",
        ],
        4 => &[
            "政府信息公开行政复议和行政诉讼情况",
            "政府信息公开行政复议、行政诉讼的情况",
            "因政府信息公开工作被申请行政复议、提起行政诉讼的情况",
            "因政府信息公开工作被申请行政复议提起行政诉讼情况",
            "因政府信息公开申请行政复议、提起行政诉讼的情况",
            "因政府信息公开申请行政复议、提起行政诉讼情况",
            "行政复议、行政诉讼情况",
        ],
        5 => &[
            "政府信息公开工作存在的主要问题及改进情况",
            "存在的主要问题和改进情况",
            "存在问题及改进情况",
            "存在的问题及改进情况",
            "存在的主要问题及改进措施",
            "主要问题及改进情况",
        ],
        6 => &["其他需要报告事项", "其他需要报告的事项情况", "其他需要说明的事项"],
        _ => &[],
    }
}

fn row_aliases(id: &str) -> &'static [&'static str] {
    match id {
        "t2_regulations" => &["政府规章"],
        "t2_normative_documents" => &["行政规范性文件", "规范性文件"],
        "t2_licensing" => &["行政许可事项"],
        "t2_other_services" => &["其他对外管理服务"],
        "t2_penalty" => &["行政处罚事项"],
        "t2_coercion" => &["行政强制事项"],
        "t2_fees" => &["行政事业性收费项目"],
        "t2_procurement" => &["政府集中采购项目"],
        "t3_new" => &["本年新收政府信息公开申请", "本年新收申请数量", "本年新收申请"],
        "t3_carried_in" => &["上年结转政府信息公开申请", "上年结转申请数量", "上年结转申请"],
        "t3_results" => &["本年办理结果", "本年度办理结果情况"],
        "t3_r2_partial" => &["部分公开"],
        "t3_r3_2" => &["其他法律、行政法规禁止公开", "其他法律行政法规禁止公开的"],
        "t3_r3_3" => &["危及三安全一稳定"],
        "t3_r4_1" => &["本机关不掌握相关政府信息的"],
        "t3_r5_1" => &["信访举报投诉类"],
        "t3_r7_total" => &["合计"],
        "t3_carried_out" => &["结转下年度继续办理的", "结转下一年度继续办理"],
        _ => &[],
    }
}

fn column_aliases(table: TableKind, id: &str) -> &'static [&'static str] {
    match (table, id) {
        (TableKind::Requests, "other_org") => &["其他组织"],
        (TableKind::Requests, "total") | (TableKind::Review, _) if id.ends_with("total") => &["合计"],
        (TableKind::Review, _) if id.ends_with("upheld") => &["维持"],
        (TableKind::Review, _) if id.ends_with("corrected") => &["纠正"],
        (TableKind::Review, _) if id.ends_with("pending") => &["未审结"],
        _ => &[],
    }
}

/// Table 二 columns by header label: (id, value kind, aliases).
fn t2_column(label: &str) -> Option<(&'static str, ValueKind, &'static [&'static str])> {
    Some(match label {
        "本年制发件数" => ("issued", ValueKind::Count, &["本年制发数", "本年制发件数量"]),
        "本年废止件数" => ("repealed", ValueKind::Count, &["本年废止数", "本年废止件数量"]),
        "现行有效件数" => ("in_force", ValueKind::Count, &["现行有效数", "现行有效件数量"]),
        "本年处理决定数量" => ("decisions", ValueKind::Count, &["处理决定数量", "本年处理决定数"]),
        "本年收费金额（单位：万元）" => (
            "fee_amount",
            ValueKind::Amount { unit: Some("万元") },
            &["本年收费金额", "本年收费金额（万元）", "本年收费金额（单位万元）"],
        ),
        "本年新制作数量" => ("made", ValueKind::Count, &["本年新制作数"]),
        "本年新公开数量" => ("published", ValueKind::Count, &["本年新公开数"]),
        "对外公开总数量" => ("published_total", ValueKind::Count, &["对外公开总数"]),
        "上一年项目数量" => ("previous_count", ValueKind::Count, &["上年项目数量"]),
        "本年增/减量" => ("change", ValueKind::SignedCount, &["本年增/减", "本年增减量", "本年增减", "本年增（减）量"]),
        "处理决定数量" => ("decisions", ValueKind::Count, &["本年处理决定数量"]),
        "采购项目数量" => ("purchase_count", ValueKind::Count, &["采购项目数"]),
        "采购总金额" => ("purchase_amount", ValueKind::Amount { unit: None }, &["采购金额"]),
        _ => return None,
    })
}

// =============================================================================================
// Building
// =============================================================================================

fn raw(layout: Layout) -> &'static RawFormat {
    match layout {
        Layout::Y2019 => &RAW_2019,
        Layout::Y2021 => &RAW_2021,
    }
}

fn build(layout: Layout) -> LayoutData {
    let r = raw(layout);
    let sections = r
        .sections
        .iter()
        .map(|s| {
            let number = parse_chinese_numeral(&s.number).expect("section number");
            let kind = match (s.kind.as_str(), s.table.as_deref()) {
                ("table", Some("table_2")) => SectionKind::Table(TableKind::Proactive),
                ("table", Some("table_3")) => SectionKind::Table(TableKind::Requests),
                ("table", Some("table_4")) => SectionKind::Table(TableKind::Review),
                _ => SectionKind::Text,
            };
            let aliases = strings(section_aliases(number));
            // 第五十条第一款 (一)…(五) ↔ sections 二…六.
            let basis = (2..=6).contains(&number).then(|| ClauseRef::new(50, Some(1), Some(number - 1)));
            SectionTemplate {
                number,
                numeral: s.number.clone(),
                heading: s.heading.clone(),
                full_heading: s.full_heading.clone(),
                kind,
                normalized: normalized_forms(&s.heading, &aliases),
                aliases,
                basis,
                verification: s.heading_verification.clone(),
            }
        })
        .collect();

    let accountability = r.format_text.iter().find(|t| t.id == "duty_4").and_then(|t| {
        Some(FormatText { text: t.text.clone()?, verified: t.verified.unwrap_or(false), note: t.note.clone() })
    });
    // The accountability passage is only in the 2021 data; 2019 has none.

    LayoutData {
        notice_title: r.issued_by_notice.title.clone(),
        document_number: r.issued_by_notice.document_number.clone(),
        notice_body: r.issued_by_notice.body.clone().unwrap_or_default(),
        notice_date: r.issued_by_notice.date_written.clone(),
        notice_verified: r.issued_by_notice.verified,
        format_title: r.title.clone(),
        sections,
        proactive: build_proactive(layout, &r.tables.table_2),
        requests: build_requests(layout, &r.tables.table_3, r),
        review: build_review(layout, &r.tables.table_4),
        uncertainties: r.uncertainties.clone(),
        accountability,
    }
}

fn build_proactive(layout: Layout, t: &RawTable2) -> TableTemplate {
    let mut blocks = Vec::new();
    let mut columns: Vec<ColumnTemplate> = Vec::new();
    let mut rows = Vec::new();
    for b in &t.blocks {
        let clause = ClauseRef::parse(&b.caption).expect("table 二 caption is a clause of 第二十条");
        let id = format!("t2_item{}", clause.item.expect("caption names an item"));
        let mut col_ids = Vec::new();
        for label in &b.header[1..] {
            let (cid, value, aliases) =
                t2_column(label).unwrap_or_else(|| panic!("unknown table 二 column {label}"));
            if !columns.iter().any(|c| c.id == cid) {
                let aliases = strings(aliases);
                columns.push(ColumnTemplate {
                    id: cid.to_string(),
                    label: label.clone(),
                    normalized: normalized_forms(label, &aliases),
                    aliases,
                    group: None,
                    is_total: false,
                    value,
                    index: 0,
                });
            }
            col_ids.push(cid.to_string());
        }
        let mut row_ids = Vec::new();
        for row in &b.rows {
            let aliases: Vec<String> =
                strings(row_aliases(&row.id)).into_iter().filter(|a| a != &row.label).collect();
            rows.push(RowTemplate {
                id: row.id.clone(),
                label: row.label.clone(),
                normalized: normalized_forms(&row.label, &aliases),
                aliases,
                level: 0,
                parent: None,
                is_group: false,
                data_row: true,
                is_total: false,
                block: Some(id.clone()),
                related: Vec::new(),
                index: 0,
            });
            row_ids.push(row.id.clone());
        }
        blocks.push(BlockTemplate {
            id,
            caption: b.caption.clone(),
            clause,
            header_label: b.header[0].clone(),
            columns: col_ids,
            rows: row_ids,
            note: b.header_note.clone(),
            normalized_caption: normalize_label(&b.caption),
        });
    }
    compile(TableTemplate {
        kind: TableKind::Proactive,
        layout,
        section: t.section.clone(),
        blocks,
        column_groups: Vec::new(),
        columns,
        rows,
        row_sums: Vec::new(),
        column_sums: Vec::new(),
        balance: None,
        notes: Vec::new(),
        compiled: Compiled::default(),
    })
}

/// Derives what the rules look up over and over from a template as the data states it: row and
/// column positions, each row's columns, and the sums as equations over cell positions. A sum
/// over a cell the template does not have (a column outside a row's block) is left out.
fn compile(mut t: TableTemplate) -> TableTemplate {
    for (i, row) in t.rows.iter_mut().enumerate() {
        row.index = i;
    }
    for (i, column) in t.columns.iter_mut().enumerate() {
        column.index = i;
    }
    let row_at = |id: &str| t.rows.iter().position(|r| r.id == id).unwrap_or_else(|| panic!("unknown row {id}"));
    let column_at = |id: &str| t.columns.iter().position(|c| c.id == id).unwrap_or_else(|| panic!("unknown column {id}"));
    let cell_columns: Vec<Vec<usize>> = t
        .rows
        .iter()
        .map(|row| match (row.data_row, row.block.as_deref().and_then(|b| t.block(b))) {
            (false, _) => Vec::new(),
            (true, Some(b)) => b.columns.iter().map(|c| column_at(c)).collect(),
            (true, None) => (0..t.columns.len()).collect(),
        })
        .collect();
    let width = t.columns.len();
    // The position of (row, column), if that row has that column.
    let cell = |row: usize, column: usize| cell_columns[row].contains(&column).then_some(row * width + column);
    let cells = |rows: &[usize], column: usize| rows.iter().map(|&r| cell(r, column)).collect::<Option<Vec<usize>>>();
    let mut equations = Vec::new();
    for rule in &t.row_sums {
        let total = row_at(&rule.total);
        let addends: Vec<usize> = rule.addends.iter().map(|r| row_at(r)).collect();
        for column in 0..width {
            if let (Some(lhs), Some(rhs)) = (cells(&[total], column), cells(&addends, column)) {
                equations.push(Equation { rule: rule.rule, kind: EquationKind::RowSum, lhs, rhs });
            }
        }
    }
    for rule in &t.column_sums {
        let total = column_at(&rule.total);
        let addends: Vec<usize> = rule.addends.iter().map(|c| column_at(c)).collect();
        for row in (0..t.rows.len()).filter(|&r| t.rows[r].data_row) {
            let lhs = cell(row, total);
            let rhs = addends.iter().map(|&c| cell(row, c)).collect::<Option<Vec<usize>>>();
            if let (Some(lhs), Some(rhs)) = (lhs, rhs) {
                equations.push(Equation { rule: rule.rule, kind: EquationKind::ColumnSum, lhs: vec![lhs], rhs });
            }
        }
    }
    if let Some(b) = &t.balance {
        let lhs: Vec<usize> = b.lhs.iter().map(|r| row_at(r)).collect();
        let rhs: Vec<usize> = b.rhs.iter().map(|r| row_at(r)).collect();
        for column in 0..width {
            if let (Some(lhs), Some(rhs)) = (cells(&lhs, column), cells(&rhs, column)) {
                equations.push(Equation { rule: b.rule, kind: EquationKind::Balance, lhs, rhs });
            }
        }
    }
    let mut equations_by_cell = vec![Vec::new(); t.rows.len() * width];
    for (k, equation) in equations.iter().enumerate() {
        for &p in equation.lhs.iter().chain(&equation.rhs) {
            if equations_by_cell[p].last() != Some(&k) {
                equations_by_cell[p].push(k);
            }
        }
    }
    let rows_by_label = by_label(t.rows.iter().map(|r| &r.normalized[..]));
    let columns_by_label = by_label(t.columns.iter().map(|c| &c.normalized[..]));
    t.compiled = Compiled { cell_columns, equations, equations_by_cell, rows_by_label, columns_by_label };
    t
}

fn group_id(label: &str) -> String {
    match label {
        "法人或其他组织" => "legal_person".into(),
        "行政复议" => "review".into(),
        "行政诉讼" => "litigation".into(),
        "行政诉讼/未经复议直接起诉" | "未经复议直接起诉" => "litigation_direct".into(),
        "行政诉讼/复议后起诉" | "复议后起诉" => "litigation_after_review".into(),
        "申请人情况" => "applicants".into(),
        other => panic!("unknown column group {other}"),
    }
}

fn group(id: &str, label: &str, aliases: &[&str], parent: Option<&str>) -> ColumnGroupTemplate {
    let aliases = strings(aliases);
    ColumnGroupTemplate {
        id: id.into(),
        label: label.into(),
        normalized: normalized_forms(label, &aliases),
        aliases,
        parent: parent.map(Into::into),
    }
}

fn build_columns(table: TableKind, raw: &[RawColumn]) -> Vec<ColumnTemplate> {
    raw.iter()
        .map(|c| {
            let aliases = strings(column_aliases(table, &c.id));
            ColumnTemplate {
                id: c.id.clone(),
                label: c.label.clone(),
                normalized: normalized_forms(&c.label, &aliases),
                aliases,
                group: c.group.as_deref().map(group_id),
                is_total: c.id.ends_with("total"),
                value: ValueKind::Count,
                index: 0,
            }
        })
        .collect()
}

fn parse_confidence(s: &str) -> Option<Confidence> {
    match s {
        "high" => Some(Confidence::High),
        "medium" => Some(Confidence::Medium),
        "low" => Some(Confidence::Low),
        _ => None,
    }
}

fn related_clauses(row: &str) -> Vec<RelatedClause> {
    // The derived mapping exists in the 2021 data only; the row ids are shared by both layouts.
    let Some(m) = RAW_2021.fill_notes.as_ref().and_then(|f| f.derived_row_to_article_mapping.as_ref()) else {
        return Vec::new();
    };
    let Some(entry) = m.rows.iter().find(|r| r.row == row) else { return Vec::new() };
    let Some(confidence) = parse_confidence(&entry.confidence) else { return Vec::new() };
    entry
        .articles
        .iter()
        .map(|a| RelatedClause {
            clause: ClauseRef::parse(a).unwrap_or_else(|| panic!("unparsable clause {a}")),
            confidence,
            why: entry.why.clone(),
        })
        .collect()
}

fn build_requests(layout: Layout, t: &RawTable3, r: &RawFormat) -> TableTemplate {
    let columns = build_columns(TableKind::Requests, &t.data_columns);
    let rows: Vec<RowTemplate> = t
        .rows
        .iter()
        .map(|row| {
            let aliases = strings(row_aliases(&row.id));
            RowTemplate {
                id: row.id.clone(),
                label: row.label.clone(),
                normalized: normalized_forms(&row.label, &aliases),
                aliases,
                level: row.level,
                parent: row.parent.clone(),
                is_group: row.is_group,
                data_row: row.data_row,
                is_total: row.id == "t3_r7_total",
                block: None,
                related: related_clauses(&row.id),
                index: 0,
            }
        })
        .collect();

    // Result rows: data rows under 三、本年度办理结果 other than （七）总计.
    let under_results = |row: &RowTemplate| {
        let mut p = row.parent.as_deref();
        while let Some(id) = p {
            if id == "t3_results" {
                return true;
            }
            p = rows.iter().find(|r| r.id == id).and_then(|r| r.parent.as_deref());
        }
        false
    };
    let result_rows: Vec<String> = rows
        .iter()
        .filter(|r| r.data_row && !r.is_total && under_results(r))
        .map(|r| r.id.clone())
        .collect();
    let applicant_columns: Vec<String> =
        columns.iter().filter(|c| !c.is_total).map(|c| c.id.clone()).collect();

    let balance_text = t
        .balance_rule_text
        .clone()
        .or_else(|| {
            r.balance_rules.iter().find(|b| b.id == "table3_column_balance").and_then(|b| b.text.clone())
        })
        .expect("table 三 balance rule text");

    compile(TableTemplate {
        kind: TableKind::Requests,
        layout,
        section: t.section.clone(),
        blocks: Vec::new(),
        column_groups: vec![
            group("applicants", "申请人情况", &[], None),
            group("legal_person", "法人或其他组织", &["法人或者其他组织"], Some("applicants")),
        ],
        columns,
        rows,
        row_sums: vec![SumRule { rule: "table3-results-total", total: "t3_r7_total".into(), addends: result_rows }],
        column_sums: vec![SumRule { rule: "table3-row-total", total: "total".into(), addends: applicant_columns }],
        balance: Some(BalanceRule {
            rule: "table3-balance",
            lhs: vec!["t3_new".into(), "t3_carried_in".into()],
            rhs: vec!["t3_r7_total".into(), "t3_carried_out".into()],
            text: balance_text,
        }),
        notes: t.structure_notes.clone(),
        compiled: Compiled::default(),
    })
}

fn build_review(layout: Layout, t: &RawTable4) -> TableTemplate {
    let t = match (&t.data_columns, &t.same_as) {
        (Some(_), _) => t,
        (None, Some(_)) => &RAW_2021.tables.table_4,
        (None, None) => panic!("table 四 has neither columns nor same_as"),
    };
    let columns = build_columns(TableKind::Review, t.data_columns.as_ref().expect("table 四 columns"));
    let mut column_sums = Vec::new();
    for g in ["review", "litigation_direct", "litigation_after_review"] {
        let cols: Vec<&ColumnTemplate> = columns.iter().filter(|c| c.group.as_deref() == Some(g)).collect();
        let total = cols.iter().find(|c| c.is_total).expect("group total").id.clone();
        let addends = cols.iter().filter(|c| !c.is_total).map(|c| c.id.clone()).collect();
        column_sums.push(SumRule { rule: "table4-total", total, addends });
    }
    compile(TableTemplate {
        kind: TableKind::Review,
        layout,
        section: t.section.clone().unwrap_or_else(|| "四、政府信息公开行政复议、行政诉讼情况".into()),
        blocks: Vec::new(),
        column_groups: vec![
            group("review", "行政复议", &[], None),
            group("litigation", "行政诉讼", &[], None),
            group("litigation_direct", "未经复议直接起诉", &["直接起诉"], Some("litigation")),
            group("litigation_after_review", "复议后起诉", &["经复议后起诉"], Some("litigation")),
        ],
        columns,
        rows: vec![RowTemplate {
            id: "t4_cases".into(),
            label: String::new(),
            aliases: Vec::new(),
            level: 0,
            parent: None,
            is_group: false,
            data_row: true,
            is_total: false,
            block: None,
            related: Vec::new(),
            index: 0,
            normalized: vec![String::new()],
        }],
        row_sums: Vec::new(),
        column_sums,
        balance: None,
        notes: Vec::new(),
        compiled: Compiled::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_by_year() {
        assert_eq!(Layout::for_report_year(2018), Layout::Y2019);
        assert_eq!(Layout::for_report_year(2019), Layout::Y2019);
        assert_eq!(Layout::for_report_year(2020), Layout::Y2019);
        assert_eq!(Layout::for_report_year(2021), Layout::Y2021);
        assert_eq!(Layout::for_report_year(2030), Layout::Y2021);
        assert_eq!(Layout::Y2019.document_number(), "国办公开办函〔2019〕60号");
        assert_eq!(Layout::Y2021.document_number(), "国办公开办函〔2021〕30号");
        assert_eq!(Layout::Y2021.notice_date(), Some("2021年9月26日"));
        assert_eq!(Layout::Y2019.notice_date(), None);
        assert!(Layout::Y2021.notice_verified());
        assert!(!Layout::Y2019.notice_verified());
        assert_eq!(Layout::Y2019.superseded_by(), Some(Layout::Y2021));
        assert!(Layout::Y2019.format_title().ends_with("（试行）"));
        assert!(Layout::Y2021.accountability_text().is_some());
        assert!(!Layout::Y2019.uncertainties().is_empty());
    }

    #[test]
    fn sections() {
        for layout in Layout::ALL {
            let s = layout.sections();
            assert_eq!(s.len(), 6);
            let headings: Vec<&str> = s.iter().map(|s| s.full_heading.as_str()).collect();
            assert_eq!(
                headings,
                [
                    "一、总体情况",
                    "二、主动公开政府信息情况",
                    "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况",
                    "五、存在的主要问题及改进情况",
                    "六、其他需要报告的事项"
                ]
            );
            for (i, sec) in s.iter().enumerate() {
                assert_eq!(sec.number as usize, i + 1);
                assert_eq!(sec.full_heading, format!("{}、{}", sec.numeral, sec.heading));
            }
            assert_eq!(s[1].kind, SectionKind::Table(TableKind::Proactive));
            assert_eq!(s[2].kind, SectionKind::Table(TableKind::Requests));
            assert_eq!(s[3].kind, SectionKind::Table(TableKind::Review));
            assert_eq!(s[0].kind, SectionKind::Text);
            assert_eq!(s[1].basis, Some(ClauseRef::new(50, Some(1), Some(1))));
            assert_eq!(s[5].basis, Some(ClauseRef::new(50, Some(1), Some(5))));
            let f = |h: &str| layout.find_section(h).map(|(s, m)| (s.number, m));
            assert_eq!(f("二、主动公开政府信息情况"), Some((2, LabelMatch::Official)));
            assert_eq!(f("主动公开政府信息情况"), Some((2, LabelMatch::Official)));
            assert_eq!(f("二、收到和处理政府信息公开申请情况"), Some((3, LabelMatch::Official)));
            assert_eq!(f("四、政府信息公开行政复议和行政诉讼情况"), Some((4, LabelMatch::Alias)));
            assert_eq!(f("五、政府信息公开工作存在的主要问题及改进情况"), Some((5, LabelMatch::Alias)));
            assert_eq!(f("五、存在问题及改进情况"), Some((5, LabelMatch::Alias)));
            assert_eq!(f(" 六、 其他需要报告的事项 "), Some((6, LabelMatch::Official)));
            assert_eq!(f("（一）主动公开情况。"), None);
            assert_eq!(f("（二）依申请公开情况。"), None);
            assert_eq!(f(""), None);
            assert_eq!(f("一、"), None);
            assert_eq!(s[2].match_label("三、收到和处理政府信息公开申请情况"), Some(LabelMatch::Official));
        }
    }

    #[test]
    fn table3_2021() {
        let t = Layout::Y2021.requests();
        assert_eq!(t.rows.len(), 30);
        assert_eq!(t.data_rows().count(), 25);
        let ids: Vec<&str> = t.columns.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["natural_person", "commercial", "research", "public_welfare", "legal_service", "other_org", "total"]);
        assert_eq!(t.column("commercial").unwrap().group.as_deref(), Some("legal_person"));
        assert!(t.column("total").unwrap().is_total);
        let sum = &t.row_sums[0];
        assert_eq!(sum.rule, "table3-results-total");
        assert_eq!(sum.total, "t3_r7_total");
        // （一）+（二）+ 8 + 3 + 5 + 3.
        assert_eq!(sum.addends.len(), 2 + 8 + 3 + 5 + 3);
        assert!(sum.addends.contains(&"t3_r6_3".to_string()));
        assert!(!sum.addends.contains(&"t3_r6_other".to_string()));
        assert!(!sum.addends.contains(&"t3_new".to_string()));
        let cs = &t.column_sums[0];
        assert_eq!(cs.rule, "table3-row-total");
        assert_eq!(cs.total, "total");
        assert_eq!(cs.addends.len(), 6);
        let b = t.balance.as_ref().unwrap();
        assert_eq!(b.text, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
        assert_eq!(b.lhs, ["t3_new", "t3_carried_in"]);
        assert_eq!(b.rhs, ["t3_r7_total", "t3_carried_out"]);
        assert_eq!(t.cells().len(), 25 * 7);
        assert_eq!(t.children("t3_r6_other").count(), 3);
        // Related clauses (derived).
        let r = t.row("t3_r3_1").unwrap();
        assert_eq!(r.related[0].clause, ClauseRef::article(14));
        assert_eq!(r.related[0].confidence, Confidence::High);
        assert_eq!(t.row("t3_r5_2").unwrap().related[0].clause, ClauseRef::item(36, 6));
        assert_eq!(t.row("t3_r3_5").unwrap().related[0].clause, ClauseRef::paragraph(16, 1));
        assert!(t.row("t3_r5_5").unwrap().related.is_empty());
        assert_eq!(t.row("t3_r3_denied").unwrap().bare_label(), "不予公开");
    }

    #[test]
    fn table3_2019() {
        let t = Layout::Y2019.requests();
        assert_eq!(t.rows.len(), 27);
        let r6 = t.row("t3_r6_other").unwrap();
        assert!(r6.data_row && !r6.is_group);
        assert!(t.row("t3_r6_1").is_none());
        assert!(t.row("t3_r5_5").is_some(), "（五）5 exists in the 2019 layout (corpus)");
        let sum = &t.row_sums[0];
        assert_eq!(sum.addends.len(), 2 + 8 + 3 + 5 + 1);
        assert!(sum.addends.contains(&"t3_r6_other".to_string()));
        // Same labels and ids as 2021 for every shared row.
        let t21 = Layout::Y2021.requests();
        for row in &t.rows {
            let other = t21.row(&row.id).unwrap();
            assert_eq!(row.label, other.label);
        }
        assert_eq!(t.balance.as_ref().unwrap().text, t21.balance.as_ref().unwrap().text);
        assert_eq!(t.columns.len(), 7);
    }

    #[test]
    fn table3_label_lookup() {
        let t = Layout::Y2021.requests();
        let f = |l: &str| t.find_row(l).map(|(r, m)| (r.id.as_str(), m));
        assert_eq!(f("一、本年新收政府信息公开申请数量"), Some(("t3_new", LabelMatch::Official)));
        assert_eq!(f("三、 本年度办 理结果"), Some(("t3_results", LabelMatch::Official)));
        assert_eq!(f("(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)"), Some(("t3_r2_partial", LabelMatch::Official)));
        assert_eq!(f("部分公开"), Some(("t3_r2_partial", LabelMatch::Alias)));
        assert_eq!(f("3. 危及“三安全一稳定”"), Some(("t3_r3_3", LabelMatch::Official)));
        assert_eq!(f("1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"), Some(("t3_r6_1", LabelMatch::Official)));
        assert_eq!(f("1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请"), Some(("t3_r6_1", LabelMatch::Official)));
        assert_eq!(f("3、其他"), Some(("t3_r6_3", LabelMatch::Official)));
        assert_eq!(f("（七）总计"), Some(("t3_r7_total", LabelMatch::Official)));
        assert_eq!(f("四、结转下年度继续办理"), Some(("t3_carried_out", LabelMatch::Official)));
        assert_eq!(f("不存在的行"), None);
        assert_eq!(f(""), None);
        assert_eq!(t.find_column("法律服务机构").map(|(c, _)| c.id.as_str()), Some("legal_service"));
        assert_eq!(t.find_column("其他").map(|(c, _)| c.id.as_str()), Some("other_org"));
        assert_eq!(t.find_column("合计").map(|(c, m)| (c.id.as_str(), m)), Some(("total", LabelMatch::Alias)));
        assert_eq!(t.find_column_group("法人或者其他组织").map(|(g, _)| g.id.as_str()), Some("legal_person"));
        let t19 = Layout::Y2019.requests();
        assert_eq!(t19.find_row("（六）其他处理").map(|(r, _)| r.id.as_str()), Some("t3_r6_other"));
        assert!(t19.find_row("3.其他").is_none());
    }

    #[test]
    fn label_lookup_finds_what_comparing_finds() {
        for layout in Layout::ALL {
            for kind in TableKind::ALL {
                let t = layout.table(kind);
                let forms = t.rows.iter().flat_map(|r| r.normalized.iter()).chain(t.columns.iter().flat_map(|c| c.normalized.iter()));
                for n in forms.map(String::as_str).chain(["", "不存在的标签"]) {
                    let by_row = |found: Option<(&RowTemplate, LabelMatch)>| found.map(|(r, m)| (r.index, m));
                    let by_column = |found: Option<(&ColumnTemplate, LabelMatch)>| found.map(|(c, m)| (c.index, m));
                    let compared = if n.is_empty() { None } else { find_best(t.rows.iter().map(|r| (r, &r.normalized[..])), n) };
                    assert_eq!(by_row(t.find_row_normalized(n)), by_row(compared), "{n}");
                    let compared = if n.is_empty() { None } else { find_best(t.columns.iter().map(|c| (c, &c.normalized[..])), n) };
                    assert_eq!(by_column(t.find_column_normalized(n)), by_column(compared), "{n}");
                }
            }
        }
    }

    #[test]
    fn sums_compile_to_equations_over_existing_cells() {
        for layout in Layout::ALL {
            for kind in TableKind::ALL {
                let t = layout.table(kind);
                let count = |k: EquationKind| t.equations().iter().filter(|e| e.kind == k).count();
                // Row sums and the balance hold in every column, column sums in every data row
                // (table 二 has neither).
                assert_eq!(count(EquationKind::RowSum), t.row_sums.len() * t.columns.len(), "{layout:?} {kind:?}");
                assert_eq!(count(EquationKind::Balance), t.balance.iter().count() * t.columns.len(), "{layout:?} {kind:?}");
                assert_eq!(count(EquationKind::ColumnSum), t.column_sums.len() * t.data_rows().count(), "{layout:?} {kind:?}");
                for (k, e) in t.equations().iter().enumerate() {
                    for &p in e.lhs.iter().chain(&e.rhs) {
                        let (row, column) = t.at(p);
                        assert_eq!(t.position(row, column), p);
                        assert!(t.row_columns(row).any(|c| std::ptr::eq(c, column)), "{} has no {}", row.id, column.id);
                        assert!(t.equations_with(p).contains(&k));
                    }
                }
            }
        }
        // Table 三's results total: （七）总计 = Σ result rows, in the 自然人 column.
        let t = Layout::Y2021.requests();
        let e = &t.equations()[0];
        let (total, column) = t.at(e.lhs[0]);
        assert_eq!((e.rule, total.id.as_str(), column.id.as_str()), ("table3-results-total", "t3_r7_total", "natural_person"));
        assert_eq!(e.rhs.len(), t.row_sums[0].addends.len());
    }

    #[test]
    fn table4() {
        for layout in Layout::ALL {
            let t = layout.review();
            assert_eq!(t.columns.len(), 15);
            assert_eq!(t.column_sums.len(), 3);
            for s in &t.column_sums {
                assert_eq!(s.rule, "table4-total");
                assert_eq!(s.addends.len(), 4);
                assert!(s.total.ends_with("_total"));
            }
            assert_eq!(t.column_sums[0].total, "review_total");
            assert_eq!(t.column_sums[0].addends, ["review_upheld", "review_corrected", "review_other", "review_pending"]);
            assert_eq!(t.column_sums[1].total, "lit_direct_total");
            assert_eq!(t.column_sums[2].total, "lit_after_review_total");
            assert_eq!(t.find_columns("结果维持").len(), 3);
            assert_eq!(t.find_columns("总计").len(), 3);
            assert_eq!(t.column("lit_direct_upheld").unwrap().group.as_deref(), Some("litigation_direct"));
            assert_eq!(t.column_group("litigation_direct").unwrap().parent.as_deref(), Some("litigation"));
            assert_eq!(t.cells().len(), 15);
            assert_eq!(t.section, "四、政府信息公开行政复议、行政诉讼情况");
        }
    }

    #[test]
    fn table2_2021() {
        let t = Layout::Y2021.proactive();
        let blocks: Vec<(&str, ClauseRef)> = t.blocks.iter().map(|b| (b.id.as_str(), b.clause)).collect();
        assert_eq!(
            blocks,
            [
                ("t2_item1", ClauseRef::item(20, 1)),
                ("t2_item5", ClauseRef::item(20, 5)),
                ("t2_item6", ClauseRef::item(20, 6)),
                ("t2_item8", ClauseRef::item(20, 8))
            ]
        );
        let cols: Vec<&str> = t.columns.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(cols, ["issued", "repealed", "in_force", "decisions", "fee_amount"]);
        assert_eq!(t.column("fee_amount").unwrap().value, ValueKind::Amount { unit: Some("万元") });
        let rows: Vec<&str> = t.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(rows, ["t2_regulations", "t2_normative_documents", "t2_licensing", "t2_penalty", "t2_coercion", "t2_fees"]);
        assert_eq!(t.row("t2_normative_documents").unwrap().label, "行政规范性文件");
        assert_eq!(t.cells().len(), 2 * 3 + 1 + 2 + 1);
        assert_eq!(t.cell_columns("t2_penalty").iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["decisions"]);
        assert_eq!(t.find_block("第二十条 第(五)项").unwrap().id, "t2_item5");
        assert_eq!(t.find_block("第二十条第（九）项").map(|b| b.id.as_str()), None);
        assert_eq!(t.block("t2_item1").unwrap().header_label, "信息内容");
        assert_eq!(t.find_row("规范性文件").map(|(r, m)| (r.id.as_str(), m)), Some(("t2_normative_documents", LabelMatch::Alias)));
        assert_eq!(t.find_column("本年收费金额(单位:万元)").map(|(c, _)| c.id.as_str()), Some("fee_amount"));
    }

    #[test]
    fn table2_2019() {
        let t = Layout::Y2019.proactive();
        let blocks: Vec<&str> = t.blocks.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(blocks, ["t2_item1", "t2_item5", "t2_item6", "t2_item8", "t2_item9"]);
        let cols: Vec<&str> = t.columns.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            cols,
            ["made", "published", "published_total", "previous_count", "change", "decisions", "purchase_count", "purchase_amount"]
        );
        assert_eq!(t.column("change").unwrap().value, ValueKind::SignedCount);
        assert_eq!(t.row("t2_normative_documents").unwrap().label, "规范性文件");
        assert_eq!(
            t.cell_columns("t2_other_services").iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
            ["previous_count", "change", "decisions"]
        );
        assert_eq!(
            t.cell_columns("t2_fees").iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
            ["previous_count", "change"]
        );
        assert_eq!(t.cells().len(), 2 * 3 + 2 * 3 + 2 * 3 + 2 + 2);
        assert_eq!(t.find_column("本年增/减").map(|(c, m)| (c.id.as_str(), m)), Some(("change", LabelMatch::Alias)));
        assert_eq!(t.find_row("政府集中采购").map(|(r, _)| r.id.as_str()), Some("t2_procurement"));
    }

    #[test]
    fn detects_layout_from_labels() {
        let y19 = Layout::Y2019.distinctive_labels();
        let y21 = Layout::Y2021.distinctive_labels();
        assert!(y19.contains("本年新制作数量"));
        assert!(y19.contains("第二十条第（九）项"));
        assert!(y21.contains("本年制发件数"));
        assert!(y21.contains(&normalize_label("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")));
        // `3.其他` normalizes to `其他`, which is also a column label of table 三: not distinctive.
        assert!(!y21.contains("其他"));
        assert!(!y21.contains("总计") && !y19.contains("总计"));
        assert!(y19.is_disjoint(y21));
        assert_eq!(detect_layout(["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]), Some(Layout::Y2019));
        assert_eq!(detect_layout(["信息内容", "本年制发件数", "（七）总计"]), Some(Layout::Y2021));
        assert_eq!(
            detect_layout(["2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"]),
            Some(Layout::Y2021)
        );
        assert_eq!(detect_layout(["（七）总计", "自然人"]), None);
        assert_eq!(detect_layout([]), None);
    }

    #[test]
    fn corpus_labels_resolve() {
        // Every label cell of tables 三 and 四 in the corpus resolves against the right layout.
        // Read at test time (not include_str!) so that the crate builds without shared/.
        let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus/");
        let files = [
            ("seed/2023-panzhihua-zwfw.txt", Layout::Y2021),
            ("real/2024-jiangsu-huaian-city.txt", Layout::Y2021),
            ("real/2021-fujian-pingtan-zone.txt", Layout::Y2021),
            ("real/2020-fujian-pingtan-zone.txt", Layout::Y2019),
            ("real/2019-fujian-pingtan-tourism-culture-sports-bureau.txt", Layout::Y2019),
        ];
        let files: Vec<(String, Layout)> = files
            .iter()
            .filter_map(|(f, l)| std::fs::read_to_string(format!("{corpus}{f}")).ok().map(|t| (t, *l)))
            .collect();
        if files.is_empty() {
            eprintln!("corpus not found next to the workspace; skipping");
            return;
        }
        for (text, layout) in &files {
            let layout = *layout;
            let t3 = layout.requests();
            let mut in_t3 = false;
            let mut labels = Vec::new();
            for line in text.lines() {
                let first = line.split('\t').next().unwrap_or("");
                if line.contains("勾稽关系") {
                    in_t3 = true;
                    continue;
                }
                if first.contains("政府信息公开行政复议") {
                    in_t3 = false;
                }
                for cell in line.split('\t') {
                    labels.push(cell);
                }
                if !in_t3 || !line.contains('\t') {
                    continue;
                }
                for cell in line.split('\t') {
                    let cell = cell.trim();
                    if cell.is_empty() || crate::text::parse_count(cell).is_some() || cell == "申请人情况" {
                        continue;
                    }
                    let ok = t3.find_row(cell).is_some()
                        || t3.find_column(cell).is_some()
                        || t3.find_column_group(cell).is_some();
                    assert!(ok, "{layout:?}: unknown table 三 label {cell:?}");
                }
            }
            assert_eq!(detect_layout(labels.iter().copied()), Some(layout));
        }
    }
}
