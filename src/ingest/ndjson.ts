/**
 * ingestNdjson(store, table, files): NDJSON files (one JSON object per line, keys = the table's column names)
 * into a store table. Every value is checked against its column's Kusto type; the first line that is not JSON
 * or does not fit fails the whole command with `file:line: column 'X': expected T, got V`, and because all
 * files of one call share one transaction, nothing of any of them is stored (all or nothing).
 * Files are streamed line by line and appended in DuckDB-vector-sized column batches.
 */
import { createReadStream } from 'node:fs';
import { DuckDBDataChunk, type DuckDBAppender, type DuckDBValue } from '@duckdb/node-api';
import { StoreError, tableSchema, type Store } from '../store/store.js';
import { ident } from '../kql/sql/sql-text.js';
import type { Column } from '../kql/plan/types.js';
import { transaction } from '../store/transaction.js';
import { columnValue, Rejected, type ColumnValue } from './column-value.js';
import { IngestError } from './ingest-error.js';

export interface IngestSummary {
  readonly table: string;
  readonly files: number;
  readonly rows: number;
  readonly ms: number;
}

/** DuckDB's vector size: one appended chunk per batch. */
const BATCH_ROWS = 2048;
/** Rows staged before they are moved into the table, which bounds the memory the staging table holds. */
const STAGE_ROWS = 128 * 1024;
const STAGE_NAME = 'kqlwatch_ingest_stage';
const STAGE = `temp.main.${ident(STAGE_NAME)}`;

export async function ingestNdjson(store: Store, table: string, files: readonly string[]): Promise<IngestSummary> {
  const started = performance.now();
  const schema = tableSchema(store.catalog, table);
  await store.ensureTables([table]);
  let rows = 0;
  await transaction(store, async () => {
    const builder = new BatchBuilder(table, schema.columns);
    const loader = new StageLoader(store, table, schema.columns);
    try {
      for (const file of files) rows += await readFile(file, builder, loader);
      if (builder.count > 0) await loader.push(builder.take());
      await loader.finish();
    } finally {
      loader.close();
    }
  });
  return { table, files: files.length, rows, ms: Math.round(performance.now() - started) };
}

async function readFile(file: string, builder: BatchBuilder, loader: StageLoader): Promise<number> {
  let lineNo = 0;
  let rows = 0;
  for await (const lines of readLines(file)) {
    for (const line of lines) {
      lineNo++;
      if (line.trim() === '') continue;
      let obj: unknown;
      try {
        obj = JSON.parse(line);
      } catch (e) {
        throw new IngestError(`${file}:${lineNo}: not valid JSON (${(e as Error).message})`);
      }
      if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
        throw new IngestError(`${file}:${lineNo}: expected a JSON object with the table's columns, got ${preview(obj)}`);
      }
      const problem = builder.add(obj as Record<string, unknown>);
      if (problem) throw new IngestError(`${file}:${lineNo}: ${problem}`);
      rows++;
      if (builder.count === BATCH_ROWS) await loader.push(builder.take());
    }
  }
  return rows;
}

/**
 * The file's lines, a read buffer's worth at a time (one await per buffer, not per line, and no regex split:
 * both showed in profiles with node:readline). Line ends are LF or CRLF; a leading byte-order mark is dropped.
 */
async function* readLines(file: string): AsyncGenerator<string[]> {
  let rest = '';
  let first = true;
  try {
    for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
      let text = rest === '' ? (chunk as string) : rest + (chunk as string);
      if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
      const lines: string[] = [];
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        lines.push(text.slice(start, nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl));
        start = nl + 1;
      }
      rest = text.slice(start);
      yield lines;
    }
  } catch (e) {
    throw new IngestError(`cannot read '${file}': ${(e as Error).message}`);
  }
  if (rest !== '') yield [rest.endsWith('\r') ? rest.slice(0, -1) : rest];
}

/** One batch of rows, column by column, holding only the columns some row of the batch has a value for. */
interface Batch {
  readonly columns: readonly number[];
  readonly values: readonly DuckDBValue[][];
  readonly rows: number;
}

/** Collects rows column by column and hands them over as a Batch. */
class BatchBuilder {
  private readonly index = new Map<string, number>();
  private readonly convert: ColumnValue[];
  private readonly defaults: DuckDBValue[];
  private values: (DuckDBValue[] | undefined)[] = [];
  count = 0;

