/**
 * The background of a tenant: what ordinary days look like in the six tables. Per user and local day
 * (planDay): a morning interactive sign-in (sometimes after an interrupt or a typo), a few more during the day,
 * MFA or single factor by Conditional Access, and silent token refreshes from every client on the laptop and
 * the phone — tens of them per interactive sign-in — from whichever network each device is on (office egress,
 * home broadband, the corporate VPN, mobile data, a hotel abroad). Plus service accounts refreshing around the
 * clock, administrators' audit-logged work, self-service changes, Identity Protection noise, a threat-intel
 * feed, and a daily IdentityInfo snapshot. Sign-in fields: https://learn.microsoft.com/graph/api/resources/signin.
 */
import { APPS, INTERACTIVE_FAILURES, RESOURCES, SILENT_FAILURES, type App, type ErrorCode, type Resource } from './catalog.js';
import { DAY, HOUR, MINUTE, emitRow, emitSignIn, type SimContext } from './context.js';
import { homeNet, mobileNet, officeNet, planDay, type DayPlan } from './day-plan.js';
import { DOC_RANGES } from './geo.js';
import { isoTime, type AuthRequirement, type CaStatus, type Net, type Row } from './rows.js';
import type { Rng } from './rng.js';
import type { Device, Tenant, User } from './tenant.js';

interface Segment {
  readonly from: number;
  readonly to: number;
  readonly net: Net;
}

interface Session {
  readonly auth: AuthRequirement;
  readonly ca: CaStatus;
  readonly sessionId: string;
}

/**
 * Every local day of every user that overlaps the period, then the tenant-wide feeds. `pause` is awaited after
 * each user-day, so a writer can move what it has buffered into the store before memory grows.
 */
export async function generateBackground(ctx: SimContext, rng: Rng, pause: () => Promise<void> | void = () => {}): Promise<void> {
  const { tenant } = ctx;
  const firstDay = Math.floor(ctx.start / DAY) - 1;
  const lastDay = Math.floor((ctx.end - 1) / DAY) + 1;
  for (let day = firstDay; day <= lastDay; day++) {
    const utcDay = day * DAY;
    if (utcDay + DAY > ctx.start && utcDay < ctx.end) identitySnapshot(ctx, Math.max(utcDay, ctx.start), rng.fork(`identity/${day}`));
    for (const user of tenant.users) {
      const plan = planDay(tenant, user, day, rng);
      // Skip local days that do not touch the period (cheaper than generating and dropping their rows).
      if (plan.localMidnight + DAY + 2 * HOUR <= ctx.start || plan.localMidnight - 2 * HOUR >= ctx.end) continue;
      const r = rng.fork(`day/${user.index}/${day}`);
      if (user.isServiceAccount) serviceAccountDay(ctx, user, plan, r);
      else personDay(ctx, user, plan, r);
      const p = pause();
      if (p) await p;
    }
    appAuditNoise(ctx, day, rng.fork(`app-audit/${day}`));
  }
  riskyUserNoise(ctx, rng.fork('risky'));
  threatIntelFeed(ctx, rng.fork('ti'));
}

// ── People ────────────────────────────────────────────────────────────────────────────────────────────────

const MFA_METHODS: readonly (readonly [string, number])[] = [
  ['Mobile app notification', 70],
  ['OATH verification code', 15],
  ['Text message', 10],
  ['Phone call', 5],
];

/** Conditional Access as this tenant configures it: MFA outside trusted locations (always for admins). */
export function authFor(user: User, net: Net, device: Device): { auth: AuthRequirement; ca: CaStatus } {
  if (user.isServiceAccount) return { auth: 'singleFactorAuthentication', ca: 'notApplied' };
  const mfa = user.roles.length > 0 || (user.mfaRequired && !net.namedLocation);
  const compliantPolicy = device.kind === 'laptop' && device.deviceId !== '';
  return { auth: mfa ? 'multiFactorAuthentication' : 'singleFactorAuthentication', ca: mfa || compliantPolicy ? 'success' : 'notApplied' };
}

