/**
 * String functions (https://learn.microsoft.com/kusto/query/string-functions). Kusto strings are never null
 * (scalar-data-types/null-values.md), so every producer that DuckDB could leave NULL is wrapped in `nn()`.
 * Character positions are 0-based (substring-function.md); regexes are handed to DuckDB's RE2 (regex.md).
 * Lowerings that need a loop DuckDB has no function for call the kql_* macros of runtime/macros-string.ts or
 * the TypeScript UDFs of runtime/udfs-string.ts.
 */
import { scalar, DOCS, type FunctionDef, type SqlArg } from './define.js';
import { asText, isConstString, nn } from './sql-helpers.js';
import { str } from '../sql/sql-text.js';
// For its side effect: registers the kql_* UDFs the lowerings below call (see runtime/macros-string.ts).

const t = (a: SqlArg | undefined) => asText(a!);

/** A SQL string built from a regex argument: literal text at compile time when the regex is a constant. */
function pattern(re: SqlArg, wrap: (r: string) => string, sqlWrap: (r: string) => string): string {
  return isConstString(re) ? str(wrap(re.constant)) : sqlWrap(t(re));
}

/** An integer argument as BIGINT SQL (null stays null). */
function int(a: SqlArg): string {
  return `CAST(${a.sql} AS BIGINT)`;
}

/** The elements of a dynamic array as text (tostring of each element; null and non-arrays give none). */
export function dynamicTexts(a: SqlArg): string {
  if (a.type !== 'dynamic') return `[${t(a)}]`;
  return `coalesce(list_transform(CASE WHEN json_type(${a.sql}) = 'ARRAY' THEN json_extract_string(${a.sql}, '$[*]') END, x -> coalesce(x, '')), [])`;
}

/** extract(regex, captureGroup, source [, typeof(T)]): '' (or null when typed) on no match (traps §11.1). */
function extract(args: readonly SqlArg[]): string {
  const [re, group, src] = args;
  return nn(`regexp_extract(${t(src)}, ${t(re)}, CAST(${group!.sql} AS INTEGER))`);
}

/**
 * trim(regex, source) removes every leading and trailing match of the regex, not a character set
 * (trim-function.md: trim("--", "--https://bing.com--") → "https://bing.com").
 */
function trimSql(start: boolean, end: boolean): (args: readonly SqlArg[]) => string {
  return ([re, s]) => {
    let out = t(s);
    if (start) out = `regexp_replace(${out}, ${pattern(re!, (r) => `^(?:${r})+`, (r) => `'^(?:' || ${r} || ')+'`)}, '')`;
    if (end) out = `regexp_replace(${out}, ${pattern(re!, (r) => `(?:${r})+$`, (r) => `'(?:' || ${r} || ')+$'`)}, '')`;
    return out;
  };
}

/**
 * substring(source, start [, length]): 0-based; a negative start counts from the end
 * (substring-function.md: substring("123456", -2, 2) → "56"); out-of-range parts give "".
 */
function substring([s, start, len]: readonly SqlArg[]): string {
  const n = len ? int(len) : 'NULL';
  return nn(`kql_substring(${t(s)}, ${int(start!)}, ${n})`);
}

/** Capture groups of a constant regex, in order: the name of a named group, or null (extract-all-function.md). */
export function captureGroups(re: string): (string | null)[] {
  const groups: (string | null)[] = [];
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      if (re[i + 1] === '^') i++;
      if (re[i + 1] === ']') i++;
      continue;
    }
    if (c !== '(') continue;
    if (re[i + 1] !== '?') {
      groups.push(null);
      continue;
    }
    const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(re.slice(i));
    if (named) groups.push(named[1]!);
  }
  return groups;
}

/**
 * extract_all(regex, [captureGroups,] source): one selected group gives a 1-D array, several a 2-D array, no
 * match gives null (extract-all-function.md; traps §11.2). DuckDB extracts one group per call, so the groups
 * are resolved at compile time and zipped.
 */
