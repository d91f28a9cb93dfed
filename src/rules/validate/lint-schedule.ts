/**
 * Lint: queryFrequency longer than queryPeriod leaves gaps between windows ([schedule] "The query interval must be
 * shorter than or equal to the lookback period"); a queryPeriod of 2 days or more run more often than hourly
 * ([validator] FrequencyLimitationForLongPeriodQuery). Sentinel's own validation rejects both; kqlwatch warns.
 */
import { formatDuration } from '../duration.js';
import { issue } from '../issues.js';
import type { RuleIssue } from '../model.js';
import { LIMITS } from '../sentinel-schema.js';
import type { RuleCheck } from './check.js';

export const lintSchedule: RuleCheck = {
  name: 'lint-schedule',
  run({ rule, document }) {
    const out: RuleIssue[] = [];
    if (rule.kind !== 'Scheduled' || document.fields.queryFrequency == null || document.fields.queryPeriod == null) return out;
    const f = formatDuration(rule.queryFrequency);
    const p = formatDuration(rule.queryPeriod);
    if (rule.queryFrequency > rule.queryPeriod) {
      out.push(issue('warning', 'RULE103', `queryFrequency ${f} is longer than queryPeriod ${p}: events between windows are never examined (Sentinel rejects this rule)`, document.locate('queryFrequency'), 'queryFrequency'));
    }
    if (rule.queryPeriod >= LIMITS.longPeriod && rule.queryFrequency < LIMITS.longPeriodMinFrequency) {
      out.push(issue('warning', 'RULE104', `queryPeriod ${p} is 2 days or more but queryFrequency ${f} is under 1h (Sentinel requires at least 1h for such periods)`, document.locate('queryFrequency'), 'queryFrequency'));
    }
    return out;
  },
};
