/**
 * makeTenant(n, rng): the simulated organisation — offices with their egress networks, a corporate VPN, and n
 * accounts: people (home city, time zone, home ISP and address, mobile carrier, laptop and phone, work pattern)
 * plus service accounts and administrators. Nothing here has a time; background.ts gives the accounts a day.
 */
import { AZURE_EU, AZURE_US, CARRIERS, PLACES, drawIp, type Isp, type Place, type PlaceKey } from './geo.js';
import type { Rng } from './rng.js';

export const TENANT_DOMAIN = 'contoso.com';

export interface Office {
  readonly name: string;
  readonly place: Place;
  readonly isp: Isp;
  /** A handful of NAT egress addresses; each sign-in from the office uses one of them. */
  readonly egress: readonly string[];
  /** The named location Conditional Access trusts. */
  readonly namedLocation: string;
}

export interface VpnGateway {
  readonly name: string;
  readonly place: Place;
  readonly isp: Isp;
  readonly egress: readonly string[];
}

export interface Device {
  readonly deviceId: string;
  readonly displayName: string;
  readonly operatingSystem: string;
  readonly browser: string;
  readonly trustType: string;
  readonly isCompliant: boolean;
  readonly isManaged: boolean;
  readonly kind: 'laptop' | 'phone';
  /** The browser or client user agent this device sends. */
  readonly userAgent: string;
}

export type WorkStyle = 'office' | 'hybrid' | 'remote';

export interface User {
  readonly index: number;
  readonly id: string;
  readonly upn: string;
  readonly displayName: string;
  readonly givenName: string;
  readonly surname: string;
  readonly department: string;
  readonly jobTitle: string;
  readonly office: Office;
  readonly home: Place;
  readonly homeIsp: Isp;
  readonly homeIp: string;
  readonly mobileIsp: Isp;
  readonly laptop: Device;
  readonly phone: Device | undefined;
  readonly workStyle: WorkStyle;
  /** Connects through the corporate VPN when not in the office. */
  readonly usesVpn: boolean;
  /** Uses developer tools (Azure CLI, PowerShell, VS Code) that refresh tokens silently. */
  readonly developer: boolean;
  /** Directory roles, for administrators (empty for everyone else). */
  readonly roles: readonly string[];
  readonly isServiceAccount: boolean;
  /** Conditional Access requires MFA for this user outside trusted locations (false: the legacy exclusion group). */
  readonly mfaRequired: boolean;
  readonly accountCreated: number;
  /** Start of the working day in local hours (e.g. 8.5 = 08:30). */
  readonly dayStart: number;
}

export interface Tenant {
  readonly tenantId: string;
  readonly domain: string;
  readonly offices: readonly Office[];
  readonly vpn: { readonly us: VpnGateway; readonly eu: VpnGateway };
  readonly users: readonly User[];
  readonly admins: readonly User[];
  readonly serviceAccounts: readonly User[];
  /** Conditional Access policies of the tenant, by purpose. */
  readonly policies: { readonly mfa: Policy; readonly compliant: Policy; readonly legacy: Policy; readonly geo: Policy };
}

export interface Policy {
  readonly id: string;
  readonly displayName: string;
  readonly grantControls: readonly string[];
}

