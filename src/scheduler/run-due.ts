/**
 * runDueRules(store, rules, now): every enabled rule's slots that are due at `now` and not yet recorded, oldest
 * first (ties in rule order), each through runRule. A rule seen for the first time starts at its latest slot; after
 * that every slot since the last recorded one is caught up, so a restart neither skips nor repeats a window.
 * Live operation, `kqlwatch run` and replay all come through here.
 */
import type { Rule } from '../rules/model.js';
import { storedColumns, type Store } from '../store/store.js';
import { prepareConnection } from '../kql/runtime/macros.js';
import { ensureRuleTables, ensureSchedulerTables, queryRule, runRule, type RuleRunOutcome, type TimedQuery } from './run-rule.js';
import { lastScheduledTimes, RULE_RUNS_TABLE } from './run-state.js';
import { ruleWindow, scheduledTimes } from './windows.js';

export interface RunDueOptions {
  /** Slots before this are never run (replay's start). */
  readonly notBefore?: Date;
  /** Called after each run (progress output). */
  readonly onRun?: (outcome: RuleRunOutcome) => void;
}

export async function dueRuns(store: Store, rules: readonly Rule[], now: Date, options: RunDueOptions = {}): Promise<{ rule: Rule; at: Date }[]> {
  await ensureSchedulerTables(store);
  const due: { rule: Rule; at: Date; order: number }[] = [];
  const lasts = await lastScheduledTimes(store, rules.filter((r) => r.enabled).map((r) => r.id));
  for (const [order, rule] of rules.entries()) {
    if (!rule.enabled) continue;
    const last = lasts.get(rule.id);
    for (const at of scheduledTimes(rule, last, now)) {
      if (options.notBefore && at < options.notBefore) continue;
      due.push({ rule, at, order });
    }
  }
  due.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  return due.map(({ rule, at }) => ({ rule, at }));
}

export async function runDueRules(store: Store, rules: readonly Rule[], now: Date, options: RunDueOptions = {}): Promise<RuleRunOutcome[]> {
  const outcomes: RuleRunOutcome[] = [];
  const due = await dueRuns(store, rules, now, options);
  for (let i = 0; i < due.length; ) {
    let j = i + 1;
    while (j < due.length && due[j]!.at.getTime() === due[i]!.at.getTime()) j++;
    const slot = due.slice(i, j);
    const ahead = slot.length > 1 ? await startQueries(store, slot) : [];
    try {
      for (const [k, { rule, at }] of slot.entries()) {
        const outcome = await runRule(store, rule, at, k < ahead.length ? { query: ahead[k]! } : {});
        options.onRun?.(outcome);
        outcomes.push(outcome);
      }
    } finally {
      // A run that was skipped (already recorded, suppressed) or failed still has its query to finish.
      await Promise.allSettled(ahead);
    }
    i = j;
  }
  return outcomes;
}

/**
 * The queries of the runs due at one slot time, started side by side, each on a reader connection of its own:
 * DuckDB runs them on both cores while the store's connection writes the earlier runs' alerts (7-day replay of the
 * pack on the 10M-row bench tenant: 67 → 57 s). Each reader's snapshot is taken before any of the slot's runs
 * stores anything (a transaction begun and a table read), so every rule of a slot sees the store as it was when
 * the slot began, whatever the timing: deterministic, and as in Sentinel, where the rules of one moment run
 * independently. The tables the queries read are made first: a reader's snapshot would not see a later one.
 */
async function startQueries(store: Store, slot: readonly { rule: Rule; at: Date }[]): Promise<Promise<TimedQuery>[]> {
  const windows = slot.map(({ rule, at }) => ruleWindow(rule, at));
  for (const [k, { rule }] of slot.entries()) await ensureRuleTables(store, rule, windows[k]!);
  const readers = await store.readers(slot.length);
  const begun: typeof readers = [];
  let columns: Map<string, Set<string>>;
  try {
    for (const r of readers) {
      // Macros and functions first, one connection at a time: DuckDB refuses to register a function from one
      // connection while another is registering one ("Failed to register scalar function").
      await prepareConnection(r);
      await r.run('BEGIN TRANSACTION');
      begun.push(r);
      await r.run(`SELECT 1 FROM ${RULE_RUNS_TABLE} LIMIT 0`);
    }
    // The readers began one after another while the store's connection stood between two writes: their snapshots
    // hold the same columns, read once (each read took ~6 ms on a busy machine, 849 of them in a 7-day replay).
    columns = await storedColumns(readers[0]!, store.catalog);
  } catch (e) {
    // A reader left inside a transaction could never begin the next slot's.
    for (const r of begun) await r.run('ROLLBACK').catch(() => undefined);
    throw e;
  }
  return slot.map(({ rule }, k) => {
    const reader = readers[k]!;
    // Read-only: ROLLBACK ends it whether or not the query failed inside it.
    return queryRule(store, rule, windows[k]!, { connection: reader, storedColumns: columns }).finally(() => reader.run('ROLLBACK'));
  });
}
