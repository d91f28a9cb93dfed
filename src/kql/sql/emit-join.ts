/**
 * join and ipv4_lookup. innerunique keeps one left row per key before an inner join (join-innerunique.md);
 * right* kinds swap the inputs; string columns from the side an outer join may leave unmatched are coalesced
 * to '' because Kusto strings are never null (traps §1.1, §7).
 */
import type { PlanNode } from '../plan/operators.js';
import type { Emitter } from './builder.js';
import { ident } from './sql-text.js';
import { builtins } from '../functions/registry.js';
import { constantRangeColumns } from './ipv4-constant-ranges.js';

const SQL_KIND: Record<string, string> = {
  inner: 'INNER JOIN', innerunique: 'INNER JOIN', leftouter: 'LEFT JOIN', rightouter: 'RIGHT JOIN',
  fullouter: 'FULL OUTER JOIN', leftsemi: 'SEMI JOIN', leftanti: 'ANTI JOIN', rightsemi: 'SEMI JOIN', rightanti: 'ANTI JOIN',
};

function nullable(kind: string, side: 'left' | 'right'): boolean {
  return kind === 'fullouter' || (kind === 'leftouter' && side === 'right') || (kind === 'rightouter' && side === 'left');
}

export const emitJoin: Emitter<'Join'> = (n, b) => {
  const swap = n.joinKind === 'rightsemi' || n.joinKind === 'rightanti';
  const la = b.alias();
  const ra = b.alias();
  let leftRel = b.relation(n.left);
  if (n.joinKind === 'innerunique') {
    const keys = n.on.map((k) => b.expr(k.left).sql).join(', ');
    leftRel = `(SELECT DISTINCT ON (${keys}) * FROM ${leftRel})`;
  }
  const rightRel = b.relation(n.right);
  const cond = n.on.map((k) => `${b.expr(k.left, la).sql} = ${b.expr(k.right, ra).sql}`).join(' AND ') || 'true';
  const schemaOf = (side: 'left' | 'right'): PlanNode['schema'] => (side === 'left' ? n.left.schema : n.right.schema);
  const cols = n.outputs.map((o) => {
    const q = o.side === 'left' ? la : ra;
    const type = schemaOf(o.side).find((c) => c.name === o.source)?.type;
    const ref = `${q}.${ident(o.source)}`;
    const sql = type === 'string' && nullable(n.joinKind, o.side) ? `coalesce(${ref}, '')` : ref;
    return `${sql} AS ${ident(o.name)}`;
  });
  // The left side's columns, all kept in order under their own names (the usual join): `la.*` binds one name.
  const L = n.left.schema.length;
  const leftAsIs = !nullable(n.joinKind, 'left') && L > 0 && n.left.schema.every((c, i) => {
    const o = n.outputs[i];
    return o !== undefined && o.side === 'left' && o.source === c.name && o.name === c.name;
  });
  if (leftAsIs) cols.splice(0, L, `${la}.*`);
  const from = swap
    ? `${rightRel} AS ${ra} ${SQL_KIND[n.joinKind]} ${leftRel} AS ${la}`
    : `${leftRel} AS ${la} ${SQL_KIND[n.joinKind]} ${rightRel} AS ${ra}`;
  return `SELECT ${cols.join(', ')} FROM ${from} ON ${cond}`;
};

/** Source rows joined to the lookup row whose IPv4 prefix contains the source IP (ipv4-lookup-plugin.md). */
export const emitIpv4Lookup: Emitter<'Ipv4Lookup'> = (n, b) => {
  const sa = b.alias();
  const la = b.alias();
  const key = ident(n.lookupKey);
  const lookupCols = n.lookup.schema.map((c) => ident(c.name)).join(', ');
  const constant = n.family === 6 ? undefined : constantRangeColumns(n.lookup, n.lookupKey);
  const lookupRel = constant
    ? `(SELECT ${lookupCols}, ${constant.lo} AS "__lo", ${constant.hi} AS "__hi" FROM ${b.relation(n.lookup)})`
    : `(SELECT ${lookupCols}, "__b" & "__m" AS "__lo", ("__b" & "__m") + (4294967295 - "__m") AS "__hi" FROM (${ipv4Parts(`(SELECT ${lookupCols}, ${key} AS "__s" FROM ${b.relation(n.lookup)})`, '"__b", kql_ipv4_mask_bits("__p") AS "__m"')}))`;
  const extra = n.extraKeys.map((k) => ` AND ${b.expr(k.left, sa).sql} = ${la}.${ident(k.right)}`).join('');
  const L = n.input.schema.length;
  const cols = n.schema.map((c, i) => {
    if (i < L) return `${sa}.${ident(n.input.schema[i]!.name)} AS ${ident(c.name)}`;
    const src = n.lookup.schema[i - L]!;
    const ref = `${la}.${ident(src.name)}`;
    return `${src.type === 'string' && n.returnUnmatched ? `coalesce(${ref}, '')` : ref} AS ${ident(c.name)}`;
  });
  // The source's columns under their own names (always, unless a lookup column took a name): one `*` to bind.
  if (L > 0 && n.input.schema.every((c, i) => n.schema[i]?.name === c.name)) {
    cols.splice(0, L, n.family === 6 ? `${sa}.*` : `${sa}.* EXCLUDE ("__ip")`);
  }
  const join = n.returnUnmatched ? 'LEFT JOIN' : 'INNER JOIN';
  if (n.family === 6) {
    // ipv6_lookup (ipv6-lookup-plugin.md): IPv6 prefixes (IPv4 addresses as ::ffff:a.b.c.d) by a range test per pair.
    const inRange = builtins.scalars.get('ipv6_is_in_range')!.sql(
      [b.expr(n.sourceKey, sa), { sql: `${la}.${key}`, type: 'string' }], { resultType: 'bool', name: 'ipv6_is_in_range' });
    return `SELECT ${cols.join(', ')} FROM ${b.relation(n.input)} AS ${sa} ${join} ${b.relation(n.lookup)} AS ${la} ON coalesce(${inRange}, false)${extra}`;
  }
  // The source IP is parsed once per row in a projection below the join, so the join is a plain range join.
  const src = `(${ipv4Parts(`(SELECT *, ${b.expr(n.sourceKey, sa).sql} AS "__s" FROM ${b.relation(n.input)} AS ${sa})`, '"__b" & kql_ipv4_mask_bits("__p") AS "__ip"')})`;
  return `SELECT ${cols.join(', ')} FROM ${src} AS ${sa} ${join} ${lookupRel} AS ${la} ON ${sa}."__ip" BETWEEN ${la}."__lo" AND ${la}."__hi"${extra}`;
};

/**
 * `SELECT * (but the helper columns), <select>` over `rel` with its address text in "__s", parsed in steps:
 * octets, then base address "__b" and prefix length "__p", so each macro expands over a column, not over the
 * expansion of another (binding the nested expansions cost seed 002 more than its lookup).
 */
function ipv4Parts(rel: string, select: string): string {
  const octets = `SELECT * EXCLUDE ("__s"), kql_ipv4_octets("__s") AS "__o" FROM ${rel}`;
  const parts = `SELECT * EXCLUDE ("__o"), kql_ipv4_base("__o") AS "__b", kql_ipv4_prefix("__o") AS "__p" FROM (${octets})`;
  return `SELECT * EXCLUDE ("__b", "__p"), ${select} FROM (${parts})`;
}
