/**
 * Allowed values of the enumerated fields ([validator] Severity, AlertRuleKind, AlertTriggerOperator,
 * AttackTactic, EventGroupingAggregationKind; MITRE technique ids) and the text limits of id, name, description and
 * triggerThreshold. Rule kinds are matched case-insensitively (the repository holds `kind: scheduled`).
 */
import { describe } from '../build-rule.js';
import { issue } from '../issues.js';
import type { RuleIssue } from '../model.js';
import {
  AGGREGATION_KINDS, GUID_TEXT, LIMITS, RULE_KINDS, SEVERITY_VALUES, TACTICS, TECHNIQUE, TRIGGER_OPERATORS,
} from '../sentinel-schema.js';
import type { RuleCheck } from './check.js';

export const allowedValues: RuleCheck = {
  name: 'allowed-values',
  run({ document }) {
    const out: RuleIssue[] = [];
    const f = document.fields;
    const bad = (field: string, value: unknown, allowed: readonly string[]) =>
      out.push(issue('error', 'RULE004', `${field} ${describe(value)} is not allowed; use one of ${allowed.join(', ')}`, document.locate(field), field));
    const oneOf = (field: string, allowed: readonly string[], caseless = false) => {
      const v = f[field];
      if (v === undefined || v === null) return;
      const ok = typeof v === 'string' && (caseless ? allowed.some((a) => a.toLowerCase() === v.toLowerCase()) : allowed.includes(v));
      if (!ok) bad(field, v, allowed);
    };
    oneOf('severity', SEVERITY_VALUES);
    oneOf('kind', RULE_KINDS, true);
    oneOf('triggerOperator', TRIGGER_OPERATORS);
    const agg = (f.eventGroupingSettings as Record<string, unknown> | undefined)?.aggregationKind;
    if (agg !== undefined && !AGGREGATION_KINDS.includes(agg as string)) bad('eventGroupingSettings.aggregationKind', agg, AGGREGATION_KINDS);

    if (Array.isArray(f.tactics)) {
      f.tactics.forEach((t, i) => {
        if (!TACTICS.includes(t as string)) {
          const hint = TACTICS.find((x) => x.toLowerCase() === String(t).replace(/[\s_-]/g, '').toLowerCase());
          out.push(issue('error', 'RULE004', `tactic ${describe(t)} is not a Sentinel tactic${hint ? ` (did you mean ${hint}?)` : ''}`, document.locate(`tactics[${i}]`), `tactics[${i}]`));
        }
      });
    }
    if (Array.isArray(f.relevantTechniques)) {
      f.relevantTechniques.forEach((t, i) => {
        if (typeof t !== 'string' || !TECHNIQUE.test(t)) {
          out.push(issue('error', 'RULE004', `technique ${describe(t)} is not a MITRE ATT&CK technique id such as T1078 or T1078.004`, document.locate(`relevantTechniques[${i}]`), `relevantTechniques[${i}]`));
        }
      });
    }
    if (typeof f.id === 'string' && f.id !== '' && !GUID_TEXT.test(f.id)) {
      out.push(issue('error', 'RULE004', `id '${f.id}' is not a GUID`, document.locate('id'), 'id'));
    }
    const long = (field: string, max: number) => {
      const v = f[field];
      if (typeof v === 'string' && v.length > max) out.push(issue('error', 'RULE005', `${field} is ${v.length} characters long; at most ${max}`, document.locate(field), field));
    };
    long('name', LIMITS.nameLength);
    long('description', LIMITS.descriptionLength);
    const th = f.triggerThreshold;
    if (typeof th === 'number' && (th < 0 || th > LIMITS.triggerThresholdMax || !Number.isInteger(th))) {
      out.push(issue('error', 'RULE005', `triggerThreshold ${th} must be a whole number from 0 to ${LIMITS.triggerThresholdMax}`, document.locate('triggerThreshold'), 'triggerThreshold'));
    }
    return out;
  },
};
