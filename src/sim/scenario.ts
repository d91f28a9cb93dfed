/**
 * What attacks.ts and benign.ts share: a Scenario is a named variant that, given a victim, a time and the
 * victim's plan for that day, writes its rows and returns its label. injectScenarios picks victims (distinct
 * while the tenant has enough), times inside the victim's working hours, and attacker addresses from the
 * RFC 5737 range, all from the seed.
 */
import { APPS, RESOURCES, type App, type Resource } from './catalog.js';
import { DAY, HOUR, MINUTE, emitSignIn, type SimContext } from './context.js';
import { planDay, type DayPlan } from './day-plan.js';
import { ATTACKER_NETWORKS, PLACES, docIp, utcOffsetMinutes, type Isp } from './geo.js';
import { isoTime, type AuthRequirement, type CaStatus, type Net } from './rows.js';
import { toRuleExpectation, type Expectation, type Label } from './labels.js';
import type { Rng } from './rng.js';
import type { Device, User } from './tenant.js';

export type VictimKind = 'person' | 'admin' | 'developer' | 'vpnAbroad' | 'noMfa' | 'serviceAccount';

export interface ScenarioRun {
  readonly ctx: SimContext;
  readonly user: User;
  readonly time: number;
  readonly plan: DayPlan;
  readonly r: Rng;
  readonly infra: Infra;
}

export interface ScenarioResult {
  readonly description: string;
  readonly start: number;
  readonly end: number;
  readonly ips: readonly string[];
  readonly signInIp?: string;
  readonly rules: readonly Expectation[];
}

export interface Scenario {
  readonly kind: 'attack' | 'benign';
  readonly scenario: string;
  readonly variant: string;
  readonly victim: VictimKind;
  /** Extra condition on the victim's day at the chosen time (e.g. in the office, on the VPN). */
  readonly when?: (plan: DayPlan, time: number, user: User) => boolean;
  run(s: ScenarioRun): ScenarioResult;
}

/** Hands out attacker addresses (203.0.113.1–254) so no two scenarios share one unless the range runs out. */
export class Infra {
  private next = 1;
  private nextReassigned = 1;
  constructor(private readonly r: Rng) {}

  /** A hosting network (optionally not in `avoidCountry`, not `avoidAsn`) and a fresh address in it. */
  attacker(avoidCountry?: string, avoidAsn?: string): Net {
    const options = ATTACKER_NETWORKS.filter((n) => PLACES[n.place].country !== avoidCountry && n.isp.asn !== avoidAsn);
    const n = this.r.pick(options);
    return this.address(n.isp, PLACES[n.place]);
  }

  /** Another address in the same network (same ASN, same place). */
  sameNetwork(net: Net): Net {
    return this.address(net.isp, net.place);
  }

  /** An address once listed in threat intelligence and since handed to an ordinary customer (192.0.2.x). */
  reassigned(isp: Isp, place: Net['place']): Net {
    const host = this.nextReassigned;
    this.nextReassigned = this.nextReassigned >= 254 ? 1 : this.nextReassigned + 1;
    return { ip: docIp('reassigned', host), isp, place };
  }

  private address(isp: Isp, place: Net['place']): Net {
    const host = this.next;
    this.next = this.next >= 254 ? 1 : this.next + 1;
    return { ip: docIp('attacker', host), isp, place };
  }
}

/** A browser nobody in the tenant uses: the attacker's replay tooling. */
export const ATTACKER_DEVICE: Device = {
  deviceId: '',
  displayName: '',
  operatingSystem: 'Windows 10',
  browser: 'Chrome 122.0.0',
  trustType: '',
  isCompliant: false,
  isManaged: false,
  kind: 'laptop',
  userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
};

/** An unmanaged browser session (the victim's browser, as seen through a phishing proxy). */
export function unregistered(device: Device): Device {
  return { ...device, deviceId: '', displayName: '', trustType: '', isCompliant: false, isManaged: false };
}

export interface SilentOptions {
  readonly user: User;
  readonly net: Net;
  readonly device: Device;
  readonly from: number;
  readonly count: number;
  readonly gapMinutes: number;
  readonly apps?: readonly (readonly [App, Resource])[];
  readonly auth?: AuthRequirement;
  readonly ca?: CaStatus;
  readonly sessionId?: string;
  readonly userAgent?: string;
}

