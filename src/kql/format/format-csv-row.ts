/**
 * Result rows → CSV lines with RFC 4180 quoting (https://www.rfc-editor.org/rfc/rfc4180): a field holding a
 * comma, a quote or a line break is quoted, quotes doubled. Values are formatCell's text (Kusto's CSV export).
 */
import type { Cell } from '../engine-types.js';
import type { Column } from '../plan/types.js';
import { formatCell } from './format-cell.js';

export function formatCsvRow(columns: readonly Column[], row: readonly Cell[]): string {
  return columns.map((c, i) => csvField(formatCell(row[i] ?? null, c.type))).join(',');
}

export function formatCsvHeader(columns: readonly Column[]): string {
  return columns.map((c) => csvField(c.name)).join(',');
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}