function personDay(ctx: SimContext, user: User, plan: DayPlan, r: Rng): void {
  const phoneSegs = user.phone ? phoneTimeline(user, plan, r) : [];
  if (plan.working) {
    const laptopSegs = laptopTimeline(plan);
    const first = plan.workStart + r.int(1, 12) * MINUTE;
    const firstApp = r.weighted([[APPS.officeHome, 35], [APPS.teams, 30], [APPS.windowsSignIn, 20], [APPS.office, 15]] as const);
    const session = interactive(ctx, user, user.laptop, netAt(laptopSegs, first), first, firstApp, resourceOf(firstApp), r, 0.1);
    laptopRefreshes(ctx, user, laptopSegs, session, r);
    const more = poisson(r, user.roles.length > 0 ? 2 : 1.2);
    for (let i = 0; i < more; i++) {
      const t = plan.workStart + r.next() * (plan.workEnd - plan.workStart);
      const app = r.weighted(user.developer ? DEV_BROWSER_APPS : BROWSER_APPS);
      interactive(ctx, user, user.laptop, netAt(laptopSegs, t), t, app, resourceOf(app), r, 0.06);
    }
    if (user.roles.length > 0) adminWork(ctx, user, plan, laptopSegs, r);
    else if (r.chance(0.004)) selfService(ctx, user, netAt(laptopSegs, first + 20 * MINUTE), first + r.int(20, 200) * MINUTE, r);
  }
  if (user.phone && phoneSegs.length > 0 && (plan.working || r.chance(0.35))) {
    const phone = user.phone;
    const auth = authFor(user, { ...phoneSegs[0]!.net, namedLocation: undefined }, phone);
    const session: Session = { ...auth, sessionId: r.guid() };
    if (r.chance(plan.working ? 0.15 : 0.05)) {
      const t = phoneSegs[0]!.from + r.next() * (phoneSegs[phoneSegs.length - 1]!.to - phoneSegs[0]!.from);
      const app = r.pick([APPS.outlookMobile, APPS.teams, APPS.broker]);
      interactive(ctx, user, phone, netAt(phoneSegs, t), t, app, resourceOf(app), r, 0.08);
    }
    const scale = plan.working ? 1 : 3;
    refreshes(ctx, user, phone, phoneSegs, APPS.outlookMobile, RESOURCES.exchange, 30 * scale, session, r);
    refreshes(ctx, user, phone, phoneSegs, APPS.teams, RESOURCES.teamsServices, 45 * scale, session, r);
    refreshes(ctx, user, phone, phoneSegs, APPS.broker, RESOURCES.aad, 180, session, r);
  }
}

/** Where the laptop is during the working day: one network, or home then the VPN. */
function laptopTimeline(plan: DayPlan): Segment[] {
  if (!plan.vpn) return [{ from: plan.workStart, to: plan.workEnd, net: plan.laptopNet }];
  return [
    { from: plan.workStart, to: plan.vpn.at, net: plan.laptopNet },
    { from: plan.vpn.at, to: plan.workEnd, net: plan.vpn.net },
  ];
}

/** Where the phone is: home Wi-Fi, mobile data on the way, the office Wi-Fi (same egress as the laptop). */
function phoneTimeline(user: User, plan: DayPlan, r: Rng): Segment[] {
  const { wake, sleep, workStart, workEnd } = plan;
  if (plan.where === 'trip' && plan.trip) {
    // Abroad, the phone is on the hotel Wi-Fi or roaming; roaming data egresses through the home carrier.
    return [
      { from: wake, to: workStart, net: plan.trip.hotel },
      { from: workStart, to: workEnd, net: r.chance(0.4) ? mobileNet(user, r) : plan.trip.hotel },
      { from: workEnd, to: sleep, net: plan.trip.hotel },
    ];
  }
  const home = homeNet(user);
  if (!plan.working) {
    const out = wake + (0.2 + r.next() * 0.5) * (sleep - wake);
    return [
      { from: wake + 2 * HOUR, to: out, net: home },
      { from: out, to: out + HOUR + r.next() * 2 * HOUR, net: mobileNet(user, r) },
    ];
  }
  if (plan.where === 'home') {
    const lunch = workStart + 3.5 * HOUR + r.next() * HOUR;
    const segs: Segment[] = [{ from: wake, to: lunch, net: home }];
    if (r.chance(0.3)) segs.push({ from: lunch, to: lunch + HOUR, net: mobileNet(user, r) }, { from: lunch + HOUR, to: sleep, net: home });
    else segs.push({ from: lunch, to: sleep, net: home });
    return segs;
  }
  const commute = (25 + r.next() * 35) * MINUTE;
  return [
    { from: wake, to: workStart - commute, net: home },
    { from: workStart - commute, to: workStart, net: mobileNet(user, r) },
    { from: workStart, to: workEnd, net: { ...plan.laptopNet, ip: officeNet(user, r).ip } },
    { from: workEnd, to: workEnd + commute, net: mobileNet(user, r) },
    { from: workEnd + commute, to: sleep, net: home },
  ];
}

