/**
 * Entra ID diagnostic-settings records → Log Analytics rows, by `category`, per
 * ../../../shared/schemas/formats.md §1 (Azure Monitor resource-log envelope:
 * https://learn.microsoft.com/azure/azure-monitor/essentials/resource-logs-schema; Entra categories:
 * https://learn.microsoft.com/entra/identity/monitoring-health/concept-diagnostic-settings-logs-options).
 * The envelope gives TimeGenerated (`time`), OperationName, Category, AADTenantId (`tenantId`), ResultType,
 * ResultSignature, ResultDescription, DurationMs, CorrelationId, Identity, Level and Location; `properties`
 * gives the rest by the name rule of map-properties.ts, and wins where both have a value (CorrelationId of a
 * risk event, Category of an audit record).
 */
import type { Catalog, TableSchema } from '../kql/syntax/catalog.js';
import { columnsByLowerName, isObject, mapProperties, setIf } from './map-properties.js';
import { reject, type Mapped } from './mapped.js';
import { SIGNIN_CATEGORIES, signInRow } from './signin-row.js';

export const DIAG_CATEGORIES: Readonly<Record<string, string>> = {
  ...SIGNIN_CATEGORIES,
  AuditLogs: 'AuditLogs',
  RiskyUsers: 'AADRiskyUsers',
  UserRiskEvents: 'AADUserRiskEvents',
};

const BY_LOWER = new Map(Object.entries(DIAG_CATEGORIES).map(([k, v]) => [k.toLowerCase(), v]));

const AUDIT_RENAMES: Readonly<Record<string, string | null>> = {
  operationType: 'AADOperationType',
  // Repeats of envelope fields: the envelope's own values stand.
  operationName: null,
  identity: null,
};

/** True when a record has the envelope's shape (checked before mapping, to tell formats apart). */
export function looksLikeDiagRecord(v: Record<string, unknown>): boolean {
  // Lower-case `category` with `time` or `properties`: Log Analytics rows spell their columns in PascalCase.
  return typeof v.category === 'string' && ('properties' in v || 'time' in v);
}

export function mapDiagRecord(rec: unknown, catalog: Catalog): Mapped {
  if (!isObject(rec)) return reject(`expected a diagnostic-settings record (an object with time, category, properties)`);
  const category = rec.category;
  if (typeof category !== 'string' || category === '') return reject(`the record has no 'category'`);
  // Case-insensitive: the docs spell one category `NonInteractiveUserSIgnInLogs`.
  const tableName = BY_LOWER.get(category.toLowerCase());
  if (!tableName) {
    return reject(`unknown category '${category}' (kqlwatch maps ${Object.keys(DIAG_CATEGORIES).join(', ')})`);
  }
  const props = rec.properties;
  if (!isObject(props)) return reject(`the record has no 'properties' object`);
  if (rec.time === undefined || rec.time === null || rec.time === '') return reject(`the record has no 'time'`);
  const table = catalog.tables.get(tableName)!;
  const row = envelopeRow(table, rec);
  if (tableName in SIGNIN_TABLE_SET) {
    Object.assign(row, signInRow(table, props));
    const loc = props.location;
    if ((row.Location === undefined || row.Location === '') && isObject(loc) && typeof loc.countryOrRegion === 'string') {
      row.Location = loc.countryOrRegion;
    }
  } else {
    mapProperties(row, table, props, tableName === 'AuditLogs' ? AUDIT_RENAMES : {});
  }
  return { rows: [{ table: tableName, row, policy: 'source' }] };
}

const SIGNIN_TABLE_SET: Readonly<Record<string, true>> = Object.fromEntries(Object.values(SIGNIN_CATEGORIES).map((t) => [t, true]));

function envelopeRow(table: TableSchema, rec: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = { TimeGenerated: rec.time, SourceSystem: 'Azure' };
  setIf(row, table, 'ResourceId', rec.resourceId);
  setIf(row, table, 'OperationName', rec.operationName);
  setIf(row, table, 'OperationVersion', rec.operationVersion);
  setIf(row, table, 'Category', rec.category);
  setIf(row, table, 'AADTenantId', rec.tenantId);
  setIf(row, table, 'ResultType', rec.resultType);
  setIf(row, table, 'ResultSignature', rec.resultSignature);
  setIf(row, table, 'ResultDescription', rec.resultDescription);
  setIf(row, table, 'DurationMs', rec.durationMs);
  setIf(row, table, 'CorrelationId', rec.correlationId);
  setIf(row, table, 'Identity', rec.identity);
  // Entra writes `Level` (4, or "Information" for risk categories); the common schema spells it `level`.
  setIf(row, table, 'Level', rec.Level ?? rec.level);
  // The envelope's `location` is a country code; where Location is the dynamic detail (risk events) it is not.
  if (columnsByLowerName(table).get('location')?.type === 'string') setIf(row, table, 'Location', rec.location);
  return row;
}
