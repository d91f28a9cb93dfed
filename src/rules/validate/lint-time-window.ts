/**
 * Lint: an `ago(X)` that reaches further back than queryPeriod. Sentinel applies queryPeriod to the whole query —
 * every table it reads sees only the window (scheduled-rules-overview, "Lookup data from the last") — so a
 * `ThreatIntelIndicators | where TimeGenerated > ago(30d)` under a 1h period sees one hour of indicators. X is a
 * timespan literal or a `let` bound to one; comments and strings are ignored.
 */
import { formatDuration, kqlTimespan } from '../duration.js';
import { issue } from '../issues.js';
import type { RuleIssue } from '../model.js';
import type { RuleCheck } from './check.js';
import { kqlCode, lineColumnAt, queryLocation } from './kql-text.js';

export const lintTimeWindow: RuleCheck = {
  name: 'lint-time-window',
  run({ rule, document }) {
    const out: RuleIssue[] = [];
    if (rule.kind !== 'Scheduled') return out;
    const code = kqlCode(rule.query);
    const lets = new Map<string, number>();
    for (const m of code.matchAll(/\blet\s+([A-Za-z_]\w*)\s*=\s*(\d+(?:\.\d+)?[A-Za-z]+)\s*;/g)) {
      const ms = kqlTimespan(m[2]!);
      if (ms !== undefined) lets.set(m[1]!, ms);
    }
    for (const m of code.matchAll(/\bago\s*\(\s*([A-Za-z_0-9.]+)\s*\)/g)) {
      const arg = m[1]!;
      const ms = kqlTimespan(arg) ?? lets.get(arg);
      if (ms === undefined || ms <= rule.queryPeriod) continue;
      const { line, column } = lineColumnAt(rule.query, m.index!);
      const shown = lets.has(arg) && kqlTimespan(arg) === undefined ? `ago(${arg}) (${arg} = ${formatDuration(ms)})` : `ago(${arg})`;
      out.push(issue('warning', 'RULE101',
        `${shown} looks back further than queryPeriod ${formatDuration(rule.queryPeriod)}: Sentinel limits every table the query reads to the last ${formatDuration(rule.queryPeriod)}, so older rows are not seen (raise queryPeriod or narrow the filter)`,
        queryLocation(rule, document, line, column), 'query'));
    }
    return out;
  },
};