const BROWSER_APPS: readonly (readonly [App, number])[] = [
  [APPS.officeHome, 40],
  [APPS.teamsWeb, 20],
  [APPS.office, 20],
  [APPS.powerBi, 8],
  [APPS.mySignins, 3],
  [APPS.companyPortal, 3],
];
const DEV_BROWSER_APPS: readonly (readonly [App, number])[] = [...BROWSER_APPS, [APPS.azurePortal, 30], [APPS.azureDevOps, 15], [APPS.graphExplorer, 3]];

function resourceOf(app: App): Resource {
  switch (app) {
    case APPS.teams:
    case APPS.teamsWeb:
      return RESOURCES.teamsServices;
    case APPS.outlookMobile:
      return RESOURCES.exchange;
    case APPS.windowsSignIn:
    case APPS.broker:
      return RESOURCES.aad;
    case APPS.azurePortal:
    case APPS.entraAdmin:
    case APPS.azureCli:
    case APPS.azurePowerShell:
    case APPS.vsCode:
      return RESOURCES.management;
    case APPS.azureDevOps:
      return RESOURCES.devOps;
    case APPS.powerBi:
      return RESOURCES.powerBi;
    case APPS.companyPortal:
      return RESOURCES.intune;
    case APPS.oneDrive:
      return RESOURCES.sharePoint;
    default:
      return RESOURCES.graph;
  }
}

/**
 * One interactive sign-in, sometimes preceded by a failed attempt (a typo, a "stay signed in?" interrupt, an
 * MFA step-up): Entra ID logs the failure and then the success a few seconds or minutes later.
 */
export function interactive(ctx: SimContext, user: User, device: Device, net: Net, time: number, app: App, resource: Resource, r: Rng, failureRate: number): Session {
  const { auth, ca } = authFor(user, net, device);
  const sessionId = r.guid();
  const correlationId = r.guid();
  const mfaMethod = auth === 'multiFactorAuthentication' ? r.weighted(MFA_METHODS) : undefined;
  if (r.chance(failureRate)) {
    const error = r.weighted(INTERACTIVE_FAILURES);
    const blocked = error.code === '53003';
    emitSignIn(ctx, {
      time: time - r.int(15, blocked ? 900 : 240) * 1000, user, interactive: true, app, resource, net, device, auth,
      mfaMethod: error.code === '500121' ? mfaMethod : undefined, ca: blocked ? 'failure' : ca, error, correlationId,
      sessionId, id: r.guid(), uti: r.token(22),
    });
  }
  emitSignIn(ctx, { time, user, interactive: true, app, resource, net, device, auth, mfaMethod, ca, correlationId, sessionId, id: r.guid(), uti: r.token(22) });
  return { auth, ca, sessionId };
}

const LAPTOP_CLIENTS: readonly (readonly [App, Resource, number])[] = [
  [APPS.teams, RESOURCES.teamsServices, 40],
  [APPS.office, RESOURCES.exchange, 55],
  [APPS.oneDrive, RESOURCES.sharePoint, 60],
  [APPS.edge, RESOURCES.graph, 75],
];

function laptopRefreshes(ctx: SimContext, user: User, segs: readonly Segment[], session: Session, r: Rng): void {
  for (const [app, resource, minutes] of LAPTOP_CLIENTS) refreshes(ctx, user, user.laptop, segs, app, resource, minutes, session, r);
  if (user.laptop.operatingSystem.startsWith('Windows')) refreshes(ctx, user, user.laptop, segs, APPS.windowsSignIn, RESOURCES.aad, 240, session, r);
  if (user.developer) {
    refreshes(ctx, user, user.laptop, segs, APPS.vsCode, RESOURCES.management, 90, session, r);
    if (r.chance(0.5)) refreshes(ctx, user, user.laptop, segs, APPS.azureCli, RESOURCES.management, 120, session, r);
  }
}

