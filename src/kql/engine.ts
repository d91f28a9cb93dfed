/**
 * The public entry of the KQL engine: compileKql(text, options) turns KQL into DuckDB SQL (parse and bind with
 * Microsoft's Kusto.Language, then our plan, then SQL); runKql executes it on a DuckDB connection and returns
 * rows in the engine's cell convention (see engine-types.ts).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CompileOptions, CompileOutcome, QueryResult, RunOutcome, CompiledQuery } from './engine-types.js';

export interface RunOptions extends CompileOptions {
  readonly connection: DuckDBConnection;
  /** Called with the tables the query reads before it runs (the store creates missing ones empty). */
  readonly beforeRun?: (tables: readonly string[]) => Promise<void>;
  /** Stop after this many rows (the result says so). */
  readonly maxRows?: number;
}

export function compileKql(text: string, options: CompileOptions): CompileOutcome {
  void text;
  void options;
  throw new Error('not implemented yet');
}

export async function executeCompiled(connection: DuckDBConnection, query: CompiledQuery, maxRows?: number): Promise<QueryResult> {
  void connection;
  void query;
  void maxRows;
  throw new Error('not implemented yet');
}

export async function runKql(text: string, options: RunOptions): Promise<RunOutcome> {
  void text;
  void options;
  throw new Error('not implemented yet');
}
