/**
 * Ingest benchmark for diagnostic settings: `node dist/ingest/bench-diag-settings.js [RECORDS] [--gzip]` writes
 * RECORDS (default 1,000,000) Entra ID diagnostic-settings records as a storage blob writes them (JSON Lines,
 * `PT1H.json`), cycling through the real sample records of every category (test/ingest/fixtures) with distinct
 * ids, times, users and addresses; ingests the file with ingestFiles into a database file and prints rows/s,
 * the file size and the peak resident memory.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { openStore } from '../store/store.js';
import { ingestFiles } from './ingest-files.js';
import { writeDiagSample } from '../bench/diag-sample.js';

const records = Number(process.argv[2] ?? 1_000_000);
const gzip = process.argv.includes('--gzip');
const dir = mkdtempSync(join(tmpdir(), 'kqlwatch-bench-diag-'));
try {
  let file = join(dir, 'PT1H.json');
  await writeDiagSample(file, records);
  if (gzip) {
    await pipeline(createReadStream(file), createGzip(), createWriteStream(file + '.gz'));
    rmSync(file);
    file += '.gz';
  }
  const size = statSync(file).size;
  const store = await openStore(join(dir, 'bench.duckdb'));
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const batch = process.argv.find((a) => a.startsWith('--batch='));
  const r = await ingestFiles(store, [file], batch ? { batchUnits: Number(batch.slice(8)) } : {});
  clearInterval(timer);
  store.close();
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  console.log(`ingestFiles (diagnostic settings${gzip ? ', gzip' : ''})  ${records.toLocaleString('en-US')} records, ${mb(size)}: ` +
    `${r.totalRows.toLocaleString('en-US')} rows in ${(r.ms / 1000).toFixed(1)} s = ${Math.round((r.totalRows / r.ms) * 1000).toLocaleString('en-US')} rows/s, ` +
    `${mb((size / r.ms) * 1000)}/s, peak RSS ${mb(peak)}, set aside ${r.rejected}`);
  console.log(Object.entries(r.rows).map(([t, n]) => `  ${t} ${n}`).join('\n'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
