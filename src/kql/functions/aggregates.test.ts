import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kql } from '../testing/run-kql.js';

const NAMES = 'datatable(name:string, day_of_birth:long)["John", 9, "Paul", 18, "George", 25, "Ringo", 7]';
const RANGE5 = 'range x from 1 to 5 step 1';
const RANGE100 = 'range x from 1 to 100 step 1';
const XY = 'datatable(x:real, y:real) [1.0, 14.0, 2.0, 10.0, 3.0, 17.0, 4.0, 20.0, 5.0, 50.0]';
const XY100 = `${RANGE100} | extend y = iff(x % 2 == 0, x * 2, x * 3)`;

// Documented examples (data-explorer/kusto/query/<page>.md): one summarize and its single documented value.
const EXAMPLES: readonly (readonly [page: string, query: string, value: number])[] = [
  ['countif-aggregation-function', `${NAMES} | summarize countif(strlen(name) > 4)`, 2],
  ['sumif-aggregation-function', `${NAMES} | summarize sumif(day_of_birth, strlen(name) > 4)`, 32],
  ['stdev-aggregation-function', `${RANGE5} | summarize stdev(x)`, 1.58113883008419],
  ['stdevif-aggregation-function', `${RANGE100} | summarize stdevif(x, x % 2 == 0)`, 29.1547594742265],
  ['stdevp-aggregation-function', `${RANGE5} | summarize stdevp(x)`, 1.4142135623731],
  ['variance-aggregation-function', `${RANGE5} | summarize variance(x)`, 2.5],
  ['varianceif-aggregation-function', `${RANGE100} | summarize varianceif(x, x%2 == 0)`, 850],
  ['variancep-aggregation-function', `${RANGE5} | summarize variancep(x)`, 2],
  // variancepif-aggregation-function.md prints 850, the *sample* variance copied from varianceif; the population
  // variance of 2, 4, …, 100 is 833 (known-differences.json).
  ['variancepif-aggregation-function', `${RANGE100} | summarize variancepif(x, x%2 == 0)`, 833],
  ['covariance-aggregation-function', `${XY} | summarize covariance(x, y)`, 20.5],
  ['covariancep-aggregation-function', `${XY} | summarize covariancep(x, y)`, 16.4],
  ['covarianceif-aggregation-function', `${XY100} | summarize covarianceif(x, y, x % 3 == 0)`, 2142],
  ['covariancepif-aggregation-function', `${XY100} | summarize covariancepif(x, y, x % 3 == 0)`, 2077.09090909091],
];

for (const [page, query, value] of EXAMPLES) {
  test(`${page}`, async () => {
    const v = (await kql(query)).rows[0]![0] as number;
    assert.ok(Math.abs(v - value) <= 1e-9 * Math.max(1, Math.abs(value)), `${v} vs documented ${value}`);
  });
}

test('make-bag(-if)-aggregation-function: bags merged into one', async () => {
  const T = 'datatable(prop:string, value:string, predicate:bool)["prop01", "val_a", true, "prop02", "val_b", false, "prop03", "val_c", true]';
  const all = await kql(`${T} | extend p = bag_pack(prop, value) | summarize dict=make_bag(p)`);
  assert.deepEqual(all.rows, [[{ prop01: 'val_a', prop02: 'val_b', prop03: 'val_c' }]]);
  const some = await kql(`${T} | extend p = bag_pack(prop, value) | summarize dict=make_bag_if(p, predicate)`);
  assert.deepEqual(some.rows, [[{ prop01: 'val_a', prop03: 'val_c' }]]);
});

test('make-list-with-nulls-aggregation-function keeps nulls', async () => {
  const r = await kql(`datatable (name:string , sideCount: int)["triangle", int(null), "square", 4, "rectangle", 4,
    "pentagon", 5, "hexagon", 6, "heptagon", 7, "octagon", 8, "nonagon", 9, "decagon", 10]
    | summarize mylist = make_list_with_nulls(sideCount)`);
  assert.deepEqual(r.rows, [[[null, 4, 4, 5, 6, 7, 8, 9, 10]]]);
});

test('empty input without by: counts and sums are 0, make_* empty, the rest null (summarize-operator.md)', async () => {
  const r = await kql(`datatable(x:long, s:string)[] | summarize sumif(x, x > 1), dcountif(x, true), stdev(x), variance(x),
    covariance(x, x), make_bag(bag_pack("a", x)), make_list_with_nulls(x), minif(x, true), percentile(x, 50), take_any(s)`);
  assert.deepEqual(r.rows, [[0, 0, 0, 0, 0, {}, [], null, null, '']]);
});

