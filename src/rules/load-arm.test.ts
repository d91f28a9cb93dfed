import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRuleArm } from './load-arm.js';

const resource = (guid: string, kind: string, extra: Record<string, unknown> = {}) => ({
  type: 'Microsoft.OperationalInsights/workspaces/providers/alertRules',
  name: `[concat(parameters('workspace'),'/Microsoft.SecurityInsights/${guid}')]`,
  kind,
  apiVersion: '2023-02-01',
  properties: {
    displayName: `Rule ${guid.slice(0, 4)}`, description: 'd', severity: 'High', enabled: true,
    query: 'SigninLogs\n| take 1', queryFrequency: 'PT1H', queryPeriod: 'P1D', triggerOperator: 'GreaterThan', triggerThreshold: 0,
    suppressionDuration: 'PT5H', suppressionEnabled: false, tactics: ['InitialAccess'], techniques: ['T1078'],
    incidentConfiguration: { createIncident: true, groupingConfiguration: { enabled: true, reopenClosedIncident: true, lookbackDuration: 'PT5H', matchingMethod: 'Selected', groupByEntities: ['Account'], groupByAlertDetails: [], groupByCustomDetails: [] } },
    eventGroupingSettings: { aggregationKind: 'SingleAlert' },
    ...extra,
  },
});

test('loadRuleArm: a template with several alertRules resources, ARM names translated', () => {
  const template = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    resources: [resource('0f3c0d2e-1111-4a2b-9c3d-123456789abc', 'Scheduled'), resource('1f3c0d2e-1111-4a2b-9c3d-123456789abc', 'NRT'), resource('2f3c0d2e-1111-4a2b-9c3d-123456789abc', 'Fusion')],
  };
  const { rules, issues } = loadRuleArm(JSON.stringify(template, null, 2), 'export.json');
  assert.equal(rules.length, 2);
  const [scheduled, nrt] = rules.map((r) => r.rule);
  assert.equal(scheduled!.id, '0f3c0d2e-1111-4a2b-9c3d-123456789abc');
  assert.equal(scheduled!.name, 'Rule 0f3c');
  assert.deepEqual(scheduled!.relevantTechniques, ['T1078']);
  assert.equal(scheduled!.queryPeriod, 86_400_000);
  assert.equal(scheduled!.triggerOperator, 'gt');
  assert.equal(scheduled!.incidentConfiguration.groupingConfiguration.matchingMethod, 'Selected');
  assert.equal(nrt!.kind, 'NRT');
  assert.equal(nrt!.queryFrequency, 60_000);
  assert.deepEqual(issues.map((i) => i.code), ['RULE004'], 'the Fusion rule is skipped with a warning');
  assert.ok(rules[0]!.document.locate('name').line > 1);
});

test('loadRuleArm: one rule as the REST API returns it; bad JSON is an issue', () => {
  const { rules } = loadRuleArm(JSON.stringify({ id: '/subscriptions/x/.../alertRules/3f3c0d2e-1111-4a2b-9c3d-123456789abc', name: '3f3c0d2e-1111-4a2b-9c3d-123456789abc', kind: 'Scheduled', properties: resource('x', 'Scheduled').properties }), 'rule.json');
  assert.equal(rules[0]!.rule.id, '3f3c0d2e-1111-4a2b-9c3d-123456789abc');
  const bad = loadRuleArm('{"resources": [', 'bad.json');
  assert.deepEqual(bad.issues.map((i) => i.code), ['RULE001']);
});
