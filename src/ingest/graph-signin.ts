/**
 * Microsoft Graph `signIn` objects (GET /auditLogs/signIns, v1.0 and beta; the Entra admin center's JSON
 * download has the same shape) → the sign-in tables, per ../../../shared/schemas/formats.md §2.
 * `signInEventTypes` picks the table (interactiveUser → SigninLogs, nonInteractiveUser →
 * AADNonInteractiveUserSignInLogs, servicePrincipal, managedIdentity); without it (v1.0) `isInteractive` does.
 * There is no envelope: TimeGenerated is `createdDateTime`, ResultType `status.errorCode` as text, Location
 * `location.countryOrRegion`, OperationName "Sign-in activity", Category the table's diagnostic category.
 * Reference: https://learn.microsoft.com/graph/api/resources/signin
 */
import type { Catalog } from '../kql/syntax/catalog.js';
import { isObject, setIf } from './map-properties.js';
import { reject, type Mapped } from './mapped.js';
import { SIGNIN_CATEGORIES, SIGNIN_EVENT_TYPES, signInRow } from './signin-row.js';

export function looksLikeGraphSignIn(v: Record<string, unknown>): boolean {
  return 'createdDateTime' in v && ('signInEventTypes' in v || isObject(v.status) || 'appDisplayName' in v || 'isInteractive' in v);
}

export function mapGraphSignIn(rec: unknown, catalog: Catalog): Mapped {
  if (!isObject(rec)) return reject(`expected a Graph signIn object`);
  if (rec.createdDateTime === undefined || rec.createdDateTime === null || rec.createdDateTime === '') {
    return reject(`the signIn has no 'createdDateTime'`);
  }
  let category: string | undefined;
  const types = rec.signInEventTypes;
  if (Array.isArray(types)) {
    for (const t of types) {
      category = SIGNIN_EVENT_TYPES[String(t)];
      if (category) break;
    }
    if (!category && types.length > 0) return reject(`unknown signInEventTypes ${JSON.stringify(types)} (kqlwatch maps ${Object.keys(SIGNIN_EVENT_TYPES).join(', ')})`);
  }
  category ??= rec.isInteractive === false ? 'NonInteractiveUserSignInLogs' : 'SignInLogs';
  const tableName = SIGNIN_CATEGORIES[category]!;
  const table = catalog.tables.get(tableName)!;
  const row = signInRow(table, rec);
  row.TimeGenerated = rec.createdDateTime;
  row.OperationName = 'Sign-in activity';
  row.Category = category;
  row.SourceSystem = 'Azure';
  const loc = rec.location;
  if (isObject(loc) && typeof loc.countryOrRegion === 'string') row.Location = loc.countryOrRegion;
  // Identity is the actor's display name in the envelope; Graph has it only as userDisplayName (formats.md §2).
  setIf(row, table, 'Identity', rec.userDisplayName ?? undefined);
  return { rows: [{ table: tableName, row, policy: 'source' }] };
}
