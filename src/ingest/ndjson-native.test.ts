/**
 * The native NDJSON path (ndjson-native.ts) against the JS path it stands in for: the same table contents, byte for
 * byte, for every column type and the edge forms; and every file it gives up on still gets the JS path's errors
 * or quarantine.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readLogical } from './testing/fixture-store.js';
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import { makeCatalog } from '../kql/syntax/catalog.js';
import { defaultCatalog } from '../store/schemas.js';
import { openStore, tableSchema, type Store } from '../store/store.js';
import { innerRecords, recordKind } from './formats.js';
import { IngestError } from './ingest-error.js';
import { ingestFiles, type IngestOptions, type IngestProgress } from './ingest-files.js';
import { ingestNdjson } from './ndjson.js';
import { insertNdjsonNative, nativeCandidate, NativeGaveUp } from './ndjson-native.js';
import { listRejections } from './quarantine.js';

const dir = mkdtempSync(join(tmpdir(), 'kqlwatch-native-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const catalog = makeCatalog([
  {
    name: 'All',
    columns: [
      { name: 'k', type: 'long' },
      { name: 's', type: 'string' },
      { name: 'i', type: 'int' },
      { name: 'l', type: 'long' },
      { name: 'r', type: 'real' },
      { name: 'm', type: 'decimal' },
      { name: 'b', type: 'bool' },
      { name: 'd', type: 'datetime' },
      { name: 't', type: 'timespan' },
      { name: 'y', type: 'dynamic' },
      { name: 'g', type: 'guid' },
      { name: 'Type', type: 'string' },
    ],
  },
]);

/** Two lines whose second one has `tail` starting at byte 2^20 - 1: the end of the first 1 MiB read buffer. */
function acrossBuffers(before: string, tail: string): string[] {
  const first = (pad: string) => `{"k":1,"s":"${pad}"}`;
  const padding = (1 << 20) - 1 - first('').length - 1 - before.length;
  return [first('x'.repeat(padding)), before + tail];
}

const NOW = new Date('2026-05-01T12:00:00Z');
const now = () => NOW;

/** Lines as written: objects through JSON.stringify, strings as they are (raw JSON text, e.g. `-0.0` or `1e2`). */
function file(name: string, lines: readonly (object | string)[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return path;
}

/** Every edge form the native path converts itself (none makes it give up). */
const EDGE_ROWS: readonly (object | string)[] = [
  {
    k: 1, s: 'plain', i: 42, l: 9007199254740991, r: 1.5, m: 2.5, b: true, d: '2024-01-01T10:00:00.1234567Z', t: '1.02:00:00',
    y: { k: [1, 'x'], n: { deep: [{ c: 1 }, { c: 2 }] } }, g: '0B1C2D3E-0000-4000-8000-00000000000A', Type: 'Custom',
  },
  {
    k: 2, s: '', i: '-7', l: '9223372036854775807', r: 'NaN', m: '3.25', b: 'False', d: '2024-01-01T12:30:00+02:30', t: '-00:00:00.0000001',
    y: '{"from":"text","big":12345678901234567890, "spaced" : [1, 2 ]}', g: 'abcdef01-2345-6789-ABCD-ef0123456789', Type: '',
  },
  { k: 3, s: '\ufeffbom first', i: '', l: null, r: '-Infinity', m: null, b: '', d: '2024-01-01', t: '', y: 'plain text', g: '', Type: 'All' },
  { k: 4, s: 'a"b\\c/\n\t\u0001 é 😀 \u2028', i: '+7', l: '-9223372036854775808', r: '1e3', m: '', b: 'TRUE', d: '2024-01-01 08:00:00', t: '23:59:59', y: [1, 2], g: null, Type: 'All' },
  { k: 5, s: 'offsets', i: 2147483647, l: '007', r: '.5', b: false, d: '2024-01-01T00:00:00-0800', t: '1:00:00', y: '  [1, 2 ]\n', Type: 'All' },
  { k: 6, s: 'fraction', i: -2147483648, l: -5, r: '+Infinity', d: '2024-02-29T23:59:59.9999999+00:00', t: '9999999.23:59:59.9999999', y: '', Type: 'All' },
  { k: 7, s: 'lower t z', r: 0.1, d: '2024-01-01t08:00:00z', y: 1.5, Type: 'All' },
  { k: 8, s: 'minutes', r: 12345678901234567890, d: '2024-01-01T10:00', y: true, Type: 'All' },
  { k: 9, s: 'one digit', r: '1.', d: '2024-01-01T10:00:00.1Z', y: { u: 'é😀', q: 'a"b', e: '' }, Type: 'All' },
  '{"k":10,"s":"raw numbers","r":-0.0,"m":1e2,"y":{"a":0.5,"b":[-3,1.25]},"d":null,"Type":"All"}',
  '{"k":11,"s":"escapes","g":"\\u0030b1c2d3e-0000-4000-8000-00000000000a","y":"{\\"a\\":1.0}","r":"-0","Type":"All"}',
  { k: 12, s: 'nulls', i: null, l: null, r: null, m: null, b: null, d: null, t: null, y: null, g: null, Type: 'All' },
];

// Every column read back as exactly what is stored: text as bytes (a leading BOM survives), doubles as doubles.
const READ_BACK =
  `SELECT k, hex(s), i, l, r, m, b, epoch_ns(d), t, hex(y::VARCHAR), g, "Type", epoch_ns("_kqw_IngestionTime") FROM "All" ORDER BY k`;

async function contents(store: Store): Promise<unknown[][]> {
  return (await readLogical(store, READ_BACK)).getRows();
}

async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(':memory:', { catalog });
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}

