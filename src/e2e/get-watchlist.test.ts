import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/store.js';
import { runKqlOnStore } from '../store/run-kql-on-store.js';
import { addWatchlist } from '../ingest/watchlist.js';

// _GetWatchlist('alias') returns the current items with SearchKey and the CSV's columns (watchlists-queries.md).
test('_GetWatchlist reads the latest items of a watchlist, deleted ones left out', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kqw-wl-'));
  const store = await openStore(':memory:');
  try {
    const csv = join(dir, 'vpn.csv');
    writeFileSync(csv, 'Name,Ip\nvpn1,203.0.113.50\nvpn2,198.51.100.12\n');
    await addWatchlist(store, { alias: 'VPN', key: 'Ip', file: csv, now: new Date('2026-05-01T10:00:00Z') });
    writeFileSync(csv, 'Name,Ip\nvpn1b,203.0.113.50\n');
    await addWatchlist(store, { alias: 'VPN', key: 'Ip', file: csv, now: new Date('2026-05-01T11:00:00Z') });
    const now = new Date('2026-05-01T12:00:00Z');
    const r = await runKqlOnStore(store, "_GetWatchlist('VPN') | project SearchKey, Name", { now });
    assert.ok(r.ok, r.ok ? '' : r.diagnostics[0]!.message);
    assert.deepEqual(r.result.rows, [['203.0.113.50', 'vpn1b']]);
    const inList = await runKqlOnStore(store, "let Safe = (_GetWatchlist('VPN') | project SearchKey); datatable(ip:string)['203.0.113.50','198.51.100.12'] | where ip !in (Safe)", { now });
    assert.ok(inList.ok);
    assert.deepEqual(inList.result.rows, [['198.51.100.12']]);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
