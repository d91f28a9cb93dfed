import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kql, kqlValue } from '../testing/run-kql.js';

// Literal forms whose value Kusto.Language's bridge does not hand over (it reads them as 0 or nothing): the binder
// reads them from their text.

test('timespan literals in the constant form: time(d.hh:mm:ss.fffffff), timespan(hh:mm:ss) (timespan.md)', async () => {
  const r = await kql('print a = time(29.09:00:05.12345), b = timespan(02:03:04), c = time(1d), d = time(null), e = time(0.5d)');
  assert.deepEqual(r.rows, [['29.09:00:05.1234500', '02:03:04', '1.00:00:00', null, '12:00:00']]);
  // format-timespan-function.md's example, which reads such a literal.
  const f = await kql(`let t = time(29.09:00:05.12345); print v1 = format_timespan(t, 'dd.hh:mm:ss:FF'), v2 = format_timespan(t, 'ddd.h:mm:ss [fffffff]')`);
  assert.deepEqual(f.rows, [['29.09:00:05:12', '029.9:00:05 [1234500]']]);
});

test('decimal literals (decimal.md; todecimal-function.md: todecimal("123.45678") == decimal(123.45678))', async () => {
  assert.equal(await kqlValue('print decimal(1.5) * 2'), 3);
  assert.equal(await kqlValue('print isnull(decimal(null))'), true);
  assert.equal(await kqlValue('print todecimal("123.45678") == decimal(123.45678)'), true);
});

test('hexadecimal long and int literals (long.md, int.md), 64-bit two\'s complement past the sign bit', async () => {
  const r = await kql('print a = 0xFFFFFFFF, b = long(0x1F), c = int(0x10), d = -0x10, e = 0xFFFFFFFFFFFFFFFF, f = 0x7FFFFFFFFFFFFFFF');
  assert.deepEqual(r.rows, [[4294967295, 31, 16, -16, -1, '9223372036854775807']]);
});

test('a datetime literal written with spaces around its separators (sliding-window-counts-plugin.md)', async () => {
  assert.equal(await kqlValue('print datetime(2017 - 08 - 01)'), '2017-08-01T00:00:00.0000000Z');
});

test('toscalar of a scalar: evaluated once (toscalar-function.md)', async () => {
  const r = await kql(`let Start = toscalar(print x=1); let End = toscalar(range x from 1 to 9 step 1 | count); let Step = toscalar(2);
    range z from Start to End step Step | extend start=Start, end=End, step=Step`);
  assert.deepEqual(r.rows, [[1, 1, 9, 2], [3, 1, 9, 2], [5, 1, 9, 2], [7, 1, 9, 2], [9, 1, 9, 2]]);
  const g = await kql('let g1 = toscalar(new_guid()); range x from 1 to 3 step 1 | extend g = g1 | summarize dcount(g), n = count()');
  assert.deepEqual(g.rows, [[1, 3]]);
});

test('inside a dynamic literal: nested dynamic(...), hexadecimal and constant-form timespans (dynamic-to-json-function.md)', async () => {
  const r = await kql(`print d = dynamic({'a': dynamic({'b': 1}), 'h': 0x10, 't': time(01:02:03), 'e': dynamic([]), 'n': dynamic(null)})`);
  assert.deepEqual(r.rows, [[{ a: { b: 1 }, h: 16, t: '01:02:03', e: [], n: null }]]);
  const j = await kql(`let bag1 = dynamic_to_json(dynamic({'Y10': dynamic({}), 'X8': dynamic({'c3': 1, 'd8': 5, 'a4': 6}), 'D1': 114, 'A1': 12, 'B1': 2, 'C1': 3, 'A14': [15, 13, 18]}));
    let bag2 = dynamic_to_json(dynamic({'X8': dynamic({'a4': 6, 'c3': 1, 'd8': 5}), 'A14': [15, 13, 18], 'C1': 3, 'B1': 2, 'Y10': dynamic({}), 'A1': 12, 'D1': 114}));
    print AreEqual = bag1 == bag2, Result = bag1`);
  assert.deepEqual(j.rows, [[true, '{"A1":12,"A14":[15,13,18],"B1":2,"C1":3,"D1":114,"X8":{"a4":6,"c3":1,"d8":5},"Y10":{}}']]);
});