/** `count` successful silent sign-ins from one network, `gapMinutes` apart (±40%); returns the last time. */
export function silentSignIns(ctx: SimContext, r: Rng, o: SilentOptions): number {
  const apps = o.apps ?? [[APPS.office, RESOURCES.exchange], [APPS.officeHome, RESOURCES.graph], [APPS.teams, RESOURCES.teamsServices]];
  const sessionId = o.sessionId ?? r.guid();
  let t = o.from;
  let last = t;
  for (let i = 0; i < o.count; i++) {
    const [app, resource] = apps[i % apps.length]!;
    emitSignIn(ctx, {
      time: t, user: o.user, interactive: false, app, resource, net: o.net, device: o.device, userAgent: o.userAgent,
      auth: o.auth ?? 'singleFactorAuthentication', ca: o.ca ?? 'notApplied', correlationId: r.guid(), sessionId,
      id: r.guid(), uti: r.token(22), incomingTokenType: 'refreshToken',
    });
    last = t;
    t += Math.round(o.gapMinutes * (0.6 + 0.8 * r.next()) * MINUTE);
  }
  return last;
}

const POOLS: Record<VictimKind, (u: User) => boolean> = {
  person: (u) => !u.isServiceAccount && u.roles.length === 0,
  admin: (u) => u.roles.length > 0,
  developer: (u) => u.developer && u.roles.length === 0,
  vpnAbroad: (u) => u.usesVpn && u.home.country !== 'US' && u.roles.length === 0,
  // In the Conditional Access MFA exclusion group: single-factor sign-ins from anywhere.
  noMfa: (u) => !u.mfaRequired && !u.isServiceAccount && u.roles.length === 0,
  serviceAccount: (u) => u.isServiceAccount,
};

/** How many instances of each variant: one per 5,000 user-days, at least one. */
export function instancesPerVariant(users: number, days: number): number {
  return Math.max(1, Math.round((users * days) / 5000));
}

/**
 * Runs every scenario `instances` times with its own victim and time; returns the labels in a stable order.
 * Times fall in [start + 3 h, end − 2 h] (so each scenario, its look-back and its detection fit the period),
 * inside the victim's working hours when a try finds one.
 */
export function injectScenarios(ctx: SimContext, rng: Rng, scenarios: readonly Scenario[], instances: number, prefix: string, used: Set<string>): Label[] {
  const { tenant } = ctx;
  const infra = new Infra(rng.fork(`${prefix}/infra`));
  const labels: Label[] = [];
  for (const sc of scenarios) {
    for (let k = 0; k < instances; k++) {
      const r = rng.fork(`${prefix}/${sc.scenario}/${sc.variant}/${k}`);
      const pool = tenant.users.filter(POOLS[sc.victim]);
      const fallback = tenant.users.filter(POOLS.person);
      const candidates = pool.length > 0 ? pool : fallback;
      const fresh = candidates.filter((u) => !used.has(u.upn));
      const order = r.shuffle(fresh.length > 0 ? fresh : candidates);
      const chosen = chooseTime(ctx, rng, order, r, sc);
      used.add(chosen.user.upn);
      const result = sc.run({ ctx, user: chosen.user, time: chosen.time, plan: chosen.plan, r, infra });
      labels.push({
        id: `${sc.kind}-${sc.scenario}-${sc.variant}-${k + 1}`,
        kind: sc.kind,
        scenario: sc.scenario,
        variant: sc.variant,
        description: result.description,
        user: chosen.user.upn,
        start: isoTime(result.start),
        end: isoTime(result.end),
        ips: result.ips,
        ...(result.signInIp ? { signInIp: result.signInIp } : {}),
        rules: result.rules.map((e) => toRuleExpectation(e, isoTime(e.detectAt ?? result.end + MINUTE))),
      });
    }
  }
  return labels;
}

function chooseTime(ctx: SimContext, rng: Rng, users: readonly User[], r: Rng, sc: Scenario): { user: User; time: number; plan: DayPlan } {
  const lo = ctx.start + 3 * HOUR;
  const hi = Math.max(lo + MINUTE, ctx.end - 2 * HOUR);
  let best: { user: User; time: number; plan: DayPlan } | undefined;
  for (let attempt = 0; attempt < 60; attempt++) {
    const user = users[attempt % Math.min(users.length, 12)]!;
    const time = lo + Math.floor(r.next() * (hi - lo));
    const plan = planAt(ctx, rng, user, time);
    best ??= { user, time, plan };
    const working = user.isServiceAccount || (plan.working && time >= plan.workStart + 30 * MINUTE && time <= plan.workEnd - HOUR);
    if (working && (!sc.when || sc.when(plan, time, user))) return { user, time, plan };
  }
  return best!;
}

/** The victim's plan for the local day containing `time`. */
export function planAt(ctx: SimContext, rng: Rng, user: User, time: number): DayPlan {
  const day = Math.floor((time + utcOffsetMinutes(user.home.tz, time) * MINUTE) / DAY);
  return planDay(ctx.tenant, user, day, rng);
}

/** The network the victim's laptop is on at `time` (home before the VPN connects, the VPN after). */
export function laptopNetAt(plan: DayPlan, time: number): Net {
  return plan.vpn && time >= plan.vpn.at ? plan.vpn.net : plan.laptopNet;
}
