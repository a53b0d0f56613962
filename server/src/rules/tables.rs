//! Tables 二, 三 and 四: presence, layout, cell values and the arithmetic of the format (the
//! 勾稽关系 of table 三, the totals of table 四). The sums come from the templates in
//! `knowledge`, so both layouts are checked by the same code.

use std::ops::Range;
use std::sync::Arc;

use super::{edit, Ctx, DiagnosticExt, Sink};
use crate::analysis::{Addends, Computation, Computed};
use crate::knowledge::{Equation, EquationKind, Layout, TableKind, ValueKind};
use crate::model::{Cell, CellValue, Table};

pub fn check(ctx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for kind in TableKind::ALL {
        let Some(section) = ctx.report.section(kind.section_number()) else { continue };
        let Some(table) = ctx.report.table(kind) else {
            sink.report(
                "missing-table",
                section.heading_range.clone(),
                msg!(ctx,
                    format!("“{}”部分缺少{}。", section.template.heading, kind.name_zh()),
                    format!("Section “{}” has no table ({}).", section.template.heading, kind.name_zh()),
                ),
            );
            continue;
        };
        stale_format(ctx, sink, table);
        missing_rows(ctx, sink, table);
        missing_columns(ctx, sink, table);
        invalid_numbers(ctx, sink, table);
        sums(ctx, sink, table);
    }
}

fn first_line(ctx: &Ctx<'_>, table: &Table) -> Range<usize> {
    let start = table.range.start;
    let line = ctx.text()[start..].split('\n').next().unwrap_or("");
    // Without the CR of a CRLF: a range never ends between CR and LF.
    start..start + line.strip_suffix('\r').unwrap_or(line).len()
}

fn stale_format(ctx: &Ctx<'_>, sink: &mut Sink<'_>, table: &Table) {
    let Some(year) = ctx.report.year.as_ref().map(|y| y.value) else { return };
    if year < 2021 || table.layout != Layout::Y2019 {
        return;
    }
    sink.report(
        "stale-format",
        first_line(ctx, table),
        msg!(ctx,
            format!("{year}年度报告的{}仍按已废止的国办公开办函〔2019〕60号格式填写，应采用国办公开办函〔2021〕30号的格式。", table.kind.name_zh()),
            format!("This {year} report's {} follows the superseded format of 国办公开办函〔2019〕60号; reports on 2021 and later use 国办公开办函〔2021〕30号.", table.kind.name_zh()),
        ),
    );
}

fn missing_rows(ctx: &Ctx<'_>, sink: &mut Sink<'_>, table: &Table) {
    for row in crate::model::table::missing_rows(table) {
        sink.report(
            "missing-row",
            first_line(ctx, table),
            msg!(ctx,
                format!("{}缺少“{}”行。", table.kind.name_zh(), row.label),
                format!("{} has no row “{}”.", table.kind.name_zh(), row.label),
            ),
        );
    }
}

fn missing_columns(ctx: &Ctx<'_>, sink: &mut Sink<'_>, table: &Table) {
    // Reported once per table: the rows that stop short, as related locations.
    let short: Vec<_> = table.rows.iter().filter(|r| table.cells_of(r).any(|c| c.is_none())).collect();
    let Some(first) = short.first() else { return };
    let found = table.cells_of(first).filter(Option::is_some).count();
    let expected = table.columns_of(first).len();
    let missing: Vec<&str> = table
        .columns_of(first)
        .zip(table.cells_of(first))
        .filter(|(_, c)| c.is_none())
        .map(|(column, _)| column.label.as_str())
        .collect();
    let grid_range = table.grid.rows[first.grid_row].range.clone();
    if let Some(d) = sink.report(
        "missing-column",
        grid_range,
        msg!(ctx,
            format!("“{}”行只有{found}个数据单元格，应有{expected}个（缺少：{}）。", first.template.label, missing.join("、")),
            format!("Row “{}” has {found} data cells where {expected} are expected (missing: {}).", first.template.label, missing.join(", ")),
        ),
    ) {
        for row in short.iter().skip(1) {
            d.related(table.grid.rows[row.grid_row].range.clone(), row.template.label.clone());
        }
    }
}

