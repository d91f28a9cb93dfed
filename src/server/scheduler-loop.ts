/**
 * The live scheduler: a timer that calls runDueRules — the same code path as `kqlwatch run` and replay — with the
 * real clock, under the server's store lock. Each tick runs every slot that has come due (a rule seen for the
 * first time starts at its latest slot; missed slots are caught up), so the tick interval only sets the latency.
 */
import { runDueRules } from '../index.js';
import type { ServerContext } from './server-context.js';

export interface SchedulerLoop {
  /** Runs one tick now (also what the timer calls). */
  tick(): Promise<void>;
  stop(): void;
}

export function startSchedulerLoop(ctx: ServerContext, intervalMs = 30_000, log: (line: string) => void = () => {}): SchedulerLoop {
  let busy: Promise<void> | undefined;
  const tick = (): Promise<void> => {
    busy ??= (async () => {
      try {
        const rules = (await ctx.rules()).filter((r) => r.runnable).map((r) => r.rule);
        const outcomes = await ctx.withStore((s) => runDueRules(s, rules, ctx.now()));
        ctx.scheduler.runs += outcomes.length;
        ctx.scheduler.lastError = null;
        for (const o of outcomes) {
          log(`${o.record.scheduledTime.toISOString()} ${o.record.ruleName}: ${o.record.status}, ${o.record.alertsCreated} alerts`);
        }
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
      clearInterval(timer);
      ctx.scheduler.running = false;
    },
  };
}
