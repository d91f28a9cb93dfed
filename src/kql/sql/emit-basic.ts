/**
 * Emitters for the row-wise and row-limiting operators: sources (table, datatable, print, range), where,
 * project, sort, take, top, distinct, count. Sort emits the direction and NULLS placement every time because
 * Kusto's defaults differ from DuckDB's (traps §8.1).
 */
import type { PlanNode, SortKey } from '../plan/operators.js';
import type { Expr } from '../plan/expressions.js';
import { columnsRead, usesWindow } from '../plan/expr-reads.js';
import { duckdbType, INGESTION_TIME, type Column } from '../plan/types.js';
import type { Emitter, SqlBuilder } from './builder.js';
import { castTo, literalSql } from './emit-expression.js';
import { ident, str } from './sql-text.js';

/**
 * A table's columns; those the store does not hold (never written, ADR 0011) as the empty value a stored row would
 * have: '' for strings (the table's name for `Type`, as Log Analytics fills it), null otherwise.
 */
export const emitTable: Emitter<'Table'> = (n) => {
  const cols = n.schema.map((c) => (n.absent?.has(c.name) ? `${absentValue(n.name, c)} AS ${ident(c.name)}` : ident(c.name)));
  // Read whole (not pruned), the table keeps its hidden ingestion time, as the bare table name would.
  if (n.absent && !n.pruned) cols.push(ident(INGESTION_TIME.name));
  return `SELECT ${cols.join(', ')} FROM ${ident(n.name)}`;
};

/** What a column the store does not hold reads as (and what a column added later gives the rows before it). */
export function absentValue(table: string, c: Column): string {
  if (c.type !== 'string') return literalSql(c.type, null);
  return c.name === 'Type' ? str(table) : "''";
}

export const emitDataTable: Emitter<'DataTable'> = (n, b) => {
  const names = n.schema.map((c) => ident(c.name)).join(', ');
  if (n.rows.length === 0) {
    return `SELECT ${n.schema.map((c) => `${literalSql(c.type, null)} AS ${ident(c.name)}`).join(', ')} WHERE false`;
  }
  const rows = n.rows.map((r) => '(' + r.map((v, i) => castTo(b.expr(v), n.schema[i]!.type)).join(', ') + ')');
  const a = b.alias();
  const typed = n.schema.map((c) => `CAST(${a}.${ident(c.name)} AS ${duckdbType(c.type)}) AS ${ident(c.name)}`).join(', ');
  // Row order of a datatable is its written order (the docs show it that way); VALUES keeps it.
  return `SELECT ${typed} FROM (VALUES ${rows.join(', ')}) AS ${a}(${names})`;
};

export const emitPrint: Emitter<'Print'> = (n, b) =>
  `SELECT ${n.columns.map((c, i) => `${castTo(b.expr(c.expr), n.schema[i]!.type)} AS ${ident(c.name)}`).join(', ')}`;

/** range x from a to b step s: inclusive of `to` (range-operator.md). */
export const emitRange: Emitter<'Range'> = (n, b) => {
  const c = n.schema[0]!;
  const from = b.expr(n.from);
  const to = b.expr(n.to);
  const step = b.expr(n.step);
  const name = ident(c.name);
  if (c.type === 'long' || c.type === 'int') {
    return `SELECT CAST(generate_series AS ${duckdbType(c.type)}) AS ${name} FROM generate_series(CAST(${from.sql} AS BIGINT), CAST(${to.sql} AS BIGINT), CAST(${step.sql} AS BIGINT))`;
  }
  if (c.type === 'datetime') {
    return `SELECT make_timestamp_ns(epoch_ns(${from.sql}) + i * ${step.sql} * 100) AS ${name} FROM generate_series(0, (epoch_ns(${to.sql}) - epoch_ns(${from.sql})) // (${step.sql} * 100)) AS _g(i)`;
  }
  if (c.type === 'timespan') {
    return `SELECT CAST(${from.sql} + i * ${step.sql} AS BIGINT) AS ${name} FROM generate_series(0, (${to.sql} - ${from.sql}) // ${step.sql}) AS _g(i)`;
  }
  return `SELECT CAST(${from.sql} + i * ${step.sql} AS DOUBLE) AS ${name} FROM generate_series(0, CAST(floor((${to.sql} - ${from.sql}) / ${step.sql}) AS BIGINT)) AS _g(i)`;
};

const COMPARISONS = new Set(['Equal', 'NotEqual', 'LessThan', 'LessThanOrEqual', 'GreaterThan', 'GreaterThanOrEqual']);

