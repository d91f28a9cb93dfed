/**
 * runRule(store, rule, scheduledTime): one scheduled run of one rule (learn.microsoft.com/azure/sentinel/
 * scheduled-rules-overview): skip if the slot already ran; suppressed after a recent alert; else run the query over
 * the window (windows.ts) with now() at the window's end, compare the row count with the trigger, build the alerts,
 * group them into incidents, and store alerts, evidence, incidents and the run record in one transaction, so a
 * crash leaves the slot either fully done or not at all. A query that fails is recorded as a failed run.
 */
import { performance } from 'node:perf_hooks';
import type { DuckDBConnection } from '@duckdb/node-api';
import { compileKql, runKql } from '../kql/engine.js';
import type { RunOutcome } from '../kql/engine-types.js';
import { formatDiagnostic } from '../kql/syntax/diagnostics.js';
import type { Rule } from '../rules/model.js';
import type { Store } from '../store/store.js';
import { transaction } from '../store/transaction.js';
import { buildAlerts, isTriggered } from '../alerts/build-alerts.js';
import { isSuppressed } from '../alerts/suppression.js';
import { ensureIncidentTables } from '../incidents/incident-store.js';
import { groupAlerts } from '../incidents/group-alerts.js';
import { ensureRunTables, hasRun, lastAlertingRun, recordRun, type RunRecord } from './run-state.js';
import { ruleWindow, type RunWindow } from './windows.js';
import { ensureAlertTables, writeAlerts } from './write-alerts.js';

export interface RuleRunOutcome {
  readonly record: RunRecord;
  /** False when the slot had already run (nothing was done). */
  readonly ran: boolean;
  readonly alertIds: readonly string[];
}

export async function ensureSchedulerTables(store: Store): Promise<void> {
  await ensureRunTables(store);
  await ensureAlertTables(store);
  await ensureIncidentTables(store);
}

export interface RunRuleOptions {
  /** The query, started ahead of the run (run-due.ts runs the queries of one slot time side by side). */
  readonly query?: Promise<TimedQuery>;
}

/** A query's outcome and how long it ran (its own time, wherever it ran and whoever waited for it). */
export interface TimedQuery {
  readonly outcome: RunOutcome;
  readonly ms: number;
}

/**
 * Where a rule's query runs: the store's own connection, or a reader with the columns its snapshot holds (a reader's
 * snapshot may predate a column the store's connection has added since, an alert's first value of it: the query
 * reads the columns its snapshot holds).
 */
export interface QueryConnection {
  readonly connection: DuckDBConnection;
  readonly storedColumns: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The rule's query over its window, on the store's connection or on a reader. */
export async function queryRule(store: Store, rule: Rule, w: RunWindow, on?: QueryConnection): Promise<TimedQuery> {
  const t0 = performance.now();
  const stored = on?.storedColumns;
  const outcome = await runKql(rule.query, {
    catalog: store.catalog, connection: on?.connection ?? store.connection, now: w.now,
    ...(stored ? { storedColumns: (t: string) => stored.get(t) } : {}),
    // NRT rules see what was ingested in their minute; scheduled rules the events of their period.
    window: { start: w.start, end: w.end, by: rule.kind === 'NRT' ? 'ingestion_time' : 'TimeGenerated' },
    beforeRun: (tables) => store.ensureTables(tables),
  });
  return { outcome, ms: performance.now() - t0 };
}

/** The tables a rule's query reads, by rule and catalog: they do not depend on the window, and a replay asks often. */
const ruleTables = new WeakMap<Rule, { readonly catalog: object; readonly tables: readonly string[] }>();

/** Creates the tables the rule's query reads (empty), as its run would; nothing when the query does not compile. */
export async function ensureRuleTables(store: Store, rule: Rule, w: RunWindow): Promise<void> {
  let known = ruleTables.get(rule);
  if (known?.catalog !== store.catalog) {
    const compiled = compileKql(rule.query, { catalog: store.catalog, now: w.now, window: { start: w.start, end: w.end } });
    if (!compiled.ok) return;
    known = { catalog: store.catalog, tables: compiled.query!.tables };
    ruleTables.set(rule, known);
  }
  await store.ensureTables(known.tables);
}

export async function runRule(store: Store, rule: Rule, scheduledTime: Date, options: RunRuleOptions = {}): Promise<RuleRunOutcome> {
  await ensureSchedulerTables(store);
  const w = ruleWindow(rule, scheduledTime);
  const base = {
    ruleId: rule.id, ruleName: rule.name, kind: rule.kind, scheduledTime: w.scheduledTime, windowStart: w.start,
    windowEnd: w.end, rowsReturned: 0, triggered: false, alertsCreated: 0, rowsCutByCaps: 0, entitiesDropped: 0,
    incidentsCreated: 0, incidentsUpdated: 0, durationMs: 0, error: '', notes: [] as string[],
  };
  if (await hasRun(store, rule.id, w.scheduledTime)) {
    return { record: { ...base, status: 'Success' }, ran: false, alertIds: [] };
  }
  const started = performance.now();
  if (rule.suppressionEnabled && isSuppressed(rule, w.scheduledTime, await lastAlertingRun(store, rule.id, w.scheduledTime))) {
    const record: RunRecord = { ...base, status: 'Suppressed' };
    await transaction(store, () => recordRun(store, record));
    return { record, ran: true, alertIds: [] };
  }

  // The query runs before the transaction opens: a failing query must not leave the transaction aborted.
  const waiting = performance.now();
  const { outcome: out, ms: queryMs } = await (options.query ?? queryRule(store, rule, w));
  // The run's own time: the query's, not the wait for a query that ran beside another run's.
  const waited = performance.now() - waiting;
  const elapsed = () => performance.now() - started - waited + queryMs;
  if (!out.ok) {
    const record: RunRecord = {
      ...base, status: 'Failure', durationMs: elapsed(),
      error: out.diagnostics.map((d) => formatDiagnostic(d)).join('; '),
    };
    await transaction(store, () => recordRun(store, record));
    return { record, ran: true, alertIds: [] };
  }

  const { columns, rows } = out.result;
  const triggered = isTriggered(rule, rows.length);
  const built = triggered
    ? buildAlerts(rule, out.result, { scheduledTime: w.scheduledTime, windowStart: w.start, windowEnd: w.end })
    : { alerts: [], rowsCutByCaps: 0, entitiesDropped: 0, notes: [] };
  return transaction(store, async () => {
    await writeAlerts(store, rule, built.alerts, columns);
    const grouped = await groupAlerts(store, rule, built.alerts, w.scheduledTime);
    const record: RunRecord = {
      ...base, status: 'Success', rowsReturned: rows.length, triggered, alertsCreated: built.alerts.length,
      rowsCutByCaps: built.rowsCutByCaps, entitiesDropped: built.entitiesDropped, incidentsCreated: grouped.created.length,
      incidentsUpdated: grouped.updated.length, durationMs: elapsed(), notes: built.notes,
    };
    await recordRun(store, record);
    return { record, ran: true, alertIds: built.alerts.map((a) => a.systemAlertId) };
  });
}
