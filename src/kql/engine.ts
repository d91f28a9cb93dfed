/**
 * The public entry of the KQL engine: compileKql(text, options) turns KQL into DuckDB SQL (parse and bind with
 * Microsoft's Kusto.Language, then our plan, then SQL); runKql executes it on a DuckDB connection and returns
 * rows in the engine's cell convention (see engine-types.ts). User errors come back as diagnostics with
 * line:column, never as a DuckDB error or a stack trace.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { bindQuery } from './binder/bind-query.js';
import type { Cell, CompileOptions, CompileOutcome, CompiledQuery, QueryResult, RunOutcome } from './engine-types.js';
import { explainPlan } from './plan/explain.js';
import { prepareConnection } from './runtime/macros.js';
import { compileSql } from './sql/compile-sql.js';
import { KqlError, makeDiagnostic } from './syntax/diagnostics.js';
import { parseKql } from './syntax/parse.js';

export interface RunOptions extends CompileOptions {
  readonly connection: DuckDBConnection;
  /** Called with the tables the query reads before it runs (the store creates missing ones empty). */
  readonly beforeRun?: (tables: readonly string[]) => Promise<void>;
  /** Stop after this many rows. */
  readonly maxRows?: number;
}

export interface CompiledWithTables extends CompiledQuery {
  /** Store tables the query reads. */
  readonly tables: readonly string[];
}

export function compileKql(text: string, options: CompileOptions): CompileOutcome & { query?: CompiledWithTables } {
  const parsed = parseKql(text, options.catalog);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return { ok: false, diagnostics: errors };
  try {
    const nowNs = BigInt(options.now.getTime()) * 1000000n;
    const ns = (d: Date) => BigInt(d.getTime()) * 1000000n;
    const window = options.window ? { startNs: ns(options.window.start), endNs: ns(options.window.end) } : undefined;
    const bound = bindQuery(text, parsed.root, options.catalog, nowNs, window);
    const { sql, schema } = compileSql(bound.plan);
    const query: CompiledWithTables = {
      text, sql, schema, explain: explainPlan(bound.plan), diagnostics: parsed.diagnostics, tables: bound.tables,
    };
    return { ok: true, query };
  } catch (e) {
    if (e instanceof KqlError) return { ok: false, diagnostics: e.diagnostics };
    throw e;
  }
}

/** Converts a DuckDB value of the final projection into the engine's cell convention. */
function toCell(v: unknown, type: string): Cell {
  if (v === null || v === undefined) return type === 'string' ? '' : null;
  switch (type) {
    case 'long':
    case 'timespan':
    case 'datetime':
      return typeof v === 'bigint' ? v : BigInt(v as number);
    case 'int':
    case 'real':
    case 'decimal':
      return typeof v === 'bigint' ? Number(v) : (v as number);
    case 'bool':
      return Boolean(v);
    default:
      return String(v);
  }
}

/** Converts a chunk of DuckDB rows (the final projection's values) into cells; `limit` rows at most. */
function toCells(raw: readonly (readonly unknown[])[], types: readonly string[], limit = raw.length): Cell[][] {
  const n = Math.min(raw.length, limit);
  const rows: Cell[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = raw[i]!;
    const out: Cell[] = new Array(types.length);
    for (let j = 0; j < types.length; j++) out[j] = toCell(r[j], types[j]!);
    rows[i] = out;
  }
  return rows;
}

export async function executeCompiled(connection: DuckDBConnection, query: CompiledQuery, maxRows?: number): Promise<QueryResult> {
  await prepareConnection(connection);
  const reader = maxRows !== undefined
    ? await connection.streamAndReadUntil(query.sql, maxRows)
    : await connection.runAndReadAll(query.sql);
  const rows = toCells(reader.getRowsJS(), query.schema.map((c) => c.type), maxRows);
  return { columns: query.schema, rows };
}

/**
 * Streams a compiled query's rows in chunks (DuckDB's vector-sized pieces) to `onRows`, so a large result is never
 * held in memory; returns the number of rows delivered. `maxRows` stops early.
 */
export async function streamCompiled(
  connection: DuckDBConnection, query: CompiledQuery, onRows: (rows: Cell[][]) => Promise<void> | void, maxRows?: number,
): Promise<number> {
  await prepareConnection(connection);
  const result = await connection.stream(query.sql);
  const types = query.schema.map((c) => c.type);
  let delivered = 0;
  for await (const chunk of result.yieldRowsJs()) {
    const take = maxRows === undefined ? chunk.length : Math.min(chunk.length, maxRows - delivered);
    delivered += take;
    if (take > 0) await onRows(toCells(chunk, types, take));
    if (maxRows !== undefined && delivered >= maxRows) break;
  }
  return delivered;
}

export async function runKql(text: string, options: RunOptions): Promise<RunOutcome> {
  const compiled = compileKql(text, options);
  if (!compiled.ok) return compiled;
  const query = compiled.query as CompiledWithTables;
  if (options.beforeRun) await options.beforeRun(query.tables);
  try {
    const result = await executeCompiled(options.connection, query, options.maxRows);
    return { ok: true, result, query };
  } catch (e) {
    // A run-time failure (overflow, bad cast the compiler could not rule out) is reported against the query.
    const msg = e instanceof Error ? e.message : String(e);
    return { ok: false, diagnostics: [makeDiagnostic(text, 'KQW301', `the query failed while running: ${msg.split('\n')[0]}`, 0, text.length)] };
  }
}
