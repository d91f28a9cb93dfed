/**
 * The simulator's contract: the same seed gives the same files byte for byte; every row it writes passes
 * `ingestNdjson` (the `kqlwatch ingest` path) and lands in the store the same as `--db` loads it; and the tenant
 * looks like one — silent sign-ins tens of times the interactive ones, real error codes, office hours in each
 * user's time zone, quieter weekends.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readLogical } from '../ingest/testing/fixture-store.js';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ingestNdjson } from '../ingest/ndjson.js';
import { openStore } from '../store/store.js';
import { utcOffsetMinutes } from './geo.js';
import { TABLES } from './rows.js';
import { Rng } from './rng.js';
import { writeSimulation } from './write.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kqlwatch-sim-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const NOW = new Date('2026-05-01T12:00:00Z');
const small = { users: 40, days: 1, seed: 's1', now: NOW };

function readDir(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).sort().map((f) => [f, readFileSync(path.join(dir, f))]));
}

describe('Rng', () => {
  test('same seed, same draws; forks depend on the label only', () => {
    const a = new Rng('x');
    const b = new Rng('x');
    assert.deepEqual([a.next(), a.guid(), a.int(1, 6)], [b.next(), b.guid(), b.int(1, 6)]);
    const c = new Rng('x');
    c.next();
    assert.equal(c.fork('u1').guid(), new Rng('x').fork('u1').guid());
    assert.notEqual(new Rng('x').fork('u1').guid(), new Rng('x').fork('u2').guid());
    assert.match(new Rng('y').guid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('simulate', () => {
  test('deterministic: the same options write the same files byte for byte; another seed differs', async () => {
    const one = path.join(tmp, 'one');
    const two = path.join(tmp, 'two');
    const other = path.join(tmp, 'other');
    await writeSimulation(small, { out: one });
    await writeSimulation(small, { out: two });
    await writeSimulation({ ...small, seed: 's2' }, { out: other });
    const a = readDir(one);
    const b = readDir(two);
    assert.deepEqual([...a.keys()], [...TABLES.map((t) => `${t}.ndjson`), 'labels.json'].sort());
    for (const [name, bytes] of a) assert.ok(bytes.equals(b.get(name)!), `${name} differs between two runs with the same seed`);
    assert.ok(!a.get('SigninLogs.ndjson')!.equals(readDir(other).get('SigninLogs.ndjson')!));
  });

  test('every row passes ingest, and --db loads the same rows as ingesting the files', async () => {
    const dir = path.join(tmp, 'ingest');
    const written = await writeSimulation(small, { out: dir });
    const viaIngest = await openStore(':memory:');
    const direct = await openStore(':memory:');
    try {
      for (const t of TABLES) {
        const s = await ingestNdjson(viaIngest, t, [path.join(dir, `${t}.ndjson`)]);
        assert.equal(s.rows, written.rows[t], t);
      }
      await writeSimulation(small, { store: direct });
      for (const t of TABLES) {
        // Same rows, every column, whichever path loaded them.
        // The hidden ingestion-time column differs by design: ingest stamps the wall clock, --db the simulated latency.
        const q = `SELECT md5(string_agg(CAST(x AS VARCHAR), '|' ORDER BY CAST(x AS VARCHAR))) AS h, count(*) AS n FROM (SELECT * EXCLUDE (_kqw_IngestionTime) FROM "${t}") x`;
        // Read as KQL sees the tables: each path stores only the columns it wrote, in the order it wrote them.
        const [h1] = (await readLogical(viaIngest, q)).getRowsJS();
        const [h2] = (await readLogical(direct, q)).getRowsJS();
        assert.deepEqual(h2, h1, `${t}: --db and ingest of the NDJSON differ`);
      }
    } finally {
      viaIngest.close();
      direct.close();
    }
  });

  test('looks like a tenant: volume, failures, office hours, weekends', async () => {
    // A week for 60 users: 2026-04-24 (Friday) 12:00 → 2026-05-01 12:00.
    const store = await openStore(':memory:');
    try {
      await writeSimulation({ users: 60, days: 7, seed: 'shape', now: NOW }, { store });
      const one = async (sql: string) => (await store.connection.runAndReadAll(sql)).getRowsJS()[0]!;
      const [interactive] = await one(`SELECT count(*) FROM "SigninLogs"`);
      const [silent] = await one(`SELECT count(*) FROM "AADNonInteractiveUserSignInLogs"`);
      const ratio = Number(silent) / Number(interactive);
      assert.ok(ratio >= 10 && ratio <= 80, `non-interactive/interactive = ${ratio.toFixed(1)}; expected tens`);
      const [failed, codes] = await one(`SELECT count(*), count(DISTINCT ResultType) FROM "SigninLogs" WHERE ResultType <> '0'`);
      const share = Number(failed) / Number(interactive);
      assert.ok(share > 0.02 && share < 0.2, `interactive failure share ${share}`);
      assert.ok(Number(codes) >= 4, 'several distinct error codes');
      const [mfa, single] = await one(`SELECT count(*) FILTER (WHERE AuthenticationRequirement = 'multiFactorAuthentication'), count(*) FILTER (WHERE AuthenticationRequirement = 'singleFactorAuthentication') FROM "SigninLogs"`);
      assert.ok(Number(mfa) > 0 && Number(single) > 0, 'both MFA and single-factor sign-ins');
      const [mobile] = await one(`SELECT count(DISTINCT AutonomousSystemNumber) FROM "AADNonInteractiveUserSignInLogs"`);
      assert.ok(Number(mobile) >= 8, 'office, home, mobile, VPN and hotel networks');

      // Interactive sign-ins of people (not service accounts) in each user's own local time.
      const rows = (await store.connection.runAndReadAll(
        `SELECT s.TimeGenerated, i.City FROM "SigninLogs" s JOIN (SELECT DISTINCT AccountUPN, City FROM "IdentityInfo") i ON i.AccountUPN = s.UserPrincipalName WHERE s.UserPrincipalName NOT LIKE 'svc-%'`,
      )).getRowsJS();
      const tz: Record<string, string> = { Seattle: 'America/Los_Angeles', 'New York': 'America/New_York', London: 'Europe/London', Berlin: 'Europe/Berlin', Bengaluru: 'Asia/Kolkata', Sydney: 'Australia/Sydney', 'São Paulo': 'America/Sao_Paulo' };
      let office = 0;
      let weekend = 0;
      for (const [time, city] of rows) {
        const ms = (time as Date).getTime();
        const local = new Date(ms + utcOffsetMinutes(tz[String(city)]!, ms) * 60_000);
        if (local.getUTCHours() >= 7 && local.getUTCHours() < 19) office++;
        if (local.getUTCDay() === 0 || local.getUTCDay() === 6) weekend++;
      }
      assert.ok(office / rows.length > 0.85, `only ${office}/${rows.length} interactive sign-ins in local office hours`);
      // Two of seven days are weekend days; they hold far fewer than 2/7 of the sign-ins.
      assert.ok(weekend / rows.length < 0.08, `weekend share ${weekend}/${rows.length}`);
    } finally {
      store.close();
    }
  });
});