fn invalid_numbers(ctx: &Ctx<'_>, sink: &mut Sink<'_>, table: &Table) {
    let mut blanks: Vec<(&Cell, String)> = Vec::new();
    for row in &table.rows {
        for (column, cell) in table.columns_of(row).zip(table.cells_of(row)) {
            let Some(cell) = cell else { continue };
            let fine = match (cell.value, column.value) {
                (CellValue::Number(n), ValueKind::Count) => n.is_count(),
                (CellValue::Number(n), ValueKind::SignedCount) => !n.is_decimal(),
                (CellValue::Number(n), ValueKind::Amount { .. }) => !n.is_negative(),
                _ => false,
            };
            if fine {
                continue;
            }
            let place = format!("{}/{}", row.template.label, column.label);
            let problem = match cell.value {
                CellValue::Blank => {
                    blanks.push((cell, place));
                    continue;
                }
                CellValue::Number(n) if n.is_negative() => {
                    msg!(ctx, format!("“{place}”为负数（{n}），应为非负整数。"), format!("“{place}” is negative ({n}); it must be a non-negative whole number."))
                }
                CellValue::Number(n) => {
                    msg!(ctx, format!("“{place}”为小数（{n}），件数应为整数。"), format!("“{place}” is fractional ({n}); a count must be a whole number."))
                }
                CellValue::NotApplicable => msg!(ctx,
                    format!("“{place}”填写了“{}”，应填数字（没有则填0）。", cell.text(ctx.text())),
                    format!("“{place}” holds “{}”; the format wants a number (0 when there is none).", cell.text(ctx.text())),
                ),
                CellValue::Text => msg!(ctx,
                    format!("“{place}”不是数字：“{}”。", cell.text(ctx.text())),
                    format!("“{place}” is not a number: “{}”.", cell.text(ctx.text())),
                ),
            };
            sink.report("invalid-number", cell.range.clone(), problem);
        }
    }
    // Blank cells: once per table, the others as related locations.
    if let Some((first, place)) = blanks.first()
        && let Some(d) = sink.report(
            "invalid-number",
            first.range.clone(),
            msg!(ctx,
                format!("{}有{}个单元格为空（第一个：“{place}”），应填数字（没有则填0）；空白在合计中按未知处理。", table.kind.name_zh(), blanks.len()),
                format!("{} has {} blank cell(s) (first: “{place}”); the format wants numbers (0 when there is none). Sums treat blanks as unknown.", table.kind.name_zh(), blanks.len()),
            ),
        )
    {
        for (cell, place) in blanks.iter().skip(1) {
            d.related(cell.range.clone(), place.clone());
        }
    }
}

/// The known counts of a table, to find the one cell whose change satisfies every sum: when a
/// single cell explains all failing sums, the fix is determinate and goes to that cell. The
/// sums are the template's [`crate::knowledge::Equation`]s, compiled once per template.
struct Solver<'t> {
    table: &'t Table,
    /// By template position.
    values: &'t [Option<i64>],
    /// Whether each equation holds as the table is written (`None`: a cell is unknown), and
    /// how many do not: a candidate change must fix all of those.
    holds: Vec<Option<bool>>,
    failing: usize,
}

impl<'t> Solver<'t> {
    fn new(table: &'t Table, values: &'t [Option<i64>]) -> Solver<'t> {
        let mut solver = Solver { table, values, holds: Vec::new(), failing: 0 };
        solver.holds = table.template.equations().iter().map(|e| solver.holds_with(e, None)).collect();
        solver.failing = solver.holds.iter().filter(|h| **h == Some(false)).count();
        solver
    }

    /// Whether Σ lhs = Σ rhs, with the cell at `changed.0` set to `changed.1` if given (`None`:
    /// a cell is unknown).
    fn holds_with(&self, equation: &Equation, changed: Option<(usize, i64)>) -> Option<bool> {
        let value = |p: usize| match changed {
            Some((c, v)) if c == p => Some(v),
            _ => self.values[p],
        };
        let sum = |cells: &[usize]| cells.iter().map(|&p| value(p)).sum::<Option<i64>>();
        Some(sum(&equation.lhs)? == sum(&equation.rhs)?)
    }

    /// Every sum whose cells are all known holds, with `changed` = (position, value): the sums
    /// without the cell held already, and those with it hold with the new value.
    fn all_hold(&self, changed: (usize, i64)) -> bool {
        let equations = self.table.template.equations();
        let touching = self.table.template.equations_with(changed.0);
        let failing_with_it = touching.iter().filter(|&&k| self.holds[k] == Some(false)).count();
        self.failing == failing_with_it && touching.iter().all(|&k| self.holds_with(&equations[k], Some(changed)) != Some(false))
    }

    /// Among `candidates` — (position, value that would satisfy the failing sum) — the only one
    /// after which every sum holds, if exactly one does.
    fn locate(&self, candidates: &[(usize, i64)]) -> Option<(&'t Cell, i64)> {
        let mut found = None;
        for &(position, value) in candidates {
            if value < 0 {
                continue;
            }
            if self.all_hold((position, value)) {
                if found.is_some() {
                    return None; // two cells could be wrong: not determinate
                }
                found = self.table.cell_at(position).map(|c| (c, value));
            }
        }
        found
    }
}

