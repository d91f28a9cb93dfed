/**
 * Runs the KQL documentation conformance corpus (../shared/conformance, see its README.md) through
 * runKql on an in-memory DuckDB and compares each result with the documented table. A measurement, not a
 * gate: every record counts as passed or failed (an unsupported feature is a failure, never a skip), and
 * known differences stay failed but carry their reason.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { runKql, type RunOptions } from '../../kql/engine.js';
import type { RunOutcome } from '../../kql/engine-types.js';
import { makeCatalog } from '../../kql/syntax/catalog.js';
import { formatDiagnostic } from '../../kql/syntax/diagnostics.js';
import { checkKind, compareResult, recordNotes, type CheckKind } from './compare-result.js';
import { loadKnownDifferences } from './known-differences.js';
import { loadRecords, queryOf, type ConformanceRecord } from './records.js';

/** The project root (this file sits at src|dist/tools/conformance/). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export const DEFAULT_KNOWN_DIFFERENCES = join(PROJECT_ROOT, 'test', 'conformance', 'known-differences.json');

/** The query's now(): fixed, mid-month and not at midnight so startofmonth(now())..now() ranges are not empty. */
export const DEFAULT_NOW = new Date('2026-01-15T12:00:00Z');

export const DEFAULT_TIMEOUT_MS = 10_000;

/** Suites in report order; `core` is the one detection rules depend on. */
export const SUITES = ['core', 'geo', 'series', 'library', 'approx-graph'] as const;

export interface ConformanceOptions {
  /** The shared folder (`../shared`) or its `conformance` subfolder. Default: ../shared next to the project. */
  readonly shared?: string;
  readonly knownDifferences?: string;
  /** Run only records whose id or feature contains this text (case-insensitive). */
  readonly filter?: string;
  /** Run only this suite. */
  readonly suite?: string;
  readonly now?: Date;
  /** Per-example time limit; the query is interrupted and counted failed with reason 'timeout'. */
  readonly timeoutMs?: number;
  /** Reuse this connection (TimeZone must be UTC) instead of opening an in-memory DuckDB. */
  readonly connection?: DuckDBConnection;
  /** The engine entry to measure (default runKql); tests pass a stand-in. */
  readonly runQuery?: (text: string, options: RunOptions) => Promise<RunOutcome>;
  /** Called after each example (progress output). */
  readonly onResult?: (result: ExampleResult, index: number, total: number) => void;
}

export interface ExampleResult {
  readonly id: string;
  readonly feature: string;
  readonly suite: string;
  readonly derived: boolean;
  readonly passed: boolean;
  /** One line, for failures. */
  readonly reason?: string;
  readonly check: CheckKind;
  readonly notes: readonly string[];
  /** The reason from known-differences.json when the id is listed there. */
  readonly knownDifference?: string;
  readonly url?: string;
  readonly ms: number;
}

export interface Tally {
  passed: number;
  failed: number;
}

export interface SuiteTally extends Tally {
  readonly suite: string;
}

export interface FeatureTally extends Tally {
  readonly feature: string;
  readonly suite: string;
}

export interface ConformanceRun {
  readonly now: string;
  readonly sharedDir: string;
  readonly filter?: string;
  readonly suite?: string;
  /** Docs commit the corpus was extracted from. */
  readonly corpusCommit?: string;
  readonly results: readonly ExampleResult[];
  /** In SUITES order, then any other suite alphabetically. Only suites with examples in this run. */
  readonly suites: readonly SuiteTally[];
  /** Sorted by suite (SUITES order), then feature. */
  readonly features: readonly FeatureTally[];
  /** Listed ids present in this run, with whether they pass now. */
  readonly knownDifferences: readonly { id: string; suite: string; reason: string; passed: boolean }[];
  /** Listed ids that are not in the corpus (only checked when nothing is filtered out). */
  readonly unknownKnownDifferences: readonly string[];
}

/** Finds the folder holding kql-docs.jsonl: `dir/conformance` or `dir` itself. */
export function resolveSharedDir(dir?: string): string {
  const base = dir ?? join(PROJECT_ROOT, '..', 'shared');
  const nested = join(base, 'conformance');
  if (existsSync(join(nested, 'kql-docs.jsonl'))) return nested;
  if (existsSync(join(base, 'kql-docs.jsonl'))) return base;
  throw new Error(`no kql-docs.jsonl in ${nested} or ${base} (use --shared DIR)`);
}

function selected(record: ConformanceRecord, options: ConformanceOptions): boolean {
  if (options.suite !== undefined && record.suite !== options.suite) return false;
  if (options.filter === undefined) return true;
  const f = options.filter.toLowerCase();
  return record.id.toLowerCase().includes(f) || record.feature.toLowerCase().includes(f);
}

