/**
 * Injected attacks, at least one kind per seed rule and several variants each, every one labelled:
 * - AiTM phishing (seed 004): the victim signs in through a reverse proxy; the stolen session is replayed
 *   minutes later from another address and network (variants that the seed as written misses: same network,
 *   replay after its 10-minute window).
 * - Token theft after a single-factor sign-in (seed 002): an infostealer ships the refresh token abroad.
 * - Silent sign-ins from an address in an active threat-intelligence indicator (seed 000).
 * - A user Identity Protection flags whose tokens keep refreshing (seed 001).
 * - Privileged role, application-credential and Conditional Access changes within the hour after a silent
 *   sign-in from the attacker's address (seed 003).
 * Scenario shapes follow Microsoft's write-ups of AiTM and token replay
 * (https://www.microsoft.com/security/blog/2022/07/12/from-cookie-theft-to-bec-attackers-use-aitm-phishing-sites-as-entry-point-to-further-financial-fraud/).
 */
import { APPS, RESOURCES } from './catalog.js';
import { MINUTE, DAY, emitSignIn } from './context.js';
import { AUDIT_OPS, audit, authFor, emitIndicator, emitRiskHistory } from './background.js';
import { expectation, type Expectation } from './labels.js';
import { ATTACKER_DEVICE, laptopNetAt, silentSignIns, unregistered, type Scenario, type ScenarioRun } from './scenario.js';
import type { Net } from './rows.js';

// ── Seed 004: AiTM proxy sign-in, then session replay ────────────────────────────────────────────────────

type ReplayKind = 'proxy-then-replay' | 'infostealer-cookie' | 'same-asn-replay' | 'late-replay';

function aitm(variant: ReplayKind): Scenario {
  return {
    kind: 'attack',
    scenario: 'aitm-replay',
    variant,
    victim: 'person',
    run({ ctx, user, time, plan, r, infra }: ScenarioRun) {
      const own = laptopNetAt(plan, time);
      // Through a phishing proxy Entra ID sees the proxy's address; an infostealer takes the victim's real session.
      const viaProxy = variant !== 'infostealer-cookie';
      const signInNet: Net = viaProxy ? infra.attacker() : own;
      const device = viaProxy ? unregistered(user.laptop) : user.laptop;
      const { auth, ca } = authFor(user, signInNet, device);
      emitSignIn(ctx, {
        time, user, interactive: true, app: APPS.officeHome, resource: RESOURCES.officeHome, net: signInNet, device, auth,
        mfaMethod: auth === 'multiFactorAuthentication' ? 'Mobile app notification' : undefined, ca,
        correlationId: r.guid(), sessionId: r.guid(), id: r.guid(), uti: r.token(22),
      });
      const replayNet = variant === 'same-asn-replay' ? infra.sameNetwork(signInNet) : infra.attacker(undefined, signInNet.isp.asn);
      // A late replay comes in the victim's evening, when no sign-in of theirs can pair with it by chance.
      const delay = variant === 'late-replay' ? Math.max(15, Math.round((plan.workEnd - time) / MINUTE) + r.int(60, 180)) : r.int(2, 8);
      const from = time + delay * MINUTE + r.int(0, 59) * 1000;
      const last = silentSignIns(ctx, r, { user, net: replayNet, device: ATTACKER_DEVICE, from, count: r.int(4, 8), gapMinutes: 4, auth, ca });
      const rules: Expectation[] = [
        variant === 'same-asn-replay'
          ? expectation('004', 'fire', 'noFire', 'the replay comes from another address in the proxy\'s own hosting network; the seed requires a different AutonomousSystemNumber')
          : variant === 'late-replay'
            ? expectation('004', 'fire', 'noFire', `the replay starts ${delay} min after the sign-in; the seed's correlationWindow is 10m`)
            : expectation('004', 'fire'),
      ];
      // The same theft is seed 002's pattern when the stolen sign-in was single factor (or outside CA) and the
      // replay comes from another country within its 1 min–2 h window.
      if ((auth === 'singleFactorAuthentication' || ca === 'notApplied') && replayNet.place.country !== signInNet.place.country && delay <= 110) {
        rules.push(expectation('002', 'fire'));
      }
      return {
        description: `${viaProxy ? `AiTM proxy sign-in from ${signInNet.ip} (AS${signInNet.isp.asn})` : `victim sign-in from ${signInNet.ip}`}, session replayed ${delay} min later from ${replayNet.ip} (AS${replayNet.isp.asn}, ${replayNet.place.country})`,
        start: time,
        end: last,
        ips: viaProxy ? [signInNet.ip, replayNet.ip] : [replayNet.ip],
        signInIp: signInNet.ip,
        rules,
      };
    },
  };
}

// ── Seed 002: token theft after a single-factor sign-in ───────────────────────────────────────────────────

type TheftKind = 'infostealer' | 'slow-pivot' | 'after-window';

