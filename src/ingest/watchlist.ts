/**
 * addWatchlist(store, …): a CSV file → a Sentinel watchlist in the Watchlist table, stored the way Sentinel logs
 * it: one row per item version (`_DTItemType` 'watchlist-item', `_DTItemStatus` Create/Update/Delete,
 * `_DTTimestamp`), the item's columns as a property bag in WatchlistItem (text values, as uploaded), and the
 * value of the key column in SearchKey (https://learn.microsoft.com/azure/sentinel/watchlists-queries). Adding
 * a watchlist again compares with what is stored: new items are created, changed ones updated, items no longer
 * in the file deleted, unchanged ones not logged; so adding the same file twice changes nothing.
 * `_GetWatchlist('alias')` reads the latest version of each item that is not deleted.
 */
import { basename } from 'node:path';
import { ident, str } from '../kql/sql/sql-text.js';
import type { Store } from '../store/store.js';
import { transaction } from '../store/transaction.js';
import { readCsv } from './csv-stream.js';
import { IngestError } from './ingest-error.js';
import { openInput } from './open-input.js';
import { TableWriter } from './table-writer.js';
import { uuidFrom } from './ti-csv.js';
import { sourceValue } from './value-fit.js';

export interface AddWatchlistOptions {
  readonly alias: string;
  /** The CSV column whose value is the item's SearchKey. */
  readonly key: string;
  readonly file: string;
  readonly now?: Date;
  readonly description?: string;
}

export interface WatchlistChange {
  readonly alias: string;
  readonly items: number;
  readonly created: number;
  readonly updated: number;
  readonly deleted: number;
  readonly unchanged: number;
}

const ALIAS = /^[A-Za-z0-9_-]{1,64}$/;

export async function addWatchlist(store: Store, o: AddWatchlistOptions): Promise<WatchlistChange> {
  if (!ALIAS.test(o.alias)) throw new IngestError(`watchlist alias '${o.alias}': use letters, digits, '_' or '-' (up to 64)`);
  const now = (o.now ?? new Date()).toISOString();
  const items = new Map<string, Record<string, string>>();
  let header: string[] | undefined;
  const seen = new Map<string, number>();
  for await (const rows of readCsv(openInput(o.file).chunks())) {
    for (const r of rows) {
      if (!header) {
        header = r.fields.map((h) => h.trim());
        if (!header.includes(o.key)) {
          throw new IngestError(`${o.file}:${r.line}: no column '${o.key}' for --key (the header has ${header.join(', ')})`);
        }
        continue;
      }
      if (r.fields.length !== header.length) {
        throw new IngestError(`${o.file}:${r.line}: ${r.fields.length} fields where the header has ${header.length}`);
      }
      const item: Record<string, string> = {};
      header.forEach((h, i) => (item[h] = r.fields[i]!));
      const k = item[o.key]!;
      const n = (seen.get(k) ?? 0) + 1;
      seen.set(k, n);
      items.set(uuidFrom(`${o.alias}|${k}|${n}`), item);
    }
  }
  if (!header) throw new IngestError(`${o.file}: empty file (a watchlist is a CSV file with a header row)`);

  await store.ensureTables(['Watchlist']);
  const current = await currentItems(store, o.alias);
  const watchlistId = uuidFrom(`watchlist|${o.alias}`);
  const common = {
    TimeGenerated: now,
    _DTTimestamp: now,
    LastUpdatedTimeUTC: now,
    WatchlistAlias: o.alias,
    WatchlistName: o.alias,
    WatchlistId: watchlistId,
    Source: basename(o.file),
    Provider: 'Custom',
    Notes: o.description ?? '',
    SourceSystem: 'kqlwatch',
  };
  const rows: Record<string, unknown>[] = [];
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  for (const [id, item] of items) {
    const before = current.get(id);
    const text = JSON.stringify(item);
    if (before !== undefined && before === text) {
      unchanged++;
      continue;
    }
    before === undefined ? created++ : updated++;
    rows.push({
      ...common,
      _DTItemType: 'watchlist-item',
      _DTItemStatus: before === undefined ? 'Create' : 'Update',
      _DTItemId: id,
      WatchlistItemId: id,
      SearchKey: item[o.key],
      WatchlistItem: item,
      CreatedTimeUTC: now,
    });
  }
  let deleted = 0;
  for (const [id, text] of current) {
    if (items.has(id)) continue;
    deleted++;
    const item = JSON.parse(text) as Record<string, string>;
    rows.push({ ...common, _DTItemType: 'watchlist-item', _DTItemStatus: 'Delete', _DTItemId: id, WatchlistItemId: id, SearchKey: item[o.key] ?? '', WatchlistItem: item });
  }
  if (rows.length > 0) {
    rows.push({
      ...common,
      _DTItemType: 'watchlist',
      _DTItemStatus: current.size === 0 ? 'Create' : 'Update',
      _DTItemId: watchlistId,
      WatchlistItem: { searchKey: o.key, items: items.size },
      CreatedTimeUTC: now,
    });
    await transaction(store, async () => {
      const w = new TableWriter(store, 'Watchlist', store.catalog.tables.get('Watchlist')!.columns, sourceValue, 'watchlist');
      w.ingestedNs = BigInt(Date.parse(now)) * 1_000_000n;
      try {
        for (const r of rows) {
          const p = w.prepare(r);
          if (typeof p === 'string') throw new IngestError(`${o.file}: ${p}`);
          await w.add(p);
        }
        await w.flush();
      } finally {
        w.close();
      }
    });
  }
  return { alias: o.alias, items: items.size, created, updated, deleted, unchanged };
}

