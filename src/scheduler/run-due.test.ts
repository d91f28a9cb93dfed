import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, insertEvents, testRule, testStore } from './testing/fixtures.js';
import { runRule } from './run-rule.js';
import { runDueRules } from './run-due.js';
import { selectRows } from './sql-rows.js';
import type { Store } from '../store/store.js';

// Three rules due at the same slot: their queries run side by side on reader connections (run-due.ts).
const rules = [
  testRule({ id: 'r-users', name: 'Users', query: 'Events | summarize n = count() by User | order by User asc' }),
  testRule({ id: 'r-broken', name: 'Does not compile', query: 'Events | where NoSuchColumn == 1' }),
  testRule({ id: 'r-ips', name: 'IPs', query: 'Events | where isnotempty(IP) | project TimeGenerated, IP' }),
];

async function seeded(): Promise<Store> {
  const store = await testStore();
  await insertEvents(store, [
    { TimeGenerated: at('2026-05-01T11:10:00Z'), User: 'alice', IP: '203.0.113.5' },
    { TimeGenerated: at('2026-05-01T11:20:00Z'), User: 'bob' },
    { TimeGenerated: at('2026-05-01T11:30:00Z'), User: 'alice', IP: '198.51.100.7' },
  ]);
  return store;
}

async function stored(store: Store) {
  const alerts = await selectRows(store, `SELECT AlertName, ExtendedProperties FROM SecurityAlert ORDER BY AlertName`);
  const runs = await selectRows(store, `SELECT RuleId, Status, RowsReturned, AlertsCreated, Error FROM kqlwatch_rule_runs ORDER BY RuleId`);
  return { alerts, runs };
}

test('the runs of one slot, queried side by side, store what running them one by one stores', async () => {
  const now = at('2026-05-01T12:00:00Z');
  const together = await seeded();
  const apart = await seeded();
  try {
    const outcomes = await runDueRules(together, rules, now);
    assert.deepEqual(outcomes.map((o) => o.record.ruleId), rules.map((r) => r.id), 'in rule order');
    for (const rule of rules) await runRule(apart, rule, now);
    const a = await stored(together);
    const b = await stored(apart);
    assert.deepEqual(a, b);
    assert.deepEqual(a.runs.map((r) => [r.RuleId, r.Status, r.RowsReturned]), [
      ['r-broken', 'Failure', 0n], ['r-ips', 'Success', 2n], ['r-users', 'Success', 2n],
    ]);
    assert.equal(a.alerts.length, 2);
  } finally {
    together.close();
    apart.close();
  }
});

test('a slot whose rules read a table no one has written yet: the table is made before the queries start', async () => {
  const store = await testStore();
  try {
    const outcomes = await runDueRules(store, rules, at('2026-05-01T12:00:00Z'));
    assert.deepEqual(outcomes.map((o) => [o.record.ruleId, o.record.status]),
      [['r-users', 'Success'], ['r-broken', 'Failure'], ['r-ips', 'Success']]);
  } finally {
    store.close();
  }
});

test('a rule of a slot that reads the alerts table sees it as the slot began, though an earlier run of the slot adds its columns', async () => {
  const store = await seeded();
  const pair = [
    testRule({ id: 'r-alerting', name: 'Alerting', query: 'Events | project TimeGenerated, User' }),
    // Reads what the scheduler writes: the first alert ever stored adds SecurityAlert's columns.
    testRule({ id: 'r-reads-alerts', name: 'Reads alerts', query: 'SecurityAlert | summarize n = count() by AlertName' }),
  ];
  try {
    const first = await runDueRules(store, pair, at('2026-05-01T12:00:00Z'));
    assert.deepEqual(first.map((o) => [o.record.ruleId, o.record.status, o.record.rowsReturned, o.record.error]),
      [['r-alerting', 'Success', 3, ''], ['r-reads-alerts', 'Success', 0, '']]);
    const second = await runDueRules(store, pair, at('2026-05-01T13:00:00Z'));
    const reads = second.find((o) => o.record.ruleId === 'r-reads-alerts')!;
    assert.equal(reads.record.status, 'Success');
    assert.equal(reads.record.rowsReturned, 1, 'the alert of the first slot, stored before the second slot began');
  } finally {
    store.close();
  }
});
