/**
 * The alert a rule run produces, before it is stored as a `SecurityAlert` row
 * (learn.microsoft.com/azure/sentinel/security-alert-schema). Times are bigint nanoseconds since the epoch, as the
 * engine returns datetimes. Evidence is the result rows behind the alert, in result order.
 */
import type { Cell } from '../kql/engine-types.js';
import type { Severity } from '../rules/model.js';
import type { AlertEntity } from './entities.js';

export interface Alert {
  readonly systemAlertId: string;
  /** Position in the run: 0…; the summary alert of a capped AlertPerResult run has index cap − 1. */
  readonly index: number;
  /** True for the alert that summarises every result row when AlertPerResult hits the cap. */
  readonly isSummary: boolean;
  readonly ruleId: string;
  readonly ruleName: string;
  readonly displayName: string;
  readonly description: string;
  readonly severity: Severity;
  readonly tactics: readonly string[];
  readonly techniques: readonly string[];
  /** TimeGenerated of the first and last event, or the query window when the result has no TimeGenerated. */
  readonly startTime: bigint;
  readonly endTime: bigint;
  /** When the alert was created: the run's scheduled time. */
  readonly timeGenerated: bigint;
  readonly entities: readonly AlertEntity[];
  readonly customDetails: Readonly<Record<string, readonly string[]>>;
  /** Sentinel's ExtendedProperties bag (values are strings, as Sentinel stores them). */
  readonly extendedProperties: Readonly<Record<string, string>>;
  /** SecurityAlert columns set by alertDynamicProperties (AlertLink, ConfidenceScore, ProductName, …). */
  readonly dynamicColumns: Readonly<Record<string, string | number>>;
  /** Indexes of the result rows behind the alert. */
  readonly rowIndexes: readonly number[];
  readonly evidence: readonly (readonly Cell[])[];
}
