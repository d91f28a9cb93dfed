/**
 * IPv4/IPv6 functions (https://learn.microsoft.com/kusto/query/scalar-functions#ipv4ipv6-functions); traps §13.
 * IPv4 is integer arithmetic in SQL macros (runtime/macros.ts, runtime/macros-dynamic.ts). IPv6 goes through the
 * `kql_ipv6_text(s, bits)` UDF (runtime/udfs-dynamic.ts): the canonical, masked, fixed-width text of an address,
 * so that comparing two such texts compares the 128-bit values.
 */
import { scalar, DOCS, type FunctionDef, type SqlArg } from './define.js';
import { nn } from './sql-helpers.js';

/** Tests `test(range)` against every range argument: strings, or dynamic arrays of strings. */
function anyOf(ranges: readonly SqlArg[], test: (r: string) => string): string {
  const parts = ranges.map((r) =>
    r.type === 'dynamic'
      ? `coalesce(list_bool_or(list_transform(TRY_CAST(${r.sql} AS VARCHAR[]), lambda _r: ${test('_r')})), false)`
      : `coalesce(${test(r.sql)}, false)`);
  return parts.length === 0 ? 'false' : `(${parts.join(' OR ')})`;
}

/** The masked 32-bit value of an IPv4 string or long, with min(own prefix, p) bits; NULL when invalid. */
function ipv4Masked(ip: SqlArg, p: string): { value: string; prefix: string } {
  if (ip.type === 'string') {
    const o = `kql_ipv4_octets(${ip.sql})`;
    const prefix = `least(kql_ipv4_prefix(${o}), ${p})`;
    return { value: `(kql_ipv4_base(${o}) & kql_ipv4_mask(${prefix}))`, prefix };
  }
  const v = `CAST(${ip.sql} AS BIGINT)`;
  return { value: `CASE WHEN ${v} BETWEEN 0 AND 4294967295 THEN ${v} & kql_ipv4_mask(${p}) END`, prefix: p };
}

/** format-ipv4-function.md: "" when the address or the prefix (0–32) is invalid. */
function formatIpv4([ip, p]: readonly SqlArg[], withMask: boolean): string {
  const bits = p ? `CAST(${p.sql} AS INTEGER)` : '32';
  const { value, prefix } = ipv4Masked(ip!, bits);
  const text = withMask ? `kql_ipv4_text(${value}) || '/' || CAST(${prefix} AS VARCHAR)` : `kql_ipv4_text(${value})`;
  // Checked before masking: DuckDB's least() skips NULLs, so an invalid prefix must not reach it.
  return p ? nn(`CASE WHEN ${bits} BETWEEN 0 AND 32 THEN ${text} END`) : nn(text);
}

/** ipv6-compare-function.md: both sides masked with the smallest of their own prefixes and the argument. */
function ipv6Compare([a, b, p]: readonly SqlArg[]): string {
  const bits = `least(kql_ipv6_prefix(${a!.sql}), kql_ipv6_prefix(${b!.sql}), ${p ? `CAST(${p.sql} AS INTEGER)` : '128'})`;
  const x = `kql_ipv6_text(${a!.sql}, ${bits})`;
  const y = `kql_ipv6_text(${b!.sql}, ${bits})`;
  return `CASE WHEN ${x} < ${y} THEN -1 WHEN ${x} > ${y} THEN 1 WHEN ${x} = ${y} THEN 0 END`;
}

function ipv6InRange(ip: string, range: string): string {
  return `(kql_ipv6_text(${ip}, kql_ipv6_prefix(${range})) = kql_ipv6_text(${range}, 128))`;
}

