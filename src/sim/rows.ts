/**
 * Row builders: one simulated sign-in (a SignIn) → a SigninLogs or AADNonInteractiveUserSignInLogs row, in the
 * columns and types of schemas/tables/*.json. The two tables differ in ways rules trip over, and the builders
 * keep them: SigninLogs holds DeviceDetail, LocationDetails, Status, MfaDetail and ConditionalAccessPolicies
 * as dynamic objects, the non-interactive table as JSON text; ResultType and AutonomousSystemNumber are text
 * in both. Field shapes follow https://learn.microsoft.com/graph/api/resources/signin.
 */
import type { App, ErrorCode, Resource } from './catalog.js';
import type { Isp, Place } from './geo.js';
import type { Device, Tenant, User } from './tenant.js';

export type Row = Record<string, unknown>;

export const TABLES = [
  'SigninLogs',
  'AADNonInteractiveUserSignInLogs',
  'AuditLogs',
  'AADRiskyUsers',
  'ThreatIntelIndicators',
  'IdentityInfo',
] as const;
export type SimTable = (typeof TABLES)[number];

/** Where a sign-in comes from. */
export interface Net {
  readonly ip: string;
  readonly isp: Isp;
  readonly place: Place;
  /** The Conditional Access named location the address falls in, if any (offices). */
  readonly namedLocation?: string;
}

export type AuthRequirement = 'singleFactorAuthentication' | 'multiFactorAuthentication';
export type CaStatus = 'success' | 'notApplied' | 'failure';

export interface SignIn {
  readonly time: number;
  readonly user: User;
  readonly interactive: boolean;
  readonly app: App;
  readonly resource: Resource;
  readonly net: Net;
  readonly device: Device;
  readonly userAgent?: string;
  readonly auth: AuthRequirement;
  /** The second factor of an interactive MFA sign-in. */
  readonly mfaMethod?: string;
  readonly ca: CaStatus;
  readonly error?: ErrorCode;
  readonly correlationId: string;
  readonly sessionId: string;
  /** Row id and token id; drawn by the caller so rows stay deterministic. */
  readonly id: string;
  readonly uti: string;
  readonly incomingTokenType?: string;
  readonly risk?: { readonly level: string; readonly state: string; readonly detail: string; readonly eventTypes: readonly string[] };
  /** What the user typed when it differs from the UPN's spelling (attack tooling, some clients). */
  readonly upnAsTyped?: string;
}

