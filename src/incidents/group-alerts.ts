/**
 * Alert grouping (learn.microsoft.com/azure/sentinel/scheduled-rules-overview#alert-grouping): with incident
 * creation on, each alert becomes an incident of its own unless grouping is enabled; then an alert joins an
 * incident of the same rule whose first alert is at most lookbackDuration older and that matches it:
 * AnyAlert — every alert of the rule; AllEntities — identical values for each mapped entity; Selected — identical
 * values for the chosen entity types, alert details (DisplayName, Severity) and custom details. A closed match is
 * reopened only with reopenClosedIncident; otherwise the alert starts a new incident. An incident holds at most 150
 * alerts; the next matching alert starts a new one with the same details. Choices where the page is silent:
 * docs/decisions/0003-scheduler-alerts-incidents.md.
 */
import type { Alert } from '../alerts/alert.js';
import { deterministicGuid } from '../alerts/alert-id.js';
import type { Rule } from '../rules/model.js';
import type { Store } from '../store/store.js';
import {
  MAX_ALERTS_PER_INCIDENT, NO_OWNER, SEVERITY_RANK, type Incident, type IncidentEntity,
} from './incident.js';
import { loadRuleIncidents, nextIncidentNumber, revisionTime, saveIncidents } from './incident-store.js';

export interface GroupingOutcome {
  /** Incident number of each alert, in alert order (absent when the rule creates no incidents). */
  readonly incidentOf: ReadonlyMap<string, number>;
  readonly created: readonly number[];
  readonly updated: readonly number[];
}

const NS_PER_MS = 1_000_000n;

/** What alerts must share to be grouped together under the rule's matching method. */
export function groupingKey(rule: Rule, alert: Alert): string {
  const g = rule.incidentConfiguration.groupingConfiguration;
  const entityKeys = (types?: readonly string[]) =>
    alert.entities.filter((e) => !types || types.includes(e.entityType)).map((e) => e.key).sort();
  switch (g.matchingMethod) {
    case 'AnyAlert':
      return '';
    case 'AllEntities':
      return JSON.stringify({ entities: entityKeys() });
    case 'Selected': {
      const details: Record<string, string> = {};
      for (const d of g.groupByAlertDetails) {
        if (d === 'DisplayName') details[d] = alert.displayName;
        else if (d === 'Severity') details[d] = alert.severity;
      }
      const custom: Record<string, readonly string[]> = {};
      for (const k of g.groupByCustomDetails) custom[k] = alert.customDetails[k] ?? [];
      return JSON.stringify({ entities: Object.fromEntries(g.groupByEntities.map((t) => [t, entityKeys([t])])), details, custom });
    }
  }
}

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...a, ...b.filter((x) => !a.includes(x))];
}

function unionEntities(a: readonly IncidentEntity[], alert: Alert): IncidentEntity[] {
  const keys = new Set(a.map((e) => e.key));
  return [...a, ...alert.entities.filter((e) => !keys.has(e.key)).map((e) => ({ entityType: e.entityType, identifiers: e.identifiers, key: e.key }))];
}

function addAlert(i: Incident, alert: Alert, at: bigint, reopen: boolean): Incident {
  const severity = SEVERITY_RANK[alert.severity] > SEVERITY_RANK[i.severity] ? alert.severity : i.severity;
  return {
    ...i,
    severity,
    status: reopen ? 'Active' : i.status,
    classification: reopen ? '' : i.classification,
    classificationReason: reopen ? '' : i.classificationReason,
    classificationComment: reopen ? '' : i.classificationComment,
    alertIds: [...i.alertIds, alert.systemAlertId],
    entities: unionEntities(i.entities, alert),
    tactics: union(i.tactics, alert.tactics),
    techniques: union(i.techniques, alert.techniques),
    firstActivityTime: alert.startTime < i.firstActivityTime ? alert.startTime : i.firstActivityTime,
    lastActivityTime: alert.endTime > i.lastActivityTime ? alert.endTime : i.lastActivityTime,
    lastModifiedTime: at,
    modifiedBy: reopen ? 'Incident reopened by alert' : 'Alert aggregation',
    revisionTime: revisionTime(at, i.revisionTime),
  };
}

