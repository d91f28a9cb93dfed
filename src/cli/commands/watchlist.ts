/**
 * `kqlwatch watchlist`: Sentinel watchlists from CSV files. `add NAME --key COLUMN FILE.csv` stores the items in
 * the Watchlist table as Sentinel logs them (SearchKey = the key column), replacing an earlier version of the
 * same watchlist item by item; `list` shows every watchlist with its item count.
 */
import { existsSync } from 'node:fs';
import { addWatchlist, listWatchlists, openStore, parseDatetime } from '../../index.js';
import { parseOptions, UsageError, write, type Command } from '../command.js';
import { DEFAULT_DB } from './ingest.js';

const help = `Usage: kqlwatch watchlist add NAME --key COLUMN [--db FILE] [--now ISO] [--description TEXT] FILE.csv
       kqlwatch watchlist list [--db FILE]

add    store the CSV file's rows as the items of watchlist NAME (its alias, as _GetWatchlist('NAME') names it);
       COLUMN is the column whose value becomes each item's SearchKey. Adding NAME again updates it: new rows
       are created, changed rows updated, missing rows deleted; the same file twice changes nothing.
list   every watchlist with its item count and search key column.

Options:
  --db FILE          the store's database file (default ${DEFAULT_DB})
  --key COLUMN       the search key column (required for add)
  --now ISO          the time the change is logged at (default: the clock)
  --description TEXT the watchlist's notes
  -h, --help         show this help
`;

export const watchlistCommand: Command = {
  name: 'watchlist',
  summary: 'add a CSV file as a Sentinel watchlist, or list watchlists',
  help,
  async run(args) {
    const { values, positionals } = parseOptions('watchlist', args, {
      db: { type: 'string' },
      key: { type: 'string' },
      now: { type: 'string' },
      description: { type: 'string' },
    });
    if (values.help) {
      await write(help);
      return 0;
    }
    const [verb, ...rest] = positionals;
    if (verb === 'list') {
      const store = await openStore(values.db ?? DEFAULT_DB);
      try {
        const lists = await listWatchlists(store);
        if (lists.length === 0) await write('no watchlists\n');
        for (const l of lists) await write(`${l.alias}\t${l.items} items\tkey ${l.searchKey}\tupdated ${l.updated}\n`);
        return 0;
      } finally {
        store.close();
      }
    }
    if (verb !== 'add') throw new UsageError(`expected 'add' or 'list' (see 'kqlwatch watchlist --help')`);
    const [name, file, ...extra] = rest;
    if (!name || !file || extra.length > 0) throw new UsageError(`usage: kqlwatch watchlist add NAME --key COLUMN FILE.csv`);
    if (!values.key) throw new UsageError(`missing --key COLUMN (the column whose value is the SearchKey)`);
    if (!existsSync(file)) throw new UsageError(`no such file '${file}'`);
    let now: Date | undefined;
    if (values.now !== undefined) {
      const ns = parseDatetime(values.now);
      if (ns === undefined) throw new UsageError(`--now must be an ISO 8601 datetime such as 2024-05-01T12:00:00Z, not '${values.now}'`);
      now = new Date(Number(ns / 1_000_000n));
    }
    const store = await openStore(values.db ?? DEFAULT_DB);
    try {
      const c = await addWatchlist(store, { alias: name, key: values.key, file, now, description: values.description });
      await write(
        `watchlist ${c.alias}: ${c.items} items (${c.created} created, ${c.updated} updated, ${c.deleted} deleted, ${c.unchanged} unchanged)\n`,
      );
      return 0;
    } finally {
      store.close();
    }
  },
};
