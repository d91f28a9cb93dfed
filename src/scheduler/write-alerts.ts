/**
 * Stores alerts as `SecurityAlert` rows with Sentinel's columns (learn.microsoft.com/azure/sentinel/
 * security-alert-schema: AlertName/DisplayName from the rule or its override, AlertType = rule id, StartTime/EndTime
 * of the events, Entities and ExtendedProperties as JSON text, ProviderName "ASI Scheduled Alerts", ProductName
 * "Azure Sentinel"), and each alert's evidence rows in `kqlwatch_alert_evidence` (one row per result row, as JSON).
 */
import type { Column } from '../kql/plan/types.js';
import type { Store } from '../store/store.js';
import { jsonValue } from '../kql/format/format-json-row.js';
import type { Alert } from '../alerts/alert.js';
import { entitiesJson } from '../alerts/entities.js';
import type { Rule } from '../rules/model.js';
import { ensureOwnTable, insertRows, type Row } from './sql-rows.js';

export const EVIDENCE_TABLE = 'kqlwatch_alert_evidence';

const EVIDENCE_COLUMNS: readonly Column[] = [
  { name: 'SystemAlertId', type: 'string' },
  { name: 'RowIndex', type: 'long' },
  { name: 'Row', type: 'dynamic' },
];

export async function ensureAlertTables(store: Store): Promise<void> {
  await store.ensureTables(['SecurityAlert']);
  await ensureOwnTable(store, EVIDENCE_TABLE, EVIDENCE_COLUMNS, ['SystemAlertId', 'RowIndex']);
}

export function securityAlertRow(rule: Rule, alert: Alert): Row {
  return {
    TimeGenerated: alert.timeGenerated,
    SystemAlertId: alert.systemAlertId,
    AlertName: alert.displayName,
    DisplayName: alert.displayName,
    Description: alert.description,
    AlertSeverity: alert.severity,
    AlertType: rule.id,
    StartTime: alert.startTime,
    EndTime: alert.endTime,
    ProcessingEndTime: alert.timeGenerated,
    Entities: entitiesJson(alert.entities),
    ExtendedProperties: JSON.stringify(alert.extendedProperties),
    Tactics: alert.tactics.join(', '),
    Techniques: alert.techniques.join(', '),
    Status: 'New',
    ProviderName: 'ASI Scheduled Alerts',
    ProductName: 'Azure Sentinel',
    ProductComponentName: 'Scheduled Alerts',
    VendorName: 'Microsoft',
    IsIncident: false,
    ConfidenceLevel: 'Unknown',
    ...alert.dynamicColumns,
  };
}

export async function writeAlerts(store: Store, rule: Rule, alerts: readonly Alert[], columns: readonly Column[]): Promise<void> {
  const schema = store.catalog.tables.get('SecurityAlert')!.columns;
  await insertRows(store, 'SecurityAlert', schema, alerts.map((a) => securityAlertRow(rule, a)));
  const evidence: Row[] = [];
  for (const a of alerts) {
    a.evidence.forEach((row, i) => {
      const json = '{' + columns.map((c, j) => JSON.stringify(c.name) + ':' + jsonValue(row[j] ?? null, c.type)).join(',') + '}';
      evidence.push({ SystemAlertId: a.systemAlertId, RowIndex: a.rowIndexes[i] ?? i, Row: json });
    });
  }
  await insertRows(store, EVIDENCE_TABLE, EVIDENCE_COLUMNS, evidence);
}
