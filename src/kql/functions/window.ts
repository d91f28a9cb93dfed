/**
 * Window functions over a serialized row set (window-functions.md): row_number, prev, next, row_cumsum.
 * They lower to SQL window functions ordered like the input (the nearest upstream sort; see emit-basic.ts).
 */
import { scalar, DOCS, type FunctionDef, type LowerContext } from './define.js';

const over = (ctx: LowerContext) => `OVER (${ctx.over ?? ''})`;
const frame = (ctx: LowerContext) => `OVER (${ctx.over ?? ''} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;

export const windowFunctions = [
  scalar('row_number', {
    doc: DOCS + 'row-number-function',
    sql: ([start], ctx) => {
      const base = start ? `(${start.sql} - 1)` : '0';
      return `CAST(row_number() ${over(ctx)} + ${base} AS BIGINT)`;
    },
  }),
  scalar('prev', {
    doc: DOCS + 'prev-function',
    sql: ([x, offset, dflt], ctx) => `lag(${x!.sql}, ${offset ? `CAST(${offset.sql} AS INTEGER)` : '1'}${dflt ? `, ${dflt.sql}` : ''}) ${over(ctx)}`,
  }),
  scalar('next', {
    doc: DOCS + 'next-function',
    sql: ([x, offset, dflt], ctx) => `lead(${x!.sql}, ${offset ? `CAST(${offset.sql} AS INTEGER)` : '1'}${dflt ? `, ${dflt.sql}` : ''}) ${over(ctx)}`,
  }),
  scalar('row_cumsum', {
    doc: DOCS + 'row-cumsum-function',
    sql: ([x], ctx) => `sum(${x!.sql}) ${frame(ctx)}`,
  }),
  // row_window_session is rewritten before SQL (binder/row-window-session.ts); this entry only declares it.
  scalar('row_window_session', { doc: DOCS + 'row-window-session-function', sql: () => `error('row_window_session: internal rewrite missing')` }),
  // row_rank_dense/row_rank_min are rewritten before SQL (binder/window-rewrite.ts); these entries only declare them.
  scalar('row_rank_dense', { doc: DOCS + 'row-rank-dense-function', sql: () => `error('row_rank_dense: internal rewrite missing')` }),
  scalar('row_rank_min', { doc: DOCS + 'row-rank-min-function', sql: () => `error('row_rank_min: internal rewrite missing')` }),
  // Internal building blocks of the nested-window rewrite (binder/window-rewrite.ts).
  scalar('__running_sum', { doc: DOCS + 'window-functions', sql: ([x], ctx) => `sum(${x!.sql}) ${frame(ctx)}` }),
  scalar('__running_max', { doc: DOCS + 'window-functions', sql: ([x], ctx) => `max(${x!.sql}) ${frame(ctx)}` }),
  scalar('__partition_running_max', {
    doc: DOCS + 'row-rank-min-function',
    sql: ([x, g], ctx) => `max(${x!.sql}) OVER (PARTITION BY ${g!.sql} ${ctx.over ?? ''} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`,
  }),
  scalar('__partition_row_number', {
    doc: DOCS + 'row-number-function',
    sql: ([g], ctx) => `CAST(row_number() OVER (PARTITION BY ${g!.sql} ${ctx.over ?? ''}) AS BIGINT)`,
  }),
  scalar('__partition_running_sum', {
    doc: DOCS + 'row-cumsum-function',
    sql: ([x, g], ctx) => `sum(${x!.sql}) OVER (PARTITION BY ${g!.sql} ${ctx.over ?? ''} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`,
  }),
  scalar('__changed', {
    doc: DOCS + 'row-rank-dense-function',
    sql: ([x], ctx) => `CASE WHEN ${x!.sql} IS DISTINCT FROM lag(${x!.sql}) ${over(ctx)} OR row_number() ${over(ctx)} = 1 THEN 1 ELSE 0 END`,
  }),
] as const satisfies readonly FunctionDef[];

/** Names whose lowering is a SQL window function (their projection must re-sort its output). */
export const WINDOW_FUNCTIONS: ReadonlySet<string> = new Set(windowFunctions.map((f) => f.name));
