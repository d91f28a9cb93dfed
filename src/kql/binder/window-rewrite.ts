/**
 * Window functions that need a value computed from another window over the same rows (window-functions.md):
 * row_number/row_cumsum with a restart condition, row_rank_dense and row_rank_min (with or without restart).
 * SQL cannot nest window functions, so these are rewritten into extra projections that compute the inner windows
 * first (change flags, a running group number, row numbers within a group) and call over them.
 */
import { call, col, lit, type Expr } from '../plan/expressions.js';
import type { NamedExpr, PlanNode } from '../plan/operators.js';
import type { Column } from '../plan/types.js';

interface Hidden {
  readonly name: string;
  readonly expr: Expr;
  readonly type: Column['type'];
}

export function rewriteNestedWindows(input: PlanNode, columns: readonly NamedExpr[]): { input: PlanNode; columns: NamedExpr[] } {
  // Level 1: flags and plain windows; level 2: running group numbers; level 3: row numbers within a group.
  const levels: Hidden[][] = [[], [], []];
  let counter = 0;
  const add = (level: number, expr: Expr, type: Column['type'] = 'long'): Expr => {
    const name = `__kqw_w${counter++}`;
    levels[level]!.push({ name, expr, type });
    return col(name, type);
  };
  const one = lit('long', 1n);
  const zero = lit('long', 0n);
  const nullLong = lit('long', null);
  const visit = (e: Expr): Expr => {
    if (e.kind !== 'Call') return e;
    const args = e.args.map(visit);
    const restart = (i: number) => (args[i] ? add(0, call('iff', 'long', [args[i]!, one, zero])) : undefined);
    if ((e.name === 'row_number' || e.name === 'row_cumsum') && args.length === 2) {
      const group = add(1, call('__running_sum', 'long', [restart(1)!]));
      if (e.name === 'row_number') return call('Add', 'long', [call('Subtract', 'long', [args[0]!, one]), call('__partition_row_number', 'long', [group])]);
      return call('__partition_running_sum', e.type, [args[0]!, group]);
    }
    if (e.name === 'row_rank_dense' || e.name === 'row_rank_min') {
      const flag = restart(1);
      const changedExpr = call('__changed', 'long', [args[0]!]);
      const changed = add(0, flag ? call('iff', 'long', [call('Or', 'bool', [call('Equal', 'bool', [changedExpr, one]), call('Equal', 'bool', [flag, one])]), one, zero]) : changedExpr);
      const group = flag ? add(1, call('__running_sum', 'long', [flag])) : lit('long', 0n);
      if (e.name === 'row_rank_dense') return call('__partition_running_sum', 'long', [changed, group]);
      const rn = add(2, call('__partition_row_number', 'long', [group]));
      return call('__partition_running_max', 'long', [call('iff', 'long', [call('Equal', 'bool', [changed, one]), rn, nullLong]), group]);
    }
    return { ...e, args };
  };
  const rewritten = columns.map((c) => ({ name: c.name, expr: visit(c.expr) }));
  if (counter === 0) return { input, columns: [...columns] };
  const extend = (base: PlanNode, hidden: readonly Hidden[]): PlanNode => hidden.length === 0 ? base : {
    kind: 'Project', input: base,
    schema: [...base.schema, ...hidden.map((h) => ({ name: h.name, type: h.type }))],
    columns: [...base.schema.map((c) => ({ name: c.name, expr: col(c.name, c.type) })), ...hidden.map((h) => ({ name: h.name, expr: h.expr }))],
  };
  return { input: levels.reduce(extend, input), columns: rewritten };
}
