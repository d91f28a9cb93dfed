/**
 * The store: one DuckDB database (a file, or `:memory:`) holding the Log Analytics tables. A table is created on
 * first use and holds the columns of the catalog's schema that have been written, with the types of
 * kql/plan/types.ts (the one mapping); KQL reads the others as empty values, so a table behaves like the Log
 * Analytics table (ADR 0011). Session time zone is UTC: Kusto datetimes are always UTC.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { defaultCatalog } from './schemas.js';
import { duckdbType, INGESTION_TIME, type Column } from '../kql/plan/types.js';
import { ident, str } from '../kql/sql/sql-text.js';
import { absentValue } from '../kql/sql/emit-basic.js';
import type { Catalog, TableSchema } from '../kql/syntax/catalog.js';

export interface Store {
  /** The database file, or `:memory:`. */
  readonly path: string;
  readonly connection: DuckDBConnection;
  /** The database instance, for a second connection (e.g. a reader that streams while the store writes). */
  readonly instance: DuckDBInstance;
  readonly catalog: Catalog;
  /** Creates the named tables (empty) when they do not exist yet. Throws StoreError for a table not in the catalog. */
  ensureTables(names: readonly string[]): Promise<void>;
  /**
   * Makes sure the table holds these columns before a write names them: a store's log tables hold only the columns
   * ever written (ADR 0011), the others read as empty values. Inside the writer's transaction, so a rollback takes
   * the new columns back too.
   */
  ensureColumns(table: string, columns: readonly string[]): Promise<void>;
  /** Creates one of kqlwatch's own tables (not in the catalog) with `createSql` unless it exists already. */
  ensureOwnTable(name: string, createSql: string): Promise<void>;
  /**
   * Rolls back the open transaction. Every ROLLBACK goes through here: a table created inside the transaction is
   * gone again, so ensureTables forgets what it created.
   */
  rollback(): Promise<void>;
  /**
   * `n` further connections to the same database, made once and kept until close(), for queries that run beside
   * the store's own connection (each has its own transaction, so its own snapshot).
   */
  readers(n: number): Promise<DuckDBConnection[]>;
  close(): void;
}

export interface OpenStoreOptions {
  /** Table schemas; defaults to every table shipped with kqlwatch. */
  readonly catalog?: Catalog;
}

/** A problem the user can fix (unknown table, unreadable database file); its message says how. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
}

export async function openStore(path: string, options: OpenStoreOptions = {}): Promise<Store> {
  const catalog = options.catalog ?? defaultCatalog();
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path);
  } catch (e) {
    throw new StoreError(`cannot open the database '${path}': ${(e as Error).message}`);
  }
  const connection = await instance.connect();
  await connection.run(`SET TimeZone='UTC'`);
  await addIngestionTimeColumn(connection, catalog);
  await dropIngestionTimeDefault(connection, catalog);
  // The columns each catalog table holds, as committed. A table not listed (made by SQL of its own after this
  // was read) counts as holding all of its columns.
  const stored = await storedColumns(connection, catalog);
  const reloadStored = async (): Promise<void> => {
    stored.clear();
    for (const [t, cols] of await storedColumns(connection, catalog)) stored.set(t, cols);
  };

  // Tables known to exist: a scheduled run asks for the same few tables several times, and each CREATE … IF NOT
  // EXISTS costs DuckDB a parse and a catalog lookup (~0.5 ms; 10 s of a 7-day replay of the pack).
  const ensured = new Set<string>();
  const readers: DuckDBConnection[] = [];
  const ensureTables = async (names: readonly string[]): Promise<void> => {
    for (const name of names) {
      if (ensured.has(name)) continue;
      const table = tableSchema(catalog, name);
      if (!stored.has(name)) {
        await connection.run(createTableSql(table));
        // Made now with no column of its own, or there already (made by other SQL): read which.
        stored.set(name, (await storedColumns(connection, catalog, name)).get(name) ?? new Set());
      }
      ensured.add(name);
    }
  };
  return {
    path,
    connection,
    instance,
    catalog: { ...catalog, storedColumns: (table) => stored.get(table) },
    ensureTables,
    async ensureColumns(name, columns) {
      await ensureTables([name]);
      const table = tableSchema(catalog, name);
      const have = stored.get(name)!;
      for (const c of columns) {
        if (have.has(c) || c === INGESTION_TIME_COLUMN) continue;
        const column = table.columns.find((x) => x.name === c);
        if (!column) throw new StoreError(`table '${name}' has no column '${c}'`);
        await connection.run(`ALTER TABLE ${ident(name)} ADD COLUMN ${addedColumnDdl(table, column)}`);
        have.add(c);
      }
    },
    async ensureOwnTable(name, createSql) {
      if (ensured.has(name)) return;
      await connection.run(createSql);
      ensured.add(name);
    },
    async rollback() {
      ensured.clear();
      await connection.run('ROLLBACK');
      await reloadStored();
    },
    async readers(n) {
      while (readers.length < n) {
        const c = await instance.connect();
        await c.run(`SET TimeZone='UTC'`);
        readers.push(c);
      }
      return readers.slice(0, n);
    },
    close() {
      for (const r of readers) r.closeSync();
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** The schema of a catalog table, or a StoreError that names the closest known tables. */
export function tableSchema(catalog: Catalog, name: string): TableSchema {
  const table = catalog.tables.get(name);
  if (table) return table;
  const lower = name.toLowerCase();
  const sameCase = [...catalog.tables.keys()].find((k) => k.toLowerCase() === lower);
  const hint = sameCase
    ? ` Table names are case-sensitive: did you mean '${sameCase}'?`
    : ` Run 'kqlwatch tables' to list the known tables.`;
  throw new StoreError(`unknown table '${name}'.${hint}`);
}

