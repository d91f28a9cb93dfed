import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Cell } from '../../kql/engine-types.js';
import type { KustoType } from '../../kql/plan/types.js';
import { compareCell, formatCell, maximumMatching, type CellCompareOptions } from './compare-cells.js';

function same(expected: string, actual: Cell, type: KustoType, options?: CellCompareOptions): void {
  const r = compareCell(expected, actual, type, options);
  assert.ok(r.equal, `${JSON.stringify(expected)} vs ${String(actual)} (${type}) should match: ${r.equal ? '' : r.detail}`);
}

function differs(expected: string, actual: Cell, type: KustoType, options?: CellCompareOptions): void {
  const r = compareCell(expected, actual, type, options);
  assert.equal(r.equal, false, `${JSON.stringify(expected)} vs ${String(actual)} (${type}) should differ`);
}

/** ns since the epoch, as the engine returns datetimes. */
function ns(iso: string, extraNs = 0n): bigint {
  return BigInt(Date.parse(iso)) * 1_000_000n + extraNs;
}

test('datetime: the formats the docs print, compared as instants', () => {
  const t = ns('2017-10-01T00:00:00Z');
  same('2017-10-01 00:00:00.0000000', t, 'datetime');
  same('2017-10-01T00:00:00Z', t, 'datetime');
  same('2017-10-01T00:00:00.0000000Z', t, 'datetime');
  same('2017-10-01 00:00:00', t, 'datetime');
  same('2017-10-01', t, 'datetime');
  same('10/01/2017 00:00:00', t, 'datetime');
  same('2017-10-01T02:00:00+02:00', t, 'datetime');
  same('2015-12-05 09:10:04.627', ns('2015-12-05T09:10:04.627Z'), 'datetime');
  same('2022-06-19T08:22:54.6623324Z', ns('2022-06-19T08:22:54.662Z', 332_400n), 'datetime');
  same('02/17/2016 08:40:01 PM', ns('2016-02-17T20:40:01Z'), 'datetime');
  differs('2017-10-01 00:00:01.0000000', t, 'datetime');
  differs('2017-10-01', ns('2017-10-02T00:00:00Z'), 'datetime');
  differs('not a date', t, 'datetime');
});

test('datetime: compared at 100 ns ticks, not nanoseconds', () => {
  same('2017-10-01 00:00:00.0000001', ns('2017-10-01T00:00:00Z', 199n), 'datetime');
  differs('2017-10-01 00:00:00.0000001', ns('2017-10-01T00:00:00Z', 200n), 'datetime');
  // Before 1970 the tick is floored, not truncated towards zero.
  same('1969-12-31 23:59:59.9999999', -50n, 'datetime');
});

test('timespan: [-][d.]hh:mm:ss[.fffffff] parsed to ticks', () => {
  same('01:00:00', 36_000_000_000n, 'timespan');
  same('30.00:00:00', 30n * 864_000_000_000n, 'timespan');
  same('00:00:00.0500000', 500_000n, 'timespan');
  same('00:00:00.05', 500_000n, 'timespan');
  same('-12:00:00', -432_000_000_000n, 'timespan');
  same('1.12:30:55.1230000', 864_000_000_000n + 12n * 36_000_000_000n + 30n * 600_000_000n + 55n * 10_000_000n + 1_230_000n, 'timespan');
  differs('14:00:00:00', 14n * 864_000_000_000n, 'timespan');
  differs('01:00:00', 36_000_000_001n, 'timespan');
});

test('bool: case-insensitive', () => {
  same('true', true, 'bool');
  same('True', true, 'bool');
  same('FALSE', false, 'bool');
  differs('true', false, 'bool');
  differs('1', true, 'bool');
});

test('numbers: tolerance from the decimals the docs print', () => {
  same('7.389056', Math.exp(2), 'real');
  differs('7.389057', Math.exp(2), 'real');
  same('0.46364760900080609', Math.atan(0.5), 'real');
  same('0.982', 0.98156, 'real');
  differs('0.982', 0.9814, 'real');
  same('2.730', 2.7301, 'real');
  same('1.5E-05', 0.000015, 'real');
  same('100', 100, 'real');
  differs('1.2532358975033751', Math.asin(0.5), 'real');
});

test('numbers: longs exact, thousands separators, NaN and infinities', () => {
  same('-101', -101n, 'long');
  same('9223372036854775807', 9223372036854775807n, 'long');
  differs('9223372036854775807', 9223372036854775806n, 'long');
  same('1,048,576', 1_048_576n, 'long');
  same('1,000,000,020,000,000,300,000,004', 1.000000020000000300000004e24, 'decimal');
  same('42', 42, 'int');
  same('NaN', NaN, 'real');
  same('Infinity', Infinity, 'real');
  same('-Infinity', -Infinity, 'real');
  differs('NaN', 0, 'real');
  differs('Infinity', -Infinity, 'real');
  differs('abc', 1, 'real');
});

