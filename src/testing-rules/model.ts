/**
 * A rule test file (`rules/<name>.test.yaml`): the rule it tests and its cases. Each case pins the clock (one `now`,
 * or a list of run steps), gives the input rows per table and what the rule must produce. Everything here is
 * already checked against the table schemas (test-file.ts); rows are typed column values ready for the store.
 */
import type { Rule, SourceLocation } from '../rules/model.js';
import type { Column } from '../kql/plan/types.js';
import type { RowValue } from '../scheduler/sql-rows.js';

export interface TableInput {
  readonly table: string;
  readonly columns: readonly Column[];
  readonly rows: readonly Readonly<Record<string, RowValue>>[];
}

/** One step of a case's clock: a run of the rule's slot at or before `at`, or closing an incident. */
export type RunStep =
  | { readonly kind: 'run'; readonly at: Date; readonly location: SourceLocation }
  | { readonly kind: 'close'; readonly incident: number; readonly classification: string; readonly location: SourceLocation };

export interface ExpectedEntity {
  readonly type: string;
  readonly identifiers: Readonly<Record<string, string>>;
}

export interface ExpectedAlert {
  readonly title?: string;
  readonly description?: string;
  readonly severity?: string;
  readonly entities?: readonly ExpectedEntity[];
  readonly customDetails?: Readonly<Record<string, readonly string[]>>;
  readonly evidence?: number;
  readonly location: SourceLocation;
}

export interface ExpectedIncident {
  /** 1-based positions of the case's alerts, in creation order. */
  readonly alerts?: readonly number[];
  readonly status?: string;
  readonly title?: string;
  readonly severity?: string;
  readonly location: SourceLocation;
}

export interface Expectation {
  readonly alertCount: number;
  /** Absent when only the count is given. */
  readonly alerts?: readonly ExpectedAlert[];
  readonly incidentCount?: number;
  readonly incidents?: readonly ExpectedIncident[];
}

export interface TestCase {
  readonly name: string;
  /** Why the rule behaves as it does here when that is not what a defender would want (a known miss or misfire). */
  readonly known?: string;
  readonly steps: readonly RunStep[];
  readonly tables: readonly TableInput[];
  /** Absent for a new case: `kqlwatch test --update` fills it in. */
  readonly expect?: Expectation;
  readonly location: SourceLocation;
  /** Position of the case in the file's `cases` list (for --update). */
  readonly index: number;
}

export interface TestFile {
  readonly file: string;
  readonly rule: Rule;
  readonly cases: readonly TestCase[];
}

/** A problem with a test file, at file:line. */
export class TestFileError extends Error {
  override readonly name = 'TestFileError';
  constructor(readonly location: SourceLocation, readonly reason: string) {
    super(`${location.file}:${location.line}: ${reason}`);
  }
}

/** What a case's runs produced, in the shape expectations are written in. */
export interface ActualEntity {
  readonly type: string;
  readonly identifiers: Readonly<Record<string, string>>;
}

export interface ActualAlert {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly severity: string;
  readonly entities: readonly ActualEntity[];
  readonly customDetails: Readonly<Record<string, readonly string[]>>;
  readonly evidence: number;
  /** The slot of the run that created it (ISO). */
  readonly runAt: string;
}

export interface ActualIncident {
  readonly number: number;
  readonly title: string;
  readonly severity: string;
  readonly status: string;
  readonly alerts: readonly number[];
}

export interface ActualOutcome {
  readonly alerts: readonly ActualAlert[];
  readonly incidents: readonly ActualIncident[];
  /** Runs that failed (KQL errors), as messages. */
  readonly failures: readonly string[];
}
