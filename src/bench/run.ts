/**
 * `npm run bench [-- --size small|1m|10m] [--reps N] [--no-arquero] [--arquero-10m] [--no-replay] [--no-ingest]`:
 * per tenant size, the seed queries through kqlwatch against hand-written DuckDB SQL and against arquero (the
 * JS-native peer, on tables loaded into memory first, in a process of its own; not at 10m unless asked),
 * interleaved in pairs (A B, B A, … against each peer), medians and ratios, and planning time warm and cold; then a 7-day replay of the rule pack (replay.ts) and the ingest
 * rates (ingest.ts), each in a process of its own with its own peak RSS. Writes a Markdown table and a JSON file
 * under bench/results/ (and bench/results/latest.json). Never part of `npm test`: timings are noisy.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DuckDBTimestampNanosecondsValue } from '@duckdb/node-api';
import { compileKql, executeCompiled } from '../kql/engine.js';
import { prepareConnection } from '../kql/runtime/macros.js';
import { BENCH_NOW, benchTenant } from './dataset.js';
import { handSql } from './hand-sql.js';
import { startArqueroPeer, type ArqueroPeer } from './arquero-process.js';
import { openStore } from '../store/store.js';
import { benchIngest } from './ingest.js';
import type { Measurement } from './measurement.js';
import { benchReplay } from './replay.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export type { Measurement };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Rows as comparable text; arrays inside JSON cells sorted, because make_set's order is undefined in Kusto. */
export function canonical(rows: readonly (readonly unknown[])[]): string[] {
  const cell = (v: unknown): unknown => {
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'string' && v.startsWith('[')) {
      try {
        const a = JSON.parse(v) as unknown;
        if (Array.isArray(a)) return JSON.stringify(a.map((x) => JSON.stringify(x)).sort());
      } catch {
        return v;
      }
    }
    return v;
  };
  return rows.map((r) => JSON.stringify(r.map(cell))).sort();
}

/** Both row sets in canonical form are equal. */
export function sameRows(a: readonly (readonly unknown[])[], b: readonly (readonly unknown[])[]): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

