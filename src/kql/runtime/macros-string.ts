/**
 * SQL macros for the string and encoding function families (installed as TEMP macros by macros.ts). Each one
 * names the Kusto reference page whose rule it encodes. The TypeScript UDFs for what SQL cannot say are in
 * udfs-string.ts (registered through udf-registry.ts).
 */

export const stringMacros: readonly string[] = [
  // substring-function.md: 0-based start, a negative start counts from the end; no length means "to the end".
  `kql_substring(s, st, n) AS CASE WHEN n IS NOT NULL AND n < 0 THEN ''
     ELSE substr(s, CAST(CASE WHEN st < 0 THEN greatest(length(s) + st, 0) ELSE st END + 1 AS BIGINT),
                 CAST(coalesce(n, length(s) + 1) AS BIGINT)) END`,
  // extract-all-function.md: no match gives null, not an empty array (traps §11.2).
  `kql_nonempty_json(l) AS CASE WHEN len(l) = 0 THEN NULL ELSE to_json(l) END`,
  // countof-function.md: plain matches may overlap, so every start position is tested.
  `kql_countof(s, p) AS CASE WHEN p = '' THEN CAST(0 AS BIGINT) ELSE CAST(len(list_filter(
     range(0, greatest(length(s) - length(p) + 1, 0)), i -> substr(s, i + 1, length(p)) = p)) AS BIGINT) END`,
  // indexof-regex-function.md: the n-th non-overlapping match inside [start, start+length); the text before it
  // is the first n split pieces plus the n-1 earlier matches. Null for start < 0, length < -1, occurrence < 1.
  `kql_indexof_regex_in(sub, re, occ, st) AS CASE WHEN len(regexp_extract_all(sub, re)) < occ THEN CAST(-1 AS BIGINT)
     ELSE CAST(st + coalesce(list_sum(list_transform(regexp_split_to_array(sub, re)[1:occ], p -> length(p))), 0)
                  + coalesce(list_sum(list_transform(regexp_extract_all(sub, re)[1:occ - 1], m -> length(m))), 0) AS BIGINT) END`,
  `kql_indexof_regex(s, re, st, ln, occ) AS CASE WHEN st < 0 OR ln < -1 OR occ < 1 THEN CAST(NULL AS BIGINT)
     ELSE kql_indexof_regex_in(substr(s, st + 1, CASE WHEN ln = -1 THEN length(s) + 1 ELSE ln END), re, occ, st) END`,
  // format-bytes-function.md: units Bytes..EB in steps of 1024, auto-selected when units is empty.
  `kql_format_bytes_at(v, p, i) AS kql_real_text(round(v / pow(1024, i), CAST(p AS INTEGER)))
     || ' ' || ['Bytes', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'][i + 1]`,
  `kql_format_bytes(v, p, u) AS CASE WHEN v IS NULL THEN NULL ELSE kql_format_bytes_at(v, p,
     CASE WHEN u = '' THEN (CASE WHEN abs(v) < 1024 THEN 0 ELSE CAST(least(floor(log2(abs(v)) / 10), 6) AS INTEGER) END)
          ELSE list_position(['bytes', 'kb', 'mb', 'gb', 'tb', 'pb', 'eb'], lower(trim(u))) - 1 END) END`,
  // parse-version-function.md: one to four parts of up to 8 digits, missing parts are trailing zeros; each part
  // is worth 10^8 of the next. DECIMAL(38,0) keeps every digit so comparisons stay exact.
  `kql_version_value(p) AS CAST(p[1] AS DECIMAL(38,0)) * CAST('1000000000000000000000000' AS DECIMAL(38,0))
     + CAST(coalesce(p[2], 0) AS DECIMAL(38,0)) * CAST('10000000000000000' AS DECIMAL(38,0))
     + CAST(coalesce(p[3], 0) AS DECIMAL(38,0)) * CAST(100000000 AS DECIMAL(38,0))
     + CAST(coalesce(p[4], 0) AS DECIMAL(38,0))`,
  `kql_parse_version(s) AS CASE WHEN regexp_matches(s, '^\\s*[0-9]{1,8}(\\.[0-9]{1,8}){0,3}\\s*$')
     THEN kql_version_value(list_transform(string_split(trim(s), '.'), x -> CAST(x AS BIGINT))) END`,
  // url-encode-function.md: lower-case %xx of the UTF-8 bytes, space as '+'; url-encode-component-function.md
  // encodes the space as %20. The unreserved set is .NET HttpUtility's (letters, digits, - _ . ! * ( )).
  `kql_url_encode(s, plus) AS array_to_string(list_transform(string_split(s, ''),
     c -> CASE WHEN regexp_matches(c, '^[A-Za-z0-9_.!*()-]$') THEN c WHEN c = ' ' AND plus THEN '+'
               ELSE lower(url_encode(c)) END), '')`,
  // url-decode-function.md: '+' is a space (form encoding); an invalid escape leaves the text unchanged.
  `kql_url_decode(s) AS coalesce(try(url_decode(replace(s, '+', ' '))), s)`,
  // base64-encode-fromguid-function.md: a guid's bytes in .NET order (the first three groups little-endian).
  // g is the guid's 32 hex digits without dashes; the result is its 16 bytes in hex.
  `kql_guid_bytes_hex(g) AS substr(g, 7, 2) || substr(g, 5, 2) || substr(g, 3, 2) || substr(g, 1, 2)
     || substr(g, 11, 2) || substr(g, 9, 2) || substr(g, 15, 2) || substr(g, 13, 2) || substr(g, 17, 16)`,
  `kql_guid_from_hex(h) AS lower(substr(h, 7, 2) || substr(h, 5, 2) || substr(h, 3, 2) || substr(h, 1, 2) || '-'
     || substr(h, 11, 2) || substr(h, 9, 2) || '-' || substr(h, 15, 2) || substr(h, 13, 2) || '-'
     || substr(h, 17, 4) || '-' || substr(h, 21, 12))`,
  // base64-decode-toarray-function.md: the decoded bytes as an array of numbers; invalid input gives null.
  `kql_blob_to_array(b) AS to_json(list_transform(range(0, octet_length(b)),
     i -> CAST(('0x' || substr(hex(b), CAST(2 * i + 1 AS BIGINT), 2)) AS INTEGER)))`,
  `kql_array_to_blob(a) AS unhex(array_to_string(list_transform(TRY_CAST(a AS BIGINT[]), x -> lpad(hex(x % 256), 2, '0')), ''))`,
  // hash-function.md: xxhash64; with a modulo the unsigned hash is reduced, as Kusto's result is non-negative.
  `kql_hash_mod(h, m) AS CAST(((CAST(h AS HUGEINT) + CAST('18446744073709551616' AS HUGEINT)) % CAST('18446744073709551616' AS HUGEINT)) % m AS BIGINT)`,
];
