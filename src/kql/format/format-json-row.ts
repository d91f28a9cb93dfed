/**
 * One result row → one line of JSON (an object, keys in column order), in Kusto's JSON conventions: datetime
 * and timespan as their text, dynamic embedded as JSON, long as exact digits even beyond 2^53, non-finite
 * reals as the strings "NaN", "Infinity", "-Infinity" (https://learn.microsoft.com/kusto/api/rest/response).
 */
import type { Cell } from '../engine-types.js';
import type { Column, KustoType } from '../plan/types.js';
import { formatCell, formatReal, toBigInt } from './format-cell.js';
import { formatDatetime } from './format-datetime.js';
import { formatTimespan } from './format-timespan.js';

export function formatJsonRow(columns: readonly Column[], row: readonly Cell[]): string {
  let out = '{';
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i]!;
    if (i > 0) out += ',';
    out += JSON.stringify(c.name) + ':' + jsonValue(row[i] ?? null, c.type);
  }
  return out + '}';
}

export function jsonValue(cell: Cell, type: KustoType): string {
  if (cell === null) return 'null';
  switch (type) {
    case 'string':
    case 'guid':
      return JSON.stringify(String(cell));
    case 'bool':
      return cell ? 'true' : 'false';
    case 'long':
    case 'int':
    case 'real':
    case 'decimal':
      return typeof cell === 'bigint' ? cell.toString() : numberJson(Number(cell));
    case 'datetime':
      return '"' + formatDatetime(toBigInt(cell)) + '"';
    case 'timespan':
      return '"' + formatTimespan(toBigInt(cell)) + '"';
    case 'dynamic':
      // Embedded as is (not re-serialised) so big integers inside stay exact; a raw line break can only be
      // insignificant whitespace in valid JSON, and removing it keeps one row per line.
      return typeof cell === 'string' ? cell.replace(/[\r\n]+/g, '') : JSON.stringify(formatCell(cell, type));
  }
}

function numberJson(n: number): string {
  return Number.isFinite(n) ? String(n) : '"' + formatReal(n) + '"';
}
