/**
 * End to end: the five seed detections, exactly as written in their rules (test/seeds/*.kql), run by the
 * `kqlwatch` executable over small NDJSON fixtures (test/seeds/fixtures/) ingested with `kqlwatch ingest`.
 *
 * Every seed gets its own database: the shared baseline of ordinary users (fixtures/common) plus its own
 * scenario (fixtures/NNN). The expected rows were worked out by hand from KQL semantics, not copied from
 * kqlwatch's output; the comments beside each fixture group say which rows must and must not match and why.
 * The clock is fixed: --now 2026-05-01T12:00:00Z.
 *
 * Rows are compared exactly and in order (every seed ends with order by / sort by and the fixtures avoid
 * ties), and so is each row's column order. The one allowance: make_set() gives no order in KQL, so the
 * arrays it produces are compared as sorted lists.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ingestFixtureDirs, makeTempDir, projectRoot, queryJson, t, type Row } from './cli.js';

const seedsDir = path.join(projectRoot, 'test', 'seeds');
const fixturesDir = path.join(seedsDir, 'fixtures');

const tmp = makeTempDir('seeds');
after(() => tmp.cleanup());

interface SeedCase {
  id: string;
  file: string;
  columns: readonly string[];
  /** Columns holding make_set() results: compared as sorted arrays. */
  setColumns?: readonly string[];
  expected: readonly Row[];
}

function normalize(rows: readonly Row[], setColumns: readonly string[]): Row[] {
  return rows.map((row) => {
    const out: Row = { ...row };
    for (const c of setColumns) {
      const v = out[c];
      if (Array.isArray(v)) out[c] = [...v].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0));
    }
    return out;
  });
}

