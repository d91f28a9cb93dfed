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
import { pruneColumns } from './plan/prune-columns.js';
import { prepareConnection } from './runtime/macros.js';
import { compileSql } from './sql/compile-sql.js';
import { KqlError, makeDiagnostic } from './syntax/diagnostics.js';
import { parseKql } from './syntax/parse.js';
import { expandSentinelFunctions } from './syntax/sentinel-functions.js';
import { BagUnpackNeedsSchema, type BagUnpackRequest } from './binder/bind-bag-unpack.js';
import type { PlanNode } from './plan/operators.js';
import type { QueryParams } from './plan/expressions.js';
import type { StoredColumns } from './syntax/catalog.js';
import type { KqlDiagnostic } from './syntax/diagnostics.js';

function collectTables(n: PlanNode, out: Set<string>): void {
  if (n.kind === 'Table') out.add(n.name);
  for (const v of Object.values(n)) {
    if (v && typeof v === 'object' && 'kind' in v && 'schema' in v) collectTables(v as PlanNode, out);
    if (Array.isArray(v)) for (const x of v) if (x && typeof x === 'object' && 'kind' in x && 'schema' in x) collectTables(x as PlanNode, out);
  }
}

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

type InternalOutcome =
  | { readonly ok: true; readonly query: CompiledWithTables }
  | { readonly ok: false; readonly diagnostics: readonly KqlDiagnostic[]; readonly bagUnpack?: BagUnpackRequest };

export function compileKql(text: string, options: CompileOptions): CompileOutcome & { query?: CompiledWithTables } {
  const r = compileInternal(text, options);
  return r.ok ? r : { ok: false, diagnostics: r.diagnostics };
}

/** What a compile of one text made, whatever now() and the window (parameters of the plan). */
interface Compiled {
  readonly text: string;
  /** Pruned to the columns the query reads. */
  readonly plan: PlanNode;
  readonly schema: CompiledQuery['schema'];
  readonly diagnostics: readonly KqlDiagnostic[];
  readonly tables: readonly string[];
  /** The stored columns of the tables read, as the compile saw them (a query fills in the absent ones). */
  readonly columns: string;
}

/** Compiles by catalog and text, the most recent last (a rule runs again and again with a new window). */
const compiles = new WeakMap<object, Map<string, Compiled>>();
const COMPILES_KEPT = 256;

function columnsSeen(tables: readonly string[], stored: StoredColumns | undefined): string {
  if (!stored) return '';
  return tables.map((t) => { const c = stored(t); return `${t}:${c ? [...c].sort().join(',') : '*'}`; }).join(';');
}

function compileInternal(original: string, options: CompileOptions): InternalOutcome {
  const text = expandSentinelFunctions(original);
  const stored = options.storedColumns ?? options.catalog.storedColumns;
  const key = `${options.window ? options.window.by ?? 'TimeGenerated' : '-'}\n${text}`;
  let byText = compiles.get(options.catalog);
  let made = options.reuse === false ? undefined : byText?.get(key);
  if (made && made.columns !== columnsSeen(made.tables, stored)) made = undefined;
  if (!made) {
    const parsed = parseKql(text, options.catalog);
    const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) return { ok: false, diagnostics: errors };
    try {
      const window = options.window ? { startNs: 0n, endNs: 0n, byIngestion: options.window.by === 'ingestion_time' } : undefined;
      const bound = bindQuery(text, parsed.root, options.catalog, 0n, window, stored, true);
      const plan = pruneColumns(bound.plan);
      made = { text, plan, schema: plan.schema, diagnostics: parsed.diagnostics, tables: bound.tables, columns: columnsSeen(bound.tables, stored) };
    } catch (e) {
      return failure(text, e);
    }
    if (options.reuse !== false) {
      if (!byText) compiles.set(options.catalog, (byText = new Map()));
      byText.delete(key);
      byText.set(key, made);
      if (byText.size > COMPILES_KEPT) byText.delete(byText.keys().next().value!);
    }
  }
  const values = paramValues(options);
  const m = made;
  // The values written into the SQL: DuckDB re-plans a prepared statement for every new value of a parameter in a
  // filter, and measured slower that way than from the text (seed 000 at 1M: 7.0 ms reused, 7.6 ms prepared
  // anew, 6.7 ms from the text; ADR 0012).
  const query: CompiledWithTables = {
    text: m.text, schema: m.schema, diagnostics: m.diagnostics, tables: m.tables,
    // The kept plan is pruned already.
    sql: compileSql(m.plan, { prune: false, params: values }).sql,
    // Only when asked: writing it on every compile cost a rule run ~0.1 ms.
    get explain() { return explainPlan(m.plan); },
  };
  return { ok: true, query };
}

/** The values of a run's now() and window, in nanoseconds since the Unix epoch. */
function paramValues(options: CompileOptions): QueryParams {
  const ns = (d: Date) => BigInt(d.getTime()) * 1000000n;
  return {
    now: ns(options.now),
    windowStart: options.window ? ns(options.window.start) : 0n,
    windowEnd: options.window ? ns(options.window.end) : 0n,
  };
}

function failure(text: string, e: unknown): InternalOutcome {
  if (e instanceof KqlError) return { ok: false, diagnostics: e.diagnostics };
  if (e instanceof BagUnpackNeedsSchema) {
    const at = e.request.insertAt;
    const d = makeDiagnostic(text, 'KQW105', 'bag_unpack takes its columns from the data: run the query, or give an output schema (`: (*, Name:string, …)`)', at, 1);
    return { ok: false, diagnostics: [d], bagUnpack: e.request };
  }
  throw e;
}

