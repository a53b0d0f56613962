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
    /// against the templates, as a range of [`Grid::labels`]; empty otherwise.
    key: Range<u32>,
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

/// The rows of a table section as written, every cell of every row in one store and the
/// normalized labels of the text cells in one buffer: a cell is a few words and no allocation of
/// its own (a `Vec` per row and a `String` per label cell were allocations by the hundred per
/// check).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grid {
    pub rows: Vec<GridRow>,
    cells: Vec<Cell>,
    labels: String,
}

/// One line of a table as written: all its cells, blank ones included ([`Grid::cells`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow {
    pub range: Range<usize>,
    cells: Range<u32>,
}

impl Grid {
    /// The cells of a row, in order.
    pub fn cells(&self, row: &GridRow) -> &[Cell] {
        &self.cells[row.cells.start as usize..row.cells.end as usize]
    }

    /// A text cell's normalized label (empty for other cells).
    pub fn label_key(&self, cell: &Cell) -> &str {
        &self.labels[cell.key.start as usize..cell.key.end as usize]
    }

    fn push_cell(&mut self, text: &str, range: Range<usize>) {
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
        let start = self.labels.len();
        if value == CellValue::Text {
            text::normalize_label_into(&mut self.labels, trimmed);
        }
        // u32: a grid is a table section of one report, and the text is at most 4 GiB.
        let key = start as u32..self.labels.len() as u32;
        self.cells.push(Cell { range, value, key });
    }
}

/// A row matched to a template row.
#[derive(Debug, Clone)]
pub struct MappedRow {
    pub template: &'static RowTemplate,
    /// Index into [`Grid::rows`].
    pub grid_row: usize,
    /// The range of the label cell that identified the row.
    pub label_range: Range<usize>,
    /// Its data cells, one per column of the row's template columns ([`Table::columns_of`]),
    /// as a range of [`Table::slots`] (read them with [`Table::cells_of`]).
    slots: Range<u32>,
}

/// One of tables 二, 三, 四.
#[derive(Debug, Clone)]
pub struct Table {
    pub kind: TableKind,
    /// The layout the rows were mapped onto.
    pub layout: Layout,
    pub template: &'static TableTemplate,
    /// Every row of the section's tables, in order.
    pub grid: Grid,
    pub rows: Vec<MappedRow>,
    /// Grid rows that carry numbers but matched no template row.
    pub unmatched: Vec<usize>,
    /// The layout the labels point to, when they point to one.
    pub detected_layout: Option<Layout>,
    /// From the first to the last row.
    pub range: Range<usize>,
    /// By template row ([`RowTemplate::index`]): the index into `rows` of the row mapped to it.
    row_index: Vec<Option<u16>>,
    /// The data cells of the mapped rows, in template order per row, as indices into the
    /// grid's cells; `None` where a row has fewer cells than columns.
    slots: Vec<Option<u32>>,
    /// By template position ([`TableTemplate::position`]): the index into the grid's cells of
    /// the cell there, if the table has it. The sums look cells up by position.
    positions: Vec<Option<u32>>,
}

impl Table {
    pub fn row(&self, id: &str) -> Option<&MappedRow> {
        self.row_position(id).map(|i| &self.rows[i])
    }

    /// The index into `rows` of the row mapped to template row `id` (a repeated row maps once).
    pub fn row_position(&self, id: &str) -> Option<usize> {
        self.row_position_of(self.template.row(id)?)
    }

    /// The index into `rows` of the row mapped to a row of this table's template.
    pub fn row_position_of(&self, row: &RowTemplate) -> Option<usize> {
        self.row_index.get(row.index).copied().flatten().map(usize::from)
    }

    pub fn cell(&self, row_id: &str, column_id: &str) -> Option<&Cell> {
        let row = self.row(row_id)?;
        let i = self.columns_of(row).position(|c| crate::knowledge::same_id(&c.id, column_id))?;
        self.cell_of(row, i)
    }

