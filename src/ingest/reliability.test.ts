/**
 * Ingest reliability (issue #4): a process killed mid-file leaves whole batches only and a rerun completes the
 * file; the same file twice adds nothing; bad records are set aside (or fail everything with strict); gzip.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readLogical } from './testing/fixture-store.js';
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import { openStore, type Store } from '../store/store.js';
import { runKqlOnStore } from '../store/run-kql-on-store.js';
import { ingestFiles } from './ingest-files.js';
import { IngestError } from './ingest-error.js';
import { listRejections } from './quarantine.js';

const dir = mkdtempSync(join(tmpdir(), 'kqlwatch-reliability-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const fixture = (name: string) => fileURLToPath(new URL(`../../test/ingest/fixtures/${name}`, import.meta.url));

/** N diagnostic-settings sign-in records (storage JSON Lines), each with a distinct Id. */
function diagFile(name: string, n: number): string {
  const base = JSON.parse(readFileSync(fixture('diag-storage-PT1H.jsonl'), 'utf8').split('\n').find((l) => l.includes('"SignInLogs"'))!);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    base.properties.id = `id-${i}`;
    base.time = new Date(Date.UTC(2025, 3, 11, 0, 0, i)).toISOString();
    lines.push(JSON.stringify(base));
  }
  const file = join(dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

async function count(store: Store, table = 'SigninLogs'): Promise<number> {
  await store.ensureTables([table]);
  const r = await readLogical(store, `SELECT count(*), count(DISTINCT "Id") FROM "${table}"`);
  const [all, distinct] = r.getRows()[0]!;
  assert.equal(all, distinct, 'no row twice');
  return Number(all);
}

test('kill -9 in the middle of an ingest leaves whole batches only; a rerun completes the file, each row once', async () => {
  const N = 6000;
  const BATCH = 250;
  const file = diagFile('big.jsonl', N);
  const db = join(dir, 'killed.duckdb');
  const child = spawn(process.execPath, [fileURLToPath(new URL('./ingest-child.js', import.meta.url)), db, file, String(BATCH)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      // Two batches are in the store: kill while the third is being written.
      if ((out.match(/^batch /gm) ?? []).length >= 2) {
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('exit', () => resolve());
  });
  assert.equal(await exited, 'SIGKILL', `the child finished before it was killed:\n${out}`);

  const store = await openStore(db);
  try {
    const stored = await count(store);
    assert.ok(stored >= 2 * BATCH && stored < N, `${stored} rows after the kill`);
    assert.equal(stored % BATCH, 0, 'only whole batches');
    const rerun = await ingestFiles(store, [file]);
    assert.equal(rerun.files[0]!.status, 'resumed');
    assert.equal(rerun.totalRows, N - stored);
    assert.equal(await count(store), N);
  } finally {
    store.close();
  }
});

test('ingesting the same file twice (also gzipped, also in one command) stores its rows once', async () => {
  const file = diagFile('twice.jsonl', 300);
  const gz = file + '.gz';
  await pipeline(createReadStream(file), createGzip(), createWriteStream(gz));
  const store = await openStore(':memory:');
  try {
    const first = await ingestFiles(store, [file, file]);
    assert.equal(first.totalRows, 300);
    assert.deepEqual(first.files.map((f) => f.status), ['loaded', 'already loaded']);
    const again = await ingestFiles(store, [file], { batchUnits: 7 });
    assert.equal(again.totalRows, 0);
    assert.equal(again.files[0]!.status, 'already loaded');
    assert.equal(await count(store), 300);
    // The gzipped file is other bytes: it loads, and so its rows are there twice (by Id, not by file).
    const zipped = await ingestFiles(store, [gz]);
    assert.equal(zipped.totalRows, 300);
    assert.equal((await ingestFiles(store, [gz])).totalRows, 0);
  } finally {
    store.close();
  }
});

test('gzip: every reader reads gzipped input, detected from the bytes', async () => {
  const names = ['diag-storage-PT1H.jsonl', 'diag-eventhub.json', 'graph-signins.json', 'la-portal-export.csv', 'stix-bundle.json', 'ti-ip-list.csv'];
  const plain = await openStore(':memory:');
  const zipped = await openStore(':memory:');
  try {
    for (const name of names) {
      const gz = join(dir, name + '.gz');
      await pipeline(createReadStream(fixture(name)), createGzip(), createWriteStream(gz));
      const now = () => new Date('2026-05-01T12:00:00Z');
      const a = await ingestFiles(plain, [fixture(name)], { now });
      const b = await ingestFiles(zipped, [gz], { now });
      assert.ok(a.totalRows > 0, name);
      assert.deepEqual(b.rows, a.rows, name);
      assert.equal(b.rejected, a.rejected, name);
    }
  } finally {
    plain.close();
    zipped.close();
  }
});

test('bad records are set aside with file, line and reason and the rest loads; strict fails the file and stores nothing', async () => {
  const file = join(dir, 'mixed.jsonl');
  const good = readFileSync(fixture('diag-storage-PT1H.jsonl'), 'utf8').split('\n').filter(Boolean);
  writeFileSync(
    file,
    [
      good[0],
      '{"time": "2025-04-11T08:00:00Z", "category": "SignInLogs", oops',
      JSON.stringify({ time: '2025-04-11T08:00:00Z', category: 'SignInLogs', properties: { id: 'x', createdDateTime: 'yesterday' } }),
      JSON.stringify({ time: '2025-04-11T08:00:00Z', category: 'SignInLogs' }),
      good[1],
    ].join('\n') + '\n',
  );
  const store = await openStore(':memory:');
  try {
    await assert.rejects(ingestFiles(store, [file], { strict: true }), (e: unknown) => {
      assert.ok(e instanceof IngestError);
      assert.match(e.message, new RegExp(`mixed\\.jsonl:2: not valid JSON`));
      return true;
    });
    assert.equal(await count(store), 0);
    assert.deepEqual(await listRejections(store), []);

    const r = await ingestFiles(store, [file]);
    assert.equal(r.totalRows, 2);
    assert.equal(r.rejected, 3);
    const rejected = await listRejections(store);
    assert.deepEqual(
      rejected.map((x) => [x.line, x.unit, x.reason.replace(/\(.*/, '').trim()]),
      [
        [2, 1, 'not valid JSON'],
        [3, 2, `SigninLogs: column 'CreatedDateTime': expected datetime, got "yesterday"`],
        [4, 3, `the record has no 'properties' object`],
      ],
    );
    assert.ok(rejected.every((x) => x.file === file));
    assert.match(rejected[0]!.record, /oops$/);
  } finally {
    store.close();
  }
});

test('every row records its ingestion time; ingestion_time() returns it', async () => {
  const store = await openStore(':memory:');
  try {
    await ingestFiles(store, [fixture('diag-storage-PT1H.jsonl')], { now: () => new Date('2026-05-01T12:34:56Z') });
    const out = await runKqlOnStore(store, 'AuditLogs | extend it = ingestion_time() | where it > ago(1h) | summarize n = count(), t = max(it)', {
      now: new Date('2026-05-01T13:00:00Z'),
    });
    assert.ok(out.ok, out.ok ? '' : JSON.stringify(out.diagnostics));
    assert.deepEqual(out.result.rows.map((r) => r.map(String)), [['3', String(Date.parse('2026-05-01T12:34:56Z') * 1e6)]]);
    const star = await runKqlOnStore(store, 'AuditLogs | take 1', { now: new Date('2026-05-01T13:00:00Z') });
    assert.ok(star.ok);
    assert.ok(!star.result.columns.some((c) => c.name.startsWith('_kqw')), 'the hidden column is not in *');
  } finally {
    store.close();
  }
});
