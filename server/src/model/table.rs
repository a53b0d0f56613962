//! Tables: the rows of the syntax tree as typed cells, and their mapping onto the official
//! template of a layout — rows by their normalized labels, columns by the header where it states
//! them and by the format's order where it does not.

use std::ops::Range;

use crate::knowledge::{ColumnTemplate, Layout, RowTemplate, TableKind, TableTemplate};
use crate::syntax::{Node, RowKind, SourceFile};
use crate::text::{self, CellNumber};

/// What a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellValue {
    Number(CellNumber),
    /// Nothing at all.
    Blank,
    /// `—`, `/`, `-`, `无`: written where the format wants a number.
    NotApplicable,
    /// Words.
    Text,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The cell's text (trimmed); for a blank cell, the empty range where it stands.
    pub range: Range<usize>,
    pub value: CellValue,
    /// For a text cell, its label normalized once (`text::normalize_label`) for matching
    /// against the templates; empty otherwise.
    pub key: String,
}

impl Cell {
    /// The cell's text, from the report's text.
    pub fn text<'t>(&self, source: &'t str) -> &'t str {
        &source[self.range.clone()]
    }

    pub fn number(&self) -> Option<CellNumber> {
        match self.value {
            CellValue::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The value as a count for sums: `None` when unknown (blank, text, fractional).
    pub fn count(&self) -> Option<i64> {
        self.number().and_then(|n| if n.is_decimal() { None } else { n.as_integer() })
    }

    fn is_empty(&self) -> bool {
        self.value == CellValue::Blank
    }

    fn is_label(&self) -> bool {
        self.value == CellValue::Text
    }
}

/// One line of a table as written: all its cells, blank ones included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow {
    pub range: Range<usize>,
    pub cells: Vec<Cell>,
}

/// A row matched to a template row.
#[derive(Debug, Clone)]
pub struct MappedRow {
    pub template: &'static RowTemplate,
    /// Index into [`Table::grid`].
    pub grid_row: usize,
    /// The range of the label cell that identified the row.
    pub label_range: Range<usize>,
    /// The data cells, one per column of the row's template columns, in template order, as
    /// indices into the grid row's cells (read them with [`Table::cells_of`]); `None` where the
    /// row has fewer cells than columns. Indices, not copies: a copy of every cell was most of
    /// the memory the model wrote.
    pub cells: Vec<Option<u16>>,
    /// The columns of `cells`.
    pub columns: Vec<&'static ColumnTemplate>,
}

/// One of tables 二, 三, 四.
#[derive(Debug, Clone)]
pub struct Table {
    pub kind: TableKind,
    /// The layout the rows were mapped onto.
    pub layout: Layout,
    pub template: &'static TableTemplate,
    /// Every row of the section's tables, in order.
    pub grid: Vec<GridRow>,
    pub rows: Vec<MappedRow>,
    /// Grid rows that carry numbers but matched no template row.
    pub unmatched: Vec<usize>,
    /// The layout the labels point to, when they point to one.
    pub detected_layout: Option<Layout>,
    /// From the first to the last row.
    pub range: Range<usize>,
    /// Template row id → index into `rows` (the first row mapped to it): the table rules look
    /// cells up by id thousands of times per check.
    row_index: foldhash::HashMap<&'static str, usize>,
    /// By template position ([`TableTemplate::position`]): the index into `rows` and into its
    /// `cells` of the cell there, if the table has that row. The sums look cells up by position.
    positions: Vec<Option<(u16, u16)>>,
}

impl Table {
    pub fn row(&self, id: &str) -> Option<&MappedRow> {
        self.row_position(id).map(|i| &self.rows[i])
    }

    /// The index into `rows` of the (first) row mapped to template row `id`.
    pub fn row_position(&self, id: &str) -> Option<usize> {
        self.row_index.get(id).copied()
    }

    pub fn cell(&self, row_id: &str, column_id: &str) -> Option<&Cell> {
        let row = self.row(row_id)?;
        let i = row.columns.iter().position(|c| crate::knowledge::same_id(&c.id, column_id))?;
        self.cell_of(row, i)
    }

    /// The cells of a mapped row, one per column of [`MappedRow::columns`].
    pub fn cells_of<'t>(&'t self, row: &'t MappedRow) -> impl Iterator<Item = Option<&'t Cell>> + 't {
        let grid_row = &self.grid[row.grid_row];
        row.cells.iter().map(move |i| i.map(|i| &grid_row.cells[usize::from(i)]))
    }

    /// The cell of a mapped row in its `i`-th column.
    pub fn cell_of(&self, row: &MappedRow, i: usize) -> Option<&Cell> {
        let index = (*row.cells.get(i)?)?;
        self.grid[row.grid_row].cells.get(usize::from(index))
    }

    /// The cell at a template position ([`TableTemplate::position`]).
    pub fn cell_at(&self, position: usize) -> Option<&Cell> {
        let (row, cell) = self.positions.get(position).copied().flatten()?;
        self.cell_of(&self.rows[usize::from(row)], usize::from(cell))
    }
}

