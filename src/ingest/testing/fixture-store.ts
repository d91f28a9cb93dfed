/** Shared by the ingest format tests: fixture paths, a fixed clock, a throwaway store and a row reader. */
import assert from 'node:assert/strict';
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
  const r = await store.connection.runAndReadAll(sql);
  const names = r.columnNames();
  const first = r.getRows()[0];
  assert.ok(first, `no row for ${sql}`);
  return Object.fromEntries(names.map((n, i) => [n, first[i] === null ? null : String(first[i])]));
}

/** A datetime column selected as ISO text with microseconds. */
export const iso = (col: string): string => `strftime("${col}", '%Y-%m-%dT%H:%M:%S.%fZ') AS "${col}"`;
