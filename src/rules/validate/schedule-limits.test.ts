import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCheck } from './fixture.js';
import { scheduleLimits } from './schedule-limits.js';

test('schedule-limits: 5m..14d in short or ISO form pass', () => {
  assert.deepEqual(runCheck(scheduleLimits, { queryFrequency: 'PT5M', queryPeriod: '14d' }), []);
});

test('schedule-limits: out of range and unreadable durations are errors', () => {
  const issues = runCheck(scheduleLimits, { queryFrequency: '2m', queryPeriod: '2H' });
  assert.deepEqual(issues.map((i) => [i.code, i.field]), [['RULE005', 'queryFrequency'], ['RULE003', 'queryPeriod']]);
  assert.match(issues[0]!.message, /5m to 14d/);
});
