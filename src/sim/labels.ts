/**
 * Ground truth written beside the simulated data: one Label per injected scenario — which attack or benign
 * look-alike, which user, which time window, and for each seed rule whether it should fire (`expect`) and what
 * the seed as written is predicted to do (`asWritten`, with the reason when the two differ).
 *
 * How an evaluation reads them: an alert of rule R that names the label's user and overlaps its window is a
 * true positive when R is listed with expect "fire", a false positive when listed with expect "noFire"; rules a
 * label does not list are neutral for it. Alerts that match no label are false positives; labels with expect
 * "fire" that no alert matches are false negatives.
 */

export const SEED_RULES = {
  '000': { id: 'c8d4e6f7-a2b3-5c9d-0e1f-2a3b4c5d6e7f', name: 'Non-Interactive Sign-In from Threat Intelligence IP', file: '000-ti-ip-silent-signin.kql', queryPeriodMinutes: 60, userColumn: 'UserPrincipalName', ipColumn: 'IPAddress' },
  '001': { id: 'c0d6e8f9-a4b5-7c1d-2e3f-4a5b6c7d8e9f', name: 'Non-Interactive Sign-Ins by Identity Protection Risky Users', file: '001-risky-user-silent-signin.kql', queryPeriodMinutes: 60, userColumn: 'UserPrincipalName', ipColumn: 'IPAddress' },
  '002': { id: 'd9e5f7a8-b3c4-6d0e-1f2a-3b4c5d6e7f8a', name: 'Interactive to Non-Interactive Token Theft Pivot', file: '002-interactive-to-noninteractive-token-theft.kql', queryPeriodMinutes: 180, userColumn: 'UserPrincipalName', ipColumn: 'NIIPAddress', interactiveIpColumn: 'InteractiveIP' },
  '003': { id: 'b7c3d5e6-f1a2-4b8c-9d0e-1f2a3b4c5d6e', name: 'Non-Interactive Auth Followed by Privileged Audit Actions', file: '003-ni-auth-privileged-audit.kql', queryPeriodMinutes: 120, userColumn: 'UserPrincipalName', ipColumn: 'IPAddress' },
  // A hunting query: the seed declares no queryPeriod; its own `timeframe` (1d) is the natural one.
  '004': { id: '2a2c676e-885f-43d9-90cb-2c035772e31c', name: 'Anomalous non-interactive token issuance after interactive sign-in (AiTM pattern)', file: '004-aitm-token-issuance.kql', queryPeriodMinutes: 1440, userColumn: 'UserUpn', ipColumn: 'NonInteractiveIp', interactiveIpColumn: 'InteractiveIp' },
} as const;

export type SeedKey = keyof typeof SEED_RULES;
export type Outcome = 'fire' | 'noFire';

export interface RuleExpectation {
  readonly seed: SeedKey;
  readonly ruleId: string;
  readonly ruleName: string;
  /** What a good detection does on this scenario. */
  readonly expect: Outcome;
  /**
   * What the seed rule as written does when a scheduled run ends at `detectAt`: the query sees every table
   * bounded to (detectAt − queryPeriod, detectAt], as Sentinel runs it. `note` says why when it differs.
   */
  readonly asWritten: Outcome;
  readonly note?: string;
  /** The end of a scheduled run that should show the scenario (ISO 8601 UTC). */
  readonly detectAt: string;
}

export interface Label {
  readonly id: string;
  readonly kind: 'attack' | 'benign';
  readonly scenario: string;
  readonly variant: string;
  readonly description: string;
  readonly user: string;
  /** The scenario's own activity, ISO 8601 UTC. */
  readonly start: string;
  readonly end: string;
  /** Addresses that only this scenario uses (attacker infrastructure, the look-alike's network). */
  readonly ips: readonly string[];
  /** The address of the scenario's own interactive sign-in, when it has one (what seeds 002/004 pair with). */
  readonly signInIp?: string;
  readonly rules: readonly RuleExpectation[];
}

/** An expectation as a scenario states it; the run that should show it defaults to 1 minute after the scenario. */
export interface Expectation {
  readonly seed: SeedKey;
  readonly expect: Outcome;
  readonly asWritten: Outcome;
  readonly note?: string;
  /** Epoch ms; default: the scenario's end + 1 minute. */
  readonly detectAt?: number;
}

export function expectation(seed: SeedKey, expect: Outcome, asWritten: Outcome = expect, note?: string, detectAt?: number): Expectation {
  return { seed, expect, asWritten, ...(note ? { note } : {}), ...(detectAt !== undefined ? { detectAt } : {}) };
}

export function toRuleExpectation(e: Expectation, detectAt: string): RuleExpectation {
  const r = SEED_RULES[e.seed];
  return { seed: e.seed, ruleId: r.id, ruleName: r.name, expect: e.expect, asWritten: e.asWritten, ...(e.note ? { note: e.note } : {}), detectAt };
}

/** The labels file: the simulation's parameters, then one entry per scenario (stable key order, so byte-stable). */
export interface LabelsFile {
  readonly generator: string;
  readonly seed: string;
  readonly users: number;
  readonly days: number;
  readonly start: string;
  readonly now: string;
  readonly tenantId: string;
  readonly domain: string;
  readonly rows: Record<string, number>;
  readonly labels: readonly Label[];
}

export function formatLabels(file: LabelsFile): string {
  return JSON.stringify(file, null, 2) + '\n';
}
