/**
 * `kqlwatch tables`: the tables kqlwatch knows (the Log Analytics schemas it ships), with the row count of
 * each table the store holds.
 */
import { existsSync } from 'node:fs';
import { defaultCatalog, formatTable, openStore, tableRowCounts, type Cell } from '../../index.js';
import { parseOptions, UsageError, write, type Command } from '../command.js';
import { DEFAULT_DB } from './ingest.js';

const help = `Usage: kqlwatch tables [--db FILE] [--stored]

List the known tables with their column count, and the row count of those in the store.

Options:
  --db FILE        the store's database file (default ${DEFAULT_DB})
  --stored         only the tables the store holds
  -h, --help       show this help
`;

export const tablesCommand: Command = {
  name: 'tables',
  summary: 'list the known tables and the rows the store holds',
  help,
  async run(args) {
    const { values, positionals } = parseOptions('tables', args, {
      db: { type: 'string' },
      stored: { type: 'boolean' },
    });
    if (values.help) {
      await write(help);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see 'kqlwatch tables --help')`);
    const path = values.db ?? DEFAULT_DB;
    let counts = new Map<string, bigint>();
    // Listing must not create a database file; without one, no table has rows.
    if (path === ':memory:' || existsSync(path)) {
      const store = await openStore(path);
      try {
        counts = await tableRowCounts(store);
      } finally {
        store.close();
      }
    }
    const rows: Cell[][] = [];
    for (const t of defaultCatalog().tables.values()) {
      const n = counts.get(t.name);
      if (values.stored && n === undefined) continue;
      rows.push([t.name, t.columns.length, n ?? null]);
    }
    rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    const columns = [
      { name: 'Table', type: 'string' },
      { name: 'Columns', type: 'int' },
      { name: 'Rows', type: 'long' },
    ] as const;
    await write(formatTable(columns, rows));
    return 0;
  },
};
