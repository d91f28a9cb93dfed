import { test } from 'node:test';
import assert from 'node:assert/strict';
import { customDetails } from './custom-details.js';
import { runCheck } from './fixture.js';

test('custom-details: up to 20 well-formed details pass', () => {
  const details = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`D${i}`, 'Failures']));
  assert.deepEqual(runCheck(customDetails, { customDetails: details }), []);
});

test('custom-details: 21 details, a bad key and a bad column are errors; a long key is a warning', () => {
  const details: Record<string, string> = Object.fromEntries(Array.from({ length: 18 }, (_, i) => [`D${i}`, 'Failures']));
  details['1st'] = 'Failures';
  details.Bad = 'Not a column';
  details.AVeryLongCustomDetailName = 'Failures';
  const issues = runCheck(customDetails, { customDetails: details });
  assert.deepEqual(issues.map((i) => `${i.severity}:${i.field ?? ''}`), [
    'error:customDetails', 'error:customDetails.1st', 'error:customDetails.Bad', 'warning:customDetails.AVeryLongCustomDetailName',
  ]);
});
