/**
 * Benign look-alikes that must not fire, labelled with what each seed as written does with them:
 * - seed 004's own false-positive scenarios: Azure CLI on a remote development machine, a CI/CD pipeline
 *   requesting tokens, a script on a server reached over RDP, VPN egress in another country, a service
 *   account's scheduled job (the seed has no exclusions, so as written it fires on all of them);
 * - the same VPN egress for seed 002 when the sign-in was single factor;
 * - expired and deactivated threat-intelligence indicators for seed 000;
 * - users whose risk was remediated, dismissed or is low, for seed 001;
 * - an administrator's routine work after the portal's own silent refreshes, for seed 003.
 */
import { APPS, RESOURCES } from './catalog.js';
import { DAY, MINUTE } from './context.js';
import { AUDIT_OPS, audit, authFor, emitIndicator, emitRiskHistory, interactive } from './background.js';
import { homeNet } from './day-plan.js';
import { AWS_US, AZURE_EAST_ASIA, AZURE_EU, AZURE_US, CARRIERS, PLACES, drawIp } from './geo.js';
import { expectation, type Expectation } from './labels.js';
import { laptopNetAt, silentSignIns, type Scenario, type ScenarioRun, type ScenarioResult } from './scenario.js';
import type { Net } from './rows.js';
import type { App, Resource } from './catalog.js';

const SEED_004_NOTE = 'the seed has no exclusion for known tools, build agents, servers or VPN egress (its own false-positive list); any silent sign-in from another address and network within 10 min of the last interactive sign-in fires';
const SEED_002_NOTE = 'KnownSafeIPs and KnownSafeNetworks are empty placeholders in the seed, so VPN egress and build agents abroad are not excluded';

/** The interactive sign-in, then a tool's silent sign-ins from elsewhere a few minutes later. */
function toolLookAlike(
  s: ScenarioRun,
  signIn: { app: App; resource: Resource },
  elsewhere: Net,
  tool: { app: App; resource: Resource; userAgent?: string },
  what: string,
): ScenarioResult {
  const { ctx, user, time, plan, r } = s;
  const net = user.isServiceAccount ? s.plan.laptopNet : laptopNetAt(plan, time);
  const session = interactive(ctx, user, user.laptop, net, time, signIn.app, signIn.resource, r, 0);
  const from = time + r.int(2, 8) * MINUTE + r.int(0, 59) * 1000;
  const last = silentSignIns(ctx, r, {
    user, net: elsewhere, device: { ...user.laptop, deviceId: '', displayName: '', userAgent: tool.userAgent ?? user.laptop.userAgent },
    from, count: r.int(2, 5), gapMinutes: 6, apps: [[tool.app, tool.resource]], auth: session.auth, ca: session.ca, userAgent: tool.userAgent,
  });
  const rules: Expectation[] = [];
  if (elsewhere.isp.asn !== net.isp.asn && elsewhere.ip !== net.ip) rules.push(expectation('004', 'noFire', 'fire', SEED_004_NOTE));
  if ((session.auth === 'singleFactorAuthentication' || session.ca === 'notApplied') && elsewhere.place.country !== net.place.country) {
    rules.push(expectation('002', 'noFire', 'fire', SEED_002_NOTE));
  }
  return { description: `${what}: interactive sign-in from ${net.ip} (AS${net.isp.asn}), ${tool.app.name} from ${elsewhere.ip} (AS${elsewhere.isp.asn}, ${elsewhere.place.country})`, start: time, end: last, ips: [elsewhere.ip], rules };
}

const CLI_UA = 'python/3.11.8 (Linux-5.15.0-1057-azure-x86_64-with-glibc2.35) msal/1.28.0 azure-cli/2.60.0';
const PWSH_UA = 'Mozilla/5.0 (Windows NT 10.0; Microsoft Windows 10.0.20348; en-US) PowerShell/7.4.2';

const cliRemoteDev: Scenario = {
  kind: 'benign', scenario: 'seed004-lookalike', variant: 'azure-cli-remote-dev', victim: 'developer',
  when: (plan) => plan.where !== 'trip' && !plan.vpn,
  run: (s) => {
    const dev = { ip: drawIp(s.r, AWS_US), isp: AWS_US, place: PLACES.ashburn };
    return toolLookAlike(s, { app: APPS.azurePortal, resource: RESOURCES.management }, dev, { app: APPS.azureCli, resource: RESOURCES.management, userAgent: CLI_UA }, 'Azure CLI on a remote development machine');
  },
};

