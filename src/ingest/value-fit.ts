/**
 * How a value reaches its column. Two policies, one per kind of input:
 * - `tableValue`: rows that already carry Log Analytics column names (NDJSON, CSV and JSON exports, Parquet).
 *   Kusto's types are checked as column-value.ts does; datetimes also accept the export forms of
 *   source-datetime.ts (portal CSV, risk-event envelopes).
 * - `sourceValue`: values mapped from a source record (diagnostic settings, Graph, STIX). The mapping follows the
 *   column types of Log Analytics, which store some objects and numbers as text: an object or array bound for a
 *   `string` column is kept as its JSON text (AADNonInteractiveUserSignInLogs.DeviceDetail), a number as its
 *   decimal text (AutonomousSystemNumber, ResultType).
 * See ../../../shared/schemas/formats.md §1.4 "Serialisation rules".
 */
import { DuckDBTimestampNanosecondsValue } from '@duckdb/node-api';
import type { KustoType } from '../kql/plan/types.js';
import { columnValue, Rejected, type ColumnValue } from './column-value.js';
import { parseSourceDatetime } from './source-datetime.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const datetimeValue: ColumnValue = (v) => {
  if (v === null || v === undefined || v === '') return null;
  const ns = typeof v === 'string' ? parseSourceDatetime(v) : undefined;
  if (ns === undefined) return new Rejected();
  if (ns < INT64_MIN || ns > INT64_MAX) return new Rejected(' (the store holds datetimes from 1677-09-22 to 2262-04-11)');
  return new DuckDBTimestampNanosecondsValue(ns);
};

export const tableValue: Record<KustoType, ColumnValue> = { ...columnValue, datetime: datetimeValue };

export const sourceValue: Record<KustoType, ColumnValue> = {
  ...tableValue,
  string: (v) => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
    return JSON.stringify(v);
  },
  long: (v) => (typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : columnValue.long(v)),
  dynamic: (v) => (v === undefined ? null : columnValue.dynamic(v)),
};
