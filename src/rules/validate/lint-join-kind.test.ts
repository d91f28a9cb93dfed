import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codes, runCheck } from './fixture.js';
import { lintJoinKind } from './lint-join-kind.js';

test('lint-join-kind: join kind=inner passes, also after hints', () => {
  assert.deepEqual(runCheck(lintJoinKind, { query: 'SigninLogs\n| join hint.strategy=broadcast kind=inner (AuditLogs) on TenantId\n' }), []);
});

test('lint-join-kind: a join without kind warns at the join', () => {
  const issues = runCheck(lintJoinKind, { query: 'SigninLogs\n| join (AuditLogs) on TenantId\n' });
  assert.deepEqual(codes(issues), ['RULE105:warning']);
  assert.equal(issues[0]!.location.column, 3 + 2);
});
