import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codes, runCheck } from './fixture.js';
import { lintSchedule } from './lint-schedule.js';

test('lint-schedule: frequency ≤ period, long periods run hourly, pass', () => {
  assert.deepEqual(runCheck(lintSchedule, { queryFrequency: '1h', queryPeriod: '14d' }), []);
});

test('lint-schedule: frequency > period, and a 2d period run every 30m, warn', () => {
  assert.deepEqual(codes(runCheck(lintSchedule, { queryFrequency: '2h', queryPeriod: '1h' })), ['RULE103:warning']);
  assert.deepEqual(codes(runCheck(lintSchedule, { queryFrequency: '30m', queryPeriod: '2d' })), ['RULE104:warning']);
});
