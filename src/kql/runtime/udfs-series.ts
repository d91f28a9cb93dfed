/**
 * Kernels of the series functions (functions/series.ts): a series is a dynamic array, and each function works element
 * by element or over the whole array. JSON crosses the boundary as VARCHAR text; SQL casts it back. Kusto's rules
 * (series-add-function.md and its siblings): a non-numeric or missing element (arrays of different lengths) gives a
 * null element; a number where a series is expected is that number at every position.
 */
import { VARCHAR, type DuckDBType } from '@duckdb/node-api';
import { defineUdfs, type UdfDef } from './udf-registry.js';

type Operand = readonly (number | null)[] | number;

/** A series (JSON array) or a plain number; undefined when the text is neither. */
function operand(text: string): Operand | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof v === 'number') return v;
  if (!Array.isArray(v)) return undefined;
  return v.map((x) => (typeof x === 'number' ? x : null));
}

const at = (o: Operand, i: number): number | null => (typeof o === 'number' ? o : i < o.length ? o[i]! : null);
const len = (o: Operand): number => (typeof o === 'number' ? 0 : o.length);

/** A result element: JSON has no NaN or infinity, so those are null (as a non-numeric input element is). */
const finite = (x: number | boolean | null): number | boolean | null => (typeof x === 'number' && !Number.isFinite(x) ? null : x);

const UNARY: Readonly<Record<string, (x: number) => number | null>> = {
  abs: Math.abs,
  acos: (x) => (x < -1 || x > 1 ? null : Math.acos(x)),
  asin: (x) => (x < -1 || x > 1 ? null : Math.asin(x)),
  atan: Math.atan,
  ceiling: Math.ceil,
  cos: Math.cos,
  exp: Math.exp,
  floor: Math.floor,
  log: (x) => (x < 0 ? null : Math.log(x)),
  sign: Math.sign,
  sin: Math.sin,
  tan: Math.tan,
};

const BINARY: Readonly<Record<string, (x: number, y: number) => number | boolean | null>> = {
  add: (x, y) => x + y,
  subtract: (x, y) => x - y,
  multiply: (x, y) => x * y,
  divide: (x, y) => x / y,
  pow: (x, y) => x ** y,
  greater: (x, y) => x > y,
  greater_equals: (x, y) => x >= y,
  less: (x, y) => x < y,
  less_equals: (x, y) => x <= y,
  equals: (x, y) => x === y,
  not_equals: (x, y) => x !== y,
};

function unary(op: string, text: string): string | null {
  const f = UNARY[op];
  const s = operand(text);
  if (!f || s === undefined || typeof s === 'number') return null;
  return JSON.stringify(s.map((x) => (x === null ? null : finite(f(x)))));
}

function binary(op: string, a: string, b: string): string | null {
  const f = BINARY[op];
  const x = operand(a);
  const y = operand(b);
  if (!f || x === undefined || y === undefined || (typeof x === 'number' && typeof y === 'number')) return null;
  const n = Math.max(len(x), len(y));
  const out: (number | boolean | null)[] = [];
  for (let i = 0; i < n; i++) {
    const p = at(x, i);
    const q = at(y, i);
    out.push(p === null || q === null ? null : finite(f(p, q)));
  }
  return JSON.stringify(out);
}

/** The numeric elements of a series (nulls and others skipped), or undefined when the text is no array. */
function numbers(text: string): number[] | undefined {
  const s = operand(text);
  if (s === undefined || typeof s === 'number') return undefined;
  return s.filter((x): x is number => x !== null);
}

/** series_sum, series_product, series_magnitude (series-sum-function.md, …): over the numeric elements. */
function reduce(op: string, text: string): number | null {
  const xs = numbers(text);
  if (xs === undefined) return null;
  switch (op) {
    case 'sum': return xs.reduce((a, b) => a + b, 0);
    case 'product': return xs.reduce((a, b) => a * b, 1);
    case 'magnitude': return Math.sqrt(xs.reduce((a, b) => a + b * b, 0));
    default: return null;
  }
}

