/**
 * One result cell (engine-types.ts's Cell convention) → its text, as Kusto shows it in CSV and in a grid:
 * datetime ISO 8601 with ticks and Z, timespan `[d.]hh:mm:ss[.fffffff]`, dynamic as compact JSON, real
 * NaN/Infinity spelled out, null as empty text (https://learn.microsoft.com/kusto/query/scalar-data-types/).
 */
import type { Cell } from '../engine-types.js';
import type { KustoType } from '../plan/types.js';
import { formatDatetime } from './format-datetime.js';
import { formatTimespan } from './format-timespan.js';

export function formatCell(cell: Cell, type: KustoType): string {
  if (cell === null) return '';
  switch (type) {
    case 'datetime':
      return formatDatetime(toBigInt(cell));
    case 'timespan':
      return formatTimespan(toBigInt(cell));
    case 'int':
    case 'real':
    case 'decimal':
      return typeof cell === 'number' ? formatReal(cell) : String(cell);
    default:
      return String(cell);
  }
}

/** JS number text, with Kusto's spellings of the non-finite values. */
export function formatReal(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return String(n);
}

/** The engine gives datetime and timespan cells as bigint; accept a number too rather than throw on output. */
export function toBigInt(cell: Cell): bigint {
  return typeof cell === 'bigint' ? cell : BigInt(Math.trunc(Number(cell)));
}