/** Silent token refreshes of one client, at exponential gaps, from the network the device is on at the time. */
export function refreshes(ctx: SimContext, user: User, device: Device, segs: readonly Segment[], app: App, resource: Resource, meanMinutes: number, session: Session, r: Rng): void {
  const correlationId = r.guid();
  const mean = meanMinutes * MINUTE;
  for (const seg of segs) {
    if (seg.to <= ctx.start || seg.from >= ctx.end) continue;
    for (let t = seg.from + r.next() * mean; t < seg.to; t += 2 * MINUTE + r.exp(mean)) {
      const error: ErrorCode | undefined = r.chance(0.025) ? r.weighted(SILENT_FAILURES) : undefined;
      emitSignIn(ctx, {
        time: Math.floor(t), user, interactive: false, app, resource, net: seg.net, device, auth: session.auth, ca: session.ca,
        error, correlationId, sessionId: session.sessionId, id: r.guid(), uti: r.token(22), incomingTokenType: app === APPS.windowsSignIn ? 'primaryRefreshToken' : 'refreshToken',
      });
    }
  }
}

function netAt(segs: readonly Segment[], time: number): Net {
  for (const s of segs) if (time >= s.from && time < s.to) return s.net;
  return time < segs[0]!.from ? segs[0]!.net : segs[segs.length - 1]!.net;
}

function poisson(r: Rng, mean: number): number {
  const l = Math.exp(-mean);
  let k = 0;
  for (let p = r.next(); p > l; p *= r.next()) k++;
  return k;
}

// ── Service accounts ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Automation: a scheduled script signs in with a password (ROPC; logged as interactive, single factor, no
 * Conditional Access) every few hours from its server in Azure and refreshes its tokens around the clock.
 */
function serviceAccountDay(ctx: SimContext, user: User, plan: DayPlan, r: Rng): void {
  const net: Net = homeNet(user);
  const app = r.pick([APPS.azurePowerShell, APPS.powerBi]);
  const resource = app === APPS.powerBi ? RESOURCES.powerBi : RESOURCES.management;
  const dayStart = plan.day * DAY;
  for (let h = r.int(0, 5); h < 24; h += 6) {
    const t = dayStart + h * HOUR + r.int(0, 300) * 1000;
    const session = interactive(ctx, user, user.laptop, net, t, app, resource, r, 0.01);
    refreshes(ctx, user, user.laptop, [{ from: t + MINUTE, to: t + 6 * HOUR, net }], app, resource, 20, session, r);
  }
}

// ── Administrators and the audit log ──────────────────────────────────────────────────────────────────────

export interface AuditOp {
  readonly name: string;
  readonly category: string;
  readonly type: string;
  readonly target: 'User' | 'Group' | 'Application' | 'ServicePrincipal' | 'Policy' | 'Device' | 'Role';
  readonly service?: string;
}

function op(name: string, category: string, type: string, target: AuditOp['target'], service?: string): AuditOp {
  return { name, category, type, target, service };
}

export const AUDIT_OPS = {
  updateUser: op('Update user', 'UserManagement', 'Update', 'User'),
  resetPassword: op('Reset user password', 'UserManagement', 'Update', 'User'),
  addUser: op('Add user', 'UserManagement', 'Add', 'User'),
  disableAccount: op('Disable account', 'UserManagement', 'Update', 'User'),
  addGroupMember: op('Add member to group', 'GroupManagement', 'Assign', 'Group'),
  removeGroupMember: op('Remove member from group', 'GroupManagement', 'Unassign', 'Group'),
  updateGroup: op('Update group', 'GroupManagement', 'Update', 'Group'),
  updateApplication: op('Update application', 'ApplicationManagement', 'Update', 'Application'),
  appSecrets: op('Update application – Certificates and secrets management ', 'ApplicationManagement', 'Update', 'Application'),
  addSpCredentials: op('Add service principal credentials', 'ApplicationManagement', 'Update', 'ServicePrincipal'),
  addAppOwner: op('Add owner to application', 'ApplicationManagement', 'Assign', 'Application'),
  consent: op('Consent to application', 'ApplicationManagement', 'Assign', 'ServicePrincipal'),
  addRoleMember: op('Add member to role', 'RoleManagement', 'Assign', 'Role'),
  removeRoleMember: op('Remove member from role', 'RoleManagement', 'Unassign', 'Role'),
  updateCaPolicy: op('Update conditional access policy', 'Policy', 'Update', 'Policy', 'Conditional Access'),
  deleteCaPolicy: op('Delete conditional access policy', 'Policy', 'Delete', 'Policy', 'Conditional Access'),
  updateDevice: op('Update device', 'DeviceManagement', 'Update', 'Device'),
  deleteDevice: op('Delete device', 'DeviceManagement', 'Delete', 'Device'),
  securityInfo: op('User registered security info', 'UserManagement', 'Add', 'User', 'Authentication Methods'),
  selfPassword: op('Change password (self-service)', 'UserManagement', 'Update', 'User', 'Self-service Password Management'),
} as const satisfies Record<string, AuditOp>;

