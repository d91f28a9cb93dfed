/**
 * Rows that already carry Log Analytics column names: NDJSON table rows, Log Analytics query exports (portal CSV,
 * query API JSON, JSON arrays), workspace data export (`am-<Table>` JSON Lines) and Parquet. The table is the one
 * named with `--table`, else the row's own `Type` column (every Log Analytics row has it). Portal CSV headers
 * of datetime columns carry a ` [UTC]` suffix (`TimeGenerated [UTC]`, formats.md §3.2), which is dropped.
 * Exports may carry columns the schema lacks (hidden `_ResourceId`, `_ItemId`, later additions): with
 * `ignoreUnknown` they are left out; NDJSON table rows (`--table`) are strict and reject them.
 */
import type { Catalog } from '../kql/syntax/catalog.js';
import { isObject } from './map-properties.js';
import { reject, type Mapped } from './mapped.js';

export interface TableRowContext {
  readonly catalog: Catalog;
  readonly table?: string;
  readonly ignoreUnknown: boolean;
}

const UTC_SUFFIX = / \[UTC\]$/;

export function mapTableRow(rec: unknown, ctx: TableRowContext): Mapped {
  if (!isObject(rec)) return reject(`expected a JSON object with the table's columns, got ${preview(rec)}`);
  const tableName = ctx.table ?? (typeof rec.Type === 'string' && rec.Type !== '' ? rec.Type : undefined);
  if (!tableName) {
    return reject(`cannot tell which table the row belongs to: it has no 'Type' column; name the table with --table`);
  }
  const table = ctx.catalog.tables.get(tableName);
  if (!table) return reject(`unknown table '${tableName}' (see 'kqlwatch tables')`);
  let row = rec;
  if (ctx.ignoreUnknown) {
    row = {};
    const names = new Set(table.columns.map((c) => c.name));
    for (const key in rec) {
      const name = key.replace(UTC_SUFFIX, '');
      if (names.has(name)) row[name] = rec[key];
    }
  }
  return { rows: [{ table: tableName, row, policy: 'table' }] };
}

function preview(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 80 ? text.slice(0, 79) + '…' : text;
}
