/**
 * Plan expressions → DuckDB SQL. Calls are lowered by their registry entry; the list operators (in, has_any,
 * between), property paths and subqueries are lowered here because they need the whole argument list.
 */
import type { LowerContext, SqlArg } from '../functions/define.js';
import { builtins } from '../functions/registry.js';
import { asText, isStringLike, termRegex } from '../functions/sql-helpers.js';
import type { Expr, PathStep, QueryParams } from '../plan/expressions.js';
import { formatDatetimeNs } from '../plan/time.js';
import { duckdbType, type KustoType } from '../plan/types.js';
import { ident, long, real, str } from './sql-text.js';
import type { PlanNode } from '../plan/operators.js';

export interface ExprEmitter {
  /** Emits a plan as a SELECT statement (for `in (subquery)` and toscalar). */
  readonly subquery: (plan: PlanNode) => string;
  /** Table alias to qualify column references with, if any. */
  readonly qualifier?: string;
  /** The serialized order of the input, for window functions (row_number, prev, next…). */
  readonly over?: string;
  /** Values for the plan's parameters (now, the window), written in as constants. */
  readonly params?: QueryParams;
}

export function literalSql(type: KustoType, value: unknown): string {
  if (value === null || value === undefined) return type === 'string' ? `''` : `CAST(NULL AS ${duckdbType(type)})`;
  switch (type) {
    case 'string':
    case 'guid':
      return str(String(value));
    case 'long':
    case 'timespan':
      return long(typeof value === 'bigint' ? value : BigInt(Math.trunc(Number(value))));
    case 'int':
      return `CAST(${Math.trunc(Number(value))} AS INTEGER)`;
    case 'real':
    case 'decimal':
      return real(Number(value));
    case 'bool':
      return value ? 'true' : 'false';
    case 'datetime':
      return `CAST(${str(formatDatetimeNs(value as bigint).replace('Z', ''))} AS TIMESTAMP_NS)`;
    case 'dynamic':
      return `CAST(${str(String(value))} AS JSON)`;
  }
}

export function emitExpr(e: Expr, em: ExprEmitter): SqlArg {
  switch (e.kind) {
    case 'Literal':
      return { sql: literalSql(e.type, e.value), type: e.type, constant: e.value };
    case 'ColumnRef':
      return { sql: (em.qualifier ? em.qualifier + '.' : '') + ident(e.name), type: e.type };
    case 'Path':
      return { sql: emitPath(emitExpr(e.base, em), e.steps, em), type: 'dynamic' };
    case 'InQuery': {
      const x = emitExpr(e.expr, em);
      const sub = em.subquery(e.query);
      const first = ident(e.query.schema[0]?.name ?? '');
      const lhs = e.caseInsensitive ? `lower(${asText(x)})` : x.sql;
      let values = `SELECT ${first} AS _v FROM (${sub}) AS _in`;
      if (e.query.schema[0]?.type === 'dynamic' && x.type !== 'dynamic') {
        // `T | summarize make_list(c)` on the right: arrays are flattened into their elements, as a dynamic
        // array in the list is (in-operator.md); a scalar in the column counts as itself.
        const t = isStringLike(x.type) ? 'VARCHAR' : duckdbType(x.type);
        values = `SELECT unnest(CASE WHEN json_type(${first}) = 'ARRAY' THEN TRY_CAST(${first} AS ${t}[])
          ELSE [TRY_CAST(json_extract_string(${first}, '$') AS ${t})] END) AS _v FROM (${sub}) AS _in`;
      }
      const rhs = e.caseInsensitive ? 'lower(CAST(_v AS VARCHAR))' : '_v';
      const test = `coalesce(${lhs} IN (SELECT ${rhs} FROM (${values}) AS _in_values), false)`;
      return { sql: e.negated ? `(NOT ${test})` : test, type: 'bool' };
    }
    case 'ScalarQuery': {
      const sub = em.subquery(e.query);
      const first = ident(e.query.schema[0]?.name ?? '');
      return { sql: `(SELECT ${first} FROM (${sub}) AS _s LIMIT 1)`, type: e.type };
    }
    case 'Star':
      return { sql: '*', type: 'dynamic' };
    case 'Param':
      // Every compile of a plan made with parameters passes their values (engine.ts); SQL without them cannot run.
      if (!em.params) throw new Error(`internal: the plan reads ${e.name} and compileSql was given no value for it`);
      return { sql: literalSql(e.type, em.params[e.name]), type: e.type };
    case 'Call':
      return emitCall(e, em);
  }
}