/** Kusto datetimes are UTC with 100 ns ticks; Entra ID exports carry 7 fractional digits. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '0000Z');
}

const deviceText = new WeakMap<Device, Record<string, unknown>>();
const placeText = new WeakMap<Place, Record<string, unknown>>();

function deviceDetail(d: Device): Record<string, unknown> {
  let v = deviceText.get(d);
  if (!v) {
    v = {
      deviceId: d.deviceId,
      displayName: d.displayName,
      operatingSystem: d.operatingSystem,
      browser: d.browser,
      isCompliant: d.isCompliant,
      isManaged: d.isManaged,
      trustType: d.trustType,
    };
    deviceText.set(d, v);
  }
  return v;
}

function locationDetails(p: Place): Record<string, unknown> {
  let v = placeText.get(p);
  if (!v) {
    v = { city: p.city, state: p.state, countryOrRegion: p.country, geoCoordinates: { latitude: p.lat, longitude: p.lon } };
    placeText.set(p, v);
  }
  return v;
}

function caPolicies(t: Tenant, s: SignIn): Record<string, unknown>[] {
  const { mfa, compliant, legacy, geo } = t.policies;
  const result = (p: { id: string; displayName: string; grantControls: readonly string[] }, r: string, enforced: readonly string[] = []) => ({
    id: p.id,
    displayName: p.displayName,
    enforcedGrantControls: enforced,
    enforcedSessionControls: [],
    result: r,
  });
  const mfaApplies = s.user.mfaRequired && !s.net.namedLocation;
  const compliantApplies = !s.user.isServiceAccount && s.device.kind === 'laptop' && s.device.deviceId !== '';
  return [
    result(mfa, s.ca === 'notApplied' || !mfaApplies ? 'notApplied' : s.ca === 'failure' ? 'failure' : 'success', mfaApplies ? mfa.grantControls : []),
    result(compliant, s.ca === 'notApplied' || !compliantApplies ? 'notApplied' : 'success', compliantApplies ? compliant.grantControls : []),
    result(legacy, 'notApplied'),
    result(geo, s.ca === 'failure' && !mfaApplies ? 'failure' : 'reportOnlyNotApplied', geo.grantControls),
  ];
}

function status(e: ErrorCode | undefined): Record<string, unknown> {
  return e ? { errorCode: Number(e.code), failureReason: e.description } : { errorCode: 0 };
}

function authDetails(s: SignIn): Record<string, unknown>[] {
  const at = isoTime(s.time);
  if (!s.interactive) {
    return [{ authenticationStepDateTime: at, authenticationMethod: 'Previously satisfied', succeeded: true, authenticationStepResultDetail: s.auth === 'multiFactorAuthentication' ? 'First factor requirement satisfied by claim in the token' : 'Correct password', authenticationStepRequirement: 'Primary authentication', StatusSequence: 0, RequestSequence: 0 }];
  }
  const ok = !s.error || s.error.code !== '50126';
  const steps: Record<string, unknown>[] = [
    { authenticationStepDateTime: at, authenticationMethod: 'Password', authenticationMethodDetail: 'Password Hash Sync', succeeded: ok, authenticationStepResultDetail: ok ? 'Correct password' : 'Invalid username or password or Invalid on-premise username or password.', authenticationStepRequirement: 'Primary authentication' },
  ];
  if (ok && s.mfaMethod) {
    const mfaOk = !s.error || s.error.code !== '500121';
    steps.push({ authenticationStepDateTime: at, authenticationMethod: s.mfaMethod, authenticationMethodDetail: '', succeeded: mfaOk, authenticationStepResultDetail: mfaOk ? 'MFA successfully completed' : 'MFA denied; user declined the authentication', authenticationStepRequirement: 'Multifactor authentication' });
  }
  return steps;
}

function common(t: Tenant, s: SignIn, table: SimTable): Row {
  const e = s.error;
  const u = s.user;
  const risk = s.risk;
  return {
    TenantId: t.tenantId,
    AADTenantId: t.tenantId,
    SourceSystem: 'Azure AD',
    TimeGenerated: isoTime(s.time),
    CreatedDateTime: isoTime(s.time),
    OperationName: 'Sign-in activity',
    OperationVersion: '1.0',
    Category: table === 'SigninLogs' ? 'SignInLogs' : 'NonInteractiveUserSignInLogs',
    ResultType: e ? e.code : '0',
    ResultSignature: 'None',
    ResultDescription: e ? e.description : '',
    DurationMs: 0,
    Identity: u.displayName,
    Level: e ? '3' : '4',
    Location: s.net.place.country,
    AlternateSignInName: s.upnAsTyped ?? u.upn,
    AppDisplayName: s.app.name,
    AppId: s.app.id,
    AuthenticationProtocol: 'none',
    AuthenticationRequirement: s.auth,
    AutonomousSystemNumber: s.net.isp.asn,
    ClientAppUsed: s.app.clientAppUsed,
    ConditionalAccessStatus: s.ca,
    CorrelationId: s.correlationId,
    CrossTenantAccessType: 'none',
    HomeTenantId: t.tenantId,
    Id: s.id,
    IncomingTokenType: s.incomingTokenType ?? 'none',
    IPAddress: s.net.ip,
    IsInteractive: s.interactive,
    IsRisky: risk !== undefined && risk.state === 'atRisk',
    NetworkLocationDetails: s.net.namedLocation ? JSON.stringify([{ networkType: 'namedNetwork', networkNames: [s.net.namedLocation] }]) : '[]',
    OriginalRequestId: s.id,
    ResourceDisplayName: s.resource.name,
    ResourceIdentity: s.resource.id,
    ResourceTenantId: t.tenantId,
    RiskDetail: risk?.detail ?? 'none',
    RiskEventTypes: JSON.stringify(risk?.eventTypes ?? []),
    RiskEventTypes_V2: JSON.stringify(risk?.eventTypes ?? []),
    RiskLevelAggregated: risk?.level ?? 'none',
    RiskLevelDuringSignIn: risk?.level ?? 'none',
    RiskState: risk?.state ?? 'none',
    SessionId: s.sessionId,
    TokenIssuerType: 'AzureAD',
    TokenIssuerName: '',
    UniqueTokenIdentifier: s.uti,
    UserAgent: s.userAgent ?? s.device.userAgent,
    UserDisplayName: u.displayName,
    UserId: u.id,
    UserPrincipalName: s.upnAsTyped ?? u.upn,
    UserType: 'Member',
    Type: table,
  };
}

export function signinRow(t: Tenant, s: SignIn): Row {
  const row = common(t, s, 'SigninLogs');
  row.AuthenticationDetails = JSON.stringify(authDetails(s));
  row.AuthenticationRequirementPolicies = JSON.stringify(s.auth === 'multiFactorAuthentication' ? [{ requirementProvider: 'multiConditionalAccess', detail: 'Conditional Access' }] : []);
  row.ConditionalAccessPolicies = caPolicies(t, s);
  row.DeviceDetail = deviceDetail(s.device);
  row.LocationDetails = locationDetails(s.net.place);
  row.MfaDetail = s.mfaMethod ? { authMethod: s.mfaMethod, authDetail: s.mfaMethod === 'Mobile app notification' ? '' : '+X XXXXXXXX' } : {};
  row.Status = status(s.error);
  row.ProcessingTimeInMilliseconds = String(80 + (s.time % 170));
  row.ResourceId = `/tenants/${t.tenantId}/providers/Microsoft.aadiam`;
  row.ResourceProvider = 'Microsoft.aadiam';
  row.Resource = 'Microsoft.aadiam';
  row.ResourceGroup = 'Microsoft.aadiam';
  row.RiskLevel = s.risk?.level ?? '';
  row.FlaggedForReview = false;
  row.SignInIdentifier = s.upnAsTyped ?? s.user.upn;
  row.SignInIdentifierType = 'userPrincipalName';
  return row;
}

export function nonInteractiveRow(t: Tenant, s: SignIn): Row {
  const row = common(t, s, 'AADNonInteractiveUserSignInLogs');
  // Schema: the nested objects are JSON text in this table (see schemas/tables/AADNonInteractiveUserSignInLogs.json).
  row.AuthenticationDetails = JSON.stringify(authDetails(s));
  row.AuthenticationRequirementPolicies = '[]';
  row.ConditionalAccessPolicies = JSON.stringify(caPolicies(t, s));
  row.DeviceDetail = JSON.stringify(deviceDetail(s.device));
  row.LocationDetails = JSON.stringify(locationDetails(s.net.place));
  row.MfaDetail = '{}';
  row.Status = JSON.stringify(status(s.error));
  row.ProcessingTimeInMs = String(20 + (s.time % 90));
  row.SignInEventTypes = '["nonInteractiveUser"]';
  row.SignInIdentifierType = '';
  return row;
}
