/**
 * runTests(paths): discovers `*.test.yaml` files (folders recursively; files given by name are used as they are),
 * runs every case, and reports each as passed, failed (with the expected-vs-actual diff) or updated. A file that
 * cannot be loaded is one failure with its file:line message. Cases share one in-memory DuckDB database that is
 * emptied between cases: opening a database costs more than a typical case.
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, visit, type YAMLMap } from 'yaml';
import { performance } from 'node:perf_hooks';
import { ident } from '../kql/sql/sql-text.js';
import { openStore, type Store } from '../store/store.js';
import { compareOutcome } from './compare.js';
import { TestFileError, type ActualOutcome, type TestCase } from './model.js';
import { runCaseIn } from './run-case.js';
import { loadTestFile, type ParsedTestFile } from './test-file.js';
import { expectationFrom } from './update.js';

export type CaseStatus = 'passed' | 'failed' | 'updated';

export interface CaseResult {
  readonly file: string;
  readonly line: number;
  readonly name: string;
  readonly status: CaseStatus;
  /** Why it failed: the expected-vs-actual diff, or the error. */
  readonly diff: readonly string[];
  readonly known?: string;
  readonly durationMs: number;
}

export interface FileResult {
  readonly file: string;
  /** The file could not be loaded (file:line message); it counts as one failure. */
  readonly error?: string;
  readonly cases: readonly CaseResult[];
  readonly durationMs: number;
}

export interface RunTestsOptions {
  /** Fill in the expectations of cases that have none, from their actual outcome, and rewrite the file. */
  readonly update?: boolean;
  /** Called after each file (progress output). */
  readonly onFile?: (result: FileResult) => void | Promise<void>;
}

export interface TestRunSummary {
  readonly files: readonly FileResult[];
  readonly passed: number;
  readonly failed: number;
  readonly updated: number;
}

export const TEST_FILE = /\.test\.ya?ml$/i;

/** The test files under the paths: files as given, folders searched recursively for *.test.yaml, sorted. */
export function testFiles(paths: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (TEST_FILE.test(name)) files.push(p);
    }
  };
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      missing.push(p);
      continue;
    }
    if (isDir) walk(p);
    else files.push(p);
  }
  return { files, missing };
}

export async function runTests(paths: readonly string[], options: RunTestsOptions = {}): Promise<TestRunSummary> {
  const { files, missing } = testFiles(paths);
  const results: FileResult[] = missing.map((file) => ({ file, error: `${file}: no such file or folder`, cases: [], durationMs: 0 }));
  const store = await openStore(':memory:');
  try {
    for (const file of files) {
      const r = await runTestFile(store, file, options);
      await options.onFile?.(r);
      results.push(r);
    }
  } finally {
    store.close();
  }
  let passed = 0;
  let failed = 0;
  let updated = 0;
  for (const r of results) {
    if (r.error) failed++;
    for (const c of r.cases) {
      if (c.status === 'passed') passed++;
      else if (c.status === 'failed') failed++;
      else updated++;
    }
  }
  return { files: results, passed, failed, updated };
}

export async function runTestFile(store: Store, file: string, options: RunTestsOptions = {}): Promise<FileResult> {
  const started = performance.now();
  let parsed: ParsedTestFile;
  try {
    parsed = loadTestFile(file, { catalog: store.catalog });
  } catch (e) {
    if (e instanceof TestFileError) return { file, error: e.message, cases: [], durationMs: performance.now() - started };
    throw e;
  }
  const cases: CaseResult[] = [];
  let changed = false;
  for (const c of parsed.cases) {
    const t0 = performance.now();
    let actual: ActualOutcome;
    try {
      await emptyStore(store);
      actual = await runCaseIn(store, parsed.rule, c);
    } catch (e) {
      cases.push(result(file, c, 'failed', [`error: ${(e as Error).message}`], t0));
      continue;
    }
    if (!c.expect) {
      if (options.update && actual.failures.length === 0) {
        setExpectation(parsed, c, actual);
        changed = true;
        cases.push(result(file, c, 'updated', [], t0));
      } else {
        cases.push(result(file, c, 'failed', [...actual.failures.map((f) => `a run failed: ${f}`), 'the case has no `expect`; run `kqlwatch test --update` to fill it in from the actual outcome, then review it'], t0));
      }
      continue;
    }
    const diff = compareOutcome(c.expect, actual);
    cases.push(result(file, c, diff.length === 0 ? 'passed' : 'failed', diff, t0));
  }
  if (changed) writeFileSync(file, parsed.document.toString({ lineWidth: 0 }));
  return { file, cases, durationMs: performance.now() - started };
}

function result(file: string, c: TestCase, status: CaseStatus, diff: readonly string[], t0: number): CaseResult {
  return { file, line: c.location.line, name: c.name, status, diff, durationMs: performance.now() - t0, ...(c.known !== undefined ? { known: c.known } : {}) };
}

function setExpectation(parsed: ParsedTestFile, c: TestCase, actual: ActualOutcome): void {
  const cases = parsed.document.get('cases', true);
  if (!isSeq(cases)) return;
  const node = cases.items[c.index];
  if (!isMap(node)) return;
  const expect = parsed.document.createNode(expectationFrom(actual));
  // Entities, custom detail values and incidents read best on one line each, as hand-written cases have them.
  visit(expect, {
    Pair(_, pair) {
      const k = isScalar(pair.key) ? pair.key.value : undefined;
      if (k === 'customDetails' && isMap(pair.value)) for (const p of pair.value.items) if (isSeq(p.value)) p.value.flow = true;
      if ((k === 'entities' || k === 'incidents') && isSeq(pair.value)) for (const item of pair.value.items) if (isMap(item)) flowAll(item);
    },
  });
  node.set('expect', expect);
}

function flowAll(map: YAMLMap): void {
  map.flow = true;
  for (const p of map.items) if (isSeq(p.value) || isMap(p.value)) p.value.flow = true;
}

/** Deletes every row of every table, so the next case starts from an empty store (cheaper than re-creating them). */
async function emptyStore(store: Store): Promise<void> {
  const r = await store.connection.runAndReadAll(
    `SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary`,
  );
  for (const [schema, table] of r.getRows()) await store.connection.run(`DELETE FROM ${ident(String(schema))}.${ident(String(table))}`);
}
