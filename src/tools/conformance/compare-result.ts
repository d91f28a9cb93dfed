/**
 * Compares an engine result with a record's documented table: column names (unless the docs' header is a
 * placeholder), then rows in order, as a multiset (`ordered: false`) or as a subset (`truncated: true`), cell
 * by cell through compareCell. Rules: ../shared/conformance/README.md, "How a runner should compare".
 */
import type { Cell, QueryResult } from '../../kql/engine-types.js';
import type { Column } from '../../kql/plan/types.js';
import { compareCell, maximumMatching, show, type CellCompareOptions } from './compare-cells.js';
import { expectedOf, type ConformanceRecord, type ExpectedTable } from './records.js';

/** `values`: names and cells compared; `schema-and-count`: deterministic=false, only names and row count. */
export type CheckKind = 'values' | 'schema-and-count';

export interface ResultComparison {
  readonly passed: boolean;
  /** One line: why it failed. */
  readonly reason?: string;
  readonly check: CheckKind;
  /** How the comparison was adapted to this record (e.g. "only the first of 3 result sets compared"). */
  readonly notes: readonly string[];
}

/** A docs cell that is only an ellipsis stands for an elided value. */
const ELIDED = /^(\.{3,}|…)$/;

/** Above this many cell-row pairings, unordered matching falls back to a greedy pass (runaway results). */
const MAX_MATCHING_WORK = 4_000_000;

/** Notes that hold for a record whatever the engine returns. */
export function recordNotes(record: ConformanceRecord): string[] {
  const extra = record.expected_additional_results?.length ?? 0;
  return extra > 0 ? [`only the first of ${extra + 1} result sets compared`] : [];
}

export function checkKind(record: ConformanceRecord): CheckKind {
  return record.deterministic ? 'values' : 'schema-and-count';
}

export function compareResult(record: ConformanceRecord, result: QueryResult): ResultComparison {
  const notes = recordNotes(record);
  const check = checkKind(record);
  const tables = [expectedOf(record), ...(record.expected_alternatives ?? [])];
  let first: string | undefined;
  for (const [i, table] of tables.entries()) {
    const reason = compareTable(record, prepare(table, i === 0 ? notes : []), result);
    if (reason === undefined) {
      if (i > 0) notes.push(`matched documented alternative ${i}`);
      return { passed: true, check, notes };
    }
    first ??= reason;
  }
  const suffix = tables.length > 1 ? ` (and none of ${tables.length - 1} documented alternative(s) matched)` : '';
  return { passed: false, reason: first + suffix, check, notes };
}

interface PreparedTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** The docs left out columns (a `...` column): match the shown columns by name. */
  readonly elidedColumns: boolean;
}

/**
 * Cleans two layout artefacts of the docs tables: a `...` column (columns left out) and a lone row of empty
 * cells shorter than the header, which is how the docs draw an empty result (parse-where-operator#3).
 */
function prepare(table: ExpectedTable, notes: string[]): PreparedTable {
  const keep = table.columns.map((c, i) => (ELIDED.test(c.trim()) ? -1 : i)).filter((i) => i >= 0);
  const elidedColumns = keep.length < table.columns.length;
  if (elidedColumns) notes.push('docs elide some columns ("..."); shown columns compared by name');
  let rows = table.rows;
  if (rows.length > 0 && rows.every((r) => r.length < table.columns.length && r.every((c) => c.trim() === ''))) {
    notes.push('docs draw an empty result as one short row of empty cells; expecting no rows');
    rows = [];
  }
  return {
    columns: keep.map((i) => table.columns[i]!),
    rows: rows.map((r) => (r.length === table.columns.length ? keep.map((i) => r[i]!) : r)),
    elidedColumns,
  };
}

/** The docs header is a placeholder: bare expressions, derived checks, outputs printed as code blocks. */
export function valuesOnly(record: ConformanceRecord): boolean {
  return (
    record.bare_expression === true ||
    record.derived === true ||
    record.notes.some((n) => n.startsWith('output taken from a code block'))
  );
}

/** Returns undefined when the result matches the documented table, else a one-line reason. */
function compareTable(record: ConformanceRecord, expected: PreparedTable, result: QueryResult): string | undefined {
  const mapped = mapColumns(record, expected, result.columns);
  if (typeof mapped === 'string') return mapped;
  const { indexes, nameProblem } = mapped;

  const malformed = expected.rows.findIndex((r) => r.length !== expected.columns.length);
  const countProblem = rowCountProblem(record, expected.rows.length, result.rows.length);

  if (!record.deterministic) {
    // deterministic=false: only the schema and (where sensible) the row count can be checked.
    return nameProblem ?? countProblem;
  }
  if (malformed >= 0) {
    const row = expected.rows[malformed]!;
    return nameProblem ?? `docs row ${malformed + 1} has ${row.length} cells for ${expected.columns.length} columns (malformed docs table)`;
  }
  const columns = indexes.map((i) => result.columns[i]!);
  const options: CellCompareOptions = {
    unorderedArrays: record.notes.some((n) => n.includes('array element order of set functions is not guaranteed')),
  };
  const rowProblem = countProblem ?? compareRows(record, expected.rows, result.rows, indexes, columns, options);
  if (nameProblem !== undefined) return rowProblem === undefined ? `${nameProblem}; values match` : `${nameProblem}; ${rowProblem}`;
  return rowProblem;
}

