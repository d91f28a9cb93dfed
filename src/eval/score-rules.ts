/**
 * scoreRules(rules, labels, alerts): detection quality per rule against a simulated tenant's ground truth
 * (src/sim/labels.ts). An alert of rule R is a hit on a label when it names the label's user and its activity
 * span [StartTime, EndTime] overlaps the label's window [start, end]. For each rule:
 *
 * - true positive: a label that lists R with expect "fire" and that at least one alert of R hits;
 * - false negative: such a label that no alert of R hits;
 * - false positive: a label that lists R with expect "noFire" and that an alert of R hits (a benign look-alike
 *   fired), or a finding no label explains: R's alerts that hit no label, grouped per named user set into spans
 *   of overlapping activity (so a detection re-alerted by every run of a long lookback counts once);
 * - neutral: alerts that hit only labels not listing R (another rule's scenario) count for nothing.
 *
 * Labels and findings are the unit, never single alerts, so precision = tp / (tp + fp) and recall = tp / (tp + fn)
 * compare like with like. A label's rule is matched by id, or by name when no rule has the label's id.
 */
import type { Label } from '../sim/labels.js';

/** An alert as scoring sees it: who it names and the span of the activity behind it (epoch ms). */
export interface ScoredAlert {
  readonly id: string;
  readonly ruleId: string;
  readonly name: string;
  /** When the run that created it was scheduled. */
  readonly created: number;
  readonly start: number;
  readonly end: number;
  /** Lower-case UPNs the alert names. */
  readonly users: readonly string[];
}

export interface RuleRef {
  readonly id: string;
  readonly name: string;
}

export interface LabelOutcome {
  readonly label: Label;
  /** The alerts behind it: for a hit or a look-alike that fired, the hits; for a miss, the rule's alerts naming
   * the user outside the window (near misses), if any. */
  readonly alerts: readonly ScoredAlert[];
  /** The label's note on this rule (why the seed as written misses or misfires), when it has one. */
  readonly note?: string;
}

/** False positives no label explains: one per named user set and span of overlapping activity. */
export interface Finding {
  readonly users: readonly string[];
  readonly start: number;
  readonly end: number;
  readonly alerts: readonly ScoredAlert[];
}

export interface RuleScore {
  readonly rule: RuleRef;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  /** tp / (tp + fp); null when the rule found nothing. */
  readonly precision: number | null;
  /** tp / (tp + fn); null when no label expects the rule to fire. */
  readonly recall: number | null;
  readonly alerts: number;
  readonly truePositives: readonly LabelOutcome[];
  readonly falseNegatives: readonly LabelOutcome[];
  /** Labels with expect "noFire" that the rule fired on. */
  readonly labelledFalsePositives: readonly LabelOutcome[];
  readonly unlabelledFalsePositives: readonly Finding[];
  /** Alerts that hit only labels of other rules. */
  readonly neutralAlerts: number;
}

const ms = (iso: string) => Date.parse(iso);

export function hits(alert: ScoredAlert, label: Label): boolean {
  return alert.users.includes(label.user.toLowerCase()) && alert.start <= ms(label.end) && alert.end >= ms(label.start);
}

/** The label's expectation for this rule: by id, or by name when no rule of the evaluation has the label's id. */
function expectationFor(label: Label, rule: RuleRef, ruleIds: ReadonlySet<string>) {
  return label.rules.find((r) => r.ruleId === rule.id) ?? label.rules.find((r) => !ruleIds.has(r.ruleId) && r.ruleName === rule.name);
}

export function scoreRules(rules: readonly RuleRef[], labels: readonly Label[], alerts: readonly ScoredAlert[]): RuleScore[] {
  const ruleIds = new Set(rules.map((r) => r.id));
  return rules.map((rule) => scoreRule(rule, labels, alerts.filter((a) => a.ruleId === rule.id), ruleIds));
}

function scoreRule(rule: RuleRef, labels: readonly Label[], alerts: readonly ScoredAlert[], ruleIds: ReadonlySet<string>): RuleScore {
  const truePositives: LabelOutcome[] = [];
  const falseNegatives: LabelOutcome[] = [];
  const labelledFalsePositives: LabelOutcome[] = [];
  const explained = new Set<ScoredAlert>();
  const neutral = new Set<ScoredAlert>();
  for (const label of labels) {
    const e = expectationFor(label, rule, ruleIds);
    const hit = alerts.filter((a) => hits(a, label));
    if (!e) {
      for (const a of hit) neutral.add(a);
      continue;
    }
    for (const a of hit) explained.add(a);
    const note = e.note ? { note: e.note } : {};
    if (e.expect === 'fire') {
      if (hit.length > 0) truePositives.push({ label, alerts: hit, ...note });
      else falseNegatives.push({ label, alerts: alerts.filter((a) => a.users.includes(label.user.toLowerCase())), ...note });
    } else if (hit.length > 0) {
      labelledFalsePositives.push({ label, alerts: hit, ...note });
    }
  }
  const unexplained = alerts.filter((a) => !explained.has(a) && !neutral.has(a));
  const unlabelledFalsePositives = findings(unexplained);
  const tp = truePositives.length;
  const fn = falseNegatives.length;
  const fp = labelledFalsePositives.length + unlabelledFalsePositives.length;
  return {
    rule,
    tp,
    fp,
    fn,
    precision: tp + fp === 0 ? null : tp / (tp + fp),
    recall: tp + fn === 0 ? null : tp / (tp + fn),
    alerts: alerts.length,
    truePositives,
    falseNegatives,
    labelledFalsePositives,
    unlabelledFalsePositives,
    neutralAlerts: [...neutral].filter((a) => !explained.has(a)).length,
  };
}

/** Alerts grouped by the users they name, then into spans of overlapping (chained) activity. */
export function findings(alerts: readonly ScoredAlert[]): Finding[] {
  const byUsers = new Map<string, ScoredAlert[]>();
  for (const a of alerts) {
    const key = [...a.users].sort().join(' ');
    const list = byUsers.get(key);
    if (list) list.push(a);
    else byUsers.set(key, [a]);
  }
  const out: Finding[] = [];
  for (const [key, list] of byUsers) {
    list.sort((a, b) => a.start - b.start || a.end - b.end || a.created - b.created);
    let current: { start: number; end: number; alerts: ScoredAlert[] } | undefined;
    for (const a of list) {
      if (current && a.start <= current.end) {
        current.end = Math.max(current.end, a.end);
        current.alerts.push(a);
      } else {
        if (current) out.push({ users: key === '' ? [] : key.split(' '), ...current });
        current = { start: a.start, end: a.end, alerts: [a] };
      }
    }
    if (current) out.push({ users: key === '' ? [] : key.split(' '), ...current });
  }
  return out.sort((a, b) => a.start - b.start || a.users.join().localeCompare(b.users.join()));
}