/** The Watchlist columns read here with SQL: a store's table holds a column once it is written (ADR 0011). */
const READ_COLUMNS = ['_DTItemId', 'WatchlistItem', '_DTTimestamp', 'WatchlistAlias', '_DTItemType', '_DTItemStatus'];

/** The latest stored version of each item of a watchlist that is not deleted: item id → WatchlistItem text. */
async function currentItems(store: Store, alias: string): Promise<Map<string, string>> {
  await store.ensureColumns('Watchlist', READ_COLUMNS);
  const r = await store.connection.runAndReadAll(
    `SELECT ${ident('_DTItemId')}, CAST(${ident('WatchlistItem')} AS VARCHAR) FROM (
       SELECT *, row_number() OVER (PARTITION BY ${ident('_DTItemId')} ORDER BY ${ident('_DTTimestamp')} DESC) AS rn
       FROM ${ident('Watchlist')} WHERE ${ident('WatchlistAlias')} = ${str(alias)} AND ${ident('_DTItemType')} = 'watchlist-item')
     WHERE rn = 1 AND ${ident('_DTItemStatus')} <> 'Delete'`,
  );
  return new Map(r.getRows().map((row) => [String(row[0]), normalise(String(row[1]))]));
}

/** The stored JSON text, re-serialised so it compares equal to JSON.stringify of the same item. */
function normalise(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

export interface WatchlistSummary {
  readonly alias: string;
  readonly items: number;
  readonly searchKey: string;
  readonly updated: string;
}

/** Every watchlist with its live item count. */
export async function listWatchlists(store: Store): Promise<WatchlistSummary[]> {
  await store.ensureColumns('Watchlist', READ_COLUMNS);
  const r = await store.connection.runAndReadAll(
    `WITH latest AS (
       SELECT *, row_number() OVER (PARTITION BY "WatchlistAlias", "_DTItemType", "_DTItemId" ORDER BY "_DTTimestamp" DESC) AS rn FROM "Watchlist")
     SELECT "WatchlistAlias",
            count(*) FILTER (WHERE "_DTItemType" = 'watchlist-item' AND "_DTItemStatus" <> 'Delete'),
            max(CASE WHEN "_DTItemType" = 'watchlist' THEN json_extract_string("WatchlistItem", '$.searchKey') END),
            strftime(max("_DTTimestamp"), '%Y-%m-%dT%H:%M:%SZ')
     FROM latest WHERE rn = 1 GROUP BY "WatchlistAlias" ORDER BY "WatchlistAlias"`,
  );
  return r.getRows().map((row) => ({ alias: String(row[0]), items: Number(row[1]), searchKey: String(row[2] ?? ''), updated: String(row[3]) }));
}
