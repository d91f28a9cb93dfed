/**
 * The scheduler commands end to end through the real executable: replay over a morning, run at the same now
 * (nothing twice), alerts and incidents read back as JSON lines, an incident closed from the command line.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeRun, makeTempDir, projectRoot, runCli } from '../../e2e/cli.js';

const tmp = makeTempDir('scheduler');
after(() => tmp.cleanup());

const RULE = `id: 5f0c1d2e-3a4b-4c5d-8e6f-708192a3b4c5
name: Interactive sign-in seen
description: Every interactive sign-in, one alert each.
severity: Low
requiredDataConnectors: []
queryFrequency: 1h
queryPeriod: 1h
triggerOperator: gt
triggerThreshold: 0
tactics:
  - InitialAccess
relevantTechniques:
  - T1078
query: |
  SigninLogs
  | project TimeGenerated, UserPrincipalName, IPAddress
entityMappings:
  - entityType: Account
    fieldMappings:
      - identifier: FullName
        columnName: UserPrincipalName
alertDetailsOverride:
  alertDisplayNameFormat: "Sign-in by {{UserPrincipalName}}"
eventGroupingSettings:
  aggregationKind: AlertPerResult
incidentConfiguration:
  createIncident: true
  groupingConfiguration:
    enabled: true
    reopenClosedIncident: false
    lookbackDuration: PT5H
    matchingMethod: AnyAlert
    groupByEntities: []
    groupByAlertDetails: []
    groupByCustomDetails: []
kind: Scheduled
version: 1.0.0
`;

test('replay, run, alerts, incidents and close through the command line', async () => {
  const db = path.join(tmp.dir, 'store.duckdb');
  const ruleFile = path.join(tmp.dir, 'rule.yaml');
  writeFileSync(ruleFile, RULE);
  const signins = path.join(projectRoot, 'test', 'seeds', 'fixtures', 'common', 'SigninLogs.ndjson');
  const ingest = await runCli(['ingest', '--db', db, '--table', 'SigninLogs', signins]);
  assert.equal(ingest.code, 0, describeRun(ingest));

  // Slots 10:00, 11:00, 12:00 see (08:55, 09:55], (09:55, 10:55], (10:55, 11:55]: ann 09:50, ann 10:30, cara 11:00.
  const replay = await runCli(['replay', '--db', db, '--rules', ruleFile, '--from', '2026-05-01T10:00:00Z', '--to', '2026-05-01T12:00:00Z']);
  assert.equal(replay.code, 0, describeRun(replay));
  assert.match(replay.stdout, /^3 runs, 3 alerts, 1 incidents created, 2 updated, 0 suppressed, 0 failed$/m);

  const again = await runCli(['run', '--db', db, '--rules', ruleFile, '--now', '2026-05-01T12:04:59Z']);
  assert.equal(again.code, 0, describeRun(again));
  assert.match(again.stdout, /^0 runs, 0 alerts/m);

  const alerts = await runCli(['alerts', '--db', db, '--format', 'json']);
  assert.equal(alerts.code, 0, describeRun(alerts));
  const rows = alerts.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(rows.map((r) => [r.TimeGenerated, r.DisplayName, r.StartTime, r.AlertType, r.ProviderName]), [
    ['2026-05-01T10:00:00.0000000Z', 'Sign-in by ann@contoso.com', '2026-05-01T09:50:00.0000000Z', '5f0c1d2e-3a4b-4c5d-8e6f-708192a3b4c5', 'ASI Scheduled Alerts'],
    ['2026-05-01T11:00:00.0000000Z', 'Sign-in by ann@contoso.com', '2026-05-01T10:30:00.0000000Z', '5f0c1d2e-3a4b-4c5d-8e6f-708192a3b4c5', 'ASI Scheduled Alerts'],
    ['2026-05-01T12:00:00.0000000Z', 'Sign-in by cara@contoso.com', '2026-05-01T11:00:00.0000000Z', '5f0c1d2e-3a4b-4c5d-8e6f-708192a3b4c5', 'ASI Scheduled Alerts'],
  ]);
  assert.deepEqual(JSON.parse(String(rows[2]!.Entities)), [{ $id: '2', Name: 'cara', UPNSuffix: 'contoso.com', Type: 'account' }]);

  const close = await runCli(['incidents', 'close', '1', '--db', db, '--classification', 'BenignPositive', '--comment', 'expected', '--now', '2026-05-01T12:30:00Z']);
  assert.equal(close.code, 0, describeRun(close));
  const incidents = await runCli(['incidents', '--db', db, '--format', 'json']);
  assert.equal(incidents.code, 0, describeRun(incidents));
  const inc = incidents.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(inc.length, 1);
  assert.deepEqual([inc[0]!.IncidentNumber, inc[0]!.Title, inc[0]!.Status, inc[0]!.Classification, inc[0]!.ClassificationReason, (inc[0]!.AlertIds as unknown[]).length],
    [1, 'Sign-in by ann@contoso.com', 'Closed', 'BenignPositive', 'SuspiciousButExpected', 3]);

  const bad = await runCli(['incidents', 'close', '7', '--db', db, '--classification', 'TruePositive']);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /no incident number 7/);
});
