/**
 * Required fields ([validator] AnalyticsTemplateInternalModelBase.cs, ScheduledTemplateInternalModel.cs): id, name,
 * description, severity, query for every rule; queryFrequency, queryPeriod, triggerOperator, triggerThreshold for
 * Scheduled rules. A missing `kind` is assumed Scheduled and a missing requiredDataConnectors is only a warning: the
 * older files of the public repository omit them and Sentinel's API does not know the latter.
 */
import { issue } from '../issues.js';
import type { RuleIssue } from '../model.js';
import type { RuleCheck } from './check.js';

const ALWAYS = ['id', 'name', 'description', 'severity', 'query'] as const;
const SCHEDULED = ['queryFrequency', 'queryPeriod', 'triggerOperator', 'triggerThreshold'] as const;

const absent = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

export const requiredFields: RuleCheck = {
  name: 'required-fields',
  run({ rule, document }) {
    const out: RuleIssue[] = [];
    const f = document.fields;
    const where = document.locate('');
    const required = rule.kind === 'Scheduled' ? [...ALWAYS, ...SCHEDULED] : ALWAYS;
    for (const field of required) {
      if (absent(f[field])) out.push(issue('error', 'RULE002', `required field '${field}' is missing`, where, field));
    }
    if (absent(f.kind)) {
      out.push(issue('warning', 'RULE107', `'kind' is missing: assumed Scheduled (add 'kind: Scheduled')`, where, 'kind'));
    }
    if (document.format === 'yaml' && f.requiredDataConnectors === undefined) {
      out.push(issue('warning', 'RULE002', `'requiredDataConnectors' is missing (use [] when the rule needs none)`, where, 'requiredDataConnectors'));
    }
    return out;
  },
};