async function benchSeeds(size: string, reps: number, withArquero: boolean, out: Measurement[]): Promise<void> {
  const tenant = await benchTenant(size, join(ROOT, 'bench', 'cache'));
  if (tenant.generatedMs > 0) process.stderr.write(`generated the ${size} tenant (${tenant.rows} silent sign-ins) in ${(tenant.generatedMs / 1000).toFixed(1)} s\n`);
  // The JS peer works on in-memory tables, in a process of its own (arquero-process.ts): loaded once, outside
  // every timed query, from the file opened read-only, so the store is closed while it loads.
  let aq: ArqueroPeer | undefined;
  let store = tenant.store;
  if (withArquero) {
    store.close();
    aq = await startArqueroPeer(tenant.path);
    store = await openStore(tenant.path);
    out.push({ name: `arquero load tables (DuckDB → columns) @${size}`, kqlwatch_ms: 0, peer: 'arquero', peer_ms: aq.loadMs, ratio: null,
      rows: aq.rows, rss_mb: aq.rssMb, note: 'not part of the seed timings (kqlwatch reads the store in place); RSS of the peer\'s own process' });
  }
  await prepareConnection(store.connection);
  const seedDir = join(ROOT, 'test', 'seeds');
  for (const f of readdirSync(seedDir).filter((x) => x.endsWith('.kql')).sort()) {
    const seed = f.slice(0, 3);
    const text = readFileSync(join(seedDir, f), 'utf8');
    const sql = handSql(seed, BENCH_NOW);
    // Same rows first; a benchmark of different answers means nothing.
    const compiled = compileKql(text, { catalog: store.catalog, now: BENCH_NOW });
    if (!compiled.ok) throw new Error(`${f} does not compile: ${compiled.diagnostics[0]?.message}`);
    const ours = await executeCompiled(store.connection, compiled.query);
    const theirs = (await store.connection.runAndReadAll(sql)).getRowsJS();
    const same = sameRows(ours.rows, theirs);
    if (!same) process.stderr.write(`warning: ${f}: kqlwatch returned ${ours.rows.length} rows, hand SQL ${theirs.length}: they differ\n`);
    const js = aq ? (await aq.seed(seed, BENCH_NOW)).rows : undefined;
    const sameJs = js === undefined || sameRows(ours.rows, js);
    if (!sameJs) process.stderr.write(`warning: ${f}: kqlwatch returned ${ours.rows.length} rows, arquero ${js!.length}: they differ\n`);
    const a: number[] = [];
    const b: number[] = [];
    const c: number[] = [];
    // kqlwatch as `kqlwatch query` does it in a new process: parse, bind, plan, SQL text, execute, convert.
    const runOurs = async (): Promise<void> => {
      const q = compileKql(text, { catalog: store.catalog, now: BENCH_NOW, reuse: false });
      if (q.ok) await executeCompiled(store.connection, q.query);
    };
    const runHand = async (): Promise<void> => { (await store.connection.runAndReadAll(sql)).getRowsJS(); };
    // Each contender's own time: arquero's is measured in its process, without the message passing.
    const timed = (run: () => Promise<void>) => async (): Promise<number> => {
      const t0 = performance.now();
      await run();
      return performance.now() - t0;
    };
    // Interleaved in pairs, each repetition starting with the other one (A B, B A, …): kqlwatch against the hand
    // SQL, then kqlwatch against arquero. Whoever ran right after arquero ran up to 6 ms slower (its process's
    // garbage collection and DuckDB's idle threads), so arquero never runs between the first two.
    const interleave = async (x: () => Promise<number>, y: () => Promise<number>, xs: number[], ys: number[]): Promise<void> => {
      for (let i = 0; i < reps; i++) {
        if (i % 2 === 0) { xs.push(await x()); ys.push(await y()); } else { ys.push(await y()); xs.push(await x()); }
      }
    };
    await interleave(timed(runOurs), timed(runHand), a, b);
    const peer = aq;
    const a2: number[] = [];
    if (peer) await interleave(timed(runOurs), async () => (await peer.seed(seed, BENCH_NOW)).ms, a2, c);
    const ka = median(a);
    const kb = median(b);
    const name = `seed ${f.replace('.kql', '')} @${size}`;
    out.push({ name, kqlwatch_ms: ka, peer: 'duckdb-sql', peer_ms: kb, ratio: ka / kb, rows: ours.rows.length,
      ...(same ? {} : { note: 'rows differ from the hand-written SQL' }) });
    // As a rule runs again (the scheduler, the server): kqlwatch reuses its compile, with a new now() each time; the
    // hand SQL is a statement prepared once with $now, run with a new value each time.
    const handPrepared = await store.connection.prepare(handSql(seed, 'parameter'));
    let rerun = 0;
    const nextNow = (): Date => new Date(BENCH_NOW.getTime() + (rerun++ % 2) * 1000);
    const runOursAgain = async (): Promise<void> => {
      const q = compileKql(text, { catalog: store.catalog, now: nextNow() });
      if (q.ok) await executeCompiled(store.connection, q.query);
    };
    const runHandAgain = async (): Promise<void> => {
      handPrepared.bindTimestampNanoseconds(handPrepared.parameterIndex('now'), new DuckDBTimestampNanosecondsValue(BigInt(nextNow().getTime()) * 1000000n));
      (await handPrepared.runAndReadAll()).getRowsJS();
    };
    await runOursAgain();
    const again: number[] = [];
    const handAgain: number[] = [];
    await interleave(timed(runOursAgain), timed(runHandAgain), again, handAgain);
    handPrepared.destroySync();
    out.push({ name: `${name}, run again`, kqlwatch_ms: median(again), peer: 'duckdb-sql prepared', peer_ms: median(handAgain),
      ratio: median(again) / median(handAgain), rows: ours.rows.length, note: 'kqlwatch reuses its compile, the hand SQL its prepared statement; a new now() each run' });
    if (aq) {
      const kc = median(c);
      const ka2 = median(a2);
      out.push({ name, kqlwatch_ms: ka2, peer: 'arquero', peer_ms: kc, ratio: ka2 / kc, rows: ours.rows.length,
        ...(sameJs ? {} : { note: 'rows differ from arquero' }) });
    }
    // Planning overhead alone: warm (Kusto.Language's analysis of this text cached; bound, planned and written as SQL
    // again) and cold (a new text each time: a trailing comment defeats the caches, so it is analysed again too).
    const warm: number[] = [];
    const cold: number[] = [];
    for (let i = 0; i < 20; i++) {
      let t0 = performance.now();
      compileKql(text, { catalog: store.catalog, now: BENCH_NOW, reuse: false });
      warm.push(performance.now() - t0);
      t0 = performance.now();
      compileKql(`${text}\n// ${i} ${Date.now()}`, { catalog: store.catalog, now: BENCH_NOW, reuse: false });
      cold.push(performance.now() - t0);
    }
    out.push({ name: `plan warm ${f.replace('.kql', '')}`, kqlwatch_ms: median(warm), peer: 'none', peer_ms: null, ratio: null, rows: 0 });
    out.push({ name: `plan cold ${f.replace('.kql', '')}`, kqlwatch_ms: median(cold), peer: 'none', peer_ms: null, ratio: null, rows: 0 });
  }
  store.close();
  await aq?.close();
}

