/** where / filter (where-operator.md): rows whose predicate is true; null counts as false. */
import type { PlanNode } from '../plan/operators.js';
import { child, type SyntaxNode } from '../syntax/syntax-tree.js';
import { bindExpr } from './bind-expression.js';
import type { BindContext, Scope } from './scope.js';

export function bindFilter(ctx: BindContext, scope: Scope, input: PlanNode, n: SyntaxNode): PlanNode {
  const predicate = bindExpr({ ctx, scope, row: input.schema }, child(n, 'Condition')!);
  return { kind: 'Filter', schema: input.schema, input, predicate };
}