function newIncident(rule: Rule, alert: Alert, number: number, key: string, at: bigint): Incident {
  return {
    number,
    name: deterministicGuid('incident', rule.id, alert.systemAlertId),
    ruleId: rule.id,
    groupingKey: key,
    firstAlertTime: alert.timeGenerated,
    title: alert.displayName,
    description: alert.description,
    severity: alert.severity,
    status: 'New',
    classification: '',
    classificationReason: '',
    classificationComment: '',
    owner: NO_OWNER,
    alertIds: [alert.systemAlertId],
    entities: unionEntities([], alert),
    tactics: [...alert.tactics],
    techniques: [...alert.techniques],
    firstActivityTime: alert.startTime,
    lastActivityTime: alert.endTime,
    createdTime: at,
    firstModifiedTime: null,
    lastModifiedTime: at,
    closedTime: null,
    modifiedBy: 'Incident created from alert',
    revisionTime: at,
  };
}

/**
 * Groups one run's alerts (all of one rule) into incidents and stores the changes: one new SecurityIncident row
 * per incident created or changed. Call inside the run's transaction.
 */
export async function groupAlerts(store: Store, rule: Rule, alerts: readonly Alert[], runTime: Date): Promise<GroupingOutcome> {
  const incidentOf = new Map<string, number>();
  const cfg = rule.incidentConfiguration;
  if (!cfg.createIncident || alerts.length === 0) return { incidentOf, created: [], updated: [] };
  const g = cfg.groupingConfiguration;
  const at = BigInt(runTime.getTime()) * NS_PER_MS;
  const lookbackNs = BigInt(g.lookbackDuration) * NS_PER_MS;
  const known = g.enabled ? await loadRuleIncidents(store, rule.id, at - lookbackNs) : [];
  const byNumber = new Map<number, Incident>(known.map((i) => [i.number, i]));
  const created = new Set<number>();
  const changed = new Set<number>();
  let next = await nextIncidentNumber(store);

  for (const alert of alerts) {
    const key = g.enabled ? groupingKey(rule, alert) : '';
    let target: Incident | undefined;
    let reopen = false;
    if (g.enabled) {
      const matches = [...byNumber.values()]
        .filter((i) => i.groupingKey === key && alert.timeGenerated - i.firstAlertTime <= lookbackNs && i.alertIds.length < MAX_ALERTS_PER_INCIDENT)
        .sort((a, b) => b.number - a.number);
      target = matches.find((i) => i.status !== 'Closed');
      if (!target && g.reopenClosedIncident) {
        target = matches.find((i) => i.status === 'Closed');
        reopen = target !== undefined;
      }
    }
    let updatedIncident: Incident;
    if (target) {
      updatedIncident = addAlert(target, alert, at, reopen);
      // One revision per incident per run: a second alert of the same run does not add another row.
      if (changed.has(target.number) || created.has(target.number)) updatedIncident = { ...updatedIncident, revisionTime: target.revisionTime };
    } else {
      updatedIncident = newIncident(rule, alert, next++, key, at);
      created.add(updatedIncident.number);
    }
    byNumber.set(updatedIncident.number, updatedIncident);
    if (!created.has(updatedIncident.number)) changed.add(updatedIncident.number);
    incidentOf.set(alert.systemAlertId, updatedIncident.number);
  }
  const touched = [...created, ...changed].sort((a, b) => a - b).map((n) => byNumber.get(n)!);
  await saveIncidents(store, touched, created);
  return { incidentOf, created: [...created].sort((a, b) => a - b), updated: [...changed].sort((a, b) => a - b) };
}
