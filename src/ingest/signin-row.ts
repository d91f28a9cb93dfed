/**
 * The four Entra ID sign-in tables and the properties of a sign-in (the same camelCase names in diagnostic
 * settings `properties` and in a Microsoft Graph `signIn`) → their columns, per ../../../shared/schemas/formats.md
 * §1.4. The exceptions to the name rule: `location` (object) → LocationDetails, `resourceId` → ResourceIdentity,
 * `appliedConditionalAccessPolicies` → ConditionalAccessPolicies, `processingTimeInMilliseconds` →
 * ProcessingTimeInMs in AADNonInteractiveUserSignInLogs. ResultType is `status.errorCode` as text (documented
 * equal to the envelope's `resultType`). Column types decide the stored form (value-fit.ts): the same object is
 * dynamic in SigninLogs and JSON text in the other three tables.
 */
import type { TableSchema } from '../kql/syntax/catalog.js';
import { isObject, mapProperties, setIf } from './map-properties.js';

/** Diagnostic-settings category → table (formats.md §1.1). */
export const SIGNIN_CATEGORIES: Readonly<Record<string, string>> = {
  SignInLogs: 'SigninLogs',
  NonInteractiveUserSignInLogs: 'AADNonInteractiveUserSignInLogs',
  ServicePrincipalSignInLogs: 'AADServicePrincipalSignInLogs',
  ManagedIdentitySignInLogs: 'AADManagedIdentitySignInLogs',
};

/** Graph `signInEventTypes` value → category (formats.md §2). */
export const SIGNIN_EVENT_TYPES: Readonly<Record<string, string>> = {
  interactiveUser: 'SignInLogs',
  nonInteractiveUser: 'NonInteractiveUserSignInLogs',
  servicePrincipal: 'ServicePrincipalSignInLogs',
  managedIdentity: 'ManagedIdentitySignInLogs',
};

const RENAMES: Readonly<Record<string, string | null>> = {
  location: 'LocationDetails',
  resourceId: 'ResourceIdentity',
  appliedConditionalAccessPolicies: 'ConditionalAccessPolicies',
  // Only the envelope's values fill these (formats.md §1.3).
  category: null,
  operationName: null,
};

/** The columns a sign-in's properties give, for one of the four sign-in tables. */
export function signInRow(table: TableSchema, props: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  mapProperties(row, table, props, RENAMES);
  if (props.processingTimeInMilliseconds !== undefined) setIf(row, table, 'ProcessingTimeInMs', props.processingTimeInMilliseconds);
  const status = props.status;
  if (isObject(status)) {
    if (status.errorCode !== undefined && status.errorCode !== null) row.ResultType = String(status.errorCode);
    if (typeof status.failureReason === 'string' && status.failureReason !== '') setIf(row, table, 'ResultDescription', status.failureReason);
  }
  return row;
}
