/**
 * runDueRules(store, rules, now): every enabled rule's slots that are due at `now` and not yet recorded, oldest
 * first (ties in rule order), each through runRule. A rule seen for the first time starts at its latest slot; after
 * that every slot since the last recorded one is caught up, so a restart neither skips nor repeats a window.
 * Live operation, `kqlwatch run` and replay all come through here.
 */
import type { Rule } from '../rules/model.js';
import type { Store } from '../store/store.js';
import { ensureSchedulerTables, runRule, type RuleRunOutcome } from './run-rule.js';
import { lastScheduledTimes } from './run-state.js';
import { scheduledTimes } from './windows.js';

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
  for (const { rule, at } of await dueRuns(store, rules, now, options)) {
    const outcome = await runRule(store, rule, at);
    options.onRun?.(outcome);
    outcomes.push(outcome);
  }
  return outcomes;
}
