/**
 * Lint: an `ago(X)` that reaches further back than queryPeriod. Sentinel applies queryPeriod to the whole query —
 * every table it reads sees only the window (scheduled-rules-overview, "Lookup data from the last") — so a
 * `ThreatIntelIndicators | where TimeGenerated > ago(30d)` under a 1h period sees one hour of indicators. X is a
 * timespan literal or a `let` bound to one; comments and strings are ignored.
 */
import { formatDuration } from '../duration.js';
import { issue } from '../issues.js';
import type { RuleIssue } from '../model.js';
import { agoCalls } from '../query-lookback.js';
import type { RuleCheck } from './check.js';
import { lineColumnAt, queryLocation } from './kql-text.js';

export const lintTimeWindow: RuleCheck = {
  name: 'lint-time-window',
  run({ rule, document }) {
    const out: RuleIssue[] = [];
    if (rule.kind !== 'Scheduled') return out;
    for (const call of agoCalls(rule.query)) {
      if (call.ms <= rule.queryPeriod) continue;
      const { line, column } = lineColumnAt(rule.query, call.offset);
      const shown = call.viaLet ? `ago(${call.arg}) (${call.arg} = ${formatDuration(call.ms)})` : `ago(${call.arg})`;
      const p = formatDuration(rule.queryPeriod);
      out.push(issue('warning', 'RULE101',
        `${shown} looks back further than queryPeriod ${p}: Sentinel limits every table the query reads to the last ${p}, so older rows are not seen (raise queryPeriod or narrow the filter)`,
        queryLocation(rule, document, line, column), 'query'));
    }
    return out;
  },
};
