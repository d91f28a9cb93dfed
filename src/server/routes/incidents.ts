/**
 * /api/incidents: the queue (each incident's current state; filters status, severity, rule, owner, search by
 * title, user, IP or any entity identifier; sort; paging), one incident with its alerts, entities, evidence rows,
 * custom details and MITRE tactics/techniques, and the analyst's changes through the same lifecycle functions as
 * `kqlwatch incidents` (learn.microsoft.com/azure/sentinel/investigate-incidents). Every change appends a
 * SecurityIncident row.
 */
import { Hono } from 'hono';
import {
  assignIncident, CLASSIFICATIONS, closeIncident, EVIDENCE_TABLE, formatDatetime, listIncidents, loadIncident,
  setIncidentStatus, type Classification, type Incident, type LifecycleResult, type Store,
} from '../../index.js';
import type { ServerContext } from '../server-context.js';
import { HttpError, intParam, jsonError, kqlString, queryObjects, readJson } from '../http.js';

const iso = (ns: bigint | null) => (ns === null ? null : formatDatetime(ns));
const SEVERITY_RANK: Record<string, number> = { Informational: 0, Low: 1, Medium: 2, High: 3 };
const STATUS_RANK: Record<string, number> = { New: 0, Active: 1, Closed: 2 };

export function incidentJson(i: Incident, ruleNames: ReadonlyMap<string, string>) {
  return {
    number: i.number,
    title: i.title,
    description: i.description,
    severity: i.severity,
    status: i.status,
    owner: i.owner.assignedTo,
    ruleId: i.ruleId,
    ruleName: ruleNames.get(i.ruleId) ?? i.ruleId,
    classification: i.classification,
    classificationReason: i.classificationReason,
    classificationComment: i.classificationComment,
    alertCount: i.alertIds.length,
    alertIds: i.alertIds,
    entities: i.entities.map((e) => ({ type: e.entityType, identifiers: e.identifiers })),
    tactics: i.tactics,
    techniques: i.techniques,
    firstActivityTime: iso(i.firstActivityTime),
    lastActivityTime: iso(i.lastActivityTime),
    createdTime: iso(i.createdTime),
    lastModifiedTime: iso(i.lastModifiedTime),
    closedTime: iso(i.closedTime),
    modifiedBy: i.modifiedBy,
  };
}

type IncidentJson = ReturnType<typeof incidentJson>;

const SORTS: Record<string, (a: IncidentJson, b: IncidentJson) => number> = {
  number: (a, b) => a.number - b.number,
  severity: (a, b) => SEVERITY_RANK[a.severity]! - SEVERITY_RANK[b.severity]! || a.number - b.number,
  status: (a, b) => STATUS_RANK[a.status]! - STATUS_RANK[b.status]! || a.number - b.number,
  title: (a, b) => a.title.localeCompare(b.title) || a.number - b.number,
  owner: (a, b) => (a.owner ?? '').localeCompare(b.owner ?? '') || a.number - b.number,
  rule: (a, b) => a.ruleName.localeCompare(b.ruleName) || a.number - b.number,
  firstActivityTime: (a, b) => (a.firstActivityTime ?? '').localeCompare(b.firstActivityTime ?? '') || a.number - b.number,
  lastActivityTime: (a, b) => (a.lastActivityTime ?? '').localeCompare(b.lastActivityTime ?? '') || a.number - b.number,
  createdTime: (a, b) => (a.createdTime ?? '').localeCompare(b.createdTime ?? '') || a.number - b.number,
  alertCount: (a, b) => a.alertCount - b.alertCount || a.number - b.number,
};

function matches(i: IncidentJson, search: string): boolean {
  const s = search.toLowerCase();
  if (i.title.toLowerCase().includes(s) || String(i.number) === s) return true;
  return i.entities.some((e) => {
    const id = e.identifiers;
    // An Account mapped as Name + UPNSuffix is still found by its full UPN.
    const upn = id.Name && id.UPNSuffix ? `${id.Name}@${id.UPNSuffix}`.toLowerCase() : '';
    return upn.includes(s) || Object.values(id).some((v) => String(v).toLowerCase().includes(s));
  });
}

