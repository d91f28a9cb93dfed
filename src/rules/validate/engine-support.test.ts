import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineSupport } from './engine-support.js';
import { codes, runCheck } from './fixture.js';

test('engine-support: a query kqlwatch compiles has no warning', () => {
  assert.deepEqual(runCheck(engineSupport), []);
});

test('engine-support: externaldata is a Sentinel feature kqlwatch lacks (RULE201); a construct our engine lacks is RULE202', () => {
  const external = runCheck(engineSupport, { query: 'externaldata(a: string) [@"https://example.com/x.csv"] with (format="csv")\n' });
  assert.deepEqual(codes(external), ['RULE201:warning']);
  const gap = runCheck(engineSupport, { query: 'SigninLogs\n| top-nested 3 of UserPrincipalName by count()\n' });
  assert.deepEqual(codes(gap), ['RULE202:warning']);
  assert.match(gap[0]!.message, /gap in kqlwatch's engine/);
});