async function ingestBoth(paths: readonly string[], options: IngestOptions = {}) {
  const run = (native: boolean) => withStore(async (store) => {
    const report = await ingestFiles(store, paths, { format: 'ndjson', table: 'All', strict: true, now, ...options, native });
    const ledger = (await store.connection.runAndReadAll(`SELECT units, rows, rejected, complete FROM _kqlwatch.loaded_files ORDER BY path`)).getRows();
    return { report, rows: await contents(store), ledger };
  });
  return { js: await run(false), native: await run(true) };
}

/** The file through the native path alone, inside a transaction: its rows, or the reason it gave up. */
async function nativeOnly(path: string, gzip = false): Promise<unknown[][] | NativeGaveUp> {
  return withStore(async (store) => {
    await store.ensureTables(['All']);
    await store.connection.run('BEGIN TRANSACTION');
    try {
      await insertNdjsonNative(store, path, tableSchema(catalog, 'All'), { gzip, format: 'ndjson', ingestedNs: BigInt(NOW.getTime()) * 1_000_000n });
    } catch (e) {
      if (e instanceof NativeGaveUp) return e;
      throw e;
    } finally {
      await store.connection.run('COMMIT').catch(() => store.rollback());
    }
    return contents(store);
  });
}

test('the native path stores exactly what the JS path stores, for every column type and edge form', async () => {
  const path = file('edges.ndjson', EDGE_ROWS);
  const { js, native } = await ingestBoth([path]);
  assert.equal(js.rows.length, EDGE_ROWS.length);
  assert.deepStrictEqual(native.rows, js.rows);
  assert.deepStrictEqual(native.ledger, js.ledger);
  assert.deepStrictEqual(native.report.files.map(({ file, format, status, units, rows, rejected, ignored }) => ({ file, format, status, units, rows, rejected, ignored })),
    js.report.files.map(({ file, format, status, units, rows, rejected, ignored }) => ({ file, format, status, units, rows, rejected, ignored })));
  assert.deepStrictEqual({ ...native.report, ms: 0, files: [] }, { ...js.report, ms: 0, files: [] });
  // And it was the native path that stored them: it takes the file without giving up.
  const alone = await nativeOnly(path);
  assert.ok(!(alone instanceof NativeGaveUp), alone instanceof NativeGaveUp ? alone.message : '');
  assert.deepStrictEqual(alone, js.rows);
  // A few values spelled out, so the JS path itself is pinned too.
  const byK = new Map(js.rows.map((r) => [r[0], r]));
  assert.equal(byK.get(2n)![6], false); // 'False'
  assert.equal(byK.get(3n)![6], null); // '' is null for a bool
  assert.equal(byK.get(3n)![1], 'EFBBBF626F6D206669727374'); // the BOM is kept
  assert.ok(Object.is(byK.get(10n)![4], -0)); // -0.0
  assert.equal(byK.get(11n)![10], '0b1c2d3e-0000-4000-8000-00000000000a');
  assert.equal(byK.get(2n)![7], BigInt(Date.parse('2024-01-01T10:00:00Z')) * 1_000_000n);
});