function emitCall(e: Extract<Expr, { kind: 'Call' }>, em: ExprEmitter): SqlArg {
  const special = SPECIAL[e.name];
  if (special) return { sql: special(e, em), type: e.type };
  const args = e.args.map((a) => emitExpr(a, em));
  const def = builtins.operators.get(e.name) ?? builtins.scalars.get(e.name);
  if (!def) throw new Error(`internal: no lowering for '${e.name}'`);
  const ctx: LowerContext = { resultType: e.type, name: e.name, ...(em.over !== undefined ? { over: em.over } : {}) };
  return { sql: def.sql(args, ctx), type: e.type };
}

type Special = (e: Extract<Expr, { kind: 'Call' }>, em: ExprEmitter) => string;

/** Elements of an `in`/`has_any` list, with constant dynamic arrays flattened (in-operator.md). */
function listItems(items: readonly Expr[], em: ExprEmitter): { constants: SqlArg[]; arrays: SqlArg[] } {
  const constants: SqlArg[] = [];
  const arrays: SqlArg[] = [];
  const addJson = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(addJson);
    else if (typeof v === 'string') constants.push({ sql: str(v), type: 'string', constant: v });
    else if (typeof v === 'number') constants.push({ sql: Number.isInteger(v) ? long(v) : real(v), type: Number.isInteger(v) ? 'long' : 'real', constant: v });
    else if (typeof v === 'boolean') constants.push({ sql: v ? 'true' : 'false', type: 'bool', constant: v });
  };
  for (const it of items) {
    if (it.kind === 'Literal' && it.type === 'dynamic' && typeof it.value === 'string') {
      try {
        addJson(JSON.parse(it.value));
        continue;
      } catch {
        // not JSON text: fall through to a run-time array
      }
    }
    const a = emitExpr(it, em);
    if (a.type === 'dynamic') arrays.push(a);
    else constants.push(a);
  }
  return { constants, arrays };
}

function inList(e: Extract<Expr, { kind: 'Call' }>, em: ExprEmitter, caseInsensitive: boolean, negated: boolean): string {
  const x = emitExpr(e.args[0]!, em);
  const { constants, arrays } = listItems(e.args.slice(1), em);
  const asString = isStringLike(x.type) || constants.some((c) => isStringLike(c.type));
  const norm = (a: SqlArg) => {
    const s = asString ? asText(a) : a.sql;
    return caseInsensitive ? `lower(${s})` : s;
  };
  const lhs = norm(x);
  const tests: string[] = [];
  if (constants.length > 0) tests.push(`coalesce(${lhs} IN (${constants.map(norm).join(', ')}), false)`);
  for (const arr of arrays) {
    const elemType = asString ? 'VARCHAR' : duckdbType(x.type);
    const list = caseInsensitive
      ? `list_transform(CAST(${arr.sql} AS VARCHAR[]), v -> lower(v))`
      : `TRY_CAST(${arr.sql} AS ${elemType}[])`;
    tests.push(`coalesce(list_contains(${list}, ${lhs}), false)`);
  }
  const test = tests.length === 0 ? 'false' : tests.length === 1 ? tests[0]! : `(${tests.join(' OR ')})`;
  return negated ? `(NOT ${test})` : test;
}

function hasList(e: Extract<Expr, { kind: 'Call' }>, em: ExprEmitter, all: boolean): string {
  const x = emitExpr(e.args[0]!, em);
  const s = asText(x);
  const { constants, arrays } = listItems(e.args.slice(1), em);
  const terms = constants.filter((c) => typeof c.constant === 'string').map((c) => String(c.constant)).filter((t) => t !== '');
  const others = constants.filter((c) => typeof c.constant !== 'string');
  const tests: string[] = [];
  if (all) {
    for (const t of terms) tests.push(`regexp_matches(${s}, ${str(termRegex([t], false))})`);
  } else if (terms.length > 0) {
    tests.push(`regexp_matches(${s}, ${str(termRegex(terms, false))})`);
  }
  for (const o of others) tests.push(`kql_has(${s}, ${asText(o)})`);
  for (const arr of arrays) {
    tests.push(all
      ? `list_bool_and(list_transform(CAST(${arr.sql} AS VARCHAR[]), t -> kql_has(${s}, t)))`
      : `coalesce(list_bool_or(list_transform(CAST(${arr.sql} AS VARCHAR[]), t -> kql_has(${s}, t))), false)`);
  }
  if (tests.length === 0) return all ? 'true' : 'false';
  return `(${tests.join(all ? ' AND ' : ' OR ')})`;
}

