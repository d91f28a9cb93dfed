/**
 * The simulator's world: cities with their time zones, the networks (autonomous systems) people sign in from,
 * and how addresses are drawn from them. Broadband and mobile prefixes are plausible for the named carrier but
 * not authoritative; every address that plays an attacker, and every threat-intelligence address, comes from
 * the documentation ranges of RFC 5737 (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24), so no real host is
 * ever labelled malicious. See docs/decisions/0005-tenant-simulator.md.
 */
import type { Rng } from './rng.js';

export interface Place {
  readonly city: string;
  readonly state: string;
  /** ISO 3166 alpha-2, as SigninLogs.Location holds it. */
  readonly country: string;
  readonly lat: number;
  readonly lon: number;
  /** IANA time zone. */
  readonly tz: string;
}

export type NetworkKind = 'broadband' | 'mobile' | 'business' | 'cloud' | 'hosting';

/** An autonomous system and the /16 prefixes the simulator draws its addresses from. */
export interface Isp {
  /** As Log Analytics stores it: text (AutonomousSystemNumber is a string column). */
  readonly asn: string;
  readonly name: string;
  readonly kind: NetworkKind;
  readonly country: string;
  readonly prefixes: readonly string[];
}

export const PLACES = {
  seattle: { city: 'Seattle', state: 'Washington', country: 'US', lat: 47.6062, lon: -122.3321, tz: 'America/Los_Angeles' },
  newYork: { city: 'New York', state: 'New York', country: 'US', lat: 40.7128, lon: -74.006, tz: 'America/New_York' },
  london: { city: 'London', state: 'England', country: 'GB', lat: 51.5072, lon: -0.1276, tz: 'Europe/London' },
  berlin: { city: 'Berlin', state: 'Berlin', country: 'DE', lat: 52.52, lon: 13.405, tz: 'Europe/Berlin' },
  bangalore: { city: 'Bengaluru', state: 'Karnataka', country: 'IN', lat: 12.9716, lon: 77.5946, tz: 'Asia/Kolkata' },
  sydney: { city: 'Sydney', state: 'New South Wales', country: 'AU', lat: -33.8688, lon: 151.2093, tz: 'Australia/Sydney' },
  saoPaulo: { city: 'São Paulo', state: 'São Paulo', country: 'BR', lat: -23.5558, lon: -46.6396, tz: 'America/Sao_Paulo' },
  // Travel destinations and attacker locations.
  paris: { city: 'Paris', state: 'Île-de-France', country: 'FR', lat: 48.8566, lon: 2.3522, tz: 'Europe/Paris' },
  amsterdam: { city: 'Amsterdam', state: 'Noord-Holland', country: 'NL', lat: 52.3676, lon: 4.9041, tz: 'Europe/Amsterdam' },
  tokyo: { city: 'Tokyo', state: 'Tokyo', country: 'JP', lat: 35.6762, lon: 139.6503, tz: 'Asia/Tokyo' },
  singapore: { city: 'Singapore', state: 'Singapore', country: 'SG', lat: 1.3521, lon: 103.8198, tz: 'Asia/Singapore' },
  toronto: { city: 'Toronto', state: 'Ontario', country: 'CA', lat: 43.6532, lon: -79.3832, tz: 'America/Toronto' },
  madrid: { city: 'Madrid', state: 'Madrid', country: 'ES', lat: 40.4168, lon: -3.7038, tz: 'Europe/Madrid' },
  chicago: { city: 'Chicago', state: 'Illinois', country: 'US', lat: 41.8781, lon: -87.6298, tz: 'America/Chicago' },
  lagos: { city: 'Lagos', state: 'Lagos', country: 'NG', lat: 6.5244, lon: 3.3792, tz: 'Africa/Lagos' },
  moscow: { city: 'Moscow', state: 'Moscow', country: 'RU', lat: 55.7558, lon: 37.6173, tz: 'Europe/Moscow' },
  bucharest: { city: 'Bucharest', state: 'Bucuresti', country: 'RO', lat: 44.4268, lon: 26.1025, tz: 'Europe/Bucharest' },
  hongKong: { city: 'Hong Kong', state: 'Hong Kong', country: 'HK', lat: 22.3193, lon: 114.1694, tz: 'Asia/Hong_Kong' },
  ashburn: { city: 'Ashburn', state: 'Virginia', country: 'US', lat: 39.0438, lon: -77.4874, tz: 'America/New_York' },
  dublin: { city: 'Dublin', state: 'Dublin', country: 'IE', lat: 53.3498, lon: -6.2603, tz: 'Europe/Dublin' },
} as const satisfies Record<string, Place>;

