import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kql, kqlValue } from '../testing/run-kql.js';

// Documented examples (series-*-function.md).
const PAIRS = `range x from 1 to 3 step 1 | extend y = x * 2 | extend z = y * 2 | project s1 = pack_array(x, y, z), s2 = pack_array(z, y, x)`;

test('element-wise arithmetic of two series (series-add/subtract/multiply/divide-function.md)', async () => {
  const r = await kql(`${PAIRS} | project a = series_add(s1, s2), s = series_subtract(s1, s2), m = series_multiply(s1, s2), d = series_divide(s1, s2)`);
  assert.deepEqual(r.rows, [
    [[5, 4, 5], [-3, 0, 3], [4, 4, 4], [0.25, 1, 4]],
    [[10, 8, 10], [-6, 0, 6], [16, 16, 16], [0.25, 1, 4]],
    [[15, 12, 15], [-9, 0, 9], [36, 36, 36], [0.25, 1, 4]],
  ]);
  // A number is that number at every position; a missing or non-numeric element gives null.
  assert.deepEqual(await kqlValue('print series_multiply(10, dynamic([1, 2, "x"]))'), [10, 20, null]);
  assert.deepEqual(await kqlValue('print series_add(dynamic([1, 2, 3]), dynamic([1]))'), [2, null, null]);
  assert.deepEqual(await kqlValue('print series_pow(dynamic([1, 2, 3, 4]), dynamic([1, 2, 3, 0.5]))'), [1, 4, 27, 2]);
});

test('element-wise comparisons (series-greater-function.md and siblings)', async () => {
  const r = await kql(`print s1 = dynamic([1, 2, 4]), s2 = dynamic([4, 2, 1])
    | project g = series_greater(s1, s2), ge = series_greater_equals(s1, s2), l = series_less(s1, s2), le = series_less_equals(s1, s2),
      e = series_equals(s1, s2), ne = series_not_equals(s1, s2)`);
  assert.deepEqual(r.rows, [[[false, false, true], [false, true, true], [true, false, false], [true, true, false], [false, true, false], [true, false, true]]]);
});

test('element-wise math (series-abs-function.md, series-floor, series-sign, series-exp, series-acos …)', async () => {
  assert.deepEqual(await kqlValue('print series_abs(dynamic([-6.5, 0, 8.2]))'), [6.5, 0, 8.2]);
  assert.deepEqual(await kqlValue('print series_floor(dynamic([-1.5, 1, 2.5]))'), [-2, 1, 2]);
  assert.deepEqual(await kqlValue('print series_ceiling(dynamic([-1.5, 1, 2.5]))'), [-1, 1, 3]);
  assert.deepEqual(await kqlValue('print series_sign(dynamic([-6, 0, 8]))'), [-1, 0, 1]);
  assert.deepEqual(await kqlValue('print series_exp(dynamic([1, 2, 3]))'), [Math.E, Math.exp(2), Math.exp(3)]);
  assert.deepEqual(await kqlValue('print series_acos(dynamic([-1, 0, 1, 2]))'), [Math.PI, Math.PI / 2, 0, null]);
  assert.deepEqual(await kqlValue('print series_log(dynamic([1, -1]))'), [0, null]);
});

test('whole-series values (series-sum, series-product, series-magnitude, series-dot-product, series-cosine-similarity, series-pearson-correlation)', async () => {
  assert.equal(await kqlValue('print series_sum(dynamic([1, 2, 3, 4]))'), 10);
  assert.equal(await kqlValue('print series_product(dynamic([1, 2, 3, 4]))'), 24);
  assert.equal(await kqlValue('print series_magnitude(dynamic([1, 2, 3, 4]))'), Math.sqrt(30));
  assert.equal(await kqlValue(`${PAIRS} | take 1 | project series_dot_product(s1, s2)`), 12);
  const cos = await kqlValue('print series_cosine_similarity(dynamic([1, 2, 3]), dynamic([1, 2, 3]))') as number;
  assert.ok(Math.abs(cos - 1) < 1e-12);
  const r = await kqlValue('print series_pearson_correlation(dynamic([1, 2, 3, 4]), dynamic([2, 4, 6, 8]))') as number;
  assert.ok(Math.abs(r - 1) < 1e-12);
});

