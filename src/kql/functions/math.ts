/** Math functions (https://learn.microsoft.com/kusto/query/scalar-functions#math-functions). */
import { scalar, DOCS, type FunctionDef } from './define.js';

export const mathFunctions = [
  scalar('abs', { doc: DOCS + 'abs-function', sql: ([x]) => `abs(${x!.sql})` }),
  scalar('round', {
    doc: DOCS + 'round-function',
    sql: ([x, p]) => (p ? `round(${x!.sql}, CAST(${p.sql} AS INTEGER))` : `round(${x!.sql})`),
  }),
] as const satisfies readonly FunctionDef[];
