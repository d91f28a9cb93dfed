import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Cell, QueryResult } from '../kql/engine-types.js';
import type { Column } from '../kql/plan/types.js';
import { testRule } from '../scheduler/testing/fixtures.js';
import { buildAlerts, isTriggered } from './build-alerts.js';
import { entitiesJson } from './entities.js';
import { fillTemplate } from './overrides.js';

const ns = (iso: string) => BigInt(Date.parse(iso)) * 1_000_000n;
const columns: Column[] = [
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'User', type: 'string' },
  { name: 'IP', type: 'string' },
  { name: 'Tags', type: 'dynamic' },
  { name: 'Sev', type: 'string' },
  { name: 'Count', type: 'long' },
];
const row = (t: string, user: string, ip: string, tags: string | null = null, sev = '', count = 1n): Cell[] => [ns(t), user, ip, tags, sev, count];
const run = { scheduledTime: new Date('2026-05-01T12:00:00Z'), windowStart: new Date('2026-05-01T10:55:00Z'), windowEnd: new Date('2026-05-01T11:55:00Z') };
const result = (rows: Cell[][]): QueryResult => ({ columns, rows });

test('trigger operators compare the row count with the threshold', () => {
  const r = (op: 'gt' | 'lt' | 'eq' | 'ne', th: number) => testRule({ triggerOperator: op, triggerThreshold: th });
  assert.deepEqual([0, 1, 2].map((n) => isTriggered(r('gt', 1), n)), [false, false, true]);
  assert.deepEqual([0, 1, 2].map((n) => isTriggered(r('lt', 1), n)), [true, false, false]);
  assert.deepEqual([0, 1, 2].map((n) => isTriggered(r('eq', 1), n)), [false, true, false]);
  assert.deepEqual([0, 1, 2].map((n) => isTriggered(r('ne', 1), n)), [true, false, true]);
});

