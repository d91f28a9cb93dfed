/**
 * Column pruning over real rules: every runnable rule of the public Sentinel corpus (../shared/corpus) runs on a
 * small simulated tenant twice, with and without pruning, and must return the same rows. The rules reach far
 * beyond the seed pack (unions of many tables, parse, mv-apply, make-series, let chains), which is where a
 * pruning mistake would show.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { bindQuery } from '../binder/bind-query.js';
import { compileKqlWithData } from '../engine.js';
import { prepareConnection } from '../runtime/macros.js';
import { compileSql } from '../sql/compile-sql.js';
import { parseKql } from '../syntax/parse.js';
import { openStore, type Store } from '../../store/store.js';
import { writeSimulation } from '../../sim/write.js';
import { validateRules } from '../../rules/validate-rule.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/sentinel-rules/', import.meta.url));
const NOW = new Date('2026-05-01T12:00:00Z');

let store: Store;
before(async () => {
  store = await openStore(':memory:');
  await writeSimulation({ users: 30, days: 1, seed: 'kqlwatch-prune', now: NOW }, { store });
  await prepareConnection(store.connection);
});
after(() => store.close());

const canonical = (rows: readonly (readonly unknown[])[]): string[] =>
  rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).sort();

test('every runnable corpus rule returns the same rows with and without column pruning', async () => {
  const reports = validateRules([CORPUS], { catalog: store.catalog }).filter((r) => r.runnable && r.rule);
  assert.ok(reports.length > 150, `${reports.length} runnable rules`);
  let compared = 0;
  const failing: string[] = [];
  let withRows = 0;
  for (const r of reports) {
    const text = r.rule!.query;
    // The text as the engine runs it (Sentinel functions expanded, bag_unpack schemas read from the data).
    const compiled = await compileKqlWithData(text, {
      catalog: store.catalog, now: NOW, connection: store.connection, beforeRun: (t) => store.ensureTables(t),
    });
    // A bag_unpack whose slots this tenant's data lacks: the columns it names do not exist (as in Kusto).
    if (!compiled.ok || !compiled.query) continue;
    await store.ensureTables(compiled.query.tables);
    const parsed = parseKql(compiled.query.text, store.catalog);
    // now() as the engine binds it, a parameter, written in here to run the SQL as it is.
    const plan = bindQuery(compiled.query.text, parsed.root, store.catalog, 0n, undefined, store.catalog.storedColumns, true).plan;
    const params = { now: BigInt(NOW.getTime()) * 1000000n, windowStart: 0n, windowEnd: 0n };
    const pruned = compileSql(plan, { params }).sql;
    const full = compileSql(plan, { prune: false, params }).sql;
    assert.equal(pruned, compiled.query.sql, `${r.file}: the engine runs the pruned SQL`);
    let a: unknown[][];
    try {
      a = (await store.connection.runAndReadAll(full)).getRowsJS();
    } catch (e) {
      failing.push(`${r.file.split('/').pop()}: ${String(e).slice(0, 160)}`);
      continue; // fails without pruning too: not pruning's concern (the conformance report counts these)
    }
    const b = (await store.connection.runAndReadAll(pruned)).getRowsJS();
    assert.deepEqual(canonical(b), canonical(a), r.file);
    compared++;
    if (a.length > 0) withRows++;
  }
  console.log(`prune-corpus: ${compared} of ${reports.length} runnable rules compared, ${withRows} of them with rows`);
  // Every rule that compiles also runs: a failure here is an engine bug, pruned or not.
  assert.deepEqual(failing, []);
  assert.ok(compared > 150, `${compared} compared`);
});
