/** take/limit, top, distinct and count: the row-limiting and row-collapsing operators. */
import { col } from '../plan/expressions.js';
import type { PlanNode } from '../plan/operators.js';
import { child, listElements, type SyntaxNode } from '../syntax/syntax-tree.js';
import { bindExpr } from './bind-expression.js';
import { sortKey } from './bind-sort.js';
import type { BindContext, Scope } from './scope.js';

export function bindTake(ctx: BindContext, scope: Scope, input: PlanNode, n: SyntaxNode): PlanNode {
  const count = bindExpr({ ctx, scope, row: [] }, child(n, 'Expression')!);
  return { kind: 'Take', schema: input.schema, input, count };
}

/** top N by e: desc and nulls last by default (top-operator.md). */
export function bindTop(ctx: BindContext, scope: Scope, input: PlanNode, n: SyntaxNode): PlanNode {
  const env = { ctx, scope, row: input.schema };
  const count = bindExpr({ ctx, scope, row: [] }, child(n, 'Expression')!);
  const key = sortKey(env, child(n, 'ByExpression')!);
  return { kind: 'Top', schema: input.schema, input, count, keys: [key] };
}

export function bindDistinct(ctx: BindContext, scope: Scope, input: PlanNode, n: SyntaxNode): PlanNode {
  const schema = n.schema ?? input.schema;
  const env = { ctx, scope, row: input.schema };
  const elements = listElements(child(n, 'Expressions'));
  const star = elements.some((e) => e.kind === 'StarExpression');
  const columns = star
    ? schema.map((c) => ({ name: c.name, expr: col(c.name, c.type) }))
    : elements.map((e, i) => ({ name: schema[i]!.name, expr: bindExpr(env, e.kind === 'SimpleNamedExpression' ? child(e, 'Expression')! : e) }));
  return { kind: 'Distinct', schema, input, columns };
}

export function bindCount(_ctx: BindContext, _scope: Scope, input: PlanNode, n: SyntaxNode): PlanNode {
  return { kind: 'Count', schema: n.schema ?? [{ name: 'Count', type: 'long' }], input };
}
