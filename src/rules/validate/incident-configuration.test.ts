import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCheck } from './fixture.js';
import { incidentConfiguration } from './incident-configuration.js';

const grouping = (g: Record<string, unknown>) => ({
  incidentConfiguration: { createIncident: true, groupingConfiguration: { enabled: true, lookbackDuration: 'PT5H', matchingMethod: 'AnyAlert', ...g } },
});

test('incident-configuration: lookback 7d and suppression 24h pass', () => {
  assert.deepEqual(runCheck(incidentConfiguration, { ...grouping({ lookbackDuration: 'P7D' }), suppressionEnabled: true, suppressionDuration: 'PT24H' }), []);
});

test('incident-configuration: lookback 8d, suppression 2d, Selected with nothing, a bad alert detail are errors', () => {
  const issues = runCheck(incidentConfiguration, {
    ...grouping({ lookbackDuration: '8d', matchingMethod: 'Selected', groupByAlertDetails: [] }),
    suppressionDuration: '2d',
  });
  assert.deepEqual(issues.map((i) => i.field), [
    'incidentConfiguration.groupingConfiguration.lookbackDuration', 'suppressionDuration', 'incidentConfiguration.groupingConfiguration.matchingMethod',
  ]);
  const bad = runCheck(incidentConfiguration, grouping({ groupByAlertDetails: ['Title'] }));
  assert.match(bad[0]!.message, /'Title' is not an alert detail/);
});
