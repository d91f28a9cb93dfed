/**
 * The scheduler's persisted state: one `kqlwatch_rule_runs` row per (rule, scheduled time), written in the same
 * transaction as the run's alerts and incidents, with a primary key so a window can never be recorded twice. After
 * a crash the last recorded slot says where to resume; a run that did not commit left nothing and runs again.
 * Each run is also written to `SentinelHealth` (learn.microsoft.com/azure/sentinel/monitor-analytics-rule-integrity),
 * so "why did it not fire?" can be asked in KQL as in Sentinel.
 */
import type { Column } from '../kql/plan/types.js';
import type { Store } from '../store/store.js';
import { formatDatetime } from '../kql/format/format-datetime.js';
import { ensureOwnTable, insertRows, nsValue, selectRows, str, type Row } from './sql-rows.js';

export const RULE_RUNS_TABLE = 'kqlwatch_rule_runs';

export type RunStatus = 'Success' | 'Failure' | 'Suppressed';

export interface RunRecord {
  readonly ruleId: string;
  readonly ruleName: string;
  readonly kind: string;
  readonly scheduledTime: Date;
  readonly windowStart: Date;
  readonly windowEnd: Date;
  readonly status: RunStatus;
  readonly rowsReturned: number;
  readonly triggered: boolean;
  readonly alertsCreated: number;
  /** Result rows that got no alert of their own because of the per-run alert cap. */
  readonly rowsCutByCaps: number;
  /** Entities dropped: over the per-alert limit, or generic account names. */
  readonly entitiesDropped: number;
  readonly incidentsCreated: number;
  readonly incidentsUpdated: number;
  readonly durationMs: number;
  /** The query's diagnostics or the failure, empty when the run succeeded. */
  readonly error: string;
  /** What limits bit and how (caps, truncations), one sentence each. */
  readonly notes: readonly string[];
}

const NS_PER_MS = 1_000_000n;
const ns = (d: Date) => BigInt(d.getTime()) * NS_PER_MS;

const RUN_COLUMNS: readonly Column[] = [
  { name: 'RuleId', type: 'string' },
  { name: 'RuleName', type: 'string' },
  { name: 'Kind', type: 'string' },
  { name: 'ScheduledTime', type: 'datetime' },
  { name: 'WindowStart', type: 'datetime' },
  { name: 'WindowEnd', type: 'datetime' },
  { name: 'Status', type: 'string' },
  { name: 'RowsReturned', type: 'long' },
  { name: 'Triggered', type: 'bool' },
  { name: 'AlertsCreated', type: 'long' },
  { name: 'RowsCutByCaps', type: 'long' },
  { name: 'EntitiesDropped', type: 'long' },
  { name: 'IncidentsCreated', type: 'long' },
  { name: 'IncidentsUpdated', type: 'long' },
  { name: 'DurationMs', type: 'real' },
  { name: 'Error', type: 'string' },
  { name: 'Notes', type: 'dynamic' },
];

export async function ensureRunTables(store: Store): Promise<void> {
  await ensureOwnTable(store, RULE_RUNS_TABLE, RUN_COLUMNS, ['RuleId', 'ScheduledTime']);
  await store.ensureTables(['SentinelHealth']);
}

export async function recordRun(store: Store, r: RunRecord): Promise<void> {
  const row: Row = {
    RuleId: r.ruleId, RuleName: r.ruleName, Kind: r.kind, ScheduledTime: ns(r.scheduledTime),
    WindowStart: ns(r.windowStart), WindowEnd: ns(r.windowEnd), Status: r.status, RowsReturned: r.rowsReturned,
    Triggered: r.triggered, AlertsCreated: r.alertsCreated, RowsCutByCaps: r.rowsCutByCaps,
    EntitiesDropped: r.entitiesDropped, IncidentsCreated: r.incidentsCreated, IncidentsUpdated: r.incidentsUpdated,
    DurationMs: r.durationMs, Error: r.error, Notes: JSON.stringify(r.notes),
  };
  await insertRows(store, RULE_RUNS_TABLE, RUN_COLUMNS, [row]);
  await insertRows(store, 'SentinelHealth', store.catalog.tables.get('SentinelHealth')!.columns, [healthRow(r)]);
}