test('empty cell: null or empty string', () => {
  same('', null, 'string');
  same('', '', 'string');
  same('', null, 'long');
  same('', null, 'dynamic');
  same('', 'null', 'dynamic');
  same('', null, 'datetime');
  differs('', 'x', 'string');
  differs('', 0n, 'long');
  differs('', '[]', 'dynamic');
  // The literal null (null-values page) is a null of any type.
  same('null', null, 'bool');
  differs('null', false, 'bool');
});

test('strings: exact, or equal after collapsing whitespace (markdown flattens newlines)', () => {
  same('Hello, World!', 'Hello, World!', 'string');
  same('public class Program { }', '\n  public class Program {\n  }', 'string');
  differs('abc', 'ABC', 'string');
  differs('a b', 'ab', 'string');
  // JSON text the docs pretty-printed.
  same('{\n  "a": "b",\n  "c": 1\n}', '{"a":"b","c":1}', 'string');
  differs('{"a": "b"}', '{"a":"c"}', 'string');
});

test('guid: case-insensitive', () => {
  same('74BE27DE-1E4E-49D9-B579-FE0B331D3642', '74be27de-1e4e-49d9-b579-fe0b331d3642', 'guid');
  differs('74be27de-1e4e-49d9-b579-fe0b331d3642', '00000000-0000-0000-0000-000000000000', 'guid');
});

test('dynamic: structural compare, key order ignored, numbers numerically', () => {
  same('{"a": "b", "c": 123}', '{"c":123,"a":"b"}', 'dynamic');
  same('{\n  "a": "b",\n  "c": {\n    "d": 123\n  }\n}', '{"a":"b","c":{"d":123}}', 'dynamic');
  same('[5.0]', '[5]', 'dynamic');
  same('[1, 0, 50]', '[1,0,50]', 'dynamic');
  differs('[1,2,3]', '[1,3,2]', 'dynamic');
  differs('{"a": 1}', '{"a":1,"b":2}', 'dynamic');
  differs('[1,2]', '["1","2"]', 'dynamic');
  // The docs mistake on series_asin: numbers shown as strings do not match numbers.
  differs('["-1.5707963267948966",0]', '[-1.5707963267948966,0]', 'dynamic');
  same('[0.5236]', '[0.52359877559829893]', 'dynamic');
});

test('dynamic: array order ignored only for set functions, and only at the top level', () => {
  const set: CellCompareOptions = { unorderedArrays: true };
  same('["A1","A2","A3","C1","C2"]', '["C2","A1","A3","A2","C1"]', 'dynamic', set);
  same('[1,5,7]', '[7,5,1]', 'dynamic', set);
  differs('[1,5,7]', '[7,5,5]', 'dynamic', set);
  differs('[[1,2]]', '[[2,1]]', 'dynamic', set);
});

test('dynamic: lenient docs JSON (single quotes, bare words, elided elements, unquoted scalars)', () => {
  same("{'a': 1,'b': '2','c': 3.4}", '{"a":1,"b":"2","c":3.4}', 'dynamic');
  same('[yes, no, yes]', '["yes","no","yes"]', 'dynamic');
  same('["2007-01-01T00:00:00.0000000Z","2007-01-02T00:00:00.0000000Z",.....,"2007-12-31T00:00:00.0000000Z"]',
    '["2007-01-01T00:00:00.0000000Z","2007-01-02T00:00:00.0000000Z","2007-01-03T00:00:00.0000000Z","2007-12-31T00:00:00.0000000Z"]', 'dynamic');
  same('{"type": "Polygon","coordinates": [ ... ]}', '{"type":"Polygon","coordinates":[[1,2],[3,4]]}', 'dynamic');
  differs('{"type": "Polygon","coordinates": [ ... ]}', '{"type":"Point","coordinates":[1,2]}', 'dynamic');
  // A dynamic string is printed without quotes.
  same('a', '"a"', 'dynamic');
  same('https://x.com/a b', '"https://x.com/a b"', 'dynamic');
  // Datetimes inside dynamic compare as instants.
  same('["2007-01-01T00:00:00Z"]', '["2007-01-01T00:00:00.0000000Z"]', 'dynamic');
  // Not JSON on the docs side: compared as text.
  differs('["A2\',"A1"]', '["A2","A1"]', 'dynamic');
});

test('maximumMatching finds a perfect matching greedy pairing would miss', () => {
  // Left 0 fits right 0 and 1; left 1 fits only right 0.
  const fits = [[true, true], [true, false]];
  const m = maximumMatching(2, 2, (i, j) => fits[i]![j]!);
  assert.deepEqual(m.unmatchedLeft, []);
  assert.deepEqual(m.leftToRight, [1, 0]);
});

test('formatCell prints datetimes and timespans the Kusto way', () => {
  assert.equal(formatCell(ns('2017-10-01T00:00:00Z'), 'datetime'), '2017-10-01T00:00:00.0000000Z');
  assert.equal(formatCell(30n * 864_000_000_000n + 5n, 'timespan'), '30.00:00:00.0000005');
  assert.equal(formatCell(-36_000_000_000n, 'timespan'), '-01:00:00');
  assert.equal(formatCell(null, 'long'), 'null');
  assert.equal(formatCell('x', 'string'), '"x"');
});
