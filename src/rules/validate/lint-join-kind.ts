/**
 * Lint: a `join` without `kind=` gets Kusto's default `innerunique`, which keeps one row per left key — rarely what
 * a detection means (Kusto's own analyzer KS508 "Avoid using joins without specifying the join kind";
 * https://learn.microsoft.com/kusto/query/join-operator#join-flavors). Comments and strings are ignored.
 */
import { issue } from '../issues.js';
import type { RuleIssue } from '../model.js';
import type { RuleCheck } from './check.js';
import { kqlCode, lineColumnAt, queryLocation } from './kql-text.js';

export const lintJoinKind: RuleCheck = {
  name: 'lint-join-kind',
  run({ rule, document }) {
    const out: RuleIssue[] = [];
    for (const m of kqlCode(rule.query).matchAll(/\|\s*join\b((?:\s+[A-Za-z_.]+\s*=\s*[\w.-]+)*)/g)) {
      if (/\bkind\s*=/.test(m[1]!)) continue;
      const at = m.index! + m[0].indexOf('join');
      const { line, column } = lineColumnAt(rule.query, at);
      out.push(issue('warning', 'RULE105', `join without kind= is an innerunique join (one row per left key); say kind=inner, leftouter, … explicitly`, queryLocation(rule, document, line, column), 'query'));
    }
    return out;
  },
};
