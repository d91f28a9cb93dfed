import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedValues } from './allowed-values.js';
import { ruleYaml, runCheck } from './fixture.js';

test('allowed-values: Sentinel spellings pass, kind case-insensitively', () => {
  assert.deepEqual(runCheck(allowedValues, { kind: 'scheduled', triggerOperator: 'GreaterThan', relevantTechniques: ['T1078.004'] }), []);
});

test('allowed-values: a bad severity, tactic, technique and id are errors with a hint and a line', () => {
  const issues = runCheck(allowedValues, { severity: 'Critical', tactics: ['Initial Access'], relevantTechniques: ['T1A0007'], id: 'not-a-guid' });
  assert.deepEqual(issues.map((i) => i.field).sort(), ['id', 'relevantTechniques[0]', 'severity', 'tactics[0]']);
  assert.ok(issues.every((i) => i.severity === 'error' && i.code === 'RULE004'));
  assert.match(issues.find((i) => i.field === 'tactics[0]')!.message, /did you mean InitialAccess/);
  const changes = { severity: 'Critical', tactics: ['Initial Access'], relevantTechniques: ['T1A0007'], id: 'not-a-guid' };
  const severityLine = ruleYaml(changes).split('\n').findIndex((l) => l.startsWith('severity:')) + 1;
  assert.equal(issues.find((i) => i.field === 'severity')!.location.line, severityLine);
});
