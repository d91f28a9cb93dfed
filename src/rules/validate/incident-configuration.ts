/**
 * incidentConfiguration and suppression: the grouping time frame (lookbackDuration) from 5 minutes to 7 days and
 * the suppression duration up to 24 hours ([schedule] Alert grouping, Suppression), known matching methods, and
 * matchingMethod Selected with at least one entity or detail to group by ([schedule] "you must have at least one
 * entity or detail selected for the rule. Otherwise, the rule validation fails").
 */
import { describe, valueAt } from '../build-rule.js';
import { issue } from '../issues.js';
import type { RuleIssue } from '../model.js';
import { ALERT_DETAILS, LIMITS, MATCHING_METHODS } from '../sentinel-schema.js';
import type { RuleCheck } from './check.js';
import { checkDuration } from './check-duration.js';

const G = 'incidentConfiguration.groupingConfiguration';

export const incidentConfiguration: RuleCheck = {
  name: 'incident-configuration',
  run({ rule, document }) {
    const out: RuleIssue[] = [];
    out.push(...checkDuration(document, `${G}.lookbackDuration`, LIMITS.lookbackMin, LIMITS.lookbackMax, 'the documented grouping time frame'));
    out.push(...checkDuration(document, 'suppressionDuration', LIMITS.suppressionMin, LIMITS.suppressionMax, 'the documented suppression range'));
    const method = valueAt(document.fields, `${G}.matchingMethod`);
    if (method !== undefined && method !== null && !MATCHING_METHODS.includes(method as string)) {
      out.push(issue('error', 'RULE009', `matchingMethod ${describe(method)} is not allowed; use one of ${MATCHING_METHODS.join(', ')}`, document.locate(`${G}.matchingMethod`), `${G}.matchingMethod`));
    }
    const g = rule.incidentConfiguration.groupingConfiguration;
    if (method === 'Selected' && g.enabled && g.groupByEntities.length + g.groupByAlertDetails.length + g.groupByCustomDetails.length === 0) {
      out.push(issue('error', 'RULE009', `matchingMethod Selected groups by nothing: list groupByEntities, groupByAlertDetails or groupByCustomDetails`, document.locate(`${G}.matchingMethod`), `${G}.matchingMethod`));
    }
    g.groupByAlertDetails.forEach((d, i) => {
      if (!ALERT_DETAILS.includes(d)) {
        out.push(issue('error', 'RULE009', `groupByAlertDetails '${d}' is not an alert detail; use ${ALERT_DETAILS.join(' or ')}`, document.locate(`${G}.groupByAlertDetails[${i}]`), `${G}.groupByAlertDetails[${i}]`));
      }
    });
    return out;
  },
};
