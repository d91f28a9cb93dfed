/**
 * queryFrequency and queryPeriod: durations Sentinel can read ([validator] ScheduledTemplateTimeSpanConverter.cs:
 * `<n><m|h|d>`, TimeSpan text; ARM: ISO 8601), each from 5 minutes to 14 days ([schedule] "The allowed range for
 * both of these parameters is from 5 minutes to 14 days"). NRT rules have no schedule: they run every minute.
 */
import { issue } from '../issues.js';
import type { RuleIssue } from '../model.js';
import { LIMITS } from '../sentinel-schema.js';
import type { RuleCheck } from './check.js';
import { checkDuration } from './check-duration.js';

export const scheduleLimits: RuleCheck = {
  name: 'schedule-limits',
  run({ rule, document }) {
    const out: RuleIssue[] = [];
    if (rule.kind === 'NRT') {
      for (const field of ['queryFrequency', 'queryPeriod']) {
        if (document.fields[field] !== undefined) {
          out.push(issue('warning', 'RULE004', `${field} is ignored for an NRT rule: NRT rules run every minute`, document.locate(field), field));
        }
      }
      return out;
    }
    for (const field of ['queryFrequency', 'queryPeriod']) {
      out.push(...checkDuration(document, field, LIMITS.scheduleMin, LIMITS.scheduleMax, 'the documented range of a schedule'));
    }
    return out;
  },
};