/**
 * Every log table has one column more than its schema: when each row was stored. It is not in the catalog, so
 * `*`, `getschema` and projections never show it; `ingestion_time()` reads it
 * (https://learn.microsoft.com/kusto/query/ingestion-time-function). Writers set it (see createTableSql).
 */
export const INGESTION_TIME_COLUMN = INGESTION_TIME.name;

/**
 * A log table starts with no column of its own: writers add the ones they write (ensureColumns). Storing the ~76
 * columns a sign-in file does not have cost 3-4x its ingest time (ADR 0011); queries read absent ones as empty.
 * Its ingestion time has no default: every writer sets it. DuckDB 1.5 cannot replay a write-ahead log that adds
 * a column to a table with a `current_timestamp` default ("GetDefaultDatabase with no default database set",
 * checked with a kill -9 after the commit), so a store with such a table would not open after a crash.
 */
function createTableSql(table: TableSchema): string {
  return `CREATE TABLE IF NOT EXISTS ${ident(table.name)} (${ident(INGESTION_TIME_COLUMN)} TIMESTAMP_NS)`;
}

/**
 * The columns of catalog tables as the database holds them (one table, or all), as `connection` sees them: a
 * reader on a pinned snapshot does not see a column added after it.
 */
export async function storedColumns(connection: DuckDBConnection, catalog: Catalog, only?: string): Promise<Map<string, Set<string>>> {
  const reader = await connection.runAndReadAll(
    `SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main'
       ${only !== undefined ? `AND table_name = ${str(only)}` : ''}`,
  );
  const out = new Map<string, Set<string>>();
  for (const [t, c] of reader.getRows()) {
    const table = String(t);
    if (!catalog.tables.has(table)) continue;
    let set = out.get(table);
    if (!set) out.set(table, (set = new Set()));
    if (String(c) !== INGESTION_TIME_COLUMN) set.add(String(c));
  }
  return out;
}

/**
 * A column added to a table: rows written before, and rows that leave it out, get the value an absent column reads
 * as. Kusto: a string is never null (absent is ""), and Log Analytics fills every table's `Type` with the table's
 * name. (NOT NULL cannot be added to a table with rows; writers never write a null string.)
 */
function addedColumnDdl(table: TableSchema, c: Column): string {
  if (c.type !== 'string') return `${ident(c.name)} ${duckdbType(c.type)}`;
  return `${ident(c.name)} ${duckdbType(c.type)} DEFAULT ${absentValue(table.name, c)}`;
}

/**
 * Tables made by earlier versions have a `current_timestamp` default on the ingestion time, and DuckDB 1.5 cannot
 * replay a write-ahead log that then adds a column to them (see createTableSql). The default goes, and a
 * checkpoint leaves no log to replay with it.
 */
async function dropIngestionTimeDefault(connection: DuckDBConnection, catalog: Catalog): Promise<void> {
  const withDefault = await connection.runAndReadAll(
    `SELECT table_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main'
       AND column_name = ${str(INGESTION_TIME_COLUMN)} AND column_default IS NOT NULL`,
  );
  const tables = withDefault.getRows().map(([t]) => String(t)).filter((t) => catalog.tables.has(t));
  for (const t of tables) await connection.run(`ALTER TABLE ${ident(t)} ALTER COLUMN ${ident(INGESTION_TIME_COLUMN)} DROP DEFAULT`);
  if (tables.length > 0) await connection.run('CHECKPOINT');
}

/** Tables made before the ingestion-time column existed get it (null for their old rows: time unknown). */
async function addIngestionTimeColumn(connection: DuckDBConnection, catalog: Catalog): Promise<void> {
  const missing = await connection.runAndReadAll(
    `SELECT t.table_name FROM duckdb_tables() t WHERE t.database_name = current_database() AND t.schema_name = 'main' AND NOT t.temporary
       AND NOT EXISTS (SELECT 1 FROM duckdb_columns() c WHERE c.database_name = t.database_name AND c.schema_name = 'main'
                       AND c.table_name = t.table_name AND c.column_name = ${str(INGESTION_TIME_COLUMN)})`,
  );
  for (const [name] of missing.getRows()) {
    if (!catalog.tables.has(String(name))) continue;
    await connection.run(`ALTER TABLE ${ident(String(name))} ADD COLUMN ${ident(INGESTION_TIME_COLUMN)} TIMESTAMP_NS`);
  }
}