test('CRLF line ends, blank and white-space lines and a last line without a newline: read as the JS path reads them', async () => {
  const path = join(dir, 'line-ends.ndjson');
  writeFileSync(path, '{"k":1,"s":"a"}\r\n\r\n \t\n{"k":2,"s":"b\\r"}\r\n  {"k":3,"s":"c"}  \n\t{"k":4}');
  const { js, native } = await ingestBoth([path]);
  assert.equal(js.rows.length, 4);
  assert.deepStrictEqual(native.rows, js.rows);
  assert.deepStrictEqual(await nativeOnly(path), js.rows);
});

test('gzip: DuckDB reads a gzipped file itself, with the same result; the same file twice loads once', async () => {
  const plain = file('edges-gz.ndjson', EDGE_ROWS);
  const gz = join(dir, 'edges.ndjson.gz');
  await pipeline(createReadStream(plain), createGzip(), createWriteStream(gz));
  const { js, native } = await ingestBoth([gz, gz]);
  assert.deepStrictEqual(native.rows, js.rows);
  assert.deepStrictEqual(native.report.files.map((f) => f.status), ['loaded', 'already loaded']);
  const alone = await nativeOnly(gz, true);
  assert.deepStrictEqual(alone, js.rows);
  // Several gzip members one after the other (as `cat a.gz b.gz` makes) are one stream.
  const half = Math.floor(EDGE_ROWS.length / 2);
  const members = join(dir, 'members.ndjson.gz');
  const parts = [file('part1.ndjson', EDGE_ROWS.slice(0, half)), file('part2.ndjson', EDGE_ROWS.slice(half))];
  const ws = createWriteStream(members);
  for (const p of parts) await pipeline(createReadStream(p), createGzip(), ws, { end: false });
  ws.end();
  await once(ws, 'finish');
  assert.deepStrictEqual(await nativeOnly(members, true), js.rows);
  // Gzip is told from the bytes, not the name.
  const named = join(dir, 'edges-gzipped.json');
  await pipeline(createReadStream(plain), createGzip(), createWriteStream(named));
  assert.deepStrictEqual((await ingestBoth([named])).native.rows, js.rows);
});

test('progress is reported at the end, and a second ingest of the same file loads nothing', async () => {
  await withStore(async (store) => {
    const path = file('progress.ndjson', EDGE_ROWS);
    const seen: IngestProgress[] = [];
    const first = await ingestFiles(store, [path], { format: 'ndjson', table: 'All', now, onProgress: (p) => seen.push(p) });
    assert.equal(first.totalRows, EDGE_ROWS.length);
    assert.deepStrictEqual(first.rows, { All: EDGE_ROWS.length });
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i]!.bytesRead >= seen[i - 1]!.bytesRead && seen[i]!.rows >= seen[i - 1]!.rows);
    const last = seen.at(-1)!;
    assert.equal(last.units, EDGE_ROWS.length);
    assert.equal(last.rows, EDGE_ROWS.length);
    assert.equal(last.bytesRead, last.size);
    // DuckDB's progress tracking, switched on for the load, is as it was afterwards.
    const settings = await store.connection.runAndReadAll(`SELECT current_setting('enable_progress_bar'), current_setting('enable_progress_bar_print')`);
    assert.deepStrictEqual(settings.getRows(), [[false, true]]);
    const again = await ingestFiles(store, [path], { format: 'ndjson', table: 'All', now });
    assert.equal(again.totalRows, 0);
    assert.equal(again.files[0]!.status, 'already loaded');
    assert.equal((await contents(store)).length, EDGE_ROWS.length);
  });
});

