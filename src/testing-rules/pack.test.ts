/**
 * CI gate: `kqlwatch test rules/` passes on the shipped rule pack, every rule in the pack has a test file, and the
 * JUnit report is written. Runs the real executable, as a CI job would. Also: a failing run exits 1 and a usage
 * error exits 2.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeRun, makeTempDir, projectRoot, runCli } from '../e2e/cli.js';

const tmp = makeTempDir('ruletests');
after(() => tmp.cleanup());

test('kqlwatch test rules/ passes on the shipped pack, with a JUnit report', async () => {
  const junit = path.join(tmp.dir, 'junit.xml');
  const r = await runCli(['test', 'rules/', '--reporter', 'junit', junit]);
  assert.equal(r.code, 0, describeRun(r));
  const last = r.stdout.trimEnd().split('\n').at(-1)!;
  const m = /^(\d+) passed, 0 failed$/.exec(last);
  assert.ok(m, describeRun(r));
  assert.ok(Number(m[1]) >= 30, last);
  const rules = readdirSync(path.join(projectRoot, 'rules')).filter((f) => /\.ya?ml$/.test(f) && !/\.test\.ya?ml$/.test(f));
  for (const rule of rules) {
    const tests = rule.replace(/\.ya?ml$/, '.test.yaml');
    assert.ok(r.stdout.includes(`rules/${tests}`), `${rule} has no test file ${tests}`);
  }
  const xml = readFileSync(junit, 'utf8');
  assert.match(xml, new RegExp(`<testsuites name="kqlwatch test" tests="${m[1]}" failures="0"`));
});

test('a failing rule test makes kqlwatch test exit 1; a bad option exits 2', async () => {
  const file = path.join(tmp.dir, 'fails.test.yaml');
  writeFileSync(file, `rule: ${JSON.stringify(path.join(projectRoot, 'rules', '004-aitm-token-issuance.yaml'))}
cases:
  - name: expects an alert that does not come
    now: 2026-05-01T12:00:00Z
    expect: { alerts: 1 }
`);
  const r = await runCli(['test', file]);
  assert.equal(r.code, 1, describeRun(r));
  assert.match(r.stdout, /FAIL expects an alert that does not come .*fails\.test\.yaml:3\n {7}alert count: expected 1, actual 0\n/);
  assert.match(r.stdout, /\n0 passed, 1 failed\n$/);
  const usage = await runCli(['test', '--reporter', 'tap', file]);
  assert.equal(usage.code, 2, describeRun(usage));
});
