/**
 * Conversion functions (https://learn.microsoft.com/kusto/query/scalar-functions#conversion-functions): tostring,
 * tolong/toint/todouble/todecimal, todatetime, tobool, toguid, tohex, new_guid. Failures give null (traps §3.3);
 * strings never become null (traps §1.1).
 */
import { scalar, DOCS, type FunctionDef, type SqlArg } from './define.js';
import { asText, nn } from './sql-helpers.js';
import type { KustoType } from '../plan/types.js';

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
      return `kql_todatetime(${a.sql})`;
    case 'dynamic':
      return `kql_todatetime(json_extract_string(${a.sql}, '$'))`;
    default:
      return `CAST(NULL AS TIMESTAMP_NS)`;
  }
}

function toGuid(a: SqlArg): string {
  if (a.type === 'guid') return a.sql;
  if (a.type === 'dynamic') return `kql_toguid(json_extract_string(${a.sql}, '$'))`;
  return `kql_toguid(${asText(a)})`;
}

/** tohex-function.md: two's complement of the value's own width (64-bit long, 32-bit int), lower case, left-padded. */
function toHex([v, min]: readonly SqlArg[]): string {
  const x = v!.type === 'int' ? `(CAST(${v!.sql} AS BIGINT) & 4294967295)` : `TRY_CAST(${v!.sql} AS BIGINT)`;
  const h = `lower(hex(${x}))`;
  return min ? `lpad(${h}, CAST(greatest(length(${h}), ${min.sql}) AS INTEGER), '0')` : h;
}

function toBool(a: SqlArg): string {
  switch (a.type) {
    case 'bool':
      return a.sql;
    case 'string':
      return `CASE lower(trim(${a.sql})) WHEN 'true' THEN true WHEN 'false' THEN false WHEN '1' THEN true WHEN '0' THEN false END`;
    case 'dynamic':
      return `TRY_CAST(json_extract_string(${a.sql}, '$') AS BOOLEAN)`;
    default:
      return `(${a.sql} <> 0)`;
  }
}

/** A dynamic value (e.g. a JSONPath result) converted to a typed scalar, as extract_json(…, typeof(T)) does. */
export function convertDynamic(a: SqlArg, type: KustoType): string {
  switch (type) {
    case 'dynamic':
      return a.sql;
    case 'string':
      return nn(`json_extract_string(${a.sql}, '$')`);
    case 'long':
    case 'timespan':
      return toNumber(a, 'BIGINT');
    case 'int':
      return toNumber(a, 'INTEGER');
    case 'real':
    case 'decimal':
      return toNumber(a, 'DOUBLE');
    case 'bool':
      return toBool(a);
    case 'datetime':
      return toDatetime(a);
    case 'guid':
      return toGuid(a);
  }
}

export const conversionFunctions = [
  scalar('tostring', { doc: DOCS + 'tostring-function', sql: ([a]) => toStringSql(a!) }),
  scalar('tolong', { doc: DOCS + 'tolong-function', sql: ([a]) => toNumber(a!, 'BIGINT') }),
  scalar('toint', { doc: DOCS + 'toint-function', sql: ([a]) => toNumber(a!, 'INTEGER') }),
  scalar('todouble', { doc: DOCS + 'todouble-function', sql: ([a]) => toNumber(a!, 'DOUBLE'), aliases: ['toreal'] }),
  scalar('todatetime', { doc: DOCS + 'todatetime-function', sql: ([a]) => toDatetime(a!) }),
  scalar('tobool', { doc: DOCS + 'tobool-function', sql: ([a]) => toBool(a!), aliases: ['toboolean'] }),
  // decimal is held as DOUBLE (plan/types.ts), so todecimal parses like todouble.
  scalar('todecimal', { doc: DOCS + 'todecimal-function', sql: ([a]) => toNumber(a!, 'DOUBLE') }),
  // toguid-function.md: 32 hex digits with or without dashes; anything else is null.
  scalar('toguid', { doc: DOCS + 'toguid-function', sql: ([a]) => toGuid(a!) }),
  scalar('tohex', { doc: DOCS + 'tohex-function', sql: toHex }),
  scalar('new_guid', { doc: DOCS + 'new-guid-function', sql: () => `CAST(gen_random_uuid() AS VARCHAR)` }),
] as const satisfies readonly FunctionDef[];
