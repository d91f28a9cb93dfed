/**
 * Result rows → an aligned text table for people: a header, a separator, one line per row, and a row count.
 * Column widths come from the rows given to tableLayout, so a caller can lay out the first page and then
 * stream the rest with formatTableRow. Long cells are cut at MAX_CELL characters with "…".
 */
import type { Cell } from '../engine-types.js';
import { isNumeric, type Column } from '../plan/types.js';
import { formatCell } from './format-cell.js';

export const MAX_CELL = 60;

export interface TableLayout {
  readonly columns: readonly Column[];
  readonly widths: readonly number[];
}

/** The whole table as text, ending with the row count line. */
export function formatTable(columns: readonly Column[], rows: readonly (readonly Cell[])[]): string {
  const layout = tableLayout(columns, rows);
  const lines = [...formatTableHeader(layout), ...rows.map((r) => formatTableRow(layout, r)), formatRowCount(rows.length)];
  return lines.join('\n') + '\n';
}

export function tableLayout(columns: readonly Column[], rows: readonly (readonly Cell[])[]): TableLayout {
  const widths = columns.map((c) => c.name.length);
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) widths[i] = Math.max(widths[i]!, cellText(row[i] ?? null, columns[i]!).length);
  }
  return { columns, widths };
}

/** The header line and the separator line. */
export function formatTableHeader(layout: TableLayout): [string, string] {
  const header = layout.columns.map((c, i) => align(c.name, c, layout.widths[i]!)).join('  ');
  const separator = layout.widths.map((w) => '-'.repeat(w)).join('  ');
  return [header.trimEnd(), separator];
}

export function formatTableRow(layout: TableLayout, row: readonly Cell[]): string {
  return layout.columns
    .map((c, i) => align(cellText(row[i] ?? null, c), c, layout.widths[i]!))
    .join('  ')
    .trimEnd();
}

export function formatRowCount(n: number): string {
  return n === 1 ? '(1 row)' : `(${n} rows)`;
}

// Numbers are right-aligned so their digits line up.
function align(text: string, column: Column, width: number): string {
  return isNumeric(column.type) ? text.padStart(width) : text.padEnd(width);
}

function cellText(cell: Cell, column: Column): string {
  // Line breaks and tabs would break the grid; long values are cut so one wide column cannot hide the others.
  const text = formatCell(cell, column.type).replace(/[\r\n\t]/g, ' ');
  return text.length > MAX_CELL ? text.slice(0, MAX_CELL - 1) + '…' : text;
}
