/**
 * Dynamic (JSON) functions: arrays, property bags, sets, gettype, range(), repeat, JSON text
 * (https://learn.microsoft.com/kusto/query/scalar-data-types/dynamic and each function's page, named per entry).
 * A dynamic value is DuckDB JSON; array work goes through `kql_arr` (a `JSON[]` list, NULL for non-arrays) and the
 * macros in runtime/macros-dynamic.ts. Mappings follow ../shared/notes/kql-semantics-traps.md §5.
 */
import { scalar, DOCS, type FunctionDef, type LowerContext, type SqlArg } from './define.js';
import { str } from '../sql/sql-text.js';
import { convertDynamic } from './conversion.js';

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

/** The argument as a `JSON[]` list, NULL when it is not a dynamic array. */
function list(a: SqlArg): string {
  return a.type === 'dynamic' ? `kql_arr(${a.sql})` : 'CAST(NULL AS JSON[])';
}

function anyNull(lists: readonly string[]): string {
  return lists.map((l) => `${l} IS NULL`).join(' OR ');
}

/** array_sort_asc/desc: the first array sorted, the others permuted alike; an optional trailing bool is nulls_last. */
function sortArrays(desc: boolean): (args: readonly SqlArg[]) => string {
  return (args) => {
    const last = args[args.length - 1]!;
    const hasNullsArg = args.length > 1 && last.type === 'bool';
    const nullsLast = hasNullsArg ? `coalesce(${last.sql}, true)` : 'true';
    const arrays = (hasNullsArg ? args.slice(0, -1) : args).map(list);
    const first = arrays[0]!;
    const perm = `kql_sort_perm_${desc ? 'desc' : 'asc'}(${first}, ${nullsLast})`;
    if (arrays.length === 1) return `CASE WHEN ${first} IS NOT NULL THEN kql_permute(${first}, ${perm}, len(${first})) END`;
    // Several arrays: Kusto returns one array per input (array-sort-asc-function.md); as one expression they come back
    // as an array of arrays, so `array_sort_asc(a, b)[1]` picks the second.
    return `CASE WHEN ${first} IS NOT NULL THEN json_array(${arrays.map((l) => `kql_permute(${l}, ${perm}, len(${first}))`).join(', ')}) END`;
  };
}

/** bag_pack_columns(A, B): the column names come from the column references themselves. */
function columnName(a: SqlArg): string {
  const m = /(?:^|\.)"((?:[^"]|"")*)"$/.exec(a.sql);
  if (!m) throw new Error('bag_pack_columns() takes column names');
  return m[1]!.replace(/""/g, '"');
}

function rangeSql([lo, hi, step]: readonly SqlArg[], _ctx: LowerContext): string {
  const start = lo!;
  const time = start.type === 'datetime' || start.type === 'timespan';
  // range-function.md: the default step is 1 for numbers and 1h for timespan/datetime.
  const st = step ? step.sql : time ? 'CAST(36000000000 AS BIGINT)' : 'CAST(1 AS BIGINT)';
  if (start.type === 'datetime') {
    const n = `kql_range_count(0, kql_dt_diff(${hi!.sql}, ${start.sql}), ${st})`;
    return `to_json(list_transform(range(${n}), lambda _i: kql_datetime_text(kql_dt_add(${start.sql}, _i * ${st}))))`;
  }
  const n = `kql_range_count(${start.sql}, ${hi!.sql}, ${st})`;
  if (start.type === 'timespan') return `to_json(list_transform(range(${n}), lambda _i: kql_timespan_text(${start.sql} + _i * ${st})))`;
  return `to_json(list_transform(range(${n}), lambda _i: ${start.sql} + _i * ${st}))`;
}

const STATIC_TYPE_NAMES: Record<string, string> = {
  string: 'string', int: 'int', long: 'long', real: 'real', decimal: 'decimal', bool: 'bool', datetime: 'datetime',
  timespan: 'timespan', guid: 'guid',
};

/** Kusto JSONPath `$['a b']` / `$["a"]` spelled the way DuckDB's json_extract reads it (`$."a b"`). */
function duckJsonPath(p: string): string {
  return p.replace(/\[\s*'((?:[^'\\]|\\.)*)'\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\]/g, (_m, a: string | undefined, b: string | undefined) =>
    '."' + (a ?? b ?? '').replace(/"/g, '\\"') + '"');
}

