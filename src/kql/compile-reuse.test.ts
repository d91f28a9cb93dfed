/**
 * A rule's query is compiled once and run again and again: now() and the window are the SQL's parameters, the
 * compile is reused while the columns its tables hold stay the same, and DuckDB's prepared statement is reused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDBInstance } from '@duckdb/node-api';
import { compileKql, executeCompiled } from './engine.js';
import { makeCatalog } from './syntax/catalog.js';

const catalog = makeCatalog([{ name: 'T', columns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'User', type: 'string' }, { name: 'Ip', type: 'string' }] }]);
const at = (iso: string) => new Date(iso);

test('the same text compiles to the same SQL for every now() and window; the values come with it', () => {
  const text = 'T | where TimeGenerated > ago(1h) | summarize n = count() by User';
  const a = compileKql(text, { catalog, now: at('2026-01-01T12:00:00Z'), window: { start: at('2026-01-01T11:00:00Z'), end: at('2026-01-01T12:00:00Z') } });
  const b = compileKql(text, { catalog, now: at('2026-01-02T12:00:00Z'), window: { start: at('2026-01-02T11:00:00Z'), end: at('2026-01-02T12:00:00Z') } });
  assert.ok(a.ok && b.ok);
  assert.equal(a.query!.statement.sql, b.query!.statement.sql);
  assert.match(a.query!.statement.sql, /\$now/);
  assert.equal(b.query!.statement.params.windowStart! - a.query!.statement.params.windowStart!, 86_400_000_000_000n);
  // The SQL to read has the values written in, and no parameter.
  assert.doesNotMatch(a.query!.sql, /\$/);
  assert.match(a.query!.sql, /2026-01-01T11:00:00/);
  // Without a window the window is no parameter; NRT's window bounds the ingestion time instead: another compile.
  const none = compileKql(text, { catalog, now: at('2026-01-01T12:00:00Z') });
  assert.deepEqual(Object.keys(none.query!.statement.params), ['now']);
  const nrt = compileKql(text, { catalog, now: at('2026-01-01T12:00:00Z'), window: { start: at('2026-01-01T11:59:00Z'), end: at('2026-01-01T12:00:00Z'), by: 'ingestion_time' } });
  assert.notEqual(nrt.query!.statement.sql, a.query!.statement.sql);
});

test('a compile is not reused once a table it reads holds other columns', () => {
  const text = 'T | project User, Ip';
  let stored = new Set(['TimeGenerated', 'User']);
  const options = { catalog, now: at('2026-01-01T12:00:00Z'), storedColumns: (t: string) => (t === 'T' ? stored : undefined) };
  const before = compileKql(text, options);
  stored = new Set(['TimeGenerated', 'User', 'Ip']);
  const after = compileKql(text, options);
  assert.ok(before.ok && after.ok);
  assert.notEqual(before.query!.statement.sql, after.query!.statement.sql, 'Ip was filled in, now it is read');
  assert.match(before.query!.statement.sql, /'' AS "Ip"/);
});

test('a statement prepared for one run serves the next with new values, and fresh prepares anew', async () => {
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  await connection.run(`SET TimeZone='UTC'`);
  await connection.run(`CREATE TABLE "T" ("TimeGenerated" TIMESTAMP_NS, "User" VARCHAR, "Ip" VARCHAR)`);
  await connection.run(`INSERT INTO "T" VALUES ('2026-01-01 10:30:00', 'a', ''), ('2026-01-01 11:30:00', 'b', ''), ('2026-01-01 12:30:00', 'c', '')`);
  const text = 'T | where TimeGenerated between (ago(1h) .. now()) | project User';
  const run = async (now: string, fresh = false) =>
    (await executeCompiled(connection, compileKql(text, { catalog, now: at(now) }).query!, { fresh })).rows.map((r) => r[0]);
  assert.deepEqual(await run('2026-01-01T12:00:00Z'), ['b']);
  assert.deepEqual(await run('2026-01-01T13:00:00Z'), ['c']);
  assert.deepEqual(await run('2026-01-01T11:00:00Z', true), ['a']);
  assert.deepEqual(await run('2026-01-01T11:00:00Z'), ['a']);
});
