import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/store.js';
import { runKqlOnStore } from '../store/run-kql-on-store.js';
import { makeCatalog } from '../kql/syntax/catalog.js';
import { at, EVENTS, HOUR, insertEvents, MIN, testRule, testStore } from './testing/fixtures.js';
import { runRule } from './run-rule.js';
import { runDueRules } from './run-due.js';
import { listRuns } from './run-state.js';
import { replay, replayTicks } from './replay.js';
import { ruleWindow, scheduledTimes } from './windows.js';
import { selectRows } from './sql-rows.js';
import { defaultCatalog } from '../store/schemas.js';

test('a run scheduled at T sees T−5m−period < TimeGenerated ≤ T−5m, with now() at the window end', async () => {
  const store = await testStore();
  try {
    await insertEvents(store, [
      { TimeGenerated: at('2026-05-01T10:55:00Z'), User: 'edge-start' },
      { TimeGenerated: at('2026-05-01T10:55:01Z'), User: 'first' },
      { TimeGenerated: at('2026-05-01T11:55:00Z'), User: 'edge-end' },
      { TimeGenerated: at('2026-05-01T11:56:00Z'), User: 'too-late' },
    ]);
    const rule = testRule({ query: 'Events | extend Now = now() | project TimeGenerated, User, Now | order by TimeGenerated asc' });
    const out = await runRule(store, rule, at('2026-05-01T12:00:00Z'));
    assert.equal(out.record.status, 'Success');
    assert.equal(out.record.rowsReturned, 2);
    assert.deepEqual(out.record.windowStart, at('2026-05-01T10:55:00Z'));
    assert.deepEqual(out.record.windowEnd, at('2026-05-01T11:55:00Z'));
    const ev = await selectRows(store, `SELECT Row FROM kqlwatch_alert_evidence ORDER BY RowIndex`);
    assert.deepEqual(ev.map((r) => JSON.parse(String(r.Row))), [
      { TimeGenerated: '2026-05-01T10:55:01.0000000Z', User: 'first', Now: '2026-05-01T11:55:00.0000000Z' },
      { TimeGenerated: '2026-05-01T11:55:00.0000000Z', User: 'edge-end', Now: '2026-05-01T11:55:00.0000000Z' },
    ]);
  } finally {
    store.close();
  }
});

test('NRT: every minute over the minute ending two minutes before', () => {
  const w = ruleWindow(testRule({ kind: 'NRT' }), at('2026-05-01T12:00:00Z'));
  assert.deepEqual([w.start, w.end, w.now], [at('2026-05-01T11:57:00Z'), at('2026-05-01T11:58:00Z'), at('2026-05-01T11:58:00Z')]);
  assert.equal(scheduledTimes(testRule({ kind: 'NRT' }), at('2026-05-01T11:57:00Z'), at('2026-05-01T12:00:30Z')).length, 3);
});

test('stored alerts are SecurityAlert rows that KQL reads back; the run is in kqlwatch_rule_runs and SentinelHealth', async () => {
  const store = await testStore();
  try {
    await insertEvents(store, [{ TimeGenerated: at('2026-05-01T11:30:00Z'), User: 'bob@contoso.com', IP: '203.0.113.5' }]);
    const rule = testRule({
      entityMappings: [{ entityType: 'IP', fieldMappings: [{ identifier: 'Address', columnName: 'IP' }] }],
      customDetails: { Who: 'User' },
    });
    const out = await runRule(store, rule, at('2026-05-01T12:00:00Z'));
    assert.equal(out.record.alertsCreated, 1);
    const q = await runKqlOnStore(store,
      'SecurityAlert | project AlertName, AlertType, AlertSeverity, Entities, Props = parse_json(ExtendedProperties), Tactics, ProviderName, ProductName, Status, StartTime, TimeGenerated',
      { now: at('2026-05-02T00:00:00Z') });
    assert.ok(q.ok);
    const [row] = q.result.rows;
    assert.equal(row![0], 'Test rule');
    assert.equal(row![1], 'rule-1');
    assert.equal(row![2], 'Medium');
    assert.deepEqual(JSON.parse(String(row![3])), [{ $id: '2', Address: '203.0.113.5', Type: 'ip' }]);
    assert.deepEqual(JSON.parse(JSON.parse(String(row![4]))['Custom Details']), { Who: ['bob@contoso.com'] });
    assert.deepEqual(row!.slice(5, 9), ['CredentialAccess', 'ASI Scheduled Alerts', 'Azure Sentinel', 'New']);
    assert.equal(row![9], BigInt(Date.parse('2026-05-01T11:30:00Z')) * 1_000_000n);
    assert.equal(row![10], BigInt(Date.parse('2026-05-01T12:00:00Z')) * 1_000_000n);
    const health = await runKqlOnStore(store, 'SentinelHealth | project SentinelResourceId, Status, AlertsGenerated = toint(ExtendedProperties.AlertsGeneratedAmount)', { now: at('2026-05-02T00:00:00Z') });
    assert.ok(health.ok);
    assert.deepEqual(health.result.rows, [['rule-1', 'Success', 1]]);
  } finally {
    store.close();
  }
});

