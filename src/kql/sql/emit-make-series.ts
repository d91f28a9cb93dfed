/**
 * make-series → a grid of (group × bin) left-joined to the per-bin aggregates, folded into arrays in bin order.
 * The axis is handled in integer units (100 ns ticks for datetime and timespan) so bins align on `from`.
 */
import { builtins } from '../functions/registry.js';
import type { Emitter } from './builder.js';
import { ident } from './sql-text.js';

export const emitMakeSeries: Emitter<'MakeSeries'> = (n, b) => {
  const rel = b.relation(n.input);
  const axis = b.expr(n.axis.expr);
  const isTime = axis.type === 'datetime';
  const units = (sql: string) => (isTime ? `(epoch_ns(${sql}) // 100)` : `(${sql})`);
  const back = (sql: string) => (isTime ? `kql_datetime_text(make_timestamp_ns((${sql}) * 100))` : sql);
  const step = b.expr(n.step).sql;
  const ax = units(axis.sql);
  const lo = n.from ? units(b.expr(n.from).sql) : `(SELECT min(${ax}) FROM ${rel})`;
  const hi = n.to ? units(b.expr(n.to).sql) : `(SELECT max(${ax}) + ${step} FROM ${rel})`;
  const keyCols = n.keys.map((k, i) => `${b.expr(k.expr).sql} AS "_k${i}"`);
  const keyRefs = n.keys.map((_, i) => `"_k${i}"`);
  const aggs = n.aggregates.map((a, i) => {
    const def = builtins.aggregates.get(a.fn);
    if (!def) throw new Error(`internal: no aggregate '${a.fn}'`);
    return `${def.sql(a.args.map((x) => b.expr(x)), { resultType: a.type, name: a.fn })} AS "_a${i}"`;
  });
  const perBin = `SELECT ${[...keyCols, `CAST(floor((${ax} - ${lo}) / ${step}) AS BIGINT) AS "_b"`, ...aggs].join(', ')} FROM ${rel}
    WHERE ${ax} >= ${lo} AND ${ax} < ${hi} GROUP BY ALL`;
  // kind=nonempty: with no input rows and no `by`, still one row of defaults (make-series-operator.md examples).
  const groups = n.keys.length > 0
    ? `SELECT DISTINCT ${keyCols.join(', ')} FROM ${rel}`
    : `SELECT 1 AS "_one"${n.nonempty ? '' : ` WHERE EXISTS (SELECT 1 FROM ${rel})`}`;
  const bins = `SELECT unnest(range(0, CAST(ceil((${hi} - ${lo}) / ${step}) AS BIGINT))) AS "_b"`;
  const on = [...keyRefs.map((k) => `g.${k} IS NOT DISTINCT FROM a.${k}`), 'x."_b" = a."_b"'].join(' AND ');
  const grid = `SELECT ${[...keyRefs.map((k) => `g.${k}`), 'x."_b"', ...n.aggregates.map((_, i) => `a."_a${i}"`)].join(', ')}
    FROM (${groups}) AS g CROSS JOIN (${bins}) AS x LEFT JOIN (${perBin}) AS a ON ${on}`;
  const out = [
    ...n.keys.map((k, i) => `"_k${i}" AS ${ident(k.name)}`),
    ...n.aggregates.map((a, i) => `to_json(list(coalesce("_a${i}", ${b.expr(a.defaultValue).sql}) ORDER BY "_b")) AS ${ident(a.name)}`),
    `to_json(list(${back(`${lo} + "_b" * ${step}`)} ORDER BY "_b")) AS ${ident(n.axis.name)}`,
  ];
  return `SELECT ${out.join(', ')} FROM (${grid}) AS ${b.alias()}${n.keys.length > 0 ? ` GROUP BY ${keyRefs.join(', ')}` : ' HAVING count(*) > 0'}`;
};
