/**
 * The input formats kqlwatch reads, by the name `--format` takes, and how a record is told apart when the format
 * is detected (`auto`): by its own shape, so one file may mix diagnostic categories or Graph object kinds.
 */
import type { Catalog } from '../kql/syntax/catalog.js';
import { looksLikeDiagRecord, mapDiagRecord } from './diag-settings.js';
import { looksLikeDirectoryAudit, mapDirectoryAudit } from './graph-directory-audit.js';
import { looksLikeRiskDetection, looksLikeRiskyUser, mapRiskyUser } from './graph-risky-user.js';
import { looksLikeGraphSignIn, mapGraphSignIn } from './graph-signin.js';
import { isFromUsersPage, looksLikeGraphUser, mapGraphUser, markUsersPage } from './graph-user.js';
import { mapTableRow } from './la-row.js';
import { isObject } from './map-properties.js';
import type { Mapped } from './mapped.js';
import { looksLikeStix, mapStixObject, type StixContext } from './stix-bundle.js';
import { mapTiCsvRow } from './ti-csv.js';

export const FORMATS = [
  'auto',
  'diag-settings',
  'graph-signin',
  'graph-directory-audit',
  'graph-risky-user',
  'graph-user',
  'la-json',
  'la-csv',
  'ndjson',
  'parquet',
  'stix',
  'ti-csv',
] as const;

export type InputFormat = (typeof FORMATS)[number];

/** What one record is, by format or, for `auto`, by its shape. */
export type RecordKind =
  | 'diag-settings'
  | 'graph-signin'
  | 'graph-directory-audit'
  | 'graph-risky-user'
  | 'graph-user'
  | 'stix'
  | 'ti-csv'
  | 'table-row';

export function recordKind(format: InputFormat, rec: unknown): RecordKind {
  switch (format) {
    case 'diag-settings':
    case 'graph-signin':
    case 'graph-directory-audit':
    case 'graph-risky-user':
    case 'graph-user':
    case 'stix':
    case 'ti-csv':
      return format;
    case 'la-json':
    case 'la-csv':
    case 'ndjson':
    case 'parquet':
      return 'table-row';
    case 'auto':
      if (!isObject(rec)) return 'table-row';
      if (isFromUsersPage(rec)) return 'graph-user';
      if (looksLikeDiagRecord(rec)) return 'diag-settings';
      if (looksLikeGraphSignIn(rec)) return 'graph-signin';
      if (looksLikeDirectoryAudit(rec)) return 'graph-directory-audit';
      if (looksLikeRiskyUser(rec) || looksLikeRiskDetection(rec)) return 'graph-risky-user';
      // After the kinds above: signIns, riskyUsers and riskDetections carry a userPrincipalName too.
      if (looksLikeGraphUser(rec)) return 'graph-user';
      if (looksLikeStix(rec)) return 'stix';
      return 'table-row';
  }
}

export interface MapContext extends StixContext {
  readonly catalog: Catalog;
  /** `--table`: the table of table rows, or the one threat-intelligence table to fill. */
  readonly table?: string;
  /** Unknown columns of table rows are left out (exports) rather than rejected (NDJSON with --table). */
  readonly ignoreUnknown: boolean;
}

export function mapRecord(kind: RecordKind, rec: unknown, ctx: MapContext): Mapped {
  switch (kind) {
    case 'diag-settings':
      return mapDiagRecord(rec, ctx.catalog);
    case 'graph-signin':
      return mapGraphSignIn(rec, ctx.catalog);
    case 'graph-directory-audit':
      return mapDirectoryAudit(rec, ctx.catalog);
    case 'graph-risky-user':
      return mapRiskyUser(rec, ctx.catalog);
    case 'graph-user':
      return mapGraphUser(rec, ctx);
    case 'stix':
      return mapStixObject(rec, ctx);
    case 'ti-csv':
      return isObject(rec) ? mapTiCsvRow(rec as Record<string, string | null>, ctx) : { reject: 'expected a CSV row' };
    case 'table-row':
      return mapTableRow(rec, ctx);
  }
}

/** A JSON line or element that is itself a container of records (an event hub message, a Graph page, a bundle). */
export function innerRecords(v: unknown): unknown[] | undefined {
  if (!isObject(v)) return undefined;
  if (Array.isArray(v.records)) return v.records;
  if (Array.isArray(v.value) && ('@odata.context' in v || Object.keys(v).every((k) => k === 'value' || k.startsWith('@odata')))) {
    markUsersPage(v['@odata.context'], v.value);
    return v.value;
  }
  if (v.type === 'bundle' && Array.isArray(v.objects)) return v.objects;
  if (Array.isArray(v.tables)) {
    const out: unknown[] = [];
    for (const t of v.tables) {
      if (!isObject(t) || !Array.isArray(t.columns) || !Array.isArray(t.rows)) continue;
      const names = t.columns.map((c) => String((c as { name?: unknown })?.name ?? ''));
      for (const r of t.rows) out.push(Array.isArray(r) ? Object.fromEntries(names.map((n, i) => [n, r[i]])) : r);
    }
    return out;
  }
  return undefined;
}
