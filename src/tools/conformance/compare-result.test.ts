import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Cell, QueryResult } from '../../kql/engine-types.js';
import type { KustoType } from '../../kql/plan/types.js';
import { compareResult } from './compare-result.js';
import type { ConformanceRecord, ExpectedTable } from './records.js';

function record(expected: ExpectedTable, extra: Partial<ConformanceRecord> = {}): ConformanceRecord {
  return { id: 't#1', feature: 't', suite: 'core', query: 'print 1', expected, ordered: true, deterministic: true, truncated: false, notes: [], ...extra };
}

function result(columns: [string, KustoType][], rows: Cell[][]): QueryResult {
  return { columns: columns.map(([name, type]) => ({ name, type })), rows };
}

const xy = result([['x', 'long'], ['y', 'string']], [[1n, 'a'], [2n, 'b'], [3n, 'c']]);

test('ordered rows compare position by position', () => {
  const rec = record({ columns: ['x', 'y'], rows: [['1', 'a'], ['2', 'b'], ['3', 'c']] });
  assert.equal(compareResult(rec, xy).passed, true);
  const swapped = record({ columns: ['x', 'y'], rows: [['2', 'b'], ['1', 'a'], ['3', 'c']] });
  const r = compareResult(swapped, xy);
  assert.equal(r.passed, false);
  assert.match(r.reason!, /^row 1, column "x": expected 2, got 1/);
});

test('ordered=false compares rows as a multiset', () => {
  const rec = record({ columns: ['x', 'y'], rows: [['3', 'c'], ['1', 'a'], ['2', 'b']] }, { ordered: false });
  assert.equal(compareResult(rec, xy).passed, true);
  const wrong = record({ columns: ['x', 'y'], rows: [['3', 'c'], ['1', 'a'], ['2', 'z']] }, { ordered: false });
  const r = compareResult(wrong, xy);
  assert.equal(r.passed, false);
  assert.match(r.reason!, /no result row matches docs row 3 .*nearest result row 2: column "y": expected "z", got "b"/);
});

test('truncated: the documented rows are a subset', () => {
  const rec = record({ columns: ['x', 'y'], rows: [['3', 'c'], ['1', 'a']] }, { truncated: true });
  assert.equal(compareResult(rec, xy).passed, true);
  const tooMany = record({ columns: ['x', 'y'], rows: [['1', 'a'], ['1', 'a']] }, { truncated: true });
  assert.equal(compareResult(tooMany, xy).passed, false);
});

test('column names must match, and the reason says whether values do', () => {
  const rec = record({ columns: ['x', 'print4'], rows: [['1', 'a'], ['2', 'b'], ['3', 'c']] });
  const r = compareResult(rec, xy);
  assert.equal(r.passed, false);
  assert.equal(r.reason, 'columns differ: expected [x, print4], got [x, y]; values match');
});

test('bare expressions and derived checks compare values only; fewer shown values match the last columns', () => {
  const one = result([['print_0', 'real']], [[0.5235987755982989]]);
  assert.equal(compareResult(record({ columns: ['result'], rows: [['0.5235987755982989']] }, { bare_expression: true }), one).passed, true);
  assert.equal(compareResult(record({ columns: ['result'], rows: [['0.5235987755982989']] }, { derived: true }), one).passed, true);
  const ua = result([['useragent', 'string'], ['x', 'dynamic']], [['Mozilla', '{"Browser":{"Family":"AdobeAIR"}}']]);
  const codeBlock = record({ columns: ['result'], rows: [['{ "Browser": { "Family": "AdobeAIR" } }']] }, { notes: ['output taken from a code block in the docs, not a markdown table'] });
  assert.equal(compareResult(codeBlock, ua).passed, true);
});

test('partial_columns and a "..." column compare the shown columns by name', () => {
  const wide = result([['id', 'string'], ['a', 'long'], ['b', 'long'], ['c', 'long']], [['r', 1n, 2n, 3n]]);
  assert.equal(compareResult(record({ columns: ['b', 'a'], rows: [['2', '1']] }, { partial_columns: true }), wide).passed, true);
  assert.equal(compareResult(record({ columns: ['id', 'a', '...'], rows: [['r', '1', '...']] }, { truncated: true }), wide).passed, true);
  const missing = compareResult(record({ columns: ['z'], rows: [['2']] }, { partial_columns: true }), wide);
  assert.match(missing.reason!, /^missing column\(s\) "z"/);
});

test('deterministic=false checks only column names and row count', () => {
  const rec = record({ columns: ['x', 'y'], rows: [['9', 'q'], ['9', 'q'], ['9', 'q']] }, { deterministic: false });
  const r = compareResult(rec, xy);
  assert.equal(r.passed, true);
  assert.equal(r.check, 'schema-and-count');
  const fewer = record({ columns: ['x', 'y'], rows: [['9', 'q']] }, { deterministic: false });
  assert.equal(compareResult(fewer, xy).reason, 'expected 1 row(s), got 3');
});

test('expected_alternatives: any documented output passes', () => {
  const rec = record({ columns: ['x'], rows: [['5']] }, { expected_alternatives: [{ columns: ['x'], rows: [['1']] }] });
  const r = compareResult(rec, result([['x', 'long']], [[1n]]));
  assert.equal(r.passed, true);
  assert.deepEqual(r.notes, ['matched documented alternative 1']);
});

test('expected_normalized is preferred; several result sets compare the first and say so', () => {
  const rec = record(
    { columns: ['x'], rows: [['`a`']] },
    { expected_normalized: { columns: ['x'], rows: [['a']] }, expected_additional_results: [{ columns: ['y'], rows: [] }] },
  );
  const r = compareResult(rec, result([['x', 'string']], [['a']]));
  assert.equal(r.passed, true);
  assert.deepEqual(r.notes, ['only the first of 2 result sets compared']);
});

test('a short row of empty cells is the docs drawing an empty result', () => {
  const rec = record({ columns: ['resourceName', 'totalSlices'], rows: [['']] });
  assert.equal(compareResult(rec, result([['resourceName', 'string'], ['totalSlices', 'long']], [])).passed, true);
  assert.equal(compareResult(rec, result([['resourceName', 'string'], ['totalSlices', 'long']], [['', null]])).passed, false);
});

test('set-function note: top-level arrays compare in any order', () => {
  const rec = record({ columns: ['s'], rows: [['[1,5,7]']] }, { notes: ['array element order of set functions is not guaranteed'] });
  assert.equal(compareResult(rec, result([['s', 'dynamic']], [['[7,1,5]']])).passed, true);
  const ordered = record({ columns: ['s'], rows: [['[1,5,7]']] });
  assert.equal(compareResult(ordered, result([['s', 'dynamic']], [['[7,1,5]']])).passed, false);
});