const seeds: SeedCase[] = [
  {
    // ThreatIntelIndicators: 203.0.113.66 has three valid indicators (Tags phishing, aitm, phishing again:
    // make_set keeps one) and an inactive one tagged "stale" that must not reach ThreatTags; 192.0.2.200 has
    // a valid one ("c2", ValidUntil 12:30 > now) and an expired one ("expired-c2"). Excluded: inactive
    // 198.51.100.7, expired 198.51.100.8 (ValidUntil 11:59:59), 198.51.100.9 older than 30d, a pattern
    // where "ipv4-addr:value" is not a whole term ("xipv4-addr:value", 198.51.100.10), an upper-case
    // pattern that `has` matches but the case-sensitive extract() does not (198.51.100.11), a domain.
    // Sign-ins: alice 11:40 and bob 11:50 match; carol's is a failure ("50126"); alice at 11:00:00 sharp
    // is not > ago(1h); alice at 10:30 is older; dave/erin/gus/hank/ivy come from the excluded indicators.
    id: '000',
    file: '000-ti-ip-silent-signin.kql',
    columns: [
      'TimeGenerated',
      'UserPrincipalName',
      'AppDisplayName',
      'IPAddress',
      'Location',
      'ThreatTags',
      'ConditionalAccessStatus',
      'AuthenticationRequirement',
      'CorrelationId',
      'UniqueTokenIdentifier',
    ],
    setColumns: ['ThreatTags'],
    expected: [
      {
        TimeGenerated: t('11:50'),
        UserPrincipalName: 'bob@contoso.com',
        AppDisplayName: 'Microsoft Teams',
        IPAddress: '192.0.2.200',
        Location: 'NL',
        ThreatTags: ['c2'],
        ConditionalAccessStatus: 'success',
        AuthenticationRequirement: 'singleFactorAuthentication',
        CorrelationId: 'c000-bob-1',
        UniqueTokenIdentifier: 'u000-bob-1',
      },
      {
        TimeGenerated: t('11:40'),
        UserPrincipalName: 'alice@contoso.com',
        AppDisplayName: 'Microsoft Office',
        IPAddress: '203.0.113.66',
        Location: 'RU',
        ThreatTags: ['aitm', 'phishing'],
        ConditionalAccessStatus: 'notApplied',
        AuthenticationRequirement: 'singleFactorAuthentication',
        CorrelationId: 'c000-alice-1',
        UniqueTokenIdentifier: 'u000-alice-1',
      },
    ],
  },
  {
    // AADRiskyUsers: frank high/atRisk and grace medium/confirmedCompromised qualify; heidi is low, ivan
    // remediated, kim dismissed, lou "High"/"AtRisk" (`in` is case-sensitive), judy has no silent sign-in.
    // frank: three successes in the last hour from one IP (a failure from another IP and a success at
    // 10:50 don't count), two apps; grace: one success and one failure ("50140").
    id: '001',
    file: '001-risky-user-silent-signin.kql',
    columns: ['UserPrincipalName', 'RiskLevel', 'RiskState', 'RiskDetail', 'SilentCount', 'Countries', 'IPAddress', 'Apps', 'LastActivity'],
    setColumns: ['Countries', 'Apps'],
    expected: [
      {
        UserPrincipalName: 'frank@contoso.com',
        RiskLevel: 'high',
        RiskState: 'atRisk',
        RiskDetail: 'none',
        SilentCount: 3,
        Countries: ['RU'],
        IPAddress: '203.0.113.10',
        Apps: ['Azure Portal', 'Microsoft Office'],
        LastActivity: t('11:55'),
      },
      {
        UserPrincipalName: 'grace@contoso.com',
        RiskLevel: 'medium',
        RiskState: 'confirmedCompromised',
        RiskDetail: 'adminConfirmedUserCompromised',
        SilentCount: 1,
        Countries: ['BR'],
        IPAddress: '198.51.100.60',
        Apps: ['Microsoft Teams'],
        LastActivity: t('11:45'),
      },
    ],
  },
  {
    // Interactive sessions (single factor, or CA notApplied) then a silent sign-in 1m..2h later from
    // another IP and another country. kate: 20 min (her failed interactive from CN doesn't count); mia:
    // exactly 2h (between is inclusive; 2h1m, 30s and -10m don't count); olga: MFA but CA notApplied;
    // paul: two interactive sessions, one silent sign-in → two rows in InteractiveTime order; tom: IPv6
    // addresses (ipv4_lookup leaves them unmatched, so they are kept), 15 min. Not matched:
    // leo (same country), nick (MFA + CA success), rob (interactive at 09:00:00 sharp, not > ago(3h)),
    // sue (interactive IP 0.0.0.0 is in KnownSafeNetworks). The join renames the right side's
    // AppDisplayName/CorrelationId, so those columns are the silent sign-in's own.
    id: '002',
    file: '002-interactive-to-noninteractive-token-theft.kql',
    columns: [
      'NISignInTime',
      'InteractiveTime',
      'UserPrincipalName',
      'AppDisplayName',
      'NIIPAddress',
      'NICountry',
      'InteractiveIP',
      'InteractiveCountry',
      'CorrelationId',
      'UniqueTokenIdentifier',
      'TimeSinceInteractive',
    ],
    expected: [
      {
        NISignInTime: t('10:20'),
        InteractiveTime: t('10:00'),
        UserPrincipalName: 'kate@contoso.com',
        AppDisplayName: 'Microsoft Teams',
        NIIPAddress: '203.0.113.50',
        NICountry: 'NG',
        InteractiveIP: '198.51.100.20',
        InteractiveCountry: 'US',
        CorrelationId: 'c002-kate-n',
        UniqueTokenIdentifier: 'u002-kate-n',
        TimeSinceInteractive: '00:20:00',
      },
      {
        NISignInTime: t('11:30'),
        InteractiveTime: t('09:30'),
        UserPrincipalName: 'mia@contoso.com',
        AppDisplayName: 'Microsoft Teams',
        NIIPAddress: '203.0.113.52',
        NICountry: 'BR',
        InteractiveIP: '198.51.100.22',
        InteractiveCountry: 'US',
        CorrelationId: 'c002-mia-n1',
        UniqueTokenIdentifier: 'u002-mia-n1',
        TimeSinceInteractive: '02:00:00',
      },
      {
        NISignInTime: t('10:40'),
        InteractiveTime: t('10:10'),
        UserPrincipalName: 'olga@contoso.com',
        AppDisplayName: 'Microsoft Authentication Broker',
        NIIPAddress: '203.0.113.57',
        NICountry: 'RU',
        InteractiveIP: '198.51.100.24',
        InteractiveCountry: 'DE',
        CorrelationId: 'c002-olga-n',
        UniqueTokenIdentifier: 'u002-olga-n',
        TimeSinceInteractive: '00:30:00',
      },
      {
        NISignInTime: t('10:45'),
        InteractiveTime: t('09:15'),
        UserPrincipalName: 'paul@contoso.com',
        AppDisplayName: 'Microsoft Teams',
        NIIPAddress: '203.0.113.58',
        NICountry: 'FR',
        InteractiveIP: '198.51.100.25',
        InteractiveCountry: 'US',
        CorrelationId: 'c002-paul-n',
        UniqueTokenIdentifier: 'u002-paul-n',
        TimeSinceInteractive: '01:30:00',
      },
      {
        NISignInTime: t('10:45'),
        InteractiveTime: t('10:15'),
        UserPrincipalName: 'paul@contoso.com',
        AppDisplayName: 'Microsoft Teams',
        NIIPAddress: '203.0.113.58',
        NICountry: 'FR',
        InteractiveIP: '198.51.100.26',
        InteractiveCountry: 'DE',
        CorrelationId: 'c002-paul-n',
        UniqueTokenIdentifier: 'u002-paul-n',
        TimeSinceInteractive: '00:30:00',
      },
      {
        NISignInTime: t('10:45'),
        InteractiveTime: t('10:30'),
        UserPrincipalName: 'tom@contoso.com',
        AppDisplayName: 'Microsoft Teams',
        NIIPAddress: '2001:db8:99::7',
        NICountry: 'DE',
        InteractiveIP: '2001:db8:10::5',
        InteractiveCountry: 'US',
        CorrelationId: 'c002-tom-n',
        UniqueTokenIdentifier: 'u002-tom-n',
        TimeSinceInteractive: '00:15:00',
      },
    ],
  },
  {
    // Privileged audit actions 0..60 min after the user's last silent sign-in from an IP (last 2h).
    // vic: exactly 60 min (inclusive); tina: 0 min (inclusive); quinn: 30 min after his last sign-in from
    // 203.0.113.77 (10:30, not 10:20); his sign-in from 198.51.100.30 at 11:10 is after the action. Not
    // matched: quinn's action at 09:50 (outside 2h) and one initiated as "Quinn@Contoso.com" (join is
    // case-sensitive); rita 89 min; sam's category DirectoryManagement; an app-initiated action (no UPN);
    // uma's sign-in failed; wes's sign-in at 10:00:00 sharp is not > ago(2h); xena's category
    // "rolemanagement" (`in` is case-sensitive); yan's action 3h after a sign-in outside the window.
    id: '003',
    file: '003-ni-auth-privileged-audit.kql',
    columns: [
      'AuditTime',
      'UserPrincipalName',
      'OperationName',
      'AuditResult',
      'Category',
      'TargetResources',
      'LastNISignIn',
      'IPAddress',
      'TimeSinceNISignIn',
    ],
    expected: [
      {
        AuditTime: t('11:40'),
        UserPrincipalName: 'vic@contoso.com',
        OperationName: 'Update conditional access policy',
        AuditResult: 'failure',
        Category: 'Policy',
        TargetResources: [{ type: 'Policy', displayName: 'Require MFA for admins', id: 'pol-1' }],
        LastNISignIn: t('10:40'),
        IPAddress: '203.0.113.82',
        TimeSinceNISignIn: '01:00:00',
      },
      {
        AuditTime: t('11:20'),
        UserPrincipalName: 'tina@contoso.com',
        OperationName: 'Add member to group',
        AuditResult: 'success',
        Category: 'GroupManagement',
        TargetResources: [{ type: 'Group', displayName: 'Finance Admins', modifiedProperties: [] }],
        LastNISignIn: t('11:20'),
        IPAddress: '203.0.113.80',
        TimeSinceNISignIn: '00:00:00',
      },
      {
        AuditTime: t('11:00'),
        UserPrincipalName: 'quinn@contoso.com',
        OperationName: 'Add member to role',
        AuditResult: 'success',
        Category: 'RoleManagement',
        TargetResources: [
          { type: 'Role', displayName: 'Global Administrator' },
          { type: 'User', userPrincipalName: 'mallory@contoso.com' },
        ],
        LastNISignIn: t('10:30'),
        IPAddress: '203.0.113.77',
        TimeSinceNISignIn: '00:30:00',
      },
    ],
  },
  {
    // AiTM: the user's latest successful interactive sign-in of the day (arg_max), then within 10 min a
    // silent sign-in from another IP AND another ASN. wendy (interactive as "Wendy@Contoso.com", compared
    // lower-cased): +5, +7 (as "WENDY@CONTOSO.COM") and +10 min (inclusive); not -1 or +11 min. zed: his
    // latest interactive is 09:30 from 198.51.100.45, so a silent sign-in at 09:35 from his earlier
    // interactive IP matches and the one at 09:05 doesn't. abe: the failed interactive at 11:25 is not his
    // latest session; his silent failure doesn't count. Not matched: xavier (same ASN; same IP), yara
    // (30 min later), old (interactive before ago(1d)). SessionId is the silent sign-in's own column: the
    // join renames the right side's SessionId to SessionId1.
    id: '004',
    file: '004-aitm-token-issuance.kql',
    columns: [
      'TimeGenerated',
      'UserUpn',
      'AccountName',
      'AccountUPNSuffix',
      'AppDisplayName',
      'NonInteractiveIp',
      'NonInteractiveAsn',
      'InteractiveIp',
      'InteractiveAsn',
      'InteractiveTime',
      'SessionId',
      'CorrelationId',
    ],
    expected: [
      {
        TimeGenerated: t('11:27'),
        UserUpn: 'abe@contoso.com',
        AccountName: 'abe',
        AccountUPNSuffix: 'contoso.com',
        AppDisplayName: 'Microsoft Outlook',
        NonInteractiveIp: '203.0.113.99',
        NonInteractiveAsn: '64599',
        InteractiveIp: '198.51.100.46',
        InteractiveAsn: '64505',
        InteractiveTime: t('11:20'),
        SessionId: 's004-abe-n1',
        CorrelationId: 'c004-abe-n1',
      },
      {
        TimeGenerated: t('11:10'),
        UserUpn: 'wendy@contoso.com',
        AccountName: 'wendy',
        AccountUPNSuffix: 'contoso.com',
        AppDisplayName: 'OfficeHome',
        NonInteractiveIp: '203.0.113.91',
        NonInteractiveAsn: '64667',
        InteractiveIp: '198.51.100.40',
        InteractiveAsn: '64500',
        InteractiveTime: t('11:00'),
        SessionId: 's004-wendy-n2',
        CorrelationId: 'c004-wendy-n2',
      },
      {
        TimeGenerated: t('11:07'),
        UserUpn: 'wendy@contoso.com',
        AccountName: 'wendy',
        AccountUPNSuffix: 'contoso.com',
        AppDisplayName: 'Microsoft Teams',
        NonInteractiveIp: '203.0.113.94',
        NonInteractiveAsn: '64670',
        InteractiveIp: '198.51.100.40',
        InteractiveAsn: '64500',
        InteractiveTime: t('11:00'),
        SessionId: 's004-wendy-n3',
        CorrelationId: 'c004-wendy-n3',
      },
      {
        TimeGenerated: t('11:05'),
        UserUpn: 'wendy@contoso.com',
        AccountName: 'wendy',
        AccountUPNSuffix: 'contoso.com',
        AppDisplayName: 'Microsoft Authentication Broker',
        NonInteractiveIp: '203.0.113.90',
        NonInteractiveAsn: '64666',
        InteractiveIp: '198.51.100.40',
        InteractiveAsn: '64500',
        InteractiveTime: t('11:00'),
        SessionId: 's004-wendy-n1',
        CorrelationId: 'c004-wendy-n1',
      },
      {
        TimeGenerated: t('09:35'),
        UserUpn: 'zed@fabrikam.com',
        AccountName: 'zed',
        AccountUPNSuffix: 'fabrikam.com',
        AppDisplayName: 'Microsoft Teams',
        NonInteractiveIp: '198.51.100.44',
        NonInteractiveAsn: '64503',
        InteractiveIp: '198.51.100.45',
        InteractiveAsn: '64504',
        InteractiveTime: t('09:30'),
        SessionId: 's004-zed-n2',
        CorrelationId: 'c004-zed-n2',
      },
    ],
  },
];

