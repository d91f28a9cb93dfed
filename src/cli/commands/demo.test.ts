/**
 * `kqlwatch demo --no-serve` and `kqlwatch eval` end to end, through the real executable, on a tiny tenant: the
 * demo's summary names each rule of the pack, SecurityAlert and SecurityIncident have rows, a second run reuses
 * the database and --fresh starts clean; eval on an NDJSON directory prints the table and the JSON objects.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { assertNoStackTrace, describeRun, makeTempDir, projectRoot, runCli } from '../../e2e/cli.js';

const { dir, cleanup } = makeTempDir('demo');
after(cleanup);

const RULE_NAMES = [
  'Non-Interactive Sign-In from Threat Intelligence IP',
  'Non-Interactive Sign-Ins by Identity Protection Risky Users',
  'Interactive to Non-Interactive Token Theft Pivot',
  'Non-Interactive Auth Followed by Privileged Audit Actions',
  'Anomalous non-interactive token issuance after interactive sign-in (AiTM pattern)',
];

async function count(db: string, query: string): Promise<number> {
  const r = await runCli(['query', '--db', db, '--format', 'json', query]);
  assert.equal(r.code, 0, describeRun(r));
  return (JSON.parse(r.stdout.trim()) as { n: number }).n;
}

describe('kqlwatch demo', () => {
  const db = path.join(dir, 'demo.duckdb');

  test('--no-serve: simulates, replays the pack, summarises per rule, and exits', async () => {
    const r = await runCli(['demo', '--no-serve', '--users', '15', '--db', db], { cwd: dir });
    assert.equal(r.code, 0, describeRun(r));
    assertNoStackTrace(r.stderr, 'stderr');
    for (const name of RULE_NAMES) assert.ok(r.stdout.includes(name), `the summary does not mention '${name}'\n${r.stdout}`);
    for (const table of ['SigninLogs', 'AADNonInteractiveUserSignInLogs', 'AuditLogs', 'AADRiskyUsers', 'ThreatIntelIndicators', 'IdentityInfo']) {
      assert.match(r.stdout, new RegExp(`${table}\\s+[1-9]\\d*`), `no row count for ${table}`);
    }
    assert.match(r.stdout, /done in \d+\.\d s/);
    assert.ok(r.stdout.includes(`kqlwatch query --db ${db}`), 'says how to query the database');
    assert.ok(existsSync(`${db}.labels.json`));
    assert.ok(await count(db, 'SecurityAlert | count | project n = Count') > 0);
    assert.ok(await count(db, 'SecurityIncident | count | project n = Count') > 0);
  });

  test('a second run reuses the database and says so; --fresh starts clean; both flags together are refused', async () => {
    const alerts = await count(db, 'SecurityAlert | count | project n = Count');
    const again = await runCli(['demo', '--no-serve', '--db', db], { cwd: dir });
    assert.equal(again.code, 0, describeRun(again));
    assert.match(again.stdout, /reusing the existing .*--fresh/);
    assert.equal(await count(db, 'SecurityAlert | count | project n = Count'), alerts, 'reuse runs nothing twice');

    const fresh = await runCli(['demo', '--no-serve', '--fresh', '--users', '12', '--db', db], { cwd: dir });
    assert.equal(fresh.code, 0, describeRun(fresh));
    assert.match(fresh.stdout, /deleted the existing/);
    assert.match(fresh.stdout, /simulated 12 accounts/);

    const both = await runCli(['demo', '--fresh', '--reuse', '--db', db], { cwd: dir });
    assert.equal(both.code, 2, describeRun(both));
  });
});

describe('kqlwatch eval', () => {
  test('on an NDJSON directory: the table, then --format json with one object per rule', async () => {
    const out = path.join(dir, 'tenant');
    const sim = await runCli(['simulate', '--users', '30', '--seed', 'e2e', '--now', '2026-05-01T12:00:00Z', '--out', out]);
    assert.equal(sim.code, 0, describeRun(sim));
    const rules = path.join(projectRoot, 'rules');
    const table = await runCli(['eval', '--rules', rules, '--data', out]);
    assert.equal(table.code, 0, describeRun(table));
    assert.match(table.stdout, /rule\s+tp\s+fp\s+fn\s+precision\s+recall/);
    for (const name of RULE_NAMES) assert.ok(table.stdout.includes(name), table.stdout);

    const json = await runCli(['eval', '--rules', rules, '--data', out, '--format', 'json']);
    assert.equal(json.code, 0, describeRun(json));
    const objects = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(objects.map((o) => o.rule), RULE_NAMES);
    for (const o of objects) {
      assert.deepEqual(Object.keys(o).slice(0, 6), ['rule', 'tp', 'fp', 'fn', 'precision', 'recall']);
      assert.ok((o.tp as number) >= 1, `${String(o.rule)}: no true positive`);
    }
  });

  test('data without labels is refused with a message', async () => {
    const r = await runCli(['eval', '--rules', path.join(projectRoot, 'rules'), '--data', dir]);
    assert.equal(r.code, 1, describeRun(r));
    assert.match(r.stderr, /no labels at/);
    assertNoStackTrace(r.stderr, 'stderr');
  });
});
