/** IPv4 functions (https://learn.microsoft.com/kusto/query/scalar-functions#ipv4ipv6-functions); traps §13. */
import { scalar, DOCS, type FunctionDef } from './define.js';

export const ipFunctions = [
  scalar('parse_ipv4', { doc: DOCS + 'parse-ipv4-function', sql: ([s]) => `kql_parse_ipv4(${s!.sql})` }),
  scalar('ipv4_is_in_range', {
    doc: DOCS + 'ipv4-is-in-range-function',
    sql: ([ip, r]) => `kql_ipv4_is_in_range(${ip!.sql}, ${r!.sql})`,
  }),
  scalar('ipv4_is_private', {
    doc: DOCS + 'ipv4-is-private-function',
    sql: ([ip]) =>
      `(kql_ipv4_is_in_range(${ip!.sql}, '10.0.0.0/8') OR kql_ipv4_is_in_range(${ip!.sql}, '172.16.0.0/12') OR kql_ipv4_is_in_range(${ip!.sql}, '192.168.0.0/16'))`,
  }),
] as const satisfies readonly FunctionDef[];
