/**
 * Column pruning must never change an answer: every query below runs twice on the same tables, with and without
 * pruning, and the rows must be equal. Other tests check that the table leaves then read only what is used.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { bindQuery } from '../binder/bind-query.js';
import { prepareConnection } from '../runtime/macros.js';
import { compileSql } from '../sql/compile-sql.js';
import { makeCatalog } from '../syntax/catalog.js';
import { parseKql } from '../syntax/parse.js';
import { INGESTION_TIME } from './types.js';

const catalog = makeCatalog([
  {
    name: 'S',
    columns: [
      { name: 'TimeGenerated', type: 'datetime' }, { name: 'User', type: 'string' }, { name: 'IP', type: 'string' },
      { name: 'App', type: 'string' }, { name: 'Result', type: 'long' }, { name: 'Props', type: 'dynamic' },
      { name: 'Country', type: 'string' }, { name: 'Unused1', type: 'string' }, { name: 'Unused2', type: 'real' },
    ],
  },
  { name: 'N', columns: [{ name: 'network', type: 'string' }, { name: 'label', type: 'string' }, { name: 'User', type: 'string' }] },
]);

const NOW = new Date('2026-01-02T00:00:00Z');

let conn: DuckDBConnection | undefined;
async function connection(): Promise<DuckDBConnection> {
  if (conn) return conn;
  conn = await (await DuckDBInstance.create(':memory:')).connect();
  await prepareConnection(conn);
  await conn.run(`CREATE TABLE "S" ("TimeGenerated" TIMESTAMP_NS, "User" VARCHAR, "IP" VARCHAR, "App" VARCHAR, "Result" BIGINT,
    "Props" JSON, "Country" VARCHAR, "Unused1" VARCHAR, "Unused2" DOUBLE, "${INGESTION_TIME.name}" TIMESTAMP_NS)`);
  await conn.run(`INSERT INTO "S" VALUES
    ('2026-01-01 10:00:00', 'ann', '10.0.0.5', 'Teams', 0, '{"a":[1,2],"b":"x"}', 'US', 'u', 1.5, '2026-01-01 10:05:00'),
    ('2026-01-01 10:30:00', 'ann', '192.168.1.9', 'Outlook', 50126, '{"a":[3]}', 'DE', 'u', 2.5, '2026-01-01 10:31:00'),
    ('2026-01-01 11:00:00', 'bob', '10.0.0.7', 'Teams', 0, '{"a":[],"b":"y"}', 'US', 'u', 3.5, '2026-01-01 11:40:00'),
    ('2026-01-01 12:00:00', 'bob', '8.8.8.8', 'Azure', 0, '[1,2,3]', 'FR', 'u', 4.5, '2026-01-01 12:01:00'),
    ('2026-01-01 13:00:00', 'cy', '172.16.3.3', 'Teams', 53003, NULL, 'US', 'u', 5.5, '2026-01-01 13:02:00')`);
  await conn.run(`CREATE TABLE "N" ("network" VARCHAR, "label" VARCHAR, "User" VARCHAR)`);
  await conn.run(`INSERT INTO "N" VALUES ('10.0.0.0/8', 'corp', 'ann'), ('192.168.0.0/16', 'home', 'bob'), ('8.8.8.0/24', 'dns', 'cy')`);
  return conn;
}

function sqlOf(text: string, prune: boolean): string {
  const parsed = parseKql(text, catalog);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  assert.equal(errors.length, 0, `${text}: ${errors.map((e) => e.message).join('; ')}`);
  const nowNs = BigInt(NOW.getTime()) * 1000000n;
  return compileSql(bindQuery(text, parsed.root, catalog, nowNs).plan, { prune }).sql;
}

async function rows(sql: string): Promise<string[]> {
  const c = await connection();
  const r = (await c.runAndReadAll(sql)).getRowsJS();
  return r.map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
}

const QUERIES: readonly string[] = [
  'S | where Result == 0 | project User, App',
  'S | where Result == 0 | count',
  'S | summarize count()',
  'S | summarize n = count(), apps = make_set(App), latest = max(TimeGenerated) by User | project User, n',
  'S | summarize arg_max(TimeGenerated, IP, App) by User | project User, IP',
  'S | summarize arg_max(TimeGenerated, *) by User | project User, Country',
  'S | extend x = strlen(App), y = Result + 1 | project-away Unused1 | where x > 4 | project User, y',
  'S | project-rename Who = User | project Who, IP',
  'S | distinct User, App | count',
  'S | top 2 by TimeGenerated desc | project User',
  'S | sort by TimeGenerated asc | extend rn = row_number() | project User, rn',
  'S | serialize | extend p = prev(App) | project User, p',
  'S | take 3 | project IP',
  'S | mv-expand a = Props.a | project User, a',
  'S | mv-expand with_itemindex = i Props | project User, i',
  'S | extend all = pack_all() | project all',
  'S | where User in ((S | where Result != 0 | project User)) | project User, App',
  'S | where TimeGenerated > toscalar(S | summarize min(TimeGenerated)) | project App',
  'let t = S | where Result == 0; t | join kind=inner (t | project User, IP2 = IP) on User | project User, IP, IP2',
  'let t = S | where Result == 0; t | join kind=leftanti (S | where Result != 0) on User | project App',
  'S | join kind=leftouter (N) on User | project User, label',
  'S | join kind=rightsemi (N) on User | project label',
  'S | join kind=innerunique (N | project User, label) on User | project App, label',
  'S | evaluate ipv4_lookup(N, IP, network, return_unmatched = true) | project User, label',
  'S | evaluate ipv4_lookup(N, IP, network) | project IP, network',
  'union S, (N | project User, Country = label) | project User, Country',
  'union withsource = Src S, N | summarize count() by Src',
  'union S, N | count',
  'S | make-series n = count() default = 0 on TimeGenerated from datetime(2026-01-01) to datetime(2026-01-02) step 6h by User',
  'S | extend t = ingestion_time() | project User, t',
  'S | mv-apply a = Props.a on (top 1 by tolong(a) desc) | project User, a',
];

for (const q of QUERIES) {
  test(`pruning keeps the answer: ${q}`, async () => {
    const pruned = sqlOf(q, true);
    const full = sqlOf(q, false);
    const a = await rows(pruned);
    const b = await rows(full);
    // Sorted unless the query orders its rows: the plain SELECT of an unordered result may come back in any order.
    const ordered = /\b(sort|top|order|serialize|row_number)\b/.test(q);
    assert.deepEqual(ordered ? a : [...a].sort(), ordered ? b : [...b].sort());
  });
}

test('a table leaf selects only the columns the query reads', () => {
  const sql = sqlOf('S | where Result == 0 | project User, App', true);
  assert.match(sql, /SELECT "User", "App", "Result" FROM "S"/);
  assert.doesNotMatch(sql, /Unused1|Props|Country/);
});

test('a let-bound table used twice is read once, with the columns both uses need', () => {
  const sql = sqlOf('let t = S | where Result == 0; t | join kind=inner (t | project User, C = Country) on User | project IP, C', true);
  assert.match(sql, /SELECT "User", "IP", "Result", "Country" FROM "S"/);
  assert.equal(sql.match(/FROM "S"/g)?.length, 1);
  assert.doesNotMatch(sql, /Unused1/);
});

test('a query whose columns are all read keeps the table whole', () => {
  const sql = sqlOf('S', true);
  assert.match(sql, /FROM "S" AS _result/);
});
