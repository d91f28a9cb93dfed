/** Tabular sources that start a pipe: datatable, print, range, and union used as a source. */
import { lit, type Expr } from '../plan/expressions.js';
import type { NamedExpr, PlanNode } from '../plan/operators.js';
import type { Schema } from '../plan/types.js';
import { child, listElements, type SyntaxNode } from '../syntax/syntax-tree.js';
import { bindExpr } from './bind-expression.js';
import { bindUnion } from './bind-union.js';
import { outputColumns, outputWidth } from './multi-output.js';
import { fail, type BindContext, type Scope } from './scope.js';

export function bindSource(ctx: BindContext, scope: Scope, n: SyntaxNode): PlanNode {
  const schema: Schema = n.schema ?? [];
  const env = { ctx, scope, row: [] as Schema };
  switch (n.kind) {
    case 'DataTableExpression': {
      const values = listElements(child(n, 'Values')).map((v) => bindExpr(env, v));
      const width = schema.length;
      if (width === 0) fail(ctx, n, 'KQW104', 'a datatable needs at least one column');
      const rows: Expr[][] = [];
      // Kusto: the n'th value goes to column n % NumColumns (datatable-operator.md).
      for (let i = 0; i + width <= values.length; i += width) {
        rows.push(values.slice(i, i + width).map((v, j) => coerceLiteral(v, schema[j]!.type)));
      }
      return { kind: 'DataTable', schema, rows };
    }
    case 'PrintOperator': {
      const columns: NamedExpr[] = [];
      for (const e of listElements(child(n, 'Expressions'))) {
        const width = e.kind === 'SimpleNamedExpression' ? 1 : outputWidth(e);
        const outs = schema.slice(columns.length, columns.length + width);
        if (outs.length < width) fail(ctx, e, 'KQW104', 'cannot match this printed column to the result schema');
        const value = bindExpr(env, e);
        const values = width > 1 ? outputColumns(value, outs.map((c) => c.type)) : [value];
        outs.forEach((out, k) => columns.push({ name: out.name, expr: values[k]! }));
      }
      return { kind: 'Print', schema, columns };
    }
    case 'RangeOperator':
      return {
        kind: 'Range', schema,
        from: bindExpr(env, child(n, 'From')!), to: bindExpr(env, child(n, 'To')!), step: bindExpr(env, child(n, 'Step')!),
      };
    case 'UnionOperator':
      return bindUnion(ctx, scope, undefined, n);
    default:
      fail(ctx, n, 'KQW104', `the tabular expression ${n.kind.replace(/Expression$|Operator$/, '')} is not supported yet`);
  }
}

/** datatable cells are typed by their column: `1` in a real column is 1.0, a long in an int column is an int. */
function coerceLiteral(v: Expr, type: Schema[number]['type']): Expr {
  if (v.kind !== 'Literal' || v.type === type) return v;
  if (v.value === null) return lit(type, null);
  if ((type === 'real' || type === 'decimal' || type === 'int') && (typeof v.value === 'bigint' || typeof v.value === 'number')) {
    return lit(type, Number(v.value));
  }
  if (type === 'long' && typeof v.value === 'number') return lit('long', BigInt(Math.trunc(v.value)));
  return { kind: 'Call', name: '__cast', type, args: [v] };
}
