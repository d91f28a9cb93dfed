/**
 * Microsoft Graph `user` objects → IdentityInfo, through the real ingestFiles on fixtures written from the Graph
 * docs' "List users" / "Get user" example responses (property names as documented; see graph-user.ts for the
 * mapping and its references): a pretty-printed v1.0 page, and beta objects one per JSON line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKqlOnStore } from '../store/run-kql-on-store.js';
import { ingestFiles } from './ingest-files.js';
import { listRejections } from './quarantine.js';
import { looksLikeGraphUser, mapGraphUser } from './graph-user.js';
import { recordKind } from './formats.js';
import { fixture, iso, NOW, row, withStore } from './testing/fixture-store.js';

const ALL = `${iso('TimeGenerated')}, AccountObjectId, AccountUPN, AccountName, AccountDomain, AccountDisplayName, GivenName, Surname,
  MailAddress, CAST(AdditionalMailAddresses AS VARCHAR) AS AdditionalMailAddresses, Phone, JobTitle, Department, CompanyName, EmployeeId,
  StreetAddress, City, State, Country, UserType, IsAccountEnabled, ${iso('AccountCreationTime')}, AccountSID, AccountCloudSID, SAMAccountName,
  OnPremisesDistinguishedName, OnPremisesExtensionAttributes, ${iso('LastSeenDate')}, Manager, CAST(GroupMembership AS VARCHAR) AS GroupMembership,
  CAST(AssignedRoles AS VARCHAR) AS AssignedRoles, CAST(ExtensionProperty AS VARCHAR) AS ExtensionProperty, SourceSystem, Type, TenantId,
  AccountTenantId, UserState, Tags, IsMFARegistered, InvestigationPriority`;

test('Graph v1.0 users page (pretty-printed, $select) → IdentityInfo, field by field', async () => {
  await withStore(async (store) => {
    const r = await ingestFiles(store, [fixture('graph-users.json')], { now: NOW });
    assert.equal(r.files[0]!.format, 'auto');
    assert.deepEqual(r.rows, { IdentityInfo: 5 });
    assert.equal(r.files[0]!.ignored, 1, 'the delta entry marked @removed');
    assert.equal(r.rejected, 1, 'the {} with neither id nor userPrincipalName');

    const adele = await row(store, `SELECT ${ALL} FROM IdentityInfo WHERE AccountObjectId = '87d349ed-44d7-43e1-9a83-5f2406dee5bd'`);
    assert.deepEqual(adele, {
      TimeGenerated: '2026-05-01T12:00:00.000000Z',
      AccountObjectId: '87d349ed-44d7-43e1-9a83-5f2406dee5bd',
      AccountUPN: 'AdeleV@contoso.com',
      AccountName: 'AdeleV',
      AccountDomain: 'contoso.com',
      AccountDisplayName: 'Adele Vance',
      GivenName: 'Adele',
      Surname: 'Vance',
      MailAddress: 'AdeleV@contoso.com',
      AdditionalMailAddresses: '["bob@contoso.com","Robert@fabrikam.com"]',
      Phone: '+1 425 555 0109',
      JobTitle: 'Retail Manager',
      Department: 'Retail',
      CompanyName: 'Contoso',
      EmployeeId: 'E1001',
      StreetAddress: '205 108th Ave NE',
      City: 'Bellevue',
      State: 'WA',
      Country: 'United States',
      UserType: 'Member',
      IsAccountEnabled: 'true',
      AccountCreationTime: '2021-03-10T18:44:12.000000Z',
      AccountSID: 'S-1-5-21-1112946627-1321165628-2437342228-1103',
      AccountCloudSID: '',
      SAMAccountName: 'AdeleV',
      OnPremisesDistinguishedName: 'CN=Adele Vance,OU=Retail,DC=contoso,DC=com',
      OnPremisesExtensionAttributes: adele.OnPremisesExtensionAttributes,
      // The interactive sign-in; the non-interactive one is Graph's 0001-01-01 "never".
      LastSeenDate: '2021-06-17T16:41:33.000000Z',
      Manager: '',
      GroupMembership: null,
      AssignedRoles: null,
      ExtensionProperty: null,
      SourceSystem: 'Hybrid',
      Type: 'IdentityInfo',
      TenantId: '',
      AccountTenantId: '',
      UserState: '',
      Tags: '',
      IsMFARegistered: null,
      InvestigationPriority: null,
    });
    const ext = JSON.parse(adele.OnPremisesExtensionAttributes!) as Record<string, unknown>;
    assert.equal(ext.extensionAttribute1, 'Retail-North');
    assert.equal(Object.keys(ext).length, 15);

    // The docs' default property set: Phone is the business phone before the mobile one; null text is ''.
    const admin = await row(store, `SELECT AccountUPN, AccountName, AccountDomain, GivenName, Surname, MailAddress, JobTitle, Phone, IsAccountEnabled,
      AccountCreationTime, SourceSystem FROM IdentityInfo WHERE AccountObjectId = '4562bcc8-c436-4f95-b7c0-4f8ce89dca5e'`);
    assert.deepEqual(admin, {
      AccountUPN: 'admin@contoso.com',
      AccountName: 'admin',
      AccountDomain: 'contoso.com',
      GivenName: 'MOD',
      Surname: 'Administrator',
      MailAddress: '',
      JobTitle: '',
      Phone: '425-555-0100',
      IsAccountEnabled: 'false',
      AccountCreationTime: null,
      SourceSystem: 'AzureActiveDirectory',
    });
    const room = await row(store, `SELECT Phone, IsAccountEnabled, MailAddress FROM IdentityInfo WHERE AccountUPN = 'Adams@contoso.com'`);
    assert.deepEqual(room, { Phone: '', IsAccountEnabled: null, MailAddress: 'Adams@contoso.com' });

    // A guest's UPN (#EXT#) splits at its last '@'; this $select kept no id.
    const guest = await row(store, `SELECT AccountObjectId, AccountName, AccountDomain, AccountDisplayName FROM IdentityInfo WHERE AccountUPN LIKE 'a\\_contoso%' ESCAPE '\\'`);
    assert.deepEqual(guest, { AccountObjectId: '', AccountName: 'a_contoso.com#EXT#', AccountDomain: 'microsoft.onmicrosoft.com', AccountDisplayName: 'a' });

    // No userPrincipalName and nothing else user-like: a user because its page's @odata.context says so.
    const noUpn = await row(store, `SELECT AccountUPN, AccountName, AccountDomain, AccountDisplayName, MailAddress FROM IdentityInfo WHERE AccountObjectId = '39807bd1-3dde-48f3-8165-81ddd4e46de0'`);
    assert.deepEqual(noUpn, { AccountUPN: '', AccountName: '', AccountDomain: '', AccountDisplayName: 'Adele Vance', MailAddress: 'AdeleV@adatum.com' });

    const rejected = await listRejections(store);
    assert.equal(rejected.length, 1);
    assert.equal(rejected[0]!.reason, `the user has neither 'id' nor 'userPrincipalName' (one is needed to identify the account)`);
    assert.equal(rejected[0]!.record, '{}');
    assert.ok(rejected[0]!.file.endsWith('graph-users.json'));
  });
});

test('Graph beta users one per JSON line: cloud SID, expanded manager and memberships, directory extensions; --format graph-user alike', async () => {
  for (const format of ['auto', 'graph-user'] as const) {
    await withStore(async (store) => {
      const r = await ingestFiles(store, [fixture('graph-users-beta.jsonl')], { now: NOW, format });
      assert.deepEqual(r.rows, { IdentityInfo: 2 }, format);
      assert.equal(r.rejected, 1, format);
      const alex = await row(store, `SELECT ${ALL} FROM IdentityInfo WHERE AccountUPN = 'AlexW@contoso.com'`);
      assert.deepEqual(alex, {
        TimeGenerated: '2026-05-01T12:00:00.000000Z',
        AccountObjectId: 'f0662ee5-84b1-43d6-8338-769cce1bc141',
        AccountUPN: 'AlexW@contoso.com',
        AccountName: 'AlexW',
        AccountDomain: 'contoso.com',
        AccountDisplayName: 'Alex Wilber',
        GivenName: 'Alex',
        Surname: 'Wilber',
        MailAddress: '',
        AdditionalMailAddresses: null,
        Phone: '',
        JobTitle: '',
        Department: '',
        CompanyName: '',
        EmployeeId: '',
        StreetAddress: '',
        City: '',
        State: '',
        Country: '',
        UserType: 'Member',
        IsAccountEnabled: 'true',
        AccountCreationTime: '2021-01-12T09:07:27.000000Z',
        AccountSID: '',
        AccountCloudSID: 'S-1-12-1-4033228517-1138132145-2624993411-1103174606',
        SAMAccountName: '',
        OnPremisesDistinguishedName: '',
        OnPremisesExtensionAttributes: '',
        // The later of the interactive (15:53:27) and non-interactive (17:53:42) sign-ins.
        LastSeenDate: '2021-07-29T17:53:42.000000Z',
        Manager: 'admin@contoso.com',
        GroupMembership: '["Sales and Marketing","Retail"]',
        AssignedRoles: '["Global Administrator"]',
        ExtensionProperty: '{"extension_b7d8e648520f41d3b9c0fdeb91768a0a_jobGroup":"JobGroupN"}',
        SourceSystem: 'AzureActiveDirectory',
        Type: 'IdentityInfo',
        TenantId: '',
        AccountTenantId: '',
        UserState: '',
        Tags: '',
        IsMFARegistered: null,
        InvestigationPriority: null,
      });
      const oscar = await row(store, `SELECT AccountObjectId, AccountName, AccountDisplayName, GivenName, MailAddress FROM IdentityInfo WHERE AccountUPN = 'oscarward@contoso.com'`);
      assert.deepEqual(oscar, { AccountObjectId: '', AccountName: 'oscarward', AccountDisplayName: 'Oscar Ward', GivenName: 'Oscar', MailAddress: 'oscarward@contoso.com' });
      const rejected = await listRejections(store);
      assert.equal(rejected.length, 1);
      assert.match(rejected[0]!.reason, /neither 'id' nor 'userPrincipalName'/);
      assert.equal(rejected[0]!.line, 3);
      assert.match(rejected[0]!.record, /"No Identity"/);
    });
  }
});

test('--format auto: users beside signIns, riskyUsers and an IdentityInfo export, each to its own table; KQL over the result', async () => {
  await withStore(async (store) => {
    const r = await ingestFiles(
      store,
      [fixture('graph-users.json'), fixture('graph-users-beta.jsonl'), fixture('graph-signins.json'), fixture('graph-risky-users.json'), fixture('identityinfo-export.json')],
      { now: NOW },
    );
    // 5 + 2 users, 2 rows of the Log Analytics export; the signIns and the riskyUser (which has a
    // userPrincipalName too) keep their tables.
    assert.deepEqual(r.rows, { IdentityInfo: 9, SigninLogs: 1, AADNonInteractiveUserSignInLogs: 1, AADRiskyUsers: 1 });
    assert.equal(r.rejected, 2);

    const now = NOW();
    const q = await runKqlOnStore(
      store,
      `IdentityInfo | where AccountUPN == "AdeleV@contoso.com" | project AccountObjectId, AccountName, Department, IsAccountEnabled, LastSeen = tostring(LastSeenDate)`,
      { now },
    );
    assert.ok(q.ok, q.ok ? '' : JSON.stringify(q.diagnostics));
    assert.deepEqual(q.result.rows, [['87d349ed-44d7-43e1-9a83-5f2406dee5bd', 'AdeleV', 'Retail', true, '2021-06-17T16:41:33.0000000Z']]);

    // The join rules make: a risky user enriched with the latest identity snapshot.
    const j = await runKqlOnStore(
      store,
      `AADRiskyUsers
       | join kind=inner (IdentityInfo | summarize arg_max(TimeGenerated, *) by AccountUPN) on $left.UserPrincipalName == $right.AccountUPN
       | project UserPrincipalName, RiskLevel, AccountObjectId, Manager, IsAdmin = AssignedRoles has "Global Administrator"`,
      { now },
    );
    assert.ok(j.ok, j.ok ? '' : JSON.stringify(j.diagnostics));
    assert.deepEqual(j.result.rows, [['AlexW@contoso.com', 'high', 'f0662ee5-84b1-43d6-8338-769cce1bc141', 'admin@contoso.com', true]]);
  });
});

test('Graph users pages one per JSON line (as a paging script writes them): the page context makes a $select without UPN a user', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kqlwatch-graph-user-test-'));
  try {
    const file = join(dir, 'users-pages.jsonl');
    writeFileSync(
      file,
      [
        { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users(displayName,id)', value: [{ displayName: 'John Smith', id: '87d349ed-44d7-43e1-9a83-5f2406dee5bd' }] },
        { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users', value: [{ displayName: 'Oscar Ward', userPrincipalName: 'oscarward@contoso.com' }, {}] },
      ].map((p) => JSON.stringify(p)).join('\n') + '\n',
    );
    await withStore(async (store) => {
      const r = await ingestFiles(store, [file], { now: NOW });
      assert.deepEqual(r.rows, { IdentityInfo: 2 });
      assert.equal(r.rejected, 1);
      assert.deepEqual(await row(store, `SELECT AccountDisplayName, AccountUPN FROM IdentityInfo WHERE AccountObjectId = '87d349ed-44d7-43e1-9a83-5f2406dee5bd'`), {
        AccountDisplayName: 'John Smith',
        AccountUPN: '',
      });
      const rejected = await listRejections(store);
      assert.deepEqual([rejected[0]!.line, rejected[0]!.record], [2, '{}']);
      assert.match(rejected[0]!.reason, /neither 'id' nor 'userPrincipalName'/);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('shape detection: a user is told apart from the other kinds that carry a userPrincipalName', () => {
  const user = { businessPhones: [], displayName: 'Conf Room Adams', userPrincipalName: 'Adams@contoso.com', id: '6ea91a8d-e32e-41a1-b7bd-d2d185eed0e0' };
  assert.equal(recordKind('auto', user), 'graph-user');
  assert.equal(recordKind('auto', { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users/$entity', displayName: 'Adele Vance' }), 'graph-user');
  // riskyUser, riskDetection, signIn, userRegistrationDetails, a Log Analytics IdentityInfo row: not users.
  assert.equal(recordKind('auto', { id: 'c2b6', riskLastUpdatedDateTime: '2016-01-29T20:03:57Z', riskLevel: 'high', riskState: 'atRisk', userPrincipalName: 'AlexW@contoso.com' }), 'graph-risky-user');
  assert.equal(recordKind('auto', { id: '1', createdDateTime: '2021-06-30T16:34:32Z', appDisplayName: 'Graph Explorer', userPrincipalName: 'a@contoso.com' }), 'graph-signin');
  assert.equal(looksLikeGraphUser({ id: '1', userPrincipalName: 'a@contoso.com', userDisplayName: 'A', isMfaRegistered: true }), false);
  assert.equal(recordKind('auto', { TimeGenerated: '2026-04-30T00:00:00Z', AccountUPN: 'a@contoso.com', Type: 'IdentityInfo' }), 'table-row');
  assert.equal(recordKind('auto', { userPrincipalName: 'a@contoso.com', Type: 'SigninLogs' }), 'table-row');
  // A group page element is no user.
  assert.equal(looksLikeGraphUser({ id: '45b7d2e7', displayName: 'Sales and Marketing', mailEnabled: true }), false);
});

test('mapGraphUser: not an object, and a UPN without a domain', async () => {
  await withStore(async (store) => {
    const ctx = { catalog: store.catalog, now: '2026-05-01T12:00:00.000Z' };
    assert.deepEqual(mapGraphUser([1], ctx), { reject: 'expected a Graph user object' });
    const m = mapGraphUser({ userPrincipalName: 'localonly' }, ctx);
    assert.ok('rows' in m);
    assert.equal(m.rows[0]!.row.AccountName, 'localonly');
    assert.equal(m.rows[0]!.row.AccountDomain, undefined);
  });
});
