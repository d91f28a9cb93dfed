/**
 * SQL macros installed (as TEMP, so nothing is written to the database file) on every connection that runs KQL:
 * the pieces of Kusto semantics that DuckDB has no single function for. Each is verified in
 * ../shared/notes/kql-semantics-traps.md; the section is named beside it.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { udfRegistrations } from './udf-registry.js';
import './udfs-string.js';
import './udfs-datetime.js';
import './udfs-dynamic.js';
import './udfs-parse-kv.js';
import './udfs-series.js';
import './udfs-window.js';
import { datetimeMacros } from './macros-datetime.js';
import { dynamicMacros } from './macros-dynamic.js';
import { stringMacros } from './macros-string.js';

const MACROS: readonly string[] = [
  // §1.3 null-aware equality
  `kql_eq(a, b) AS CASE WHEN a IS NULL AND b IS NULL THEN NULL ELSE coalesce(a = b, false) END`,
  `kql_ne(a, b) AS CASE WHEN a IS NULL AND b IS NULL THEN NULL ELSE coalesce(a <> b, true) END`,
  // §2.2 term matching for a needle only known at run time
  `kql_has_re(t, cs) AS (CASE WHEN cs THEN '' ELSE '(?i)' END)
     || CASE WHEN regexp_matches(left(t, 1), '^[0-9A-Za-z]$') THEN '(?:^|[^0-9A-Za-z])' ELSE '' END
     || regexp_escape(t)
     || CASE WHEN regexp_matches(right(t, 1), '^[0-9A-Za-z]$') THEN '(?:$|[^0-9A-Za-z])' ELSE '' END`,
  `kql_has(s, t) AS CASE WHEN t = '' THEN true ELSE regexp_matches(s, kql_has_re(t, false)) END`,
  `kql_has_cs(s, t) AS CASE WHEN t = '' THEN true ELSE regexp_matches(s, kql_has_re(t, true)) END`,
  `kql_hasprefix(s, t, cs) AS regexp_matches(s, (CASE WHEN cs THEN '' ELSE '(?i)' END)
     || CASE WHEN regexp_matches(left(t, 1), '^[0-9A-Za-z]$') THEN '(?:^|[^0-9A-Za-z])' ELSE '' END || regexp_escape(t))`,
  `kql_hassuffix(s, t, cs) AS regexp_matches(s, (CASE WHEN cs THEN '' ELSE '(?i)' END) || regexp_escape(t)
     || CASE WHEN regexp_matches(right(t, 1), '^[0-9A-Za-z]$') THEN '(?:$|[^0-9A-Za-z])' ELSE '' END)`,
  // §4.1/4.3 datetime arithmetic in 100 ns ticks
  `kql_dt_add(d, t) AS make_timestamp_ns(epoch_ns(d) + t * 100)`,
  `kql_dt_diff(a, b) AS (epoch_ns(a) - epoch_ns(b)) // 100`,
  // §3.2 timespan text [-][d.]hh:mm:ss[.fffffff]
  `kql_timespan_text(t) AS (CASE WHEN t < 0 THEN '-' ELSE '' END)
     || (CASE WHEN abs(t) >= 864000000000 THEN CAST(abs(t) // 864000000000 AS VARCHAR) || '.' ELSE '' END)
     || lpad(CAST((abs(t) // 36000000000) % 24 AS VARCHAR), 2, '0') || ':'
     || lpad(CAST((abs(t) // 600000000) % 60 AS VARCHAR), 2, '0') || ':'
     || lpad(CAST((abs(t) // 10000000) % 60 AS VARCHAR), 2, '0')
     || (CASE WHEN abs(t) % 10000000 <> 0 THEN '.' || lpad(CAST(abs(t) % 10000000 AS VARCHAR), 7, '0') ELSE '' END)`,
  // §3.2 datetime text as Kusto prints it inside dynamic values and tostring(): ISO 8601, 7 fraction digits, Z
  `kql_datetime_text(d) AS strftime(d, '%Y-%m-%dT%H:%M:%S') || '.'
     || lpad(CAST((epoch_ns(d) % 1000000000 + 1000000000) % 1000000000 // 100 AS VARCHAR), 7, '0') || 'Z'`,
  // Reals print without a trailing '.0' when integral (tostring(1.0) → "1")
  `kql_real_text(x) AS CASE WHEN x IS NULL THEN NULL WHEN isnan(x) THEN 'NaN' WHEN isinf(x) AND x > 0 THEN 'Infinity'
     WHEN isinf(x) THEN '-Infinity' WHEN x = trunc(x) AND abs(x) < 1e15 THEN CAST(CAST(x AS BIGINT) AS VARCHAR)
     ELSE CAST(x AS VARCHAR) END`,
  // §3.5 parse_json: invalid JSON becomes a dynamic string; '' becomes null
  `kql_parse_json(s) AS CASE WHEN s IS NULL OR s = '' THEN NULL WHEN json_valid(s) THEN CAST(s AS JSON) ELSE to_json(s) END`,
  // §13 IPv4 without the inet extension
  `kql_ipv4_octets(s) AS regexp_extract(trim(s), '^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?:/(\\d{1,2}))?$', ['a','b','c','d','m'])`,
  `kql_ipv4_base(o) AS CASE WHEN o.a <> '' AND o.a::INT <= 255 AND o.b::INT <= 255 AND o.c::INT <= 255 AND o.d::INT <= 255
     AND (o.m = '' OR o.m::INT <= 32) THEN (o.a::BIGINT << 24) + (o.b::BIGINT << 16) + (o.c::BIGINT << 8) + o.d::BIGINT END`,
  `kql_ipv4_prefix(o) AS CASE WHEN o.m = '' THEN 32 ELSE o.m::INT END`,
  `kql_ipv4_mask(p) AS CASE WHEN p = 0 THEN 0::BIGINT WHEN p BETWEEN 1 AND 32 THEN ((4294967295::BIGINT >> (32 - p)) << (32 - p)) END`,
  `kql_parse_ipv4(s) AS kql_ipv4_base(kql_ipv4_octets(s)) & kql_ipv4_mask(kql_ipv4_prefix(kql_ipv4_octets(s)))`,
  // ipv4_lookup computes octets, then base and prefix, then the range, each in its own projection: each macro
  // above repeats its argument about ten times when DuckDB expands it, and binding those copies cost more than
  // the lookup itself. On BIGINT a shift by 32 is defined, so the mask needs no case for /0; a prefix over 32 has none.
  `kql_ipv4_mask_bits(p) AS CASE WHEN p BETWEEN 0 AND 32 THEN (4294967295::BIGINT >> (32 - p)) << (32 - p) END`,
  `kql_parse_ipv4_mask(s, p) AS kql_ipv4_base(kql_ipv4_octets(s)) & kql_ipv4_mask(least(kql_ipv4_prefix(kql_ipv4_octets(s)), p))`,
  `kql_ipv4_range_lo(s) AS kql_parse_ipv4(s)`,
  `kql_ipv4_range_hi(s) AS kql_parse_ipv4(s) + (4294967295 - kql_ipv4_mask(kql_ipv4_prefix(kql_ipv4_octets(s))))`,
  `kql_ipv4_is_in_range(ip, rng) AS (kql_parse_ipv4(ip) & kql_ipv4_mask(kql_ipv4_prefix(kql_ipv4_octets(rng)))) = kql_parse_ipv4(rng)`,
];

const prepared = new WeakSet<DuckDBConnection>();

export { udfRegistrations };

/** Installs the KQL runtime macros on a connection (idempotent per connection). */
export async function prepareConnection(connection: DuckDBConnection): Promise<void> {
  if (prepared.has(connection)) return;
  await connection.run(`SET TimeZone = 'UTC'`);
  for (const m of [...MACROS, ...stringMacros, ...datetimeMacros, ...dynamicMacros]) {
    await connection.run(`CREATE OR REPLACE TEMP MACRO ${m}`);
  }
  for (const register of udfRegistrations) register(connection);
  prepared.add(connection);
}