export const ipFunctions = [
  scalar('parse_ipv4', { doc: DOCS + 'parse-ipv4-function', sql: ([s]) => `kql_parse_ipv4(${s!.sql})` }),
  scalar('parse_ipv4_mask', {
    doc: DOCS + 'parse-ipv4-mask-function',
    sql: ([s, p]) => `kql_parse_ipv4_mask(${s!.sql}, CAST(${p!.sql} AS INTEGER))`,
  }),
  scalar('ipv4_is_in_range', {
    doc: DOCS + 'ipv4-is-in-range-function',
    sql: ([ip, r]) => `kql_ipv4_is_in_range(${ip!.sql}, ${r!.sql})`,
  }),
  // ipv4-is-in-any-range-function.md: null when the address itself is invalid.
  scalar('ipv4_is_in_any_range', {
    doc: DOCS + 'ipv4-is-in-any-range-function',
    sql: ([ip, ...ranges]) => `CASE WHEN kql_ipv4_valid(${ip!.sql}) THEN ${anyOf(ranges, (r) => `kql_ipv4_is_in_range(${ip!.sql}, ${r})`)} END`,
  }),
  scalar('ipv4_is_private', {
    doc: DOCS + 'ipv4-is-private-function',
    sql: ([ip]) =>
      `(kql_ipv4_is_in_range(${ip!.sql}, '10.0.0.0/8') OR kql_ipv4_is_in_range(${ip!.sql}, '172.16.0.0/12') OR kql_ipv4_is_in_range(${ip!.sql}, '192.168.0.0/16'))`,
  }),
  scalar('ipv4_compare', {
    doc: DOCS + 'ipv4-compare-function',
    sql: ([a, b, p]) => `CAST(kql_ipv4_compare(${a!.sql}, ${b!.sql}, ${p ? `CAST(${p.sql} AS INTEGER)` : '32'}) AS BIGINT)`,
  }),
  scalar('ipv4_is_match', {
    doc: DOCS + 'ipv4-is-match-function',
    sql: ([a, b, p]) => `(kql_ipv4_compare(${a!.sql}, ${b!.sql}, ${p ? `CAST(${p.sql} AS INTEGER)` : '32'}) = 0)`,
  }),
  scalar('ipv4_netmask_suffix', {
    doc: DOCS + 'ipv4-netmask-suffix-function',
    sql: ([ip]) => `CASE WHEN kql_ipv4_valid(${ip!.sql}) THEN CAST(kql_ipv4_prefix(kql_ipv4_octets(${ip!.sql})) AS INTEGER) END`,
  }),
  scalar('ipv4_range_to_cidr_list', {
    doc: DOCS + 'ipv4-range-to-cidr-list-function',
    sql: ([a, b]) => `CAST(kql_ipv4_range_to_cidr_list_udf(${a!.sql}, ${b!.sql}) AS JSON)`,
  }),
  scalar('format_ipv4', { doc: DOCS + 'format-ipv4-function', sql: (args) => formatIpv4(args, false) }),
  scalar('format_ipv4_mask', { doc: DOCS + 'format-ipv4-mask-function', sql: (args) => formatIpv4(args, true) }),
  scalar('has_ipv4', { doc: DOCS + 'has-ipv4-function', sql: ([s, ip]) => `coalesce(kql_has_ipv4(${s!.sql}, ${ip!.sql}), false)` }),
  scalar('has_ipv4_prefix', {
    doc: DOCS + 'has-ipv4-prefix-function',
    sql: ([s, p]) => `coalesce(kql_has_ipv4_prefix(${s!.sql}, ${p!.sql}), false)`,
  }),
  scalar('has_any_ipv4', { doc: DOCS + 'has-any-ipv4-function', sql: ([s, ...ips]) => anyOf(ips, (ip) => `kql_has_ipv4(${s!.sql}, ${ip})`) }),
  scalar('has_any_ipv4_prefix', {
    doc: DOCS + 'has-any-ipv4-prefix-function',
    sql: ([s, ...ps]) => anyOf(ps, (p) => `kql_has_ipv4_prefix(${s!.sql}, ${p})`),
  }),
  // parse-ipv6-function.md: eight 4-digit groups; IPv4 maps to ::ffff:a.b.c.d; failure is null ("" as a string).
  scalar('parse_ipv6', { doc: DOCS + 'parse-ipv6-function', sql: ([s]) => nn(`kql_ipv6_text(${s!.sql}, 128)`) }),
  scalar('parse_ipv6_mask', {
    doc: DOCS + 'parse-ipv6-mask-function',
    sql: ([s, m]) => nn(`kql_ipv6_text(${s!.sql}, CAST(${m!.sql} AS INTEGER))`),
  }),
  scalar('ipv6_compare', { doc: DOCS + 'ipv6-compare-function', sql: (args) => `CAST(${ipv6Compare(args)} AS BIGINT)` }),
  scalar('ipv6_is_match', { doc: DOCS + 'ipv6-is-match-function', sql: (args) => `(${ipv6Compare(args)} = 0)` }),
  scalar('ipv6_is_in_range', { doc: DOCS + 'ipv6-is-in-range-function', sql: ([ip, r]) => ipv6InRange(ip!.sql, r!.sql) }),
  scalar('ipv6_is_in_any_range', {
    doc: DOCS + 'ipv6-is-in-any-range-function',
    sql: ([ip, ...ranges]) => `CASE WHEN kql_ipv6_prefix(${ip!.sql}) IS NOT NULL THEN ${anyOf(ranges, (r) => ipv6InRange(ip!.sql, r))} END`,
  }),
] as const satisfies readonly FunctionDef[];