function opsFor(user: User): readonly (readonly [AuditOp, number])[] {
  const o = AUDIT_OPS;
  const roles = user.roles.join(',');
  if (roles.includes('Global')) return [[o.updateUser, 5], [o.addGroupMember, 5], [o.updateApplication, 3], [o.updateCaPolicy, 2], [o.addRoleMember, 1], [o.removeRoleMember, 1], [o.consent, 1]];
  if (roles.includes('Application')) return [[o.updateApplication, 5], [o.appSecrets, 3], [o.addAppOwner, 2], [o.consent, 2], [o.addSpCredentials, 1]];
  if (roles.includes('Conditional Access')) return [[o.updateCaPolicy, 4], [o.addGroupMember, 3], [o.updateGroup, 2]];
  if (roles.includes('Intune')) return [[o.updateDevice, 6], [o.deleteDevice, 2], [o.addGroupMember, 2]];
  if (roles.includes('Exchange')) return [[o.updateGroup, 4], [o.addGroupMember, 4], [o.updateUser, 2]];
  return [[o.resetPassword, 5], [o.updateUser, 5], [o.addGroupMember, 4], [o.removeGroupMember, 2], [o.addUser, 1], [o.disableAccount, 1]];
}

/** One to three portal sessions a day, each with its audited changes and the portal's own token refreshes. */
function adminWork(ctx: SimContext, user: User, plan: DayPlan, segs: readonly Segment[], r: Rng): void {
  const sessions = r.int(1, 3);
  for (let i = 0; i < sessions; i++) {
    const t = plan.workStart + r.next() * (plan.workEnd - plan.workStart - HOUR);
    const net = netAt(segs, t);
    const app = r.chance(0.5) ? APPS.azurePortal : APPS.entraAdmin;
    const session = interactive(ctx, user, user.laptop, net, t, app, RESOURCES.management, r, 0.05);
    const length = (30 + r.next() * 60) * MINUTE;
    refreshes(ctx, user, user.laptop, [{ from: t + MINUTE, to: t + length, net }], app, RESOURCES.graph, 12, session, r);
    const n = r.int(1, 5);
    for (let k = 0; k < n; k++) audit(ctx, user, net.ip, r.weighted(opsFor(user)), t + 2 * MINUTE + r.next() * length, r);
  }
}

function selfService(ctx: SimContext, user: User, net: Net, time: number, r: Rng): void {
  interactive(ctx, user, user.laptop, net, time - 2 * MINUTE, APPS.mySignins, RESOURCES.graph, r, 0);
  audit(ctx, user, net.ip, r.chance(0.6) ? AUDIT_OPS.securityInfo : AUDIT_OPS.selfPassword, time, r, user);
}

const TARGET_NAMES: Record<AuditOp['target'], readonly string[]> = {
  User: [],
  Group: ['All Employees', 'Sales EMEA', 'Engineering', 'VPN Users', 'Finance Approvers', 'MFA Exclusions', 'Intune Pilot'],
  Application: ['Payroll Portal', 'Expense App', 'CRM Connector', 'Internal Wiki', 'Build Agent'],
  ServicePrincipal: ['Payroll Portal', 'CRM Connector', 'Zoom', 'Adobe Acrobat Sign', 'ServiceNow'],
  Policy: ['CA001: Require MFA outside trusted locations', 'CA002: Require compliant or hybrid joined device', 'CA004: Block sign-ins from embargoed countries'],
  Device: [],
  Role: ['Helpdesk Administrator', 'User Administrator', 'Reports Reader', 'Global Reader'],
};

