/**
 * /api/rules: the rules the server schedules — schedule, enabled state (switchable; kept in the database, the
 * rule file is not touched), validation and lint issues with file:line, and the run records that answer "why did
 * it not fire?" (rows returned, trigger, caps, suppression, failures).
 */
import { Hono } from 'hono';
import { formatDuration, listRuns, type RunRecord } from '../../index.js';
import type { ServedRule, ServerContext } from '../server-context.js';
import { HttpError, intParam, jsonError, readJson } from '../http.js';

function runJson(r: RunRecord) {
  return {
    scheduledTime: r.scheduledTime.toISOString(), windowStart: r.windowStart.toISOString(), windowEnd: r.windowEnd.toISOString(),
    status: r.status, rowsReturned: r.rowsReturned, triggered: r.triggered, alertsCreated: r.alertsCreated,
    rowsCutByCaps: r.rowsCutByCaps, entitiesDropped: r.entitiesDropped, incidentsCreated: r.incidentsCreated,
    incidentsUpdated: r.incidentsUpdated, durationMs: r.durationMs, error: r.error, notes: r.notes,
  };
}

function ruleJson(s: ServedRule, runs: readonly RunRecord[]) {
  const r = s.rule;
  const last = runs.at(-1);
  return {
    id: r.id, name: r.name, description: r.description, severity: r.severity, kind: r.kind, enabled: r.enabled,
    queryFrequency: formatDuration(r.queryFrequency), queryPeriod: formatDuration(r.queryPeriod),
    triggerOperator: r.triggerOperator, triggerThreshold: r.triggerThreshold,
    tactics: r.tactics, techniques: r.relevantTechniques, query: r.query, file: s.file, runnable: s.runnable,
    issues: s.issues.map((i) => ({ severity: i.severity, code: i.code, message: i.message, file: i.location.file, line: i.location.line, field: i.field })),
    runCount: runs.length,
    alertsCreated: runs.reduce((n, x) => n + x.alertsCreated, 0),
    lastRun: last ? runJson(last) : null,
  };
}

export function ruleRoutes(ctx: ServerContext): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    const rules = await ctx.rules();
    const runs = await ctx.withStore((s) => listRuns(s));
    const byRule = new Map<string, RunRecord[]>();
    for (const r of runs) {
      const list = byRule.get(r.ruleId) ?? [];
      list.push(r);
      byRule.set(r.ruleId, list);
    }
    return c.json({
      rules: rules.map((s) => ruleJson(s, byRule.get(s.rule.id) ?? [])),
      loadIssues: ctx.loadIssues.map((i) => ({ severity: i.severity, code: i.code, message: i.message, file: i.location.file, line: i.location.line })),
    });
  });
  app.get('/:id', async (c) => {
    const id = c.req.param('id');
    const s = (await ctx.rules()).find((x) => x.rule.id === id);
    if (!s) return jsonError(c, 404, `no rule with id '${id}'`);
    const limit = intParam(c, 'runs', 50, 1000);
    const runs = await ctx.withStore((st) => listRuns(st, id));
    return c.json({ ...ruleJson(s, runs), runs: runs.slice(-limit).reverse().map(runJson) });
  });
  app.patch('/:id', async (c) => {
    const id = c.req.param('id');
    const body = await readJson(c);
    if (typeof body.enabled !== 'boolean') throw new HttpError(400, `give { "enabled": true | false }`);
    if (!(await ctx.setRuleEnabled(id, body.enabled))) return jsonError(c, 404, `no rule with id '${id}'`);
    const s = (await ctx.rules()).find((x) => x.rule.id === id)!;
    return c.json(ruleJson(s, await ctx.withStore((st) => listRuns(st, id))));
  });
  return app;
}
