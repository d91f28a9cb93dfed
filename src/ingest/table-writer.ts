/**
 * TableWriter: rows for one store table, checked value by value, collected column by column and moved into the
 * table through a staging table (DuckDB's appender, then INSERT … SELECT so absent columns take the table's
 * defaults inside DuckDB). A row is first prepared (every value converted, or the reason it does not fit) and
 * only then added, so a record that maps to rows of several tables is added to all of them or to none.
 * Every row gets the ingestion time of its batch in the hidden column (store.ts INGESTION_TIME_COLUMN).
 */
import { DuckDBDataChunk, type DuckDBAppender, type DuckDBValue } from '@duckdb/node-api';
import { INGESTION_TIME_COLUMN, StoreError, type Store } from '../store/store.js';
import { ident } from '../kql/sql/sql-text.js';
import type { Column, KustoType } from '../kql/plan/types.js';
import { Rejected, type ColumnValue } from './column-value.js';

/** DuckDB's vector size: one appended chunk per batch. */
const CHUNK_ROWS = 2048;
/** Rows staged before they are moved into the table, which bounds the memory the staging table holds. */
const STAGE_ROWS = 128 * 1024;

/** A row whose values are all converted: column indexes and their values. */
export interface PreparedRow {
  readonly writer: TableWriter;
  readonly columns: number[];
  readonly values: DuckDBValue[];
}

export class TableWriter {
  private readonly index = new Map<string, number>();
  private readonly convert: ColumnValue[];
  private readonly defaults: DuckDBValue[];
  private values: (DuckDBValue[] | undefined)[] = [];
  private count = 0;
  private stage: { key: string; names: string; appender: DuckDBAppender; rows: number } | undefined;
  /** Rows added since the last flush. */
  pending = 0;
  /** The ingestion time (ns since the epoch) stamped on the rows: the start of their batch. */
  ingestedNs = 0n;

  constructor(
    private readonly store: Store,
    readonly table: string,
    private readonly columns: readonly Column[],
    convert: Record<KustoType, ColumnValue>,
    /** Tells apart the staging tables of two writers for one table. */
    private readonly tag = '',
  ) {
    columns.forEach((c, i) => this.index.set(c.name, i));
    this.convert = columns.map((c) => convert[c.type]);
    // The table's own defaults (store.ts), for a row that lacks a column other rows of its chunk have.
    this.defaults = columns.map((c) => (c.type !== 'string' ? null : c.name === 'Type' ? table : ''));
    this.reset();
  }

  /** Converts one row; returns what is wrong with it instead when a key or value does not fit. */
  prepare(obj: Record<string, unknown>): PreparedRow | string {
    const columns: number[] = [];
    const values: DuckDBValue[] = [];
    // Inlined for performance: this runs once per value ingested.
    for (const key in obj) {
      const raw = obj[key];
      if (raw === undefined) continue;
      const i = this.index.get(key);
      if (i === undefined) return `unknown column '${key}' for table '${this.table}' (names are case-sensitive)`;
      const v = this.convert[i]!(raw);
      if (v instanceof Rejected) return `column '${key}': expected ${this.columns[i]!.type}, got ${preview(raw)}${v.hint}`;
      columns.push(i);
      values.push(v);
    }
    return { writer: this, columns, values };
  }

  /** Adds a prepared row; appends a chunk to the stage when one is full. */
  async add(row: PreparedRow): Promise<void> {
    const r = this.count;
    for (let k = 0; k < row.columns.length; k++) {
      const i = row.columns[k]!;
      (this.values[i] ??= new Array<DuckDBValue>(CHUNK_ROWS).fill(this.defaults[i]!))[r] = row.values[k]!;
    }
    this.count++;
    this.pending++;
    if (this.count === CHUNK_ROWS) await this.pushChunk();
  }

  /** Moves every row added so far into the table. */
  async flush(): Promise<void> {
    if (this.count > 0) await this.pushChunk();
    await this.moveStage();
    this.pending = 0;
  }

  /** Lets go of the staging table after a failure (the transaction's rollback removes it). */
  close(): void {
    try {
      this.stage?.appender.closeSync();
    } catch {
      // The failure being reported is the one that matters; the rollback discards the stage either way.
    }
    this.stage = undefined;
    this.reset();
    this.pending = 0;
  }

  private async pushChunk(): Promise<void> {
    const columns = this.columns.map((_, i) => i).filter((i) => this.values[i] !== undefined);
    const rows = this.count;
    const values = columns.map((i) => (rows === CHUNK_ROWS ? this.values[i]! : this.values[i]!.slice(0, rows)));
    this.reset();
    const key = columns.join(',');
    if (this.stage && this.stage.key !== key) await this.moveStage();
    this.stage ??= await this.openStage(key, columns);
    const { appender } = this.stage;
    if (columns.length > 0) {
      const chunk = DuckDBDataChunk.create(columns.map((_, j) => appender.columnType(j)), rows);
      values.forEach((v, j) => chunk.setColumnValues(j, v));
      appender.appendDataChunk(chunk);
    } else {
      // A row with no values at all still counts: every column takes its default.
      for (let r = 0; r < rows; r++) {
        appender.appendInteger(1);
        appender.endRow();
      }
    }
    this.stage.rows += rows;
    if (this.stage.rows >= STAGE_ROWS) await this.moveStage();
  }

  private async moveStage(): Promise<void> {
    if (!this.stage) return;
    const conn = this.store.connection;
    const { appender, names } = this.stage;
    this.stage = undefined;
    appender.closeSync();
    const cols = names === '' ? '' : names + ', ';
    await conn.run(
      `INSERT INTO ${ident(this.table)} (${cols}${ident(INGESTION_TIME_COLUMN)}) SELECT ${cols}make_timestamp_ns(${this.ingestedNs}) FROM ${this.stageRef}`,
    );
    await conn.run(`DROP TABLE ${this.stageRef}`);
  }

  private get stageName(): string {
    return `kqlwatch_stage_${this.table}${this.tag ? '_' + this.tag : ''}`;
  }

  private get stageRef(): string {
    return `temp.main.${ident(this.stageName)}`;
  }

  private async openStage(key: string, columns: readonly number[]) {
    const names = columns.map((i) => ident(this.columns[i]!.name)).join(', ');
    const conn = this.store.connection;
    await this.store.ensureColumns(this.table, columns.map((i) => this.columns[i]!.name));
    // Copying the table's own column types keeps JSON, TIMESTAMP_NS etc. exactly as the table has them.
    try {
      const select = names === '' ? `1 AS "__kqw_none"` : names;
      await conn.run(`CREATE OR REPLACE TEMP TABLE ${ident(this.stageName)} AS SELECT ${select} FROM ${ident(this.table)} LIMIT 0`);
    } catch (e) {
      throw new StoreError(
        `table '${this.table}' in '${this.store.path}' does not have the columns kqlwatch expects ` +
          `(${(e as Error).message.split('\n')[0]}); it was made by another version: ingest into a new file with --db`,
      );
    }
    const appender = await conn.createAppender(this.stageName, null, 'temp');
    return { key, names, appender, rows: 0 };
  }

  private reset(): void {
    this.values = this.columns.map(() => undefined);
    this.count = 0;
  }
}

export function preview(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 80 ? text.slice(0, 79) + '…' : text;
}
