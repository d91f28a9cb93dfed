/**
 * Microsoft Graph Identity Protection objects → the risk tables, with the property names the RiskyUsers and
 * UserRiskEvents diagnostic categories use (../../../shared/schemas/formats.md §1.6):
 * - `riskyUser` (GET /identityProtection/riskyUsers) → AADRiskyUsers; TimeGenerated ← riskLastUpdatedDateTime,
 *   OperationName "Risky user", CorrelationId ← id (equal in the diagnostic samples);
 * - `riskDetection` (GET /identityProtection/riskDetections) → AADUserRiskEvents; TimeGenerated ←
 *   detectedDateTime, OperationName "User Risk Detection"; `location` stays an object (Location is dynamic),
 *   `additionalInfo` (JSON text) is parsed.
 * References: https://learn.microsoft.com/graph/api/resources/riskyuser, …/resources/riskdetection
 */
import type { Catalog } from '../kql/syntax/catalog.js';
import { isObject, mapProperties } from './map-properties.js';
import { reject, type Mapped } from './mapped.js';

export function looksLikeRiskyUser(v: Record<string, unknown>): boolean {
  return 'riskLastUpdatedDateTime' in v && 'riskState' in v;
}

export function looksLikeRiskDetection(v: Record<string, unknown>): boolean {
  return 'riskEventType' in v && 'detectedDateTime' in v;
}

export function mapRiskyUser(rec: unknown, catalog: Catalog): Mapped {
  if (!isObject(rec)) return reject(`expected a Graph riskyUser object`);
  if (looksLikeRiskDetection(rec)) return mapRiskDetection(rec, catalog);
  if (!rec.riskLastUpdatedDateTime) return reject(`the riskyUser has no 'riskLastUpdatedDateTime'`);
  const row: Record<string, unknown> = {};
  mapProperties(row, catalog.tables.get('AADRiskyUsers')!, rec);
  row.TimeGenerated = rec.riskLastUpdatedDateTime;
  row.OperationName = 'Risky user';
  row.CorrelationId = rec.id ?? '';
  row.SourceSystem = 'Azure';
  return { rows: [{ table: 'AADRiskyUsers', row, policy: 'source' }] };
}

function mapRiskDetection(rec: Record<string, unknown>, catalog: Catalog): Mapped {
  const row: Record<string, unknown> = {};
  mapProperties(row, catalog.tables.get('AADUserRiskEvents')!, rec);
  row.TimeGenerated = rec.detectedDateTime;
  row.OperationName = 'User Risk Detection';
  row.SourceSystem = 'Azure';
  return { rows: [{ table: 'AADUserRiskEvents', row, policy: 'source' }] };
}
