import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codes, runCheck } from './fixture.js';
import { lintGroupBy } from './lint-group-by.js';

const grouping = (g: Record<string, unknown>) => ({
  incidentConfiguration: { createIncident: true, groupingConfiguration: { enabled: true, matchingMethod: 'Selected', ...g } },
});

test('lint-group-by: grouping by mapped entities and defined details passes', () => {
  assert.deepEqual(runCheck(lintGroupBy, grouping({ groupByEntities: ['Account', 'IP'], groupByCustomDetails: ['FailureCount'] })), []);
});

test('lint-group-by: an unmapped entity type and an undefined detail warn', () => {
  const issues = runCheck(lintGroupBy, grouping({ groupByEntities: ['Host'], groupByCustomDetails: ['Country'] }));
  assert.deepEqual(codes(issues), ['RULE106:warning', 'RULE106:warning']);
  assert.match(issues[0]!.message, /'Host' is not an entity type the rule maps \(Account, IP\)/);
});
