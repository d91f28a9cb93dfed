/**
 * scoreRules(rules, labels, alerts): detection quality per rule against a simulated tenant's ground truth
 * (src/sim/labels.ts). An alert mentions a user with the span of that user's activity in it (the times in the
 * evidence rows that name the user; the alert's StartTime-EndTime when none do). A mention hits a label when the
 * user is the label's and the span overlaps the label's window [start, end]. For each rule:
 *
 * - true positive: a label that lists the rule with expect "fire" and that a mention of the rule's alerts hits;
 * - false negative: such a label that nothing hits;
 * - false positive: a label that lists the rule with expect "noFire" and that a mention hits (a benign
 *   look-alike fired), or a finding no label explains: the rule's other mentions, per user, chained into spans
 *   of overlapping activity (a detection re-alerted by every run of a long lookback counts once; so does one
 *   user's part of a SingleAlert alert);
 * - neutral: mentions that hit only labels not listing the rule (another rule's scenario) count for nothing.
 *
 * Labels and findings are the unit, never single alerts, so precision = tp / (tp + fp) and recall = tp / (tp + fn)
 * compare like with like. A label's rule is matched by id, or by name when no rule has the label's id.
 */
import type { Label } from '../sim/labels.js';

/** A user an alert names, and the span of that user's activity behind the alert (epoch ms). */
export interface Mention {
  /** Lower-case UPN. */
  readonly user: string;
  readonly start: number;
  readonly end: number;
}

/** An alert as scoring sees it: the users it names with the span of each one's activity (epoch ms). */
export interface ScoredAlert {
  readonly id: string;
  readonly ruleId: string;
  readonly name: string;
  /** When the run that created it was scheduled. */
  readonly created: number;
  readonly start: number;
  readonly end: number;
  readonly mentions: readonly Mention[];
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

/** A false positive no label explains: one user's chained span of overlapping activity in the rule's alerts. */
export interface Finding {
  readonly user: string;
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

export function hits(m: Mention, label: Label): boolean {
  return m.user === label.user.toLowerCase() && m.start <= ms(label.end) && m.end >= ms(label.start);
}

interface AlertMention extends Mention {
  readonly alert: ScoredAlert;
}

const uniqueAlerts = (ms: readonly AlertMention[]) => [...new Set(ms.map((m) => m.alert))];

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
  const mentions: AlertMention[] = alerts.flatMap((alert) => alert.mentions.map((m) => ({ ...m, alert })));
  const explained = new Set<AlertMention>();
  const neutral = new Set<AlertMention>();
  for (const label of labels) {
    const e = expectationFor(label, rule, ruleIds);
    const hit = mentions.filter((m) => hits(m, label));
    if (!e) {
      for (const m of hit) neutral.add(m);
      continue;
    }
    for (const m of hit) explained.add(m);
    const note = e.note ? { note: e.note } : {};
    if (e.expect === 'fire') {
      if (hit.length > 0) truePositives.push({ label, alerts: uniqueAlerts(hit), ...note });
      else falseNegatives.push({ label, alerts: uniqueAlerts(mentions.filter((m) => m.user === label.user.toLowerCase())), ...note });
    } else if (hit.length > 0) {
      labelledFalsePositives.push({ label, alerts: uniqueAlerts(hit), ...note });
    }
  }
  const unlabelledFalsePositives = findings(mentions.filter((m) => !explained.has(m) && !neutral.has(m)));
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
    neutralAlerts: uniqueAlerts([...neutral].filter((m) => !explained.has(m))).length,
  };
}

/** Mentions grouped per user, then chained into spans of overlapping activity: one finding each. */
function findings(mentions: readonly AlertMention[]): Finding[] {
  const byUser = new Map<string, AlertMention[]>();
  for (const m of mentions) {
    const list = byUser.get(m.user);
    if (list) list.push(m);
    else byUser.set(m.user, [m]);
  }
  const out: Finding[] = [];
  for (const [user, list] of byUser) {
    list.sort((a, b) => a.start - b.start || a.end - b.end || a.alert.created - b.alert.created);
    let current: { start: number; end: number; mentions: AlertMention[] } | undefined;
    const close = () => {
      if (current) out.push({ user, start: current.start, end: current.end, alerts: uniqueAlerts(current.mentions) });
    };
    for (const m of list) {
      if (current && m.start <= current.end) {
        current.end = Math.max(current.end, m.end);
        current.mentions.push(m);
      } else {
        close();
        current = { start: m.start, end: m.end, mentions: [m] };
      }
    }
    close();
  }
  return out.sort((a, b) => a.start - b.start || a.user.localeCompare(b.user));
}
