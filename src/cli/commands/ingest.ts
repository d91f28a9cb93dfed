/**
 * `kqlwatch ingest`: load input files into the store, whatever shape they have (diagnostic settings, Graph,
 * Log Analytics exports, NDJSON, Parquet, threat intelligence; gzip or not), each exactly once, with a progress
 * line on a terminal and a summary; `--rejected` lists the records set aside.
 */
import { FORMATS, ingestFiles, listRejections, openStore, parseDatetime, type InputFormat, type IngestProgress, type IngestReport } from '../../index.js';
import { defaultCatalog, tableSchema } from '../../index.js';
import { existsSync } from 'node:fs';
import { parseOptions, UsageError, write, type Command } from '../command.js';

export const DEFAULT_DB = './kqlwatch.duckdb';

const help = `Usage: kqlwatch ingest [--db FILE] [--format FORMAT] [--table TABLE] [--strict | --set-aside] FILE...
       kqlwatch ingest [--db FILE] --rejected

Load files into the store. The format is detected from each file's content (gzip too), and each record
goes to its table by its own shape: a diagnostic-settings record by its category, a Graph signIn by its
signInEventTypes, a Log Analytics row by its Type column (or --table).

Formats: ${FORMATS.join(', ')}

A file is loaded once: loading the same file again adds nothing, and an ingest that was interrupted
(even killed) resumes where its last committed batch ended. A record that cannot be mapped is set aside
with its file, line and reason (see --rejected) and the rest loads; --strict fails the whole command at
the first one instead, and nothing of it is stored. Rows loaded with --table are strict unless --set-aside.

Options:
  --db FILE        the store's database file (default ${DEFAULT_DB}; created when missing)
  --format FORMAT  how to read the files (default auto)
  --table TABLE    the table of rows that carry table columns, e.g. SigninLogs (see 'kqlwatch tables');
                   for threat intelligence, the one table to fill
  --strict         fail at the first record that cannot be mapped; store nothing
  --set-aside      set bad records aside even with --table
  --now ISO        the ingestion time (and TimeGenerated of threat intelligence); default: the clock
  --source NAME    threat-intelligence source name (default: the file's name)
  --rejected       list the records set aside by earlier ingests
  -h, --help       show this help
`;

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'load exports (diagnostic settings, Graph, Log Analytics, TI, …) into the store',
  help,
  async run(args) {
    const { values, positionals } = parseOptions('ingest', args, {
      db: { type: 'string' },
      table: { type: 'string' },
      format: { type: 'string' },
      strict: { type: 'boolean' },
      'set-aside': { type: 'boolean' },
      now: { type: 'string' },
      source: { type: 'string' },
      rejected: { type: 'boolean' },
    });
    if (values.help) {
      await write(help);
      return 0;
    }
    if (values.rejected) return listRejected(values.db ?? DEFAULT_DB);
    const format = (values.format ?? 'auto') as InputFormat;
    if (!FORMATS.includes(format)) throw new UsageError(`unknown --format '${values.format}' (one of ${FORMATS.join(', ')})`);
    if (positionals.length === 0) throw new UsageError(`no files to ingest (see 'kqlwatch ingest --help')`);
    // Checked before the database file is created, so a typo leaves nothing behind.
    for (const f of positionals) if (!existsSync(f)) throw new UsageError(`no such file '${f}'`);
    if (values.strict && values['set-aside']) throw new UsageError(`--strict and --set-aside contradict each other`);
    let now: (() => Date) | undefined;
    if (values.now !== undefined) {
      const ns = parseDatetime(values.now);
      if (ns === undefined) throw new UsageError(`--now must be an ISO 8601 datetime such as 2024-05-01T12:00:00Z, not '${values.now}'`);
      const fixed = new Date(Number(ns / 1_000_000n));
      now = () => fixed;
    }
    if (values.table) tableSchema(defaultCatalog(), values.table);
    const strict = values.strict ?? (values.table !== undefined && !values['set-aside']);
    const progress = process.stderr.isTTY ? progressLine() : undefined;
    const store = await openStore(values.db ?? DEFAULT_DB);
    try {
      const report = await ingestFiles(store, positionals, {
        format,
        table: values.table,
        strict,
        now,
        source: values.source,
        onProgress: progress?.update,
      });
      progress?.done();
      await write(summary(report, values.table));
      return 0;
    } finally {
      progress?.done();
      store.close();
    }
  },
};