test('a file the native path gives up on gets the JS path: same errors in strict mode, nothing stored', async () => {
  const cases: [string, (object | string)[], RegExp][] = [
    ['unknown-key.ndjson', [{ k: 1, s: 'ok' }, { k: 2, Nope: 1 }], /:2: unknown column 'Nope' for table 'All' \(names are case-sensitive\)$/],
    ['wrong-case.ndjson', [{ k: 1, s: 'ok' }, { k: 2, S: 'x' }], /:2: unknown column 'S' for table 'All'/],
    ['bad-value.ndjson', [{ k: 1, d: '2024-01-01T00:00:00Z' }, { k: 2, d: 'abc' }], /:2: column 'd': expected datetime, got "abc"$/],
    ['number-for-string.ndjson', [{ k: 1, s: 5 }], /:1: column 's': expected string, got 5$/],
    ['int-range.ndjson', [{ k: 1, i: 2147483648 }], /:1: column 'i': expected int, got 2147483648$/],
    ['unsafe-long.ndjson', ['{"k":1,"l":9007199254740993}'], /:1: column 'l': expected long, got .*written as a string/],
    // (A first line that is not JSON would make the file a JSON document, not lines.)
    ['trailing-comma.ndjson', [{ k: 0 }, '{"k":1,"s":"a",}'], /:2: not valid JSON/],
    ['nested-trailing-comma.ndjson', [{ k: 0 }, '{"k":1,"y":[1,2,]}'], /:2: not valid JSON/],
    ['nan.ndjson', [{ k: 0 }, '{"k":1,"r":NaN}'], /:2: not valid JSON/],
    ['infinity.ndjson', [{ k: 0 }, '{"k":1,"y":{"a":[-Infinity]}}'], /:2: not valid JSON/],
    ['comma-across-buffers.ndjson', acrossBuffers('{"k":2,"s":"x"', ',}'), /:2: not valid JSON/],
    ['duplicate-key.ndjson', ['{"k":1,"s":"a","s":"b"}', '{"k":2,"d":"never"}'], /:2: column 'd': expected datetime, got "never"$/],
    ['not-an-object.ndjson', [{ k: 1 }, '[1,2]'], /:2: expected a JSON object/],
    ['not-json.ndjson', [{ k: 1 }, '{"k": 2'], /:2: not valid JSON/],
  ];
  for (const [name, lines, error] of cases) {
    const path = file(name, lines);
    assert.ok((await nativeOnly(path)) instanceof NativeGaveUp, `${name}: the native path gives up`);
    await withStore(async (store) => {
      await assert.rejects(ingestNdjson(store, 'All', [path]).then(() => assert.fail(`${name}: loaded`)), (e: unknown) => {
        assert.ok(e instanceof IngestError, `${name}: ${String(e)}`);
        assert.match(e.message, error, name);
        assert.ok(e.message.startsWith(`${path}:`), name);
        return true;
      });
      assert.deepStrictEqual(await contents(store), [], name);
    });
  }
});

test('not strict: the bad lines of a file the native path gives up on are set aside, the rest loads', async () => {
  const path = file('mixed.ndjson', [{ k: 1, s: 'a' }, { k: 2, d: 'yesterday' }, { k: 3, s: 'c', Extra: true }, { k: 4, s: 'd' }]);
  await withStore(async (store) => {
    const r = await ingestFiles(store, [path], { format: 'ndjson', table: 'All', now });
    assert.equal(r.totalRows, 2);
    assert.equal(r.rejected, 2);
    const rejected = await listRejections(store);
    assert.deepStrictEqual(rejected.map((x) => [x.line, x.reason]), [
      [2, `column 'd': expected datetime, got "yesterday"`],
      [3, `unknown column 'Extra' for table 'All' (names are case-sensitive)`],
    ]);
    assert.deepStrictEqual((await contents(store)).map((row) => row[0]), [1n, 4n]);
  });
});

