/**
 * The benchmark tenant: a store with AADNonInteractiveUserSignInLogs of the requested size and proportionate
 * SigninLogs, AuditLogs, AADRiskyUsers and ThreatIntelIndicators, spread over seven days before `now`, with
 * the patterns the five seed rules look for. Generated inside DuckDB (deterministic: row number arithmetic, no
 * randomness) and cached under bench/cache by size. Rows are stored in TimeGenerated order, as a tenant's logs
 * arrive (Log Analytics ingests in time order; exports are written hour by hour): DuckDB's per-row-group min/max
 * then lets a rule's window skip the rest of the table. The file name carries the layout version, so a cache
 * written in scattered order (v1) is not reused.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, type Store } from '../store/store.js';

export const SIZES: Record<string, number> = { small: 200_000, '1m': 1_000_000, '10m': 10_000_000 };

/** Bumped when the generated rows, their order or the tables' layout change (v3: only written columns, ADR 0011). */
const LAYOUT = 'v3';

export const BENCH_NOW = new Date('2026-05-01T12:00:00Z');

const TABLES = ['AADNonInteractiveUserSignInLogs', 'SigninLogs', 'ThreatIntelIndicators', 'AADRiskyUsers', 'AuditLogs'];

async function generate(store: Store, rows: number): Promise<void> {
  const c = store.connection;
  // Sorting 10M rows by time held 2.7 GB in the bench process; DuckDB spills to disk beyond this.
  await c.run(`SET memory_limit = '1GB'`);
  await store.ensureTables(TABLES);
  const users = Math.max(100, Math.floor(rows / 200));
  const now = `TIMESTAMP_NS '2026-05-01 12:00:00'`;
  const span = 7 * 86400;
  // Silent sign-ins: mostly successful, from each user's home network; every 50th from abroad.
  await store.ensureColumns('AADNonInteractiveUserSignInLogs', ['TimeGenerated', 'UserPrincipalName', 'IPAddress', 'Location', 'ResultType', 'AppDisplayName', 'AutonomousSystemNumber', 'UniqueTokenIdentifier', 'CorrelationId', 'ConditionalAccessStatus', 'AuthenticationRequirement']);
  await c.run(`INSERT INTO AADNonInteractiveUserSignInLogs (TimeGenerated, UserPrincipalName, IPAddress, Location, ResultType,
      AppDisplayName, AutonomousSystemNumber, UniqueTokenIdentifier, CorrelationId, ConditionalAccessStatus, AuthenticationRequirement)
    SELECT ${now} - to_seconds(CAST((i * 7919) % ${span} AS BIGINT)), 'user' || (i % ${users}) || '@contoso.com',
      CASE WHEN i % 50 = 0 THEN '203.0.' || (i % 200) || '.' || (i % 250) ELSE '10.' || ((i % ${users}) % 200) || '.' || ((i % ${users}) % 13) || '.' || (i % 250) END,
      CASE WHEN i % 50 = 0 THEN 'FR' ELSE 'US' END, CASE WHEN i % 20 = 0 THEN '50126' ELSE '0' END, 'App' || (i % 30),
      CASE WHEN i % 50 = 0 THEN '64500' ELSE CAST(1000 + (i % ${users}) % 40 AS VARCHAR) END, 'tok' || i, 'corr' || (i % 100000), 'notApplied', 'singleFactorAuthentication'
    FROM range(${rows}) t(i) ORDER BY 1`);
  const interactive = Math.floor(rows / 25);
  await store.ensureColumns('SigninLogs', ['TimeGenerated', 'UserPrincipalName', 'IPAddress', 'Location', 'ResultType', 'AppDisplayName', 'AutonomousSystemNumber', 'CorrelationId', 'AuthenticationRequirement', 'ConditionalAccessStatus']);
  await c.run(`INSERT INTO SigninLogs (TimeGenerated, UserPrincipalName, IPAddress, Location, ResultType, AppDisplayName,
      AutonomousSystemNumber, CorrelationId, AuthenticationRequirement, ConditionalAccessStatus)
    SELECT ${now} - to_seconds(CAST((i * 104729) % ${span} AS BIGINT)), 'user' || (i % ${users}) || '@contoso.com',
      '10.' || ((i % ${users}) % 200) || '.' || ((i % ${users}) % 13) || '.' || (i % 250), 'US', CASE WHEN i % 30 = 0 THEN '50074' ELSE '0' END,
      'App' || (i % 30), CAST(1000 + (i % ${users}) % 40 AS VARCHAR), 'icorr' || i,
      CASE WHEN i % 3 = 0 THEN 'singleFactorAuthentication' ELSE 'multiFactorAuthentication' END, CASE WHEN i % 5 = 0 THEN 'notApplied' ELSE 'success' END
    FROM range(${interactive}) t(i) ORDER BY 1`);
  await store.ensureColumns('ThreatIntelIndicators', ['TimeGenerated', 'IsActive', 'ValidUntil', 'Pattern', 'Tags']);
  await c.run(`INSERT INTO ThreatIntelIndicators (TimeGenerated, IsActive, ValidUntil, Pattern, Tags)
    SELECT ${now} - to_seconds(CAST((i * 61) % (30 * 86400) AS BIGINT)), i % 7 <> 0, CASE WHEN i % 11 = 0 THEN ${now} - INTERVAL 1 DAY END,
      '[ipv4-addr:value = ''203.0.' || (i % 200) || '.' || (i % 250) || ''']', CASE WHEN i % 2 = 0 THEN 'botnet' ELSE 'phishing' END
    FROM range(2000) t(i) ORDER BY 1`);
  await store.ensureColumns('AADRiskyUsers', ['TimeGenerated', 'UserPrincipalName', 'RiskState', 'RiskLevel', 'RiskDetail']);
  await c.run(`INSERT INTO AADRiskyUsers (TimeGenerated, UserPrincipalName, RiskState, RiskLevel, RiskDetail)
    SELECT ${now} - to_seconds(CAST(i * 600 AS BIGINT)), 'user' || (i * 7 % ${users}) || '@contoso.com',
      CASE WHEN i % 4 = 0 THEN 'remediated' ELSE 'atRisk' END, CASE WHEN i % 2 = 0 THEN 'high' ELSE 'low' END, 'none'
    FROM range(${Math.max(30, Math.floor(users / 20))}) t(i) ORDER BY 1`);
  await store.ensureColumns('AuditLogs', ['TimeGenerated', 'Category', 'OperationName', 'Result', 'InitiatedBy', 'TargetResources']);
  await c.run(`INSERT INTO AuditLogs (TimeGenerated, Category, OperationName, Result, InitiatedBy, TargetResources)
    SELECT ${now} - to_seconds(CAST((i * 7877) % ${span} AS BIGINT)), CASE WHEN i % 3 = 0 THEN 'RoleManagement' ELSE 'Other' END,
      'Add member to role', 'success', json_object('user', json_object('userPrincipalName', 'user' || (i % ${users}) || '@contoso.com')), '[]'::JSON
    FROM range(${Math.floor(rows / 50)}) t(i) ORDER BY 1`);
  await c.run('CHECKPOINT');
}

/** Opens the cached tenant of that size, generating it first if needed. */
export async function benchTenant(size: string, dir: string): Promise<{ store: Store; path: string; rows: number; generatedMs: number }> {
  const rows = SIZES[size];
  if (rows === undefined) throw new Error(`unknown --size '${size}' (one of ${Object.keys(SIZES).join(', ')})`);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `tenant-${size}-${LAYOUT}.duckdb`);
  let generatedMs = 0;
  if (!existsSync(path)) {
    const tmp = `${path}.partial`;
    rmSync(tmp, { force: true });
    const t0 = performance.now();
    const s = await openStore(tmp);
    await generate(s, rows);
    s.close();
    renameSync(tmp, path);
    generatedMs = performance.now() - t0;
  }
  return { store: await openStore(path), path, rows, generatedMs };
}
