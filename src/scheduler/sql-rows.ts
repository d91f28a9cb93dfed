/**
 * Row writing for the scheduler, alert and incident tables: values typed by Kusto column type and turned into
 * DuckDB literals only through kql/sql/sql-text.ts (no user text is concatenated into SQL anywhere else).
 * datetime values are bigint nanoseconds since the epoch, dynamic values JSON text.
 */
import { INGESTION_TIME_COLUMN, type Store } from '../store/store.js';
import { duckdbType, type Column } from '../kql/plan/types.js';
import { ident, json, long, real, str, timestampNs } from '../kql/sql/sql-text.js';

export type RowValue = string | number | bigint | boolean | null;
export type Row = Readonly<Record<string, RowValue>>;

/** Statements stay small enough for DuckDB's parser however many rows a run writes. */
const ROWS_PER_INSERT = 256;

export function sqlLiteral(v: RowValue | undefined, column: Column): string {
  if (v === null || v === undefined) return column.type === 'string' ? `''` : 'NULL';
  switch (column.type) {
    case 'datetime':
      return timestampNs(typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v))));
    case 'timespan':
    case 'long':
      return long(typeof v === 'bigint' ? v : Math.trunc(Number(v)));
    case 'int':
      return `CAST(${Math.trunc(Number(v))} AS INTEGER)`;
    case 'real':
    case 'decimal':
      return real(Number(v));
    case 'bool':
      return v ? 'TRUE' : 'FALSE';
    case 'dynamic':
      return json(String(v));
    default:
      return str(String(v));
  }
}

/** Inserts rows; columns a row leaves out take the table's default. */
export async function insertRows(store: Store, table: string, columns: readonly Column[], rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const used = columns.filter((c) => rows.some((r) => r[c.name] !== undefined));
  // Log tables hold only the columns ever written and have no default ingestion time (ADR 0011, store.ts);
  // kqlwatch's own tables are made whole.
  const log = store.catalog.tables.has(table);
  if (log) await store.ensureColumns(table, used.map((c) => c.name));
  const stamp = log && !used.some((c) => c.name === INGESTION_TIME_COLUMN);
  const names = [...used.map((c) => ident(c.name)), ...(stamp ? [ident(INGESTION_TIME_COLUMN)] : [])];
  const head = `INSERT INTO ${ident(table)} (${names.join(', ')}) VALUES `;
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const values = rows
      .slice(i, i + ROWS_PER_INSERT)
      .map((r) => '(' + [...used.map((c) => sqlLiteral(r[c.name], c)), ...(stamp ? ['CAST(current_timestamp AS TIMESTAMP_NS)'] : [])].join(', ') + ')');
    await store.connection.run(head + values.join(', '));
  }
}

/** Creates one of kqlwatch's own tables unless the store already did. */
export async function ensureOwnTable(store: Store, table: string, columns: readonly Column[], primaryKey: readonly string[] = []): Promise<void> {
  await store.ensureOwnTable(table, createTableSql(table, columns, primaryKey));
}

export function createTableSql(table: string, columns: readonly Column[], primaryKey: readonly string[] = []): string {
  const cols = columns.map((c) => `${ident(c.name)} ${duckdbType(c.type)}`);
  if (primaryKey.length > 0) cols.push(`PRIMARY KEY (${primaryKey.map(ident).join(', ')})`);
  return `CREATE TABLE IF NOT EXISTS ${ident(table)} (${cols.join(', ')})`;
}

/** Runs a SELECT and returns its rows as objects keyed by column name (DuckDB's JS values). */
export async function selectRows(store: Store, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await store.connection.runAndReadAll(sql);
  const names = reader.columnNames();
  return reader.getRowsJS().map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]])));
}

/** A column value read back with `epoch_ns(col)`: bigint nanoseconds. */
export function nsValue(v: unknown): bigint | undefined {
  if (v === null || v === undefined) return undefined;
  return typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v)));
}

export { ident, str, timestampNs };
