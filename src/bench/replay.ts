/**
 * The replay measurement: the whole rule pack (rules/) replayed over the 7 days before the bench's `now` on a copy
 * of the tenant, by `kqlwatch replay` in a child process, as a responder would run it. Reports the wall time, the
 * runs and the time per run, the child's peak RSS, and per rule the median run time the scheduler recorded
 * (kqlwatch_rule_runs.DurationMs: query, alerts and incidents, not the commit), which says where the time goes.
 * There is no peer: no other tool runs Sentinel's schedule.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../store/store.js';
import { runMeasured } from './child.js';
import { BENCH_NOW, benchTenant } from './dataset.js';
import type { Measurement } from './measurement.js';

const DAY_MS = 86_400_000;

export async function benchReplay(size: string, root: string, out: Measurement[]): Promise<void> {
  const cache = join(root, 'bench', 'cache');
  const tenant = await benchTenant(size, cache);
  tenant.store.close();
  // Replay writes alerts, incidents and run records: it works on a copy, so the cached tenant stays as generated.
  const copy = join(cache, `replay-${size}.duckdb`);
  rmSync(`${copy}.wal`, { force: true });
  copyFileSync(tenant.path, copy);
  try {
    const from = new Date(BENCH_NOW.getTime() - 7 * DAY_MS).toISOString();
    const to = BENCH_NOW.toISOString();
    const r = await runMeasured(join(root, 'bin', 'kqlwatch.js'),
      ['replay', '--quiet', '--db', copy, '--rules', join(root, 'rules'), '--from', from, '--to', to], root);
    const runs = Number(/(\d+) runs/.exec(r.stdout)?.[1] ?? NaN);
    out.push({
      name: `replay 7 days of the rule pack @${size} (${runs} runs, ${(r.ms / runs).toFixed(1)} ms per run)`,
      kqlwatch_ms: r.ms, peer: 'none', peer_ms: null, ratio: null, rows: runs, rss_mb: r.peakRssMb,
      note: r.stdout.trim().split('\n').pop(),
    });
    const store = await openStore(copy);
    try {
      const rows = (await store.connection.runAndReadAll(
        `SELECT RuleName, count(*), median(DurationMs), sum(DurationMs) FROM kqlwatch_rule_runs GROUP BY RuleName ORDER BY RuleName`,
      )).getRowsJS();
      for (const [name, n, med, total] of rows) {
        out.push({
          name: `replay run: ${String(name)} @${size}`, kqlwatch_ms: Number(med), peer: 'none', peer_ms: null, ratio: null,
          rows: Number(n), note: `median per run; ${(Number(total) / 1000).toFixed(1)} s over ${Number(n)} runs`,
        });
      }
    } finally {
      store.close();
    }
  } finally {
    rmSync(copy, { force: true });
    rmSync(`${copy}.wal`, { force: true });
  }
}
