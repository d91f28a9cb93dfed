/**
 * summarize → GROUP BY. Keys and aggregates are computed in an inner SELECT under positional aliases, then
 * renamed to the binder's column names; multi-column aggregates (arg_max/arg_min/take_any) pick one struct per
 * group so every returned column comes from the same row, and fall back to an arbitrary row when every value
 * of the maximised expression is null (arg-max-aggregation-function.md; traps §6.3).
 */
import { builtins } from '../functions/registry.js';
import type { Emitter } from './builder.js';
import { castTo } from './emit-expression.js';
import { ident, str } from './sql-text.js';

export const emitSummarize: Emitter<'Summarize'> = (n, b) => {
  const inner: string[] = [];
  const outer: string[] = [];
  n.keys.forEach((k, i) => {
    const e = b.expr(k.expr);
    const target = n.schema[i]!.type;
    inner.push(`${e.type === target ? e.sql : castTo(e, target)} AS ${ident('_k' + i)}`);
    outer.push(`${ident('_k' + i)} AS ${ident(k.name)}`);
  });
  n.aggregates.forEach((a, i) => {
    const alias = ident('_a' + i);
    if (a.outputs) {
      const fields = a.outputs.map((o, j) => `${str('o' + j)}: ${b.expr(o).sql}`).join(', ');
      const struct = `{${fields}}`;
      const by = a.args[0] ? b.expr(a.args[0]).sql : undefined;
      const pick = a.fn === 'arg_max' || a.fn === 'arg_min'
        ? `coalesce(${a.fn}(${struct}, ${by}), any_value(${struct}))`
        : `any_value(${struct})`;
      inner.push(`${pick} AS ${alias}`);
      a.names.forEach((name, j) => outer.push(`struct_extract(${alias}, ${str('o' + j)}) AS ${ident(name)}`));
      return;
    }
    const def = builtins.aggregates.get(a.fn);
    if (!def) throw new Error(`internal: no aggregate '${a.fn}'`);
    const sql = def.sql(a.args.map((x) => b.expr(x)), { resultType: a.types[0] ?? 'dynamic', name: a.fn });
    inner.push(`${sql} AS ${alias}`);
    outer.push(`${alias} AS ${ident(a.names[0]!)}`);
  });
  const groupBy = n.keys.length > 0 ? ` GROUP BY ${n.keys.map((_, i) => i + 1).join(', ')}` : '';
  const a = b.alias();
  return `SELECT ${outer.join(', ')} FROM (SELECT ${inner.join(', ')} FROM ${b.relation(n.input)}${groupBy}) AS ${a}`;
};
