/**
 * alertDetailsOverride: a name format of 1..256 characters and a description format of 1..5000 ([validator]
 * AlertDetailsOverride.cs). More than three {{placeholders}} in one format is a lint warning here (the
 * repository's validator rejects it: MaxAmountOfDynamicContentPlaceHolders(3)). Whether placeholders name result
 * columns is the result-columns check.
 */
import { issue } from '../issues.js';
import type { RuleIssue } from '../model.js';
import { LIMITS } from '../sentinel-schema.js';
import type { RuleCheck } from './check.js';

/** The column names a `{{Column}}` template refers to, in order (Sentinel's placeholder regex: `{{([^{}]*)}}`). */
export function placeholders(format: string): string[] {
  return [...format.matchAll(/\{\{([^{}]*)\}\}/g)].map((m) => m[1]!.trim());
}

export const alertDetailsOverride: RuleCheck = {
  name: 'alert-details-override',
  run({ rule, document }) {
    const out: RuleIssue[] = [];
    const o = rule.alertDetailsOverride;
    if (!o) return out;
    const formats = [
      ['alertDisplayNameFormat', o.alertDisplayNameFormat, LIMITS.displayNameFormatLength],
      ['alertDescriptionFormat', o.alertDescriptionFormat, LIMITS.descriptionFormatLength],
    ] as const;
    for (const [name, format, max] of formats) {
      if (format === undefined) continue;
      const field = `alertDetailsOverride.${name}`;
      if (format.trim() === '' || format.length > max) {
        out.push(issue('error', 'RULE008', `${name} must hold 1 to ${max} characters, not ${format.length}`, document.locate(field), field));
      }
      const n = placeholders(format).length;
      if (n > LIMITS.placeholders) {
        out.push(issue('warning', 'RULE102', `${name} has ${n} {{}} placeholders; Sentinel's rule validation allows at most ${LIMITS.placeholders}`, document.locate(field), field));
      }
    }
    return out;
  },
};
