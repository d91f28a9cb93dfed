/** Conditional and null-testing functions: iff, case, coalesce, isnull, isnotnull, not (logical-operators.md). */
import { scalar, DOCS, type FunctionDef, type SqlArg } from './define.js';

function coalesce(args: readonly SqlArg[]): string {
  // Kusto: the first non-null value, and for strings the first non-empty one (coalesce-function.md).
  if (args.every((a) => a.type === 'string')) return `coalesce(${args.map((a) => `nullif(${a.sql}, '')`).join(', ')}, '')`;
  return `coalesce(${args.map((a) => a.sql).join(', ')})`;
}

export const conditionalFunctions = [
  scalar('iff', {
    doc: DOCS + 'iff-function',
    sql: ([c, a, b]) => `CASE WHEN ${c!.sql} THEN ${a!.sql} ELSE ${b!.sql} END`,
    aliases: ['iif'],
  }),
  scalar('case', {
    doc: DOCS + 'case-function',
    sql: (args) => {
      const parts: string[] = [];
      for (let i = 0; i + 1 < args.length; i += 2) parts.push(`WHEN ${args[i]!.sql} THEN ${args[i + 1]!.sql}`);
      return `CASE ${parts.join(' ')} ELSE ${args[args.length - 1]!.sql} END`;
    },
  }),
  scalar('coalesce', { doc: DOCS + 'coalesce-function', sql: coalesce }),
  scalar('isnull', {
    doc: DOCS + 'isnull-function',
    sql: ([x]) => (x!.type === 'string' ? 'false' : x!.type === 'dynamic' ? `(${x!.sql} IS NULL OR json_type(${x!.sql}) = 'NULL')` : `(${x!.sql} IS NULL)`),
  }),
  scalar('isnotnull', {
    doc: DOCS + 'isnotnull-function',
    sql: ([x]) => (x!.type === 'string' ? 'true' : x!.type === 'dynamic' ? `(${x!.sql} IS NOT NULL AND json_type(${x!.sql}) <> 'NULL')` : `(${x!.sql} IS NOT NULL)`),
    aliases: ['notnull'],
  }),
  scalar('not', { doc: DOCS + 'not-function', sql: ([x]) => `(NOT ${x!.sql})` }),
] as const satisfies readonly FunctionDef[];
