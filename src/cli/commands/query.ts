/**
 * `kqlwatch query`: run a KQL query over the store and print the rows as a table, JSON lines or CSV; or, with
 * --explain, print the plan and the DuckDB SQL it compiles to. Diagnostics are printed with the offending
 * source line and a caret, and give exit code 1. `now()` is --now when given, otherwise the clock read once.
 */
import { existsSync, readFileSync } from 'node:fs';
import {
  compileKql, compileKqlWithData, defaultCatalog, formatCsvHeader, formatCsvRow, formatDiagnosticSource, formatJsonRow, formatRowCount,
  formatTableHeader, formatTableRow, makeDiagnostic, openStore, parseDatetime, streamCompiled, tableLayout,
  type Cell, type CompiledWithTables, type KqlDiagnostic, type Store,
} from '../../index.js';
import { parseOptions, UsageError, write, type Command } from '../command.js';
import { DEFAULT_DB } from './ingest.js';

const FORMATS = ['table', 'json', 'csv'] as const;
type Format = (typeof FORMATS)[number];

const help = `Usage: kqlwatch query [options] "KQL"
       kqlwatch query [options] --file QUERY.kql

Run a KQL query over the store and print its rows.

Options:
  --db FILE          the store's database file (default ${DEFAULT_DB}; ':memory:' for none)
  --now ISO          the query's now(), e.g. 2024-05-01T12:00:00Z (default: the current time)
  --format FORMAT    table (default), json (one JSON object per line) or csv
  --file FILE        read the query from FILE instead of the argument
  --explain          print the logical plan and the DuckDB SQL instead of running
  --max-rows N       stop after N rows
  -h, --help         show this help
`;

export const queryCommand: Command = {
  name: 'query',
  summary: 'run a KQL query over the store',
  help,
  async run(args) {
    const { values, positionals } = parseOptions('query', args, {
      db: { type: 'string' },
      now: { type: 'string' },
      format: { type: 'string' },
      file: { type: 'string' },
      explain: { type: 'boolean' },
      'max-rows': { type: 'string' },
    });
    if (values.help) {
      await write(help);
      return 0;
    }
    const format = (values.format ?? 'table') as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not '${values.format}'`);
    const maxRows = values['max-rows'] === undefined ? undefined : positiveInteger(values['max-rows']);
    const now = values.now === undefined ? new Date() : parseNow(values.now);
    const file = values.file;
    if (file !== undefined && positionals.length > 0) throw new UsageError(`give the query as an argument or with --file, not both`);
    if (file === undefined && positionals.length !== 1) {
      throw new UsageError(positionals.length === 0 ? `no query given (see 'kqlwatch query --help')` : `give the query as one argument: quote it`);
    }
    const text = file !== undefined ? readQueryFile(file) : positionals[0]!;

    if (values.explain) {
      const compiled = compileKql(text, { catalog: defaultCatalog(), now });
      if (!compiled.ok) return printDiagnostics(text, compiled.diagnostics, file);
      printDiagnostics(text, compiled.query.diagnostics, file);
      // The plan names now() $now (one plan serves every run: ADR 0012); the SQL has its value written in.
      await write(`-- plan ($now = ${now.toISOString()})\n${compiled.query.explain.trimEnd()}\n-- sql\n${compiled.query.sql.trimEnd()}\n`);
      return 0;
    }

    const db = values.db ?? DEFAULT_DB;
    if (db !== ':memory:' && !existsSync(db)) {
      throw new UsageError(`no store at '${db}': load data with 'kqlwatch ingest --db ${db} …' or pass --db`);
    }
    const store = await openStore(db);
    try {
      const compiled = await compileKqlWithData(text, {
        catalog: store.catalog, now, connection: store.connection, beforeRun: (tables) => store.ensureTables(tables),
      });
      if (!compiled.ok) return printDiagnostics(text, compiled.diagnostics, file);
      printDiagnostics(text, compiled.query!.diagnostics, file);
      await store.ensureTables(compiled.query!.tables);
      try {
        await printStream(store, compiled.query!, format, maxRows);
      } catch (e) {
        // A run-time failure is reported against the query, like a compile error.
        const msg = e instanceof Error ? e.message.split('\n')[0]! : String(e);
        return printDiagnostics(text, [makeDiagnostic(text, 'KQW301', `the query failed while running: ${msg}`, 0, text.length)], file);
      }
      return 0;
    } finally {
      store.close();
    }
  },
};

/** Prints diagnostics to stderr; returns exit code 1 when any is an error. */
function printDiagnostics(text: string, diagnostics: readonly KqlDiagnostic[], file?: string): number {
  for (const d of diagnostics) process.stderr.write(formatDiagnosticSource(text, d, file) + '\n');
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

const PAGE = 1000;

/** Rows go out as DuckDB produces them; a table's column widths come from its first page. */
async function printStream(store: Store, query: CompiledWithTables, format: Format, maxRows?: number): Promise<void> {
  const columns = query.schema;
  let lines: string[] = [];
  const flush = async () => {
    if (lines.length > 0) await write(lines.join('\n') + '\n');
    lines = [];
  };
  const emit = async (line: string) => {
    lines.push(line);
    if (lines.length >= PAGE) await flush();
  };
  if (format === 'csv') await emit(formatCsvHeader(columns));
  let layout: ReturnType<typeof tableLayout> | undefined;
  let pending: Cell[][] = [];
  const onRows = async (rows: Cell[][]) => {
    if (format === 'table') {
      if (!layout) {
        pending.push(...rows);
        if (pending.length < PAGE) return;
        layout = tableLayout(columns, pending.slice(0, PAGE));
        for (const line of formatTableHeader(layout)) await emit(line);
        rows = pending;
        pending = [];
      }
      for (const row of rows) await emit(formatTableRow(layout, row));
    } else if (format === 'csv') {
      for (const row of rows) await emit(formatCsvRow(columns, row));
    } else {
      for (const row of rows) await emit(formatJsonRow(columns, row));
    }
  };
  const count = await streamCompiled(store.connection, query, onRows, maxRows);
  if (format === 'table') {
    if (!layout) {
      layout = tableLayout(columns, pending);
      for (const line of formatTableHeader(layout)) await emit(line);
      for (const row of pending) await emit(formatTableRow(layout, row));
    }
    await emit(formatRowCount(count));
  }
  await flush();
}

function parseNow(text: string): Date {
  const ns = parseDatetime(text);
  if (ns === undefined) throw new UsageError(`--now must be an ISO 8601 datetime such as 2024-05-01T12:00:00Z, not '${text}'`);
  return new Date(Number(ns / 1_000_000n));
}

function positiveInteger(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`--max-rows must be a positive integer, not '${text}'`);
  return Number(text);
}

function readQueryFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read the query file '${file}': ${(e as Error).message}`);
  }
}
