import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Column } from '../plan/types.js';
import type { Cell } from '../engine-types.js';
import { formatCell } from './format-cell.js';
import { formatCsvHeader, formatCsvRow } from './format-csv-row.js';
import { formatDatetime } from './format-datetime.js';
import { formatJsonRow } from './format-json-row.js';
import { formatTable, MAX_CELL } from './format-table.js';
import { formatTimespan } from './format-timespan.js';
import { parseDatetime } from './parse-datetime.js';
import { parseTimespan } from './parse-timespan.js';
import { formatDiagnosticSource } from './format-diagnostic-source.js';

const H = 36_000_000_000n;
const D = 24n * H;
const ns = (iso: string): bigint => BigInt(Date.parse(iso)) * 1_000_000n;

test('timespan text: day part and fraction only when non-zero', () => {
  assert.equal(formatTimespan(D + 2n * H), '1.02:00:00');
  assert.equal(formatTimespan(-12n * H), '-12:00:00');
  assert.equal(formatTimespan(1n), '00:00:00.0000001');
  assert.equal(formatTimespan(3n * 600_000_000n), '00:03:00');
  assert.equal(formatTimespan(5_000_000n), '00:00:00.5000000');
  assert.equal(formatTimespan(0n), '00:00:00');
  assert.equal(formatTimespan(-(D + 1n)), '-1.00:00:00.0000001');
});

test('timespan text parses back to the same ticks', () => {
  for (const t of [0n, 1n, D + 2n * H, -12n * H, 5_000_000n, 400n * D + 123456789n]) {
    assert.equal(parseTimespan(formatTimespan(t)), t);
  }
  assert.equal(parseTimespan('1:00:00'), H);
  assert.equal(parseTimespan('00:60:00'), undefined);
  assert.equal(parseTimespan('1h'), undefined);
});

test('datetime text: ISO 8601 UTC with 7 fraction digits and Z, 100 ns precision', () => {
  assert.equal(formatDatetime(ns('2024-01-01T10:00:00Z')), '2024-01-01T10:00:00.0000000Z');
  assert.equal(formatDatetime(ns('2024-01-01T10:00:00Z') + 1234500n), '2024-01-01T10:00:00.0012345Z');
  assert.equal(formatDatetime(-100n), '1969-12-31T23:59:59.9999999Z');
  assert.equal(formatDatetime(parseDatetime('0001-01-01T00:00:00Z')!), '0001-01-01T00:00:00.0000000Z');
  assert.equal(formatDatetime(parseDatetime('9999-12-31T23:59:59.9999999Z')!), '9999-12-31T23:59:59.9999999Z');
});

test('datetime parsing: zones, offsets, fractions, bad dates', () => {
  const base = ns('2024-03-01T10:00:00Z');
  assert.equal(parseDatetime('2024-03-01T10:00:00Z'), base);
  assert.equal(parseDatetime('2024-03-01T10:00:00'), base);
  assert.equal(parseDatetime('2024-03-01 10:00:00'), base);
  assert.equal(parseDatetime('2024-03-01T12:30:00+02:30'), base);
  assert.equal(parseDatetime('2024-03-01T05:00:00-0500'), base);
  assert.equal(parseDatetime('2024-03-01T10:00:00.1234567Z'), base + 123456700n);
  assert.equal(parseDatetime('2024-03-01'), ns('2024-03-01T00:00:00Z'));
  for (const bad of ['abc', '2024-02-30T00:00:00Z', '2023-02-29', '2024-03-01T24:00:00Z', '2024-03-01T10:00:00.12345678Z', '']) {
    assert.equal(parseDatetime(bad), undefined, bad);
  }
  assert.equal(parseDatetime('2024-02-29'), ns('2024-02-29T00:00:00Z'));
});

const columns: Column[] = [
  { name: 's', type: 'string' },
  { name: 'i', type: 'int' },
  { name: 'l', type: 'long' },
  { name: 'r', type: 'real' },
  { name: 'b', type: 'bool' },
  { name: 'd', type: 'datetime' },
  { name: 't', type: 'timespan' },
  { name: 'y', type: 'dynamic' },
  { name: 'g', type: 'guid' },
];
const row: Cell[] = [
  'a,"b"', 42, 9007199254740993n, 1.5, true, ns('2024-01-01T10:00:00Z') + 100n, D + 2n * H,
  '{"a":[1,2],"big":12345678901234567890}', '0b1c2d3e-0000-4000-8000-000000000001',
];