/** Pairs of elements numeric in both series (series-dot-product-function.md and siblings). */
function pairs(a: string, b: string): [number, number][] | undefined {
  const x = operand(a);
  const y = operand(b);
  if (x === undefined || y === undefined) return undefined;
  const n = Math.max(len(x), len(y));
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const p = at(x, i);
    const q = at(y, i);
    if (p !== null && q !== null) out.push([p, q]);
  }
  return out;
}

/** Means and sums of squared deviations of paired values: what correlation and a least-squares line need. */
function moments(ps: readonly (readonly [number, number])[]): { mx: number; my: number; sxy: number; sxx: number; syy: number } {
  const n = ps.length;
  const mx = ps.reduce((s, [p]) => s + p, 0) / n;
  const my = ps.reduce((s, [, q]) => s + q, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (const [p, q] of ps) {
    sxy += (p - mx) * (q - my);
    sxx += (p - mx) ** 2;
    syy += (q - my) ** 2;
  }
  return { mx, my, sxy, sxx, syy };
}

function pairwise(op: string, a: string, b: string): number | null {
  const ps = pairs(a, b);
  if (ps === undefined) return null;
  const dot = ps.reduce((s, [p, q]) => s + p * q, 0);
  if (op === 'dot_product') return dot;
  if (op === 'cosine_similarity') {
    const na = Math.sqrt(ps.reduce((s, [p]) => s + p * p, 0));
    const nb = Math.sqrt(ps.reduce((s, [, q]) => s + q * q, 0));
    return na === 0 || nb === 0 ? null : dot / (na * nb);
  }
  if (op === 'pearson_correlation') {
    if (ps.length === 0) return null;
    const { sxy, sxx, syy } = moments(ps);
    return sxx === 0 || syy === 0 ? null : finite(sxy / Math.sqrt(sxx * syy)) as number | null;
  }
  return null;
}

/**
 * series_stats_dynamic (series-stats-dynamic-function.md): min, its index, max, its index, avg, stdev, variance, sum
 * and len, over the numeric elements.
 */
function stats(text: string): Record<string, number | null> | null {
  const s = operand(text);
  if (s === undefined || typeof s === 'number') return null;
  let min: number | null = null, max: number | null = null, minIdx = -1, maxIdx = -1, sum = 0, n = 0;
  s.forEach((x, i) => {
    if (x === null) return;
    if (min === null || x < min) { min = x; minIdx = i; }
    if (max === null || x > max) { max = x; maxIdx = i; }
    sum += x;
    n++;
  });
  const avg = n > 0 ? sum / n : null;
  // Sample variance (n - 1), as variance() and stdev() are.
  const variance = n > 1 ? s.reduce<number>((a, x) => (x === null ? a : a + (x - avg!) ** 2), 0) / (n - 1) : n === 1 ? 0 : null;
  return {
    min, min_idx: n > 0 ? minIdx : null, max, max_idx: n > 0 ? maxIdx : null, avg,
    stdev: variance === null ? null : Math.sqrt(variance), variance, sum, len: n,
  };
}

/** series_fill_const (series-fill-const-function.md): missing elements take the constant. */
function fillConst(text: string, constant: string): string | null {
  const s = operand(text);
  const c = operand(constant);
  if (s === undefined || typeof s === 'number' || typeof c !== 'number') return null;
  return JSON.stringify(s.map((x) => x ?? c));
}

/**
 * series_iir (series-iir-function.md): y[i] = (Σ b[k]·x[i-k] − Σ_{k≥1} a[k]·y[i-k]) / a[0], elements before the
 * start counting as 0.
 */
function iir(text: string, numerators: string, denominators: string): string | null {
  const x = operand(text);
  const b = operand(numerators);
  const a = operand(denominators);
  if (x === undefined || typeof x === 'number' || b === undefined || typeof b === 'number' || a === undefined || typeof a === 'number') return null;
  if (a.length === 0 || !a[0]) return null;
  const y: number[] = [];
  for (let i = 0; i < x.length; i++) {
    let v = 0;
    for (let k = 0; k < b.length && k <= i; k++) v += (b[k] ?? 0) * (x[i - k] ?? 0);
    for (let k = 1; k < a.length && k <= i; k++) v -= (a[k] ?? 0) * y[i - k]!;
    y.push(v / a[0]);
  }
  return JSON.stringify(y.map(finite));
}

/**
 * series_fit_line_dynamic (series-fit-line-dynamic-function.md): least squares over x = 1, 2, …; variance and
 * rvariance (of the residuals) divide by n − 1, as the documented example's values show.
 */
function fitLine(text: string): Record<string, unknown> | null {
  const s = operand(text);
  if (s === undefined || typeof s === 'number') return null;
  const pts = s.flatMap((y, i) => (y === null ? [] : [[i + 1, y] as const]));
  const n = pts.length;
  if (n < 2) return null;
  const { mx, my, sxy, sxx, syy } = moments(pts);
  const slope = sxy / sxx;
  const interception = my - slope * mx;
  const lineFit = s.map((_, i) => interception + slope * (i + 1));
  const sse = pts.reduce((t, [x, y]) => t + (y - (interception + slope * x)) ** 2, 0);
  return {
    rsquare: finite(syy === 0 ? 1 : 1 - sse / syy), slope: finite(slope), variance: syy / (n - 1), rvariance: sse / (n - 1),
    interception: finite(interception), line_fit: lineFit.map(finite),
  };
}

/** series_fill_forward / series_fill_backward (series-fill-forward-function.md): missing values take a neighbour's. */
function fill(direction: 'forward' | 'backward', text: string): string | null {
  const s = operand(text);
  if (s === undefined || typeof s === 'number') return null;
  const out = [...s];
  if (direction === 'forward') {
    for (let i = 1; i < out.length; i++) if (out[i] === null) out[i] = out[i - 1]!;
  } else {
    for (let i = out.length - 2; i >= 0; i--) if (out[i] === null) out[i] = out[i + 1]!;
  }
  return JSON.stringify(out);
}

const defs: UdfDef[] = [];
const register = (name: string, params: readonly DuckDBType[], fn: (...args: string[]) => unknown, returns: DuckDBType = VARCHAR): void => {
  defs.push({ name, params, returns, fn: fn as UdfDef['fn'] });
};

register('kql_series_unary', [VARCHAR, VARCHAR], (op, s) => unary(op!, s!));
register('kql_series_binary', [VARCHAR, VARCHAR, VARCHAR], (op, a, b) => binary(op!, a!, b!));
register('kql_series_reduce', [VARCHAR, VARCHAR], (op, s) => { const v = reduce(op!, s!); return v === null ? null : JSON.stringify(finite(v)); });
register('kql_series_pairwise', [VARCHAR, VARCHAR, VARCHAR], (op, a, b) => { const v = pairwise(op!, a!, b!); return v === null ? null : JSON.stringify(finite(v)); });
/** A kernel's values as a bag, or (binder/multi-output.ts) as a JSON array of `keys` in the documented order. */
const asBag = (o: object | null): string | null => (o === null ? null : JSON.stringify(o));
const asTuple = (o: Readonly<Record<string, unknown>> | null, keys: readonly string[]): string | null => (o === null ? null : JSON.stringify(keys.map((k) => o[k])));

register('kql_series_stats', [VARCHAR], (s) => asBag(stats(s!)));
register('kql_series_fill', [VARCHAR, VARCHAR], (d, s) => fill(d === 'backward' ? 'backward' : 'forward', s!));
register('kql_series_fill_const', [VARCHAR, VARCHAR], (s, c) => fillConst(s!, c!));
register('kql_series_iir', [VARCHAR, VARCHAR, VARCHAR], (x, b, a) => iir(x!, b!, a!));
register('kql_series_fit_line', [VARCHAR], (s) => asBag(fitLine(s!)));
register('kql_series_stats_tuple', [VARCHAR], (s) => asTuple(stats(s!), ['min', 'min_idx', 'max', 'max_idx', 'avg', 'stdev', 'variance']));
register('kql_series_fit_line_tuple', [VARCHAR], (s) => asTuple(fitLine(s!), ['rsquare', 'slope', 'variance', 'rvariance', 'interception', 'line_fit']));

defineUdfs(defs);