/// The solver, built only when a sum fails.
struct LazySolver<'t> {
    table: &'t Table,
    values: &'t [Option<i64>],
    solver: std::cell::OnceCell<Solver<'t>>,
}

impl<'t> LazySolver<'t> {
    fn get(&self) -> &Solver<'t> {
        self.solver.get_or_init(|| Solver::new(self.table, self.values))
    }
}

/// A cell of a failing sum, for its message, related locations and fix.
struct Term<'a> {
    table: &'a Table,
    cell: Option<&'a Cell>,
    position: usize,
}

impl Term<'_> {
    /// `row label/column label`, for messages.
    fn label(&self) -> String {
        let (row, column) = self.table.template.at(self.position);
        format!("{}/{}", row.label, column.label)
    }

    /// `row label/column label = written`, for related locations: a failing sum of table 三
    /// lists a dozen, so they are concatenated rather than formatted.
    fn with_value(&self, written: &str) -> String {
        let (row, column) = self.table.template.at(self.position);
        [row.label.as_str(), "/", column.label.as_str(), " = ", written].concat()
    }

    fn value(&self) -> Option<i64> {
        self.cell.and_then(Cell::count)
    }
}

/// The sums of a table. Most hold: each is checked over the table's counts by position, and
/// its cells are gathered only when it fails.
fn sums(ctx: &Ctx<'_>, sink: &mut Sink<'_>, table: &Table) {
    let template = table.template;
    // Every sum reads these, the solver too, and the editor's computations share them.
    let values: Arc<[Option<i64>]> = (0..template.positions()).map(|p| table.cell_at(p).and_then(Cell::count)).collect();
    let solver = LazySolver { table, values: &values, solver: std::cell::OnceCell::new() };
    let known = |positions: &[usize]| positions.iter().map(|&p| values[p]).sum::<Option<i64>>();
    let terms = |positions: &[usize]| -> Vec<Term<'_>> {
        positions.iter().map(|&position| Term { table, cell: table.cell_at(position), position }).collect()
    };
    for equation in template.equations() {
        match equation.kind {
            // A total row (in every column, total = Σ addend rows) or a total column (in every
            // data row, total = Σ addend columns).
            EquationKind::RowSum | EquationKind::ColumnSum => {
                let position = equation.lhs[0];
                let (Some(total), Some(sum), Some(written)) = (table.cell_at(position), known(&equation.rhs), values[position]) else { continue };
                let differs = sum != written;
                sink.compute(|| {
                    let (row, column) = template.at(position);
                    Computation {
                        range: total.range.clone(),
                        differs,
                        what: Computed::Sum { label: (&row.label, &column.label), addends: Addends::new(&equation.rhs, values.clone()), sum, written },
                        locale: ctx.locale(),
                    }
                });
                if !differs {
                    continue;
                }
                let (row, column) = template.at(position);
                let place = match equation.kind {
                    EquationKind::ColumnSum if table.kind == TableKind::Review => {
                        column.group.as_deref().and_then(|g| template.column_group(g)).map_or("", |g| g.label.as_str())
                    }
                    EquationKind::ColumnSum => row.label.as_str(),
                    _ => column.label.as_str(),
                };
                let total = Term { table, cell: Some(total), position };
                report_sum(ctx, sink, &solver, equation.rule, place, total, terms(&equation.rhs), sum);
            }
            // The balance of table 三: Σ lhs = Σ rhs in every column.
            EquationKind::Balance => {
                let (Some(left), Some(right)) = (known(&equation.lhs), known(&equation.rhs)) else { continue };
                if left == right {
                    continue;
                }
                let (_, column) = template.at(equation.lhs[0]);
                report_balance(ctx, sink, &solver, equation.rule, &column.label, terms(&equation.lhs), terms(&equation.rhs), (left, right));
            }
        }
    }
}

