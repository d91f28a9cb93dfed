/**
 * Small SQL building blocks shared by the function families (string normalisation, null-safe comparison,
 * term-matching regexes). Kept here so each family file stays a list of short entries.
 */
import type { KustoType } from '../plan/types.js';
import type { SqlArg } from './define.js';
import { str } from '../sql/sql-text.js';

/** Kusto strings are never null (null-values.md): wrap producers that can yield NULL. */
export function nn(sql: string): string {
  return `coalesce(${sql}, '')`;
}

/** Text of a value for string functions that accept any scalar (Kusto converts with tostring). */
export function asText(a: SqlArg): string {
  switch (a.type) {
    case 'string':
      return a.sql;
    case 'dynamic':
      return nn(`json_extract_string(${a.sql}, '$')`);
    case 'datetime':
      return nn(`kql_datetime_text(${a.sql})`);
    case 'timespan':
      return nn(`kql_timespan_text(${a.sql})`);
    case 'bool':
      return nn(`CASE WHEN ${a.sql} THEN 'true' ELSE 'false' END`);
    case 'real':
    case 'decimal':
      return nn(`kql_real_text(${a.sql})`);
    default:
      return nn(`CAST(${a.sql} AS VARCHAR)`);
  }
}

export function isConstString(a: SqlArg): a is SqlArg & { constant: string } {
  return typeof a.constant === 'string';
}

const ALNUM = /[0-9A-Za-z]/;

function regexEscape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Regex for Kusto term matching (`has`): the needle must start and end at term boundaries where it starts or
 * ends with an alphanumeric character (datatypes-string-operators.md "What is a term?"; traps §2.2).
 */
export function termRegex(needles: readonly string[], caseSensitive: boolean): string {
  const parts = needles.map((t) => {
    const pre = t.length > 0 && ALNUM.test(t[0]!) ? '(?:^|[^0-9A-Za-z])' : '';
    const post = t.length > 0 && ALNUM.test(t[t.length - 1]!) ? '(?:$|[^0-9A-Za-z])' : '';
    return pre + regexEscape(t) + post;
  });
  return (caseSensitive ? '' : '(?i)') + (parts.length === 1 ? parts[0]! : '(?:' + parts.join('|') + ')');
}

export function prefixRegex(needle: string, caseSensitive: boolean): string {
  const pre = needle.length > 0 && ALNUM.test(needle[0]!) ? '(?:^|[^0-9A-Za-z])' : '';
  return (caseSensitive ? '' : '(?i)') + pre + regexEscape(needle);
}

export function suffixRegex(needle: string, caseSensitive: boolean): string {
  const post = needle.length > 0 && ALNUM.test(needle[needle.length - 1]!) ? '(?:$|[^0-9A-Za-z])' : '';
  return (caseSensitive ? '' : '(?i)') + regexEscape(needle) + post;
}

export function regexLiteral(re: string): string {
  return str(re);
}

export function isStringLike(t: KustoType): boolean {
  return t === 'string' || t === 'guid';
}

/** ASCII-only lower-casing: Kusto's case-insensitive operators fold only ASCII (traps §2.1). */
export function asciiLower(sql: string): string {
  return `lower(${sql})`;
}
