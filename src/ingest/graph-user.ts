/**
 * Microsoft Graph `user` objects (GET /v1.0/users and /beta/users pages `{"@odata.context": ".../$metadata#users",
 * "value": […]}`, GET /users/{id} and /me, or one object per JSON line) → IdentityInfo, the table Sentinel's UEBA
 * fills from Microsoft Entra ID and rules join against (`IdentityInfo | summarize arg_max(TimeGenerated, *) by
 * AccountUPN`). One row per user: a snapshot taken when the file is ingested.
 *
 * Graph property (type)                        → IdentityInfo column (Kusto type)
 *   id (String)                                → AccountObjectId (string)
 *   userPrincipalName (String)                 → AccountUPN (string); its part before the last `@` → AccountName,
 *                                                the part after → AccountDomain (both string)
 *   displayName                                → AccountDisplayName (string)
 *   givenName, surname, department, jobTitle,  → GivenName, Surname, Department, JobTitle, City, Country, State,
 *   city, country, state, streetAddress,         StreetAddress, CompanyName, EmployeeId, UserType (string; same
 *   companyName, employeeId, userType            name, mapped by map-properties.ts's rule)
 *   mail                                       → MailAddress (string)
 *   otherMails (String collection)             → AdditionalMailAddresses (dynamic)
 *   accountEnabled (Boolean)                   → IsAccountEnabled (bool)
 *   createdDateTime (DateTimeOffset)           → AccountCreationTime (datetime)
 *   deletedDateTime (DateTimeOffset)           → DeletedDateTime (datetime)
 *   onPremisesSecurityIdentifier               → AccountSID (string) ("the on-premises security identifier")
 *   securityIdentifier (beta; the cloud SID)   → AccountCloudSID (string) ("the Microsoft Entra security identifier")
 *   onPremisesSamAccountName                   → SAMAccountName (string)
 *   onPremisesDistinguishedName                → OnPremisesDistinguishedName (string)
 *   onPremisesExtensionAttributes (object)     → OnPremisesExtensionAttributes (string: its JSON text)
 *   businessPhones[0], else mobilePhone        → Phone (string) (businessPhones holds at most one number)
 *   signInActivity: the latest of lastSignInDateTime, lastNonInteractiveSignInDateTime,
 *     lastSuccessfulSignInDateTime (Graph writes 0001-01-01 for "never"; ignored) → LastSeenDate (datetime)
 *   manager (with $expand=manager): its userPrincipalName, else displayName → Manager (string)
 *   memberOf / transitiveMemberOf (with $expand; transitive preferred, as IdentityInfo's groups are transitive):
 *     the displayNames of the #microsoft.graph.group entries → GroupMembership (dynamic), of the
 *     #microsoft.graph.directoryRole entries → AssignedRoles (dynamic)
 *   extension_<appId>_<name> directory extension properties → ExtensionProperty (dynamic: an object of them)
 *   onPremisesSyncEnabled true → SourceSystem "Hybrid", else "AzureActiveDirectory" (the UEBA reference lists
 *     AzureActiveDirectory, ActiveDirectory and Hybrid: "the system where the user is managed")
 *   TimeGenerated = the ingestion time (`ctx.now`, as for threat intelligence); Type = IdentityInfo (the writer).
 * UEBA's own computations (BlastRadius, InvestigationPriority*, EntityRiskScore, Tags, UserState, IsMFARegistered,
 * IsServiceAccount, Applications, ServicePrincipals, RelatedAccounts, UserAccountControl, UACFlags, RiskLevel*,
 * RiskState, ChangeSource, UserStateChangedOn) and AccountTenantId have no user property and keep their defaults.
 *
 * A user needs an `id` or a `userPrincipalName` (the documented `$select` examples have one without the other);
 * one with neither is set aside. A delta-query entry marked `@removed` is no snapshot of the user: it loads nothing.
 *
 * References:
 * - user resource: https://learn.microsoft.com/graph/api/resources/user?view=graph-rest-1.0 (beta:
 *   …?view=graph-rest-beta; securityIdentifier as inherited by https://learn.microsoft.com/graph/api/resources/agentuser?view=graph-rest-beta)
 * - List users / Get user examples: https://learn.microsoft.com/graph/api/user-list, https://learn.microsoft.com/graph/api/user-get
 * - IdentityInfo: https://learn.microsoft.com/azure/azure-monitor/reference/tables/identityinfo and the UEBA
 *   reference https://learn.microsoft.com/azure/sentinel/ueba-reference#identityinfo-table
 */
import type { Catalog } from '../kql/syntax/catalog.js';
import { isObject, mapProperties, setIf } from './map-properties.js';
import { reject, type Mapped } from './mapped.js';

export interface GraphUserContext {
  readonly catalog: Catalog;
  /** The ingestion time as ISO text: TimeGenerated of every row. */
  readonly now: string;
}

/** `…/$metadata#users`, `…#users(id,displayName)` (a $select), `…#users/$entity` (one user). */
const USERS_CONTEXT = /\/\$metadata#users(?:\([^)]*\))?(?:\/\$entity)?$/;

export function isUsersContext(context: unknown): boolean {
  return typeof context === 'string' && USERS_CONTEXT.test(context);
}

/** Properties of the other Graph objects that carry a userPrincipalName (signIn, riskyUser, riskDetection,
 * userRegistrationDetails, …) and that a user never has; `Type`/`TimeGenerated` mark a Log Analytics row. */
