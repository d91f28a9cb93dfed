import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleYaml, runCheck } from './fixture.js';
import { queryText } from './query-text.js';

test('query-text: a normal query passes, and "union *" in a comment or string is ignored', () => {
  assert.deepEqual(runCheck(queryText, { query: 'SigninLogs // not union *\n| where X != "search *"\n' }), []);
});

test('query-text: union * and a query over 10,000 characters are errors at their lines', () => {
  const changes = { query: 'print 1;\nunion * | take 1\n' + '//'.padEnd(10_000, 'x') };
  const issues = runCheck(queryText, changes);
  assert.deepEqual(issues.map((i) => i.code), ['RULE011', 'RULE011']);
  const union = issues.find((i) => /union \*/.test(i.message))!;
  const queryLine = ruleYaml(changes).split('\n').findIndex((l) => l.startsWith('query:')) + 2;
  assert.equal(union.location.line, queryLine + 1);
  assert.equal(union.location.column, 3, 'the query block is indented by 2');
});
