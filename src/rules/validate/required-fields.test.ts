import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codes, runCheck } from './fixture.js';
import { requiredFields } from './required-fields.js';

test('required-fields: a complete rule passes', () => {
  assert.deepEqual(runCheck(requiredFields), []);
});

test('required-fields: a missing severity and queryPeriod are errors naming the field; a missing kind is assumed Scheduled', () => {
  const issues = runCheck(requiredFields, { severity: undefined, queryPeriod: undefined, kind: undefined });
  assert.deepEqual(issues.map((i) => [i.code, i.severity, i.field]), [
    ['RULE002', 'error', 'severity'], ['RULE002', 'error', 'queryPeriod'], ['RULE107', 'warning', 'kind'],
  ]);
  assert.equal(issues[0]!.location.file, 'rule.yaml');
});

test('required-fields: an NRT rule needs no schedule', () => {
  assert.deepEqual(codes(runCheck(requiredFields, { kind: 'NRT', queryFrequency: undefined, queryPeriod: undefined, triggerOperator: undefined })), []);
});
