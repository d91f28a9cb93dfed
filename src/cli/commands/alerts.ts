/**
 * `kqlwatch alerts`: the alerts in the store, oldest first, read back with KQL from SecurityAlert: `--format json`
 * prints one SecurityAlert row per line with every column (Entities and ExtendedProperties are JSON text, as
 * Sentinel stores them); the table shows the main columns.
 */
import { existsSync } from 'node:fs';
import { formatJsonRow, formatTable, openStore, runKqlOnStore, StoreError, type Cell, type Column } from '../../index.js';
import { parseOptions, UsageError, write, type Command } from '../command.js';
import { DEFAULT_DB } from './ingest.js';

const help = `Usage: kqlwatch alerts [--db FILE] [--format table|json] [--rule ID]

List the alerts the rules created, oldest first.

Options:
  --db FILE        the store's database file (default ${DEFAULT_DB})
  --format FORMAT  table (default) or json (one SecurityAlert row per line)
  --rule ID        only the alerts of this rule (its id, the alerts' AlertType)
  -h, --help       show this help
`;

const TABLE_COLUMNS = ['TimeGenerated', 'AlertSeverity', 'DisplayName', 'StartTime', 'EndTime', 'AlertType', 'SystemAlertId'];

/** Rows of a Sentinel table read back in KQL, every column, in a stable order. */
export async function readTable(path: string, query: string): Promise<{ columns: readonly Column[]; rows: Cell[][] }> {
  if (path !== ':memory:' && !existsSync(path)) throw new StoreError(`no database '${path}': run 'kqlwatch run' or 'kqlwatch replay' first`);
  const store = await openStore(path);
  try {
    const out = await runKqlOnStore(store, query, { now: new Date(0) });
    if (!out.ok) throw new Error(out.diagnostics.map((d) => d.message).join('; '));
    return out.result;
  } finally {
    store.close();
  }
}

export async function printRows(columns: readonly Column[], rows: readonly Cell[][], format: string, tableColumns: readonly string[]): Promise<void> {
  if (format === 'json') {
    await write(rows.map((r) => formatJsonRow(columns, r) + '\n').join(''));
    return;
  }
  const idx = tableColumns.map((n) => columns.findIndex((c) => c.name === n));
  await write(formatTable(idx.map((i) => columns[i]!), rows.map((r) => idx.map((i) => r[i] ?? null))));
}

export const alertsCommand: Command = {
  name: 'alerts',
  summary: 'list the alerts the rules created',
  help,
  async run(args) {
    const { values, positionals } = parseOptions('alerts', args, {
      db: { type: 'string' },
      format: { type: 'string' },
      rule: { type: 'string' },
    });
    if (values.help) {
      await write(help);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see 'kqlwatch alerts --help')`);
    const format = values.format ?? 'table';
    if (format !== 'table' && format !== 'json') throw new UsageError(`--format must be table or json, not '${format}'`);
    const { columns, rows } = await readTable(values.db ?? DEFAULT_DB,
      'SecurityAlert | sort by TimeGenerated asc, AlertType asc, StartTime asc, SystemAlertId asc');
    const type = columns.findIndex((c) => c.name === 'AlertType');
    const shown = values.rule === undefined ? rows : rows.filter((r) => r[type] === values.rule);
    await printRows(columns, shown, format, TABLE_COLUMNS);
    return 0;
  },
};