/** An AuditLogs row initiated by a user (InitiatedBy.user) on one target, with the properties it changed. */
export function audit(ctx: SimContext, actor: User, ip: string, o: AuditOp, time: number, r: Rng, target?: User, targetName?: string): void {
  const { tenant } = ctx;
  const victim = target ?? r.pick(tenant.users);
  const name = targetName ?? (o.target === 'User' ? victim.displayName : o.target === 'Device' ? victim.laptop.displayName || 'CONTOSO-SRV-01' : r.pick(TARGET_NAMES[o.target]));
  const resources: Record<string, unknown>[] = [
    {
      id: o.target === 'User' ? victim.id : r.guid(),
      displayName: o.target === 'User' ? null : name,
      type: o.target,
      userPrincipalName: o.target === 'User' ? victim.upn : null,
      modifiedProperties: o.target === 'Role' ? [{ displayName: 'Role.DisplayName', oldValue: null, newValue: JSON.stringify(name) }] : [],
    },
  ];
  if (o.target === 'Role' || o.target === 'Group') resources.push({ id: victim.id, displayName: null, type: 'User', userPrincipalName: victim.upn, modifiedProperties: [] });
  emitRow(ctx, 'AuditLogs', time, auditRow(tenant, time, o, r, { user: { id: actor.id, displayName: null, userPrincipalName: actor.upn, ipAddress: ip, roles: [] } }, actor.displayName, resources, actor.laptop.userAgent));
}

export function auditRow(tenant: Tenant, time: number, o: AuditOp, r: Rng, initiatedBy: Record<string, unknown>, identity: string, targets: Record<string, unknown>[], userAgent = ''): Row {
  return {
    TenantId: tenant.tenantId,
    AADTenantId: tenant.tenantId,
    SourceSystem: 'Azure AD',
    TimeGenerated: isoTime(time),
    ActivityDateTime: isoTime(time),
    ResourceId: `/tenants/${tenant.tenantId}/providers/Microsoft.aadiam`,
    OperationName: o.name,
    OperationVersion: '1.0',
    Category: o.category,
    ResultType: '',
    ResultSignature: 'None',
    ResultDescription: '',
    ResultReason: '',
    DurationMs: 0,
    CorrelationId: r.guid(),
    Resource: 'Microsoft.aadiam',
    ResourceGroup: 'Microsoft.aadiam',
    ResourceProvider: 'Microsoft.aadiam',
    Identity: identity,
    Level: '4',
    Location: '',
    AdditionalDetails: userAgent ? [{ key: 'User-Agent', value: userAgent }] : [],
    Id: `Directory_${r.guid().toUpperCase().replace(/-/g, '').slice(0, 5)}_${r.int(10_000_000, 99_999_999)}`,
    InitiatedBy: initiatedBy,
    LoggedByService: o.service ?? 'Core Directory',
    Result: 'success',
    ActivityDisplayName: o.name,
    TargetResources: targets,
    AADOperationType: o.type,
    Type: 'AuditLogs',
  };
}

/** Changes made by applications (Intune compliance updates, directory sync): InitiatedBy.app, no UPN. */
function appAuditNoise(ctx: SimContext, day: number, r: Rng): void {
  const { tenant } = ctx;
  const n = Math.round(tenant.users.length * 0.08);
  for (let i = 0; i < n; i++) {
    const time = day * DAY + Math.floor(r.next() * DAY);
    if (time < ctx.start || time >= ctx.end) continue;
    const user = r.pick(tenant.users);
    const intune = r.chance(0.6);
    const o = intune ? AUDIT_OPS.updateDevice : AUDIT_OPS.updateUser;
    const app = intune
      ? { appId: '0000000a-0000-0000-c000-000000000000', displayName: 'Microsoft Intune', servicePrincipalId: '5e1f7a1d-8c3b-4b5e-9f0a-1c2d3e4f5a6b', servicePrincipalName: 'Microsoft Intune' }
      : { appId: 'cb1056e2-e479-49de-ae31-7812af012ed8', displayName: 'Microsoft Azure AD Connect', servicePrincipalId: '6a2b8c3d-9e4f-4a5b-8c6d-7e8f9a0b1c2d', servicePrincipalName: 'Microsoft Azure AD Connect' };
    const target = intune
      ? { id: user.laptop.deviceId || r.guid(), displayName: user.laptop.displayName || 'CONTOSO-SRV-01', type: 'Device', modifiedProperties: [{ displayName: 'IsCompliant', oldValue: '[false]', newValue: '[true]' }] }
      : { id: user.id, displayName: null, type: 'User', userPrincipalName: user.upn, modifiedProperties: [{ displayName: 'LastDirSyncTime', oldValue: null, newValue: JSON.stringify([isoTime(time)]) }] };
    emitRow(ctx, 'AuditLogs', time, auditRow(tenant, time, o, r, { app }, app.displayName, [target]));
  }
}