/// Reads the rows of table nodes (`table`, `pipe_table`) into grid rows.
pub fn read_grid(file: &SourceFile, tables: &[Node<'_>]) -> Vec<GridRow> {
    let mut grid = Vec::new();
    // The cells of the row being read, before they are typed: one buffer for every row.
    let mut ranges = Vec::new();
    for table in tables {
        for row in file.table_rows(*table) {
            if row.kind != RowKind::PipeRule {
                file.for_each_cell(&row, |range| ranges.push(range));
                let cells = ranges.drain(..).map(|range| read_cell(file.text(), range)).collect();
                grid.push(GridRow { range: row.range, cells });
            }
        }
    }
    grid
}


/// A cell of `range` (its trimmed content; empty for a blank cell).
fn read_cell(text: &str, range: Range<usize>) -> Cell {
    let trimmed = &text[range.clone()];
    let value = if trimmed.is_empty() {
        CellValue::Blank
    } else if let Some(n) = text::parse_cell_number(trimmed) {
        CellValue::Number(n)
    } else if text::is_placeholder_cell(trimmed) {
        CellValue::NotApplicable
    } else {
        CellValue::Text
    };
    let key = if value == CellValue::Text { text::normalize_label(trimmed) } else { String::new() };
    Cell { range, value, key }
}

/// The data cells of a grid row (`expected` of them when the row has that many), as indices
/// into its cells: those after its last label cell. Blank cells between the label and the
/// numbers are merged label cells; they count as data only when the row would otherwise be
/// short.
fn data_cells(row: &GridRow, expected: usize) -> Range<usize> {
    let after_label = row.cells.iter().rposition(|c| c.is_label()).map_or(0, |i| i + 1);
    let rest = &row.cells[after_label..];
    let first_value = rest.iter().position(|c| !c.is_empty()).unwrap_or(rest.len());
    let last_value = rest.iter().rposition(|c| !c.is_empty()).map_or(first_value, |i| i + 1);
    let mut start = first_value;
    let mut end = last_value.max(first_value);
    // Borrow blank cells (first the trailing ones, then the leading ones) while short.
    while end - start < expected && end < rest.len() {
        end += 1;
    }
    while end - start < expected && start > 0 {
        start -= 1;
    }
    after_label + start..after_label + end
}

/// Maps grid rows onto a template. Rows are matched by label, trying the most specific label
/// cell first (`三、本年度办理结果 | （一）予以公开` is the row （一）予以公开).
pub fn map_table(source: &str, kind: TableKind, layout: Layout, grid: Vec<GridRow>) -> Table {
    let template = layout.table(kind);
    let detected_layout = crate::knowledge::detect_layout_normalized(
        grid.iter().flat_map(|r| r.cells.iter()).filter(|c| c.is_label()).map(|c| c.key.as_str()),
    );
    let mut rows: Vec<MappedRow> = Vec::new();
    let mut unmatched = Vec::new();
    // Table 二 repeats its header per block; its columns follow the block caption.
    let mut block: Option<&'static str> = None;
    // The columns in the order the header states them, when a header row states them.
    let mut header: Option<Vec<&'static str>> = None;
    for (index, grid_row) in grid.iter().enumerate() {
        if kind == TableKind::Proactive
            && let Some(caption) = grid_row.cells.iter().find(|c| c.is_label())
            && let Some(b) = template.find_block(caption.text(source))
        {
            block = Some(b.id.as_str());
            header = None;
            continue;
        }
        // Header rows hold words only; a data row has at least one number (or placeholder).
        let has_values = grid_row.cells.iter().any(|c| matches!(c.value, CellValue::Number(_) | CellValue::NotApplicable));
        if !has_values {
            if let Some(order) = header_columns(template, kind, block, grid_row) {
                header = Some(order);
            }
            continue;
        }
        let matched = match kind {
            TableKind::Review => review_row(template, grid_row),
            _ => labelled_row(template, grid_row, block),
        };
        match matched {
            Some((row_template, label_range)) => {
                if rows.iter().any(|r| std::ptr::eq(r.template, row_template)) {
                    continue; // a repeated row: the first one counts
                }
                let columns: Vec<&'static ColumnTemplate> = template.row_columns(row_template).collect();
                let mut cells: Vec<Option<u16>> = vec![None; columns.len()];
                // u16: a row has a few dozen cells at most (a grid row is one line of a table).
                let cell_index = |i: usize| u16::try_from(i).ok();
                // Cells go to the columns the header names, in its order; without a usable header,
                // the format's order.
                match &header {
                    Some(h) if h.iter().all(|id| columns.iter().any(|c| crate::knowledge::same_id(&c.id, id))) => {
                        for (id, cell) in h.iter().zip(data_cells(grid_row, h.len())) {
                            if let Some(i) = columns.iter().position(|c| crate::knowledge::same_id(&c.id, id)) {
                                cells[i] = cell_index(cell);
                            }
                        }
                    }
                    _ => {
                        for (slot, cell) in cells.iter_mut().zip(data_cells(grid_row, columns.len())) {
                            *slot = cell_index(cell);
                        }
                    }
                }
                rows.push(MappedRow { template: row_template, grid_row: index, label_range, cells, columns });
            }
            None => {
                if grid_row.cells.iter().any(|c| matches!(c.value, CellValue::Number(_))) {
                    unmatched.push(index);
                }
            }
        }
    }
    let range = match (grid.first(), grid.last()) {
        (Some(first), Some(last)) => first.range.start..last.range.end,
        _ => 0..0,
    };
    let mut row_index = foldhash::HashMap::default();
    let mut positions = vec![None; template.positions()];
    for (i, row) in rows.iter().enumerate() {
        row_index.entry(row.template.id.as_str()).or_insert(i);
        for (j, column) in row.columns.iter().enumerate() {
            // u16: a table maps each template row once at most, and a row has a dozen cells.
            positions[template.position(row.template, column)] = Some((i as u16, j as u16));
        }
    }
    Table { kind, layout, template, grid, rows, unmatched, detected_layout, range, row_index, positions }
}

/// The data columns a header row names, in its order: table 二's `信息内容 | 本年制发件数 | …`
/// row, or a table 三 header that names (at least six of) the seven columns on one line. `None`
/// when the row is not such a header (table 三's header spread over three lines, table 四's
/// repeated labels): the format's order applies.
fn header_columns(template: &'static TableTemplate, kind: TableKind, block: Option<&str>, row: &GridRow) -> Option<Vec<&'static str>> {
    let labels: Vec<&Cell> = row.cells.iter().filter(|c| c.is_label()).collect();
    let candidates: Vec<&'static str> = match kind {
        TableKind::Proactive => {
            let first = labels.first()?;
            if first.key != "信息内容" {
                return None;
            }
            template.block(block?)?.columns.iter().map(String::as_str).collect()
        }
        TableKind::Requests => template.columns.iter().map(|c| c.id.as_str()).collect(),
        TableKind::Review => return None,
    };
    let mut order: Vec<&'static str> = Vec::new();
    for label in &labels {
        let Some((column, _)) = template.find_column_normalized(&label.key) else { continue };
        let id = column.id.as_str();
        if candidates.contains(&id) && !order.contains(&id) {
            order.push(id);
        }
    }
    let enough = match kind {
        TableKind::Proactive => !order.is_empty(),
        _ => order.len() + 1 >= candidates.len(),
    };
    enough.then_some(order)
}

fn labelled_row(
    template: &'static TableTemplate,
    row: &GridRow,
    block: Option<&str>,
) -> Option<(&'static RowTemplate, Range<usize>)> {
    let labels: Vec<&Cell> = row.cells.iter().filter(|c| c.is_label()).collect();
    for label in labels.iter().rev() {
        if let Some((found, _)) = template.find_row_normalized(&label.key) {
            if !found.data_row {
                continue; // a group label such as （三）不予公开; its sub-row label follows
            }
            if let (Some(b), Some(row_block)) = (block, found.block.as_deref())
                && b != row_block
            {
                // The same label in another block: look for it in this one.
                if let Some(in_block) = template
                    .rows
                    .iter()
                    .find(|r| r.block.as_deref() == Some(b) && r.match_normalized_label(&label.key).is_some())
                {
                    return Some((in_block, label.range.clone()));
                }
            }
            return Some((found, label.range.clone()));
        }
    }
    None
}

/// Table 四 has one data row of 15 numbers and header rows of words.
fn review_row(template: &'static TableTemplate, row: &GridRow) -> Option<(&'static RowTemplate, Range<usize>)> {
    let numbers = row.cells.iter().filter(|c| matches!(c.value, CellValue::Number(_) | CellValue::NotApplicable)).count();
    let labels = row.cells.iter().filter(|c| c.is_label()).count();
    if numbers < 5 || labels > 1 {
        return None;
    }
    let data = template.data_rows().next()?;
    let first = row.cells.iter().find(|c| !c.is_empty()).map_or(row.range.start..row.range.start, |c| c.range.clone());
    Some((data, first))
}

/// The template row ids of a table that the grid did not provide.
pub fn missing_rows(table: &Table) -> Vec<&'static RowTemplate> {
    table.template.data_rows().filter(|r| table.row(&r.id).is_none()).collect()
}