test('values the native path does not convert itself load through the JS path, as the JS path stores them', async () => {
  const cases: [string, (object | string)[]][] = [
    ['negative-zero.ndjson', ['{"k":1,"r":-0}']],
    ['negative-zero-across-buffers.ndjson', acrossBuffers('{"k":2,"r":', '-0}')],
    ['negative-zero-across-buffers-2.ndjson', acrossBuffers('{"k":2,"r":-', '0}')],
    ['bom.ndjson', ['\ufeff{"k":1,"s":"a"}', '{"k":2,"s":"b"}']],
    ['export-datetimes.ndjson', [{ k: 1, d: '4/14/2025 11:35:37 AM' }, { k: 2, d: '2025-04-14T3:15:37.008Z' }, { k: 3, d: '2024-01-01T00:00:00 Z' }]],
    ['type-missing-in-some.ndjson', [{ k: 1, Type: 'X' }, { k: 2 }, { k: 3, Type: null }]],
    ['duplicate-nested-key.ndjson', ['{"k":1,"y":{"a":1,"a":2}}']],
    ['integer-like-keys.ndjson', ['{"k":1,"y":{"b":1,"2":2,"1":3}}']],
    ['exponent.ndjson', ['{"k":1,"y":[1e2, 1.0, 0.1e-9]}', '{"k":2,"i":1.0}']],
    ['big-integer-in-object.ndjson', ['{"k":1,"y":[12345678901234567890]}', '{"k":2,"y":{"a":123456789012345678}}']],
    ['json-in-string-invalid.ndjson', [{ k: 1, y: '[not json]' }, { k: 2, y: '{"a":1,}' }]],
    ['control-escape.ndjson', [{ k: 1, y: { a: '\u0001' } }]],
    ['vertical-tab.ndjson', ['{"k":1,"s":"a"}\u000b']],
  ];
  for (const [name, lines] of cases) {
    const path = file(name, lines);
    assert.ok((await nativeOnly(path)) instanceof NativeGaveUp, `${name}: the native path gives up`);
    const { js, native } = await ingestBoth([path], { strict: false });
    assert.deepStrictEqual(native.rows, js.rows, name);
    assert.equal(native.report.rejected, js.report.rejected, name);
  }
  // Bytes that are not UTF-8: DuckDB refuses them, the JS reader decodes them as U+FFFD.
  const latin1 = join(dir, 'latin1.ndjson');
  writeFileSync(latin1, Buffer.concat([Buffer.from('{"k":1,"s":"caf'), Buffer.from([0xe9]), Buffer.from('"}\n')]));
  assert.ok((await nativeOnly(latin1)) instanceof NativeGaveUp);
  const decoded = await ingestBoth([latin1]);
  assert.deepStrictEqual(decoded.native.rows, decoded.js.rows);
  assert.equal(decoded.native.rows[0]![1], Buffer.from('caf\ufffd').toString('hex').toUpperCase());
  const negative = (await ingestBoth([join(dir, 'negative-zero.ndjson')])).native.rows;
  assert.ok(Object.is(negative[0]![4], -0));
  // read_json expands glob patterns, so a name with glob characters is not even tried.
  const lines = { container: 'lines', format: 'ndjson' } as const;
  assert.equal(nativeCandidate(join(dir, 'x.ndjson'), lines, 'All', 0), true);
  assert.equal(nativeCandidate(join(dir, 'x[1].ndjson'), lines, 'All', 0), false);
  assert.equal(nativeCandidate(join(dir, 'x.ndjson'), lines, undefined, 0), false);
  assert.equal(nativeCandidate(join(dir, 'x.ndjson'), lines, 'All', 5), false);
});

