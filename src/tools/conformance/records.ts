/**
 * The conformance corpus: worked examples from Microsoft's KQL reference, one JSON object per line in
 * `../shared/conformance/kql-docs.jsonl` and `kql-docs-derived.jsonl`. The record format is described in
 * that folder's README.md; this module only reads and type-checks the fields the runner uses.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A table as the docs print it: every cell is the display string from the markdown table. */
export interface ExpectedTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface ConformanceRecord {
  readonly id: string;
  readonly feature: string;
  readonly suite: string;
  readonly query: string;
  /** Present for bare scalar expressions (`asin(0.5)` → `print asin(0.5)`). */
  readonly runnable_query?: string;
  readonly expected: ExpectedTable;
  readonly expected_normalized?: ExpectedTable;
  readonly expected_alternatives?: readonly ExpectedTable[];
  readonly expected_additional_results?: readonly ExpectedTable[];
  readonly ordered: boolean;
  readonly deterministic: boolean;
  readonly truncated: boolean;
  readonly partial_columns?: boolean;
  readonly bare_expression?: boolean;
  readonly derived?: boolean;
  readonly notes: readonly string[];
  readonly source?: { readonly commit?: string; readonly url?: string };
}

/** The two corpus files, in the order they are run. */
export const CORPUS_FILES = ['kql-docs.jsonl', 'kql-docs-derived.jsonl'] as const;

/** Reads every record of both corpus files in `dir`; throws with file:line on a malformed line. */
export function loadRecords(dir: string): ConformanceRecord[] {
  const out: ConformanceRecord[] = [];
  for (const file of CORPUS_FILES) {
    const path = join(dir, file);
    const lines = readFileSync(path, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (e) {
        throw new Error(`${path}:${i + 1}: not JSON (${(e as Error).message})`);
      }
      out.push(checkRecord(value, `${path}:${i + 1}`));
    });
  }
  return out;
}

function checkRecord(value: unknown, where: string): ConformanceRecord {
  const r = value as Partial<ConformanceRecord> | null;
  if (r === null || typeof r !== 'object') throw new Error(`${where}: record is not an object`);
  for (const key of ['id', 'feature', 'suite', 'query'] as const) {
    if (typeof r[key] !== 'string') throw new Error(`${where}: field '${key}' missing or not a string`);
  }
  if (!isTable(r.expected)) throw new Error(`${where}: field 'expected' is not a {columns, rows} table`);
  if (r.expected_normalized !== undefined && !isTable(r.expected_normalized)) {
    throw new Error(`${where}: field 'expected_normalized' is not a {columns, rows} table`);
  }
  return {
    ...(r as ConformanceRecord),
    ordered: r.ordered !== false,
    deterministic: r.deterministic !== false,
    truncated: r.truncated === true,
    notes: Array.isArray(r.notes) ? r.notes : [],
  };
}

function isTable(t: unknown): t is ExpectedTable {
  const x = t as ExpectedTable | null;
  return (
    x !== null &&
    typeof x === 'object' &&
    Array.isArray(x.columns) &&
    Array.isArray(x.rows) &&
    x.rows.every((row) => Array.isArray(row) && row.every((c) => typeof c === 'string'))
  );
}

/** The query text the runner executes (`runnable_query` when the docs show a bare expression). */
export function queryOf(r: ConformanceRecord): string {
  return r.runnable_query ?? r.query;
}

/** The documented table to compare with (`expected_normalized` when the extractor cleaned it up). */
export function expectedOf(r: ConformanceRecord): ExpectedTable {
  return r.expected_normalized ?? r.expected;
}