test('series-stats-dynamic-function.md: min, max, their indexes, avg, stdev, variance, sum, len', async () => {
  const s = await kqlValue('print series_stats_dynamic(dynamic([23, 46, 23, 87, 4, 8, 3, 75, 2, 56, 13, 75, 32, 16, 29]))') as Record<string, number>;
  assert.deepEqual({ min: s.min, min_idx: s.min_idx, max: s.max, max_idx: s.max_idx, avg: s.avg, sum: s.sum, len: s.len },
    { min: 2, min_idx: 8, max: 87, max_idx: 3, avg: 32.8, sum: 492, len: 15 });
  assert.ok(Math.abs(s.stdev! - 28.503633853548269) < 1e-9 && Math.abs(s.variance! - 812.45714285714291) < 1e-9);
});

test('series-fill-forward/backward/const-function.md', async () => {
  const arr = 'dynamic([null, null, 36, 41, null, null, 16, 61, 33, null, null])';
  assert.deepEqual(await kqlValue(`print series_fill_forward(${arr})`), [null, null, 36, 41, 41, 41, 16, 61, 33, 33, 33]);
  assert.deepEqual(await kqlValue(`print series_fill_backward(${arr})`), [36, 36, 36, 41, 16, 16, 16, 61, 33, null, null]);
  assert.deepEqual(await kqlValue('print series_fill_const(dynamic([111, null, 36, null]), -1)'), [111, -1, 36, -1]);
});

test('series-iir-function.md: a running sum as an IIR filter', async () => {
  assert.deepEqual(await kqlValue('print series_iir(range(1.0, 10, 1), dynamic([1]), dynamic([1, -1]))'), [1, 3, 6, 10, 15, 21, 28, 36, 45, 55]);
});

test('series-fit-line-dynamic-function.md: the documented line (rsquare 0.982, slope 2.730, variance 98.628, rvariance 1.686, interception -1.666)', async () => {
  const fit = await kqlValue('print series_fit_line_dynamic(dynamic([2, 5, 6, 8, 11, 15, 17, 18, 25, 26, 30, 30]))') as Record<string, number | number[]>;
  const near = (x: unknown, y: number) => assert.ok(Math.abs((x as number) - y) < 0.001, `${String(x)} vs ${y}`);
  near(fit.rsquare, 0.9829); near(fit.slope, 2.7308); near(fit.variance, 98.6288); near(fit.rvariance, 1.6865); near(fit.interception, -1.6667);
  const line = fit.line_fit as number[];
  assert.equal(line.length, 12);
  near(line[0], 1.064); near(line[11], 31.102);
});

test('series_stats and series_fit_line make one column per output, named by Kusto or by a tuple (series-stats-function.md, series-fit-line-function.md)', async () => {
  const stats = await kql('print x=dynamic([23, 46, 23, 87, 4, 8, 3, 75, 2, 56, 13, 75, 32, 16, 29]) | project series_stats(x)');
  assert.deepEqual(stats.columns, ['series_stats_x_min', 'series_stats_x_min_idx', 'series_stats_x_max', 'series_stats_x_max_idx',
    'series_stats_x_avg', 'series_stats_x_stdev', 'series_stats_x_variance']);
  assert.deepEqual(stats.types, ['real', 'long', 'real', 'long', 'real', 'real', 'real']);
  assert.deepEqual(stats.rows[0]!.slice(0, 5), [2, 8, 87, 3, 32.8]);
  const fit = await kql(`print y=dynamic([2, 5, 6, 8, 11, 15, 17, 18, 25, 26, 30, 30])
    | extend (RSquare, Slope, Variance, RVariance, Interception, LineFit) = series_fit_line(y) | project-away y`);
  assert.deepEqual(fit.columns, ['RSquare', 'Slope', 'Variance', 'RVariance', 'Interception', 'LineFit']);
  const [r2, slope, variance, rvariance, interception, line] = fit.rows[0]! as [number, number, number, number, number, number[]];
  assert.ok(Math.abs(r2 - 0.9829) < 1e-3 && Math.abs(slope - 2.7308) < 1e-3 && Math.abs(variance - 98.6288) < 1e-3);
  assert.ok(Math.abs(rvariance - 1.6865) < 1e-3 && Math.abs(interception + 1.6667) < 1e-3 && line.length === 12);
});
