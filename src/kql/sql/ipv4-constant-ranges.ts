/**
 * The address ranges of an ipv4_lookup table written in the query (a `datatable` of networks, the usual
 * exclusion list), computed here rather than by DuckDB: its three projections of parsing macros cost more to
 * prepare than a small lookup costs to run. Parses exactly as the kql_ipv4_* macros do (runtime/macros.ts):
 * spaces trimmed, four octets up to 255, an optional prefix up to 32; anything else is no network.
 */
import type { PlanNode } from '../plan/operators.js';
import { ident, str } from './sql-text.js';

const NETWORK = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/;
const ALL = 4294967295;

/** The first and last address of an IPv4 network written as `a.b.c.d` or `a.b.c.d/p`; undefined if it is none. */
export function ipv4NetworkRange(text: string): { lo: number; hi: number } | undefined {
  const m = NETWORK.exec(text.replace(/^ +| +$/g, ''));
  if (!m) return undefined;
  const octets = [m[1], m[2], m[3], m[4]].map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  const prefix = m[5] === undefined ? 32 : Number(m[5]);
  if (prefix > 32) return undefined;
  const base = octets.reduce((n, o) => n * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  const lo = Math.floor(base / size) * size;
  return { lo, hi: lo + size - 1 };
}

/** Past this many networks, a CASE is no longer cheaper to prepare than the macros. */
const MAX_CONSTANT_NETWORKS = 64;

/**
 * `__lo` and `__hi` as CASE expressions over the key column when the lookup table is a datatable whose keys are
 * all string literals; undefined otherwise.
 */
export function constantRangeColumns(lookup: PlanNode, key: string): { lo: string; hi: string } | undefined {
  if (lookup.kind !== 'DataTable' || lookup.rows.length > MAX_CONSTANT_NETWORKS) return undefined;
  const at = lookup.schema.findIndex((c) => c.name === key);
  if (at < 0) return undefined;
  const lo: string[] = [];
  const hi: string[] = [];
  const seen = new Set<string>();
  for (const row of lookup.rows) {
    const e = row[at];
    if (e?.kind !== 'Literal' || (e.value !== null && typeof e.value !== 'string')) return undefined;
    if (e.value === null || seen.has(e.value)) continue;
    seen.add(e.value);
    const r = ipv4NetworkRange(e.value);
    if (!r) continue;
    lo.push(`WHEN ${str(e.value)} THEN ${r.lo}`);
    hi.push(`WHEN ${str(e.value)} THEN ${r.hi}`);
  }
  const k = ident(key);
  if (lo.length === 0) return { lo: 'CAST(NULL AS BIGINT)', hi: 'CAST(NULL AS BIGINT)' };
  return { lo: `CAST(CASE ${k} ${lo.join(' ')} END AS BIGINT)`, hi: `CAST(CASE ${k} ${hi.join(' ')} END AS BIGINT)` };
}