function markdown(size: string, ms: Measurement[], rssMb: number): string {
  const lines = [`# kqlwatch bench (${size})`, '', `Peak RSS of the bench process (kqlwatch's and the hand SQL's seed queries): ${rssMb.toFixed(0)} MB; arquero, the replay and ingest ran in processes of their own (column "peak RSS MB").`, '',
    '| measurement | kqlwatch ms | peer | peer ms | ratio | rows | peak RSS MB | note |', '|---|---:|---|---:|---:|---:|---:|---|'];
  for (const m of ms) {
    lines.push(`| ${m.name} | ${m.kqlwatch_ms === 0 && m.ratio === null ? '' : m.kqlwatch_ms.toFixed(1)} | ${m.peer} | ${m.peer_ms === null ? '' : m.peer_ms.toFixed(1)} | ${m.ratio === null ? '' : m.ratio.toFixed(2)} | ${m.rows} | ${m.rss_mb === undefined ? '' : m.rss_mb.toFixed(0)} | ${m.note ?? ''} |`);
  }
  return lines.join('\n') + '\n';
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const arg = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  const sizes = (arg('--size') ?? '1m,10m').split(',');
  const reps = Number(arg('--reps') ?? 9);
  const withArquero = !args.includes('--no-arquero');
  const out: Measurement[] = [];
  for (const size of sizes) {
    // arquero holds every table in the JS heap: at 10M rows that alone is gigabytes, and the seed comparison
    // against it is made at 1M (--arquero-10m runs it anyway).
    const arquero = withArquero && (size !== '10m' || args.includes('--arquero-10m'));
    await benchSeeds(size, reps, arquero, out);
  }
  if (!args.includes('--no-replay')) for (const size of sizes) await benchReplay(size, ROOT, out);
  const small = sizes.includes('small');
  if (!args.includes('--no-ingest')) await benchIngest(ROOT, small ? 100_000 : 500_000, small ? 20_000 : 200_000, out);
  const rssMb = process.resourceUsage().maxRSS / 1024;
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const json = JSON.stringify({ sizes, reps, peak_rss_mb: rssMb, measurements: out }, null, 2);
  writeFileSync(join(dir, `${stamp}.json`), json);
  writeFileSync(join(dir, 'latest.json'), json);
  const md = markdown(sizes.join(','), out, rssMb);
  writeFileSync(join(dir, `${stamp}.md`), md);
  writeFileSync(join(dir, 'latest.md'), md);
  process.stdout.write(md);
}

// Only when run as the bench, so that tools can import sameRows/canonical without starting one.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