function extractAll(args: readonly SqlArg[]): string {
  const re = args[0]!;
  const src = t(args[args.length - 1]);
  const spec = args.length === 3 ? args[1]! : undefined;
  let selected: number[] = [1];
  if (isConstString(re)) {
    const groups = captureGroups(re.constant);
    selected = groups.length === 0 ? [0] : groups.map((_, i) => i + 1);
    if (spec && typeof spec.constant === 'string') {
      try {
        const wanted = JSON.parse(spec.constant) as unknown;
        if (Array.isArray(wanted) && wanted.length > 0) {
          selected = wanted.map((w) => (typeof w === 'number' ? w : groups.indexOf(String(w)) + 1));
        }
      } catch {
        // not JSON: keep every group
      }
    }
  }
  const reSql = t(re);
  const lists = selected.map((g) => `regexp_extract_all(${src}, ${reSql}, ${g})`);
  if (lists.length === 1) return `kql_nonempty_json(${lists[0]!})`;
  const row = selected.map((_, i) => `x[${i + 1}]`).join(', ');
  return `kql_nonempty_json(list_transform(list_zip(${lists.join(', ')}), x -> [${row}]))`;
}

/**
 * countof(source, search [, kind]): plain matches may overlap, regex matches don't
 * (countof-function.md: countof("aaaa", "aa") → 3; countof("ababa", "aba", "regex") → 1).
 */
function countof([s, search, kind]: readonly SqlArg[]): string {
  const plain = `kql_countof(${t(s)}, ${t(search)})`;
  const regex = `CAST(len(regexp_extract_all(${t(s)}, ${t(search)})) AS BIGINT)`;
  if (!kind) return plain;
  if (isConstString(kind)) return kind.constant === 'regex' ? regex : plain;
  return `CASE WHEN ${t(kind)} = 'regex' THEN ${regex} ELSE ${plain} END`;
}

/**
 * indexof(string, match [, start [, length [, occurrence]]]): 0-based, -1 when not found, null for a bad start,
 * length or occurrence (indexof-function.md). The 2-argument form is plain SQL; the others need the UDF.
 */
function indexof(args: readonly SqlArg[]): string {
  const [s, m, start, len, occ] = args;
  if (!start) return `(CAST(instr(${t(s)}, ${t(m)}) AS BIGINT) - 1)`;
  return `kql_indexof(${t(s)}, ${t(m)}, ${int(start)}, ${len ? int(len) : '-1'}, ${occ ? int(occ) : '1'})`;
}

/** indexof_regex(string, regex [, start [, length [, occurrence]]]): regex matches don't overlap (indexof-regex-function.md). */
function indexofRegex(args: readonly SqlArg[]): string {
  const [s, re, start, len, occ] = args;
  return `kql_indexof_regex(${t(s)}, ${t(re)}, ${start ? int(start) : '0'}, ${len ? int(len) : '-1'}, ${occ ? int(occ) : '1'})`;
}

/**
 * strrep(value, multiplier [, delimiter]) (strrep-function.md: strrep(123, 3, '.') → "123.123.123"). The page
 * bounds the multiplier to 1..67108864, so larger values are capped there.
 */
function strrep([v, n, d]: readonly SqlArg[]): string {
  const delim = d ? t(d) : `''`;
  const times = `least(${int(n!)}, 67108864)`;
  return nn(`CASE WHEN ${times} <= 0 THEN '' ELSE repeat(${t(v)} || ${delim}, CAST(${times} - 1 AS BIGINT)) || ${t(v)} END`);
}

/**
 * translate(searchList, replacementList, source): a shorter replacement list repeats its last character and an
 * empty one deletes (translate-function.md: translate("abc", "x", "abc") → "xxx"). DuckDB's translate deletes
 * characters without a counterpart, so the replacement list is padded first.
 */
function translate([search, repl, src]: readonly SqlArg[]): string {
  const r = t(repl);
  const padded = `CASE WHEN length(${r}) = 0 THEN '' ELSE rpad(${r}, CAST(greatest(length(${t(search)}), length(${r})) AS INTEGER), right(${r}, 1)) END`;
  return nn(`translate(${t(src)}, ${t(search)}, ${padded})`);
}

/** split(source, delimiter [, requestedIndex]): the index form returns a one-element array, or [] when out of range. */
function split([s, d, i]: readonly SqlArg[]): string {
  const list = `string_split(${t(s)}, ${t(d)})`;
  if (!i) return `to_json(${list})`;
  return `to_json(CASE WHEN ${int(i)} >= 0 THEN ${list}[${int(i)} + 1:${int(i)} + 1] ELSE []::VARCHAR[] END)`;
}

/** unicode_codepoints_to_string(values...): each argument is a code point or an array of them. */
function codepointsToString(args: readonly SqlArg[]): string {
  const parts = args.map((a) =>
    a.type === 'dynamic'
      ? `coalesce(array_to_string(list_transform(TRY_CAST(${a.sql} AS BIGINT[]), x -> chr(CAST(x AS INTEGER))), ''), '')`
      : `coalesce(chr(CAST(${a.sql} AS INTEGER)), '')`,
  );
  return parts.length === 1 ? parts[0]! : `concat(${parts.join(', ')})`;
}

