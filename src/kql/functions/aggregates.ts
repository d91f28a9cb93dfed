/**
 * Aggregation functions (https://learn.microsoft.com/kusto/query/aggregation-functions). Empty input and null
 * rules from summarize-operator.md and null-values.md (traps §1.5). arg_max/arg_min and take_any with several
 * arguments produce several columns and are lowered by the summarize emitter.
 */
import { aggregate, DOCS, type FunctionDef, type SqlArg } from './define.js';
import { toJsonValue } from './dynamic.js';

/** make_set/make_list: nulls ignored, arrays flattened (traps §5.6); [] on empty input. */
function collect(a: SqlArg, distinct: boolean, filter?: SqlArg): string {
  const cond = `${a.sql} IS NOT NULL` + (filter ? ` AND ${filter.sql}` : '');
  if (a.type === 'dynamic') {
    const lst = `flatten(list(CASE WHEN json_type(${a.sql}) = 'ARRAY' THEN CAST(${a.sql} AS JSON[]) ELSE [${a.sql}] END) FILTER (WHERE ${cond}))`;
    return `coalesce(to_json(${distinct ? `list_distinct(${lst})` : lst}), '[]'::JSON)`;
  }
  const v = toJsonValue(a);
  const inner = a.type === 'datetime' || a.type === 'timespan' ? v : a.sql;
  return `coalesce(to_json(list(${distinct ? 'DISTINCT ' : ''}${inner}) FILTER (WHERE ${cond})), '[]'::JSON)`;
}

export const aggregateFunctions = [
  aggregate('count', { doc: DOCS + 'count-aggregation-function', sql: () => `count(*)` }),
  aggregate('countif', { doc: DOCS + 'countif-aggregation-function', sql: ([p]) => `count(*) FILTER (WHERE ${p!.sql})` }),
  aggregate('dcount', { doc: DOCS + 'dcount-aggregation-function', sql: ([x]) => `count(DISTINCT ${x!.sql})` }),
  aggregate('sum', { doc: DOCS + 'sum-aggregation-function', sql: ([x]) => `coalesce(sum(${x!.sql}), 0)` }),
  aggregate('min', { doc: DOCS + 'min-aggregation-function', sql: ([x]) => `min(${x!.sql})` }),
  aggregate('max', { doc: DOCS + 'max-aggregation-function', sql: ([x]) => `max(${x!.sql})` }),
  aggregate('avg', {
    doc: DOCS + 'avg-aggregation-function',
    sql: ([x]) => `CASE WHEN count(${x!.sql}) = 0 THEN 'NaN'::DOUBLE ELSE avg(${x!.sql}) END`,
  }),
  aggregate('make_set', { doc: DOCS + 'make-set-aggregation-function', sql: ([x]) => collect(x!, true) }),
  aggregate('make_list', { doc: DOCS + 'make-list-aggregation-function', sql: ([x]) => collect(x!, false) }),
  aggregate('make_set_if', { doc: DOCS + 'make-set-if-aggregation-function', sql: ([x, p]) => collect(x!, true, p) }),
  aggregate('make_list_if', { doc: DOCS + 'make-list-if-aggregation-function', sql: ([x, p]) => collect(x!, false, p) }),
] as const satisfies readonly FunctionDef[];
