/**
 * SQL macros for the dynamic, conversion and IP function families (installed as TEMP macros by macros.ts).
 * A dynamic value is DuckDB JSON; arrays are worked on as `JSON[]` lists, whose JSON-null elements read as SQL NULL.
 * Semantics: the Kusto reference page named beside each macro (https://learn.microsoft.com/kusto/query/<page>).
 */

export const dynamicMacros: readonly string[] = [
  // A dynamic array as a list of JSON values; NULL when the value is not an array (array-length-function.md:
  // array functions return null for non-array input).
  `kql_arr(j) AS TRY_CAST(j AS JSON[])`,
  // array-iff-function.md: numeric conditions are true when not 0; non-numeric, non-bool conditions give null.
  `kql_truth(_x) AS CASE json_type(_x) WHEN 'BOOLEAN' THEN CAST(_x AS BOOLEAN)
     WHEN 'UBIGINT' THEN TRY_CAST(_x AS DOUBLE) <> 0 WHEN 'BIGINT' THEN TRY_CAST(_x AS DOUBLE) <> 0
     WHEN 'DOUBLE' THEN TRY_CAST(_x AS DOUBLE) <> 0 END`,
  // array-iff-function.md: an array operand gives its i-th element (null past its end), a scalar gives itself.
  `kql_pick(v, _i) AS CASE WHEN json_type(v) = 'ARRAY' THEN kql_arr(v)[_i + 1] ELSE v END`,
  `kql_array_iff(c, _t, f) AS to_json(list_transform(kql_arr(c), lambda _x, _i:
     CASE kql_truth(_x) WHEN true THEN kql_pick(_t, _i - 1) WHEN false THEN kql_pick(f, _i - 1) END))`,
  // array-index-of-function.md: negative start counts from the end, length -1 is unlimited, occurrence counts
  // matches inside the range; -1 when not found, null for occurrence < 0 or length < -1.
  `kql_index_start(l, s) AS greatest(CASE WHEN s < 0 THEN len(l) + s ELSE s END, 0)`,
  `kql_array_index_of(l, v, s, n, _o) AS CASE WHEN l IS NULL OR _o < 0 OR n < -1 THEN NULL ELSE coalesce(list_filter(
     range(kql_index_start(l, s), CASE WHEN n = -1 THEN len(l) ELSE least(len(l), kql_index_start(l, s) + n) END),
     lambda _i: l[_i + 1] = v)[greatest(_o, 1)], -1) END`,
  // array-shift-left-function.md / array-rotate-left-function.md: a negative count moves the other way.
  `kql_array_shift(l, n, d) AS to_json(list_transform(range(len(l)), lambda _i:
     CASE WHEN _i + n >= 0 AND _i + n < len(l) THEN l[_i + n + 1] ELSE d END))`,
  `kql_array_rotate(l, n) AS to_json(CASE WHEN len(l) = 0 THEN l ELSE list_transform(range(len(l)), lambda _i:
     l[((_i + n) % len(l) + len(l)) % len(l) + 1]) END)`,
  // array-slice-function.md: negative indexes count from the end; out-of-bounds indexes are ignored.
  `kql_array_slice(l, s, _e) AS to_json(list_slice(l, greatest(CASE WHEN s < 0 THEN len(l) + s ELSE s END, 0) + 1,
     least(CASE WHEN _e < 0 THEN len(l) + _e ELSE _e END, len(l) - 1) + 1))`,
  // array-split-function.md: N indexes give N+1 arrays [0..i1), [i1..i2), … [iN..length).
  `kql_array_split(l, idx) AS to_json(list_transform(
     range(len(idx) + 1), lambda _k: list_slice(l,
       CASE WHEN _k = 0 THEN 0 ELSE greatest(0, least(len(l), CASE WHEN idx[_k] < 0 THEN len(l) + idx[_k] ELSE idx[_k] END)) END + 1,
       CASE WHEN _k = len(idx) THEN len(l) ELSE greatest(0, least(len(l), CASE WHEN idx[_k + 1] < 0 THEN len(l) + idx[_k + 1] ELSE idx[_k + 1] END)) END)))`,
  // array-sum-function.md: a double; null when an element is not numeric.
  `kql_is_number(_x) AS json_type(_x) IN ('UBIGINT', 'BIGINT', 'DOUBLE')`,
  `kql_array_sum(l) AS CASE WHEN l IS NULL THEN NULL WHEN len(l) = 0 THEN 0::DOUBLE
     WHEN list_bool_and(list_transform(l, lambda _x: coalesce(kql_is_number(_x), false))) THEN list_sum(list_transform(l, lambda _x: TRY_CAST(_x AS DOUBLE))) END`,
  // array-sort-asc-function.md: numbers (and datetimes/timespans) first, then strings, then everything else.
  `kql_sort_key(_x) AS {'r': CASE WHEN kql_is_number(_x) THEN 0 WHEN json_type(_x) = 'VARCHAR' THEN 1 ELSE 2 END,
     'n': CASE WHEN kql_is_number(_x) THEN TRY_CAST(_x AS DOUBLE) END, 's': CASE WHEN json_type(_x) = 'VARCHAR' THEN json_extract_string(_x, '$') ELSE CAST(_x AS VARCHAR) END}`,
  // The permutation (1-based) that sorts l; z puts nulls first or last whatever the direction.
  `kql_sort_perm_asc(l, nulls_last) AS list_transform(list_sort(list_transform(l, lambda _x, _i:
     {'z': CASE WHEN _x IS NULL THEN (CASE WHEN nulls_last THEN 1 ELSE 0 END) ELSE (CASE WHEN nulls_last THEN 0 ELSE 1 END) END,
      'k': kql_sort_key(_x), 'i': _i}), 'ASC'), lambda _e: _e.i)`,
  `kql_sort_perm_desc(l, nulls_last) AS list_transform(list_sort(list_transform(l, lambda _x, _i:
     {'z': CASE WHEN _x IS NULL THEN (CASE WHEN nulls_last THEN 0 ELSE 1 END) ELSE (CASE WHEN nulls_last THEN 1 ELSE 0 END) END,
      'k': kql_sort_key(_x), 'i': -_i}), 'DESC'), lambda _e: -_e.i)`,
  `kql_permute(l, p, n) AS CASE WHEN len(l) = n THEN to_json(list_transform(p, lambda _i: l[_i])) END`,
  // Set functions compare element JSON text (set-union-function.md etc.); list_distinct drops nulls.
  `kql_set_contains(l, _x) AS coalesce(list_contains(l, _x), false)`,
  // bag-keys-function.md: null for anything that is not a property bag.
  `kql_bag_keys(b) AS CASE WHEN json_type(b) = 'OBJECT' THEN to_json(json_keys(b)) END`,
  `kql_bag_map(b) AS CASE WHEN json_type(b) = 'OBJECT' THEN TRY_CAST(b AS MAP(VARCHAR, JSON)) END`,
  // bag-has-key-function.md: the key may be a JSONPath ("$.key2.prop1").
  `kql_json_path(_k) AS CASE WHEN starts_with(_k, '$') THEN _k ELSE '$."' || replace(replace(_k, '\\', '\\\\'), '"', '\\"') || '"' END`,
  `kql_bag_has_key(b, _k) AS CASE WHEN json_type(b) = 'OBJECT' THEN coalesce(json_exists(b, kql_json_path(_k)), false) END`,
  // bag-zip.md: string keys only (others are skipped), missing values are null, a non-array key list gives null.
  `kql_bag_zip(_k, v) AS CASE WHEN kql_arr(_k) IS NOT NULL THEN CAST('{' || array_to_string(list_transform(
     list_filter(range(len(kql_arr(_k))), lambda _i: json_type(kql_arr(_k)[_i + 1]) = 'VARCHAR'),
     lambda _i: CAST(kql_arr(_k)[_i + 1] AS VARCHAR) || ':' || coalesce(CAST(kql_arr(v)[_i + 1] AS VARCHAR), 'null')), ',') || '}' AS JSON) END`,
  // gettype-function.md: Kusto type names of dynamic values ("int" for 32-bit whole numbers, "dictionary" for bags).
  `kql_gettype(j) AS CASE WHEN j IS NULL THEN 'null' ELSE CASE json_type(j) WHEN 'NULL' THEN 'null' WHEN 'VARCHAR' THEN 'string'
     WHEN 'BOOLEAN' THEN 'bool' WHEN 'DOUBLE' THEN 'real' WHEN 'OBJECT' THEN 'dictionary' WHEN 'ARRAY' THEN 'array'
     WHEN 'BIGINT' THEN CASE WHEN TRY_CAST(j AS BIGINT) >= -2147483648 THEN 'int' ELSE 'long' END
     WHEN 'UBIGINT' THEN CASE WHEN TRY_CAST(j AS HUGEINT) <= 2147483647 THEN 'int' ELSE 'long' END ELSE 'string' END END`,
  // range-function.md: at most 1,048,576 elements, up to and including stop.
  `kql_range_count(lo, hi, step) AS CASE WHEN step = 0 OR step IS NULL THEN NULL
     ELSE least(greatest(floor((hi - lo) / step) + 1, 0), 1048576)::BIGINT END`,
  // toguid-function.md: 32 hex digits, with or without dashes (and braces); anything else is null.
  `kql_toguid(s) AS CASE WHEN regexp_full_match(regexp_replace(trim(s), '^[{(]|[})]$|-', '', 'g'), '[0-9A-Fa-f]{32}')
     THEN regexp_replace(lower(regexp_replace(trim(s), '^[{(]|[})]$|-', '', 'g')), '^(.{8})(.{4})(.{4})(.{4})(.{12})$', '\\1-\\2-\\3-\\4-\\5') END`,
  // IPv4 (traps §13): the text's own prefix, and a 32-bit value as dotted text.
  `kql_ipv4_valid(s) AS kql_ipv4_base(kql_ipv4_octets(s)) IS NOT NULL`,
  `kql_ipv4_text(n) AS CAST((n >> 24) & 255 AS VARCHAR) || '.' || CAST((n >> 16) & 255 AS VARCHAR) || '.'
     || CAST((n >> 8) & 255 AS VARCHAR) || '.' || CAST(n & 255 AS VARCHAR)`,
  // ipv4-compare-function.md: mask both with the smallest of the two text prefixes and the argument.
  `kql_ipv4_compare(a, b, p) AS CASE WHEN kql_ipv4_valid(a) AND kql_ipv4_valid(b) AND p BETWEEN 0 AND 32 THEN sign(
     (kql_ipv4_base(kql_ipv4_octets(a)) & kql_ipv4_mask(least(kql_ipv4_prefix(kql_ipv4_octets(a)), kql_ipv4_prefix(kql_ipv4_octets(b)), p)))
     - (kql_ipv4_base(kql_ipv4_octets(b)) & kql_ipv4_mask(least(kql_ipv4_prefix(kql_ipv4_octets(a)), kql_ipv4_prefix(kql_ipv4_octets(b)), p)))) END`,
  // has-ipv4-function.md: addresses in text are delimited by non-alphanumeric characters; only valid ones count.
  `kql_ipv4_tokens(s) AS list_filter(regexp_extract_all(s, '[0-9A-Za-z]+(?:\\.[0-9A-Za-z]+)*'),
     lambda _t: regexp_full_match(_t, '[0-9]{1,3}(?:\\.[0-9]{1,3}){3}') AND kql_ipv4_valid(_t))`,
  `kql_has_ipv4(s, ip) AS CASE WHEN NOT regexp_full_match(ip, '[0-9]{1,3}(?:\\.[0-9]{1,3}){3}') OR NOT kql_ipv4_valid(ip) THEN false
     ELSE coalesce(list_contains(list_transform(kql_ipv4_tokens(s), lambda _t: kql_parse_ipv4(_t)), kql_parse_ipv4(ip)), false) END`,
  // has-ipv4-prefix-function.md: a complete address, or 1–3 octets ending with a dot.
  `kql_ipv4_prefix_valid(p) AS (regexp_full_match(p, '[0-9]{1,3}(?:\\.[0-9]{1,3}){3}') AND kql_ipv4_valid(p))
     OR (regexp_full_match(p, '(?:[0-9]{1,3}\\.){1,3}') AND list_bool_and(list_transform(list_filter(string_split(p, '.'), lambda _o: _o <> ''), lambda _o: _o::INT <= 255)))`,
  `kql_has_ipv4_prefix(s, p) AS CASE WHEN NOT kql_ipv4_prefix_valid(p) THEN false
     WHEN ends_with(p, '.') THEN coalesce(list_bool_or(list_transform(kql_ipv4_tokens(s), lambda _t: starts_with(_t, p))), false)
     ELSE kql_has_ipv4(s, p) END`,
];
