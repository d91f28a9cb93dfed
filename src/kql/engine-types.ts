/**
 * The public types of the KQL engine: what a caller passes in and what comes back. The CLI, the server,
 * the rules runner, tests and benchmarks all use these (through src/index.ts).
 */
import type { KqlDiagnostic } from './syntax/diagnostics.js';
import type { Catalog, StoredColumns } from './syntax/catalog.js';
import type { Column } from './plan/types.js';

export interface CompileOptions {
  readonly catalog: Catalog;
  /** The query's `now()`, fixed for the whole query (Kusto: one value per statement). */
  readonly now: Date;
  /**
   * A scheduled rule's time range: every table the query reads sees only rows with `start < TimeGenerated <= end`
   * (Sentinel applies queryPeriod to the whole query, every table included). Tables without TimeGenerated are
   * not filtered.
   */
  readonly window?: {
    readonly start: Date;
    readonly end: Date;
    /** What the window bounds: TimeGenerated (scheduled rules) or the ingestion time (NRT rules). */
    readonly by?: 'TimeGenerated' | 'ingestion_time';
  };
  /**
   * The stored columns as the connection that runs the query sees them, when that differs from the catalog's
   * (a reader on a snapshot pinned before a column was added); default: the catalog's.
   */
  readonly storedColumns?: StoredColumns;
  /**
   * Reuse what an earlier compile of the same text made (default true): its plan holds now() and the window as
   * parameters, so a rule's next run only writes the SQL with new values. `false` compiles from scratch, as a new
   * process would.
   */
  readonly reuse?: boolean;
}

/**
 * One result cell, by the column's Kusto type:
 * string → string; guid → string | null; int, real, decimal → number (NaN/±Infinity allowed); long → bigint;
 * bool → boolean; datetime → bigint nanoseconds since 1970-01-01 UTC; timespan → bigint ticks (100 ns);
 * dynamic → JSON text (string) or null. Any type → null for a null cell.
 */
export type Cell = string | number | bigint | boolean | null;

export interface QueryResult {
  readonly columns: readonly Column[];
  readonly rows: Cell[][];
}

export interface CompiledQuery {
  readonly text: string;
  /** The SQL that runs, now() and the window written in. */
  readonly sql: string;
  readonly schema: readonly Column[];
  /** Indented text of the logical plan (for --explain). */
  readonly explain: string;
  /** Warnings from the parser (errors make compilation fail). */
  readonly diagnostics: readonly KqlDiagnostic[];
}

export type CompileOutcome =
  | { readonly ok: true; readonly query: CompiledQuery }
  | { readonly ok: false; readonly diagnostics: readonly KqlDiagnostic[] };

export type RunOutcome =
  | { readonly ok: true; readonly result: QueryResult; readonly query: CompiledQuery }
  | { readonly ok: false; readonly diagnostics: readonly KqlDiagnostic[] };
