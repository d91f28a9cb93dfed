/**
 * Tests of the rule test runner itself: a passing case, a failing case whose diff is checked line by line, bad
 * test files (unknown table, unknown column, wrong type, unknown field) reported at file:line, data files, --update,
 * and the JUnit report. The cases run seed 002's rule from the pack over small inline inputs.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { junitXml } from './junit.js';
import { runTests } from './runner.js';
import { loadTestFile } from './test-file.js';
import { TestFileError } from './model.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const rule002 = path.join(root, 'rules', '002-interactive-to-noninteractive-token-theft.yaml');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'kqlwatch-ruletest-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
function testFile(body: string): string {
  const file = path.join(tmp, `case${++n}.test.yaml`);
  // Line 1 is `rule:`, so a body's line N is the file's line N + 1.
  writeFileSync(file, `rule: ${JSON.stringify(rule002)}\n${body}`);
  return file;
}

const KATE = `
    now: 2026-05-01T12:00:00Z
    tables:
      SigninLogs:
        - { TimeGenerated: 2026-05-01T10:00:00Z, UserPrincipalName: kate@contoso.com, IPAddress: 198.51.100.20, Location: US, ResultType: "0", AuthenticationRequirement: singleFactorAuthentication }
      AADNonInteractiveUserSignInLogs:
        - { TimeGenerated: 2026-05-01T10:20:00Z, UserPrincipalName: kate@contoso.com, AppDisplayName: Microsoft Teams, IPAddress: 203.0.113.50, Location: NG, ResultType: "0" }`;

describe('kqlwatch test runner', () => {
  test('a passing case, and a "no alert" case', async () => {
    const file = testFile(`cases:
  - name: attack${KATE}
    expect:
      alerts:
        - title: Token Pivot - kate@contoso.com NI token from 203.0.113.50 after interactive auth
          severity: High
          entities: [ { type: Account, Name: kate, UPNSuffix: contoso.com }, { type: IP, Address: 203.0.113.50 } ]
          customDetails: { InteractiveIP: [198.51.100.20], NonInteractiveCountry: [NG] }
          evidence: 1
      incidents: [ { alerts: [1], status: New } ]
  - name: nothing before the sign-in
    now: 2026-05-01T10:00:00Z
    tables:
      SigninLogs:
        - { TimeGenerated: 2026-05-01T10:00:00Z, UserPrincipalName: kate@contoso.com, IPAddress: 198.51.100.20, Location: US, ResultType: "0", AuthenticationRequirement: singleFactorAuthentication }
    expect: { alerts: 0, incidents: 0 }
`);
    const s = await runTests([file]);
    assert.deepEqual(s.files[0]!.cases.map((c) => [c.name, c.status, c.diff]), [['attack', 'passed', []], ['nothing before the sign-in', 'passed', []]]);
    assert.equal(s.passed, 2);
    assert.equal(s.failed, 0);
  });

  test('a failing case reports expected vs actual for each difference', async () => {
    const file = testFile(`cases:
  - name: wrong expectations${KATE}
    expect:
      alerts:
        - title: Token Pivot - kate@contoso.com NI token from 203.0.113.99 after interactive auth
          entities: [ { type: Account, Name: kate, UPNSuffix: contoso.com }, { type: IP, Address: 203.0.113.99 } ]
          customDetails: { NonInteractiveCountry: [RU] }
          evidence: 2
      incidents: 2
  - name: expects no alert
    now: 2026-05-01T12:00:00Z
    tables:
      SigninLogs:
        - { TimeGenerated: 2026-05-01T10:00:00Z, UserPrincipalName: kate@contoso.com, IPAddress: 198.51.100.20, Location: US, ResultType: "0", AuthenticationRequirement: singleFactorAuthentication }
      AADNonInteractiveUserSignInLogs:
        - { TimeGenerated: 2026-05-01T10:20:00Z, UserPrincipalName: kate@contoso.com, AppDisplayName: Microsoft Teams, IPAddress: 203.0.113.50, Location: NG, ResultType: "0" }
    expect:
      alerts: 0
`);
    const s = await runTests([file]);
    assert.equal(s.failed, 2);
    const [first, second] = s.files[0]!.cases;
    assert.equal(first!.status, 'failed');
    assert.deepEqual(first!.diff, [
      'alert 1 (line 12) title:',
      '  expected: Token Pivot - kate@contoso.com NI token from 203.0.113.99 after interactive auth',
      '  actual:   Token Pivot - kate@contoso.com NI token from 203.0.113.50 after interactive auth',
      '  (first difference at character 56: "99 after interactive" vs "50 after interactive")',
      'alert 1 (line 12) evidence rows: expected 2, actual 1',
      'alert 1 (line 12) entities differ:',
      '  - expected IP(Address=203.0.113.99)',
      '  + actual   IP(Address=203.0.113.50)',
      'alert 1 (line 12) custom details differ:',
      '  NonInteractiveCountry:',
      '    expected: ["RU"]',
      '    actual:   ["NG"]',
      'incident count: expected 2, actual 1',
      '  actual incident 1: alerts [1], New, "Token Pivot - kate@contoso.com NI token from 203.0.113.50 after interactive auth"',
    ]);
    assert.equal(second!.diff[0], 'alert count: expected 0, actual 1');
    assert.match(second!.diff[1]!, /^ {2}actual alert 1: "Token Pivot - kate@contoso.com NI token from 203\.0\.113\.50 after interactive auth" High, Account\(Name=kate, UPNSuffix=contoso\.com\) IP\(Address=203\.0\.113\.50\), 1 evidence row\(s\), run 2026-05-01T12:00:00\.000Z$/);

    const xml = junitXml(s);
    assert.match(xml, /<testsuite name="[^"]*case\d+\.test\.yaml" tests="2" failures="2" errors="0"/);
    assert.match(xml, /<testcase classname="[^"]*" name="wrong expectations" time="[\d.]+">\n\s+<failure message="alert 1 \(line 12\) title:">/);
  });

  test('bad test files: errors at file:line', () => {
    const cases: [string, RegExp][] = [
      [`cases:\n  - name: x\n    now: 2026-05-01T12:00:00Z\n    tables:\n      SignInLogs: []\n    expect: { alerts: 0 }\n`, /:6: unknown table 'SignInLogs' \(table names are case-sensitive: did you mean 'SigninLogs'\?\)$/],
      [`cases:\n  - name: x\n    now: 2026-05-01T12:00:00Z\n    tables:\n      SigninLogs:\n        - { TimeGenerated: 2026-05-01T10:00:00Z,\n            UserPrincipleName: a@b.c }\n    expect: { alerts: 0 }\n`, /:8: column 'UserPrincipleName' is not in the schema of SigninLogs$/],
      [`cases:\n  - name: x\n    now: 2026-05-01T12:00:00Z\n    tables:\n      SigninLogs:\n        - { TimeGenerated: yesterday }\n    expect: { alerts: 0 }\n`, /:7: SigninLogs\.TimeGenerated is datetime: "yesterday" is not a datetime$/],
      [`cases:\n  - name: x\n    now: 2026-05-01T12:00:00Z\n    expect: { alert: 0 }\n`, /:5: unknown field 'alert' in a expectation/],
      [`cases:\n  - name: x\n    tables: {}\n    expect: { alerts: 0 }\n`, /:3: case 'x': give the clock with either `now` or `runs`$/],
      [`cases:\n  - name: x\n    now: noon\n    expect: { alerts: 0 }\n`, /:4: `now` must be an ISO 8601 UTC time/],
    ];
    for (const [body, message] of cases) {
      const file = testFile(body);
      assert.throws(() => loadTestFile(file), (e: unknown) => {
        assert.ok(e instanceof TestFileError, String(e));
        assert.ok(e.message.startsWith(file + ':'), e.message);
        assert.match(e.message, message);
        return true;
      });
    }
  });

  test('a bad file is one failure in the run, with its message', async () => {
    const file = testFile(`cases:\n  - name: x\n    now: 2026-05-01T12:00:00Z\n    tables:\n      Nope: []\n    expect: { alerts: 0 }\n`);
    const s = await runTests([file]);
    assert.equal(s.failed, 1);
    assert.equal(s.files[0]!.error, `${file}:6: unknown table 'Nope'`);
    assert.match(junitXml(s), /<error message="[^"]*:6: unknown table 'Nope'">/);
  });

  test('rows from NDJSON and CSV files; a misfit value names the data file and line', async () => {
    writeFileSync(path.join(tmp, 'si.csv'), 'TimeGenerated,UserPrincipalName,IPAddress,Location,ResultType,AuthenticationRequirement\n2026-05-01T10:00:00Z,kate@contoso.com,198.51.100.20,US,0,singleFactorAuthentication\n');
    writeFileSync(path.join(tmp, 'ni.ndjson'), '{"TimeGenerated":"2026-05-01T10:20:00Z","UserPrincipalName":"kate@contoso.com","IPAddress":"203.0.113.50","Location":"NG","ResultType":"0"}\n');
    writeFileSync(path.join(tmp, 'bad.ndjson'), '{"TimeGenerated":"2026-05-01T10:20:00Z"}\n{"TimeGenerated":"2026-05-01T10:20:00Z","IsInteractive":"maybe"}\n');
    const good = testFile(`cases:\n  - name: from files\n    now: 2026-05-01T12:00:00Z\n    tables:\n      SigninLogs: { file: si.csv }\n      AADNonInteractiveUserSignInLogs: { file: ni.ndjson }\n    expect: { alerts: 1 }\n`);
    assert.equal((await runTests([good])).passed, 1);
    const bad = testFile(`cases:\n  - name: bad data\n    now: 2026-05-01T12:00:00Z\n    tables:\n      AADNonInteractiveUserSignInLogs: { file: bad.ndjson }\n    expect: { alerts: 0 }\n`);
    assert.throws(() => loadTestFile(bad), /bad\.ndjson:2: AADNonInteractiveUserSignInLogs\.IsInteractive is bool: "maybe" is not a bool$/);
  });

  test('--update fills in the expectation of a new case and keeps comments', async () => {
    const file = testFile(`# a comment that stays\ncases:\n  - name: new case # and this one${KATE}\n`);
    const first = await runTests([file]);
    assert.equal(first.failed, 1);
    assert.match(first.files[0]!.cases[0]!.diff.at(-1)!, /has no `expect`; run `kqlwatch test --update`/);
    const updated = await runTests([file], { update: true });
    assert.equal(updated.updated, 1);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /# a comment that stays/);
    assert.match(text, /name: new case # and this one/);
    assert.match(text, /title: Token Pivot - kate@contoso.com NI token from 203.0.113.50 after interactive auth/);
    const again = await runTests([file]);
    assert.deepEqual([again.passed, again.failed], [1, 0]);
  });

  test('incidents: a closed incident is reopened by a later alert when the rule says reopenClosedIncident', async () => {
    const reopening = path.join(tmp, 'reopening-002.yaml');
    writeFileSync(reopening, readFileSync(rule002, 'utf8').replace('reopenClosedIncident: false', 'reopenClosedIncident: true'));
    const file = path.join(tmp, 'reopen.test.yaml');
    writeFileSync(file, `rule: ${JSON.stringify(reopening)}
cases:
  - name: closed, then reopened by the next run's alert
    runs: [2026-05-01T11:00:00Z, { close: 1, classification: BenignPositive }, 2026-05-01T12:00:00Z]${KATE.replace('    now: 2026-05-01T12:00:00Z', '')}
    expect:
      alerts: 2
      incidents: [ { alerts: [1, 2], status: Active } ]
  - name: closed and left closed when no alert follows
    runs: [2026-05-01T11:00:00Z, { close: 1 }]${KATE.replace('    now: 2026-05-01T12:00:00Z', '')}
    expect:
      alerts: 1
      incidents: [ { alerts: [1], status: Closed } ]
`);
    const s = await runTests([file]);
    assert.deepEqual(s.files[0]!.cases.map((c) => [c.status, c.diff]), [['passed', []], ['passed', []]]);
  });

  test('suppression: the run after an alerting run is suppressed for suppressionDuration', async () => {
    const suppressed = path.join(tmp, 'suppressed-002.yaml');
    writeFileSync(suppressed, readFileSync(rule002, 'utf8').replace('\nkind: Scheduled', '\nsuppressionEnabled: true\nsuppressionDuration: 2h\nkind: Scheduled'));
    const file = path.join(tmp, 'suppressed.test.yaml');
    writeFileSync(file, `rule: ${JSON.stringify(suppressed)}
cases:
  - name: 11:00 alerts, 12:00 is suppressed, 13:00 (2h later) runs and alerts again
    runs: [2026-05-01T11:00:00Z, 2026-05-01T12:00:00Z, 2026-05-01T13:00:00Z]${KATE.replace('    now: 2026-05-01T12:00:00Z', '')}
    expect:
      alerts: 2
`);
    const s = await runTests([file]);
    assert.deepEqual(s.files[0]!.cases.map((c) => [c.status, c.diff]), [['passed', []]]);
  });
});