export async function runConformance(options: ConformanceOptions = {}): Promise<ConformanceRun> {
  const sharedDir = resolveSharedDir(options.shared);
  const all = loadRecords(sharedDir);
  const records = all.filter((r) => selected(r, options));
  const known = loadKnownDifferences(options.knownDifferences ?? DEFAULT_KNOWN_DIFFERENCES);
  const knownById = new Map(known.map((k) => [k.id, k.reason]));
  const now = options.now ?? DEFAULT_NOW;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  let instance: DuckDBInstance | undefined;
  let connection = options.connection;
  if (connection === undefined) {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    await connection.run("SET TimeZone='UTC'");
  }
  // Doc examples are self-contained (datatable, print, range, let): no tables in the catalog.
  const catalog = makeCatalog([]);

  const results: ExampleResult[] = [];
  try {
    for (const [index, record] of records.entries()) {
      const start = performance.now();
      const outcome = await runOne(record, { catalog, now, connection, timeoutMs, runQuery: options.runQuery ?? runKql });
      const knownDifference = knownById.get(record.id);
      const result: ExampleResult = {
        id: record.id,
        feature: record.feature,
        suite: record.suite,
        derived: record.derived === true,
        ...outcome,
        ...(knownDifference === undefined ? {} : { knownDifference }),
        ...(record.source?.url === undefined ? {} : { url: record.source.url }),
        ms: Math.round(performance.now() - start),
      };
      results.push(result);
      options.onResult?.(result, index, records.length);
    }
  } finally {
    if (instance !== undefined) {
      connection.closeSync();
      instance.closeSync();
    }
  }

  const ids = new Set(all.map((r) => r.id));
  const unfiltered = options.filter === undefined && options.suite === undefined;
  return {
    now: now.toISOString(),
    sharedDir,
    ...(options.filter === undefined ? {} : { filter: options.filter }),
    ...(options.suite === undefined ? {} : { suite: options.suite }),
    ...(all[0]?.source?.commit === undefined ? {} : { corpusCommit: all[0].source.commit }),
    results,
    suites: tallySuites(results),
    features: tallyFeatures(results),
    knownDifferences: results
      .filter((r) => r.knownDifference !== undefined)
      .map((r) => ({ id: r.id, suite: r.suite, reason: r.knownDifference!, passed: r.passed })),
    unknownKnownDifferences: unfiltered ? known.filter((k) => !ids.has(k.id)).map((k) => k.id) : [],
  };
}

interface RunContext {
  readonly catalog: ReturnType<typeof makeCatalog>;
  readonly now: Date;
  readonly connection: DuckDBConnection;
  readonly timeoutMs: number;
  readonly runQuery: (text: string, options: RunOptions) => Promise<RunOutcome>;
}

type Outcome = Pick<ExampleResult, 'passed' | 'reason' | 'check' | 'notes'>;

const TIMED_OUT = Symbol('timeout');

/** Result rows kept per example; the docs never show more, and a runaway query must not exhaust memory. */
const MAX_ROWS = 100_000;

async function runOne(record: ConformanceRecord, ctx: RunContext): Promise<Outcome> {
  const failed = (reason: string): Outcome => ({ passed: false, reason: oneLine(reason), check: checkKind(record), notes: recordNotes(record) });
  try {
    const running = Promise.resolve().then(() =>
      ctx.runQuery(queryOf(record), { catalog: ctx.catalog, now: ctx.now, connection: ctx.connection, maxRows: MAX_ROWS }),
    );
    const outcome = await withTimeout(running, ctx.timeoutMs, () => ctx.connection.interrupt());
    if (outcome === TIMED_OUT) return failed('timeout');
    if (!outcome.ok) {
      const errors = outcome.diagnostics.filter((d) => d.severity === 'error');
      const first = errors[0] ?? outcome.diagnostics[0];
      return failed(first === undefined ? 'compile failed without diagnostics' : formatDiagnostic(first));
    }
    const comparison = compareResult(record, outcome.result);
    return { ...comparison, ...(comparison.reason === undefined ? {} : { reason: oneLine(comparison.reason) }) };
  } catch (e) {
    return failed(e instanceof Error ? `${e.name === 'Error' ? '' : e.name + ': '}${e.message}` : String(e));
  }
}

/**
 * Resolves to TIMED_OUT after `ms` (having called onTimeout, e.g. connection.interrupt()) and then waits
 * briefly for the interrupted query to settle so the shared connection is free for the next example.
 * A query stuck in synchronous JavaScript cannot be interrupted this way.
 */
async function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => void): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    const winner = await Promise.race([promise, timeout]);
    if (winner === TIMED_OUT) {
      try {
        onTimeout();
      } catch {
        // The query may finish between the timer and the interrupt.
      }
      const settle = new Promise<void>((resolve) => setTimeout(resolve, 2_000).unref());
      await Promise.race([promise.then(() => undefined, () => undefined), settle]);
    }
    return winner;
  } finally {
    clearTimeout(timer);
  }
}

const MAX_REASON = 300;

function oneLine(s: string): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > MAX_REASON ? line.slice(0, MAX_REASON - 1) + '…' : line;
}

function suiteRank(suite: string): number {
  const i = (SUITES as readonly string[]).indexOf(suite);
  return i === -1 ? SUITES.length : i;
}

function bySuite(a: string, b: string): number {
  return suiteRank(a) - suiteRank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function tallySuites(results: readonly ExampleResult[]): SuiteTally[] {
  const map = new Map<string, SuiteTally>();
  for (const r of results) {
    const t = map.get(r.suite) ?? { suite: r.suite, passed: 0, failed: 0 };
    if (r.passed) t.passed++;
    else t.failed++;
    map.set(r.suite, t);
  }
  return [...map.values()].sort((a, b) => bySuite(a.suite, b.suite));
}

function tallyFeatures(results: readonly ExampleResult[]): FeatureTally[] {
  const map = new Map<string, FeatureTally>();
  for (const r of results) {
    const key = r.suite + '\u0000' + r.feature;
    const t = map.get(key) ?? { feature: r.feature, suite: r.suite, passed: 0, failed: 0 };
    if (r.passed) t.passed++;
    else t.failed++;
    map.set(key, t);
  }
  return [...map.values()].sort((a, b) => bySuite(a.suite, b.suite) || (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0));
}
