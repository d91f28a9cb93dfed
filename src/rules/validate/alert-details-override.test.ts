import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alertDetailsOverride } from './alert-details-override.js';
import { runCheck } from './fixture.js';

test('alert-details-override: a short format with up to three placeholders passes', () => {
  assert.deepEqual(runCheck(alertDetailsOverride), []);
});

test('alert-details-override: four placeholders warn, a name format over 256 characters is an error', () => {
  const issues = runCheck(alertDetailsOverride, {
    alertDetailsOverride: {
      alertDisplayNameFormat: 'x'.repeat(257),
      alertDescriptionFormat: '{{A}} {{B}} {{C}} {{D}}',
    },
  });
  assert.deepEqual(issues.map((i) => [i.code, i.severity, i.field]), [
    ['RULE008', 'error', 'alertDetailsOverride.alertDisplayNameFormat'],
    ['RULE102', 'warning', 'alertDetailsOverride.alertDescriptionFormat'],
  ]);
});