function countLines(file: string): number {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '').length;
}

for (const seed of seeds) {
  describe(`seed ${seed.file}`, () => {
    const db = path.join(tmp.dir, `seed-${seed.id}.duckdb`);
    let tables = new Map<string, string[]>();

    before(async () => {
      tables = await ingestFixtureDirs(db, [path.join(fixturesDir, 'common'), path.join(fixturesDir, seed.id)]);
    });

    test('every fixture line is stored', async () => {
      assert.ok(tables.size > 0);
      const expected: Record<string, number> = {};
      for (const [table, files] of tables) expected[table] = files.reduce((n, f) => n + countLines(f), 0);
      const names = [...tables.keys()].sort();
      const rows = await queryJson(db, { text: `union withsource=TableName ${names.join(', ')} | summarize Rows = count() by TableName` });
      const stored: Record<string, number> = {};
      for (const r of rows) stored[String(r.TableName)] = Number(r.Rows);
      assert.deepEqual(stored, expected);
    });

    test('the query gives exactly the hand-derived rows, in order', async () => {
      const rows = await queryJson(db, { file: path.join(seedsDir, seed.file) });
      rows.forEach((row, i) => assert.deepEqual(Object.keys(row), seed.columns, `columns of row ${i + 1}`));
      const setColumns = seed.setColumns ?? [];
      assert.deepEqual(normalize(rows, setColumns), normalize(seed.expected, setColumns));
    });
  });
}
