/**
 * Backtest: seed 002 against its variant that also requires another ASN (rules/tests/variants/), over a small stored
 * history worked out by hand. kate's pivot (10:00 interactive from US/AS64510, 10:20 silent from NG/AS64600) is seen by
 * the hourly runs whose window (T − 3h05m, T − 5m] holds both rows: 03:00, 04:00, 05:00 for her 02:00/02:20 pair.
 * leo's pivot (08:00 US/AS64510 → 08:30 CA/AS64510: another IP and country, same network) is seen by 09:00, 10:00,
 * 11:00 and only version A raises it. Incidents group by account within 5 hours, so A has two, B one.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describeRun, makeTempDir, projectRoot, runCli } from '../e2e/cli.js';
import { openStore } from '../store/store.js';
import { insertRows } from '../scheduler/sql-rows.js';
import { backtest } from './backtest.js';
import { loadRuleFile } from '../rules/load-rules.js';

const tmp = makeTempDir('backtest');
after(() => tmp.cleanup());
const A = path.join(projectRoot, 'rules', '002-interactive-to-noninteractive-token-theft.yaml');
const B = path.join(projectRoot, 'rules', 'tests', 'variants', '002-require-asn-change.yaml');
const ns = (iso: string) => BigInt(Date.parse(iso)) * 1_000_000n;

async function history(file: string): Promise<void> {
  const store = await openStore(file);
  await store.ensureTables(['SigninLogs', 'AADNonInteractiveUserSignInLogs']);
  const si = store.catalog.tables.get('SigninLogs')!.columns;
  const ni = store.catalog.tables.get('AADNonInteractiveUserSignInLogs')!.columns;
  const common = { ResultType: '0', AuthenticationRequirement: 'singleFactorAuthentication', ConditionalAccessStatus: 'notApplied' };
  await insertRows(store, 'SigninLogs', si, [
    { ...common, TimeGenerated: ns('2026-05-01T02:00:00Z'), UserPrincipalName: 'kate@contoso.com', IPAddress: '198.51.100.20', Location: 'US', AutonomousSystemNumber: '64510' },
    { ...common, TimeGenerated: ns('2026-05-01T08:00:00Z'), UserPrincipalName: 'leo@contoso.com', IPAddress: '198.51.100.21', Location: 'US', AutonomousSystemNumber: '64510' },
  ]);
  await insertRows(store, 'AADNonInteractiveUserSignInLogs', ni, [
    { ...common, TimeGenerated: ns('2026-05-01T02:20:00Z'), UserPrincipalName: 'kate@contoso.com', IPAddress: '203.0.113.50', Location: 'NG', AutonomousSystemNumber: '64600', AppDisplayName: 'Microsoft Teams' },
    { ...common, TimeGenerated: ns('2026-05-01T08:30:00Z'), UserPrincipalName: 'leo@contoso.com', IPAddress: '198.51.100.99', Location: 'CA', AutonomousSystemNumber: '64510', AppDisplayName: 'Microsoft Teams' },
  ]);
  store.close();
}

test('backtest: A/B of seed 002 and its require-another-ASN variant shows exactly the alerts that disappear', async () => {
  const db = path.join(tmp.dir, 'history.duckdb');
  await history(db);
  const rule = (f: string) => loadRuleFile(f).rules[0]!.rule;
  const r = await backtest(db, { rule: rule(A), file: 'A' }, { rule: rule(B), file: 'B' }, new Date('2026-05-01T00:00:00Z'), new Date('2026-05-01T12:00:00Z'));
  const [a, b] = r.versions;
  assert.deepEqual([a!.runs, a!.alerts, a!.incidents, b!.runs, b!.alerts, b!.incidents], [13, 6, 2, 13, 3, 1]);
  assert.deepEqual(a!.perDay, [{ day: '2026-05-01', alerts: 6, incidents: 2 }]);
  assert.deepEqual(a!.perEntity, [
    { entity: 'Account: Name=kate, UPNSuffix=contoso.com', alerts: 3 },
    { entity: 'Account: Name=leo, UPNSuffix=contoso.com', alerts: 3 },
    { entity: 'IP: Address=198.51.100.99', alerts: 3 },
    { entity: 'IP: Address=203.0.113.50', alerts: 3 },
  ]);
  const d = r.diff!;
  assert.deepEqual(d.onlyA.map((x) => x.slot), ['2026-05-01T09:00:00.000Z', '2026-05-01T10:00:00.000Z', '2026-05-01T11:00:00.000Z']);
  assert.ok(d.onlyA.every((x) => x.title === 'Token Pivot - leo@contoso.com NI token from 198.51.100.99 after interactive auth'));
  assert.deepEqual(d.onlyB, []);
  assert.deepEqual(d.both.map((x) => x.slot), ['2026-05-01T03:00:00.000Z', '2026-05-01T04:00:00.000Z', '2026-05-01T05:00:00.000Z']);
  assert.deepEqual(d.entitiesOnlyA, ['Account: Name=leo, UPNSuffix=contoso.com', 'IP: Address=198.51.100.99']);
  assert.deepEqual(d.entitiesOnlyB, []);

  // The database was only read: no alerts, incidents or run state were written to it.
  const store = await openStore(db);
  const tables = await store.connection.runAndReadAll(`SELECT table_name FROM duckdb_tables() ORDER BY 1`);
  store.close();
  assert.deepEqual(tables.getRows().map((x) => x[0]), ['AADNonInteractiveUserSignInLogs', 'SigninLogs']);

  // The CLI: table and JSON.
  const args = ['backtest', '--db', db, '--rule', A, '--against', B, '--from', '2026-05-01T00:00:00Z', '--to', '2026-05-01T12:00:00Z'];
  const text = await runCli(args);
  assert.equal(text.code, 0, describeRun(text));
  assert.match(text.stdout, /Difference: 3 alerts only A raises, 0 only B, 3 both/);
  assert.match(text.stdout, /Entities only A alerts on: Account: Name=leo, UPNSuffix=contoso\.com; IP: Address=198\.51\.100\.99/);
  const json = await runCli([...args, '--format', 'json']);
  assert.equal(json.code, 0, describeRun(json));
  const parsed = JSON.parse(json.stdout) as { diff: { onlyA: unknown[]; both: unknown[] } };
  assert.deepEqual([parsed.diff.onlyA.length, parsed.diff.both.length], [3, 3]);
  assert.ok(existsSync(db));
});
