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
    sql: ([start, restart], ctx) => {
      const base = start ? `(${start.sql} - 1)` : '0';
      if (restart) return `error('row_number() with a restart condition is not supported yet')`;
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
    sql: ([x, restart], ctx) =>
      restart ? `error('row_cumsum() with a restart condition is not supported yet')` : `sum(${x!.sql}) ${frame(ctx)}`,
  }),
] as const satisfies readonly FunctionDef[];
