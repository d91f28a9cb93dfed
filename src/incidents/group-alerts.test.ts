import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../store/store.js';
import { runKqlOnStore } from '../store/run-kql-on-store.js';
import type { Rule } from '../rules/model.js';
import { at, HOUR, insertEvents, testRule, testStore, type EventRow } from '../scheduler/testing/fixtures.js';
import { runRule } from '../scheduler/run-rule.js';
import { listIncidents } from './incident-store.js';
import { assignIncident, closeIncident, setIncidentStatus } from './lifecycle.js';

const perResult = (over: Parameters<typeof testRule>[0] = {}): Rule => testRule({
  eventGroupingSettings: { aggregationKind: 'AlertPerResult' },
  entityMappings: [
    { entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: 'User' }] },
    { entityType: 'IP', fieldMappings: [{ identifier: 'Address', columnName: 'IP' }] },
  ],
  customDetails: { Application: 'App' },
  alertDetailsOverride: { alertDisplayNameFormat: 'Sign-in by {{User}}', alertSeverityColumnName: 'Sev' },
  ...over,
});

/** Runs the rule at each slot over the given events and returns the incidents as [number, alerts, status]. */
async function scenario(rule: Rule, events: EventRow[], slots: string[], between?: (store: Store, i: number) => Promise<void>) {
  const store = await testStore();
  await insertEvents(store, events);
  for (const [i, s] of slots.entries()) {
    await between?.(store, i);
    await runRule(store, rule, at(s));
  }
  const incidents = await listIncidents(store);
  return { store, incidents, summary: incidents.map((i) => [i.number, i.alertIds.length, i.status] as const) };
}

// bob and amy share only the IP; both sign in within the 12:00 run's window, carl in the 13:00 run's.
const shareIp: EventRow[] = [
  { TimeGenerated: at('2026-05-01T11:10:00Z'), User: 'bob@contoso.com', IP: '198.51.100.7', App: 'Teams', Sev: 'Low' },
  { TimeGenerated: at('2026-05-01T11:20:00Z'), User: 'amy@contoso.com', IP: '198.51.100.7', App: 'Teams', Sev: 'High' },
];

test('grouping off: every alert is its own incident; createIncident false: none', async () => {
  const a = await scenario(perResult(), shareIp, ['2026-05-01T12:00:00Z']);
  assert.deepEqual(a.summary, [[1, 1, 'New'], [2, 1, 'New']]);
  a.store.close();
  const b = await scenario(perResult({ createIncident: false }), shareIp, ['2026-05-01T12:00:00Z']);
  assert.deepEqual(b.summary, []);
  b.store.close();
});

test('alerts sharing only the IP group under AnyAlert and Selected-by-IP, not under Selected-by-Account or AllEntities', async () => {
  const cases: [Parameters<typeof testRule>[0], number][] = [
    [{ grouping: { enabled: true, matchingMethod: 'AnyAlert' } }, 1],
    [{ grouping: { enabled: true, matchingMethod: 'Selected', groupByEntities: ['IP'] } }, 1],
    [{ grouping: { enabled: true, matchingMethod: 'Selected', groupByEntities: ['Account'] } }, 2],
    [{ grouping: { enabled: true, matchingMethod: 'AllEntities' } }, 2],
    [{ grouping: { enabled: true, matchingMethod: 'Selected', groupByCustomDetails: ['Application'] } }, 1],
    [{ grouping: { enabled: true, matchingMethod: 'Selected', groupByAlertDetails: ['Severity'] } }, 2],
    [{ grouping: { enabled: true, matchingMethod: 'Selected', groupByEntities: ['IP'], groupByAlertDetails: ['DisplayName'] } }, 2],
  ];
  for (const [over, expected] of cases) {
    const s = await scenario(perResult(over), shareIp, ['2026-05-01T12:00:00Z']);
    assert.equal(s.incidents.length, expected, JSON.stringify(over));
    s.store.close();
  }
});

test('an incident gathers alerts for lookbackDuration after its first alert, then a new one starts', async () => {
  const events: EventRow[] = [
    { TimeGenerated: at('2026-05-01T11:10:00Z'), User: 'bob@contoso.com', IP: '198.51.100.7' },
    { TimeGenerated: at('2026-05-01T14:10:00Z'), User: 'bob@contoso.com', IP: '198.51.100.7' },
    { TimeGenerated: at('2026-05-01T16:10:00Z'), User: 'bob@contoso.com', IP: '198.51.100.7' },
  ];
  const rule = perResult({ grouping: { enabled: true, matchingMethod: 'AllEntities', lookbackDuration: 3 * HOUR } });
  const s = await scenario(rule, events, ['2026-05-01T12:00:00Z', '2026-05-01T15:00:00Z', '2026-05-01T17:00:00Z']);
  // 15:00 − 12:00 = 3 h ≤ lookback: joins; 17:00 − 12:00 = 5 h: a new incident.
  assert.deepEqual(s.summary, [[1, 2, 'New'], [2, 1, 'New']]);
  const i1 = s.incidents[0]!;
  assert.equal(i1.title, 'Sign-in by bob@contoso.com');
  assert.equal(i1.firstActivityTime, BigInt(Date.parse('2026-05-01T11:10:00Z')) * 1_000_000n);
  assert.equal(i1.lastActivityTime, BigInt(Date.parse('2026-05-01T14:10:00Z')) * 1_000_000n);
  assert.deepEqual(i1.entities.map((e) => e.entityType), ['Account', 'IP']);
  s.store.close();
});

