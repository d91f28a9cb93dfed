/**
 * runCase(rule, testCase): one case in a throw-away in-memory store. The input rows are inserted (their ingestion
 * time is their TimeGenerated, so NRT rules see them in their minute), then each step runs the rule's slot at or
 * before the step's time through the scheduler's runRule — the function `kqlwatch run` and `replay` call, with its
 * windows, five-minute delay, queryPeriod on every table, trigger, suppression, alerts and incident grouping — or
 * closes an incident. The outcome is read back from the store (SecurityAlert, evidence, incidents), as the rest of
 * kqlwatch would see it.
 */
import { closeIncident } from '../incidents/lifecycle.js';
import type { Classification } from '../incidents/incident.js';
import { listIncidents } from '../incidents/incident-store.js';
import type { Rule } from '../rules/model.js';
import { runRule } from '../scheduler/run-rule.js';
import { insertRows, selectRows, str } from '../scheduler/sql-rows.js';
import { latestScheduledTime } from '../scheduler/windows.js';
import { EVIDENCE_TABLE } from '../scheduler/write-alerts.js';
import { INGESTION_TIME_COLUMN, openStore, type Store } from '../store/store.js';
import type { Catalog } from '../kql/syntax/catalog.js';
import type { ActualAlert, ActualEntity, ActualIncident, ActualOutcome, TestCase } from './model.js';

/** Entity `Type` as stored in SecurityAlert.Entities → the entityType name rules and tests use. */
const ENTITY_NAMES: Readonly<Record<string, string>> = {
  account: 'Account', host: 'Host', ip: 'IP', url: 'URL', filehash: 'FileHash', file: 'File', process: 'Process',
  'cloud-application': 'CloudApplication', dns: 'DNS', 'azure-resource': 'AzureResource', malware: 'Malware',
  'registry-key': 'RegistryKey', 'registry-value': 'RegistryValue', 'security-group': 'SecurityGroup', mailbox: 'Mailbox',
  'mail-cluster': 'MailCluster', 'mail-message': 'MailMessage', 'submission-mail': 'SubmissionMail', iotdevice: 'IoTDevice',
};

export function entityTypeName(stored: string): string {
  return ENTITY_NAMES[stored] ?? stored;
}

export interface RunCaseOptions {
  readonly catalog?: Catalog;
}

export async function runCase(rule: Rule, testCase: TestCase, options: RunCaseOptions = {}): Promise<ActualOutcome> {
  const store = await openStore(':memory:', options.catalog ? { catalog: options.catalog } : {});
  try {
    return await runCaseIn(store, rule, testCase);
  } finally {
    store.close();
  }
}

export async function runCaseIn(store: Store, rule: Rule, testCase: TestCase): Promise<ActualOutcome> {
  for (const t of testCase.tables) {
    await store.ensureTables([t.table]);
    const hasTime = t.columns.some((c) => c.name === 'TimeGenerated' && c.type === 'datetime');
    const columns = hasTime ? [...t.columns, { name: INGESTION_TIME_COLUMN, type: 'datetime' as const }] : t.columns;
    const rows = hasTime ? t.rows.map((r) => ({ ...r, [INGESTION_TIME_COLUMN]: r.TimeGenerated ?? null })) : t.rows;
    await insertRows(store, t.table, columns, rows);
  }
  const alertIds: string[] = [];
  const runAt = new Map<string, string>();
  const failures: string[] = [];
  let last = new Date(0);
  for (const step of testCase.steps) {
    if (step.kind === 'run') {
      const slot = latestScheduledTime(rule, step.at);
      last = step.at;
      const outcome = await runRule(store, rule, slot);
      if (outcome.record.status === 'Failure') failures.push(`run at ${slot.toISOString()}: ${outcome.record.error}`);
      for (const id of outcome.alertIds) {
        alertIds.push(id);
        runAt.set(id, slot.toISOString());
      }
    } else {
      const r = await closeIncident(store, step.incident, { now: last, classification: step.classification as Classification });
      if (!r.ok) failures.push(`close incident ${step.incident}: ${r.message}`);
    }
  }
  const alerts = await readAlerts(store, alertIds, runAt);
  const position = new Map(alertIds.map((id, i) => [id, i + 1]));
  const incidents: ActualIncident[] = (await listIncidents(store)).map((i) => ({
    number: i.number, title: i.title, severity: i.severity, status: i.status,
    alerts: i.alertIds.map((id) => position.get(id) ?? 0),
  }));
  return { alerts, incidents, failures };
}

async function readAlerts(store: Store, ids: readonly string[], runAt: ReadonlyMap<string, string>): Promise<ActualAlert[]> {
  if (ids.length === 0) return [];
  const list = ids.map((id) => str(id)).join(', ');
  const rows = await selectRows(store, `SELECT SystemAlertId, AlertName, Description, AlertSeverity, CAST(Entities AS VARCHAR) AS Entities,
      CAST(ExtendedProperties AS VARCHAR) AS ExtendedProperties FROM SecurityAlert WHERE SystemAlertId IN (${list})`);
  const evidence = await selectRows(store, `SELECT SystemAlertId, count(*) AS n FROM ${EVIDENCE_TABLE} WHERE SystemAlertId IN (${list}) GROUP BY SystemAlertId`);
  const evidenceCount = new Map(evidence.map((r) => [String(r.SystemAlertId), Number(r.n)]));
  const byId = new Map(rows.map((r) => [String(r.SystemAlertId), r]));
  return ids.map((id) => {
    const r = byId.get(id)!;
    const ext = parseJson(r.ExtendedProperties) as Record<string, unknown> | null;
    const cdText = ext?.['Custom Details'];
    const customDetails = (typeof cdText === 'string' ? parseJson(cdText) : null) as Record<string, string[]> | null;
    const entities = ((parseJson(r.Entities) as Record<string, unknown>[] | null) ?? []).map((e): ActualEntity => {
      const { $id: _id, Type, ...ids } = e;
      return { type: entityTypeName(String(Type)), identifiers: Object.fromEntries(Object.entries(ids).map(([k, v]) => [k, String(v)])) };
    });
    return {
      id, title: String(r.AlertName ?? ''), description: String(r.Description ?? ''), severity: String(r.AlertSeverity ?? ''),
      entities, customDetails: customDetails ?? {}, evidence: evidenceCount.get(id) ?? 0, runAt: runAt.get(id) ?? '',
    };
  });
}

function parseJson(v: unknown): unknown {
  if (typeof v !== 'string' || v === '') return null;
  try {
    return JSON.parse(v);
  } catch {
    return null;
  }
}