test('a key first seen beyond DuckDB\'s sample of the file: read again with every line sampled', async () => {
  const lines: object[] = Array.from({ length: 20_500 }, (_, k) => ({ k, s: `r${k}` }));
  lines.push({ k: 20_500, s: 'late', g: 'ABCDEF01-2345-6789-abcd-ef0123456789' });
  const path = file('late-key.ndjson', lines);
  const gaveUp = await nativeOnly(path);
  assert.ok(gaveUp instanceof NativeGaveUp && gaveUp.sampleAll && gaveUp.spoilt, 'the first try gives up, asking for a full sample');
  for (const strict of [true, false]) {
    const { js, native } = await ingestBoth([path], { strict });
    assert.equal(native.rows.length, 20_501);
    assert.deepStrictEqual(native.rows, js.rows);
  }
  // A late key that is not a column: DuckDB fails on it all the same, and the JS path names it.
  lines.pop();
  lines.push({ k: 20_500, s: 'late', Nope: 1 });
  const unknown = file('late-unknown-key.ndjson', lines);
  const late = await nativeOnly(unknown);
  assert.ok(late instanceof NativeGaveUp && !late.sampleAll);
  await withStore(async (store) => {
    await assert.rejects(ingestNdjson(store, 'All', [unknown]), /late-unknown-key\.ndjson:20501: unknown column 'Nope' for table 'All'/);
    assert.deepStrictEqual(await contents(store), []);
  });
});

test('strict, several files: one the native path gives up on does not cost the others their rows', async () => {
  const good = file('several-good.ndjson', EDGE_ROWS);
  // One it gives up on before it inserts anything (rows without keys: nothing for DuckDB to detect), one after.
  const empty = file('several-empty.ndjson', [{}, {}]);
  const other = file('several-other.ndjson', [{ k: 100, s: 'x', d: '4/14/2025 11:35:37 AM' }]);
  for (const f of [empty, other]) assert.equal(((await nativeOnly(f)) as NativeGaveUp).spoilt, f === other);
  const { js, native } = await ingestBoth([good, empty, other]);
  assert.equal(native.rows.length, EDGE_ROWS.length + 3);
  assert.deepStrictEqual(native.rows, js.rows);
  assert.deepStrictEqual(native.ledger, js.ledger);
  const bad = file('several-bad.ndjson', [{ k: 200, d: 'never' }]);
  await withStore(async (store) => {
    await assert.rejects(ingestNdjson(store, 'All', [good, bad]), /several-bad\.ndjson:1: column 'd': expected datetime, got "never"$/);
    assert.deepStrictEqual(await contents(store), []);
    assert.deepStrictEqual((await store.connection.runAndReadAll(`SELECT count(*) FROM _kqlwatch.loaded_files`)).getRows(), [[0n]]);
  });
});

test('format auto with --table: the native path for table columns, the JS path when a key may be another format', async () => {
  const rows = [
    { TimeGenerated: '2024-05-01T08:00:00.1234567Z', UserPrincipalName: 'alice@contoso.com', ResultType: '0', IsInteractive: true,
      LocationDetails: { city: 'Oslo', geoCoordinates: { latitude: 59.9, longitude: 10.75 } }, Status: '{"errorCode":0}', Type: 'SigninLogs' },
    { TimeGenerated: '2024-05-01T09:00:00+02:00', UserPrincipalName: 'bob@contoso.com', ResultType: '50126', IsInteractive: 'false',
      LocationDetails: null, Status: { errorCode: 50126, failureReason: 'Invalid username or password.' }, Type: 'SigninLogs' },
  ];
  const both = async (path: string, strict = true) => {
    const run = async (native: boolean) => {
      const store = await openStore(':memory:');
      try {
        const report = await ingestFiles(store, [path], { table: 'SigninLogs', strict, now, native });
        const read = await readLogical(store,
          `SELECT epoch_ns(TimeGenerated), UserPrincipalName, ResultType, IsInteractive, LocationDetails::VARCHAR, Status::VARCHAR, "Type", AppDisplayName FROM SigninLogs ORDER BY 1`);
        return { report, rows: read.getRows() };
      } finally {
        store.close();
      }
    };
    return { js: await run(false), native: await run(true) };
  };
  const path = file('auto.ndjson', rows);
  const r = await both(path);
  assert.equal(r.native.rows.length, 2);
  assert.deepStrictEqual(r.native.rows, r.js.rows);
  assert.equal(r.native.report.files[0]!.format, 'auto');
  const store = await openStore(':memory:');
  try {
    await store.ensureTables(['SigninLogs']);
    await store.connection.run('BEGIN TRANSACTION');
    assert.equal(await insertNdjsonNative(store, path, tableSchema(store.catalog, 'SigninLogs'), { gzip: false, format: 'auto', ingestedNs: 0n }), 2);
    await store.rollback();
    // `auto` leaves out keys that are not columns (exports carry hidden ones) and reads lower-case keys as other formats.
    for (const [name, extra] of [['auto-hidden.ndjson', { _ResourceId: '/x' }], ['auto-diag.ndjson', { category: 'SignInLogs', time: '2025-01-01T00:00:00Z' }]] as const) {
      const other = file(name, [rows[0]!, { ...rows[1]!, ...extra }]);
      await store.connection.run('BEGIN TRANSACTION');
      await assert.rejects(insertNdjsonNative(store, other, tableSchema(store.catalog, 'SigninLogs'), { gzip: false, format: 'auto', ingestedNs: 0n }), NativeGaveUp);
      await store.rollback();
      const e = await both(other, false);
      assert.deepStrictEqual(e.native.rows, e.js.rows, name);
      assert.equal(e.native.report.rejected, e.js.report.rejected, name);
    }
  } finally {
    store.close();
  }
});