    /// The columns of a mapped row: its template row's data columns.
    pub fn columns_of(&self, row: &MappedRow) -> impl ExactSizeIterator<Item = &'static ColumnTemplate> + use<> {
        self.template.row_columns(row.template)
    }

    /// The cells of a mapped row, one per column of [`Self::columns_of`].
    pub fn cells_of<'t>(&'t self, row: &MappedRow) -> impl ExactSizeIterator<Item = Option<&'t Cell>> + 't {
        let slots = &self.slots[row.slots.start as usize..row.slots.end as usize];
        slots.iter().map(|i| i.map(|i| &self.grid.cells[i as usize]))
    }

    /// The cell of a mapped row in its `i`-th column.
    pub fn cell_of(&self, row: &MappedRow, i: usize) -> Option<&Cell> {
        let slot = row.slots.start as usize + i;
        if slot >= row.slots.end as usize {
            return None;
        }
        self.slots[slot].map(|c| &self.grid.cells[c as usize])
    }

    /// The cell at a template position ([`TableTemplate::position`]).
    pub fn cell_at(&self, position: usize) -> Option<&Cell> {
        let cell = self.positions.get(position).copied().flatten()?;
        Some(&self.grid.cells[cell as usize])
    }
}

/// Reads the rows of table nodes (`table`, `pipe_table`) into a grid.
pub fn read_grid(file: &SourceFile, tables: &[Node<'_>]) -> Grid {
    let text = file.text();
    // Room for what the tables can hold, the spare room given back at the end, costs less than
    // growing the stores by doubling: a cell takes a few bytes of text (a digit and a TAB at the
    // least), a label at most its text.
    let bytes: usize = tables.iter().map(|t| t.byte_range().len()).sum();
    let mut grid = Grid { rows: Vec::new(), cells: Vec::with_capacity(bytes / 4 + 1), labels: String::with_capacity(bytes) };
    for table in tables {
        for row in file.table_rows(*table) {
            if row.kind != RowKind::PipeRule {
                let start = grid.cells.len() as u32;
                file.for_each_cell(&row, |range| grid.push_cell(text, range));
                let cells = start..grid.cells.len() as u32;
                grid.rows.push(GridRow { range: row.range, cells });
            }
        }
    }
    grid.cells.shrink_to_fit();
    grid.labels.shrink_to_fit();
    grid
}

/// The data cells of a grid row (`expected` of them when the row has that many), as indices
/// into its cells: those after its last label cell. Blank cells between the label and the
/// numbers are merged label cells; they count as data only when the row would otherwise be
/// short.
fn data_cells(cells: &[Cell], expected: usize) -> Range<usize> {
    let after_label = cells.iter().rposition(|c| c.is_label()).map_or(0, |i| i + 1);
    let rest = &cells[after_label..];
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
pub fn map_table(source: &str, kind: TableKind, layout: Layout, grid: Grid) -> Table {
    let template = layout.table(kind);
    let detected_layout =
        crate::knowledge::detect_layout_normalized(grid.cells.iter().filter(|c| c.is_label()).map(|c| grid.label_key(c)));
    let mut rows: Vec<MappedRow> = Vec::new();
    let mut slots: Vec<Option<u32>> = Vec::new();
    // By template row: mapped already (a repeated row: the first one counts).
    let mut mapped = vec![false; template.rows.len()];
    let mut unmatched = Vec::new();
    // Table 二 repeats its header per block; its columns follow the block caption.
    let mut block: Option<&'static str> = None;
    // The columns in the order the header states them, when a header row states them.
    let mut header: Option<Vec<&'static str>> = None;
    for (index, grid_row) in grid.rows.iter().enumerate() {
        let cells = grid.cells(grid_row);
        if kind == TableKind::Proactive
            && let Some(caption) = cells.iter().find(|c| c.is_label())
            && let Some(b) = template.find_block(caption.text(source))
        {
            block = Some(b.id.as_str());
            header = None;
            continue;
        }
        // Header rows hold words only; a data row has at least one number (or placeholder).
        let has_values = cells.iter().any(|c| matches!(c.value, CellValue::Number(_) | CellValue::NotApplicable));
        if !has_values {
            if let Some(order) = header_columns(template, kind, block, &grid, cells) {
                header = Some(order);
            }
            continue;
        }
        let matched = match kind {
            TableKind::Review => review_row(template, grid_row, cells),
            _ => labelled_row(template, &grid, cells, block),
        };
        let Some((row_template, label_range)) = matched else {
            if cells.iter().any(|c| matches!(c.value, CellValue::Number(_))) {
                unmatched.push(index);
            }
            continue;
        };
        if std::mem::replace(&mut mapped[row_template.index], true) {
            continue; // a repeated row: the first one counts
        }
        let columns = || template.row_columns(row_template);
        let first = slots.len();
        slots.resize(first + columns().len(), None);
        let row_slots = &mut slots[first..];
        // u32: an index into the cells of one table section.
        let cell_index = |i: usize| Some((grid_row.cells.start as usize + i) as u32);
        // Cells go to the columns the header names, in its order; without a usable header, the
        // format's order.
        match &header {
            Some(h) if h.iter().all(|id| columns().any(|c| crate::knowledge::same_id(&c.id, id))) => {
                for (id, cell) in h.iter().zip(data_cells(cells, h.len())) {
                    if let Some(i) = columns().position(|c| crate::knowledge::same_id(&c.id, id)) {
                        row_slots[i] = cell_index(cell);
                    }
                }
            }
            _ => {
                for (slot, cell) in row_slots.iter_mut().zip(data_cells(cells, columns().len())) {
                    *slot = cell_index(cell);
                }
            }
        }
        let slots = first as u32..slots.len() as u32;
        rows.push(MappedRow { template: row_template, grid_row: index, label_range, slots });
    }
    let range = match (grid.rows.first(), grid.rows.last()) {
        (Some(first), Some(last)) => first.range.start..last.range.end,
        _ => 0..0,
    };
    let mut row_index = vec![None; template.rows.len()];
    let mut positions = vec![None; template.positions()];
    for (i, row) in rows.iter().enumerate() {
        // u16: a table maps each template row once at most, and a template has a few dozen.
        row_index[row.template.index] = Some(i as u16);
        for (column, slot) in template.row_columns(row.template).zip(&slots[row.slots.start as usize..row.slots.end as usize]) {
            positions[template.position(row.template, column)] = *slot;
        }
    }
    Table { kind, layout, template, grid, rows, unmatched, detected_layout, range, row_index, slots, positions }
}

/// The data columns a header row names, in its order: table 二's `信息内容 | 本年制发件数 | …`
/// row, or a table 三 header that names (at least six of) the seven columns on one line. `None`
/// when the row is not such a header (table 三's header spread over three lines, table 四's
/// repeated labels): the format's order applies.
fn header_columns(template: &'static TableTemplate, kind: TableKind, block: Option<&str>, grid: &Grid, cells: &[Cell]) -> Option<Vec<&'static str>> {
    let mut labels = cells.iter().filter(|c| c.is_label()).map(|c| grid.label_key(c));
    let candidates: Vec<&'static str> = match kind {
        TableKind::Proactive => {
            if labels.clone().next()? != "信息内容" {
                return None;
            }
            template.block(block?)?.columns.iter().map(String::as_str).collect()
        }
        TableKind::Requests => template.columns.iter().map(|c| c.id.as_str()).collect(),
        TableKind::Review => return None,
    };
    let mut order: Vec<&'static str> = Vec::new();
    for label in &mut labels {
        let Some((column, _)) = template.find_column_normalized(label) else { continue };
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

fn labelled_row(template: &'static TableTemplate, grid: &Grid, cells: &[Cell], block: Option<&str>) -> Option<(&'static RowTemplate, Range<usize>)> {
    for label in cells.iter().rev().filter(|c| c.is_label()) {
        let key = grid.label_key(label);
        if let Some((found, _)) = template.find_row_normalized(key) {
            if !found.data_row {
                continue; // a group label such as （三）不予公开; its sub-row label follows
            }
            if let (Some(b), Some(row_block)) = (block, found.block.as_deref())
                && b != row_block
            {
                // The same label in another block: look for it in this one.
                if let Some(in_block) = template.rows.iter().find(|r| r.block.as_deref() == Some(b) && r.match_normalized_label(key).is_some()) {
                    return Some((in_block, label.range.clone()));
                }
            }
            return Some((found, label.range.clone()));
        }
    }
    None
}

/// Table 四 has one data row of 15 numbers and header rows of words.
fn review_row(template: &'static TableTemplate, row: &GridRow, cells: &[Cell]) -> Option<(&'static RowTemplate, Range<usize>)> {
    let numbers = cells.iter().filter(|c| matches!(c.value, CellValue::Number(_) | CellValue::NotApplicable)).count();
    let labels = cells.iter().filter(|c| c.is_label()).count();
    if numbers < 5 || labels > 1 {
        return None;
    }
    let data = template.data_rows().next()?;
    let first = cells.iter().find(|c| !c.is_empty()).map_or(row.range.start..row.range.start, |c| c.range.clone());
    Some((data, first))
}

/// The template row ids of a table that the grid did not provide.
pub fn missing_rows(table: &Table) -> Vec<&'static RowTemplate> {
    table.template.data_rows().filter(|r| table.row_position_of(r).is_none()).collect()
}
