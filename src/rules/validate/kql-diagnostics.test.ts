import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codes, ruleYaml, runCheck } from './fixture.js';
import { kqlDiagnostics } from './kql-diagnostics.js';

test('kql-diagnostics: a query that binds has no diagnostics', () => {
  assert.deepEqual(runCheck(kqlDiagnostics), []);
});

test('kql-diagnostics: an unknown column is KS142 at the file line and column of the query text', () => {
  const changes = { query: 'SigninLogs\n| where Nope == 1\n' };
  const issues = runCheck(kqlDiagnostics, changes);
  assert.deepEqual(codes(issues), ['KS142:error']);
  const queryLine = ruleYaml(changes).split('\n').findIndex((l) => l.startsWith('query:')) + 2;
  assert.deepEqual(issues[0]!.location, { file: 'rule.yaml', line: queryLine + 1, column: 9 + 2 });
});

test('kql-diagnostics: an ASIM parser is a RULE201 warning (valid in Sentinel, kqlwatch lacks it), not an error', () => {
  const issues = runCheck(kqlDiagnostics, { query: '_Im_WebSession(starttime=ago(1h))\n| take 1\n' });
  assert.deepEqual(codes(issues), ['RULE201:warning']);
  assert.match(issues[0]!.message, /'_Im_WebSession'/);
});

test('kql-diagnostics: where the binder is stricter than the service the error becomes a warning that says why', () => {
  const fuzzy = runCheck(kqlDiagnostics, { query: 'union isfuzzy=true (SigninLogs | project Nope), (AuditLogs | project OperationName)\n' });
  assert.deepEqual(codes(fuzzy), ['KS142:warning']);
  assert.match(fuzzy[0]!.message, /isfuzzy/);
  const todyn = runCheck(kqlDiagnostics, { query: 'SigninLogs | extend D = todynamic(toscalar(SigninLogs | summarize make_set(IPAddress)))\n' });
  assert.deepEqual(codes(todyn), ['KS107:warning']);
});