/** A SentinelHealth record of an analytics rule run, in the shape Sentinel's health monitoring writes. */
function healthRow(r: RunRecord): Row {
  const t = ns(r.scheduledTime);
  const iso = (d: Date) => formatDatetime(ns(d));
  const description =
    r.status === 'Failure' ? `The rule query failed: ${r.error}`
    : r.status === 'Suppressed' ? 'The rule was not run: suppression after a previous alert is in effect.'
    : r.alertsCreated > 0 ? `The rule ran and created ${r.alertsCreated} alert(s).`
    : 'The rule ran; the trigger condition was not met.';
  return {
    TimeGenerated: t,
    OperationName: r.kind === 'NRT' ? 'NRT analytics rule run' : 'Scheduled analytics rule run',
    SentinelResourceId: r.ruleId,
    SentinelResourceName: r.ruleName,
    SentinelResourceType: 'Analytics Rule',
    SentinelResourceKind: r.kind,
    Status: r.status === 'Failure' ? 'Failure' : r.notes.length > 0 ? 'Warning' : 'Success',
    Description: description,
    Reason: r.error,
    RecordId: `${r.ruleId}_${iso(r.scheduledTime)}`,
    ExtendedProperties: JSON.stringify({
      QueryStartTimeUTC: iso(r.windowStart),
      QueryEndTimeUTC: iso(r.windowEnd),
      ScheduledTimeUTC: iso(r.scheduledTime),
      RunStatus: r.status,
      QueryResultAmount: r.rowsReturned,
      TriggerStatus: r.triggered ? 'Triggered' : 'NotTriggered',
      AlertsGeneratedAmount: r.alertsCreated,
      RowsCutByCaps: r.rowsCutByCaps,
      EntitiesDropped: r.entitiesDropped,
      IncidentsCreated: r.incidentsCreated,
      IncidentsUpdated: r.incidentsUpdated,
      Notes: r.notes,
    }),
  };
}

/** The latest recorded slot of each rule that ever ran (one query for all: the scheduler asks at every tick). */
export async function lastScheduledTimes(store: Store, ruleIds: readonly string[]): Promise<Map<string, Date>> {
  const out = new Map<string, Date>();
  if (ruleIds.length === 0) return out;
  const rows = await selectRows(
    store,
    `SELECT RuleId AS id, epoch_ns(max(ScheduledTime)) AS t FROM ${RULE_RUNS_TABLE} WHERE RuleId IN (${ruleIds.map(str).join(', ')}) GROUP BY RuleId`,
  );
  for (const r of rows) {
    const t = nsValue(r.t);
    if (t !== undefined) out.set(String(r.id), new Date(Number(t / NS_PER_MS)));
  }
  return out;
}

export async function hasRun(store: Store, ruleId: string, scheduledTime: Date): Promise<boolean> {
  const rows = await selectRows(
    store,
    `SELECT count(*) AS n FROM ${RULE_RUNS_TABLE} WHERE RuleId = ${str(ruleId)} AND ScheduledTime = make_timestamp_ns(${ns(scheduledTime)})`,
  );
  return Number(rows[0]?.n ?? 0) > 0;
}

/** The slot of the rule's latest run that created alerts, before `before` (for suppression). */
export async function lastAlertingRun(store: Store, ruleId: string, before: Date): Promise<Date | undefined> {
  const rows = await selectRows(
    store,
    `SELECT epoch_ns(max(ScheduledTime)) AS t FROM ${RULE_RUNS_TABLE}
      WHERE RuleId = ${str(ruleId)} AND AlertsCreated > 0 AND ScheduledTime < make_timestamp_ns(${ns(before)})`,
  );
  const t = nsValue(rows[0]?.t);
  return t === undefined ? undefined : new Date(Number(t / NS_PER_MS));
}

/** Every recorded run, oldest first (ties by rule id). */
export async function listRuns(store: Store, ruleId?: string): Promise<RunRecord[]> {
  await ensureRunTables(store);
  const where = ruleId === undefined ? '' : `WHERE RuleId = ${str(ruleId)}`;
  const rows = await selectRows(
    store,
    `SELECT *, epoch_ns(ScheduledTime) AS s_ns, epoch_ns(WindowStart) AS ws_ns, epoch_ns(WindowEnd) AS we_ns
       FROM ${RULE_RUNS_TABLE} ${where} ORDER BY ScheduledTime, RuleId`,
  );
  const date = (v: unknown) => new Date(Number(nsValue(v)! / NS_PER_MS));
  return rows.map((r) => ({
    ruleId: String(r.RuleId), ruleName: String(r.RuleName), kind: String(r.Kind),
    scheduledTime: date(r.s_ns), windowStart: date(r.ws_ns), windowEnd: date(r.we_ns),
    status: String(r.Status) as RunStatus, rowsReturned: Number(r.RowsReturned), triggered: Boolean(r.Triggered),
    alertsCreated: Number(r.AlertsCreated), rowsCutByCaps: Number(r.RowsCutByCaps), entitiesDropped: Number(r.EntitiesDropped),
    incidentsCreated: Number(r.IncidentsCreated), incidentsUpdated: Number(r.IncidentsUpdated),
    durationMs: Number(r.DurationMs), error: String(r.Error ?? ''), notes: JSON.parse(String(r.Notes ?? '[]')) as string[],
  }));
}
