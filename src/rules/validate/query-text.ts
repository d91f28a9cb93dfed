/**
 * The query text itself: 1 to 10,000 characters and no `search *` or `union *` ([schedule] "The query length
 * should be between 1 and 10,000 characters and cannot contain "search *" or "union *"").
 */
import { issue } from '../issues.js';
import type { RuleIssue } from '../model.js';
import { LIMITS } from '../sentinel-schema.js';
import type { RuleCheck } from './check.js';
import { kqlCode, lineColumnAt, queryLocation } from './kql-text.js';

export const queryText: RuleCheck = {
  name: 'query-text',
  run({ rule, document }) {
    const out: RuleIssue[] = [];
    const q = rule.query;
    if (q.length > LIMITS.queryLength) {
      out.push(issue('error', 'RULE011', `the query is ${q.length} characters long; Sentinel allows at most ${LIMITS.queryLength} (move parts into functions)`, document.locate('query'), 'query'));
    }
    for (const m of kqlCode(q).matchAll(/\b(search|union)\s+\*/g)) {
      const { line, column } = lineColumnAt(q, m.index!);
      out.push(issue('error', 'RULE011', `'${m[1]} *' is not allowed in an analytics rule: name the tables`, queryLocation(rule, document, line, column), 'query'));
    }
    return out;
  },
};
