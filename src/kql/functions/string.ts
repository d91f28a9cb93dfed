/** String functions (https://learn.microsoft.com/kusto/query/string-functions). Strings are never null. */
import { scalar, DOCS, type FunctionDef, type SqlArg } from './define.js';
import { asText, nn } from './sql-helpers.js';

const t = (a: SqlArg | undefined) => asText(a!);

/** extract(regex, captureGroup, source [, typeof(T)]): '' (or null when typed) on no match (traps §11.1). */
function extract(args: readonly SqlArg[]): string {
  const [re, group, src] = args;
  return nn(`regexp_extract(${t(src)}, ${t(re)}, CAST(${group!.sql} AS INTEGER))`);
}

export const stringFunctions = [
  scalar('tolower', { doc: DOCS + 'tolower-function', sql: ([s]) => `lower(${t(s)})` }),
  scalar('toupper', { doc: DOCS + 'toupper-function', sql: ([s]) => `upper(${t(s)})` }),
  scalar('strlen', { doc: DOCS + 'strlen-function', sql: ([s]) => `CAST(length(${t(s)}) AS BIGINT)` }),
  scalar('strcat', { doc: DOCS + 'strcat-function', sql: (args) => `concat(${args.map((a) => t(a)).join(', ')})` }),
  scalar('extract', { doc: DOCS + 'extract-function', sql: extract }),
  scalar('split', {
    doc: DOCS + 'split-function',
    sql: ([s, d, i]) => {
      const arr = `to_json(string_split(${t(s)}, ${t(d)}))`;
      if (!i) return arr;
      return `to_json([json_extract(${arr}, '$[' || CAST(${i.sql} AS VARCHAR) || ']')])`;
    },
  }),
  scalar('isempty', { doc: DOCS + 'isempty-function', sql: ([x]) => isEmpty(x!) }),
  scalar('isnotempty', { doc: DOCS + 'isnotempty-function', sql: ([x]) => `(NOT ${isEmpty(x!)})`, aliases: ['notempty'] }),
  scalar('replace_string', {
    doc: DOCS + 'replace-string-function',
    sql: ([s, a, b]) => `replace(${t(s)}, ${t(a)}, ${t(b)})`,
  }),
] as const satisfies readonly FunctionDef[];

/** isempty: true for '' or null (isempty-function.md; traps §1.2). */
export function isEmpty(x: SqlArg): string {
  if (x.type === 'string') return `(${x.sql} = '')`;
  if (x.type === 'dynamic') return `(${x.sql} IS NULL OR json_type(${x.sql}) = 'NULL' OR (json_type(${x.sql}) = 'VARCHAR' AND json_extract_string(${x.sql}, '$') = ''))`;
  return `(${x.sql} IS NULL)`;
}
