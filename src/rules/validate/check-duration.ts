/** Shared by the duration checks: the raw value parses, and lies in [min, max]. */
import { describe, valueAt } from '../build-rule.js';
import { formatDuration, parseDuration } from '../duration.js';
import { issue } from '../issues.js';
import type { RuleIssue } from '../model.js';
import type { RuleDocument } from '../rule-document.js';

export function checkDuration(document: RuleDocument, field: string, min: number, max: number, what: string): RuleIssue[] {
  const raw = valueAt(document.fields, field);
  if (raw === undefined || raw === null) return [];
  const ms = parseDuration(raw);
  if (ms === undefined) {
    return [issue('error', 'RULE003', `${field} ${describe(raw)} is not a duration: write e.g. 15m, 1h, 5d or PT15M, PT1H, P5D`, document.locate(field), field)];
  }
  if (ms < min || ms > max) {
    return [issue('error', 'RULE005', `${field} ${raw} is outside ${what}, ${formatDuration(min)} to ${formatDuration(max)}`, document.locate(field), field)];
  }
  return [];
}