test('avgif ignores rows failing the predicate; NaN when none pass', async () => {
  const r = await kql(`${RANGE5} | summarize a = avgif(x, x > 3), b = avgif(x, x > 10)`);
  assert.equal(r.rows[0]![0], 4.5);
  assert.ok(Number.isNaN(r.rows[0]![1]));
});

test('minif/maxif/dcountif', async () => {
  const r = await kql('datatable(x:long)[1, 2, 2, 3, 9] | summarize minif(x, x > 1), maxif(x, x < 9), dcountif(x, x < 9)');
  assert.deepEqual(r.rows, [[2, 3, 3]]);
});

test('percentile is the nearest-rank value; 0 and 100 are min and max (percentiles-aggregation-function.md)', async () => {
  const r = await kql(`datatable(x:long)[10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    | summarize p0 = percentile(x, 0), p7 = percentile(x, 7), p50 = percentile(x, 50), p51 = percentile(x, 51),
      p100 = percentile(x, 100), arr = percentiles_array(x, 10, 90)`);
  assert.deepEqual(r.rows, [[10, 10, 50, 60, 100, [10, 90]]]);
});

test('take_any with one argument prefers a non-empty value (take-any-aggregation-function.md)', async () => {
  const r = await kql('datatable(s:string)["", "a", ""] | summarize take_any(s), any(s)');
  assert.deepEqual(r.rows, [['a', 'a']]);
});

test('hll/hll_merge/dcount_hll count distinct values across merged sketches', async () => {
  const r = await kql(`datatable(g:string, x:long)["a", 1, "a", 2, "b", 3, "b", 1]
    | summarize h = hll(x) by g | summarize m = hll_merge(h) | project d = dcount_hll(m)`);
  assert.deepEqual(r.rows, [[3]]);
});

test('the deprecated argmax/argmin with * name their columns max_<x>_<column> and take them from the chosen row', async () => {
  const t = "datatable(t:long, a:string, k:string)[1, 'x', 'g', 2, 'y', 'g']";
  const max = await kql(`${t} | summarize argmax(t, *) by k`);
  assert.deepEqual(max.columns, ['k', 'max_t', 'max_t_a']);
  assert.deepEqual(max.rows, [['g', 2, 'y']]);
  const min = await kql(`${t} | summarize argmin(t, *) by k | project k, a = column_ifexists('min_t_a', '')`);
  assert.deepEqual(min.rows, [['g', 'x']]);
  // Maximising an expression: no name in the prefix, and every column (t too) comes along.
  const expr = await kql(`${t} | summarize argmax(t + 1, *) by k`);
  assert.deepEqual(expr.columns, ['k', 'max_', 'max__t', 'max__a']);
  assert.deepEqual(expr.rows, [['g', 3, 2, 'y']]);
});

// binary-all-{and,or,xor}-aggregation-function.md: hexadecimal longs, and the aggregate inside toupper(tohex(…)).
for (const [fn, values] of [
  ['binary_all_and', '0xFFFFFFFF, 0xFFFFF00F, 0xCFFFFFFD, 0xFAFEFFFF'],
  ['binary_all_or', '0x88888008, 0x42000000, 0x00767000, 0x00000005'],
  ['binary_all_xor', '0x44404440, 0x1E1E1E1E, 0x90ABBA09, 0x000B105A'],
] as const) {
  test(`${fn.replace(/_/g, '-')}-aggregation-function`, async () => {
    const r = await kql(`datatable(num:long) [${values}] | summarize result = toupper(tohex(${fn}(num)))`);
    assert.deepEqual(r.rows, [['CAFEF00D']]);
  });
}

test('summarize: aggregates inside scalar expressions, beside plain ones and by keys', async () => {
  const r = await kql(`${RANGE100} | summarize n = count(), pct = round(100.0 * countif(x > 75) / count(), 1),
    spread = max(x) - min(x), firstX = tostring(make_list(x)[0]) by odd = x % 2 | order by odd asc`);
  assert.deepEqual(r.columns.map((c, i) => `${c}:${r.types[i]}`), ['odd:long', 'n:long', 'pct:real', 'spread:long', 'firstX:string']);
  assert.deepEqual(r.rows, [[0, 50, 26, 98, '2'], [1, 50, 24, 98, '1']]);
  // Without keys, over no rows: one row, as summarize without `by` always gives.
  const empty = await kql(`${RANGE5} | where x > 5 | summarize c = count() * 2, s = strcat('n=', count())`);
  assert.deepEqual(empty.rows, [[0, 'n=0']]);
});

test('summarize: a function kqlwatch does not have is named in the error', async () => {
  await assert.rejects(kql(`${RANGE5} | summarize r = tostring(buildschema(bag_pack('a', x)))`), /KQW102 the aggregation function 'buildschema\(\)' is not supported yet/);
});
