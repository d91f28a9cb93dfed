/**
 * /api/alerts: SecurityAlert rows (newest first), filtered by rule (AlertType), severity and time, read with KQL
 * through the same engine as `kqlwatch alerts`.
 */
import { Hono } from 'hono';
import type { ServerContext } from '../server-context.js';
import { HttpError, intParam, kqlString, queryObjects } from '../http.js';

const SEVERITIES = ['Informational', 'Low', 'Medium', 'High'];

export function alertRoutes(ctx: ServerContext): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    const where: string[] = [];
    const rule = c.req.query('rule');
    if (rule) where.push(`AlertType == ${kqlString(rule)}`);
    const severity = c.req.query('severity');
    if (severity) {
      if (!SEVERITIES.includes(severity)) throw new HttpError(400, `severity must be one of ${SEVERITIES.join(', ')}`);
      where.push(`AlertSeverity == ${kqlString(severity)}`);
    }
    for (const [name, op] of [['since', '>='], ['until', '<']] as const) {
      const v = c.req.query(name);
      if (v === undefined) continue;
      if (Number.isNaN(Date.parse(v))) throw new HttpError(400, `'${name}' must be an ISO 8601 datetime`);
      where.push(`TimeGenerated ${op} datetime(${new Date(v).toISOString()})`);
    }
    const limit = intParam(c, 'limit', 100, 1000);
    const offset = intParam(c, 'offset', 0, 1_000_000);
    const filter = where.map((w) => `| where ${w} `).join('');
    const rows = await ctx.withStore((s) => queryObjects(s,
      `SecurityAlert ${filter}| sort by TimeGenerated desc, SystemAlertId asc | serialize n = row_number() | where n > ${offset} and n <= ${offset + limit} | project-away n`,
      ctx.now()));
    return c.json({ offset, limit, alerts: rows });
  });
  return app;
}