const FIRST = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara',
  'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Daniel', 'Lisa', 'Matthew', 'Nancy',
  'Anthony', 'Sandra', 'Mark', 'Ashley', 'Priya', 'Arjun', 'Ananya', 'Rahul', 'Deepa', 'Vikram', 'Sophie', 'Oliver',
  'Amelia', 'Harry', 'Isla', 'George', 'Lukas', 'Hannah', 'Felix', 'Lena', 'Jonas', 'Mia', 'Lucas', 'Beatriz', 'Rafael',
  'Camila', 'Mateus', 'Larissa', 'Chloe', 'Jack', 'Olivia', 'Noah', 'Aisha', 'Omar', 'Yuki', 'Wei', 'Mei', 'Carlos',
];
const LAST = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez',
  'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris',
  'Clark', 'Lewis', 'Walker', 'Hall', 'Young', 'King', 'Wright', 'Patel', 'Sharma', 'Iyer', 'Reddy', 'Nair', 'Gupta',
  'Evans', 'Hughes', 'Roberts', 'Wood', 'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Wagner', 'Silva',
  'Santos', 'Oliveira', 'Souza', 'Costa', 'Pereira', 'Nguyen', 'Chen', 'Wang', 'Kim', 'Tanaka', 'Okafor', 'Khan', 'Ali',
];
const DEPARTMENTS: readonly (readonly [string, readonly string[], number])[] = [
  ['Sales', ['Account Executive', 'Sales Manager', 'Sales Representative'], 20],
  ['Marketing', ['Marketing Specialist', 'Content Manager'], 8],
  ['Finance', ['Accountant', 'Financial Analyst', 'Controller'], 8],
  ['Human Resources', ['HR Generalist', 'Recruiter'], 5],
  ['Engineering', ['Software Engineer', 'Senior Software Engineer', 'Engineering Manager', 'DevOps Engineer'], 25],
  ['Customer Support', ['Support Engineer', 'Support Lead'], 14],
  ['Operations', ['Operations Analyst', 'Program Manager'], 10],
  ['Legal', ['Counsel', 'Paralegal'], 3],
  ['IT', ['IT Specialist', 'Systems Administrator'], 4],
];
const ADMIN_ROLES: readonly (readonly string[])[] = [
  ['Global Administrator'],
  ['User Administrator', 'Helpdesk Administrator'],
  ['Exchange Administrator'],
  ['Application Administrator', 'Cloud Application Administrator'],
  ['Security Administrator', 'Conditional Access Administrator'],
  ['Intune Administrator'],
  ['Helpdesk Administrator'],
];

const OFFICE_SITES: readonly { key: PlaceKey; name: string; weight: number; asn: Isp }[] = [
  { key: 'seattle', name: 'Seattle HQ', weight: 38, asn: { asn: '3356', name: 'Level 3 (Lumen)', kind: 'business', country: 'US', prefixes: ['4.14'] } },
  { key: 'newYork', name: 'New York', weight: 15, asn: { asn: '174', name: 'Cogent Communications', kind: 'business', country: 'US', prefixes: ['38.104'] } },
  { key: 'london', name: 'London', weight: 15, asn: { asn: '2856', name: 'British Telecommunications', kind: 'business', country: 'GB', prefixes: ['81.145'] } },
  { key: 'berlin', name: 'Berlin', weight: 10, asn: { asn: '3320', name: 'Deutsche Telekom', kind: 'business', country: 'DE', prefixes: ['80.156'] } },
  { key: 'bangalore', name: 'Bengaluru', weight: 12, asn: { asn: '4755', name: 'Tata Communications', kind: 'business', country: 'IN', prefixes: ['115.110'] } },
  { key: 'sydney', name: 'Sydney', weight: 5, asn: { asn: '1221', name: 'Telstra', kind: 'business', country: 'AU', prefixes: ['203.45'] } },
  { key: 'saoPaulo', name: 'São Paulo', weight: 5, asn: { asn: '26599', name: 'Telefonica Brasil (Vivo)', kind: 'business', country: 'BR', prefixes: ['200.204'] } },
];

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const EDGE = `${CHROME} Edg/124.0.2478.80`;
const SAFARI_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148';
const ANDROID = 'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36';