function tokenTheft(variant: TheftKind): Scenario {
  return {
    kind: 'attack',
    scenario: 'token-theft-pivot',
    variant,
    victim: 'person',
    // The seed only considers single-factor (or CA-not-applied) sessions: in the office, the MFA policy does not apply.
    // The after-window theft starts from the day's last hours, so the token's use falls after the victim's day.
    when: (plan, time) => plan.where === 'office' && (variant !== 'after-window' || time >= plan.workEnd - 150 * MINUTE),
    run({ ctx, user, time, plan, r, infra }: ScenarioRun) {
      // When no office day was found, the sign-in is a single-factor one outside Conditional Access (legacy client).
      const office = plan.where === 'office';
      const net = office ? plan.laptopNet : laptopNetAt(plan, time);
      const auth = 'singleFactorAuthentication';
      const ca = office ? 'success' : 'notApplied';
      emitSignIn(ctx, {
        time, user, interactive: true, app: APPS.officeHome, resource: RESOURCES.officeHome, net, device: user.laptop, auth, ca,
        correlationId: r.guid(), sessionId: r.guid(), id: r.guid(), uti: r.token(22),
      });
      const thief = infra.attacker(net.place.country, net.isp.asn);
      // After the window: first used more than 2 h after the victim's working day, so no later sign-in of theirs
      // can pair with it by chance either.
      const afterDay = Math.round((plan.workEnd - time) / MINUTE) + 125 + r.int(0, 60);
      const delay = variant === 'infostealer' ? r.int(12, 40) : variant === 'slow-pivot' ? r.int(60, 100) : Math.max(150, afterDay);
      const from = time + delay * MINUTE;
      const last = silentSignIns(ctx, r, { user, net: thief, device: ATTACKER_DEVICE, from, count: r.int(3, 6), gapMinutes: 5, auth, ca: 'notApplied' });
      return {
        description: `single-factor sign-in from ${net.ip} (${net.place.country}), refresh token used ${delay} min later from ${thief.ip} (${thief.place.country})`,
        start: time,
        end: last,
        ips: [thief.ip],
        signInIp: net.ip,
        rules: [
          variant === 'after-window'
            ? expectation('002', 'fire', 'noFire', `the stolen token is first used ${delay} min after the sign-in; the seed only pairs sign-ins within 2 h`)
            : expectation('002', 'fire'),
        ],
      };
    },
  };
}

// ── Seed 000: silent sign-ins from an address in an active indicator ──────────────────────────────────────

type TiKind = 'known-c2' | 'fresh-indicator' | 'multi-feed';

function tiSignIn(variant: TiKind): Scenario {
  return {
    kind: 'attack',
    scenario: 'ti-ip-silent-signin',
    variant,
    victim: 'person',
    run({ ctx, user, time, r, infra }: ScenarioRun) {
      const net = infra.attacker(user.home.country);
      const published = variant === 'fresh-indicator' ? time - r.int(5, 30) * MINUTE : time - r.int(1, 20) * DAY;
      emitIndicator(ctx, {
        time: published, key: 'ipv4-addr:value', value: net.ip, active: true, validFrom: published,
        validUntil: variant === 'fresh-indicator' ? published + 30 * DAY : undefined, tag: variant === 'known-c2' ? 'c2' : 'aitm-infrastructure',
        confidence: r.int(70, 95), source: 'Microsoft Defender Threat Intelligence',
      }, r);
      if (variant === 'multi-feed') {
        // A second feed lists the same address shortly before the sign-ins.
        const again = time - r.int(5, 30) * MINUTE;
        emitIndicator(ctx, {
          time: again, key: 'ipv4-addr:value', value: net.ip, active: true, validFrom: again,
          validUntil: time + 60 * DAY, tag: 'phishing', confidence: r.int(50, 80), source: 'TAXII: Contoso ISAC',
        }, r);
      }
      // A first attempt fails (the token was for another client), then the refreshes succeed.
      emitSignIn(ctx, {
        time: time - r.int(1, 3) * MINUTE, user, interactive: false, app: APPS.office, resource: RESOURCES.exchange, net,
        device: ATTACKER_DEVICE, auth: 'singleFactorAuthentication', ca: 'notApplied', error: { code: '65001', description: 'The user or administrator has not consented to use the application.' },
        correlationId: r.guid(), sessionId: r.guid(), id: r.guid(), uti: r.token(22), incomingTokenType: 'refreshToken',
      });
      const last = silentSignIns(ctx, r, { user, net, device: ATTACKER_DEVICE, from: time, count: r.int(3, 6), gapMinutes: 6 });
      return {
        description: `refresh token replayed from ${net.ip} (AS${net.isp.asn}, ${net.place.country}), listed in threat intelligence since ${new Date(published).toISOString()}`,
        start: time,
        end: last,
        ips: [net.ip],
        rules: [
          // A run 15 minutes in: two or more of the sign-ins, and a fresh indicator, are inside its hour.
          variant === 'known-c2'
            ? expectation('000', 'fire', 'noFire', 'the indicator was published days before; the 1h queryPeriod bounds ThreatIntelIndicators too, so `ago(30d)` inside the query cannot reach it', time + 15 * MINUTE)
            : expectation('000', 'fire', 'fire', undefined, time + 15 * MINUTE),
        ],
      };
    },
  };
}

