/**
 * Test fixture for the checks: a small valid rule as YAML, with fields replaced or removed by the test, run through
 * the loader and one check. Used only by the *.test.ts files of this folder.
 */
import { stringify } from 'yaml';
import { loadRuleYaml } from '../load-yaml.js';
import type { RuleIssue } from '../model.js';
import type { RuleCheck } from './check.js';
import { queryFacts } from './query-facts.js';

export const BASE_RULE: Record<string, unknown> = {
  id: 'c8d4e6f7-a2b3-5c9d-0e1f-2a3b4c5d6e7f',
  name: 'Failed sign-ins',
  description: 'Failed sign-ins per user.\n',
  severity: 'Medium',
  requiredDataConnectors: [{ connectorId: 'AzureActiveDirectory', dataTypes: ['SigninLogs'] }],
  queryFrequency: '1h',
  queryPeriod: '1h',
  triggerOperator: 'gt',
  triggerThreshold: 0,
  tactics: ['CredentialAccess'],
  relevantTechniques: ['T1110'],
  query: 'SigninLogs\n| where ResultType != "0"\n| summarize Failures = count() by UserPrincipalName, IPAddress\n',
  entityMappings: [
    { entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: 'UserPrincipalName' }] },
    { entityType: 'IP', fieldMappings: [{ identifier: 'Address', columnName: 'IPAddress' }] },
  ],
  customDetails: { FailureCount: 'Failures' },
  alertDetailsOverride: { alertDisplayNameFormat: '{{Failures}} failures for {{UserPrincipalName}}' },
  incidentConfiguration: {
    createIncident: true,
    groupingConfiguration: {
      enabled: true, reopenClosedIncident: false, lookbackDuration: 'PT5H', matchingMethod: 'AnyAlert',
      groupByEntities: ['Account'], groupByAlertDetails: [], groupByCustomDetails: [],
    },
  },
  version: '1.0.0',
  kind: 'Scheduled',
};

/** The base rule with `changes` applied (a value of undefined removes the field), as YAML text. */
export function ruleYaml(changes: Record<string, unknown> = {}): string {
  const fields: Record<string, unknown> = { ...BASE_RULE, ...changes };
  for (const [k, v] of Object.entries(changes)) if (v === undefined) delete fields[k];
  return stringify(fields, { lineWidth: 0 });
}

/** The issues one check finds in the base rule with `changes`. */
export function runCheck(check: RuleCheck, changes: Record<string, unknown> = {}): RuleIssue[] {
  const loaded = loadRuleYaml(ruleYaml(changes), 'rule.yaml').rules[0];
  if (!loaded) throw new Error('the fixture rule does not load');
  let facts: ReturnType<typeof queryFacts> | undefined;
  return check.run({
    rule: loaded.rule,
    document: loaded.document,
    get query() {
      facts ??= queryFacts(loaded.rule.query);
      return facts;
    },
  });
}

export const codes = (issues: readonly RuleIssue[]) => issues.map((i) => `${i.code}:${i.severity}`);
