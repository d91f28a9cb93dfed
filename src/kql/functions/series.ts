/**
 * Series functions (https://learn.microsoft.com/kusto/query/scalar-functions#series-element-wise-functions): a series
 * is a dynamic array, the output of make-series or make_list. The element-wise, whole-series and fill functions run
 * as TypeScript kernels (runtime/udfs-series.ts); decomposition, anomaly and period detection are not here: their
 * algorithms are not documented closely enough to give Kusto's numbers.
 */
import { duckdbType } from '../plan/types.js';
import { scalar, DOCS, type FunctionDef, type LowerContext, type SqlArg } from './define.js';

const text = (a: SqlArg | undefined) => `CAST(${a!.sql} AS VARCHAR)`;
const as = (sql: string, ctx: LowerContext) => `CAST(${sql} AS ${duckdbType(ctx.resultType)})`;
const page = (name: string) => DOCS + name.replace(/_/g, '-') + '-function';

const UNARY = ['abs', 'acos', 'asin', 'atan', 'ceiling', 'cos', 'exp', 'floor', 'log', 'sign', 'sin', 'tan'];
const BINARY = ['add', 'subtract', 'multiply', 'divide', 'pow', 'greater', 'greater_equals', 'less', 'less_equals', 'equals', 'not_equals'];
const REDUCE = ['sum', 'product', 'magnitude'];
const PAIRWISE = ['dot_product', 'cosine_similarity', 'pearson_correlation'];

export const seriesFunctions: readonly FunctionDef[] = [
  ...UNARY.map((op) => scalar(`series_${op}`, { doc: page(`series_${op}`), sql: ([s], ctx) => as(`kql_series_unary('${op}', ${text(s)})`, ctx) })),
  ...BINARY.map((op) => scalar(`series_${op}`, {
    doc: page(`series_${op}`), sql: ([a, b], ctx) => as(`kql_series_binary('${op}', ${text(a)}, ${text(b)})`, ctx),
  })),
  ...REDUCE.map((op) => scalar(`series_${op}`, { doc: page(`series_${op}`), sql: ([s], ctx) => as(`kql_series_reduce('${op}', ${text(s)})`, ctx) })),
  ...PAIRWISE.map((op) => scalar(`series_${op}`, {
    doc: page(`series_${op}`), sql: ([a, b], ctx) => as(`kql_series_pairwise('${op}', ${text(a)}, ${text(b)})`, ctx),
  })),
  scalar('series_stats_dynamic', { doc: page('series_stats_dynamic'), sql: ([s], ctx) => as(`kql_series_stats(${text(s)})`, ctx) }),
  scalar('series_fill_forward', { doc: page('series_fill_forward'), sql: ([s], ctx) => as(`kql_series_fill('forward', ${text(s)})`, ctx) }),
  scalar('series_fill_backward', { doc: page('series_fill_backward'), sql: ([s], ctx) => as(`kql_series_fill('backward', ${text(s)})`, ctx) }),
  scalar('series_fill_const', { doc: page('series_fill_const'), sql: ([s, c], ctx) => as(`kql_series_fill_const(${text(s)}, ${c ? text(c) : "'0'"})`, ctx) }),
  scalar('series_iir', { doc: page('series_iir'), sql: ([x, b, a], ctx) => as(`kql_series_iir(${text(x)}, ${text(b)}, ${text(a)})`, ctx) }),
  // Several columns each (binder/multi-output.ts): the outputs as one JSON array.
  scalar('series_stats', { doc: page('series_stats'), sql: ([s]) => `CAST(kql_series_stats_tuple(${text(s)}) AS JSON)` }),
  scalar('series_fit_line', { doc: page('series_fit_line'), sql: ([s]) => `CAST(kql_series_fit_line_tuple(${text(s)}) AS JSON)` }),
  scalar('series_fit_line_dynamic', { doc: page('series_fit_line_dynamic'), sql: ([s], ctx) => as(`kql_series_fit_line(${text(s)})`, ctx) }),
];