test('a closed incident reopens only with reopenClosedIncident', async () => {
  const events: EventRow[] = [
    { TimeGenerated: at('2026-05-01T11:10:00Z'), User: 'bob@contoso.com', IP: '198.51.100.7' },
    { TimeGenerated: at('2026-05-01T12:10:00Z'), User: 'bob@contoso.com', IP: '198.51.100.7' },
  ];
  const closeFirst = async (store: Store, i: number) => {
    if (i !== 1) return;
    const r = await closeIncident(store, 1, { now: at('2026-05-01T12:30:00Z'), classification: 'TruePositive', comment: 'token revoked' });
    assert.ok(r.ok);
  };
  const slots = ['2026-05-01T12:00:00Z', '2026-05-01T13:00:00Z'];
  const noReopen = await scenario(perResult({ grouping: { enabled: true, matchingMethod: 'AnyAlert' } }), events, slots, closeFirst);
  assert.deepEqual(noReopen.summary, [[1, 1, 'Closed'], [2, 1, 'New']]);
  assert.equal(noReopen.incidents[0]!.classification, 'TruePositive');
  assert.equal(noReopen.incidents[0]!.classificationReason, 'SuspiciousActivity');
  noReopen.store.close();
  const reopen = await scenario(perResult({ grouping: { enabled: true, matchingMethod: 'AnyAlert', reopenClosedIncident: true } }), events, slots, closeFirst);
  assert.deepEqual(reopen.summary, [[1, 2, 'Active']]);
  assert.equal(reopen.incidents[0]!.classification, '');
  reopen.store.close();
});

test('at most 150 alerts per incident: the next alert starts a new incident', async () => {
  const events: EventRow[] = Array.from({ length: 150 }, (_, i) => ({
    TimeGenerated: at(new Date(Date.parse('2026-05-01T11:00:00Z') + i * 1000).toISOString()), User: `u${i}@contoso.com`, IP: '10.0.0.1',
  }));
  events.push({ TimeGenerated: at('2026-05-01T12:10:00Z'), User: 'late@contoso.com', IP: '10.0.0.1' });
  const s = await scenario(perResult({ grouping: { enabled: true, matchingMethod: 'AnyAlert' } }), events, ['2026-05-01T12:00:00Z', '2026-05-01T13:00:00Z']);
  assert.deepEqual(s.summary, [[1, 150, 'New'], [2, 1, 'New']]);
  s.store.close();
});

test('severity is the highest of the alerts; every change appends a SecurityIncident row; arg_max gives the latest', async () => {
  const s = await scenario(perResult({ grouping: { enabled: true, matchingMethod: 'AnyAlert' } }), shareIp, ['2026-05-01T12:00:00Z']);
  const { store } = s;
  try {
    assert.equal(s.incidents[0]!.severity, 'High');
    assert.ok((await assignIncident(store, 1, 'ann@contoso.com', { now: at('2026-05-01T12:05:00Z') })).ok);
    assert.ok((await setIncidentStatus(store, 1, 'Active', { now: at('2026-05-01T12:05:00Z') })).ok);
    const bad = await closeIncident(store, 1, { now: at('2026-05-01T12:05:00Z'), classification: 'FalsePositive', reason: 'SuspiciousActivity' });
    assert.equal(bad.ok, false);
    assert.ok((await closeIncident(store, 1, { now: at('2026-05-01T12:05:00Z'), classification: 'FalsePositive', reason: 'InaccurateData' })).ok);
    const q = await runKqlOnStore(store,
      'SecurityIncident | summarize arg_max(TimeGenerated, *) by IncidentNumber | project IncidentNumber, Status, Classification, Owner = tostring(Owner.assignedTo), Alerts = array_length(AlertIds), Severity, Title',
      { now: at('2026-05-02T00:00:00Z') });
    assert.ok(q.ok);
    assert.deepEqual(q.result.rows, [[1, 'Closed', 'FalsePositive', 'ann@contoso.com', 2n, 'High', 'Sign-in by bob@contoso.com']]);
    const n = await runKqlOnStore(store, 'SecurityIncident | summarize count(), dcount(TimeGenerated)', { now: at('2026-05-02T00:00:00Z') });
    assert.ok(n.ok);
    assert.deepEqual(n.result.rows, [[4n, 4n]]);
    assert.equal((await closeIncident(store, 9, { now: at('2026-05-01T12:05:00Z'), classification: 'TruePositive' })).ok, false);
  } finally {
    store.close();
  }
});