  constructor(
    private readonly table: string,
    private readonly columns: readonly Column[],
  ) {
    columns.forEach((c, i) => this.index.set(c.name, i));
    this.convert = columns.map((c) => columnValue[c.type]);
    // The table's own defaults (store.ts), for a row that lacks a column other rows of its batch have.
    this.defaults = columns.map((c) => (c.type !== 'string' ? null : c.name === 'Type' ? table : ''));
    this.reset();
  }

  /** Adds one row; returns what is wrong with it instead when a key or value does not fit. */
  add(obj: Record<string, unknown>): string | undefined {
    const row = this.count;
    // Inlined for performance: this runs once per value ingested.
    for (const key in obj) {
      const i = this.index.get(key);
      if (i === undefined) return `unknown column '${key}' for table '${this.table}' (names are case-sensitive)`;
      const raw = obj[key];
      const v = this.convert[i]!(raw);
      if (v instanceof Rejected) {
        return `column '${key}': expected ${this.columns[i]!.type}, got ${preview(raw)}${v.hint}`;
      }
      (this.values[i] ??= new Array<DuckDBValue>(BATCH_ROWS).fill(this.defaults[i]!))[row] = v;
    }
    this.count++;
    return undefined;
  }

  take(): Batch {
    const columns = this.columns.map((_, i) => i).filter((i) => this.values[i] !== undefined);
    const values = columns.map((i) => (this.count === BATCH_ROWS ? this.values[i]! : this.values[i]!.slice(0, this.count)));
    const batch = { columns, values, rows: this.count };
    this.reset();
    return batch;
  }

  private reset(): void {
    this.values = this.columns.map(() => undefined);
    this.count = 0;
  }
}

/**
 * Moves batches into the table through a staging table that has only the columns the batches hold, with
 * INSERT … SELECT, so absent columns take their defaults inside DuckDB: exports fill a few dozen of a table's
 * ~100 columns, and writing every absent "" from JS costs a native call per cell.
 */
class StageLoader {
  private stage: { key: string; names: string; appender: DuckDBAppender; rows: number } | undefined;

  constructor(
    private readonly store: Store,
    private readonly table: string,
    private readonly columns: readonly Column[],
  ) {}

  async push(batch: Batch): Promise<void> {
    const key = batch.columns.join(',');
    if (this.stage && (this.stage.key !== key || this.stage.rows >= STAGE_ROWS)) await this.finish();
    this.stage ??= await this.open(key, batch.columns);
    const { appender } = this.stage;
    const chunk = DuckDBDataChunk.create(batch.columns.map((_, j) => appender.columnType(j)), batch.rows);
    batch.values.forEach((v, j) => chunk.setColumnValues(j, v));
    appender.appendDataChunk(chunk);
    this.stage.rows += batch.rows;
  }

  /** Moves what is staged into the table. */
  async finish(): Promise<void> {
    if (!this.stage) return;
    const { appender, names } = this.stage;
    this.stage = undefined;
    appender.closeSync();
    await this.store.connection.run(`INSERT INTO ${ident(this.table)} (${names}) SELECT ${names} FROM ${STAGE}`);
    await this.store.connection.run(`DROP TABLE ${STAGE}`);
  }

  /** Lets go of the staging table after a failure (the transaction's rollback removes it). */
  close(): void {
    try {
      this.stage?.appender.closeSync();
    } catch {
      // The failure being reported is the one that matters; the rollback discards the stage either way.
    }
    this.stage = undefined;
  }

  private async open(key: string, columns: readonly number[]) {
    const names = columns.map((i) => ident(this.columns[i]!.name)).join(', ');
    // Copying the table's own column types keeps JSON, TIMESTAMP_NS etc. exactly as the table has them.
    try {
      await this.store.connection.run(
        `CREATE OR REPLACE TEMP TABLE ${STAGE} AS SELECT ${names} FROM ${ident(this.table)} LIMIT 0`,
      );
    } catch (e) {
      throw new StoreError(
        `table '${this.table}' in '${this.store.path}' does not have the columns kqlwatch expects ` +
          `(${(e as Error).message.split('\n')[0]}); it was made by another version: ingest into a new file with --db`,
      );
    }
    const appender = await this.store.connection.createAppender(STAGE_NAME, null, 'temp');
    return { key, names, appender, rows: 0 };
  }
}

function preview(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 80 ? text.slice(0, 79) + '…' : text;
}

