/**
 * The ingest measurements: `kqlwatch ingest` in a child process (its own peak RSS; the time is the one the
 * command reports for the load itself, without process start) against DuckDB's own JSON reader loading the same
 * file into a database file, also in a process of its own (read-json-peer.ts; the native peer: it parses, but
 * maps nothing and checks nothing). Two inputs: NDJSON rows with table columns (`--table`), and an Entra ID diagnostic-settings blob.
 */
import { createWriteStream, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { formatDatetime } from '../kql/format/format-datetime.js';
import { runMeasured } from './child.js';
import { BENCH_NOW } from './dataset.js';
import { writeDiagSample } from './diag-sample.js';
import type { Measurement } from './measurement.js';

async function writeNdjson(file: string, rows: number): Promise<void> {
  const ws = createWriteStream(file);
  const base = BigInt(BENCH_NOW.getTime()) * 1000000n;
  for (let i = 0; i < rows; i++) {
    const line = JSON.stringify({
      TimeGenerated: formatDatetime(base - BigInt(i) * 1000000000n), UserPrincipalName: `user${i % 5000}@contoso.com`,
      IPAddress: `10.${i % 200}.${i % 13}.${i % 250}`, Location: 'US', ResultType: '0', AppDisplayName: `App${i % 30}`,
      AutonomousSystemNumber: '1001', CorrelationId: `corr${i}`, UniqueTokenIdentifier: `tok${i}`, IsInteractive: false,
    }) + '\n';
    if (!ws.write(line)) await once(ws, 'drain');
  }
  ws.end();
  await once(ws, 'finish');
}

function removeDb(path: string): void {
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
}

/** `kqlwatch ingest ARGS FILE` into a fresh database: rows and milliseconds as the command reports them, and the peak RSS. */
async function kqlwatchIngest(root: string, db: string, file: string, args: readonly string[]) {
  removeDb(db);
  const r = await runMeasured(join(root, 'bin', 'kqlwatch.js'), ['ingest', '--db', db, ...args, file], root);
  const m = /ingested ([\d,]+) rows? .* in ([\d.]+) s/.exec(r.stdout);
  if (!m) throw new Error(`unexpected output of kqlwatch ingest: ${r.stdout.slice(0, 200)}`);
  removeDb(db);
  return { rows: Number(m[1]!.replace(/,/g, "")), ms: Number(m[2]) * 1000, rssMb: r.peakRssMb };
}

/** DuckDB's read_json loading the file into a table of a database file, in a process of its own. */
async function readJsonPeer(root: string, db: string, file: string): Promise<{ ms: number; rssMb: number }> {
  removeDb(db);
  try {
    const r = await runMeasured(join(root, 'dist', 'bench', 'read-json-peer.js'), [db, file], root);
    return { ms: Number(r.stdout.trim()), rssMb: r.peakRssMb };
  } finally {
    removeDb(db);
  }
}

export async function benchIngest(root: string, ndjsonRows: number, diagRecords: number, out: Measurement[]): Promise<void> {
  const dir = join(root, 'bench', 'cache');
  const db = join(dir, 'ingest-bench.duckdb');
  const peerDb = join(dir, 'ingest-peer.duckdb');

  const ndjson = join(dir, `signin-${ndjsonRows}.ndjson`);
  await writeNdjson(ndjson, ndjsonRows);
  const ours = await kqlwatchIngest(root, db, ndjson, ['--table', 'AADNonInteractiveUserSignInLogs']);
  const peer = await readJsonPeer(root, peerDb, ndjson);
  out.push({
    name: `ingest NDJSON --table, ${ndjsonRows} rows (${Math.round(ours.rows / (ours.ms / 1000)).toLocaleString('en-US')} rows/s)`,
    kqlwatch_ms: ours.ms, peer: 'duckdb-read_json', peer_ms: peer.ms, ratio: ours.ms / peer.ms, rows: ours.rows, rss_mb: ours.rssMb,
    note: `target ≥ 500,000 rows/s; the peer makes a table of the file's 10 columns (peak RSS ${peer.rssMb.toFixed(0)} MB)`,
  });
  rmSync(ndjson, { force: true });

  const diag = join(dir, `diag-${diagRecords}.json`);
  await writeDiagSample(diag, diagRecords);
  const mb = statSync(diag).size / 1048576;
  const d = await kqlwatchIngest(root, db, diag, []);
  const dPeer = await readJsonPeer(root, peerDb, diag);
  out.push({
    name: `ingest diagnostic settings, ${diagRecords} records, ${mb.toFixed(0)} MB (${Math.round(d.rows / (d.ms / 1000)).toLocaleString('en-US')} records/s)`,
    kqlwatch_ms: d.ms, peer: 'duckdb-read_json', peer_ms: dPeer.ms, ratio: d.ms / dPeer.ms, rows: d.rows, rss_mb: d.rssMb,
    note: `target ≥ 200,000 records/s; the peer parses into nested columns and maps nothing (peak RSS ${dPeer.rssMb.toFixed(0)} MB)`,
  });
  rmSync(diag, { force: true });
}
