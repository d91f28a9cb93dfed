/**
 * How `where` is written for DuckDB: consecutive filters in one WHERE, a rule's time window as comparisons the
 * scan can use to skip row groups, and Kusto's null rules kept all the same.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDBInstance } from '@duckdb/node-api';
import { compileKql, runKql } from '../engine.js';
import { prepareConnection } from '../runtime/macros.js';
import { makeCatalog } from '../syntax/catalog.js';

const catalog = makeCatalog([{
  name: 'T',
  columns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'x', type: 'long' }, { name: 'y', type: 'long' }, { name: 's', type: 'string' }],
}]);
const now = new Date('2026-01-01T12:00:00Z');
const window = { start: new Date('2026-01-01T11:00:00Z'), end: now };

test("a rule's time window reaches the table scan as a filter DuckDB can push down", async () => {
  const q = compileKql('T | where x > 1 and s == "a" | where y != 3', { catalog, now, window });
  assert.ok(q.ok);
  const sql = q.query!.sql;
  // One WHERE straight on the table: no nested SELECT per `where`.
  assert.equal(sql.match(/WHERE/g)?.length, 1);
  assert.doesNotMatch(sql, /coalesce\(\("TimeGenerated"/);
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  await prepareConnection(connection);
  await connection.run(`CREATE TABLE "T" ("TimeGenerated" TIMESTAMP_NS, "x" BIGINT, "y" BIGINT, "s" VARCHAR)`);
  // Rows on both sides of the window, or DuckDB's statistics would prove the bounds true and drop them.
  await connection.run(`INSERT INTO "T" VALUES ('2026-01-01 09:00:00', 0, 1, 'a'), ('2026-01-01 13:00:00', 5, 3, 'b')`);
  const plan = (await connection.runAndReadAll(`EXPLAIN ${sql}`)).getRowsJS().map((r) => String(r[1])).join('\n');
  // The scan itself carries the window's bounds as plain comparisons, the kind its zone maps can use (the plan is
  // drawn in boxes that wrap long lines: compare without the drawing).
  const scan = plan.slice(plan.indexOf('SEQ_SCAN')).replace(/[│\s]/g, '');
  assert.ok(scan.includes("Filters:TimeGenerated>'2026-01-0111:00:00'::TIMESTAMP_NSANDTimeGenerated<='2026-01-0112:00:00'"), scan);
});

test("a query's own ago() joins the window's bounds in the scan's filters", async () => {
  const q = compileKql('T | where TimeGenerated > ago(30m) | where x > 1', { catalog, now, window });
  assert.ok(q.ok);
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  await prepareConnection(connection);
  await connection.run(`CREATE TABLE "T" ("TimeGenerated" TIMESTAMP_NS, "x" BIGINT, "y" BIGINT, "s" VARCHAR)`);
  await connection.run(`INSERT INTO "T" VALUES ('2026-01-01 09:00:00', 0, 1, 'a'), ('2026-01-01 13:00:00', 5, 3, 'b')`);
  const plan = (await connection.runAndReadAll(`EXPLAIN ${q.query!.sql}`)).getRowsJS().map((r) => String(r[1])).join('\n');
  const scan = plan.slice(plan.indexOf('SEQ_SCAN')).replace(/[│\s]/g, '');
  // now() - 30m is later than the window's start: one bound, folded from now() (a parameter of the plan) by DuckDB.
  assert.ok(scan.includes("TimeGenerated>'2026-01-0111:30:00'::TIMESTAMP_NS"), scan);
  assert.ok(scan.includes("TimeGenerated<='2026-01-0112:00:00'::TIMESTAMP_NS"), scan);
});

test('where with and/or/not over nulls keeps only rows whose predicate is true (logical-operators.md)', async () => {
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  await connection.run(`CREATE TABLE "T" ("TimeGenerated" TIMESTAMP_NS, "x" BIGINT, "y" BIGINT, "s" VARCHAR)`);
  await connection.run(`INSERT INTO "T" VALUES ('2026-01-01 11:30:00', 1, NULL, 'a'), ('2026-01-01 11:40:00', NULL, 2, 'b'),
    ('2026-01-01 11:50:00', 5, 5, 'c'), ('2026-01-01 10:00:00', 5, 5, 'old')`);
  const run = async (text: string): Promise<string[]> => {
    const r = await runKql(text, { catalog, now, window, connection });
    assert.ok(r.ok, text);
    return r.result.rows.map((row) => String(row[0])).sort();
  };
  assert.deepEqual(await run('T | where x > 0 and y > 0 | project s'), ['c']);
  assert.deepEqual(await run('T | where x > 0 or y > 0 | project s'), ['a', 'b', 'c']);
  // null > 0 is null and not(null) is null: the row goes (null-values.md).
  assert.deepEqual(await run('T | where not(y > 0) and s != "z" | project s'), []);
  // but null != 2 is true.
  assert.deepEqual(await run('T | where y != 2 and x > 0 | project s'), ['a', 'c']);
  assert.deepEqual(await run('T | where x > 0 | where not(x > 3 and y > 3) | project s'), ['a']);
  assert.deepEqual(await run('T | where x == y and x > 0 | project s'), ['c']);
});
