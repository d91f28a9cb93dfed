/**
 * writeDiagSample(file, n): an Entra ID diagnostic-settings file of n records as a storage blob holds them (JSON
 * Lines, `PT1H.json`), cycling through the real sample records of every category (test/ingest/fixtures) with
 * distinct ids, times, users and addresses. For the ingest benchmarks only (it reads the repository's fixtures).
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export async function writeDiagSample(file: string, n: number): Promise<void> {
  const samples = readFileSync(fileURLToPath(new URL('../../test/ingest/fixtures/diag-storage-PT1H.jsonl', import.meta.url)), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { time: string; properties: Record<string, unknown> });
  // Weighted like a tenant's day: mostly non-interactive and interactive sign-ins.
  const order = samples.flatMap((s, i) => (/NonInteractive/.test(JSON.stringify(s).slice(0, 400)) ? [i, i, i, i] : /"SignInLogs"/.test(JSON.stringify(s).slice(0, 400)) ? [i, i] : [i]));
  const out = createWriteStream(file);
  const base = Date.parse('2025-04-11T00:00:00Z');
  for (let i = 0; i < n; i++) {
    const rec = structuredClone(samples[order[i % order.length]!]!);
    const t = new Date(base + i * 50).toISOString().replace('Z', '1234Z');
    if (/^\d{4}-/.test(rec.time)) rec.time = t;
    rec.properties.id = `bench-${i}`;
    if ('createdDateTime' in rec.properties) rec.properties.createdDateTime = t.replace('Z', '+00:00');
    if ('userPrincipalName' in rec.properties) rec.properties.userPrincipalName = `user${i % 5000}@contoso.com`;
    if ('ipAddress' in rec.properties) rec.properties.ipAddress = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    if (!out.write(JSON.stringify(rec) + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
