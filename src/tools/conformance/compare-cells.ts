/**
 * Compares one documented cell (a display string from the docs) with one engine cell, by meaning and by the
 * result column's Kusto type, following the rules in ../shared/conformance/README.md ("How a runner should
 * compare"): datetimes as instants at 100 ns, timespans as ticks, numbers with a tolerance taken from the
 * decimals the docs print, dynamic values structurally, and an empty docs cell meaning null or "".
 */
import type { Cell } from '../../kql/engine-types.js';
import type { KustoType } from '../../kql/plan/types.js';
import { parseDocDatetime, parseDocJson, parseDocNumber, parseDocTimespan, type DocJson, type DocNumber } from './doc-values.js';

export interface CellCompareOptions {
  /**
   * Compare top-level arrays of dynamic cells as multisets: the docs' note "array element order of set
   * functions is not guaranteed" (make_set, set_union, set_intersect, set_difference, bag_keys).
   */
  readonly unorderedArrays?: boolean;
}

export type CellComparison = { readonly equal: true } | { readonly equal: false; readonly detail: string };

const EQUAL: CellComparison = { equal: true };

function differ(detail: string): CellComparison {
  return { equal: false, detail };
}

/** Relative slack on top of the printed-decimals tolerance (different libm, summation order). */
const RELATIVE_EPSILON = 1e-9;

/** Does the engine cell `actual` of Kusto type `type` mean what the docs print as `expected`? */
export function compareCell(expected: string, actual: Cell, type: KustoType, options: CellCompareOptions = {}): CellComparison {
  const text = expected.trim();
  // Docs: an empty cell stands for null or "" (the two are not told apart); `null` appears on the null-values page.
  if (text === '') return isEmptyValue(actual, type) ? EQUAL : differ(`expected empty (null or ""), got ${formatCell(actual, type)}`);
  if (actual === null) {
    return /^null$/i.test(text) ? EQUAL : differ(`expected ${show(expected)}, got null`);
  }
  switch (type) {
    case 'string':
      return compareString(expected, actual);
    case 'guid':
      return typeof actual === 'string' && actual.trim().toLowerCase() === text.toLowerCase()
        ? EQUAL
        : differ(`expected ${show(expected)}, got ${formatCell(actual, type)}`);
    case 'bool':
      return compareBool(text, actual);
    case 'int':
    case 'long':
    case 'real':
    case 'decimal':
      return compareNumber(text, actual, type);
    case 'datetime':
      return compareDatetime(text, actual);
    case 'timespan':
      return compareTimespan(text, actual);
    case 'dynamic':
      return compareDynamic(expected, actual, options);
  }
}

function isEmptyValue(actual: Cell, type: KustoType): boolean {
  if (actual === null || actual === '') return true;
  // A dynamic cell holds JSON text: JSON null and the empty string print as an empty cell too.
  return type === 'dynamic' && typeof actual === 'string' && (actual.trim() === 'null' || actual.trim() === '""');
}