function between(e: Extract<Expr, { kind: 'Call' }>, em: ExprEmitter, negated: boolean): string {
  const [x, lo, hi] = e.args.map((a) => emitExpr(a, em)) as [SqlArg, SqlArg, SqlArg];
  // Kusto: the upper bound may be a timespan when the value and lower bound are datetimes (between-operator.md).
  const upper = x.type === 'datetime' && hi.type === 'timespan' ? `kql_dt_add(${lo.sql}, ${hi.sql})` : hi.sql;
  const test = `(${x.sql} BETWEEN ${lo.sql} AND ${upper})`;
  return negated ? `(NOT ${test})` : test;
}

const SPECIAL: Record<string, Special> = {
  In: (e, em) => inList(e, em, false, false),
  NotIn: (e, em) => inList(e, em, false, true),
  InCs: (e, em) => inList(e, em, true, false),
  NotInCs: (e, em) => inList(e, em, true, true),
  HasAny: (e, em) => hasList(e, em, false),
  HasAll: (e, em) => hasList(e, em, true),
  Between: (e, em) => between(e, em, false),
  NotBetween: (e, em) => between(e, em, true),
  __cast: (e, em) => castTo(emitExpr(e.args[0]!, em), e.type),
  nullif_empty: (e, em) => `nullif(${emitExpr(e.args[0]!, em).sql}, '')`,
  __regex_match: (e, em) => `regexp_matches(${emitExpr(e.args[0]!, em).sql}, ${emitExpr(e.args[1]!, em).sql})`,
  __regex_group: (e, em) => {
    const [s, re, g] = e.args.map((a) => emitExpr(a, em)) as [SqlArg, SqlArg, SqlArg];
    return `CASE WHEN regexp_matches(${s.sql}, ${re.sql}) THEN regexp_extract(${s.sql}, ${re.sql}, CAST(${g.sql} AS INTEGER)) ELSE '' END`;
  },
};

export function castTo(a: SqlArg, type: KustoType): string {
  if (a.type === type) return a.sql;
  if (type === 'string') return asText(a);
  if (type === 'dynamic') return a.type === 'string' ? `to_json(${a.sql})` : `to_json(${a.sql})`;
  return `TRY_CAST(${a.sql} AS ${duckdbType(type)})`;
}

function jsonPathKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? '.' + key : '."' + key.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

/** d.a.b[0] → json_extract(d, '$.a.b[0]'); negative indexes count from the end (dynamic.md; traps §5.2). */
function emitPath(base: SqlArg, steps: readonly PathStep[], em: ExprEmitter): string {
  let sql = base.type === 'dynamic' ? base.sql : `CAST(${base.sql} AS JSON)`;
  let path = '$';
  const flush = (): void => {
    if (path !== '$') sql = `json_extract(${sql}, ${str(path)})`;
    path = '$';
  };
  for (const s of steps) {
    if (s.kind === 'key') path += jsonPathKey(s.key);
    else if (s.kind === 'index') path += s.index < 0 ? `[#${s.index}]` : `[${s.index}]`;
    else {
      flush();
      const k = emitExpr(s.expr, em);
      if (k.type === 'string') sql = `json_extract(${sql}, '$."' || replace(${k.sql}, '"', '\\"') || '"')`;
      else sql = `json_extract(${sql}, CASE WHEN ${k.sql} < 0 THEN '$[#' || CAST(${k.sql} AS VARCHAR) || ']' ELSE '$[' || CAST(${k.sql} AS VARCHAR) || ']' END)`;
    }
  }
  flush();
  return sql;
}
