/**
 * planDay(tenant, user, day, rng): where a user is and when they work on one local calendar day — office or
 * home (with or without the corporate VPN), on a trip abroad, off sick, or a weekend — with the UTC instants of
 * the working day in the user's time zone. The background generator and the scenario injectors both ask it, so
 * an injected attack knows the victim's network that day.
 */
import { CARRIERS, PLACES, drawIp, utcOffsetMinutes, type Isp, type Place, type PlaceKey } from './geo.js';
import { DAY, HOUR, MINUTE } from './context.js';
import type { Net } from './rows.js';
import type { Rng } from './rng.js';
import type { Tenant, User } from './tenant.js';

export type Where = 'office' | 'home' | 'trip';

export interface DayPlan {
  /** Days since 1970-01-01 of the local calendar date. */
  readonly day: number;
  readonly localMidnight: number;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  readonly working: boolean;
  readonly where: Where;
  /** The laptop's network for the working day (before the VPN connects, for VPN days). */
  readonly laptopNet: Net;
  /** The corporate VPN's egress, when the user connects it this day, and when. */
  readonly vpn?: { readonly net: Net; readonly at: number };
  readonly workStart: number;
  readonly workEnd: number;
  /** Phone awake hours. */
  readonly wake: number;
  readonly sleep: number;
  readonly trip?: { readonly place: Place; readonly hotel: Net };
}

export function localMidnight(day: number, tz: string): number {
  return day * DAY - utcOffsetMinutes(tz, day * DAY + 12 * HOUR) * MINUTE;
}

export function officeNet(user: User, r: Rng): Net {
  return { ip: r.pick(user.office.egress), isp: user.office.isp, place: user.office.place, namedLocation: user.office.namedLocation };
}

export function homeNet(user: User): Net {
  return { ip: user.homeIp, isp: user.homeIsp, place: user.home };
}

export function mobileNet(user: User, r: Rng): Net {
  // Carrier-grade NAT: a phone on mobile data gets a new public address every few minutes to hours.
  return { ip: drawIp(r, user.mobileIsp), isp: user.mobileIsp, place: user.home };
}

/** US users reach the US gateway; UK and German users the EU one (in the Netherlands); the rest the US one. */
export function vpnNet(tenant: Tenant, user: User, r: Rng): Net {
  const gw = user.home.country === 'GB' || user.home.country === 'DE' ? tenant.vpn.eu : tenant.vpn.us;
  return { ip: r.pick(gw.egress), isp: gw.isp, place: gw.place };
}

const TRIPS_FROM_US: readonly PlaceKey[] = ['london', 'paris', 'tokyo', 'toronto', 'amsterdam', 'singapore', 'madrid'];
const TRIPS_ELSEWHERE: readonly PlaceKey[] = ['seattle', 'newYork', 'london', 'paris', 'singapore', 'tokyo', 'amsterdam'];

export function planDay(tenant: Tenant, user: User, day: number, rng: Rng): DayPlan {
  const tz = user.home.tz;
  const midnight = localMidnight(day, tz);
  const weekday = (((day + 4) % 7) + 7) % 7;
  const r = rng.fork(`plan/${user.index}/${day}`);
  const at = (hours: number) => midnight + Math.round(hours * HOUR);
  const weekend = weekday === 0 || weekday === 6;
  const trip = weekend ? undefined : tripOn(user, day, weekday, rng);
  const start = user.dayStart + r.normal(0, 0.3);
  const length = 8.5 + r.next() * 1.5;
  const wake = start - 1.5 + r.normal(0, 0.25);
  const sleep = 22 + r.next() * 1.5;
  const base = { day, localMidnight: midnight, weekday, workStart: at(start), workEnd: at(start + length), wake: at(wake), sleep: at(sleep) };
  if (trip) {
    return { ...base, working: true, where: 'trip', laptopNet: trip.hotel, trip, vpn: user.usesVpn && r.chance(0.7) ? { net: vpnNet(tenant, user, r), at: at(start + 0.1 + r.next() * 0.4) } : undefined };
  }
  const working = !weekend && !r.chance(0.05);
  const officeChance = user.workStyle === 'office' ? 0.9 : user.workStyle === 'hybrid' ? 0.45 : 0.03;
  const where: Where = working && r.chance(officeChance) ? 'office' : 'home';
  const laptopNet = where === 'office' ? officeNet(user, r) : homeNet(user);
  // The interactive sign-in at the start of the day usually happens before the VPN client connects.
  const vpn = working && where === 'home' && user.usesVpn && r.chance(0.85) ? { net: vpnNet(tenant, user, r), at: at(start + 0.05 + r.next() * 0.3) } : undefined;
  return { ...base, working, where, laptopNet, vpn };
}

/** A business trip covering this weekday, decided once per user and ISO week. */
function tripOn(user: User, day: number, weekday: number, rng: Rng): { place: Place; hotel: Net } | undefined {
  if (user.isServiceAccount) return undefined;
  const week = Math.floor((day + 3) / 7);
  const r = rng.fork(`trip/${user.index}/${week}`);
  if (!r.chance(user.department === 'Sales' ? 0.12 : 0.03)) return undefined;
  const first = r.int(1, 4);
  const last = Math.min(5, first + r.int(1, 3));
  if (weekday < first || weekday > last) return undefined;
  const options = (user.home.country === 'US' ? TRIPS_FROM_US : TRIPS_ELSEWHERE).filter((k) => PLACES[k].country !== user.home.country);
  const place: Place = PLACES[r.pick(options)];
  const isp: Isp = r.pick(CARRIERS[place.country]!.broadband);
  return { place, hotel: { ip: drawIp(r, isp), isp, place } };
}