test('JSON lines: Kusto conventions per type, long exact beyond 2^53, dynamic embedded', () => {
  assert.equal(
    formatJsonRow(columns, row),
    '{"s":"a,\\"b\\"","i":42,"l":9007199254740993,"r":1.5,"b":true,"d":"2024-01-01T10:00:00.0000001Z",' +
      '"t":"1.02:00:00","y":{"a":[1,2],"big":12345678901234567890},"g":"0b1c2d3e-0000-4000-8000-000000000001"}',
  );
  assert.equal(
    formatJsonRow(columns, columns.map(() => null)),
    '{"s":null,"i":null,"l":null,"r":null,"b":null,"d":null,"t":null,"y":null,"g":null}',
  );
  const reals: Column[] = [{ name: 'a', type: 'real' }, { name: 'b', type: 'real' }, { name: 'c', type: 'real' }];
  assert.deepEqual(JSON.parse(formatJsonRow(reals, [NaN, Infinity, -Infinity])), { a: 'NaN', b: 'Infinity', c: '-Infinity' });
  assert.equal(formatJsonRow([{ name: 'y', type: 'dynamic' }], ['{\n "a": 1\n}']), '{"y":{ "a": 1}}');
});

test('CSV: header, RFC 4180 quoting, same text values as Kusto', () => {
  assert.equal(formatCsvHeader(columns), 's,i,l,r,b,d,t,y,g');
  assert.equal(
    formatCsvRow(columns, row),
    '"a,""b""",42,9007199254740993,1.5,true,2024-01-01T10:00:00.0000001Z,1.02:00:00,' +
      '"{""a"":[1,2],""big"":12345678901234567890}",0b1c2d3e-0000-4000-8000-000000000001',
  );
  assert.equal(formatCsvRow(columns, columns.map(() => null)), ',,,,,,,,');
  assert.equal(formatCsvRow([{ name: 's', type: 'string' }], ['two\nlines']), '"two\nlines"');
});

test('formatCell: text per type', () => {
  assert.equal(formatCell(NaN, 'real'), 'NaN');
  assert.equal(formatCell(-Infinity, 'real'), '-Infinity');
  assert.equal(formatCell(false, 'bool'), 'false');
  assert.equal(formatCell(-12n * H, 'timespan'), '-12:00:00');
  assert.equal(formatCell(null, 'string'), '');
});

test('table: aligned columns, numbers right-aligned, long cells cut, row count', () => {
  const cols: Column[] = [{ name: 'Name', type: 'string' }, { name: 'n', type: 'long' }, { name: 'When', type: 'datetime' }];
  const text = formatTable(cols, [
    ['alice', 5n, ns('2024-01-01T10:00:00Z')],
    ['b', 12345n, null],
  ]);
  assert.equal(
    text,
    [
      'Name       n  When',
      '-----  -----  ----------------------------',
      'alice      5  2024-01-01T10:00:00.0000000Z',
      'b      12345',
      '(2 rows)',
      '',
    ].join('\n'),
  );
  const long = formatTable([{ name: 'x', type: 'string' }], [['x'.repeat(200)], ['a\nb']]).split('\n');
  assert.equal(long[2], 'x'.repeat(MAX_CELL - 1) + '…');
  assert.equal(long[3], 'a b');
  assert.equal(long[4], '(2 rows)');
  assert.equal(formatTable(cols, []).split('\n').at(-2), '(0 rows)');
});

test('diagnostic with its source line and a caret under the column', () => {
  const text = 'T\n\t| where Nope == 1';
  const d = { code: 'KS142', severity: 'error' as const, message: "The name 'Nope' does not refer to anything.", line: 2, column: 10, start: 11, length: 4 };
  assert.equal(
    formatDiagnosticSource(text, d, 'q.kql'),
    "q.kql:2:10 KS142 error: The name 'Nope' does not refer to anything.\n  \t| where Nope == 1\n  \t        ^~~~",
  );
  assert.equal(formatDiagnosticSource(text, { ...d, line: 9 }), "9:10 KS142 error: The name 'Nope' does not refer to anything.");
});
