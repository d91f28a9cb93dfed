/** Dynamic (JSON) functions (https://learn.microsoft.com/kusto/query/scalar-data-types/dynamic). */
import { scalar, DOCS, type FunctionDef, type SqlArg } from './define.js';

/** A scalar as a JSON value (for building arrays and bags). */
export function toJsonValue(a: SqlArg): string {
  switch (a.type) {
    case 'dynamic':
      return a.sql;
    case 'datetime':
      return `to_json(kql_datetime_text(${a.sql}))`;
    case 'timespan':
      return `to_json(kql_timespan_text(${a.sql}))`;
    default:
      return `to_json(${a.sql})`;
  }
}

function parseJson(a: SqlArg): string {
  if (a.type === 'dynamic') return a.sql;
  if (a.type === 'string') return `kql_parse_json(${a.sql})`;
  return toJsonValue(a);
}

export const dynamicFunctions = [
  scalar('parse_json', { doc: DOCS + 'parse-json-function', sql: ([a]) => parseJson(a!), aliases: ['todynamic', 'toobject'] }),
  scalar('array_length', {
    doc: DOCS + 'array-length-function',
    sql: ([a]) => `CASE WHEN json_type(${a!.sql}) = 'ARRAY' THEN CAST(json_array_length(${a!.sql}) AS BIGINT) END`,
  }),
  scalar('pack_array', {
    doc: DOCS + 'pack-array-function',
    sql: (args) => `json_array(${args.map(toJsonValue).join(', ')})`,
  }),
  scalar('bag_pack', {
    doc: DOCS + 'bag-pack-function',
    sql: (args) => {
      const parts: string[] = [];
      for (let i = 0; i + 1 < args.length; i += 2) parts.push(`${args[i]!.sql}, ${toJsonValue(args[i + 1]!)}`);
      return `json_object(${parts.join(', ')})`;
    },
    aliases: ['pack'],
  }),
] as const satisfies readonly FunctionDef[];
