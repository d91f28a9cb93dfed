import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../store/store.js';
import { addWatchlist, listWatchlists } from './watchlist.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/ingest/fixtures/${name}`, import.meta.url));

test('watchlist add: items as Sentinel logs them; adding again creates, updates and deletes item by item', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kqlwatch-watchlist-'));
  const store = await openStore(':memory:');
  try {
    const first = await addWatchlist(store, { alias: 'vip', key: 'UserPrincipalName', file: fixture('watchlist-vip.csv'), now: new Date('2026-05-01T10:00:00Z') });
    assert.deepEqual(first, { alias: 'vip', items: 2, created: 2, updated: 0, deleted: 0, unchanged: 0 });
    const rows = await store.connection.runAndReadAll(
      `SELECT WatchlistAlias, _DTItemType, _DTItemStatus, SearchKey, json_extract_string(WatchlistItem, '$.Department'), WatchlistItemId = _DTItemId
       FROM Watchlist WHERE _DTItemType = 'watchlist-item' ORDER BY SearchKey`,
    );
    assert.deepEqual(rows.getRows(), [
      ['vip', 'watchlist-item', 'Create', 'alice@contoso.com', 'Finance', true],
      ['vip', 'watchlist-item', 'Create', 'bob@contoso.com', 'Research, Lab', true],
    ]);
    const same = await addWatchlist(store, { alias: 'vip', key: 'UserPrincipalName', file: fixture('watchlist-vip.csv'), now: new Date('2026-05-01T11:00:00Z') });
    assert.deepEqual(same, { alias: 'vip', items: 2, created: 0, updated: 0, deleted: 0, unchanged: 2 });

    const v2 = join(dir, 'vip2.csv');
    writeFileSync(v2, 'UserPrincipalName,Department,Tier\nalice@contoso.com,Treasury,1\ncarol@contoso.com,Legal,3\n');
    const changed = await addWatchlist(store, { alias: 'vip', key: 'UserPrincipalName', file: v2, now: new Date('2026-05-01T12:00:00Z') });
    assert.deepEqual(changed, { alias: 'vip', items: 2, created: 1, updated: 1, deleted: 1, unchanged: 0 });
    assert.deepEqual(await listWatchlists(store), [{ alias: 'vip', items: 2, searchKey: 'UserPrincipalName', updated: '2026-05-01T12:00:00Z' }]);
    await assert.rejects(addWatchlist(store, { alias: 'x', key: 'Nope', file: v2 }), /no column 'Nope' for --key/);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
