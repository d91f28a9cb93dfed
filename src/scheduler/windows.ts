/**
 * When a rule runs and what its query sees. Sentinel runs a scheduled rule every queryFrequency over the lookback
 * queryPeriod, "on a five-minute delay from their scheduled time"; NRT rules run every minute over the preceding
 * minute with a two-minute delay (learn.microsoft.com/azure/sentinel/scheduled-rules-overview#query-scheduling,
 * …/near-real-time-rules). Our reading (docs/decisions/0003-scheduler-alerts-incidents.md): a run scheduled at T sees
 * rows with T − delay − period < TimeGenerated ≤ T − delay, and its now() is T − delay, the window's end.
 */
import type { Rule } from '../rules/model.js';

export const MINUTE_MS = 60_000;
/** Sentinel's built-in delay for scheduled rules. */
export const SCHEDULED_DELAY_MS = 5 * MINUTE_MS;
/** NRT rules: two-minute delay, every minute, over one minute. */
export const NRT_DELAY_MS = 2 * MINUTE_MS;
export const NRT_FREQUENCY_MS = MINUTE_MS;
export const NRT_PERIOD_MS = MINUTE_MS;

export interface RunWindow {
  /** The slot the run belongs to (a multiple of the rule's frequency since the Unix epoch). */
  readonly scheduledTime: Date;
  /** Rows with start < TimeGenerated ≤ end are visible to every table the query reads. */
  readonly start: Date;
  readonly end: Date;
  /** The query's now() (and so ago()): the window's end. */
  readonly now: Date;
}

export function ruleFrequency(rule: Rule): number {
  return rule.kind === 'NRT' ? NRT_FREQUENCY_MS : rule.queryFrequency;
}

export function rulePeriod(rule: Rule): number {
  return rule.kind === 'NRT' ? NRT_PERIOD_MS : rule.queryPeriod;
}

export function ruleDelay(rule: Rule): number {
  return rule.kind === 'NRT' ? NRT_DELAY_MS : SCHEDULED_DELAY_MS;
}

export function ruleWindow(rule: Rule, scheduledTime: Date): RunWindow {
  const end = scheduledTime.getTime() - ruleDelay(rule);
  return {
    scheduledTime: new Date(scheduledTime.getTime()),
    start: new Date(end - rulePeriod(rule)),
    end: new Date(end),
    now: new Date(end),
  };
}

/** The latest slot at or before `at`. */
export function latestScheduledTime(rule: Rule, at: Date): Date {
  const f = ruleFrequency(rule);
  return new Date(Math.floor(at.getTime() / f) * f);
}

/** The rule's slots T with after < T ≤ upTo (after absent: only the latest slot ≤ upTo), oldest first. */
export function scheduledTimes(rule: Rule, after: Date | undefined, upTo: Date): Date[] {
  const f = ruleFrequency(rule);
  const last = latestScheduledTime(rule, upTo).getTime();
  if (after === undefined) return [new Date(last)];
  const out: Date[] = [];
  for (let t = Math.floor(after.getTime() / f) * f + f; t <= last; t += f) out.push(new Date(t));
  return out;
}
