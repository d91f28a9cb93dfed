/**
 * replay(store, rules, from, to): walks a simulated clock over [from, to], stopping at every slot of every enabled
 * rule, and at each stop does exactly what live operation does (runDueRules at that now). Slots already recorded
 * are not run again, so a replay can be resumed or extended.
 */
import type { Rule } from '../rules/model.js';
import type { Store } from '../store/store.js';
import { runDueRules, type RunDueOptions } from './run-due.js';
import type { RuleRunOutcome } from './run-rule.js';
import { ruleFrequency } from './windows.js';

export function replayTicks(rules: readonly Rule[], from: Date, to: Date): Date[] {
  const ticks = new Set<number>();
  for (const rule of rules) {
    if (!rule.enabled) continue;
    const f = ruleFrequency(rule);
    for (let t = Math.ceil(from.getTime() / f) * f; t <= to.getTime(); t += f) ticks.add(t);
  }
  return [...ticks].sort((a, b) => a - b).map((t) => new Date(t));
}

export async function replay(
  store: Store, rules: readonly Rule[], from: Date, to: Date, options: Pick<RunDueOptions, 'onRun'> = {},
): Promise<RuleRunOutcome[]> {
  const outcomes: RuleRunOutcome[] = [];
  for (const tick of replayTicks(rules, from, to)) {
    outcomes.push(...(await runDueRules(store, rules, tick, { ...options, notBefore: from })));
  }
  return outcomes;
}
