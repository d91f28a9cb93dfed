/**
 * Aggregation functions (https://learn.microsoft.com/kusto/query/aggregation-functions). Empty input and null
 * rules from summarize-operator.md and null-values.md (traps §1.5). arg_max/arg_min and take_any with several
 * arguments produce several columns and are lowered by the summarize emitter.
 */
import { aggregate, scalar, DOCS, type FunctionDef, type LowerContext, type SqlArg } from './define.js';
import { toJsonValue } from './dynamic.js';
import { duckdbType } from '../plan/types.js';

/** ` FILTER (WHERE p)` for the *if forms, or nothing. */
const where = (p: SqlArg | undefined) => (p ? ` FILTER (WHERE ${p.sql})` : '');

/**
 * sum/stdev/variance/covariance families: nulls ignored, and 0 on empty input (summarize-operator.md; traps §1.5).
 * A one-row sample has no sample variance; Kusto documents no value for it, and 0 is the empty-input rule's value.
 */
const zeroIfNone = (fn: string) => ([x, p]: readonly SqlArg[]) => `coalesce(${fn}(${x!.sql})${where(p)}, 0)`;
const zeroIfNone2 = (fn: string) => ([x, y, p]: readonly SqlArg[]) => `coalesce(${fn}(${x!.sql}, ${y!.sql})${where(p)}, 0)`;

/** avg/avgif: NaN on empty input, as the summarize-operator.md example shows. */
const average = ([x, p]: readonly SqlArg[]) =>
  `CASE WHEN count(${x!.sql})${where(p)} = 0 THEN 'NaN'::DOUBLE ELSE avg(${x!.sql})${where(p)} END`;

/**
 * make_bag/make_bag_if (make-bag-aggregation-function.md): merges the rows' property bags, skipping values that are
 * not bags; "If a key appears in more than one row, an arbitrary value … is selected" (here: the last one).
 * json_merge_patch (RFC 7386) also merges nested bags under one key and drops keys whose value is null: both are
 * choices among the arbitrary values the docs allow, except the dropped nulls. maxSize is not enforced.
 */
function makeBag(x: SqlArg, p?: SqlArg): string {
  const cond = `json_type(${x.sql}) = 'OBJECT'` + (p ? ` AND ${p.sql}` : '');
  return `coalesce(list_reduce(list(${x.sql}) FILTER (WHERE ${cond}), (a, b) -> json_merge_patch(a, b), '{}'::JSON), '{}'::JSON)`;
}

/** The sorted non-null values of x, for nearest-rank percentiles. */
const sortedValues = (x: SqlArg) => `list_sort(list(${x.sql}) FILTER (WHERE ${x.sql} IS NOT NULL))`;

/**
 * percentile(x, P): Kusto estimates the nearest-rank percentile with T-Digest (percentiles-aggregation-function.md
 * "Nearest-rank percentile", "Estimation error"). We compute the exact nearest-rank value instead: it is what the
 * estimate approximates, it is always a member of the data, and percentiles 0 and 100 are the exact min and max as
 * documented. The cost is holding each group's values in memory.
 */
function percentile([x, p]: readonly SqlArg[], ctx: LowerContext): string {
  return `CAST(kql_nearest_rank(${sortedValues(x!)}, ${p!.sql}) AS ${duckdbType(ctx.resultType)})`;
}

/** percentiles_array(x, p1, p2, …) or (x, dynamic([p1, …])): one dynamic array of nearest-rank values. */
function percentilesArray(args: readonly SqlArg[]): string {
  const [x, ...ps] = args as [SqlArg, ...SqlArg[]];
  const list = ps.length === 1 && ps[0]!.type === 'dynamic'
    ? `CAST(${ps[0]!.sql} AS DOUBLE[])`
    : `[${ps.map((p) => `CAST(${p.sql} AS DOUBLE)`).join(', ')}]`;
  const elem = toJsonValue({ sql: 'kql_nearest_rank(s, p)', type: x.type });
  return `(SELECT to_json(list_transform(${list}, p -> ${elem})) FROM (SELECT ${sortedValues(x)} AS s))`;
}

/**
 * take_any(x) with one argument "will attempt to return a non-null/non-empty value, if such value is present"
 * (take-any-aggregation-function.md; traps §6.5). DuckDB's any_value already skips nulls; strings also skip ''.
 */
