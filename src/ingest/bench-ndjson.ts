/**
 * Ingest benchmark: `node dist/ingest/bench-ndjson.js [ROWS]` writes ROWS (default 200,000) SigninLogs-like
 * NDJSON lines (23 fields, ~1 KB each, as Entra ID exports look), ingests them with ingestNdjson into a
 * database file, and prints the rate next to the baseline: DuckDB's own read_json into the same table
 * (no Kusto type checks, no line numbers).
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { openStore } from '../store/store.js';
import { str } from '../kql/sql/sql-text.js';
import { ingestNdjson } from './ndjson.js';

const rows = Number(process.argv[2] ?? 200_000);
const dir = mkdtempSync(join(tmpdir(), 'kqlwatch-bench-'));
try {
  const file = join(dir, 'signin.ndjson');
  await writeSample(file, rows);

  const store = await openStore(join(dir, 'ours.duckdb'));
  const ours = await ingestNdjson(store, 'SigninLogs', [file]);
  store.close();

  const base = await openStore(join(dir, 'baseline.duckdb'));
  await base.ensureTables(['SigninLogs']);
  const started = performance.now();
  await base.connection.run(`INSERT INTO "SigninLogs" BY NAME SELECT * FROM read_json(${str(file)}, format = 'newline_delimited')`);
  const baselineMs = performance.now() - started;
  base.close();

  const rate = (ms: number) => `${Math.round((rows / ms) * 1000).toLocaleString('en-US')} rows/s`;
  console.log(`ingestNdjson          ${rows} rows in ${ours.ms} ms: ${rate(ours.ms)}`);
  console.log(`DuckDB read_json      ${rows} rows in ${Math.round(baselineMs)} ms: ${rate(baselineMs)} (baseline)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function writeSample(file: string, n: number): Promise<void> {
  const out = createWriteStream(file);
  const base = Date.parse('2024-01-01T00:00:00Z');
  for (let i = 0; i < n; i++) {
    const user = i % 500;
    const line = JSON.stringify({
      TimeGenerated: new Date(base + i * 1000).toISOString().replace('Z', '1234Z'),
      CreatedDateTime: new Date(base + i * 1000).toISOString(),
      UserPrincipalName: `user${user}@contoso.com`,
      UserDisplayName: `User ${user}`,
      UserId: '0b1c2d3e-0000-4000-8000-' + String(user).padStart(12, '0'),
      AppDisplayName: ['Azure Portal', 'Office 365 Exchange Online', 'Microsoft Teams'][i % 3],
      AppId: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c',
      IPAddress: `10.0.${i % 256}.${(i * 7) % 256}`,
      ResultType: i % 10 === 0 ? '50126' : '0',
      ResultDescription: i % 10 === 0 ? 'Invalid username or password or Invalid on-premise username or password.' : '',
      Location: 'US',
      LocationDetails: JSON.stringify({ city: 'Redmond', state: 'Washington', countryOrRegion: 'US', geoCoordinates: { latitude: 47.6, longitude: -122.1 } }),
      DeviceDetail: { deviceId: '', displayName: '', operatingSystem: 'Windows 10', browser: 'Edge 120.0.0' },
      Status: { errorCode: i % 10 === 0 ? 50126 : 0 },
      ConditionalAccessStatus: 'success',
      IsInteractive: i % 2 === 0,
      RiskLevelDuringSignIn: 'none',
      UserAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0',
      CorrelationId: 'a1b2c3d4-0000-4000-8000-' + String(i).padStart(12, '0'),
      Id: 'f1e2d3c4-0000-4000-8000-' + String(i).padStart(12, '0'),
      DurationMs: String(i % 1000),
      ProcessingTimeInMilliseconds: String(i % 100),
      TenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    });
    if (!out.write(line + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