test('SingleAlert: one alert over every row, start/end from TimeGenerated, evidence = the rows', () => {
  const rows = [row('2026-05-01T11:10:00Z', 'bob@contoso.com', '1.1.1.1'), row('2026-05-01T11:40:00Z', 'amy@contoso.com', '2.2.2.2')];
  const out = buildAlerts(testRule(), result(rows), run);
  assert.equal(out.alerts.length, 1);
  const a = out.alerts[0]!;
  assert.equal(a.displayName, 'Test rule');
  assert.equal(a.description, 'A rule under test');
  assert.equal(a.startTime, ns('2026-05-01T11:10:00Z'));
  assert.equal(a.endTime, ns('2026-05-01T11:40:00Z'));
  assert.equal(a.timeGenerated, ns('2026-05-01T12:00:00Z'));
  assert.equal(a.evidence.length, 2);
  assert.equal(a.extendedProperties['Search Query Results Overall Count'], '2');
  assert.equal(a.extendedProperties['Query Period'], '01:00:00');
  assert.equal(a.extendedProperties['Query Start Time UTC'], '2026-05-01T10:55:00.0000000Z');
  // Deterministic ids: same rule, slot and position → same id.
  assert.equal(buildAlerts(testRule(), result(rows), run).alerts[0]!.systemAlertId, a.systemAlertId);
  assert.match(a.systemAlertId, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('no TimeGenerated column: start/end are the query window', () => {
  const out = buildAlerts(testRule(), { columns: [{ name: 'n', type: 'long' }], rows: [[3n]] }, run);
  assert.equal(out.alerts[0]!.startTime, ns('2026-05-01T10:55:00Z'));
  assert.equal(out.alerts[0]!.endTime, ns('2026-05-01T11:55:00Z'));
});

test('AlertPerResult: one alert per row up to 150, then 149 + a summary of all rows', () => {
  const rule = testRule({ eventGroupingSettings: { aggregationKind: 'AlertPerResult' } });
  const few = buildAlerts(rule, result([row('2026-05-01T11:00:00Z', 'a@x.com', '1.1.1.1'), row('2026-05-01T11:01:00Z', 'b@x.com', '1.1.1.2')]), run);
  assert.equal(few.alerts.length, 2);
  assert.deepEqual(few.alerts.map((a) => a.evidence.length), [1, 1]);
  assert.equal(few.rowsCutByCaps, 0);

  const many = Array.from({ length: 200 }, (_, i) => row(new Date(Date.parse('2026-05-01T11:00:00Z') + i * 1000).toISOString(), `u${i}@x.com`, `10.0.0.${i % 250}`));
  const capped = buildAlerts(rule, result(many), run);
  assert.equal(capped.alerts.length, 150);
  assert.equal(capped.alerts.filter((a) => a.isSummary).length, 1);
  const summary = capped.alerts[149]!;
  assert.equal(summary.isSummary, true);
  assert.equal(summary.evidence.length, 200);
  assert.equal(capped.rowsCutByCaps, 51);
  assert.match(capped.notes[0]!, /200 results exceed the 150-alert cap/);
  assert.equal(new Set(capped.alerts.map((a) => a.systemAlertId)).size, 150);

  const nrt = buildAlerts({ ...rule, kind: 'NRT' }, result(many.slice(0, 40)), run);
  assert.equal(nrt.alerts.length, 30);
  assert.equal(nrt.alerts[29]!.evidence.length, 40);
  assert.equal(nrt.rowsCutByCaps, 11);
});

test('templates fill from the alert row; an empty placeholder falls back to the rule text; dynamic renders as JSON', () => {
  const rule = testRule({
    eventGroupingSettings: { aggregationKind: 'AlertPerResult' },
    alertDetailsOverride: {
      alertDisplayNameFormat: 'Sign-in for {{User}} from {{ IP }}',
      alertDescriptionFormat: 'Tags: {{Tags}}, count {{Count}}',
    },
  });
  const out = buildAlerts(rule, result([
    row('2026-05-01T11:00:00Z', 'bob@contoso.com', '1.1.1.1', '["c2","aitm"]'),
    row('2026-05-01T11:01:00Z', 'amy@contoso.com', '', '[]'),
  ]), run);
  assert.equal(out.alerts[0]!.displayName, 'Sign-in for bob@contoso.com from 1.1.1.1');
  assert.equal(out.alerts[0]!.description, 'Tags: ["c2","aitm"], count 1');
  assert.equal(out.alerts[1]!.displayName, 'Test rule');
  assert.equal(out.alerts[1]!.description, 'A rule under test');
  assert.equal(fillTemplate('{{Missing}}', columns, row('2026-05-01T11:00:00Z', 'a', 'b')), undefined);
  // SingleAlert fills from the first row.
  const single = buildAlerts({ ...rule, eventGroupingSettings: { aggregationKind: 'SingleAlert' } }, result([
    row('2026-05-01T11:00:00Z', 'bob@contoso.com', '1.1.1.1'), row('2026-05-01T11:01:00Z', 'amy@contoso.com', '2.2.2.2'),
  ]), run);
  assert.equal(single.alerts[0]!.displayName, 'Sign-in for bob@contoso.com from 1.1.1.1');
});

test('severity and tactics columns override when valid, else the rule values stay', () => {
  const rule = testRule({
    eventGroupingSettings: { aggregationKind: 'AlertPerResult' },
    alertDetailsOverride: { alertSeverityColumnName: 'Sev', alertTacticsColumnName: 'Tags' },
  });
  const out = buildAlerts(rule, result([
    row('2026-05-01T11:00:00Z', 'a', 'b', '["InitialAccess","persistence"]', 'high'),
    row('2026-05-01T11:00:00Z', 'a', 'b', '["NotATactic"]', 'Critical'),
  ]), run);
  assert.equal(out.alerts[0]!.severity, 'High');
  assert.deepEqual(out.alerts[0]!.tactics, ['InitialAccess', 'Persistence']);
  assert.equal(out.alerts[1]!.severity, 'Medium');
  assert.deepEqual(out.alerts[1]!.tactics, ['CredentialAccess']);
});

test('custom details are arrays of the column values as text, empty values left out', () => {
  const rule = testRule({ customDetails: { Users: 'User', Tags: 'Tags', Hits: 'Count', Nothing: 'Sev' } });
  const out = buildAlerts(rule, result([
    row('2026-05-01T11:00:00Z', 'bob@contoso.com', '1.1.1.1', '["c2"]', '', 3n),
    row('2026-05-01T11:01:00Z', 'amy@contoso.com', '2.2.2.2', null, '', 4n),
  ]), run);
  const a = out.alerts[0]!;
  assert.deepEqual(a.customDetails, { Users: ['bob@contoso.com', 'amy@contoso.com'], Tags: ['["c2"]'], Hits: ['3', '4'] });
  assert.deepEqual(JSON.parse(a.extendedProperties['Custom Details']!), a.customDetails);
});

test('entities: empty identifiers dropped, the same entity merged, FullName split, generic names dropped', () => {
  const rule = testRule({
    entityMappings: [
      { entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: 'User' }] },
      { entityType: 'IP', fieldMappings: [{ identifier: 'Address', columnName: 'IP' }] },
      { entityType: 'Account', fieldMappings: [{ identifier: 'Name', columnName: 'Sev' }] },
    ],
  });
  const out = buildAlerts(rule, result([
    row('2026-05-01T11:00:00Z', 'bob@contoso.com', '1.1.1.1', null, 'Administrator'),
    row('2026-05-01T11:01:00Z', 'bob@contoso.com', '', null, 'svc-backup'),
    row('2026-05-01T11:02:00Z', 'CONTOSO\\amy', '1.1.1.1'),
  ]), run);
  const a = out.alerts[0]!;
  assert.deepEqual(JSON.parse(entitiesJson(a.entities)), [
    { $id: '2', Name: 'bob', UPNSuffix: 'contoso.com', Type: 'account' },
    { $id: '3', NTDomain: 'CONTOSO', Name: 'amy', Type: 'account' },
    { $id: '4', Address: '1.1.1.1', Type: 'ip' },
    { $id: '5', Name: 'svc-backup', Type: 'account' },
  ]);
  assert.equal(out.entitiesDropped, 1);
  assert.ok(out.notes.some((n) => /generic account names/.test(n)));
});

test('entities: at most 500 per alert, shared equally among the mappings', () => {
  const rule = testRule({
    entityMappings: [
      { entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: 'User' }] },
      { entityType: 'IP', fieldMappings: [{ identifier: 'Address', columnName: 'IP' }] },
    ],
  });
  const rows = Array.from({ length: 300 }, (_, i) => row('2026-05-01T11:00:00Z', `u${i}@x.com`, i < 10 ? `10.0.0.${i}` : '10.0.0.0'));
  const out = buildAlerts(rule, result(rows), run);
  const a = out.alerts[0]!;
  assert.equal(a.entities.filter((e) => e.entityType === 'Account').length, 250);
  assert.equal(a.entities.filter((e) => e.entityType === 'IP').length, 10);
  assert.equal(out.entitiesDropped, 50);
});