/** A value fixed for the whole run: literals, the run's parameters (now, the window) and operators over them. */
function constant(e: Expr): boolean {
  return e.kind === 'Literal' || e.kind === 'Param' || (e.kind === 'Call' && OPERATORS_OF_CONSTANTS.has(e.name) && e.args.every(constant));
}

const OPERATORS_OF_CONSTANTS = new Set(['Add', 'Subtract', 'Multiply', 'Divide', 'UnaryMinus']);

/** `column op constant`: what DuckDB can push down to a table scan, to skip row groups by their min/max. */
function scanComparable(e: Expr): boolean {
  if (e.kind !== 'Call' || !COMPARISONS.has(e.name) || e.args.length !== 2) return false;
  const [a, b] = e.args;
  return (a!.kind === 'ColumnRef' && constant(b!)) || (constant(a!) && b!.kind === 'ColumnRef');
}

/**
 * A predicate for WHERE, as its `and`s would be written, except that a `column op constant` in the chain keeps
 * no coalesce(…, false): in WHERE, null drops the row as false does, and the bare comparison is one DuckDB can
 * push down to the scan, so that a rule's time window skips whole row groups (ADR 0010). Other operands keep
 * their coalesce: DuckDB would otherwise pull a comparison of two joined columns into the hash join, which
 * measured three times slower than filtering after it (seed 002).
 */
function whereSql(e: Expr, b: SqlBuilder, top = true): string {
  if (e.kind === 'Call' && e.name === 'And' && e.args.length === 2) {
    return `(${whereSql(e.args[0]!, b, false)} AND ${whereSql(e.args[1]!, b, false)})`;
  }
  const sql = b.expr(e);
  if (top || scanComparable(e) || (sql.constant !== undefined && sql.constant !== null)) return sql.sql;
  return `coalesce(${sql.sql}, false)`;
}

/**
 * Consecutive `where`s become one WHERE (a null predicate drops the row either way), straight over the table
 * when they filter one: every nesting level is one more scope for DuckDB to bind.
 */
export const emitFilter: Emitter<'Filter'> = (n, b) => {
  const predicates = [n.predicate];
  let input = n.input;
  while (input.kind === 'Filter' && !b.isShared(input)) {
    predicates.unshift(input.predicate);
    input = input.input;
  }
  const where = predicates.map((p) => whereSql(p, b)).join(' AND ');
  // Straight over the table unless a column it reads is filled in: WHERE sees the table's columns, not the fill.
  if (input.kind === 'Table' && input.pruned && !input.schema.some((c) => input.absent?.has(c.name))) return `${emitTable(input, b)} WHERE ${where}`;
  return `SELECT * FROM ${b.relation(input)} WHERE ${where}`;
};

/**
 * The serialized order of a node's rows for window functions: the nearest upstream sort, seen through
 * operators that keep row order (window-functions.md: "serialized row set").
 */
export function upstreamOrder(node: PlanNode, b: SqlBuilder): string {
  let n: PlanNode = node;
  for (;;) {
    if (n.kind === 'Sort' || n.kind === 'Top') {
      // A key a projection has dropped since (`sort by t | project x | extend row_number()`) cannot be named here:
      // the rows still come in the sort's order, which DuckDB keeps through projections and filters.
      const keys = columnsRead(n.keys.map((k) => k.expr));
      const have = new Set(node.schema.map((c) => c.name));
      return keys !== 'all' && [...keys].every((c) => have.has(c)) ? `ORDER BY ${orderBy(n.keys, b)}` : '';
    }
    if (n.kind === 'Filter' || n.kind === 'Take' || n.kind === 'Serialize' || n.kind === 'Project') n = n.input;
    else return '';
  }
}

export const emitProject: Emitter<'Project'> = (n, b) => {
  const over = upstreamOrder(n.input, b);
  // A window operator returns rows in partition order: restore the serialized order afterwards.
  const reorder = over !== '' && n.columns.some((c) => usesWindow(c.expr)) ? ` ${over}` : '';
  const cols = n.columns.map((c, i) => {
    const e = b.expr(c.expr, undefined, over);
    const target = n.schema[i]?.type ?? e.type;
    const sql = e.type === target ? e.sql : castTo(e, target);
    const identity = c.expr.kind === 'ColumnRef' && c.expr.name === c.name;
    return { name: c.name, identity, sql: identity ? ident(c.name) : `${sql} AS ${ident(c.name)}` };
  });
  if (cols.length === 0) return `SELECT NULL AS "__empty" FROM ${b.relation(n.input)} WHERE false`;
  const listed = cols.map((c) => c.sql).join(', ');
  const star = starList(n.input.schema.map((c) => c.name), cols);
  // `project A` of a wide table is shorter as a list than as `* EXCLUDE (every other column)`.
  const list = star !== undefined && star.length < listed.length ? star : listed;
  return `SELECT ${list} FROM ${b.relation(n.input)}${reorder}`;
};

