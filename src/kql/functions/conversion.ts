/** Conversion functions (https://learn.microsoft.com/kusto/query/scalar-functions#conversion-functions). */
import { scalar, DOCS, type FunctionDef, type SqlArg } from './define.js';
import { asText } from './sql-helpers.js';

function toStringSql(a: SqlArg): string {
  return asText(a);
}

/** Numbers from strings must be whole-string numerals; casts from reals truncate (traps §3.3). */
function toNumber(a: SqlArg, target: 'BIGINT' | 'INTEGER' | 'DOUBLE'): string {
  switch (a.type) {
    case 'string':
      return `TRY_CAST(trim(${a.sql}) AS ${target})`;
    case 'real':
    case 'decimal':
      return target === 'DOUBLE' ? a.sql : `TRY_CAST(trunc(${a.sql}) AS ${target})`;
    case 'bool':
      return `CAST(${a.sql} AS ${target})`;
    case 'dynamic':
      return `TRY_CAST(json_extract_string(${a.sql}, '$') AS ${target})`;
    case 'datetime':
      return target === 'DOUBLE' ? `CAST(epoch_ns(${a.sql}) // 100 + 621355968000000000 AS DOUBLE)` : `TRY_CAST(epoch_ns(${a.sql}) // 100 + 621355968000000000 AS ${target})`;
    default:
      return `TRY_CAST(${a.sql} AS ${target})`;
  }
}

function toDatetime(a: SqlArg): string {
  switch (a.type) {
    case 'datetime':
      return a.sql;
    case 'string':
      return `TRY_CAST(TRY_CAST(nullif(trim(${a.sql}), '') AS TIMESTAMPTZ) AS TIMESTAMP_NS)`;
    case 'dynamic':
      return `TRY_CAST(TRY_CAST(json_extract_string(${a.sql}, '$') AS TIMESTAMPTZ) AS TIMESTAMP_NS)`;
    default:
      return `CAST(NULL AS TIMESTAMP_NS)`;
  }
}

export const conversionFunctions = [
  scalar('tostring', { doc: DOCS + 'tostring-function', sql: ([a]) => toStringSql(a!) }),
  scalar('tolong', { doc: DOCS + 'tolong-function', sql: ([a]) => toNumber(a!, 'BIGINT') }),
  scalar('toint', { doc: DOCS + 'toint-function', sql: ([a]) => toNumber(a!, 'INTEGER') }),
  scalar('todouble', { doc: DOCS + 'todouble-function', sql: ([a]) => toNumber(a!, 'DOUBLE'), aliases: ['toreal'] }),
  scalar('todatetime', { doc: DOCS + 'todatetime-function', sql: ([a]) => toDatetime(a!) }),
  scalar('tobool', {
    doc: DOCS + 'tobool-function',
    sql: ([a]) =>
      a!.type === 'bool' ? a!.sql
        : a!.type === 'string' ? `CASE lower(trim(${a!.sql})) WHEN 'true' THEN true WHEN 'false' THEN false WHEN '1' THEN true WHEN '0' THEN false END`
          : a!.type === 'dynamic' ? `TRY_CAST(json_extract_string(${a!.sql}, '$') AS BOOLEAN)`
            : `(${a!.sql} <> 0)`,
    aliases: ['toboolean'],
  }),
] as const satisfies readonly FunctionDef[];