const NOT_A_USER = [
  'userDisplayName',
  'userId',
  'riskLevel',
  'riskState',
  'riskDetail',
  'riskEventType',
  'appDisplayName',
  'appId',
  'status',
  'ipAddress',
  'activityDateTime',
  'isInteractive',
  'signInEventTypes',
  'Type',
  'TimeGenerated',
];

/** Elements of pages whose `@odata.context` says they are users: such an element is a user whatever properties its
 * `$select` kept, even none that shows it (`{"displayName": …, "id": …}`, or `{}` in the docs' schema-extension
 * example). The readers mark them (formats.ts innerRecords, json-document.ts); recordKind asks. */
const usersPageRecords = new WeakSet<object>();

export function markUsersPage(context: unknown, records: readonly unknown[]): void {
  if (!isUsersContext(context)) return;
  for (const r of records) if (isObject(r)) usersPageRecords.add(r);
}

export function isFromUsersPage(rec: object): boolean {
  return usersPageRecords.has(rec);
}

export function looksLikeGraphUser(v: Record<string, unknown>): boolean {
  if (v['@odata.type'] === '#microsoft.graph.user' || isUsersContext(v['@odata.context'])) return true;
  if (!('userPrincipalName' in v) && !('businessPhones' in v)) return false;
  return !NOT_A_USER.some((k) => k in v);
}

const RENAMES: Readonly<Record<string, string | null>> = {
  id: 'AccountObjectId',
  userPrincipalName: 'AccountUPN',
  displayName: 'AccountDisplayName',
  mail: 'MailAddress',
  otherMails: 'AdditionalMailAddresses',
  accountEnabled: 'IsAccountEnabled',
  createdDateTime: 'AccountCreationTime',
  onPremisesSecurityIdentifier: 'AccountSID',
  securityIdentifier: 'AccountCloudSID',
  onPremisesSamAccountName: 'SAMAccountName',
  // Set below from the expanded objects, never as their JSON.
  manager: null,
};

const EXTENSION = /^extension_[0-9a-f]{32}_/i;

export function mapGraphUser(rec: unknown, ctx: GraphUserContext): Mapped {
  if (!isObject(rec)) return reject(`expected a Graph user object`);
  if (isObject(rec['@removed'])) return { rows: [] };
  const upn = nonEmpty(rec.userPrincipalName);
  if (nonEmpty(rec.id) === undefined && upn === undefined) {
    return reject(`the user has neither 'id' nor 'userPrincipalName' (one is needed to identify the account)`);
  }
  const table = ctx.catalog.tables.get('IdentityInfo')!;
  const row: Record<string, unknown> = {};
  mapProperties(row, table, rec, RENAMES);
  row.TimeGenerated = ctx.now;
  row.SourceSystem = rec.onPremisesSyncEnabled === true ? 'Hybrid' : 'AzureActiveDirectory';

  if (upn !== undefined) {
    const at = upn.lastIndexOf('@');
    row.AccountName = at === -1 ? upn : upn.slice(0, at);
    if (at !== -1) row.AccountDomain = upn.slice(at + 1);
  }
  const phones = rec.businessPhones;
  setIf(row, table, 'Phone', (Array.isArray(phones) ? nonEmpty(phones[0]) : undefined) ?? nonEmpty(rec.mobilePhone));
  setIf(row, table, 'LastSeenDate', lastSeen(rec.signInActivity));
  const manager = rec.manager;
  if (isObject(manager)) setIf(row, table, 'Manager', nonEmpty(manager.userPrincipalName) ?? nonEmpty(manager.displayName));

  const memberOf = Array.isArray(rec.transitiveMemberOf) ? rec.transitiveMemberOf : Array.isArray(rec.memberOf) ? rec.memberOf : undefined;
  if (memberOf) {
    row.GroupMembership = namesOf(memberOf, '#microsoft.graph.group');
    row.AssignedRoles = namesOf(memberOf, '#microsoft.graph.directoryRole');
  }
  const extensions = Object.entries(rec).filter(([k]) => EXTENSION.test(k));
  if (extensions.length > 0) row.ExtensionProperty = Object.fromEntries(extensions);
  return { rows: [{ table: 'IdentityInfo', row, policy: 'source' }] };
}

function nonEmpty(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The display names of the expanded directory objects of one @odata.type. */
function namesOf(objects: readonly unknown[], type: string): string[] {
  const out: string[] = [];
  for (const o of objects) if (isObject(o) && o['@odata.type'] === type && typeof o.displayName === 'string') out.push(o.displayName);
  return out;
}

const SIGN_IN_TIMES = ['lastSignInDateTime', 'lastNonInteractiveSignInDateTime', 'lastSuccessfulSignInDateTime'];
/** Graph's "never signed in" is 0001-01-01T00:00:00Z; anything before 1900 is taken as that. */
const NEVER = Date.UTC(1900, 0, 1);

function lastSeen(activity: unknown): string | undefined {
  if (!isObject(activity)) return undefined;
  let best: string | undefined;
  let bestMs = NEVER;
  for (const k of SIGN_IN_TIMES) {
    const v = activity[k];
    if (typeof v !== 'string') continue;
    const ms = Date.parse(v);
    if (ms > bestMs) {
      best = v;
      bestMs = ms;
    }
  }
  return best;
}