/** Reads the slots of a bag_unpack's bag from the data and writes them into the query as its output schema. */
async function withBagSchema(text: string, req: BagUnpackRequest, connection: DuckDBConnection, params: QueryParams): Promise<string | KqlDiagnostic> {
  const probe: PlanNode = { kind: 'Project', schema: [{ name: '__bag', type: 'dynamic' }], input: req.input, columns: [{ name: '__bag', expr: req.bag }] };
  const { sql } = compileSql(probe, { params });
  await prepareConnection(connection);
  const rows = (await connection.runAndReadAll(`SELECT k, list(DISTINCT json_type(json_extract(b, '$."' || replace(k, '"', '\\"') || '"')))
    FROM (SELECT b, unnest(json_keys(b)) AS k FROM (SELECT CAST("__bag" AS JSON) AS b FROM (${sql})) WHERE json_type(b) = 'OBJECT')
    GROUP BY k ORDER BY k`)).getRowsJS() as [string, (string | null)[]][];
  const typeOf = (kinds: readonly (string | null)[]): string => {
    const set = new Set(kinds.filter((k): k is string => k !== null && k !== 'NULL'));
    if (set.size === 0) return 'dynamic';
    if ([...set].every((k) => k === 'BIGINT' || k === 'UBIGINT')) return 'long';
    if ([...set].every((k) => k === 'BIGINT' || k === 'UBIGINT' || k === 'DOUBLE')) return 'real';
    if (set.size === 1 && set.has('VARCHAR')) return 'string';
    if (set.size === 1 && set.has('BOOLEAN')) return 'bool';
    return 'dynamic';
  };
  const quote = (n: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(n) ? n : `['${n.replace(/'/g, "\\'")}']`);
  const inputCols = req.input.schema.filter((c) => c.name !== req.bagColumn);
  const inputNames = new Set(inputCols.map((c) => c.name));
  const slots = rows.filter(([k]) => !req.ignored.includes(k)).map(([k, kinds]) => ({ name: req.prefix + k, type: typeOf(kinds) }));
  const clash = slots.find((s) => inputNames.has(s.name));
  if (clash && req.conflict === 'error') {
    return makeDiagnostic(text, 'KQW201', `bag_unpack: the slot '${clash.name}' has the name of an existing column; use columnsConflict='replace_source' or 'keep_source'`, req.insertAt, 1);
  }
  const columns = [
    ...inputCols.map((c) => ({ name: c.name, type: c.type as string })),
    ...slots.filter((s) => !inputNames.has(s.name)),
  ];
  return text.slice(0, req.insertAt) + ` : (${columns.map((c) => `${quote(c.name)}:${c.type}`).join(', ')})` + text.slice(req.insertAt);
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

/**
 * Compiles with the data at hand: constructs whose columns depend on the data (bag_unpack) are resolved by
 * reading it first. What runKql and `kqlwatch query` use; compileKql is the data-free variant.
 */
export async function compileKqlWithData(
  text: string, options: CompileOptions & Pick<RunOptions, 'connection' | 'beforeRun'>,
): Promise<CompileOutcome & { query?: CompiledWithTables }> {
  // Positions the bag_unpack rewrite uses are in the expanded text, so work on that.
  let current = expandSentinelFunctions(text);
  let compiled = compileInternal(current, options);
  // A store makes a missing table with no column of its own (ADR 0011): the tables are made first, then the query
  // is bound for good against the columns they hold.
  const ensure = async (): Promise<void> => {
    if (!options.beforeRun) return;
    const tables = new Set<string>(compiled.ok ? compiled.query.tables : []);
    if (!compiled.ok && compiled.bagUnpack) collectTables(compiled.bagUnpack.input, tables);
    if (tables.size === 0) return;
    const stored = options.storedColumns ?? options.catalog.storedColumns;
    const unknown = stored !== undefined && [...tables].some((t) => stored(t) === undefined);
    await options.beforeRun([...tables]);
    if (unknown) compiled = compileInternal(current, options);
  };
  await ensure();
  // bag_unpack: discover the bag's slots from the data, write them in as its schema, compile again.
  for (let round = 0; round < 8 && !compiled.ok && compiled.bagUnpack; round++) {
    await ensure();
    if (compiled.ok || !compiled.bagUnpack) break;
    const req: BagUnpackRequest = compiled.bagUnpack;
    let next: string | KqlDiagnostic;
    try {
      next = await withBagSchema(current, req, options.connection, paramValues(options));
    } catch (e) {
      const msg = e instanceof Error ? e.message.split('\n')[0]! : String(e);
      next = makeDiagnostic(current, 'KQW301', `bag_unpack could not read its bag: ${msg}`, req.insertAt, 1);
    }
    if (typeof next !== 'string') return { ok: false, diagnostics: [next] };
    current = next;
    compiled = compileInternal(current, options);
  }
  return compiled.ok ? compiled : { ok: false, diagnostics: compiled.diagnostics };
}

export async function runKql(text: string, options: RunOptions): Promise<RunOutcome> {
  const compiled = await compileKqlWithData(text, options);
  if (!compiled.ok) return { ok: false, diagnostics: compiled.diagnostics };
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
