/**
 * The rule issue codes (pySigma's issue classes, Kusto's DiagnosticFacts.cs habit: one table). RULE0xx are errors
 * in the rule file or its fields, RULE1xx lint warnings, RULE2xx "kqlwatch cannot run this rule (yet)". KQL
 * diagnostics keep their own codes (KS### from Microsoft's parser, KQW### from our engine).
 */
import type { RuleIssue, SourceLocation } from './model.js';

export const RULE_CODES = {
  RULE001: 'file cannot be read or parsed',
  RULE002: 'required field missing',
  RULE003: 'wrong value type',
  RULE004: 'value not allowed',
  RULE005: 'value out of the documented range',
  RULE006: 'entity mapping invalid',
  RULE007: 'custom details invalid',
  RULE008: 'alert details override invalid',
  RULE009: 'incident configuration invalid',
  RULE010: 'column not in the query result',
  RULE011: 'query text not allowed',
  RULE012: 'unknown field',
  RULE013: 'duplicate rule id',
  RULE101: 'time filter wider than queryPeriod',
  RULE102: 'more than three {{}} placeholders',
  RULE103: 'queryFrequency longer than queryPeriod',
  RULE104: 'long queryPeriod run too often',
  RULE105: 'join without kind',
  RULE106: 'group-by key the rule does not define',
  RULE107: 'field assumed',
  RULE201: 'uses a Sentinel feature kqlwatch lacks',
  RULE202: 'uses a KQL construct kqlwatch does not run yet',
} as const;

export type RuleCode = keyof typeof RULE_CODES;

export function issue(
  severity: RuleIssue['severity'],
  code: RuleCode | string,
  message: string,
  location: SourceLocation,
  field?: string,
): RuleIssue {
  return field === undefined ? { severity, code, message, location } : { severity, code, message, location, field };
}

/** `file:line[:col] CODE severity: message [field]` */
export function formatRuleIssue(i: RuleIssue): string {
  const where = `${i.location.file}:${i.location.line}${i.location.column ? ':' + i.location.column : ''}`;
  return `${where} ${i.code} ${i.severity}: ${i.message}${i.field ? ` [${i.field}]` : ''}`;
}

export function hasErrors(issues: readonly RuleIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}
