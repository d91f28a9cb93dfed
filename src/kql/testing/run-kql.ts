/**
 * Test support: run KQL on a throw-away in-memory DuckDB and get rows back as plain values
 * (datetime → ISO text with Z, timespan → Kusto text, long → number when safe, dynamic → parsed JSON).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { runKql } from '../engine.js';
import type { Cell } from '../engine-types.js';
import { makeCatalog, type Catalog } from '../syntax/catalog.js';
import { formatDatetimeNs, formatTimespanTicks } from '../plan/time.js';

let shared: DuckDBConnection | undefined;

async function connection(): Promise<DuckDBConnection> {
  if (!shared) shared = await (await DuckDBInstance.create(':memory:')).connect();
  return shared;
}

export type PlainValue = string | number | boolean | null | unknown[] | Record<string, unknown>;

function plain(c: Cell, type: string): PlainValue {
  if (c === null) return null;
  if (type === 'datetime') return formatDatetimeNs(c as bigint);
  if (type === 'timespan') return formatTimespanTicks(c as bigint);
  if (type === 'dynamic') return JSON.parse(c as string) as PlainValue;
  if (typeof c === 'bigint') return Number.isSafeInteger(Number(c)) ? Number(c) : c.toString();
  return c;
}

export interface KqlRows {
  readonly columns: string[];
  readonly types: string[];
  readonly rows: PlainValue[][];
}

/** Runs KQL; throws with the diagnostics' text if it does not compile or run. */
export async function kql(text: string, options: { now?: string; catalog?: Catalog } = {}): Promise<KqlRows> {
  const r = await runKql(text, {
    catalog: options.catalog ?? makeCatalog([]),
    now: new Date(options.now ?? '2026-01-15T12:00:00Z'),
    connection: await connection(),
  });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`).join('\n'));
  return {
    columns: r.result.columns.map((c) => c.name),
    types: r.result.columns.map((c) => c.type),
    rows: r.result.rows.map((row) => row.map((c, i) => plain(c, r.result.columns[i]!.type))),
  };
}

/** The single value of a one-row, one-column result (for `print x = f(...)` examples). */
export async function kqlValue(text: string, options: { now?: string } = {}): Promise<PlainValue> {
  const r = await kql(text, options);
  return r.rows[0]?.[0] ?? null;
}