/**
 * has_any_index(source, lookups): the index of the first lookup that `has` finds in source, -1 if none
 * (has-any-index-function.md; lookups that are not strings are converted, e.g. range(1, 3, 1)).
 */
function hasAnyIndex([s, arr]: readonly SqlArg[]): string {
  return `(coalesce(list_position(list_transform(${dynamicTexts(arr!)}, x -> x <> '' AND kql_has(${t(s)}, x)), true), 0) - 1)`;
}

export const stringFunctions = [
  // Internal: the key/value scan behind the parse-kv operator (bind-parse-kv.ts).
  scalar('kql_parse_kv', { doc: DOCS + 'parse-kv-operator', sql: ([s, spec]) => `CAST(kql_parse_kv(${s!.sql}, ${spec!.sql}) AS JSON)` }),
  scalar('tolower', { doc: DOCS + 'tolower-function', sql: ([s]) => `lower(${t(s)})` }),
  scalar('toupper', { doc: DOCS + 'toupper-function', sql: ([s]) => `upper(${t(s)})` }),
  scalar('strlen', { doc: DOCS + 'strlen-function', sql: ([s]) => `CAST(length(${t(s)}) AS BIGINT)` }),
  scalar('strcat', { doc: DOCS + 'strcat-function', sql: (args) => `concat(${args.map((a) => t(a)).join(', ')})` }),
  scalar('extract', { doc: DOCS + 'extract-function', sql: extract }),
  scalar('split', { doc: DOCS + 'split-function', sql: split }),
  scalar('isempty', { doc: DOCS + 'isempty-function', sql: ([x]) => isEmpty(x!) }),
  scalar('isnotempty', { doc: DOCS + 'isnotempty-function', sql: ([x]) => `(NOT ${isEmpty(x!)})`, aliases: ['notempty'] }),
  scalar('replace_string', {
    doc: DOCS + 'replace-string-function',
    sql: ([s, a, b]) => `replace(${t(s)}, ${t(a)}, ${t(b)})`,
  }),
  scalar('trim', { doc: DOCS + 'trim-function', sql: trimSql(true, true) }),
  scalar('trim_start', { doc: DOCS + 'trim-start-function', sql: trimSql(true, false) }),
  scalar('trim_end', { doc: DOCS + 'trim-end-function', sql: trimSql(false, true) }),
  scalar('substring', { doc: DOCS + 'substring-function', sql: substring }),
  scalar('strcat_array', {
    doc: DOCS + 'strcat-array-function',
    sql: ([arr, d]) => nn(`array_to_string(${dynamicTexts(arr!)}, ${t(d)})`),
    aliases: ['array_strcat'],
  }),
  scalar('strcat_delim', {
    doc: DOCS + 'strcat-delim-function',
    sql: ([d, ...rest]) => `concat_ws(${t(d)}, ${rest.map((a) => t(a)).join(', ')})`,
  }),
  // Kusto rewrite strings refer to groups as \1..\9, as RE2 does (replace-regex-function.md).
  scalar('replace_regex', {
    doc: DOCS + 'replace-regex-function',
    sql: ([s, re, rw]) => nn(`regexp_replace(${t(s)}, ${t(re)}, ${t(rw)}, 'g')`),
  }),
  // The deprecated replace() takes (regex, rewrite, text), not replace_regex's (text, regex, rewrite) (replace-function.md).
  scalar('replace', {
    doc: DOCS + 'replace-function',
    sql: ([re, rw, s]) => nn(`regexp_replace(${t(s)}, ${t(re)}, ${t(rw)}, 'g')`),
  }),
  scalar('replace_strings', {
    doc: DOCS + 'replace-strings-function',
    sql: ([s, l, r]) => nn(`kql_replace_strings(${t(s)}, CAST(${l!.sql} AS VARCHAR), CAST(${r!.sql} AS VARCHAR))`),
  }),
  scalar('translate', { doc: DOCS + 'translatefunction', sql: translate }),
  scalar('countof', { doc: DOCS + 'countof-function', sql: countof }),
  scalar('indexof', { doc: DOCS + 'indexof-function', sql: indexof }),
  scalar('indexof_regex', { doc: DOCS + 'indexof-regex-function', sql: indexofRegex }),
  scalar('strrep', { doc: DOCS + 'strrep-function', sql: strrep }),
  // reverse() converts any scalar with tostring first (reverse-function.md: reverse(123.45) → "54.321").
  scalar('reverse', { doc: DOCS + 'reverse-function', sql: ([s]) => `reverse(${t(s)})` }),
  // Ordinal comparison: DuckDB compares UTF-8 bytes, which orders like code points (strcmp-function.md).
  scalar('strcmp', {
    doc: DOCS + 'strcmp-function',
    sql: ([a, b]) => `CAST(CASE WHEN ${t(a)} < ${t(b)} THEN -1 WHEN ${t(a)} > ${t(b)} THEN 1 ELSE 0 END AS BIGINT)`,
  }),
  // string_size counts UTF-8 bytes, strlen characters (string-size-function.md: "⒦⒰⒮⒯⒪" → 15).
  scalar('string_size', { doc: DOCS + 'string-size-function', sql: ([s]) => `CAST(octet_length(encode(${t(s)})) AS BIGINT)` }),
  scalar('extract_all', { doc: DOCS + 'extract-all-function', sql: extractAll, aliases: ['extractall'] }),
  scalar('parse_csv', { doc: DOCS + 'parse-csv-function', sql: ([s]) => `CAST(kql_parse_csv(${t(s)}) AS JSON)` }),
  scalar('unicode_codepoints_to_string', {
    doc: DOCS + 'unicode-codepoints-to-string-function',
    sql: codepointsToString,
    aliases: ['make_string'],
  }),
  scalar('unicode_codepoints_from_string', {
    doc: DOCS + 'unicode-codepoints-from-string-function',
    sql: ([s]) => `to_json(list_transform(CASE WHEN ${t(s)} = '' THEN []::VARCHAR[] ELSE string_split(${t(s)}, '') END, c -> CAST(unicode(c) AS BIGINT)))`,
    aliases: ['to_utf8'],
  }),
  scalar('isascii', { doc: DOCS + 'isascii-function', sql: ([s]) => `(NOT regexp_matches(${t(s)}, '[^\\x00-\\x7F]'))` }),
  // DuckDB VARCHARs are always valid UTF-8, so every string that reaches the engine is (isutf8-function.md).
  scalar('isutf8', { doc: DOCS + 'isutf8-function', sql: ([s]) => `(${t(s)} IS NOT NULL)` }),
  scalar('regex_quote', { doc: DOCS + 'regex-quote-function', sql: ([s]) => `regexp_escape(${t(s)})` }),
  scalar('has_any_index', { doc: DOCS + 'has-any-index-function', sql: hasAnyIndex }),
  scalar('parse_command_line', {
    doc: DOCS + 'parse-command-line-function',
    sql: ([s]) => `CAST(kql_parse_command_line(${t(s)}) AS JSON)`,
  }),
  scalar('parse_path', { doc: DOCS + 'parse-path-function', sql: ([s]) => `CAST(kql_parse_path(${t(s)}) AS JSON)` }),
  scalar('parse_url', { doc: DOCS + 'parse-url-function', sql: ([s]) => `CAST(kql_parse_url(${t(s)}) AS JSON)`, aliases: ['parseurl'] }),
  scalar('parse_urlquery', {
    doc: DOCS + 'parse-urlquery-function',
    sql: ([s]) => `CAST(kql_parse_urlquery(${t(s)}) AS JSON)`,
    aliases: ['parseurlquery'],
  }),
  scalar('format_bytes', {
    doc: DOCS + 'format-bytes-function',
    sql: ([v, p, u]) => nn(`kql_format_bytes(CAST(${v!.sql} AS DOUBLE), ${p ? int(p) : '0'}, ${u ? t(u) : `''`})`),
  }),
  scalar('parse_version', { doc: DOCS + 'parse-version-function', sql: ([s]) => `kql_parse_version(${t(s)})` }),
] as const satisfies readonly FunctionDef[];

/** isempty: true for '' or null (isempty-function.md; traps §1.2). */
export function isEmpty(x: SqlArg): string {
  if (x.type === 'string') return `(${x.sql} = '')`;
  if (x.type === 'dynamic') return `(${x.sql} IS NULL OR json_type(${x.sql}) = 'NULL' OR (json_type(${x.sql}) = 'VARCHAR' AND json_extract_string(${x.sql}, '$') = ''))`;
  return `(${x.sql} IS NULL)`;
}
