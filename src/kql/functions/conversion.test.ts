import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kql, kqlValue } from '../testing/run-kql.js';

// Documented examples: <function>-function.md.
const CASES: readonly [string, unknown][] = [
  ['tostring(123)', '123'],
  ['tostring(long(null))', ''],
  ['tostring(dynamic({"a":1}))', '{"a":1}'],
  ['tostring(dynamic("abc"))', 'abc'],
  ['tolong("123") == 123', true],
  ['toint("123") == 123', true],
  ['toint(2.3)', 2],
  ['toreal("123.4") == 123.4', true],
  ['todouble("abc")', null],
  ['tobool("true") == true', true],
  ['tobool("false") == false', true],
  ['tobool(1) == true', true],
  ['tobool(123) == true', true],
  ['todecimal("123.45678") == 123.45678', true],
  ['tohex(256) == "100"', true],
  ['tohex(-256) == "ffffffffffffff00"', true],
  ['tohex(toint(-256), 8) == "ffffff00"', true],
  ['tohex(256, 8) == "00000100"', true],
  ['tohex(256, 2) == "100"', true],
  ['gettype(new_guid())', 'guid'],
];

for (const [expr, expected] of CASES) {
  test(expr, async () => {
    assert.deepEqual(await kqlValue(`print ${expr}`), expected);
  });
}

test('toguid accepts 32 hex digits with or without dashes (toguid-function.md)', async () => {
  const r = await kql(`datatable(str: string)["0123456789abcdef0123456789abcdef", "0123456789ab-cdef-0123-456789abcdef", "a string that is not a guid"]
    | extend guid = toguid(str)`);
  assert.deepEqual(r.rows.map((row) => row[1]), ['01234567-89ab-cdef-0123-456789abcdef', '01234567-89ab-cdef-0123-456789abcdef', null]);
});

test('new_guid gives a different guid per row (new-guid-function.md)', async () => {
  const r = await kql('range i from 1 to 3 step 1 | extend g = new_guid() | summarize dcount(g)');
  assert.equal(r.rows[0]![0], 3);
});