const ciCd: Scenario = {
  kind: 'benign', scenario: 'seed004-lookalike', variant: 'ci-cd-pipeline', victim: 'developer',
  when: (plan) => plan.where !== 'trip' && !plan.vpn,
  run: (s) => {
    const runnerIsp = s.r.pick([AZURE_EAST_ASIA, AZURE_US, AZURE_EU]);
    const runner = { ip: drawIp(s.r, runnerIsp), isp: runnerIsp, place: runnerIsp === AZURE_EAST_ASIA ? HONG_KONG : runnerIsp === AZURE_EU ? AMSTERDAM : ASHBURN };
    return toolLookAlike(s, { app: APPS.azureDevOps, resource: RESOURCES.devOps }, runner, { app: APPS.azurePowerShell, resource: RESOURCES.management, userAgent: PWSH_UA }, 'a CI/CD pipeline on a hosted build agent requests a token for the developer');
  },
};

const rdpServer: Scenario = {
  kind: 'benign', scenario: 'seed004-lookalike', variant: 'rdp-jump-server', victim: 'admin',
  when: (plan) => plan.where !== 'trip' && !plan.vpn,
  run: (s) => {
    const serverIsp = s.user.home.country === 'GB' || s.user.home.country === 'DE' ? AZURE_EU : AZURE_US;
    const server = { ip: drawIp(s.r, serverIsp), isp: serverIsp, place: serverIsp === AZURE_EU ? AMSTERDAM : ASHBURN };
    return toolLookAlike(s, { app: APPS.azurePortal, resource: RESOURCES.management }, server, { app: APPS.azurePowerShell, resource: RESOURCES.keyVault, userAgent: PWSH_UA }, 'an administrator RDPs to a jump server whose script requests a token');
  },
};

function vpnAbroad(variant: 'vpn-egress-abroad' | 'vpn-egress-abroad-no-mfa'): Scenario {
  return {
  kind: 'benign', scenario: variant === 'vpn-egress-abroad' ? 'seed004-lookalike' : 'seed002-lookalike', variant, victim: variant === 'vpn-egress-abroad' ? 'vpnAbroad' : 'noMfa',
  when: (plan) => plan.where === 'home',
  run: (s) => {
    const { ctx, user } = s;
    // The user's own gateway when it is abroad; a US user's client picked the EU gateway.
    const gw = user.home.country === 'GB' || user.home.country === 'DE' || user.home.country === 'US' ? ctx.tenant.vpn.eu : ctx.tenant.vpn.us;
    const vpn = { ip: s.r.pick(gw.egress), isp: gw.isp, place: gw.place };
    const plan = { ...s.plan, laptopNet: homeNet(user), vpn: undefined };
    return toolLookAlike({ ...s, plan }, { app: APPS.officeHome, resource: RESOURCES.officeHome }, vpn, { app: APPS.teams, resource: RESOURCES.teamsServices }, 'sign-in from home, then the corporate VPN connects with its egress in another country');
  },
  };
}

const scheduledJob: Scenario = {
  kind: 'benign', scenario: 'seed004-lookalike', variant: 'service-account-scheduled-job', victim: 'serviceAccount',
  run: (s) => {
    const hq = s.ctx.tenant.offices[0]!;
    const onPrem = { ip: drawIp(s.r, hq.isp), isp: hq.isp, place: hq.place };
    const runbook = { ip: drawIp(s.r, AZURE_US), isp: AZURE_US, place: ASHBURN };
    return toolLookAlike({ ...s, plan: { ...s.plan, laptopNet: onPrem, vpn: undefined } }, { app: APPS.azurePowerShell, resource: RESOURCES.management }, runbook, { app: APPS.azurePowerShell, resource: RESOURCES.management, userAgent: PWSH_UA }, 'a service account signs in on an on-premises server, then its Azure Automation runbook refreshes');
  },
};

// ── Seed 000: indicators that are no longer valid ─────────────────────────────────────────────────────────

function staleIndicator(variant: 'expired-indicator' | 'deactivated-indicator'): Scenario {
  return {
    kind: 'benign', scenario: 'ti-lookalike', variant, victim: 'person',
    run: ({ ctx, user, time, r, infra }) => {
      const isp = (CARRIERS[user.home.country] ?? CARRIERS.US!).broadband[0]!;
      // A coworking space's address that a feed listed weeks ago, since reassigned.
      const net = infra.reassigned(isp, user.home);
      const published = time - r.int(5, 25) * DAY;
      emitIndicator(ctx, {
        time: published, key: 'ipv4-addr:value', value: net.ip, active: variant === 'expired-indicator', validFrom: published,
        validUntil: variant === 'expired-indicator' ? time - r.int(1, 3) * DAY : time + 30 * DAY, tag: 'scanner', confidence: r.int(30, 60),
        source: 'TAXII: abuse.ch ThreatFox',
      }, r);
      const { auth, ca } = authFor(user, net, user.laptop);
      const last = silentSignIns(ctx, r, { user, net, device: user.laptop, from: time, count: r.int(3, 6), gapMinutes: 7, auth, ca });
      return {
        description: `silent sign-ins from ${net.ip}, listed by a feed ${variant === 'expired-indicator' ? 'with a ValidUntil already past' : 'and since deactivated (IsActive false)'}`,
        start: time,
        end: last,
        ips: [net.ip],
        rules: [expectation('000', 'noFire')],
      };
    },
  };
}