export type PlaceKey = keyof typeof PLACES;

function isp(asn: number, name: string, kind: NetworkKind, country: string, prefixes: string[]): Isp {
  return { asn: String(asn), name, kind, country, prefixes };
}

/** Home broadband and mobile carriers per country. */
export const CARRIERS: Record<string, { broadband: Isp[]; mobile: Isp[] }> = {
  US: {
    broadband: [
      isp(7922, 'Comcast Cable', 'broadband', 'US', ['73.11', '73.97', '24.16', '98.203']),
      isp(7018, 'AT&T Services', 'broadband', 'US', ['99.47', '108.84', '107.200']),
      isp(20115, 'Charter Communications', 'broadband', 'US', ['71.84', '47.36', '97.91']),
      isp(701, 'Verizon Business', 'broadband', 'US', ['96.255', '100.12', '72.89']),
    ],
    mobile: [
      isp(21928, 'T-Mobile USA', 'mobile', 'US', ['172.56', '172.58', '172.59']),
      isp(6167, 'Verizon Wireless', 'mobile', 'US', ['174.192', '174.205', '174.212']),
    ],
  },
  GB: {
    broadband: [
      isp(2856, 'British Telecommunications', 'broadband', 'GB', ['86.128', '81.152', '109.150']),
      isp(5089, 'Virgin Media', 'broadband', 'GB', ['82.2', '86.20', '94.175']),
      isp(5607, 'Sky UK', 'broadband', 'GB', ['90.192', '2.96', '5.64']),
    ],
    mobile: [isp(12576, 'EE Limited', 'mobile', 'GB', ['31.94', '31.111']), isp(25135, 'Vodafone UK', 'mobile', 'GB', ['151.227', '194.35'])],
  },
  DE: {
    broadband: [
      isp(3320, 'Deutsche Telekom', 'broadband', 'DE', ['79.192', '87.152', '91.40']),
      isp(3209, 'Vodafone GmbH', 'broadband', 'DE', ['88.64', '95.88', '178.24']),
    ],
    mobile: [isp(6805, 'Telefonica Germany', 'mobile', 'DE', ['176.0', '176.6', '89.204'])],
  },
  IN: {
    broadband: [
      isp(24560, 'Bharti Airtel', 'broadband', 'IN', ['122.161', '122.172', '182.64']),
      isp(18209, 'Atria Convergence (ACT)', 'broadband', 'IN', ['106.51', '49.207']),
    ],
    mobile: [isp(55836, 'Reliance Jio', 'mobile', 'IN', ['49.36', '157.32', '157.48']), isp(45609, 'Bharti Airtel Mobile', 'mobile', 'IN', ['106.192', '223.187'])],
  },
  AU: {
    broadband: [isp(1221, 'Telstra', 'broadband', 'AU', ['101.160', '120.144', '58.160']), isp(4804, 'Optus', 'broadband', 'AU', ['49.176', '110.174'])],
    mobile: [isp(1221, 'Telstra', 'mobile', 'AU', ['1.128', '1.144'])],
  },
  BR: {
    broadband: [isp(26599, 'Telefonica Brasil (Vivo)', 'broadband', 'BR', ['177.95', '189.100', '187.10']), isp(28573, 'Claro NXT', 'broadband', 'BR', ['177.12', '191.176'])],
    mobile: [isp(26615, 'TIM Brasil', 'mobile', 'BR', ['179.224', '191.240'])],
  },
  FR: { broadband: [isp(3215, 'Orange', 'broadband', 'FR', ['90.24', '86.246'])], mobile: [isp(15557, 'SFR', 'mobile', 'FR', ['77.136'])] },
  NL: { broadband: [isp(1136, 'KPN', 'broadband', 'NL', ['77.160', '145.53'])], mobile: [isp(33915, 'Vodafone Libertel', 'mobile', 'NL', ['31.20'])] },
  JP: { broadband: [isp(4713, 'NTT Communications', 'broadband', 'JP', ['153.156', '180.12'])], mobile: [isp(9605, 'NTT DOCOMO', 'mobile', 'JP', ['1.66'])] },
  SG: { broadband: [isp(7473, 'Singtel', 'broadband', 'SG', ['116.14', '118.200'])], mobile: [isp(4773, 'M1 Limited', 'mobile', 'SG', ['111.65'])] },
  CA: { broadband: [isp(812, 'Rogers Communications', 'broadband', 'CA', ['99.224', '174.112'])], mobile: [isp(577, 'Bell Canada', 'mobile', 'CA', ['142.112'])] },
  ES: { broadband: [isp(3352, 'Telefonica de Espana', 'broadband', 'ES', ['83.32', '88.26'])], mobile: [isp(12430, 'Vodafone Spain', 'mobile', 'ES', ['95.169'])] },
};

