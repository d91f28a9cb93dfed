/**
 * Evaluation output: a table (tp, fp, fn, precision, recall per rule, then the false positives and negatives of
 * each rule with the alerts behind them), or one JSON object per rule and line.
 */
import type { Finding, LabelOutcome, RuleScore, ScoredAlert } from './score-rules.js';

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const ratio = (x: number | null) => (x === null ? '-' : x.toFixed(2));

/** At most this many alert ids per line of details; the rest are counted. */
const ALERTS_SHOWN = 3;

export function formatScoreTable(scores: readonly RuleScore[]): string {
  const header = ['rule', 'tp', 'fp', 'fn', 'precision', 'recall', 'alerts'];
  const rows = scores.map((s) => [s.rule.name, String(s.tp), String(s.fp), String(s.fn), ratio(s.precision), ratio(s.recall), String(s.alerts)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

export function formatScoreDetails(scores: readonly RuleScore[]): string {
  const out: string[] = [];
  for (const s of scores) {
    if (s.fn + s.fp === 0) continue;
    out.push(`\n${s.rule.name} (${s.rule.id})`);
    if (s.falseNegatives.length > 0) {
      out.push(`  false negatives (${s.falseNegatives.length}):`);
      for (const o of s.falseNegatives) {
        out.push(`    ${labelLine(o)}`);
        out.push(o.alerts.length > 0 ? `      alerts on this user outside the window: ${alertList(o.alerts)}` : `      no alert names this user`);
      }
    }
    if (s.fp > 0) {
      out.push(`  false positives (${s.fp}):`);
      for (const o of s.labelledFalsePositives) {
        out.push(`    ${labelLine(o)}`);
        out.push(`      ${alertList(o.alerts)}`);
      }
      for (const f of s.unlabelledFalsePositives) out.push(`    ${findingLine(f)}`);
    }
  }
  return out.length > 0 ? out.join('\n') + '\n' : '';
}

function labelLine(o: LabelOutcome): string {
  const l = o.label;
  return `${l.id}  ${l.user}  ${iso(Date.parse(l.start))} – ${iso(Date.parse(l.end))}: ${l.description}${o.note ? ` [${o.note}]` : ''}`;
}

function findingLine(f: Finding): string {
  return `unlabelled: ${f.user}  ${iso(f.start)} – ${iso(f.end)}: ${alertList(f.alerts)}`;
}

function alertList(alerts: readonly ScoredAlert[]): string {
  const shown = alerts.slice(0, ALERTS_SHOWN).map((a) => `${a.id} (run ${iso(a.created)})`);
  const more = alerts.length > ALERTS_SHOWN ? `, +${alerts.length - ALERTS_SHOWN} more` : '';
  return `${alerts.length} alert${alerts.length === 1 ? '' : 's'}: ${shown.join(', ')}${more}`;
}

/** One JSON object per rule: rule, tp, fp, fn, precision, recall first, then the details. */
export function scoreJson(s: RuleScore): Record<string, unknown> {
  const label = (o: LabelOutcome) => ({
    label: o.label.id, kind: o.label.kind, scenario: o.label.scenario, variant: o.label.variant, user: o.label.user,
    start: o.label.start, end: o.label.end, ...(o.note ? { note: o.note } : {}), alerts: o.alerts.map((a) => a.id),
  });
  return {
    rule: s.rule.name,
    tp: s.tp,
    fp: s.fp,
    fn: s.fn,
    precision: s.precision,
    recall: s.recall,
    ruleId: s.rule.id,
    alerts: s.alerts,
    truePositives: s.truePositives.map(label),
    falseNegatives: s.falseNegatives.map(label),
    falsePositives: [
      ...s.labelledFalsePositives.map(label),
      ...s.unlabelledFalsePositives.map((f) => ({ label: null, user: f.user, start: iso(f.start), end: iso(f.end), alerts: f.alerts.map((a) => a.id) })),
    ],
  };
}

export function formatScoreJson(scores: readonly RuleScore[]): string {
  return scores.map((s) => JSON.stringify(scoreJson(s)) + '\n').join('');
}
