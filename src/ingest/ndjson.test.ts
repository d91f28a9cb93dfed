import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readLogical } from './testing/fixture-store.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCatalog } from '../kql/syntax/catalog.js';
import { openStore, StoreError, type Store } from '../store/store.js';
import { IngestError } from './ingest-error.js';
import { ingestNdjson } from './ndjson.js';

const dir = mkdtempSync(join(tmpdir(), 'kqlwatch-ndjson-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, lines: readonly (object | string)[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return path;
}

const catalog = makeCatalog([
  {
    name: 'All',
    columns: [
      { name: 's', type: 'string' },
      { name: 'i', type: 'int' },
      { name: 'l', type: 'long' },
      { name: 'r', type: 'real' },
      { name: 'b', type: 'bool' },
      { name: 'd', type: 'datetime' },
      { name: 't', type: 'timespan' },
      { name: 'y', type: 'dynamic' },
      { name: 'g', type: 'guid' },
      { name: 'Type', type: 'string' },
    ],
  },
]);

async function withStore(fn: (store: Store) => Promise<void>): Promise<void> {
  const store = await openStore(':memory:', { catalog });
  try {
    await fn(store);
  } finally {
    store.close();
  }
}

// Every column read back as text that shows exactly what was stored.
const READ_BACK = `SELECT s, i, l, r, b, epoch_ns(d) AS d, t, y::VARCHAR AS y, g, "Type" FROM "All" ORDER BY s`;

async function readBack(store: Store): Promise<unknown[][]> {
  return (await readLogical(store, READ_BACK)).getRows();
}

async function count(store: Store): Promise<bigint> {
  return (await store.connection.runAndReadAll(`SELECT count(*) FROM "All"`)).getRows()[0]![0] as bigint;
}

test('every Kusto type round-trips, in its JSON and its text forms', async () => {
  const path = file('all.ndjson', [
    {
      s: 'a', i: 42, l: 9007199254740991, r: 1.5, b: true, d: '2024-01-01T10:00:00.1234567Z', t: '1.02:00:00',
      y: { k: [1, 'x'] }, g: '0B1C2D3E-0000-4000-8000-00000000000A', Type: 'Custom',
    },
    {
      s: 'b', i: '-7', l: '9223372036854775807', r: 'NaN', b: 'False', d: '2024-01-01T12:30:00+02:30', t: '-00:00:00.0000001',
      y: '{"from":"text","big":12345678901234567890}', g: null,
    },
    '',
    { s: 'c', r: '-Infinity', y: 'plain text', d: '2024-01-01', i: '', l: null, b: '' },
    { s: 'd', y: [1, 2], r: '1e3' },
  ]);
  await withStore(async (store) => {
    const summary = await ingestNdjson(store, 'All', [path]);
    assert.equal(summary.table, 'All');
    assert.equal(summary.files, 1);
    assert.equal(summary.rows, 4);
    assert.ok(summary.ms >= 0);
    const base = BigInt(Date.parse('2024-01-01T00:00:00Z')) * 1_000_000n;
    assert.deepEqual(await readBack(store), [
      ['a', 42, 9007199254740991n, 1.5, true, base + 36_000_000_000_000n + 123_456_700n, 936_000_000_000n,
        '{"k":[1,"x"]}', '0b1c2d3e-0000-4000-8000-00000000000a', 'Custom'],
      ['b', -7, 9223372036854775807n, NaN, false, base + 36_000_000_000_000n, -1n,
        '{"from":"text","big":12345678901234567890}', null, 'All'],
      ['c', null, null, -Infinity, null, base, null, '"plain text"', null, 'All'],
      ['d', null, null, 1000, null, null, null, '[1,2]', null, 'All'],
    ]);
  });
});

test('a real table: missing strings are "", Type is the table name', async () => {
  const store = await openStore(':memory:');
  try {
    const path = file('signin.ndjson', [
      { TimeGenerated: '2024-05-01T08:00:00Z', UserPrincipalName: 'alice@contoso.com', ResultType: '0', LocationDetails: { city: 'Oslo' } },
    ]);
    await ingestNdjson(store, 'SigninLogs', [path]);
    const rows = await readLogical(store,
      `SELECT UserPrincipalName, ResultType, AppDisplayName, "Type", LocationDetails->>'city', epoch_ms(TimeGenerated) FROM SigninLogs`,
    );
    assert.deepEqual(rows.getRows(), [['alice@contoso.com', '0', '', 'SigninLogs', 'Oslo', BigInt(Date.parse('2024-05-01T08:00:00Z'))]]);
  } finally {
    store.close();
  }
});

test('a value of the wrong type fails with file:line and column, and nothing of the file is stored', async () => {
  await withStore(async (store) => {
    await ingestNdjson(store, 'All', [file('first.ndjson', [{ s: 'kept' }])]);
    const bad = file('bad.ndjson', [{ s: 'x1' }, { s: 'x2' }, '', { s: 'x3', d: 'abc' }]);
    await assert.rejects(ingestNdjson(store, 'All', [bad]), (e: unknown) => {
      assert.ok(e instanceof IngestError);
      assert.equal(e.message, `${bad}:4: column 'd': expected datetime, got "abc"`);
      return true;
    });
    assert.equal(await count(store), 1n);
  });
});

test('all files of one call are stored together or not at all', async () => {
  await withStore(async (store) => {
    const good = file('good.ndjson', [{ s: 'g1' }, { s: 'g2' }]);
    const bad = file('bad-int.ndjson', [{ s: 'b1' }, { s: 'b2', i: 2147483648 }]);
    await assert.rejects(ingestNdjson(store, 'All', [good, bad]), new RegExp(`bad-int.ndjson:2: column 'i': expected int, got 2147483648$`));
    assert.equal(await count(store), 0n);
    // Exactly once: the same bytes named twice load once.
    await ingestNdjson(store, 'All', [good, good]);
    assert.equal(await count(store), 2n);
  });
});

test('a failure after many batches still stores nothing', async () => {
  await withStore(async (store) => {
    const lines: (object | string)[] = Array.from({ length: 10_000 }, (_, k) => ({ s: `r${k}`, l: k }));
    lines.push({ s: 'bad', b: 'maybe' });
    const path = file('big.ndjson', lines);
    await assert.rejects(ingestNdjson(store, 'All', [path]), /big\.ndjson:10001: column 'b': expected bool, got "maybe"/);
    assert.equal(await count(store), 0n);
    lines.pop();
    const summary = await ingestNdjson(store, 'All', [file('big-ok.ndjson', lines)]);
    assert.equal(summary.rows, 10_000);
    const sum = await store.connection.runAndReadAll(`SELECT sum(l)::BIGINT FROM "All"`);
    assert.equal(sum.getRows()[0]![0], 49_995_000n);
  });
});

test('invalid JSON, non-objects, unknown keys and unsafe integers are rejected with file:line', async () => {
  await withStore(async (store) => {
    const notJson = file('not-json.ndjson', [{ s: 'ok' }, '{"s": "cut']);
    await assert.rejects(ingestNdjson(store, 'All', [notJson]), new RegExp(`not-json.ndjson:2: not valid JSON`));
    const array = file('array.ndjson', ['[1,2]']);
    await assert.rejects(ingestNdjson(store, 'All', [array]), /array.ndjson:1: expected a JSON object/);
    const unknown = file('unknown.ndjson', [{ s: 'ok', Nope: 1 }]);
    await assert.rejects(ingestNdjson(store, 'All', [unknown]), /unknown.ndjson:1: unknown column 'Nope' for table 'All'/);
    const unsafe = file('unsafe.ndjson', ['{"l": 9007199254740993}']);
    await assert.rejects(ingestNdjson(store, 'All', [unsafe]), /unsafe.ndjson:1: column 'l': expected long, got .*written as a string/);
    const number = file('number-string.ndjson', [{ s: 5 }]);
    await assert.rejects(ingestNdjson(store, 'All', [number]), /number-string.ndjson:1: column 's': expected string, got 5/);
    for (const [col, value] of [['g', 'not-a-guid'], ['t', '25:00:00'], ['d', '2024-01-01T10:00:00.12345678Z'], ['r', 'one']]) {
      await assert.rejects(ingestNdjson(store, 'All', [file('bad-value.ndjson', [{ [col!]: value }])]), new RegExp(`column '${col}'`));
    }
    assert.equal(await count(store), 0n);
  });
});

test('CRLF line ends, a byte-order mark and a last line without a newline are read', async () => {
  await withStore(async (store) => {
    const path = join(dir, 'crlf.ndjson');
    writeFileSync(path, '\ufeff{"s":"a"}\r\n\r\n{"s":"b"}\r\n{"s":"c"}');
    assert.equal((await ingestNdjson(store, 'All', [path])).rows, 3);
    assert.deepEqual((await readBack(store)).map((r) => r[0]), ['a', 'b', 'c']);
  });
});

test('an unknown table or a missing file is a clear error', async () => {
  await withStore(async (store) => {
    await assert.rejects(ingestNdjson(store, 'Nope', [file('x.ndjson', [{}])]), (e: unknown) => e instanceof StoreError && /unknown table 'Nope'/.test(e.message));
    await assert.rejects(ingestNdjson(store, 'All', [join(dir, 'missing.ndjson')]), /cannot read '.*missing.ndjson'/);
  });
});

test('a table made with fewer columns (an earlier version, or none written yet) gets the ones a file brings', async () => {
  await withStore(async (store) => {
    await store.connection.run(`CREATE TABLE "All" (s VARCHAR NOT NULL DEFAULT '', _kqw_IngestionTime TIMESTAMP_NS)`);
    await store.connection.run(`INSERT INTO "All" (s) VALUES ('old')`);
    await ingestNdjson(store, 'All', [file('old.ndjson', [{ s: 'a', i: 1 }])]);
    const rows = (await readLogical(store, `SELECT s, i FROM "All" ORDER BY s`)).getRows();
    // The row written before the column existed reads it as null, as an int the file leaves out.
    assert.deepEqual(rows, [['a', 1], ['old', null]]);
  });
});
