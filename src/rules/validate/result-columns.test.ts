import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCheck } from './fixture.js';
import { resultColumns } from './result-columns.js';

test('result-columns: mappings, details and placeholders that name result columns pass', () => {
  assert.deepEqual(runCheck(resultColumns), []);
});

test('result-columns: a mapping, a detail and a placeholder naming missing columns are errors; a case slip a warning', () => {
  const issues = runCheck(resultColumns, {
    entityMappings: [{ entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: 'UserPrincipleName' }] },
      { entityType: 'IP', fieldMappings: [{ identifier: 'Address', columnName: 'IpAddress' }] }],
    customDetails: { Count: 'FailureCount' },
    alertDetailsOverride: { alertDisplayNameFormat: 'Failures for {{User}}' },
  });
  assert.deepEqual(issues.map((i) => [i.severity, i.field]), [
    ['error', 'entityMappings[0].fieldMappings[0].columnName'],
    ['warning', 'entityMappings[1].fieldMappings[0].columnName'],
    ['error', 'customDetails.Count'],
    ['error', 'alertDetailsOverride.alertDisplayNameFormat'],
  ]);
  assert.match(issues[1]!.message, /did you mean IPAddress/);
});
