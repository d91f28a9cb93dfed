/**
 * The store: one DuckDB database (a file, or `:memory:`) holding the Log Analytics tables. Tables are created
 * on first use from the catalog's schema, with the types of kql/plan/types.ts (the one mapping), so an empty
 * table behaves like an empty Log Analytics table. Session time zone is UTC: Kusto datetimes are always UTC.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { defaultCatalog } from './schemas.js';
import { duckdbType, INGESTION_TIME, type Column } from '../kql/plan/types.js';
import { ident, str } from '../kql/sql/sql-text.js';
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

  // Tables known to exist: a scheduled run asks for the same few tables several times, and each CREATE … IF NOT
  // EXISTS costs DuckDB a parse and a catalog lookup (~0.5 ms; 10 s of a 7-day replay of the pack).
  const ensured = new Set<string>();
  const readers: DuckDBConnection[] = [];
  return {
    path,
    connection,
    instance,
    catalog,
    async ensureTables(names) {
      for (const name of names) {
        if (ensured.has(name)) continue;
        await connection.run(createTableSql(tableSchema(catalog, name)));
        ensured.add(name);
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
 * (https://learn.microsoft.com/kusto/query/ingestion-time-function). Rows written without it get the time of
 * their transaction.
 */
export const INGESTION_TIME_COLUMN = INGESTION_TIME.name;

const INGESTION_TIME_DDL = `${ident(INGESTION_TIME_COLUMN)} TIMESTAMP_NS DEFAULT CAST(current_timestamp AS TIMESTAMP_NS)`;

function createTableSql(table: TableSchema): string {
  const columns = table.columns.map((c) => columnDdl(table, c));
  return `CREATE TABLE IF NOT EXISTS ${ident(table.name)} (${[...columns, INGESTION_TIME_DDL].join(', ')})`;
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

function columnDdl(table: TableSchema, c: Column): string {
  if (c.type !== 'string') return `${ident(c.name)} ${duckdbType(c.type)}`;
  // Kusto: a string is never null (an absent value is ""), so the column cannot hold NULL either;
  // Log Analytics fills every table's `Type` column with the table's name.
  const fallback = c.name === 'Type' ? str(table.name) : `''`;
  return `${ident(c.name)} ${duckdbType(c.type)} NOT NULL DEFAULT ${fallback}`;
}