// ── Seed 001: risk that was dealt with, or low ────────────────────────────────────────────────────────────

function handledRisk(variant: 'risk-remediated' | 'risk-dismissed' | 'low-risk'): Scenario {
  return {
    kind: 'benign', scenario: 'risky-user-lookalike', variant, victim: 'person',
    run: ({ ctx, user, time, plan, r }) => {
      const level = variant === 'low-risk' ? 'low' : r.chance(0.5) ? 'medium' : 'high';
      const closed = time + r.int(10, 30) * MINUTE;
      emitRiskHistory(ctx, user, [
        { time, level, state: 'atRisk', detail: 'none' },
        ...(variant === 'risk-remediated' ? [{ time: closed, level: 'none', state: 'remediated', detail: 'userPerformedSecuredPasswordChange' } as const] : []),
        ...(variant === 'risk-dismissed' ? [{ time: closed, level: 'none', state: 'dismissed', detail: 'adminDismissedAllRiskForUser' } as const] : []),
      ], r);
      const net = laptopNetAt(plan, time);
      const { auth, ca } = authFor(user, net, user.laptop);
      const last = silentSignIns(ctx, r, { user, net, device: user.laptop, from: closed + 5 * MINUTE, count: r.int(4, 8), gapMinutes: 8, auth, ca });
      return {
        description: `${level} risk flagged, ${variant === 'low-risk' ? 'left at low' : variant === 'risk-remediated' ? 'remediated by a secure password change' : 'dismissed by an administrator'}; the user's own refreshes continue`,
        start: time,
        end: last,
        ips: [],
        rules: [
          variant === 'low-risk'
            ? expectation('001', 'noFire', 'noFire', undefined, closed + 20 * MINUTE)
            : expectation('001', 'noFire', 'fire', 'the seed filters every AADRiskyUsers row, not each user\'s latest state: the earlier atRisk row still matches after the risk was closed', closed + 20 * MINUTE),
        ],
      };
    },
  };
}

// ── Seed 003: an administrator's ordinary day ─────────────────────────────────────────────────────────────

const adminRoutine: Scenario = {
  kind: 'benign', scenario: 'admin-lookalike', variant: 'admin-routine', victim: 'admin',
  run: ({ ctx, user, time, plan, r }) => {
    const net = laptopNetAt(plan, time);
    const session = interactive(ctx, user, user.laptop, net, time, APPS.entraAdmin, RESOURCES.graph, r, 0);
    silentSignIns(ctx, r, { user, net, device: user.laptop, from: time + 2 * MINUTE, count: 3, gapMinutes: 8, apps: [[APPS.entraAdmin, RESOURCES.graph]], auth: session.auth, ca: session.ca });
    const first = time + r.int(5, 10) * MINUTE;
    audit(ctx, user, net.ip, AUDIT_OPS.resetPassword, first, r);
    const last = first + r.int(5, 20) * MINUTE;
    audit(ctx, user, net.ip, AUDIT_OPS.addGroupMember, last, r, undefined, 'VPN Users');
    return {
      description: `an administrator signs in to the Entra admin center from ${net.ip}, resets a password and adds a group member`,
      start: time,
      end: last,
      ips: [],
      rules: [expectation('003', 'noFire', 'fire', 'every administrator change within an hour after any silent refresh matches, and admin portals refresh silently all the time')],
    };
  },
};

const HONG_KONG = PLACES.hongKong;
const AMSTERDAM = PLACES.amsterdam;
const ASHBURN = PLACES.ashburn;

export const BENIGN: readonly Scenario[] = [
  cliRemoteDev,
  ciCd,
  rdpServer,
  vpnAbroad('vpn-egress-abroad'),
  vpnAbroad('vpn-egress-abroad-no-mfa'),
  scheduledJob,
  staleIndicator('expired-indicator'),
  staleIndicator('deactivated-indicator'),
  handledRisk('risk-remediated'),
  handledRisk('risk-dismissed'),
  handledRisk('low-risk'),
  adminRoutine,
];
