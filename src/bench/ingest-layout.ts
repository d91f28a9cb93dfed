/**
 * `node dist/bench/ingest-layout.js [ROWS]`: what storing the columns a file does not have costs DuckDB. Inserts
 * ROWS rows (default 500,000) of 10 text columns into a table of 86 columns (the width of a sign-in table) in four
 * layouts: the 76 absent columns NOT NULL DEFAULT '' (kqlwatch's store), DEFAULT '' only, nullable, and not there
 * at all. Each in a database file of its own, checkpointed, twice; prints rows/s. The figures behind ADR 0011.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const rows = Number(process.argv[2] ?? 500_000);
const LAYOUTS: Record<string, string | null> = {
  "absent columns NOT NULL DEFAULT ''": "NOT NULL DEFAULT ''",
  "absent columns DEFAULT ''": "DEFAULT ''",
  'absent columns nullable': '',
  'only the 10 columns written': null,
};
const present = Array.from({ length: 10 }, (_, i) => `p${i}`);
const dir = mkdtempSync(join(tmpdir(), 'kqlwatch-layout-'));
try {
  for (const round of [1, 2]) {
    for (const [name, ddl] of Object.entries(LAYOUTS)) {
      const instance = await DuckDBInstance.create(join(dir, `${round}-${Object.keys(LAYOUTS).indexOf(name)}.duckdb`));
      const c = await instance.connect();
      const cols = ddl === null ? [] : Array.from({ length: 76 }, (_, i) => `a${i} VARCHAR ${ddl}`);
      await c.run(`CREATE TABLE t (${[...cols, ...present.map((p) => `${p} VARCHAR`)].join(', ')})`);
      await c.run('CHECKPOINT');
      const t0 = performance.now();
      await c.run(`INSERT INTO t (${present.join(', ')}) SELECT ${present.map((_, i) => `'v' || (range % ${100 + i})`).join(', ')} FROM range(${rows})`);
      await c.run('CHECKPOINT');
      const ms = performance.now() - t0;
      console.log(`round ${round}  ${name.padEnd(36)} ${Math.round(rows / (ms / 1000)).toLocaleString('en-US').padStart(9)} rows/s`);
      c.closeSync();
      instance.closeSync();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