export function makeTenant(n: number, rng: Rng): Tenant {
  const r = rng.fork('tenant');
  const tenantId = r.guid();
  const offices: Office[] = OFFICE_SITES.map((s) => ({
    name: s.name,
    place: PLACES[s.key],
    isp: s.asn,
    egress: Array.from({ length: 4 }, () => drawIp(r, s.asn)),
    namedLocation: `${s.name} office`,
  }));
  const vpn = {
    us: { name: 'Corporate VPN (Azure East US)', place: PLACES.ashburn, isp: AZURE_US, egress: Array.from({ length: 6 }, () => drawIp(r, AZURE_US)) },
    eu: { name: 'Corporate VPN (Azure West Europe)', place: PLACES.amsterdam, isp: AZURE_EU, egress: Array.from({ length: 6 }, () => drawIp(r, AZURE_EU)) },
  };
  const policies = {
    mfa: { id: r.guid(), displayName: 'CA001: Require MFA outside trusted locations', grantControls: ['Mfa'] },
    compliant: { id: r.guid(), displayName: 'CA002: Require compliant or hybrid joined device', grantControls: ['CompliantDevice', 'DomainJoinedDevice'] },
    legacy: { id: r.guid(), displayName: 'CA003: Block legacy authentication', grantControls: ['Block'] },
    geo: { id: r.guid(), displayName: 'CA004: Block sign-ins from embargoed countries', grantControls: ['Block'] },
  };

  const nServiceAccounts = Math.max(2, Math.round(n * 0.01));
  const nAdmins = Math.max(6, Math.round(n * 0.02));
  const nPeople = Math.max(1, n - nServiceAccounts);
  const taken = new Set<string>();
  const users: User[] = [];
  for (let i = 0; i < nPeople; i++) users.push(makePerson(i, i < nAdmins, rng.fork(`user/${i}`), offices, taken));
  for (let i = 0; i < nServiceAccounts; i++) users.push(makeServiceAccount(nPeople + i, i, rng.fork(`svc/${i}`), offices[0]!));
  return {
    tenantId,
    domain: TENANT_DOMAIN,
    offices,
    vpn,
    users,
    admins: users.filter((u) => u.roles.length > 0),
    serviceAccounts: users.filter((u) => u.isServiceAccount),
    policies,
  };
}

function makePerson(index: number, admin: boolean, r: Rng, offices: readonly Office[], taken: Set<string>): User {
  const givenName = r.pick(FIRST);
  const surname = r.pick(LAST);
  const base = `${ascii(givenName)}.${ascii(surname)}`.toLowerCase();
  let local = base;
  for (let k = 2; taken.has(local); k++) local = `${base}${k}`;
  taken.add(local);
  const office = r.weighted(offices.map((o, i) => [o, OFFICE_SITES[i]!.weight] as const));
  const [department, titles] = admin ? (['IT', ['Systems Administrator', 'IT Manager', 'Identity Engineer']] as const) : pickDepartment(r);
  const carriers = CARRIERS[office.place.country]!;
  const homeIsp = r.pick(carriers.broadband);
  const windows = r.chance(0.82);
  const osVersion = windows ? r.weighted([['Windows 11', 6], ['Windows 10', 3]] as const) : 'MacOs';
  const browser = windows ? r.weighted([['Edge 124.0.0', 6], ['Chrome 124.0.0', 4]] as const) : r.weighted([['Safari 17.4', 5], ['Chrome 124.0.0', 5]] as const);
  const laptop: Device = {
    deviceId: r.guid(),
    displayName: windows ? `CONTOSO-LT-${r.int(1000, 9999)}` : `${givenName}'s MacBook Pro`,
    operatingSystem: osVersion,
    browser,
    trustType: windows ? r.weighted([['Azure AD joined', 7], ['Hybrid Azure AD joined', 3]] as const) : 'Azure AD registered',
    isCompliant: r.chance(0.96),
    isManaged: true,
    kind: 'laptop',
    userAgent: windows ? (browser.startsWith('Edge') ? EDGE : CHROME) : SAFARI_MAC,
  };
  const phoneOs = r.weighted([['iOS', 55], ['Android', 35], ['none', 10]] as const);
  const phone: Device | undefined =
    phoneOs === 'none'
      ? undefined
      : {
          deviceId: r.guid(),
          displayName: phoneOs === 'iOS' ? 'iPhone' : 'Galaxy S23',
          operatingSystem: phoneOs === 'iOS' ? 'Ios 17.5' : 'Android 14',
          browser: phoneOs === 'iOS' ? 'Mobile Safari' : 'Chrome Mobile 124.0.6367',
          trustType: 'Azure AD registered',
          isCompliant: r.chance(0.9),
          isManaged: r.chance(0.8),
          kind: 'phone',
          userAgent: phoneOs === 'iOS' ? IPHONE : ANDROID,
        };
  const workStyle = r.weighted([['office', 35], ['hybrid', 50], ['remote', 15]] as const);
  const developer = admin || department === 'Engineering' || department === 'IT';
  return {
    index,
    id: r.guid(),
    upn: `${local}@${TENANT_DOMAIN}`,
    displayName: `${givenName} ${surname}`,
    givenName,
    surname,
    department,
    jobTitle: r.pick(titles),
    office,
    home: office.place,
    homeIsp,
    homeIp: drawIp(r, homeIsp),
    mobileIsp: r.pick(carriers.mobile),
    laptop,
    phone,
    workStyle,
    // Only the US and EU have gateways; everyone else's VPN egresses abroad (the look-alike seed 002/004 meet).
    usesVpn: workStyle !== 'office' && r.chance(admin || developer ? 0.5 : 0.2),
    developer: developer && r.chance(0.8),
    roles: admin ? r.pick(ADMIN_ROLES) : [],
    isServiceAccount: false,
    mfaRequired: r.chance(0.9),
    accountCreated: Date.UTC(2018, 0, 1) + Math.floor(r.next() * 6 * 365) * 86_400_000,
    dayStart: 7.5 + r.next() * 2.5,
  };
}

