/**
 * `kqlwatch ingest`: load NDJSON exports into a table of the store. All files of one command are stored
 * together or not at all; a bad line stops the command with its file:line and why.
 */
import { defaultCatalog, ingestNdjson, openStore, tableSchema } from '../../index.js';
import { parseOptions, UsageError, write, type Command } from '../command.js';

export const DEFAULT_DB = './kqlwatch.duckdb';

const help = `Usage: kqlwatch ingest [--db FILE] --table TABLE FILE...

Load NDJSON files (one JSON object per line, keys = the table's column names) into TABLE.
Each value is checked against its column's type; the first bad line fails the whole command
and nothing of it is stored.

Options:
  --db FILE        the store's database file (default ${DEFAULT_DB}; created when missing)
  --table TABLE    the Log Analytics table, e.g. SigninLogs (see 'kqlwatch tables')
  -h, --help       show this help
`;

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'load NDJSON files into a table of the store',
  help,
  async run(args) {
    const { values, positionals } = parseOptions('ingest', args, {
      db: { type: 'string' },
      table: { type: 'string' },
    });
    if (values.help) {
      await write(help);
      return 0;
    }
    if (!values.table) throw new UsageError(`missing --table (see 'kqlwatch ingest --help')`);
    if (positionals.length === 0) throw new UsageError(`no files to ingest (see 'kqlwatch ingest --help')`);
    // Checked before the database file is created, so a typo leaves nothing behind.
    tableSchema(defaultCatalog(), values.table);
    const store = await openStore(values.db ?? DEFAULT_DB);
    try {
      const s = await ingestNdjson(store, values.table, positionals);
      const rate = s.ms > 0 ? `, ${Math.round((s.rows / s.ms) * 1000)} rows/s` : '';
      const files = s.files === 1 ? '1 file' : `${s.files} files`;
      const rows = s.rows === 1 ? '1 row' : `${s.rows} rows`;
      await write(`ingested ${rows} from ${files} into ${s.table} in ${(s.ms / 1000).toFixed(2)} s${rate}\n`);
      return 0;
    } finally {
      store.close();
    }
  },
};
