import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kqlValue, kql } from '../testing/run-kql.js';

// Documented examples: datatypes-string-operators.md, null-values.md, numerical-operators.md.
test('has matches whole terms, case-insensitively', async () => {
  assert.equal(await kqlValue('print "North America" has "america"'), true);
  assert.equal(await kqlValue('print "North America" has "amer"'), false);
  assert.equal(await kqlValue(`print "[ipv4-addr:value = '1.2.3.4']" has "ipv4-addr:value"`), true);
  assert.equal(await kqlValue('print "KustoExplorerQueryRun" has "Explorer"'), false);
});

test('string == is case-sensitive, =~ is not', async () => {
  assert.equal(await kqlValue('print "abc" == "ABC"'), false);
  assert.equal(await kqlValue('print "abc" =~ "ABC"'), true);
});

test('!= keeps null rows (null-values.md)', async () => {
  const r = await kql('datatable(ival:int, sval:string)[5,"a",int(null),"b"] | where ival != 5');
  assert.deepEqual(r.rows, [[null, 'b']]);
});

test('string column compared with a number compares the text', async () => {
  const r = await kql('datatable(ResultType:string)["0","50126",""] | where ResultType == 0');
  assert.deepEqual(r.rows, [['0']]);
});

test('% is never negative and long / long truncates', async () => {
  assert.equal(await kqlValue('print -14 % 12'), 10);
  assert.equal(await kqlValue('print 7 / 2'), 3);
});

test('in with an empty dynamic array (and comments inside) matches nothing', async () => {
  const r = await kql('let L = dynamic([ // "1.2.3.4"\n ]);\ndatatable(ip:string)["1.2.3.4"] | where not(ip in (L))');
  assert.deepEqual(r.rows, [['1.2.3.4']]);
});

test('between on datetimes with a timespan upper bound', async () => {
  assert.equal(await kqlValue('print datetime(2007-07-30) between (datetime(2007-07-27) .. 3d)'), true);
  assert.equal(await kqlValue('print (datetime(2020-01-01 01:00) - datetime(2020-01-01)) between (1m .. 2h)'), true);
});

test('a rule window bounds every table the query reads', async () => {
  const { makeCatalog } = await import('../syntax/catalog.js');
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const { runKql } = await import('../engine.js');
  const catalog = makeCatalog([{ name: 'T', columns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'x', type: 'long' }] }]);
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  await connection.run(`CREATE TABLE "T" ("TimeGenerated" TIMESTAMP_NS, "x" BIGINT)`);
  await connection.run(`INSERT INTO "T" VALUES ('2026-01-01 10:00:00', 1), ('2026-01-01 11:30:00', 2), ('2026-01-01 12:00:00', 3)`);
  const now = new Date('2026-01-01T12:00:00Z');
  const window = { start: new Date('2026-01-01T11:00:00Z'), end: now };
  // The query asks for a day, but the window (queryPeriod 1h) limits what it can see: (11:00, 12:00].
  const r = await runKql('T | where TimeGenerated > ago(1d) | project x', { catalog, now, window, connection });
  assert.ok(r.ok);
  assert.deepEqual(r.result.rows.map((row) => row[0]), [2n, 3n]);
});

test('an NRT window bounds the ingestion time, not TimeGenerated', async () => {
  const { makeCatalog } = await import('../syntax/catalog.js');
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const { runKql } = await import('../engine.js');
  const catalog = makeCatalog([{ name: 'T', columns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'x', type: 'long' }] }]);
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  await connection.run(`CREATE TABLE "T" ("TimeGenerated" TIMESTAMP_NS, "x" BIGINT, "_kqw_IngestionTime" TIMESTAMP_NS)`);
  // Row 1 happened an hour ago but arrived late, inside the minute; row 2 happened in the minute but arrived earlier.
  await connection.run(`INSERT INTO "T" VALUES ('2026-01-01 11:00:00', 1, '2026-01-01 11:57:30'), ('2026-01-01 11:57:30', 2, '2026-01-01 11:50:00')`);
  const window = { start: new Date('2026-01-01T11:57:00Z'), end: new Date('2026-01-01T11:58:00Z'), by: 'ingestion_time' as const };
  const r = await runKql('T | project x', { catalog, now: window.end, window, connection });
  assert.ok(r.ok);
  assert.deepEqual(r.result.rows.map((row) => row[0]), [1n]);
});

test('runtime macros do not capture user columns named like their lambda parameters', async () => {
  const r = await kql("datatable(p:string, x:string, sp:string)['1.2.3.4','5.6.7.8','9.9.9.9'] | project a=parse_ipv4(p), b=parse_ipv4(x), c=parse_ipv4(sp)");
  assert.deepEqual(r.rows, [[16909060, 84281096, 151587081]]);
});

test('in (T) whose column holds arrays (summarize make_list) tests their elements (in-operator.md: arrays are flattened)', async () => {
  // The Sentinel TI rules write `let IPs = Logs | summarize make_list(IPAddress); … | where ip in (IPs)`.
  const list = "let L = datatable(x:string)['a', 'b'] | summarize make_list(x);";
  const rows = async (q: string) => (await kql(q)).rows.map((r) => r[0]);
  assert.deepEqual(await rows(`${list} datatable(y:string)['a', 'c', 'B'] | where y in (L)`), ['a']);
  assert.deepEqual(await rows(`${list} datatable(y:string)['a', 'c', 'B'] | where y !in (L)`), ['c', 'B']);
  assert.deepEqual(await rows(`${list} datatable(y:string)['a', 'c', 'B'] | where y in~ (L)`), ['a', 'B']);
  // A scalar in the column counts as itself; numbers compare as numbers.
  assert.deepEqual(await rows('let N = datatable(d:dynamic)[dynamic(5), dynamic([6, 7])]; datatable(n:long)[5, 6, 8] | where n in (N)'), [5, 6]);
});

test('bool == and != with nulls (logical-operators.md, "null values" table and the operators\' definitions)', async () => {
  const r = await kql(`print a = bool(null) == bool(null), b = bool(null) != bool(null), c = bool(null) and true, d = bool(null) or true,
    e = bool(null) == false, f = bool(null) != false, g = true == true, h = true != false`);
  // ==: true only when both are non-null and equal; !=: true when they differ or exactly one is null.
  assert.deepEqual(r.rows, [[false, false, false, true, false, true, true, true]]);
  const kept = await kql('datatable(b:bool)[true, false, bool(null)] | where b != true');
  assert.deepEqual(kept.rows, [[false], [null]]);
});

test('around(value, center, delta) includes both ends (around-function.md)', async () => {
  const r = await kql(`range dt from datetime(2021-01-01 01:00) to datetime(2021-01-01 02:00) step 1min
    | where around(dt, datetime(2021-01-01 01:30), 1min)`);
  assert.deepEqual(r.rows, [['2021-01-01T01:29:00.0000000Z'], ['2021-01-01T01:30:00.0000000Z'], ['2021-01-01T01:31:00.0000000Z']]);
  assert.deepEqual((await kql('print around(10, 8, 2), around(10.5, 8, 2)')).rows, [[true, false]]);
});