test('a query that fails is recorded as a failed run with its diagnostic, and is not run again', async () => {
  const store = await testStore();
  try {
    const rule = testRule({ query: 'Events | where NoSuchColumn > 1' });
    const first = await runRule(store, rule, at('2026-05-01T12:00:00Z'));
    assert.equal(first.record.status, 'Failure');
    assert.match(first.record.error, /NoSuchColumn/);
    const again = await runRule(store, rule, at('2026-05-01T12:00:00Z'));
    assert.equal(again.ran, false);
    assert.equal((await listRuns(store)).length, 1);
  } finally {
    store.close();
  }
});

test('suppression: no query for suppressionDuration after an alerting run', async () => {
  const store = await testStore();
  try {
    await insertEvents(store, [
      { TimeGenerated: at('2026-05-01T11:30:00Z'), User: 'a' },
      { TimeGenerated: at('2026-05-01T12:30:00Z'), User: 'b' },
      { TimeGenerated: at('2026-05-01T13:30:00Z'), User: 'c' },
    ]);
    const rule = testRule({ suppressionEnabled: true, suppressionDuration: 2 * HOUR, query: 'Events | where User != "zzz"' });
    const runs = await runDueRules(store, [rule], at('2026-05-01T12:00:00Z'));
    assert.equal(runs.length, 1);
    await runDueRules(store, [rule], at('2026-05-01T15:00:00Z'));
    const records = await listRuns(store);
    assert.deepEqual(records.map((r) => [r.scheduledTime.toISOString().slice(11, 16), r.status, r.alertsCreated]), [
      ['12:00', 'Success', 1],
      ['13:00', 'Suppressed', 0],
      ['14:00', 'Success', 1],
      ['15:00', 'Suppressed', 0],
    ]);
  } finally {
    store.close();
  }
});

test('restart safety: running twice at the same now runs nothing twice; after a restart missed slots are caught up in order', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kqlwatch-sched-'));
  const file = join(dir, 'store.duckdb');
  const d = defaultCatalog();
  const catalog = makeCatalog([EVENTS, ...['SecurityAlert', 'SecurityIncident', 'SentinelHealth'].map((n) => d.tables.get(n)!)]);
  const hourly = testRule({ id: 'hourly' });
  const quarter = testRule({ id: 'quarter', queryFrequency: 15 * MIN, queryPeriod: 15 * MIN });
  try {
    let store = await openStore(file, { catalog });
    assert.equal((await runDueRules(store, [hourly, quarter], at('2026-05-01T12:07:00Z'))).length, 2);
    assert.equal((await runDueRules(store, [hourly, quarter], at('2026-05-01T12:07:00Z'))).length, 0);
    store.close();
    // "Crash": the process is gone for 70 minutes; the next start catches up every slot, oldest first.
    store = await openStore(file, { catalog });
    const caught = await runDueRules(store, [hourly, quarter], at('2026-05-01T13:17:00Z'));
    assert.deepEqual(caught.map((o) => `${o.record.ruleId}@${o.record.scheduledTime.toISOString().slice(11, 16)}`), [
      'quarter@12:15', 'quarter@12:30', 'quarter@12:45', 'hourly@13:00', 'quarter@13:00', 'quarter@13:15',
    ]);
    const all = await listRuns(store);
    assert.equal(all.length, 8);
    assert.equal(new Set(all.map((r) => r.ruleId + r.scheduledTime.toISOString())).size, 8);
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('replay over a day runs each rule at each of its slots, once', async () => {
  const store = await testStore();
  try {
    await insertEvents(store, [{ TimeGenerated: at('2026-05-01T09:10:00Z'), User: 'amy@contoso.com' }]);
    const hourly = testRule({ id: 'hourly' });
    const quarter = testRule({ id: 'quarter', queryFrequency: 15 * MIN, queryPeriod: 15 * MIN });
    const disabled = testRule({ id: 'off', enabled: false });
    const from = at('2026-05-01T00:00:00Z');
    const to = at('2026-05-01T23:59:59Z');
    assert.equal(replayTicks([hourly, quarter, disabled], from, to).length, 96);
    const out = await replay(store, [hourly, quarter, disabled], from, to);
    assert.equal(out.length, 24 + 96);
    const runs = await listRuns(store);
    assert.equal(runs.filter((r) => r.ruleId === 'hourly').length, 24);
    assert.equal(runs.filter((r) => r.ruleId === 'quarter').length, 96);
    // The event at 09:10 is seen by the hourly run at 10:00 (window (08:55, 09:55]) and the 15-minute run at 09:15 ((08:55, 09:10]).
    assert.deepEqual(runs.filter((r) => r.alertsCreated > 0).map((r) => `${r.ruleId}@${r.scheduledTime.toISOString().slice(11, 16)}`),
      ['quarter@09:15', 'hourly@10:00']);
    assert.equal((await replay(store, [hourly, quarter], from, to)).length, 0);
  } finally {
    store.close();
  }
});