/** Markdown tables cannot show newlines or leading/trailing blanks: compare whitespace-collapsed text as a fallback. */
function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function compareString(expected: string, actual: Cell): CellComparison {
  const s = typeof actual === 'string' ? actual : String(actual);
  if (s === expected || collapse(s) === collapse(expected)) return EQUAL;
  // JSON text in a string column (tostring(dynamic), strcat of JSON): the docs often pretty-print it.
  if (/^\s*[[{]/.test(expected) && /^\s*[[{]/.test(s)) {
    const e = parseDocJson(expected);
    const a = parseDocJson(s);
    if (e !== undefined && a !== undefined && jsonDifference(e, a, '', false) === undefined) return EQUAL;
  }
  return differ(`expected ${show(expected)}, got ${show(s)}`);
}

function compareBool(text: string, actual: Cell): CellComparison {
  // Docs print true, True and TRUE.
  const lower = text.toLowerCase();
  if (lower !== 'true' && lower !== 'false') return differ(`expected ${show(text)} is not a bool, got ${String(actual)}`);
  return typeof actual === 'boolean' && String(actual) === lower ? EQUAL : differ(`expected ${lower}, got ${formatCell(actual, 'bool')}`);
}

function compareNumber(text: string, actual: Cell, type: KustoType): CellComparison {
  const doc = parseDocNumber(text);
  if (doc === undefined) return differ(`expected ${show(text)} is not a number, got ${formatCell(actual, type)}`);
  let value: number | bigint;
  if (typeof actual === 'number' || typeof actual === 'bigint') value = actual;
  else if (typeof actual === 'string' && parseDocNumber(actual) !== undefined) value = parseDocNumber(actual)!.value;
  else return differ(`expected ${text}, got ${formatCell(actual, type)}`);
  return numbersMatch(doc, value) ? EQUAL : differ(`expected ${text}, got ${formatCell(actual, type)}`);
}

/**
 * README rule: if the docs show k decimals, accept |actual − expected| ≤ 0.5·10^-k plus a small relative
 * epsilon. Integers printed as integers compare exactly against longs (no float rounding of 64-bit values).
 */
export function numbersMatch(doc: DocNumber, actual: number | bigint): boolean {
  if (typeof actual === 'bigint' && doc.integer !== undefined) return actual === doc.integer;
  const a = Number(actual);
  const e = doc.value;
  if (Number.isNaN(e)) return Number.isNaN(a);
  if (!Number.isFinite(e) || !Number.isFinite(a)) return a === e;
  return Math.abs(a - e) <= doc.halfUnit + RELATIVE_EPSILON * Math.max(Math.abs(a), Math.abs(e));
}

/** Engine datetimes are bigint nanoseconds; the docs are compared at Kusto's 100 ns tick. */
function actualDatetimeTicks(actual: Cell): bigint | undefined {
  if (typeof actual === 'bigint') return floorDiv(actual, 100n);
  if (typeof actual === 'number' && Number.isFinite(actual)) return floorDiv(BigInt(Math.trunc(actual)), 100n);
  if (typeof actual === 'string') return parseDocDatetime(actual);
  return undefined;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function compareDatetime(text: string, actual: Cell): CellComparison {
  const e = parseDocDatetime(text);
  if (e === undefined) return differ(`expected ${show(text)} is not a datetime, got ${formatCell(actual, 'datetime')}`);
  const a = actualDatetimeTicks(actual);
  return a === e ? EQUAL : differ(`expected ${text}, got ${formatCell(actual, 'datetime')}`);
}

function compareTimespan(text: string, actual: Cell): CellComparison {
  const e = parseDocTimespan(text);
  if (e === undefined) return differ(`expected ${show(text)} is not a timespan, got ${formatCell(actual, 'timespan')}`);
  let a: bigint | undefined;
  if (typeof actual === 'bigint') a = actual;
  else if (typeof actual === 'number' && Number.isInteger(actual)) a = BigInt(actual);
  else if (typeof actual === 'string') a = parseDocTimespan(actual);
  return a === e ? EQUAL : differ(`expected ${text}, got ${formatCell(actual, 'timespan')}`);
}

function compareDynamic(expected: string, actual: Cell, options: CellCompareOptions): CellComparison {
  const actualText = typeof actual === 'string' ? actual : String(actual);
  const a = parseDocJson(actualText);
  const e = parseDocJson(expected);
  if (e !== undefined && a !== undefined) {
    const detail = jsonDifference(e, a, '', options.unorderedArrays === true);
    return detail === undefined ? EQUAL : differ(`${detail} (got ${show(actualText)})`);
  }
  // Not JSON on one side: the docs print a dynamic string without quotes, or the cell is not strict JSON.
  if (a?.kind === 'string' && collapse(a.value) === collapse(expected)) return EQUAL;
  if (collapse(actualText) === collapse(expected)) return EQUAL;
  return differ(`expected ${show(expected)}${e === undefined ? ' (not JSON)' : ''}, got ${show(actualText)}`);
}

/** The first structural difference between a documented JSON value and the engine's, or undefined. */
function jsonDifference(e: DocJson, a: DocJson, path: string, unorderedArrays: boolean): string | undefined {
  const at = path === '' ? '' : ` at ${path}`;
  switch (e.kind) {
    case 'number': {
      if (a.kind !== 'number') return `expected number ${e.text}${at}, got ${describe(a)}`;
      const doc = parseDocNumber(e.text);
      return doc !== undefined && numbersMatch(doc, a.value) ? undefined : `expected ${e.text}${at}, got ${a.text}`;
    }
    case 'string': {
      if (a.kind !== 'string') return `expected string ${show(e.value)}${at}, got ${describe(a)}`;
      return stringsMean(e.value, a.value) ? undefined : `expected ${show(e.value)}${at}, got ${show(a.value)}`;
    }
    case 'bool':
      return a.kind === 'bool' && a.value === e.value ? undefined : `expected ${String(e.value)}${at}, got ${describe(a)}`;
    case 'null':
      return a.kind === 'null' ? undefined : `expected null${at}, got ${describe(a)}`;
    case 'ellipsis':
      return undefined;
    case 'array':
      if (a.kind !== 'array') return `expected an array${at}, got ${describe(a)}`;
      return arrayDifference(e.items, a.items, path, unorderedArrays);
    case 'object': {
      if (a.kind !== 'object') return `expected an object${at}, got ${describe(a)}`;
      for (const key of e.entries.keys()) if (!a.entries.has(key)) return `missing key ${show(key)}${at}`;
      for (const key of a.entries.keys()) if (!e.entries.has(key)) return `unexpected key ${show(key)}${at}`;
      for (const [key, value] of e.entries) {
        const d = jsonDifference(value, a.entries.get(key)!, `${path}.${key}`, false);
        if (d !== undefined) return d;
      }
      return undefined;
    }
  }
}

/** Strings inside dynamic are exact, except datetime/timespan text that names the same instant or duration. */
function stringsMean(e: string, a: string): boolean {
  if (e === a) return true;
  const ed = parseDocDatetime(e);
  if (ed !== undefined) return ed === parseDocDatetime(a);
  const et = parseDocTimespan(e);
  return et !== undefined && et === parseDocTimespan(a);
}

function arrayDifference(e: readonly DocJson[], a: readonly DocJson[], path: string, unordered: boolean): string | undefined {
  const at = path === '' ? '' : ` at ${path}`;
  const gap = e.findIndex((x) => x.kind === 'ellipsis');
  if (gap >= 0) {
    // `[a, b, ..., z]`: the docs elided the middle; check the shown prefix and suffix.
    const lastGap = e.length - 1 - [...e].reverse().findIndex((x) => x.kind === 'ellipsis');
    const prefix = e.slice(0, gap);
    const suffix = e.slice(lastGap + 1);
    if (a.length < prefix.length + suffix.length) return `expected at least ${prefix.length + suffix.length} elements${at}, got ${a.length}`;
    for (let i = 0; i < prefix.length; i++) {
      const d = jsonDifference(prefix[i]!, a[i]!, `${path}[${i}]`, false);
      if (d !== undefined) return d;
    }
    for (let i = 0; i < suffix.length; i++) {
      const ai = a.length - suffix.length + i;
      const d = jsonDifference(suffix[i]!, a[ai]!, `${path}[${ai}]`, false);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (e.length !== a.length) return `expected ${e.length} elements${at}, got ${a.length}`;
  if (!unordered) {
    for (let i = 0; i < e.length; i++) {
      const d = jsonDifference(e[i]!, a[i]!, `${path}[${i}]`, false);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  const match = maximumMatching(e.length, a.length, (i, j) => jsonDifference(e[i]!, a[j]!, '', false) === undefined);
  const missing = match.unmatchedLeft[0];
  return missing === undefined ? undefined : `expected element ${describe(e[missing]!)} not found (order ignored)${at}`;
}

function describe(v: DocJson): string {
  switch (v.kind) {
    case 'null': return 'null';
    case 'bool': return String(v.value);
    case 'number': return v.text;
    case 'string': return show(v.value);
    case 'array': return `an array of ${v.items.length}`;
    case 'object': return 'an object';
    case 'ellipsis': return '...';
  }
}

export interface Matching {
  /** For each left index, the right index it is matched to, or -1. */
  readonly leftToRight: readonly number[];
  readonly unmatchedLeft: readonly number[];
}

/**
 * Maximum bipartite matching (Kuhn's augmenting paths) between n left and m right items. Cell equality by
 * meaning is not transitive (an empty docs cell matches both null and ""), so a greedy pairing could miss
 * a valid multiset match.
 */
export function maximumMatching(n: number, m: number, compatible: (left: number, right: number) => boolean): Matching {
  const memo = new Map<number, boolean>();
  const ok = (i: number, j: number): boolean => {
    const key = i * m + j;
    let v = memo.get(key);
    if (v === undefined) {
      v = compatible(i, j);
      memo.set(key, v);
    }
    return v;
  };
  const rightToLeft = new Array<number>(m).fill(-1);
  const leftToRight = new Array<number>(n).fill(-1);
  const tryAssign = (i: number, seen: Uint8Array): boolean => {
    for (let j = 0; j < m; j++) {
      if (seen[j] || !ok(i, j)) continue;
      seen[j] = 1;
      if (rightToLeft[j] === -1 || tryAssign(rightToLeft[j]!, seen)) {
        rightToLeft[j] = i;
        leftToRight[i] = j;
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < n; i++) {
    // Cheap first pass: a free compatible partner needs no augmenting path.
    let placed = false;
    for (let j = 0; j < m && !placed; j++) {
      if (rightToLeft[j] === -1 && ok(i, j)) {
        rightToLeft[j] = i;
        leftToRight[i] = j;
        placed = true;
      }
    }
    if (!placed) tryAssign(i, new Uint8Array(m));
  }
  const unmatchedLeft: number[] = [];
  leftToRight.forEach((j, i) => {
    if (j === -1) unmatchedLeft.push(i);
  });
  return { leftToRight, unmatchedLeft };
}

const MAX_SHOWN = 100;

/** Quotes and shortens a string for a one-line reason. */
export function show(s: string): string {
  const q = JSON.stringify(s);
  return q.length > MAX_SHOWN ? q.slice(0, MAX_SHOWN - 4) + '…"' : q;
}

/** An engine cell as Kusto would print it (datetime ISO with 7 decimals, timespan [-][d.]hh:mm:ss.fffffff). */
export function formatCell(actual: Cell, type: KustoType): string {
  if (actual === null) return 'null';
  if (typeof actual === 'string') return show(actual);
  if (type === 'datetime' && typeof actual === 'bigint') return formatTicksAsDatetime(floorDiv(actual, 100n));
  if (type === 'timespan' && typeof actual === 'bigint') return formatTicksAsTimespan(actual);
  return String(actual);
}

function formatTicksAsDatetime(ticks: bigint): string {
  const ms = floorDiv(ticks, 10_000n);
  const date = new Date(Number(ms));
  if (Number.isNaN(date.getTime())) return `${ticks} ticks`;
  const fraction = String(ticks - floorDiv(ticks, 10_000_000n) * 10_000_000n).padStart(7, '0');
  return date.toISOString().slice(0, 19) + '.' + fraction + 'Z';
}

function formatTicksAsTimespan(ticks: bigint): string {
  const sign = ticks < 0n ? '-' : '';
  let t = ticks < 0n ? -ticks : ticks;
  const fraction = t % 10_000_000n;
  t /= 10_000_000n;
  const s = t % 60n;
  t /= 60n;
  const m = t % 60n;
  t /= 60n;
  const h = t % 24n;
  const d = t / 24n;
  const two = (x: bigint): string => String(x).padStart(2, '0');
  return `${sign}${d > 0n ? `${d}.` : ''}${two(h)}:${two(m)}:${two(s)}${fraction > 0n ? '.' + String(fraction).padStart(7, '0') : ''}`;
}
