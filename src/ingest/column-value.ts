/**
 * A JSON value → the value stored in a column of a given Kusto type, or a Rejected saying it does not fit.
 * Following Kusto (https://learn.microsoft.com/kusto/query/scalar-data-types/null-values): a missing, null or
 * empty value of a non-string type is null and a string is never null (""). Numbers and bools may come as
 * text; datetimes are ISO 8601 converted to UTC with 100 ns precision; guids are stored lower-case.
 */
import { DuckDBTimestampNanosecondsValue, type DuckDBValue } from '@duckdb/node-api';
import type { KustoType } from '../kql/plan/types.js';
import { parseDatetime } from '../kql/format/parse-datetime.js';
import { parseTimespan } from '../kql/format/parse-timespan.js';

export class Rejected {
  constructor(readonly hint = '') {}
}

const REJECTED = new Rejected();
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INTEGER = /^[+-]?\d+$/;
const REAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export type ColumnValue = (v: unknown) => DuckDBValue | Rejected;

export const columnValue: Record<KustoType, ColumnValue> = {
  string: (v) => (typeof v === 'string' ? v : v === null ? '' : REJECTED),
  guid: (v) => (isNull(v) ? null : typeof v === 'string' && GUID.test(v) ? v.toLowerCase() : REJECTED),
  int: (v) => {
    if (isNull(v)) return null;
    const n = typeof v === 'number' ? v : typeof v === 'string' && INTEGER.test(v) ? Number(v) : NaN;
    return Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 ? n : REJECTED;
  },
  long: (v) => {
    if (isNull(v)) return null;
    if (typeof v === 'number') {
      if (Number.isSafeInteger(v)) return BigInt(v);
      // JSON.parse has already rounded such a number; only its text form can carry all the digits.
      return Number.isInteger(v) ? new Rejected(' (an integer beyond 2^53 must be written as a string to stay exact)') : REJECTED;
    }
    if (typeof v !== 'string' || !INTEGER.test(v)) return REJECTED;
    const n = BigInt(v);
    return n >= INT64_MIN && n <= INT64_MAX ? n : REJECTED;
  },
  real: realValue,
  decimal: realValue,
  bool: (v) => {
    if (isNull(v)) return null;
    if (typeof v === 'boolean') return v;
    const s = typeof v === 'string' ? v.toLowerCase() : '';
    return s === 'true' ? true : s === 'false' ? false : REJECTED;
  },
  datetime: (v) => {
    if (isNull(v)) return null;
    const ns = typeof v === 'string' ? parseDatetime(v) : undefined;
    if (ns === undefined) return REJECTED;
    // TIMESTAMP_NS is a 64-bit count of nanoseconds: Kusto's years 1–9999 do not all fit.
    if (ns < INT64_MIN || ns > INT64_MAX) return new Rejected(' (the store holds datetimes from 1677-09-22 to 2262-04-11)');
    return new DuckDBTimestampNanosecondsValue(ns);
  },
  timespan: (v) => {
    if (isNull(v)) return null;
    const ticks = typeof v === 'string' ? parseTimespan(v) : undefined;
    return ticks !== undefined && ticks >= INT64_MIN && ticks <= INT64_MAX ? ticks : REJECTED;
  },
  dynamic: (v) => {
    if (v === null) return null;
    // Log Analytics exports (and its query API) write dynamic columns as JSON text inside a string; such a
    // string is stored as the JSON it holds, its text kept as is so big integers stay exact.
    if (typeof v === 'string') {
      const t = v.trim();
      if ((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']'))) {
        try {
          JSON.parse(t);
          return t;
        } catch {
          // Not JSON after all: kept as the string it is.
        }
      }
    }
    return JSON.stringify(v);
  },
};

function realValue(v: unknown): DuckDBValue | Rejected {
  if (isNull(v)) return null;
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return REJECTED;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity' || v === '+Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return REAL.test(v) ? Number(v) : REJECTED;
}

/** Kusto: an empty value of a non-string column is null. */
function isNull(v: unknown): boolean {
  return v === null || v === '';
}