function extractJson([path, src]: readonly SqlArg[], ctx: LowerContext): string {
  const p = typeof path!.constant === 'string' ? str(duckJsonPath(path!.constant)) : path!.sql;
  const value = `json_extract(${parseJson(src!)}, ${p})`;
  return convertDynamic({ sql: value, type: 'dynamic' }, ctx.resultType);
}

export const dynamicFunctions = [
  scalar('parse_json', {
    doc: DOCS + 'parse-json-function',
    sql: ([a]) => parseJson(a!),
    aliases: ['todynamic', 'toobject', 'parsejson'],
  }),
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
  // pack_all(true) (binder/bind-function-call.ts): a bag without its null and empty-string slots.
  scalar('__bag_without_empty', { doc: DOCS + 'pack-all-function', sql: ([b]) => `CAST(kql_bag_without_empty_udf(CAST(${b!.sql} AS VARCHAR)) AS JSON)` }),
  scalar('bag_pack_columns', {
    doc: DOCS + 'bag-pack-columns-function',
    sql: (args) => `json_object(${args.map((a) => `${str(columnName(a))}, ${toJsonValue(a)}`).join(', ')})`,
  }),
  // array-concat-function.md; a non-array argument makes the result null.
  scalar('array_concat', {
    doc: DOCS + 'array-concat-function',
    sql: (args) => {
      const ls = args.map(list);
      return `CASE WHEN ${anyNull(ls)} THEN NULL ELSE to_json(list_concat(${ls.join(', ')})) END`;
    },
  }),
  scalar('array_iff', {
    doc: DOCS + 'array-iff-function',
    sql: ([c, t, f]) => `kql_array_iff(${c!.sql}, ${toJsonValue(t!)}, ${toJsonValue(f!)})`,
    aliases: ['array_iif'],
  }),
  scalar('array_index_of', {
    doc: DOCS + 'array-index-of-function',
    sql: ([a, v, s, n, o]) =>
      `CAST(kql_array_index_of(${list(a!)}, ${toJsonValue(v!)}, ${s?.sql ?? '0'}, ${n?.sql ?? '-1'}, ${o?.sql ?? '1'}) AS BIGINT)`,
  }),
  scalar('array_reverse', { doc: DOCS + 'array-reverse-function', sql: ([a]) => `to_json(list_reverse(${list(a!)}))` }),
  scalar('array_rotate_left', { doc: DOCS + 'array-rotate-left-function', sql: ([a, n]) => `kql_array_rotate(${list(a!)}, ${n!.sql})` }),
  scalar('array_rotate_right', { doc: DOCS + 'array-rotate-right-function', sql: ([a, n]) => `kql_array_rotate(${list(a!)}, -(${n!.sql}))` }),
  scalar('array_shift_left', {
    doc: DOCS + 'array-shift-left-function',
    sql: ([a, n, d]) => `kql_array_shift(${list(a!)}, ${n!.sql}, ${d ? toJsonValue(d) : 'CAST(NULL AS JSON)'})`,
  }),
  scalar('array_shift_right', {
    doc: DOCS + 'array-shift-right-function',
    sql: ([a, n, d]) => `kql_array_shift(${list(a!)}, -(${n!.sql}), ${d ? toJsonValue(d) : 'CAST(NULL AS JSON)'})`,
  }),
  scalar('array_slice', { doc: DOCS + 'array-slice-function', sql: ([a, s, e]) => `kql_array_slice(${list(a!)}, ${s!.sql}, ${e!.sql})` }),
  scalar('array_sort_asc', { doc: DOCS + 'array-sort-asc-function', sql: sortArrays(false) }),
  scalar('array_sort_desc', { doc: DOCS + 'array-sort-desc-function', sql: sortArrays(true) }),
  scalar('array_split', {
    doc: DOCS + 'array-split-function',
    sql: ([a, i]) => `kql_array_split(${list(a!)}, ${i!.type === 'dynamic' ? `TRY_CAST(${i!.sql} AS BIGINT[])` : `[CAST(${i!.sql} AS BIGINT)]`})`,
  }),
  scalar('array_sum', { doc: DOCS + 'array-sum-function', sql: ([a]) => `kql_array_sum(${list(a!)})` }),
  scalar('bag_has_key', { doc: DOCS + 'bag-has-key-function', sql: ([b, k]) => `kql_bag_has_key(${b!.sql}, ${k!.sql})` }),
  scalar('bag_keys', { doc: DOCS + 'bag-keys-function', sql: ([b]) => `kql_bag_keys(${b!.sql})` }),
  // bag-merge-function.md: the leftmost bag wins on duplicate keys (map_concat keeps the last, so reverse).
  scalar('bag_merge', {
    doc: DOCS + 'bag-merge-function',
    sql: (args) => `to_json(map_concat(${[...args].reverse().map((b) => `kql_bag_map(${b.sql})`).join(', ')}))`,
  }),
  scalar('bag_remove_keys', {
    doc: DOCS + 'bag-remove-keys-function',
    sql: ([b, k]) => `CAST(kql_bag_remove_keys_udf(CAST(${b!.sql} AS VARCHAR), CAST(${k!.sql} AS VARCHAR)) AS JSON)`,
  }),
  scalar('bag_set_key', {
    doc: DOCS + 'bag-set-key-function',
    sql: ([b, k, v]) => `CAST(kql_bag_set_key_udf(CAST(${b!.sql} AS VARCHAR), ${k!.sql}, CAST(${toJsonValue(v!)} AS VARCHAR)) AS JSON)`,
  }),
  scalar('bag_zip', { doc: DOCS + 'bag-zip', sql: ([k, v]) => `kql_bag_zip(${k!.sql}, ${v!.sql})` }),
  // zip-function.md: the longest array sets the length; shorter arrays contribute nulls.
  scalar('zip', {
    doc: DOCS + 'zip-function',
    sql: (args) => {
      const ls = args.map(list);
      const n = ls.length === 1 ? `len(${ls[0]})` : `greatest(${ls.map((l) => `len(${l})`).join(', ')})`;
      return `CASE WHEN ${anyNull(ls)} THEN NULL ELSE to_json(list_transform(range(${n}), lambda _i: [${ls.map((l) => `${l}[_i + 1]`).join(', ')}])) END`;
    },
  }),
  scalar('set_has_element', {
    doc: DOCS + 'set-has-element-function',
    sql: ([a, v]) => `kql_set_contains(${list(a!)}, ${toJsonValue(v!)})`,
  }),
  scalar('set_union', {
    doc: DOCS + 'set-union-function',
    sql: (args) => `to_json(list_distinct(list_concat(${args.map(list).join(', ')})))`,
  }),
  scalar('set_intersect', {
    doc: DOCS + 'set-intersect-function',
    sql: ([a, ...rest]) => `to_json(list_filter(list_distinct(${list(a!)}), lambda _x: ${rest.map((r) => `kql_set_contains(${list(r)}, _x)`).join(' AND ')}))`,
  }),
  scalar('set_difference', {
    doc: DOCS + 'set-difference-function',
    sql: ([a, ...rest]) => `to_json(list_filter(list_distinct(${list(a!)}), lambda _x: ${rest.map((r) => `NOT kql_set_contains(${list(r)}, _x)`).join(' AND ')}))`,
  }),
  // jaccard-index-function.md: |A ∩ B| / |A ∪ B| over distinct values.
  scalar('jaccard_index', {
    doc: DOCS + 'jaccard-index-function',
    sql: ([a, b]) =>
      `CAST(len(list_filter(list_distinct(${list(a!)}), lambda _x: kql_set_contains(${list(b!)}, _x))) AS DOUBLE) / len(list_distinct(list_concat(${list(a!)}, ${list(b!)})))`,
  }),
  scalar('treepath', { doc: DOCS + 'treepath-function', sql: ([d]) => `CAST(kql_treepath_udf(CAST(${d!.sql} AS VARCHAR)) AS JSON)` }),
  scalar('gettype', {
    doc: DOCS + 'gettype-function',
    sql: ([a]) => (a!.type === 'dynamic' ? `kql_gettype(${a!.sql})` : str(STATIC_TYPE_NAMES[a!.type] ?? a!.type)),
  }),
  scalar('range', { doc: DOCS + 'range-function', sql: rangeSql }),
  // repeat-function.md: count 0 gives [], a negative count gives null.
  scalar('repeat', {
    doc: DOCS + 'repeat-function',
    sql: ([v, n]) => `CASE WHEN ${n!.sql} >= 0 THEN to_json(list_transform(range(${n!.sql}), lambda _i: ${toJsonValue(v!)})) END`,
  }),
  scalar('dynamic_to_json', {
    doc: DOCS + 'dynamic-to-json-function',
    sql: ([d]) => `coalesce(kql_dynamic_to_json_udf(CAST(${toJsonValue(d!)} AS VARCHAR)), '')`,
  }),
  scalar('extract_json', { doc: DOCS + 'extract-json-function', sql: extractJson, aliases: ['extractjson'] }),
] as const satisfies readonly FunctionDef[];