// ── Seed 001: a risky user whose tokens keep refreshing ───────────────────────────────────────────────────

type RiskKind = 'high-at-risk' | 'medium-at-risk' | 'confirmed-compromised';

function riskyRefresh(variant: RiskKind): Scenario {
  return {
    kind: 'attack',
    scenario: 'risky-user-refresh',
    variant,
    victim: 'person',
    run({ ctx, user, time, r, infra }: ScenarioRun) {
      const net = infra.attacker(user.home.country);
      // The attacker's replay is what Identity Protection notices (anomalous token, unfamiliar location)...
      const first = time - r.int(5, 20) * MINUTE;
      silentSignIns(ctx, r, { user, net, device: ATTACKER_DEVICE, from: first, count: 2, gapMinutes: 4 });
      const level = variant === 'medium-at-risk' ? 'medium' : 'high';
      const changes = [{ time, level, state: 'atRisk', detail: 'none' } as const];
      emitRiskHistory(ctx, user, variant === 'confirmed-compromised'
        ? [...changes, { time: time + r.int(10, 30) * MINUTE, level: 'high', state: 'confirmedCompromised', detail: 'adminConfirmedUserCompromised' } as const]
        : changes, r);
      // ...and the tokens keep refreshing for hours after the flag: no one revoked the sessions.
      const last = silentSignIns(ctx, r, { user, net, device: ATTACKER_DEVICE, from: time + r.int(3, 10) * MINUTE, count: r.int(8, 14), gapMinutes: 10 });
      return {
        description: `flagged ${level} risk (${variant}) after a replay from ${net.ip}; silent refreshes from there continue`,
        start: time,
        end: last,
        ips: [net.ip],
        // The 1h queryPeriod bounds AADRiskyUsers too: a run sees the flag only in the hour after it is written.
        rules: [expectation('001', 'fire', 'fire', undefined, time + 30 * MINUTE)],
      };
    },
  };
}

// ── Seed 003: privileged changes within the hour after a silent sign-in ───────────────────────────────────

type PrivKind = 'role-assignment' | 'app-credentials' | 'ca-policy-tamper';

function privilegedAfterSilent(variant: PrivKind): Scenario {
  return {
    kind: 'attack',
    scenario: 'privileged-after-silent',
    variant,
    victim: 'admin',
    run({ ctx, user, time, r, infra }: ScenarioRun) {
      const net = infra.attacker(user.home.country);
      silentSignIns(ctx, r, { user, net, device: ATTACKER_DEVICE, from: time, count: 2, gapMinutes: 3, apps: [[APPS.azurePortal, RESOURCES.graph], [APPS.entraAdmin, RESOURCES.graph]], auth: 'multiFactorAuthentication', ca: 'success' });
      const ops =
        variant === 'role-assignment'
          ? [AUDIT_OPS.addUser, AUDIT_OPS.addRoleMember]
          : variant === 'app-credentials'
            ? [AUDIT_OPS.addAppOwner, AUDIT_OPS.appSecrets, AUDIT_OPS.addSpCredentials]
            : [AUDIT_OPS.updateCaPolicy, AUDIT_OPS.deleteCaPolicy];
      let t = time + r.int(8, 15) * MINUTE;
      let last = t;
      const backdoor = ctx.tenant.users[r.int(0, ctx.tenant.users.length - 1)]!;
      for (const o of ops) {
        const target = o.target === 'Role' ? 'Global Administrator' : o.target === 'Policy' ? 'CA001: Require MFA outside trusted locations' : o.target === 'User' ? undefined : 'Payroll Portal';
        audit(ctx, user, net.ip, o, t, r, backdoor, target);
        last = t;
        t += r.int(2, 12) * MINUTE;
      }
      return {
        description: `silent sign-in from ${net.ip} (${net.place.country}) then ${ops.map((o) => o.name.trim()).join(', ')}`,
        start: time,
        end: last,
        ips: [net.ip],
        rules: [expectation('003', 'fire')],
      };
    },
  };
}

export const ATTACKS: readonly Scenario[] = [
  aitm('proxy-then-replay'),
  aitm('infostealer-cookie'),
  aitm('same-asn-replay'),
  aitm('late-replay'),
  tokenTheft('infostealer'),
  tokenTheft('slow-pivot'),
  tokenTheft('after-window'),
  tiSignIn('known-c2'),
  tiSignIn('fresh-indicator'),
  tiSignIn('multi-feed'),
  riskyRefresh('high-at-risk'),
  riskyRefresh('medium-at-risk'),
  riskyRefresh('confirmed-compromised'),
  privilegedAfterSilent('role-assignment'),
  privilegedAfterSilent('app-credentials'),
  privilegedAfterSilent('ca-policy-tamper'),
];