/** Microsoft's cloud (ASN 8075): Azure-hosted VPN gateways, build agents, automation. */
export const AZURE_US = isp(8075, 'Microsoft Corporation', 'cloud', 'US', ['20.42', '20.119', '40.76']);
export const AZURE_EU = isp(8075, 'Microsoft Corporation', 'cloud', 'NL', ['20.61', '20.103', '51.124']);
/** GitHub-hosted runners egress from Azure too, in many regions. */
export const AZURE_EAST_ASIA = isp(8075, 'Microsoft Corporation', 'cloud', 'HK', ['20.187', '20.205']);

/** A developer's remote machine in another cloud. */
export const AWS_US = isp(16509, 'Amazon.com, Inc.', 'cloud', 'US', ['3.91', '18.204', '54.160']);

/** Hosting and VPN-provider networks an attacker rents; their addresses are drawn from the RFC 5737 ranges. */
export const ATTACKER_NETWORKS: readonly { isp: Isp; place: PlaceKey }[] = [
  { isp: isp(14061, 'DigitalOcean, LLC', 'hosting', 'NL', ['203.0']), place: 'amsterdam' },
  { isp: isp(24940, 'Hetzner Online GmbH', 'hosting', 'DE', ['203.0']), place: 'berlin' },
  { isp: isp(9009, 'M247 Europe SRL', 'hosting', 'RO', ['203.0']), place: 'bucharest' },
  { isp: isp(16276, 'OVH SAS', 'hosting', 'FR', ['203.0']), place: 'paris' },
  { isp: isp(20473, 'The Constant Company (Vultr)', 'hosting', 'US', ['203.0']), place: 'chicago' },
  { isp: isp(36352, 'HostPapa (ColoCrossing)', 'hosting', 'US', ['203.0']), place: 'ashburn' },
  { isp: isp(37148, 'Globacom Limited', 'hosting', 'NG', ['203.0']), place: 'lagos' },
  { isp: isp(59711, 'HZ Hosting Ltd', 'hosting', 'HK', ['203.0']), place: 'hongKong' },
];

/** An address in one of the ISP's prefixes (never .0 or .255 in the last octet). */
export function drawIp(rng: Rng, network: Isp): string {
  return `${rng.pick(network.prefixes)}.${rng.int(1, 254)}.${rng.int(1, 254)}`;
}

/**
 * Attacker and threat-intel addresses: `203.0.113.x` (attacker infrastructure), `198.51.100.x` (feed noise
 * nobody signs in from), `192.0.2.x` (addresses once listed and since reassigned: benign users meet them).
 */
export const DOC_RANGES = { attacker: '203.0.113', feedNoise: '198.51.100', reassigned: '192.0.2' } as const;

export function docIp(range: keyof typeof DOC_RANGES, host: number): string {
  return `${DOC_RANGES[range]}.${host}`;
}

/** UTC offset in minutes of a time zone at an instant (DST-aware; Node's ICU time-zone data). */
export function utcOffsetMinutes(tz: string, epochMs: number): number {
  let fmt = offsetFormats.get(tz);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' });
    offsetFormats.set(tz, fmt);
  }
  const name = fmt.formatToParts(new Date(epochMs)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();