const list = (c: { req: { query(n: string): string | undefined } }, name: string) =>
  (c.req.query(name) ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');

export async function ruleNameMap(ctx: ServerContext): Promise<Map<string, string>> {
  return new Map((await ctx.rules()).map((r) => [r.rule.id, r.rule.name]));
}

async function evidenceRows(store: Store, ids: readonly string[]): Promise<Map<string, unknown[]>> {
  const out = new Map<string, unknown[]>();
  if (ids.length === 0) return out;
  const exists = await store.connection.runAndReadAll(`SELECT 1 FROM duckdb_tables() WHERE table_name = '${EVIDENCE_TABLE}'`);
  if (exists.getRows().length === 0) return out;
  // The ids were checked against [A-Za-z0-9_.:-] by the caller, so they can be quoted as SQL literals.
  const reader = await store.connection.runAndReadAll(
    `SELECT SystemAlertId, RowIndex, CAST("Row" AS VARCHAR) AS r FROM ${EVIDENCE_TABLE}
      WHERE SystemAlertId IN (${ids.map((id) => `'${id}'`).join(', ')}) ORDER BY SystemAlertId, RowIndex`,
  );
  for (const r of reader.getRowObjectsJS()) {
    const id = String(r.SystemAlertId);
    const rows = out.get(id) ?? [];
    rows.push(JSON.parse(String(r.r)));
    out.set(id, rows);
  }
  return out;
}

function parseJson(text: unknown, fallback: unknown): unknown {
  if (typeof text !== 'string' || text === '') return typeof text === 'object' && text !== null ? text : fallback;
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}

export function incidentRoutes(ctx: ServerContext): Hono {
  const app = new Hono();

  app.get('/', async (c) => {
    const statuses = list(c, 'status');
    const severities = list(c, 'severity');
    const rules = list(c, 'rule');
    const owner = c.req.query('owner');
    const search = c.req.query('search')?.trim();
    const sortSpec = c.req.query('sort') ?? '-number';
    const desc = sortSpec.startsWith('-');
    const sortKey = desc ? sortSpec.slice(1) : sortSpec;
    const sort = SORTS[sortKey];
    if (!sort) throw new HttpError(400, `sort must be one of ${Object.keys(SORTS).join(', ')} (prefix '-' for descending)`);
    const limit = intParam(c, 'limit', 100, 1000);
    const offset = intParam(c, 'offset', 0, Number.MAX_SAFE_INTEGER);
    const names = await ruleNameMap(ctx);
    const all = (await ctx.withStore((s) => listIncidents(s))).map((i) => incidentJson(i, names));
    const shown = all.filter((i) =>
      (statuses.length === 0 || statuses.includes(i.status))
      && (severities.length === 0 || severities.includes(i.severity))
      && (rules.length === 0 || rules.includes(i.ruleId) || rules.includes(i.ruleName))
      && (owner === undefined || owner === '' || (owner === '(unassigned)' ? i.owner === null : (i.owner ?? '').toLowerCase() === owner.toLowerCase()))
      && (!search || matches(i, search)));
    shown.sort((a, b) => (desc ? -sort(a, b) : sort(a, b)));
    const facets = {
      owners: [...new Set(all.map((i) => i.owner).filter((o): o is string => o !== null))].sort(),
      rules: [...new Map(all.map((i) => [i.ruleId, i.ruleName])).entries()].map(([id, name]) => ({ id, name })),
    };
    return c.json({ total: shown.length, offset, limit, incidents: shown.slice(offset, offset + limit), facets });
  });

  app.get('/:number{[0-9]+}', async (c) => {
    const number = Number(c.req.param('number'));
    const names = await ruleNameMap(ctx);
    const result = await ctx.withStore(async (s) => {
      const i = await loadIncident(s, number);
      if (!i) return undefined;
      const ids = i.alertIds.filter((id) => /^[A-Za-z0-9_.:-]+$/.test(id));
      const alerts = ids.length === 0 ? [] : await queryObjects(s,
        `SecurityAlert | where SystemAlertId in (${ids.map(kqlString).join(', ')}) | sort by TimeGenerated asc, StartTime asc`, ctx.now());
      const evidence = await evidenceRows(s, ids);
      return { i, alerts, evidence };
    });
    if (!result) return jsonError(c, 404, `no incident number ${number}`);
    const alerts = result.alerts.map((a) => {
      const ext = parseJson(a.ExtendedProperties, {}) as Record<string, string>;
      return {
        systemAlertId: a.SystemAlertId,
        timeGenerated: a.TimeGenerated,
        displayName: a.DisplayName,
        description: a.Description,
        severity: a.AlertSeverity,
        startTime: a.StartTime,
        endTime: a.EndTime,
        ruleId: a.AlertType,
        tactics: String(a.Tactics ?? '').split(',').map((t) => t.trim()).filter(Boolean),
        techniques: String(a.Techniques ?? '').split(',').map((t) => t.trim()).filter(Boolean),
        entities: parseJson(a.Entities, []),
        extendedProperties: ext,
        customDetails: parseJson(ext['Custom Details'], {}),
        evidence: result.evidence.get(String(a.SystemAlertId)) ?? [],
      };
    });
    return c.json({ ...incidentJson(result.i, names), alerts });
  });

  app.patch('/:number{[0-9]+}', async (c) => {
    const number = Number(c.req.param('number'));
    const body = await readJson(c);
    const by = typeof body.by === 'string' && body.by !== '' ? body.by : 'kqlwatch UI';
    const str = (k: string): string | undefined => {
      const v = body[k];
      if (v === undefined || v === null) return undefined;
      if (typeof v !== 'string') throw new HttpError(400, `'${k}' must be a string`);
      return v;
    };
    const owner = str('owner');
    const status = str('status');
    const classification = str('classification');
    const reason = str('classificationReason');
    const comment = str('comment');
    if (owner === undefined && status === undefined && classification === undefined) {
      throw new HttpError(400, `give at least one of owner, status (New, Active, Closed), classification`);
    }
    if (status !== undefined && !['New', 'Active', 'Closed'].includes(status)) throw new HttpError(400, `status must be New, Active or Closed`);
    const closing = status === 'Closed' || (classification !== undefined && status === undefined);
    if (closing && (classification === undefined || !CLASSIFICATIONS.includes(classification as Classification))) {
      throw new HttpError(400, `closing needs a classification: one of ${CLASSIFICATIONS.join(', ')}`);
    }
    const r = await ctx.withStore(async (s): Promise<LifecycleResult> => {
      const now = ctx.now();
      let last: LifecycleResult | undefined;
      if (owner !== undefined) {
        last = await assignIncident(s, number, owner, { now, by });
        if (!last.ok) return last;
      }
      if (closing) {
        last = await closeIncident(s, number, { now, by, classification: classification as Classification, reason, comment });
      } else if (status === 'New' || status === 'Active') {
        last = await setIncidentStatus(s, number, status, { now, by });
      }
      return last!;
    });
    if (!r.ok) return jsonError(c, r.message.startsWith('no incident') ? 404 : 400, r.message);
    return c.json(incidentJson(r.incident, await ruleNameMap(ctx)));
  });

  return app;
}