function summary(r: IngestReport, table: string | undefined): string {
  const plural = (n: number, one: string, many = one + 's') => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
  const rate = r.ms > 0 ? `, ${Math.round((r.totalRows / r.ms) * 1000).toLocaleString('en-US')} rows/s` : '';
  const tables = Object.keys(r.rows);
  const into = tables.length === 1 ? ` into ${tables[0]}` : tables.length === 0 && table ? ` into ${table}` : '';
  const loaded = r.files.filter((f) => f.status !== 'already loaded');
  let out = `ingested ${plural(r.totalRows, 'row')} from ${plural(loaded.length, 'file')}${into} in ${(r.ms / 1000).toFixed(2)} s${rate}\n`;
  if (tables.length > 1) {
    const width = Math.max(...tables.map((t) => t.length));
    for (const t of tables.sort()) out += `  ${t.padEnd(width)}  ${r.rows[t]!.toLocaleString('en-US')}\n`;
  }
  if (r.rejected > 0) out += `set aside ${plural(r.rejected, 'record')} that could not be mapped ('kqlwatch ingest --rejected' lists them)\n`;
  const ignored = r.files.reduce((n, f) => n + f.ignored, 0);
  if (ignored > 0) {
    out += `ignored ${plural(ignored, 'record')} that ${ignored === 1 ? 'holds' : 'hold'} no table data (STIX objects other than indicators, Graph delta entries marked @removed)\n`;
  }
  for (const f of r.files) {
    if (f.status === 'already loaded') out += `${f.file}: already loaded, nothing added\n`;
    else if (f.status === 'resumed') out += `${f.file}: resumed an interrupted ingest\n`;
  }
  return out;
}

async function listRejected(db: string): Promise<number> {
  const store = await openStore(db);
  try {
    const rows = await listRejections(store);
    if (rows.length === 0) {
      await write('no records were set aside\n');
      return 0;
    }
    for (const r of rows) {
      const flat = r.record.replace(/\s*\n\s*/g, ' ');
      const record = flat.length > 200 ? flat.slice(0, 199) + '…' : flat;
      await write(`${r.file}:${r.line}: ${r.reason}\n    ${record}\n`);
    }
    await write(`(${rows.length} record${rows.length === 1 ? '' : 's'} set aside)\n`);
    return 0;
  } finally {
    store.close();
  }
}

/** A progress line on stderr, redrawn in place: file, percent of its bytes, records, rows, rows/s. */
function progressLine(): { update: (p: IngestProgress) => void; done: () => void } {
  const started = performance.now();
  let shown = false;
  return {
    update(p) {
      const pct = p.size > 0 ? Math.min(100, Math.floor((p.bytesRead / p.size) * 100)) : 100;
      const s = (performance.now() - started) / 1000;
      const rate = s > 0 ? Math.round(p.rows / s).toLocaleString('en-US') : '0';
      const name = p.file.length > 40 ? '…' + p.file.slice(-39) : p.file;
      const files = p.files > 1 ? ` [${p.fileIndex + 1}/${p.files}]` : '';
      process.stderr.write(`\r\x1b[K${name}${files} ${pct}%  ${p.units.toLocaleString('en-US')} records  ${p.rows.toLocaleString('en-US')} rows  ${rate} rows/s${p.rejected ? `  ${p.rejected} set aside` : ''}`);
      shown = true;
    },
    done() {
      if (shown) process.stderr.write('\r\x1b[K');
      shown = false;
    },
  };
}
