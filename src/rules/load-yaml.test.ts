import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRuleYaml } from './load-yaml.js';

const YAML_RULE = `id: 0f3c0d2e-1111-4a2b-9c3d-123456789abc
name: Test rule
description: |
  A test.
severity: High
requiredDataConnectors: []
queryFrequency: PT15M
queryPeriod: 1h
triggerOperator: GreaterThan
triggerThreshold: 2
tactics:
  - CredentialAccess
relevantTechniques:
  - T1110
query: |
  SigninLogs
  | where ResultType != "0"
entityMappings:
  - entityType: Account
    fieldMappings:
      - identifier: FullName
        columnName: UserPrincipalName
eventGroupingSettings:
  aggregationKind: AlertPerResult
suppressionEnabled: true
suppressionDuration: 2h
kind: scheduled
`;

test('loadRuleYaml: fields typed, durations in ms, Sentinel spellings normalised, defaults filled', () => {
  const { rules, issues } = loadRuleYaml(YAML_RULE, 'r.yaml');
  assert.deepEqual(issues, []);
  const { rule, issues: ruleIssues } = rules[0]!;
  assert.deepEqual(ruleIssues, []);
  assert.equal(rule.queryFrequency, 15 * 60_000);
  assert.equal(rule.queryPeriod, 3_600_000);
  assert.equal(rule.triggerOperator, 'gt');
  assert.equal(rule.triggerThreshold, 2);
  assert.equal(rule.kind, 'Scheduled');
  assert.equal(rule.query, 'SigninLogs\n| where ResultType != "0"\n');
  assert.equal(rule.queryLine, 16);
  assert.equal(rule.eventGroupingSettings.aggregationKind, 'AlertPerResult');
  assert.equal(rule.suppressionDuration, 2 * 3_600_000);
  assert.equal(rule.incidentConfiguration.createIncident, true);
  assert.equal(rule.incidentConfiguration.groupingConfiguration.enabled, false);
  assert.deepEqual(rule.source, { file: 'r.yaml', line: 1 });
  assert.equal(rules[0]!.document.locate('entityMappings[0].fieldMappings[0].columnName').line, 22);
});

test('loadRuleYaml: a YAML syntax error is an issue with its line, never a throw', () => {
  const { rules, issues } = loadRuleYaml('id: x\nname: [unclosed\nquery: |\n  T\n', 'bad.yaml');
  assert.equal(rules.length, 0);
  assert.equal(issues[0]!.code, 'RULE001');
  assert.equal(issues[0]!.location.file, 'bad.yaml');
  assert.ok(issues[0]!.location.line >= 2);
});

test('loadRuleYaml: wrong shapes and unknown fields are reported with the field', () => {
  const { rules } = loadRuleYaml(YAML_RULE.replace('tactics:\n  - CredentialAccess', 'tactics: CredentialAccess') + 'severty: High\n', 'r.yaml');
  const issues = rules[0]!.issues.map((i) => [i.code, i.severity, i.field]);
  assert.deepEqual(issues, [['RULE012', 'warning', 'severty'], ['RULE003', 'error', 'tactics']]);
});

test('loadRuleYaml: CRLF files load like LF files', () => {
  const { rules } = loadRuleYaml(YAML_RULE.replace(/\n/g, '\r\n'), 'crlf.yaml');
  assert.equal(rules[0]!.rule.query, 'SigninLogs\n| where ResultType != "0"\n');
});