// ── Identity Protection, threat intelligence, identity snapshots ─────────────────────────────────────────

export interface RiskChange {
  readonly time: number;
  readonly level: 'low' | 'medium' | 'high' | 'none';
  readonly state: 'atRisk' | 'confirmedCompromised' | 'remediated' | 'dismissed';
  readonly detail: string;
}

/** AADRiskyUsers rows for one user's risk history (one row per change, as Identity Protection logs them). */
export function emitRiskHistory(ctx: SimContext, user: User, changes: readonly RiskChange[], r: Rng): void {
  for (const c of changes) {
    emitRow(ctx, 'AADRiskyUsers', c.time, {
      TenantId: ctx.tenant.tenantId,
      TimeGenerated: isoTime(c.time + r.int(30, 600) * 1000),
      Id: user.id,
      UserPrincipalName: user.upn,
      UserDisplayName: user.displayName,
      RiskLevel: c.level,
      RiskState: c.state,
      RiskDetail: c.detail,
      RiskLastUpdatedDateTime: isoTime(c.time),
      IsDeleted: false,
      IsProcessing: false,
      OperationName: 'Risky user',
      CorrelationId: r.guid(),
      SourceSystem: 'Azure AD',
      Type: 'AADRiskyUsers',
    });
  }
}

/**
 * Identity Protection's everyday noise: unfamiliar sign-in properties and the like on ~0.3% of users a day,
 * mostly low risk and mostly remediated (MFA, password change) or dismissed; a few stay at risk untriaged.
 */
function riskyUserNoise(ctx: SimContext, r: Rng): void {
  const people = ctx.tenant.users.filter((u) => !u.isServiceAccount);
  const days = (ctx.end - ctx.start) / DAY;
  const n = Math.round(people.length * days * 0.003);
  for (let i = 0; i < n; i++) {
    const user = r.pick(people);
    const t = ctx.start + Math.floor(r.next() * (ctx.end - ctx.start));
    const level = r.weighted([['low', 55], ['medium', 35], ['high', 10]] as const);
    const changes: RiskChange[] = [{ time: t, level, state: 'atRisk', detail: 'none' }];
    const outcome = r.weighted([['remediated', 55], ['dismissed', 30], ['open', 15]] as const);
    if (outcome === 'remediated') changes.push({ time: t + r.int(10, 360) * MINUTE, level: 'none', state: 'remediated', detail: r.pick(['userPerformedSecuredPasswordChange', 'userPassedMFADrivenByRiskBasedPolicy']) });
    if (outcome === 'dismissed') changes.push({ time: t + r.int(60, 1440) * MINUTE, level: 'none', state: 'dismissed', detail: 'adminDismissedAllRiskForUser' });
    emitRiskHistory(ctx, user, changes, r.fork(i));
  }
}

export interface Indicator {
  readonly time: number;
  readonly key: 'ipv4-addr:value' | 'domain-name:value' | 'url:value' | "file:hashes.'SHA-256'";
  readonly value: string;
  readonly active: boolean;
  readonly validFrom: number;
  readonly validUntil?: number;
  readonly tag: string;
  readonly confidence: number;
  readonly source: string;
}

const TI_SOURCES = ['Microsoft Defender Threat Intelligence', 'Premium Microsoft Defender Threat Intelligence', 'TAXII: abuse.ch ThreatFox', 'TAXII: Contoso ISAC'];

