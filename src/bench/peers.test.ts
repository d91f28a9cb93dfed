/**
 * The bench's peers answer the same question as kqlwatch: on a small generated tenant (narrow tables, as the store
 * writes them), each seed's hand-written DuckDB SQL and its arquero version return exactly kqlwatch's rows. A
 * benchmark of different answers means nothing, and `npm run bench` (never part of the tests: timings) relies on it.
 * Also the arquero peer in its own process, as the bench runs it.
 */
import { after, before, test } from 'node:test';
import { DuckDBTimestampNanosecondsValue } from '@duckdb/node-api';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileKql, executeCompiled } from '../kql/engine.js';
import { prepareConnection } from '../kql/runtime/macros.js';
import type { Store } from '../store/store.js';
import { arqueroSeed, loadArqueroTenant, type ArqueroTenant } from './arquero-seeds.js';
import { startArqueroPeer } from './arquero-process.js';
import { BENCH_NOW, benchTenant } from './dataset.js';
import { handSql } from './hand-sql.js';
import { sameRows } from './run.js';

const SEEDS = fileURLToPath(new URL('../../test/seeds/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kqlwatch-bench-test-'));
let store: Store;
let path: string;
let aq: ArqueroTenant;

before(async () => {
  ({ store, path } = await benchTenant('small', dir));
  await prepareConnection(store.connection);
  aq = await loadArqueroTenant(store.connection);
});
after(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const seeds = readdirSync(SEEDS).filter((f) => f.endsWith('.kql')).sort();

test('the bench tenant is generated into tables holding only the columns written', () => {
  const stored = store.catalog.storedColumns?.('AADNonInteractiveUserSignInLogs');
  assert.ok(stored && stored.size > 5 && stored.size < 20, `${stored?.size} columns`);
});

for (const f of seeds) {
  test(`seed ${f}: kqlwatch, the hand-written SQL and arquero return the same rows`, async () => {
    const seed = f.slice(0, 3);
    const q = compileKql(readFileSync(join(SEEDS, f), 'utf8'), { catalog: store.catalog, now: BENCH_NOW });
    assert.ok(q.ok, q.ok ? "" : JSON.stringify(q.diagnostics));
    const ours = (await executeCompiled(store.connection, q.query!)).rows;
    const hand = (await store.connection.runAndReadAll(handSql(seed, BENCH_NOW))).getRowsJS();
    assert.ok(sameRows(ours, hand), `hand SQL: ${hand.length} rows, kqlwatch ${ours.length}`);
    const js = arqueroSeed(seed, aq, BENCH_NOW);
    assert.ok(sameRows(ours, js), `arquero: ${js.length} rows, kqlwatch ${ours.length}`);
    // The "run again" pair: the hand SQL prepared with $now, and kqlwatch from its reused compile.
    const prepared = await store.connection.prepare(handSql(seed, 'parameter'));
    prepared.bindTimestampNanoseconds(prepared.parameterIndex('now'), new DuckDBTimestampNanosecondsValue(BigInt(BENCH_NOW.getTime()) * 1000000n));
    const handAgain = (await prepared.runAndReadAll()).getRowsJS();
    prepared.destroySync();
    assert.ok(sameRows(ours, handAgain), `prepared hand SQL: ${handAgain.length} rows, kqlwatch ${ours.length}`);
    const again = compileKql(readFileSync(join(SEEDS, f), 'utf8'), { catalog: store.catalog, now: BENCH_NOW });
    assert.ok(sameRows((await executeCompiled(store.connection, again.query!)).rows, ours));
  });
}

test('some seed finds rows on the small tenant (the comparisons above are not all of empty results)', async () => {
  let found = 0;
  for (const f of seeds) {
    const q = compileKql(readFileSync(join(SEEDS, f), 'utf8'), { catalog: store.catalog, now: BENCH_NOW });
    found += (await executeCompiled(store.connection, q.query!)).rows.length;
  }
  assert.ok(found > 0);
});

test('the arquero peer in a process of its own loads the tenant read-only and answers a seed', async () => {
  store.close();
  const peer = await startArqueroPeer(path);
  try {
    assert.equal(peer.rows, aq.rows);
    const r = await peer.seed('000', BENCH_NOW);
    assert.ok(r.ms >= 0);
    assert.ok(sameRows(r.rows, arqueroSeed('000', aq, BENCH_NOW)));
  } finally {
    await peer.close();
    ({ store } = await benchTenant('small', dir));
  }
});