interface ColumnMapping {
  /** For each expected column, the result column index compared with it. */
  readonly indexes: readonly number[];
  /** Set when names differ but the values can still be compared positionally. */
  readonly nameProblem?: string;
}

function mapColumns(record: ConformanceRecord, expected: PreparedTable, actual: readonly Column[]): ColumnMapping | string {
  const n = expected.columns.length;
  const m = actual.length;
  const actualNames = actual.map((c) => c.name);
  if (valuesOnly(record)) {
    // The header is a placeholder. When the docs show fewer values than the query returns (parse_user_agent
    // shows only the extended column), the shown values are the last columns.
    if (m < n) return `expected ${n} column(s), got ${m} [${actualNames.join(', ')}]`;
    return { indexes: expected.columns.map((_, i) => m - n + i) };
  }
  if (record.partial_columns === true || expected.elidedColumns) {
    const indexes = expected.columns.map((name) => actualNames.indexOf(name));
    const missing = expected.columns.filter((_, i) => indexes[i] === -1);
    if (missing.length > 0) return `missing column(s) ${missing.map(show).join(', ')}; got [${actualNames.join(', ')}]`;
    return { indexes };
  }
  const same = n === m && expected.columns.every((name, i) => name === actualNames[i]);
  if (same) return { indexes: expected.columns.map((_, i) => i) };
  const problem = `columns differ: expected [${expected.columns.join(', ')}], got [${actualNames.join(', ')}]`;
  if (n !== m) return problem;
  return { indexes: expected.columns.map((_, i) => i), nameProblem: problem };
}

function rowCountProblem(record: ConformanceRecord, expected: number, actual: number): string | undefined {
  if (record.truncated) {
    return actual >= expected ? undefined : `expected at least ${expected} row(s) (docs show a subset), got ${actual}`;
  }
  return actual === expected ? undefined : `expected ${expected} row(s), got ${actual}`;
}

function compareRows(
  record: ConformanceRecord,
  expected: readonly (readonly string[])[],
  actual: readonly Cell[][],
  indexes: readonly number[],
  columns: readonly Column[],
  options: CellCompareOptions,
): string | undefined {
  const cellProblem = (e: readonly string[], a: readonly Cell[]): string | undefined => {
    for (let c = 0; c < indexes.length; c++) {
      const docCell = e[c]!;
      if (ELIDED.test(docCell.trim())) continue;
      const verdict = compareCell(docCell, a[indexes[c]!] ?? null, columns[c]!.type, options);
      if (!verdict.equal) return `column ${show(columns[c]!.name)}: ${verdict.detail}`;
    }
    return undefined;
  };

  if (record.ordered && !record.truncated) {
    for (let r = 0; r < expected.length; r++) {
      const p = cellProblem(expected[r]!, actual[r]!);
      if (p !== undefined) return `row ${r + 1}, ${p}`;
    }
    return undefined;
  }

  // Multiset (ordered=false) or subset (truncated): pair every documented row with a distinct result row.
  const n = expected.length;
  const m = actual.length;
  const compatible = (i: number, j: number): boolean => cellProblem(expected[i]!, actual[j]!) === undefined;
  const unmatched = n * m <= MAX_MATCHING_WORK ? maximumMatching(n, m, compatible).unmatchedLeft : greedyUnmatched(n, m, compatible);
  const missing = unmatched[0];
  if (missing === undefined) return undefined;
  const how = record.truncated ? 'subset' : 'order ignored';
  return `no result row matches docs row ${missing + 1} (${how}); ${closestProblem(expected[missing]!, actual, cellProblem)}`;
}

function greedyUnmatched(n: number, m: number, compatible: (i: number, j: number) => boolean): number[] {
  const used = new Uint8Array(m);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    let j = 0;
    while (j < m && (used[j] || !compatible(i, j))) j++;
    if (j < m) used[j] = 1;
    else out.push(i);
  }
  return out;
}

/** Explains a missing row by its nearest result row (the most equal cells). */
function closestProblem(
  expected: readonly string[],
  actual: readonly Cell[][],
  cellProblem: (e: readonly string[], a: readonly Cell[]) => string | undefined,
): string {
  if (actual.length === 0) return 'the result is empty';
  let best: { score: number; row: number } = { score: -1, row: 0 };
  const limit = Math.min(actual.length, 10_000);
  for (let j = 0; j < limit; j++) {
    let score = 0;
    for (let c = 0; c < expected.length; c++) {
      const single = expected.map((v, k) => (k === c ? v : '...'));
      if (cellProblem(single, actual[j]!) === undefined) score++;
    }
    if (score > best.score) best = { score, row: j };
  }
  return `nearest result row ${best.row + 1}: ${cellProblem(expected, actual[best.row]!) ?? 'matches but was paired elsewhere'}`;
}