/** A ThreatIntelIndicators row: the STIX pattern, the observable, and the STIX object itself in Data. */
export function emitIndicator(ctx: SimContext, ind: Indicator, r: Rng): void {
  if (ind.time >= ctx.end) return;
  const id = `indicator--${r.guid()}`;
  const quoted = ind.value.replace(/'/g, "\\'");
  const pattern = `[${ind.key} = '${quoted}']`;
  const data = {
    type: 'indicator',
    spec_version: '2.1',
    id,
    created: isoTime(ind.validFrom),
    modified: isoTime(ind.time),
    name: `${ind.tag} ${ind.value}`,
    pattern,
    pattern_type: 'stix',
    valid_from: isoTime(ind.validFrom),
    ...(ind.validUntil !== undefined ? { valid_until: isoTime(ind.validUntil) } : {}),
    labels: [ind.tag],
    confidence: ind.confidence,
    revoked: false,
  };
  // Threat intelligence is history: indicators from before the simulated period are kept (the rules look back 30 days).
  ctx.emit('ThreatIntelIndicators', {
    TenantId: ctx.tenant.tenantId,
    AzureTenantId: ctx.tenant.tenantId,
    TimeGenerated: isoTime(ind.time),
    Id: id,
    Pattern: pattern,
    ObservableKey: ind.key,
    ObservableValue: ind.value,
    IsActive: ind.active,
    IsDeleted: false,
    Revoked: false,
    Confidence: ind.confidence,
    Created: isoTime(ind.validFrom),
    Modified: isoTime(ind.time),
    ValidFrom: isoTime(ind.validFrom),
    ValidUntil: ind.validUntil !== undefined ? isoTime(ind.validUntil) : null,
    Tags: ind.tag,
    SourceSystem: ind.source,
    LastUpdateMethod: ind.source.startsWith('TAXII') ? 'TAXII' : 'MDTI',
    Data: data,
    AdditionalFields: { TLPLevel: 'amber' },
    Type: 'ThreatIntelIndicators',
  });
}

const DOMAINS = ['login-microsoftonline.example', 'secure-office365.example', 'sharepoint-docs.example', 'mfa-verify.example', 'okta-sso.example'];

/** Feed noise: indicators nobody in the tenant meets — active, expired, deactivated — over the last 30 days. */
function threatIntelFeed(ctx: SimContext, r: Rng): void {
  const from = ctx.start - 30 * DAY;
  for (let i = 0; i < 500; i++) {
    const time = from + Math.floor(r.next() * (ctx.end - from));
    const kind = r.weighted([['ip', 60], ['domain', 20], ['url', 10], ['hash', 10]] as const);
    const status = r.weighted([['active', 65], ['expired', 20], ['inactive', 15]] as const);
    const validFrom = time - r.int(0, 3) * DAY;
    const validUntil = status === 'expired' ? time + r.int(1, 5) * DAY : r.chance(0.5) ? undefined : ctx.end + r.int(5, 90) * DAY;
    const value =
      kind === 'ip' ? `${DOC_RANGES.feedNoise}.${r.int(1, 254)}` : kind === 'domain' ? `${r.token(6).toLowerCase()}.${r.pick(DOMAINS)}` : kind === 'url' ? `https://${r.pick(DOMAINS)}/${r.token(10)}` : hex(r, 64);
    emitIndicator(ctx, {
      time,
      key: kind === 'ip' ? 'ipv4-addr:value' : kind === 'domain' ? 'domain-name:value' : kind === 'url' ? 'url:value' : "file:hashes.'SHA-256'",
      value,
      active: status !== 'inactive',
      validFrom,
      validUntil: status === 'expired' ? Math.min(validUntil!, ctx.start - DAY) : validUntil,
      tag: r.pick(['phishing', 'c2', 'botnet', 'malware', 'scanner', 'tor-exit']),
      confidence: r.int(30, 95),
      source: r.pick(TI_SOURCES),
    }, r);
  }
}

function hex(r: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[r.int(0, 15)];
  return s;
}

/** IdentityInfo: the UEBA snapshot of every account, once a day. */
function identitySnapshot(ctx: SimContext, time: number, r: Rng): void {
  const { tenant } = ctx;
  for (const u of tenant.users) {
    const t = time + r.int(0, 1800) * 1000;
    emitRow(ctx, 'IdentityInfo', t, {
      TenantId: tenant.tenantId,
      TimeGenerated: isoTime(t),
      AccountObjectId: u.id,
      AccountTenantId: tenant.tenantId,
      AccountUPN: u.upn,
      AccountName: u.upn.split('@')[0],
      AccountDomain: tenant.domain,
      AccountDisplayName: u.displayName,
      AccountCreationTime: isoTime(u.accountCreated),
      GivenName: u.givenName,
      Surname: u.surname,
      Department: u.department,
      JobTitle: u.jobTitle,
      City: u.home.city,
      State: u.home.state,
      Country: u.home.country,
      MailAddress: u.upn,
      IsAccountEnabled: true,
      IsServiceAccount: u.isServiceAccount,
      IsMFARegistered: !u.isServiceAccount,
      AssignedRoles: u.roles,
      GroupMembership: u.isServiceAccount ? ['Service Accounts'] : ['All Employees', u.department, ...(u.mfaRequired ? [] : ['MFA Exclusions'])],
      UserType: 'Member',
      UserState: 'Active',
      SourceSystem: 'AzureActiveDirectory',
      Type: 'IdentityInfo',
    });
  }
}