const SERVICE_NAMES = ['svc-backup', 'svc-reporting', 'svc-powerbi-refresh', 'svc-sharepoint-migration', 'svc-monitoring', 'svc-hr-sync', 'svc-printing', 'svc-crm-integration'];

function makeServiceAccount(index: number, k: number, r: Rng, office: Office): User {
  const name = `${SERVICE_NAMES[k % SERVICE_NAMES.length]}${k >= SERVICE_NAMES.length ? String(Math.floor(k / SERVICE_NAMES.length) + 1) : ''}`;
  const server: Device = {
    deviceId: '',
    displayName: '',
    operatingSystem: 'Windows Server 2022',
    browser: '',
    trustType: '',
    isCompliant: false,
    isManaged: false,
    kind: 'laptop',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Microsoft Windows 10.0.20348; en-US) PowerShell/7.4.2',
  };
  return {
    index,
    id: r.guid(),
    upn: `${name}@${TENANT_DOMAIN}`,
    displayName: name,
    givenName: '',
    surname: '',
    department: 'IT',
    jobTitle: 'Service account',
    office,
    home: PLACES.ashburn,
    homeIsp: AZURE_US,
    homeIp: drawIp(r, AZURE_US),
    mobileIsp: AZURE_US,
    laptop: server,
    phone: undefined,
    workStyle: 'office',
    usesVpn: false,
    developer: false,
    roles: [],
    isServiceAccount: true,
    mfaRequired: false,
    accountCreated: Date.UTC(2019, 5, 1) + Math.floor(r.next() * 1000) * 86_400_000,
    dayStart: 0,
  };
}

function pickDepartment(r: Rng): readonly [string, readonly string[]] {
  const [d, titles] = r.weighted(DEPARTMENTS.map((d) => [[d[0], d[1]] as const, d[2]] as const));
  return [d, titles];
}

/** ASCII letters for the UPN's local part (Müller → muller). */
function ascii(s: string): string {
  return s.normalize('NFD').replace(/[^A-Za-z]/g, '');
}
