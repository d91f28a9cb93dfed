/**
 * Each input format on fixture files that follow the documented shapes field for field (the diagnostic-settings
 * records are the real samples of ../shared/schemas/samples/), asserting the mapped column values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/store.js';
import { ingestFiles } from './ingest-files.js';
import { listRejections } from './quarantine.js';
import { fixture, iso, NOW, row, withStore } from './testing/fixture-store.js';

test('diagnostic settings, storage JSON Lines: each category to its table, envelope and properties mapped', async () => {
  await withStore(async (store) => {
    const r = await ingestFiles(store, [fixture('diag-storage-PT1H.jsonl')], { now: NOW });
    assert.deepEqual(r.rows, {
      AADManagedIdentitySignInLogs: 2,
      AADNonInteractiveUserSignInLogs: 2,
      AADRiskyUsers: 1,
      AADServicePrincipalSignInLogs: 2,
      AADUserRiskEvents: 1,
      AuditLogs: 3,
      SigninLogs: 2,
    });
    assert.equal(r.rejected, 0);

    const s = await row(store, `SELECT ${iso('TimeGenerated')}, ${iso('CreatedDateTime')}, ResultType, ResultSignature, Location, Level, AADTenantId,
      Category, Identity, UserPrincipalName, IPAddress, AuthenticationRequirement, UniqueTokenIdentifier, AutonomousSystemNumber,
      json_extract_string(LocationDetails, '$.city') AS city, json_extract_string(DeviceDetail, '$.browser') AS browser,
      json_extract(Status, '$.errorCode') AS errorCode, json_type(ConditionalAccessPolicies) AS capType, ResourceIdentity, ResourceId,
      ProcessingTimeInMilliseconds, IsInteractive, SessionId, SourceSystem, Type
      FROM SigninLogs WHERE Id = '94cb51df-08a4-4a74-b42b-1210a7a12a00'`);
    assert.deepEqual(s, {
      TimeGenerated: '2025-04-11T16:17:00.739774Z',
      CreatedDateTime: '2025-04-11T16:15:30.543135Z',
      ResultType: '0',
      ResultSignature: 'SUCCESS',
      Location: 'US',
      Level: '4',
      AADTenantId: '4d3bac44-0230-4732-9e70-cc00736f0a97',
      Category: 'SignInLogs',
      Identity: 'Harry Potter',
      UserPrincipalName: 'harry.potter@hogwarts.com',
      IPAddress: '68.198.218.175',
      AuthenticationRequirement: 'singleFactorAuthentication',
      UniqueTokenIdentifier: '31HLlKQIdEq0KxIQp6EqAA',
      AutonomousSystemNumber: '6128',
      city: 'Westfield',
      browser: 'Chrome 135.0.0',
      errorCode: '0',
      capType: 'ARRAY',
      ResourceIdentity: '797f4846-ba00-4fd7-ba43-dac1f8f63013',
      ResourceId: '/tenants/4d3bac44-0230-4732-9e70-cc00736f0a97/providers/Microsoft.aadiam',
      ProcessingTimeInMilliseconds: '58',
      IsInteractive: 'true',
      SessionId: '00214b89-aa99-b046-3c84-651e8a87dfe3',
      SourceSystem: 'Azure',
      Type: 'SigninLogs',
    });

    // AADNonInteractiveUserSignInLogs: the same objects are STRING columns holding JSON text.
    const ni = await row(store, `SELECT DeviceDetail, LocationDetails, Status, ConditionalAccessPolicies, ProcessingTimeInMs, ResultType, Location,
      typeof(DeviceDetail) AS t FROM AADNonInteractiveUserSignInLogs WHERE Id = '2c145df4-1280-43b6-979e-1d4602dc1800'`);
    assert.equal(ni.t, 'VARCHAR');
    assert.deepEqual(JSON.parse(ni.DeviceDetail!), { deviceId: '', operatingSystem: 'MacOs', browser: 'Rich Client 4.12.0.0' });
    assert.equal(JSON.parse(ni.LocationDetails!).city, 'New York');
    assert.deepEqual(JSON.parse(ni.Status!), { errorCode: 0 });
    assert.equal(JSON.parse(ni.ConditionalAccessPolicies!)[0].displayName, 'Require MFA');
    assert.equal(ni.ProcessingTimeInMs, '88');
    assert.equal(ni.ResultType, '0');
    assert.equal(ni.Location, 'US');

    // Managed identity failure: ResultType from status.errorCode, no envelope location.
    const mi = await row(store, `SELECT ResultType, ResultSignature, ServicePrincipalName, Location FROM AADManagedIdentitySignInLogs WHERE Id = '0e51fdb1-db36-4482-921f-2375db127700'`);
    assert.deepEqual(mi, { ResultType: '7000232', ResultSignature: 'FAILURE', ServicePrincipalName: mi.ServicePrincipalName, Location: '' });

    const sp = await row(store, `SELECT ServicePrincipalName, Location, AppId FROM AADServicePrincipalSignInLogs WHERE Id = '9c74bf4a-bcbb-4952-9461-b5babc961f00'`);
    assert.deepEqual(sp, { ServicePrincipalName: 'Datadog Audit Logs (AP1)', Location: 'JP', AppId: 'a97b95a1-16a4-4cda-841b-2cdbd93019d4' });

    const audit = await row(store, `SELECT ${iso('TimeGenerated')}, ${iso('ActivityDateTime')}, OperationName, Category, AADOperationType, Result, LoggedByService, Identity,
      json_extract_string(InitiatedBy, '$.app.displayName') AS app, json_extract_string(TargetResources, '$[0].userPrincipalName') AS target,
      json_extract_string(AdditionalDetails, '$[0].key') AS detail FROM AuditLogs WHERE Id = 'Directory_56799948-c193-4c04-a059-751e0ae2bf18_L4422_30356247'`);
    assert.deepEqual(audit, {
      TimeGenerated: '2025-04-11T08:16:11.051138Z',
      ActivityDateTime: '2025-04-11T08:16:11.051138Z',
      OperationName: 'Update user',
      Category: 'UserManagement',
      AADOperationType: 'Update',
      Result: 'success',
      LoggedByService: 'Core Directory',
      Identity: 'Azure Credential Configuration Endpoint Service',
      app: 'Azure Credential Configuration Endpoint Service',
      target: 'harry.potter@hogwarts.com',
      detail: 'UserType',
    });

    // Risk categories: the US envelope time, UTC.
    const risky = await row(store, `SELECT ${iso('TimeGenerated')}, ${iso('RiskLastUpdatedDateTime')}, OperationName, CorrelationId, RiskLevel, RiskState, IsDeleted, UserPrincipalName FROM AADRiskyUsers`);
    assert.deepEqual(risky, {
      TimeGenerated: '2025-04-14T11:35:37.000000Z',
      RiskLastUpdatedDateTime: '2025-04-14T11:35:37.331000Z',
      OperationName: 'Risky user',
      CorrelationId: 'b89d6c6b-b056-41e2-a5e2-3e33baec2e2e',
      RiskLevel: 'medium',
      RiskState: 'atRisk',
      IsDeleted: 'false',
      UserPrincipalName: 'draco.malfoy@hogwarts.com',
    });
    const ev = await row(store, `SELECT ${iso('TimeGenerated')}, ${iso('ActivityDateTime')}, CorrelationId, IpAddress, RiskEventType,
      json_extract_string(Location, '$.countryOrRegion') AS country, json_extract_string(AdditionalInfo, '$[3].Value') AS mitre FROM AADUserRiskEvents`);
    assert.deepEqual(ev, {
      TimeGenerated: '2025-04-14T11:17:05.000000Z',
      ActivityDateTime: '2025-04-14T03:15:37.008000Z',
      CorrelationId: '9ac35715-2698-41b0-92ab-d42527a6fd8b',
      IpAddress: '216.200.191.66',
      RiskEventType: 'anomalousToken',
      country: 'SG',
      mitre: 'T1078,T1539',
    });
  });
});

test('diagnostic settings, event hub {"records": [...]}: the docs example mapped; unknown category and a bad value set aside', async () => {
  await withStore(async (store) => {
    const r = await ingestFiles(store, [fixture('diag-eventhub.json')], { now: NOW });
    assert.equal(r.totalRows, 14);
    assert.equal(r.rejected, 2);
    const doc = await row(store, `SELECT ResultType, ResultDescription, Location, CorrelationId, json_extract_string(Status, '$.failureReason') AS reason,
      json_array_length(ConditionalAccessPolicies) AS policies FROM SigninLogs WHERE Id = '0231f922-93fa-4005-bb11-b344eca03c01'`);
    assert.deepEqual(doc, {
      ResultType: '50140',
      ResultDescription: "This error occurred due to 'Keep me signed in' interrupt when the user was signing-in.",
      Location: 'US',
      CorrelationId: 'bbbb1111-cc22-3333-44dd-555555eeeeee',
      reason: "This error occurred due to 'Keep me signed in' interrupt when the user was signing-in.",
      policies: '5',
    });
    const rejected = await listRejections(store);
    assert.equal(rejected.length, 2);
    assert.match(rejected[0]!.reason, /unknown category 'ProvisioningLogs'/);
    assert.match(rejected[1]!.reason, /column 'IsInteractive': expected bool, got "sometimes"/);
    assert.ok(rejected.every((x) => x.file.endsWith('diag-eventhub.json') && x.line > 1));
    assert.match(rejected[0]!.record, /"category":\s*"ProvisioningLogs"/);
  });
});

test('Graph signIn page: signInEventTypes picks the table; ResultType, Location, TimeGenerated (UTC) derived', async () => {
  await withStore(async (store) => {
    const r = await ingestFiles(store, [fixture('graph-signins.json')], { now: NOW });
    assert.deepEqual(r.rows, { SigninLogs: 1, AADNonInteractiveUserSignInLogs: 1 });
    const s = await row(store, `SELECT ${iso('TimeGenerated')}, ResultType, ResultDescription, Location, OperationName, Category, AutonomousSystemNumber,
      AuthenticationRequirement, UniqueTokenIdentifier, json_extract_string(DeviceDetail, '$.operatingSystem') AS os, IncomingTokenType FROM SigninLogs`);
    assert.deepEqual(s, {
      TimeGenerated: '2021-06-30T16:34:32.000000Z',
      ResultType: '50126',
      ResultDescription: 'Error validating credentials due to invalid username or password.',
      Location: 'US',
      OperationName: 'Sign-in activity',
      Category: 'SignInLogs',
      AutonomousSystemNumber: '3598',
      AuthenticationRequirement: 'singleFactorAuthentication',
      UniqueTokenIdentifier: 'ZTE0OTk3YTQtZjg5Mi00YjBiLWIwNTEtZmViZTA1YzJhNDli',
      os: 'Windows 10',
      IncomingTokenType: 'Primary Refresh Token',
    });
    const ni = await row(store, `SELECT ${iso('TimeGenerated')}, Category, ResultType, SignInEventTypes, IsInteractive FROM AADNonInteractiveUserSignInLogs`);
    assert.deepEqual(ni, {
      TimeGenerated: '2021-06-30T20:34:32.000000Z',
      Category: 'NonInteractiveUserSignInLogs',
      ResultType: '0',
      SignInEventTypes: '["nonInteractiveUser"]',
      IsInteractive: 'false',
    });
  });
});

test('Graph directoryAudit and riskyUser pages', async () => {
  await withStore(async (store) => {
    const r = await ingestFiles(store, [fixture('graph-directory-audits.json'), fixture('graph-risky-users.json')], { now: NOW });
    assert.deepEqual(r.rows, { AuditLogs: 1, AADRiskyUsers: 1 });
    const a = await row(store, `SELECT ${iso('TimeGenerated')}, OperationName, Category, AADOperationType, Identity, Result, ResultReason,
      json_extract_string(TargetResources, '$[0].displayName') AS target FROM AuditLogs`);
    assert.deepEqual(a, {
      TimeGenerated: '2018-01-09T20:20:02.721537Z',
      OperationName: 'Add member to group',
      Category: 'UserManagement',
      AADOperationType: 'Assign',
      Identity: 'Jamie Doe',
      Result: 'success',
      ResultReason: 'Successfully added member to group',
      target: 'Marketing',
    });
    const u = await row(store, `SELECT ${iso('TimeGenerated')}, OperationName, RiskLevel, RiskDetail, IsProcessing, UserPrincipalName, CorrelationId FROM AADRiskyUsers`);
    assert.deepEqual(u, {
      TimeGenerated: '2016-01-29T20:03:57.787242Z',
      OperationName: 'Risky user',
      RiskLevel: 'high',
      RiskDetail: 'adminConfirmedSigninCompromised',
      IsProcessing: 'true',
      UserPrincipalName: 'AlexW@contoso.com',
      CorrelationId: 'c2b6c2b9-dddc-acd0-2b39-d519d803dbc3',
    });
  });
});

test('Log Analytics exports: portal CSV ([UTC] headers, BOM, US datetimes), query API JSON, JSON array (IdentityInfo)', async () => {
  await withStore(async (store) => {
    const r = await ingestFiles(store, [fixture('la-portal-export.csv'), fixture('la-query-api.json'), fixture('identityinfo-export.json')], { now: NOW });
    assert.deepEqual(r.rows, { SigninLogs: 4, IdentityInfo: 2 });
    assert.equal(r.rejected, 0);
    const csv = await row(store, `SELECT ${iso('TimeGenerated')}, ResultType, IsInteractive, DurationMs, json_extract_string(LocationDetails, '$.city') AS city FROM SigninLogs WHERE UserPrincipalName = 'alice@contoso.com'`);
    assert.deepEqual(csv, { TimeGenerated: '2023-05-25T16:32:49.469000Z', ResultType: '50126', IsInteractive: 'true', DurationMs: '12', city: 'Oslo' });
    const empty = await row(store, `SELECT ${iso('TimeGenerated')}, LocationDetails, DurationMs FROM SigninLogs WHERE UserPrincipalName = 'bob@contoso.com'`);
    assert.deepEqual(empty, { TimeGenerated: '2023-05-25T04:33:00.000000Z', LocationDetails: null, DurationMs: null });
    const api = await row(store, `SELECT ${iso('TimeGenerated')}, json_extract_string(LocationDetails, '$.city') AS city FROM SigninLogs WHERE UserPrincipalName = 'draco.malfoy@hogwarts.com'`);
    assert.deepEqual(api, { TimeGenerated: '2025-04-11T16:15:30.000000Z', city: 'London' });
    const id = await row(store, `SELECT AccountDisplayName, json_extract_string(AssignedRoles, '$[0]') AS role, IsAccountEnabled, Tags FROM IdentityInfo WHERE AccountUPN = 'harry.potter@hogwarts.com'`);
    assert.deepEqual(id, { AccountDisplayName: 'Harry Potter', role: 'Global Administrator', IsAccountEnabled: 'true', Tags: '["VIP"]' });
  });
});

test('Parquet with table columns', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kqlwatch-parquet-test-'));
  try {
    const file = join(dir, 'signins.parquet');
    const maker = await openStore(':memory:');
    await maker.connection.run(`COPY (SELECT TIMESTAMP '2025-04-11 16:15:30.5431' AS TimeGenerated, 'alice@contoso.com' AS UserPrincipalName, '0' AS ResultType,
      42::BIGINT AS DurationMs, true AS IsInteractive, {'city': 'Oslo'} AS LocationDetails, 'SigninLogs' AS Type) TO '${file}' (FORMAT parquet)`);
    maker.close();
    await withStore(async (store) => {
      const r = await ingestFiles(store, [file], { now: NOW });
      assert.deepEqual(r.rows, { SigninLogs: 1 });
      const p = await row(store, `SELECT ${iso('TimeGenerated')}, UserPrincipalName, DurationMs, IsInteractive, json_extract_string(LocationDetails, '$.city') AS city FROM SigninLogs`);
      assert.deepEqual(p, { TimeGenerated: '2025-04-11T16:15:30.543100Z', UserPrincipalName: 'alice@contoso.com', DurationMs: '42', IsInteractive: 'true', city: 'Oslo' });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('STIX 2.1 bundle → ThreatIntelIndicators and ThreatIntelligenceIndicator; CSV list of IPs with tags and validity', async () => {
  await withStore(async (store) => {
    const r = await ingestFiles(store, [fixture('stix-bundle.json')], { now: NOW, source: 'Example TI feed' });
    assert.deepEqual(r.rows, { ThreatIntelIndicators: 2, ThreatIntelligenceIndicator: 2 });
    assert.equal(r.rejected, 1, 'the indicator without a pattern');
    assert.equal(r.files[0]!.ignored, 1, 'the identity object');
    const t = await row(store, `SELECT ${iso('TimeGenerated')}, ObservableKey, ObservableValue, Pattern, IsActive, Revoked, Confidence, Tags, ${iso('ValidUntil')},
      json_extract_string(Data, '$.name') AS name, json_extract_string(AdditionalFields, '$.TLPLevel') AS tlp, SourceSystem
      FROM ThreatIntelIndicators WHERE Id = 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'`);
    assert.deepEqual(t, {
      TimeGenerated: '2026-05-01T12:00:00.000000Z',
      ObservableKey: 'ipv4-addr:value',
      ObservableValue: '203.0.113.66',
      Pattern: "[ipv4-addr:value = '203.0.113.66']",
      IsActive: 'true',
      Revoked: 'false',
      Confidence: '80',
      Tags: 'aitm, phishing',
      ValidUntil: '2026-06-01T00:00:00.000000Z',
      name: 'AiTM proxy',
      tlp: 'amber',
      SourceSystem: 'Example TI feed',
    });
    const legacy = await row(store, `SELECT NetworkIP, Active, ConfidenceScore, ${iso('ExpirationDateTime')}, KillChainC2, TrafficLightProtocolLevel, ThreatType, Description
      FROM ThreatIntelligenceIndicator WHERE IndicatorId = 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'`);
    assert.deepEqual(legacy, {
      NetworkIP: '203.0.113.66', Active: 'true', ConfidenceScore: '80', ExpirationDateTime: '2026-06-01T00:00:00.000000Z', KillChainC2: 'true',
      TrafficLightProtocolLevel: 'amber', ThreatType: 'malicious-activity', Description: 'Adversary-in-the-middle phishing proxy',
    });
    const revoked = await row(store, `SELECT DomainName, Active FROM ThreatIntelligenceIndicator WHERE IndicatorId = 'indicator--d81f86b9-975b-4c0b-875e-810c5ad45a4f'`);
    assert.deepEqual(revoked, { DomainName: 'login-micros0ft.example', Active: 'false' });

    const csv = await ingestFiles(store, [fixture('ti-ip-list.csv')], { now: NOW, table: 'ThreatIntelIndicators' });
    assert.deepEqual(csv.rows, { ThreatIntelIndicators: 2 });
    assert.equal(csv.rejected, 1);
    const c = await row(store, `SELECT Pattern, Tags, ${iso('ValidFrom')}, ${iso('ValidUntil')}, Confidence, IsActive FROM ThreatIntelIndicators WHERE ObservableValue = '203.0.113.66' AND Id <> 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'`);
    assert.deepEqual(c, { Pattern: "[ipv4-addr:value = '203.0.113.66']", Tags: 'aitm, phishing', ValidFrom: '2026-04-20T00:00:00.000000Z', ValidUntil: '2026-06-01T00:00:00.000000Z', Confidence: '80', IsActive: 'true' });
    const cidr = await row(store, `SELECT Pattern, ValidUntil FROM ThreatIntelIndicators WHERE ObservableValue = '198.51.100.0/24'`);
    assert.deepEqual(cidr, { Pattern: "[ipv4-addr:value = '198.51.100.0/24']", ValidUntil: null });
  });
});