test('no shipped table has a column that auto detection would read as another format', () => {
  // ndjson-native.ts relies on it for `auto`: the keys it passes start with an upper-case letter or `_`, and every
  // detector of formats.ts looks at lower-case (or `@`) keys.
  for (const table of defaultCatalog().tables.values()) {
    const rec: Record<string, unknown> = {};
    for (const c of table.columns) if (/^[A-Z_]/.test(c.name)) rec[c.name] = c.type === 'dynamic' ? { a: [] } : 'x';
    assert.equal(recordKind('auto', rec), 'table-row', table.name);
    assert.equal(innerRecords(rec), undefined, table.name);
  }
});

test('kill -9 during a native load leaves all of the file or none of it; a rerun completes it once', async () => {
  const path = join(dir, 'big.ndjson');
  const out = createWriteStream(path);
  const N = 300_000;
  for (let k = 0; k < N; k++) {
    if (!out.write(`{"k":${k},"s":"row ${k}","d":"2024-01-01T00:00:00.${String(k % 10_000_000).padStart(7, '0')}Z","b":${k % 2 === 0}}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const db = join(dir, 'killed.duckdb');
  const script = join(dir, 'native-child.mjs');
  const module = (name: string) => JSON.stringify(fileURLToPath(new URL(name, import.meta.url)));
  writeFileSync(script, [
    `import { openStore } from ${module('../store/store.js')};`,
    `import { makeCatalog } from ${module('../kql/syntax/catalog.js')};`,
    `import { ingestFiles } from ${module('./ingest-files.js')};`,
    `const catalog = makeCatalog(${JSON.stringify([...catalog.tables.values()])});`,
    `const store = await openStore(process.argv[2], { catalog });`,
    `await ingestFiles(store, [process.argv[3]], { format: 'ndjson', table: 'All', strict: true });`,
    `store.close();`,
  ].join('\n'));
  const child = spawn(process.execPath, [script, db, path], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  // Killed at some point of the load: once the database file exists, after a moment.
  for (let i = 0; i < 400 && !existsSync(db); i++) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 150));
  child.kill('SIGKILL');
  await exited;
  const store = await openStore(db, { catalog });
  try {
    await store.ensureTables(['All']);
    const count = async () => Number((await store.connection.runAndReadAll(`SELECT count(*) FROM "All"`)).getRows()[0]![0]);
    const stored = await count();
    assert.ok(stored === 0 || stored === N, `${stored} rows after the kill`);
    const rerun = await ingestFiles(store, [path], { format: 'ndjson', table: 'All', strict: true });
    assert.equal(rerun.totalRows, N - stored);
    assert.equal(await count(), N);
  } finally {
    store.close();
  }
});
