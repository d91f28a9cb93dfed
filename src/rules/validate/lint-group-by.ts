/**
 * Lint: incident grouping keys the rule does not define — groupByEntities naming an entity type no entityMapping
 * produces, groupByCustomDetails naming a detail customDetails does not define. Such a key is empty on every
 * alert, so it never separates incidents.
 */
import { issue } from '../issues.js';
import type { RuleIssue } from '../model.js';
import type { RuleCheck } from './check.js';

const G = 'incidentConfiguration.groupingConfiguration';

export const lintGroupBy: RuleCheck = {
  name: 'lint-group-by',
  run({ rule, document }) {
    const out: RuleIssue[] = [];
    const g = rule.incidentConfiguration.groupingConfiguration;
    const mapped = new Set(rule.entityMappings.map((m) => m.entityType));
    g.groupByEntities.forEach((e, i) => {
      if (!mapped.has(e)) {
        const field = `${G}.groupByEntities[${i}]`;
        out.push(issue('warning', 'RULE106', `groupByEntities '${e}' is not an entity type the rule maps (${[...mapped].join(', ') || 'none'})`, document.locate(field), field));
      }
    });
    g.groupByCustomDetails.forEach((d, i) => {
      if (!(d in rule.customDetails)) {
        const field = `${G}.groupByCustomDetails[${i}]`;
        out.push(issue('warning', 'RULE106', `groupByCustomDetails '${d}' is not a custom detail the rule defines (${Object.keys(rule.customDetails).join(', ') || 'none'})`, document.locate(field), field));
      }
    });
    return out;
  },
};
