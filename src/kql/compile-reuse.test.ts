/**
 * A rule's query is compiled once and run again and again: the compile holds now() and the window as parameters,
 * each run writes them into the SQL, and the compile is not reused once the columns its tables hold change.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDBInstance } from '@duckdb/node-api';
import { compileKql, executeCompiled } from './engine.js';
import { makeCatalog } from './syntax/catalog.js';

const catalog = makeCatalog([{ name: 'T', columns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'User', type: 'string' }, { name: 'Ip', type: 'string' }] }]);
const at = (iso: string) => new Date(iso);

test('a compile reused for another now() and window writes the new values into its SQL', () => {
  const text = 'T | where TimeGenerated > ago(1h) | summarize n = count() by User';
  const a = compileKql(text, { catalog, now: at('2026-01-01T12:00:00Z'), window: { start: at('2026-01-01T11:00:00Z'), end: at('2026-01-01T12:00:00Z') } });
  const b = compileKql(text, { catalog, now: at('2026-01-02T12:00:00Z'), window: { start: at('2026-01-02T11:00:00Z'), end: at('2026-01-02T12:00:00Z') } });
  const fresh = compileKql(text, { catalog, now: at('2026-01-02T12:00:00Z'), window: { start: at('2026-01-02T11:00:00Z'), end: at('2026-01-02T12:00:00Z') }, reuse: false });
  assert.ok(a.ok && b.ok && fresh.ok);
  assert.equal(b.query!.sql, fresh.query!.sql, 'reused or not, the same SQL');
  assert.match(a.query!.sql, /2026-01-01T11:00:00/);
  assert.doesNotMatch(b.query!.sql, /2026-01-01/);
  assert.equal(b.query!.sql, a.query!.sql.replace(/2026-01-01/g, '2026-01-02'));
  // NRT's window bounds the ingestion time instead: not the same compile.
  const nrt = compileKql(text, { catalog, now: at('2026-01-01T12:00:00Z'), window: { start: at('2026-01-01T11:00:00Z'), end: at('2026-01-01T12:00:00Z'), by: 'ingestion_time' } });
  assert.notEqual(nrt.query!.sql, a.query!.sql);
});

test('a compile is not reused once a table it reads holds other columns', () => {
  const text = 'T | project User, Ip';
  let stored = new Set(['TimeGenerated', 'User']);
  const options = { catalog, now: at('2026-01-01T12:00:00Z'), storedColumns: (t: string) => (t === 'T' ? stored : undefined) };
  const before = compileKql(text, options);
  stored = new Set(['TimeGenerated', 'User', 'Ip']);
  const after = compileKql(text, options);
  assert.ok(before.ok && after.ok);
  assert.match(before.query!.sql, /'' AS "Ip"/, 'Ip filled in while the table has no such column');
  assert.doesNotMatch(after.query!.sql, /'' AS "Ip"/);
});

test('runs of a reused compile each see their own now()', async () => {
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  await connection.run(`SET TimeZone='UTC'`);
  await connection.run(`CREATE TABLE "T" ("TimeGenerated" TIMESTAMP_NS, "User" VARCHAR, "Ip" VARCHAR)`);
  await connection.run(`INSERT INTO "T" VALUES ('2026-01-01 10:30:00', 'a', ''), ('2026-01-01 11:30:00', 'b', ''), ('2026-01-01 12:30:00', 'c', '')`);
  const text = 'T | where TimeGenerated between (ago(1h) .. now()) | project User';
  const run = async (now: string) => (await executeCompiled(connection, compileKql(text, { catalog, now: at(now) }).query!)).rows.map((r) => r[0]);
  assert.deepEqual(await run('2026-01-01T12:00:00Z'), ['b']);
  assert.deepEqual(await run('2026-01-01T13:00:00Z'), ['c']);
  assert.deepEqual(await run('2026-01-01T11:00:00Z'), ['a']);
});
