/**
 * validateRule(loaded): every check in validate/ over one loaded rule; validateRules(paths): load and validate
 * every rule under files and folders, one report per rule (or per file that holds none). A rule is valid when no
 * issue is an error; runnable when it is valid and kqlwatch can also run it (no RULE201/RULE202).
 */
import type { Catalog } from '../kql/syntax/catalog.js';
import { hasErrors, issue } from './issues.js';
import { loadRules } from './load-rules.js';
import type { LoadedRule } from './load-yaml.js';
import type { Rule, RuleIssue } from './model.js';
import type { RuleDocument } from './rule-document.js';
import { alertDetailsOverride } from './validate/alert-details-override.js';
import { allowedValues } from './validate/allowed-values.js';
import type { CheckContext, RuleCheck } from './validate/check.js';
import { customDetails } from './validate/custom-details.js';
import { engineSupport } from './validate/engine-support.js';
import { entityMappings } from './validate/entity-mappings.js';
import { incidentConfiguration } from './validate/incident-configuration.js';
import { kqlDiagnostics } from './validate/kql-diagnostics.js';
import { lintGroupBy } from './validate/lint-group-by.js';
import { lintJoinKind } from './validate/lint-join-kind.js';
import { lintSchedule } from './validate/lint-schedule.js';
import { lintTimeWindow } from './validate/lint-time-window.js';
import { queryFacts, type QueryFacts } from './validate/query-facts.js';
import { queryText } from './validate/query-text.js';
import { requiredFields } from './validate/required-fields.js';
import { resultColumns } from './validate/result-columns.js';
import { scheduleLimits } from './validate/schedule-limits.js';

export const RULE_CHECKS: readonly RuleCheck[] = [
  requiredFields, allowedValues, scheduleLimits, entityMappings, customDetails, alertDetailsOverride,
  incidentConfiguration, queryText, kqlDiagnostics, engineSupport, resultColumns,
  lintTimeWindow, lintSchedule, lintJoinKind, lintGroupBy,
];

export interface RuleReport {
  readonly file: string;
  /** Absent when the file holds no loadable rule. */
  readonly rule?: Rule;
  readonly document?: RuleDocument;
  /** Sorted by line. */
  readonly issues: readonly RuleIssue[];
  /** No error: Sentinel would accept the rule. */
  readonly valid: boolean;
  /** Valid, and kqlwatch can run it too. */
  readonly runnable: boolean;
}

export interface ValidateOptions {
  /** The tables to bind against (default: every Log Analytics table, see defaultCatalog). */
  readonly catalog?: Catalog;
}

const NOT_RUNNABLE = new Set(['RULE201', 'RULE202']);

export function validateRule(loaded: LoadedRule, options: ValidateOptions = {}): RuleReport {
  let facts: QueryFacts | undefined;
  const ctx: CheckContext = {
    rule: loaded.rule,
    document: loaded.document,
    get query() {
      facts ??= queryFacts(loaded.rule.query, options.catalog);
      return facts;
    },
  };
  const issues = [...loaded.issues];
  for (const check of RULE_CHECKS) issues.push(...check.run(ctx));
  return report(loaded.document.file, issues, loaded.rule, loaded.document);
}

export function validateRules(paths: readonly string[], options: ValidateOptions = {}): RuleReport[] {
  const loaded = loadRules(paths);
  const reports: RuleReport[] = [];
  const byFile = new Map<string, RuleIssue[]>();
  for (const i of loaded.issues) byFile.set(i.location.file, [...(byFile.get(i.location.file) ?? []), i]);
  for (const [file, issues] of byFile) if (hasErrors(issues)) reports.push(report(file, issues));
  const seen = new Map<string, string>();
  for (const l of loaded.rules) {
    const r = validateRule(l, options);
    const extra = [...(byFile.get(l.document.file) ?? []).filter((i) => !hasErrors([i]))];
    const first = l.rule.id ? seen.get(l.rule.id.toLowerCase()) : undefined;
    if (first !== undefined) extra.push(issue('warning', 'RULE013', `id ${l.rule.id} is also the id of ${first}: only one of them can be deployed`, l.document.locate('id'), 'id'));
    else if (l.rule.id) seen.set(l.rule.id.toLowerCase(), `${l.document.file}:${l.document.locate('id').line}`);
    reports.push(extra.length > 0 ? report(r.file, [...r.issues, ...extra], r.rule, r.document) : r);
  }
  return reports.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.document?.line ?? 0) - (b.document?.line ?? 0)));
}

function report(file: string, issues: RuleIssue[], rule?: Rule, document?: RuleDocument): RuleReport {
  const sorted = [...issues].sort((a, b) => a.location.line - b.location.line || (a.location.column ?? 0) - (b.location.column ?? 0));
  const valid = rule !== undefined && !hasErrors(sorted);
  return {
    file, issues: sorted, valid, runnable: valid && !sorted.some((i) => NOT_RUNNABLE.has(i.code)),
    ...(rule ? { rule } : {}), ...(document ? { document } : {}),
  };
}
