/**
 * Datetime and timespan functions (https://learn.microsoft.com/kusto/query/datetime-timespan-arithmetic).
 * now() and ago() are folded by the binder against the injected clock; they never read the wall clock.
 */
import { scalar, DOCS, type FunctionDef, type SqlArg } from './define.js';

/** bin(value, size): rounds down to a multiple of size (bin-function.md; traps §4.5). */
function bin(args: readonly SqlArg[]): string {
  const [v, size] = args as [SqlArg, SqlArg];
  if (v.type === 'datetime') {
    // Align on 0001-01-01 like Kusto: floor ticks counted from there.
    const ticks = `(epoch_ns(${v.sql}) // 100 + 621355968000000000)`;
    return `make_timestamp_ns(((${ticks} // ${size.sql}) * ${size.sql} - 621355968000000000) * 100)`;
  }
  if (v.type === 'timespan') return `((${v.sql} // ${size.sql}) * ${size.sql})`;
  if (v.type === 'int' || v.type === 'long') {
    if (size.type === 'real' || size.type === 'decimal') return `(floor(${v.sql} / ${size.sql}) * ${size.sql})`;
    return `CAST(floor(${v.sql} / ${size.sql}) * ${size.sql} AS BIGINT)`;
  }
  return `(floor(${v.sql} / ${size.sql}) * ${size.sql})`;
}

const trunc = (unit: string) => ([d]: readonly SqlArg[]) => `CAST(date_trunc('${unit}', ${d!.sql}) AS TIMESTAMP_NS)`;

export const datetimeFunctions = [
  scalar('bin', { doc: DOCS + 'bin-function', sql: bin, aliases: ['floor'] }),
  scalar('startofday', { doc: DOCS + 'startofday-function', sql: trunc('day') }),
  scalar('startofmonth', { doc: DOCS + 'startofmonth-function', sql: trunc('month') }),
  scalar('startofyear', { doc: DOCS + 'startofyear-function', sql: trunc('year') }),
] as const satisfies readonly FunctionDef[];
