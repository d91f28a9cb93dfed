/**
 * Microsoft Graph `directoryAudit` objects (GET /auditLogs/directoryAudits) → AuditLogs, per
 * ../../../shared/schemas/formats.md §1.5: TimeGenerated and ActivityDateTime ← `activityDateTime`,
 * OperationName ← `activityDisplayName`, AADOperationType ← `operationType`, the rest by name. Identity, which
 * the diagnostic envelope carries, is the initiator's display name (user, else app) as in the real samples.
 * Reference: https://learn.microsoft.com/graph/api/resources/directoryaudit
 */
import type { Catalog } from '../kql/syntax/catalog.js';
import { isObject, mapProperties } from './map-properties.js';
import { reject, type Mapped } from './mapped.js';

export function looksLikeDirectoryAudit(v: Record<string, unknown>): boolean {
  return 'activityDateTime' in v && 'activityDisplayName' in v;
}

export function mapDirectoryAudit(rec: unknown, catalog: Catalog): Mapped {
  if (!isObject(rec)) return reject(`expected a Graph directoryAudit object`);
  if (rec.activityDateTime === undefined || rec.activityDateTime === null || rec.activityDateTime === '') {
    return reject(`the directoryAudit has no 'activityDateTime'`);
  }
  const table = catalog.tables.get('AuditLogs')!;
  const row: Record<string, unknown> = {};
  mapProperties(row, table, rec, { operationType: 'AADOperationType', operationName: null, identity: null });
  row.TimeGenerated = rec.activityDateTime;
  row.OperationName = rec.activityDisplayName ?? '';
  row.SourceSystem = 'Azure';
  const by = rec.initiatedBy;
  if (isObject(by)) {
    const who = (isObject(by.user) && by.user.displayName) || (isObject(by.app) && by.app.displayName);
    if (typeof who === 'string') row.Identity = who;
  }
  return { rows: [{ table: 'AuditLogs', row, policy: 'source' }] };
}