function takeAny([x, p]: readonly SqlArg[]): string {
  if (x!.type === 'string') return `coalesce(any_value(nullif(${x!.sql}, ''))${where(p)}, '')`;
  return `any_value(${x!.sql})${where(p)}`;
}

/**
 * hll()/hll_merge()/dcount_hll() (hll-aggregation-function.md): Kusto's sketch is HyperLogLog, and the docs say its
 * binary form may change and shouldn't be relied on. We keep the exact set of distinct values as a dynamic array, so
 * dcount_hll(hll_merge(…)) is an exact distinct count like our dcount (traps §6.4). Memory grows with cardinality.
 */
const hllOf = ([x, p]: readonly SqlArg[]) =>
  `coalesce(to_json(list(DISTINCT ${x!.sql}) FILTER (WHERE ${x!.sql} IS NOT NULL${p ? ` AND ${p.sql}` : ''})), '[]'::JSON)`;
const hllMergeAgg = ([h]: readonly SqlArg[]) =>
  `coalesce(to_json(list_distinct(flatten(list(CAST(${h!.sql} AS JSON[])) FILTER (WHERE json_type(${h!.sql}) = 'ARRAY')))), '[]'::JSON)`;
const hllMergeScalar = (args: readonly SqlArg[]) =>
  `to_json(list_distinct(flatten([${args.map((h) => `coalesce(CAST(${h.sql} AS JSON[]), [])`).join(', ')}])))`;

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
  aggregate('dcount', { doc: DOCS + 'dcount-aggregation-function', sql: ([x]) => `count(DISTINCT ${x!.sql})`, aliases: ['count_distinct'] }),
  aggregate('sum', { doc: DOCS + 'sum-aggregation-function', sql: ([x]) => `coalesce(sum(${x!.sql}), 0)` }),
  aggregate('min', { doc: DOCS + 'min-aggregation-function', sql: ([x]) => `min(${x!.sql})` }),
  aggregate('max', { doc: DOCS + 'max-aggregation-function', sql: ([x]) => `max(${x!.sql})` }),
  aggregate('avg', { doc: DOCS + 'avg-aggregation-function', sql: ([x]) => average([x!]) }),
  aggregate('make_set', { doc: DOCS + 'make-set-aggregation-function', sql: ([x]) => collect(x!, true), aliases: ['makeset'] }),
  aggregate('make_list', { doc: DOCS + 'make-list-aggregation-function', sql: ([x]) => collect(x!, false), aliases: ['makelist'] }),
  aggregate('make_set_if', { doc: DOCS + 'make-set-if-aggregation-function', sql: ([x, p]) => collect(x!, true, p) }),
  aggregate('make_list_if', { doc: DOCS + 'make-list-if-aggregation-function', sql: ([x, p]) => collect(x!, false, p) }),
  // make_list_with_nulls keeps nulls as JSON null (make-list-with-nulls-aggregation-function.md).
  aggregate('make_list_with_nulls', {
    doc: DOCS + 'make-list-with-nulls-aggregation-function',
    sql: ([x]) => `coalesce(to_json(list(${x!.type === 'datetime' || x!.type === 'timespan' ? toJsonValue(x!) : x!.sql})), '[]'::JSON)`,
  }),
  aggregate('make_bag', { doc: DOCS + 'make-bag-aggregation-function', sql: ([x]) => makeBag(x!), aliases: ['make_dictionary'] }),
  aggregate('make_bag_if', { doc: DOCS + 'make-bag-if-aggregation-function', sql: ([x, p]) => makeBag(x!, p) }),
  aggregate('sumif', { doc: DOCS + 'sumif-aggregation-function', sql: zeroIfNone('sum') }),
  aggregate('avgif', { doc: DOCS + 'avgif-aggregation-function', sql: average }),
  aggregate('minif', { doc: DOCS + 'minif-aggregation-function', sql: ([x, p]) => `min(${x!.sql})${where(p)}` }),
  aggregate('maxif', { doc: DOCS + 'maxif-aggregation-function', sql: ([x, p]) => `max(${x!.sql})${where(p)}` }),
  // dcountif(x, p [, accuracy]): exact distinct count, like dcount (traps §6.4); the accuracy hint is ignored.
  aggregate('dcountif', { doc: DOCS + 'dcountif-aggregation-function', sql: ([x, p]) => `count(DISTINCT ${x!.sql})${where(p)}`, aliases: ['count_distinctif'] }),
  // stdev/variance use Bessel's correction (sample); the *p forms are population statistics (stdev-aggregation-function.md).
  aggregate('stdev', { doc: DOCS + 'stdev-aggregation-function', sql: zeroIfNone('stddev_samp') }),
  aggregate('stdevif', { doc: DOCS + 'stdevif-aggregation-function', sql: zeroIfNone('stddev_samp') }),
  aggregate('stdevp', { doc: DOCS + 'stdevp-aggregation-function', sql: zeroIfNone('stddev_pop') }),
  aggregate('stdevpif', { doc: DOCS + 'stdevpif-aggregation-function', sql: zeroIfNone('stddev_pop') }),
  aggregate('variance', { doc: DOCS + 'variance-aggregation-function', sql: zeroIfNone('var_samp') }),
  aggregate('varianceif', { doc: DOCS + 'varianceif-aggregation-function', sql: zeroIfNone('var_samp') }),
  aggregate('variancep', { doc: DOCS + 'variancep-aggregation-function', sql: zeroIfNone('var_pop') }),
  aggregate('variancepif', { doc: DOCS + 'variancepif-aggregation-function', sql: zeroIfNone('var_pop') }),
  aggregate('covariance', { doc: DOCS + 'covariance-aggregation-function', sql: zeroIfNone2('covar_samp') }),
  aggregate('covarianceif', { doc: DOCS + 'covarianceif-aggregation-function', sql: zeroIfNone2('covar_samp') }),
  aggregate('covariancep', { doc: DOCS + 'covariancep-aggregation-function', sql: zeroIfNone2('covar_pop') }),
  aggregate('covariancepif', { doc: DOCS + 'covariancepif-aggregation-function', sql: zeroIfNone2('covar_pop') }),
  aggregate('binary_all_and', { doc: DOCS + 'binary-all-and-aggregation-function', sql: ([x]) => `bit_and(${x!.sql})` }),
  aggregate('binary_all_or', { doc: DOCS + 'binary-all-or-aggregation-function', sql: ([x]) => `bit_or(${x!.sql})` }),
  aggregate('binary_all_xor', { doc: DOCS + 'binary-all-xor-aggregation-function', sql: ([x]) => `bit_xor(${x!.sql})` }),
  // row_window_session's serialized values through its kernel, in row order (binder/row-window-session.ts).
  aggregate('__row_window_sessions', {
    doc: DOCS + 'row-window-session-function',
    sql: ([rn, x, r, first, neighbor]) => `CAST(kql_row_window_session(to_json(list(CAST(epoch_ns(${x!.sql}) AS VARCHAR) ORDER BY ${rn!.sql})),
      to_json(list(coalesce(${r!.sql}, false) ORDER BY ${rn!.sql})), CAST(${first!.sql} AS BIGINT) * 100, CAST(${neighbor!.sql} AS BIGINT) * 100) AS JSON)`,
  }),
  aggregate('percentile', { doc: DOCS + 'percentiles-aggregation-function', sql: percentile }),
  aggregate('percentiles', {
    doc: DOCS + 'percentiles-aggregation-function',
    sql: (args, ctx) => {
      // One column per percentile: the binder's summarize gives every non-arg_max aggregate a single column, so only
      // the one-percentile form can be lowered here.
      if (args.length !== 2) throw new Error('percentiles() with several percentiles is not supported yet; use percentiles_array()');
      return percentile(args, ctx);
    },
  }),
  aggregate('percentiles_array', { doc: DOCS + 'percentiles-aggregation-function', sql: percentilesArray }),
  aggregate('take_any', { doc: DOCS + 'take-any-aggregation-function', sql: ([x]) => takeAny([x!]), aliases: ['any'] }),
  aggregate('take_anyif', { doc: DOCS + 'take-anyif-aggregation-function', sql: takeAny, aliases: ['anyif'] }),
  aggregate('hll', { doc: DOCS + 'hll-aggregation-function', sql: ([x]) => hllOf([x!]) }),
  aggregate('hll_if', { doc: DOCS + 'hll-if-aggregation-function', sql: hllOf }),
  aggregate('hll_merge', { doc: DOCS + 'hll-merge-aggregation-function', sql: hllMergeAgg }),
  scalar('hll_merge', { doc: DOCS + 'hll-merge-function', sql: hllMergeScalar }),
  scalar('dcount_hll', { doc: DOCS + 'dcount-hll-function', sql: ([h]) => `CAST(json_array_length(${h!.sql}) AS BIGINT)` }),
] as const satisfies readonly FunctionDef[];
