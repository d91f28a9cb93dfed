/**
 * /api/health: is the server up, which database, how many rules, what the scheduler loop last did.
 * /api/stats: what the charts draw — alerts and incidents per time bin, alerts per rule.
 */
import { Hono } from 'hono';
import { formatDatetime, listIncidents, parseDatetime } from '../../index.js';
import type { ServerContext } from '../server-context.js';
import { HttpError, queryObjects } from '../http.js';
import { ruleNameMap } from './incidents.js';

/** Every bin from the first to the last, empty ones as 0, so the bars stand on a linear time axis (at most 2000). */
function dense(points: ReadonlyMap<bigint, number>, binNs: bigint): { t: string; count: number }[] {
  if (points.size === 0) return [];
  const keys = [...points.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const first = keys[0]!;
  const last = keys.at(-1)!;
  if ((last - first) / binNs > 2000n) return keys.map((t) => ({ t: formatDatetime(t), count: points.get(t)! }));
  const out: { t: string; count: number }[] = [];
  for (let t = first; t <= last; t += binNs) out.push({ t: formatDatetime(t), count: points.get(t) ?? 0 });
  return out;
}

export function healthRoutes(ctx: ServerContext, version: string): Hono {
  const app = new Hono();
  app.get('/health', async (c) => {
    const rules = await ctx.rules();
    return c.json({
      status: 'ok', version, database: ctx.store.path, time: ctx.now().toISOString(),
      rules: { total: rules.length, enabled: rules.filter((r) => r.rule.enabled && r.runnable).length },
      scheduler: ctx.scheduler,
    });
  });
  app.get('/stats', async (c) => {
    const bin = c.req.query('bin') ?? '1h';
    const m = /^([1-9]\d{0,4})([smhd])$/.exec(bin);
    if (!m) throw new HttpError(400, `bin must be a timespan such as 15m, 1h or 1d`);
    const binNs = BigInt(m[1]!) * { s: 1n, m: 60n, h: 3600n, d: 86400n }[m[2] as 's' | 'm' | 'h' | 'd'] * 1_000_000_000n;
    const names = await ruleNameMap(ctx);
    const { alerts, perRule, incidents } = await ctx.withStore(async (s) => ({
      alerts: await queryObjects(s, `SecurityAlert | summarize alerts = count() by t = bin(TimeGenerated, ${bin}) | sort by t asc`, ctx.now()),
      perRule: await queryObjects(s, `SecurityAlert | summarize alerts = count() by AlertType | sort by alerts desc`, ctx.now()),
      incidents: await listIncidents(s),
    }));
    const incidentBins = new Map<bigint, number>();
    for (const i of incidents) {
      const t = (i.createdTime / binNs) * binNs;
      incidentBins.set(t, (incidentBins.get(t) ?? 0) + 1);
    }
    return c.json({
      bin,
      alertsOverTime: dense(new Map(alerts.map((a) => [parseDatetime(String(a.t))!, Number(a.alerts)])), binNs),
      incidentsOverTime: dense(incidentBins, binNs),
      alertsPerRule: perRule.map((r) => ({ ruleId: r.AlertType, ruleName: names.get(String(r.AlertType)) ?? r.AlertType, count: Number(r.alerts) })),
    });
  });
  return app;
}
