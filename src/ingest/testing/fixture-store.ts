/** Shared by the ingest format tests: fixture paths, a fixed clock, a throwaway store and a row reader. */
import assert from 'node:assert/strict';
import type { DuckDBResultReader } from '@duckdb/node-api';
import { absentValue } from '../../kql/sql/emit-basic.js';
import { fileURLToPath } from 'node:url';
import { openStore, type Store } from '../../store/store.js';

export const fixture = (name: string): string => fileURLToPath(new URL(`../../../test/ingest/fixtures/${name}`, import.meta.url));

export const NOW = (): Date => new Date('2026-05-01T12:00:00Z');

export async function withStore(fn: (store: Store) => Promise<void>): Promise<void> {
  const store = await openStore(':memory:');
  try {
    await fn(store);
  } finally {
    store.close();
  }
}

/** One row of a query as an object of text values (datetimes as ISO, JSON as text). */
export async function row(store: Store, sql: string): Promise<Record<string, string | null>> {
  const r = await readLogical(store, sql);
  const names = r.columnNames();
  const first = r.getRows()[0];
  assert.ok(first, `no row for ${sql}`);
  return Object.fromEntries(names.map((n, i) => [n, first[i] === null ? null : String(first[i])]));
}

/** A datetime column selected as ISO text with microseconds. */
export const iso = (col: string): string => `strftime("${col}", '%Y-%m-%dT%H:%M:%S.%fZ') AS "${col}"`;

/**
 * Lets a test read store tables with its own SQL as they look in KQL: a store's table holds only the columns
 * ever written (ADR 0011), so each gets a temporary view of the same name, with every column of its schema
 * (the absent ones as the empty values KQL reads) and the hidden ingestion time. Temporary objects come first in
 * DuckDB's search path, so `FROM "SigninLogs"` reads the view. The views are dropped again after the query, so
 * that writes reach the tables.
 */
export async function readLogical(store: Store, sql: string): Promise<DuckDBResultReader> {
  const views: string[] = [];
  const db = String((await store.connection.runAndReadAll('SELECT current_database()')).getRows()[0]![0]);
  for (const [name, table] of store.catalog.tables) {
    const stored = store.catalog.storedColumns?.(name);
    if (!stored) continue;
    const cols = table.columns.map((c) => (stored.has(c.name) ? `"${c.name}"` : `${absentValue(name, c)} AS "${c.name}"`));
    await store.connection.run(`CREATE OR REPLACE TEMP VIEW "${name}" AS SELECT ${cols.join(', ')}, "_kqw_IngestionTime" FROM "${db}".main."${name}"`);
    views.push(name);
  }
  try {
    return await store.connection.runAndReadAll(sql);
  } finally {
    for (const v of views) await store.connection.run(`DROP VIEW temp.main."${v}"`);
  }
}