/**
 * The select list of a projection written against `*` when it keeps the input's columns in their order, some
 * left out (`EXCLUDE`), some recomputed in place (`REPLACE`), new ones appended: `extend`, `project-away` and
 * `project-rename` over a 90-column table then cost DuckDB a few names to bind instead of every column at every
 * step (binding and optimising the long lists was most of a small window's query time). Undefined when the
 * projection reorders, or keeps no input column as it is; the caller then lists every column.
 */
export function starList(input: readonly string[], cols: readonly { name: string; identity: boolean; sql: string }[]): string | undefined {
  const inputNames = new Set(input);
  const exclude: string[] = [];
  const replace: string[] = [];
  let k = 0;
  let i = 0;
  let kept = 0;
  for (; i < cols.length && inputNames.has(cols[i]!.name); i++) {
    const c = cols[i]!;
    while (k < input.length && input[k] !== c.name) exclude.push(input[k++]!);
    if (k === input.length) return undefined;
    k++;
    if (c.identity) kept++;
    else replace.push(c.sql);
  }
  exclude.push(...input.slice(k));
  const appended = cols.slice(i);
  if (kept === 0 || appended.some((c) => inputNames.has(c.name))) return undefined;
  const star = `*${exclude.length ? ` EXCLUDE (${exclude.map(ident).join(', ')})` : ''}${replace.length ? ` REPLACE (${replace.join(', ')})` : ''}`;
  return [star, ...appended.map((c) => c.sql)].join(', ');
}

export function orderBy(keys: readonly SortKey[], b: SqlBuilder): string {
  return keys
    .map((k) => {
      const e = b.expr(k.expr);
      // Kusto groups NaN with null (sort-operator.md); DuckDB sorts NaN above +inf.
      const sql = e.type === 'real' ? `(CASE WHEN isnan(${e.sql}) THEN NULL ELSE ${e.sql} END)` : e.type === 'dynamic' ? `CAST(${e.sql} AS VARCHAR)` : e.sql;
      return `${sql} ${k.descending ? 'DESC' : 'ASC'} NULLS ${k.nullsFirst ? 'FIRST' : 'LAST'}`;
    })
    .join(', ');
}

export const emitSort: Emitter<'Sort'> = (n, b) => `SELECT * FROM ${b.relation(n.input)} ORDER BY ${orderBy(n.keys, b)}`;

/** The first N rows of each partition, in the given order. */
function limitPerPartition(rel: string, partition: string, order: string, count: string): string {
  return `SELECT * EXCLUDE ("__kqw_rn") FROM (SELECT *, row_number() OVER (PARTITION BY ${ident(partition)}${order ? ` ORDER BY ${order}` : ''}) AS "__kqw_rn" FROM ${rel}) WHERE "__kqw_rn" <= ${count}`;
}

export const emitTake: Emitter<'Take'> = (n, b) =>
  n.partitionBy
    ? limitPerPartition(b.relation(n.input), n.partitionBy, '', b.expr(n.count).sql)
    : `SELECT * FROM ${b.relation(n.input)} LIMIT ${b.expr(n.count).sql}`;

export const emitTop: Emitter<'Top'> = (n, b) =>
  n.partitionBy
    ? `SELECT * FROM (${limitPerPartition(b.relation(n.input), n.partitionBy, orderBy(n.keys, b), b.expr(n.count).sql)}) ORDER BY ${ident(n.partitionBy)}, ${orderBy(n.keys, b)}`
    : `SELECT * FROM ${b.relation(n.input)} ORDER BY ${orderBy(n.keys, b)} LIMIT ${b.expr(n.count).sql}`;

export const emitDistinct: Emitter<'Distinct'> = (n, b) =>
  `SELECT DISTINCT ${n.columns.map((c) => `${b.expr(c.expr).sql} AS ${ident(c.name)}`).join(', ')} FROM ${b.relation(n.input)}`;

export const emitCount: Emitter<'Count'> = (n, b) =>
  `SELECT count(*) AS ${ident(n.schema[0]?.name ?? 'Count')} FROM ${b.relation(n.input)}`;

export const emitSerialize: Emitter<'Serialize'> = (n, b) => {
  const over = upstreamOrder(n.input, b);
  return `SELECT *${n.columns.map((c) => `, ${b.expr(c.expr, undefined, over).sql} AS ${ident(c.name)}`).join('')} FROM ${b.relation(n.input)}`;
};