#[allow(clippy::too_many_arguments)] // the parts of one failing sum
fn report_sum(ctx: &Ctx<'_>, sink: &mut Sink<'_>, solver: &LazySolver<'_>, rule: &'static str, place: &str, total: Term<'_>, addends: Vec<Term<'_>>, sum: i64) {
    let (Some(total_cell), Some(written)) = (total.cell, total.value()) else { return };
    let message = match rule {
        "table3-results-total" => msg!(ctx,
            format!("“{place}”列：（七）总计（{written}）不等于各办理结果之和（{sum}）；若总计无误，则是某一办理结果有误。"),
            format!("Column “{place}”: （七）总计 ({written}) is not the sum of the results ({sum}); if the total is right, one of the results is wrong."),
        ),
        "table3-row-total" => msg!(ctx,
            format!("“{place}”行：总计（{written}）不等于各类申请人之和（{sum}）；若总计无误，则是某一申请人列有误。"),
            format!("Row “{place}”: 总计 ({written}) is not the sum of the applicant columns ({sum}); if the total is right, one of the columns is wrong."),
        ),
        _ => msg!(ctx,
            format!("“{place}”：总计（{written}）不等于结果维持、结果纠正、其他结果、尚未审结之和（{sum}）；若总计无误，则是某一结果有误。"),
            format!("“{place}”: 总计 ({written}) is not the sum of 结果维持, 结果纠正, 其他结果 and 尚未审结 ({sum}); if the total is right, one of them is wrong."),
        ),
    };
    if let Some(d) = sink.report(rule, total_cell.range.clone(), message) {
        for addend in &addends {
            if let Some(cell) = addend.cell {
                d.related(cell.range.clone(), addend.with_value(cell.text(ctx.text())));
            }
        }
        let mut candidates = vec![(total.position, sum)];
        for a in &addends {
            if let Some(v) = a.value() {
                candidates.push((a.position, written - (sum - v)));
            }
        }
        match solver.get().locate(&candidates) {
            Some((cell, value)) if cell.range != total_cell.range => {
                d.fix(msg!(ctx, format!("将“{}”改为 {value}（唯一能使各项合计都成立的更正）", cell.text(ctx.text())), format!("Set “{}” to {value} (the only correction that makes every sum hold)", cell.text(ctx.text()))), vec![edit(cell.range.clone(), value.to_string())]);
            }
            _ => {
                d.fix(msg!(ctx, format!("将总计改为 {sum}"), format!("Set the total to {sum}")), vec![edit(total_cell.range.clone(), sum.to_string())]);
            }
        }
    }
}

#[allow(clippy::too_many_arguments)] // the parts of one failing balance
fn report_balance(ctx: &Ctx<'_>, sink: &mut Sink<'_>, solver: &LazySolver<'_>, rule: &'static str, column: &str, lhs: Vec<Term<'_>>, rhs: Vec<Term<'_>>, (left, right): (i64, i64)) {
    // The carried-forward row (the last of the right side) is the derived quantity: offer its fix.
    let Some(carried) = rhs.last().and_then(|t| t.cell) else { return };
    let Some(results) = rhs.first().and_then(|t| t.cell) else { return };
    let expected_carried = left - (right - rhs.last().and_then(Term::value).unwrap_or(0));
    let mut candidates = Vec::new();
    for t in &lhs {
        if let Some(v) = t.value() {
            candidates.push((t.position, right - (left - v)));
        }
    }
    for t in &rhs {
        if let Some(v) = t.value() {
            candidates.push((t.position, left - (right - v)));
        }
    }
    // The one cell whose correction makes every sum hold, if there is exactly one.
    let located = solver.get().locate(&candidates);
    let cause = match located {
        Some((cell, value)) => {
            let label = lhs.iter().chain(&rhs).find(|t| t.cell.is_some_and(|c| c.range == cell.range)).map_or(String::new(), |t| t.label());
            msg!(ctx,
                format!("各项合计唯一的解释是“{label}”应为 {value}（表中为 {}）。", cell.text(ctx.text())),
                format!("the only explanation that satisfies every sum is that “{label}” should be {value} (the table says {}).", cell.text(ctx.text())),
            )
        }
        None => msg!(ctx,
            format!("可能是“结转下年度继续办理”应为 {expected_carried}，也可能是本年新收、上年结转或（七）总计有误。"),
            format!("either 结转下年度继续办理 should be {expected_carried}, or 本年新收, 上年结转 or （七）总计 is wrong."),
        ),
    };
    let message = msg!(ctx,
        format!("“{column}”列：第一项加第二项之和（{left}）不等于第三项加第四项之和（{right}）；{cause}"),
        format!("Column “{column}”: items one and two add up to {left}, items three and four to {right}; {cause}"),
    );
    if let Some(d) = sink.report(rule, results.range.clone(), message) {
        for t in lhs.iter().chain(&rhs) {
            if let Some(cell) = t.cell
                && cell.range != results.range
            {
                d.related(cell.range.clone(), t.with_value(cell.text(ctx.text())));
            }
        }
        if let Some((cell, value)) = located {
            d.fix(
                msg!(ctx, format!("将“{}”改为 {value}（唯一能使各项合计都成立的更正）", cell.text(ctx.text())), format!("Set “{}” to {value} (the only correction that makes every sum hold)", cell.text(ctx.text()))),
                vec![edit(cell.range.clone(), value.to_string())],
            );
        } else if expected_carried >= 0 {
            d.fix(
                msg!(ctx, format!("将“结转下年度继续办理”改为 {expected_carried}"), format!("Set 结转下年度继续办理 to {expected_carried}")),
                vec![edit(carried.range.clone(), expected_carried.to_string())],
            );
        }
    }
}
