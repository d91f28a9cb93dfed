/**
 * The live scheduler: a timer that runs what runDueRules runs — dueRuns, then runRule per slot, the same code path
 * as `kqlwatch run` and replay — with the real clock. Each tick runs every slot that has come due (a rule seen for
 * the first time starts at its latest slot; missed slots are caught up), so the tick interval only sets the latency.
 * Each slot takes the store lock on its own, so an analyst's request waits for one rule run, not a whole catch-up.
 */
import { dueRuns, runRule } from '../index.js';
import type { ServerContext } from './server-context.js';

export interface SchedulerLoop {
  /** Runs one tick now (also what the timer calls). */
  tick(): Promise<void>;
  stop(): void;
}

export function startSchedulerLoop(ctx: ServerContext, intervalMs = 30_000, log: (line: string) => void = () => {}): SchedulerLoop {
  let busy: Promise<void> | undefined;
  let stopped = false;
  const tick = (): Promise<void> => {
    busy ??= (async () => {
      try {
        const rules = (await ctx.rules()).filter((r) => r.runnable).map((r) => r.rule);
        const due = await ctx.withStore((s) => dueRuns(s, rules, ctx.now()));
        for (const { rule, at } of due) {
          if (stopped) break;
          const o = await ctx.withStore((s) => runRule(s, rule, at));
          ctx.scheduler.runs++;
          log(`${o.record.scheduledTime.toISOString()} ${o.record.ruleName}: ${o.record.status}, ${o.record.alertsCreated} alerts`);
        }
        ctx.scheduler.lastError = null;
      } catch (e) {
        ctx.scheduler.lastError = e instanceof Error ? e.message : String(e);
        log(`scheduler: ${ctx.scheduler.lastError}`);
      } finally {
        ctx.scheduler.lastTick = ctx.now().toISOString();
        busy = undefined;
      }
    })();
    return busy;
  };
  ctx.scheduler.running = true;
  const timer = setInterval(() => void tick(), intervalMs);
  void tick();
  return {
    tick,
    stop() {
      stopped = true;
      clearInterval(timer);
      ctx.scheduler.running = false;
    },
  };
}
