import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codes, runCheck } from './fixture.js';
import { lintTimeWindow } from './lint-time-window.js';

test('lint-time-window: ago() within queryPeriod passes; ago() in a comment is ignored', () => {
  assert.deepEqual(runCheck(lintTimeWindow, { query: 'SigninLogs // ago(30d)\n| where TimeGenerated > ago(1h)\n' }), []);
});

test('lint-time-window: ago(30d) and a let-bound 1d under a 1h period warn', () => {
  const issues = runCheck(lintTimeWindow, { query: 'let lookback = 1d;\nSigninLogs\n| where TimeGenerated > ago(lookback)\n| join kind=inner (ThreatIntelIndicators | where TimeGenerated > ago(30d)) on $left.IPAddress == $right.ObservableValue\n' });
  assert.deepEqual(codes(issues), ['RULE101:warning', 'RULE101:warning']);
  assert.match(issues[0]!.message, /ago\(lookback\) \(lookback = 1d\) looks back further than queryPeriod 1h/);
});
