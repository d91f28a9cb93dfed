/** sort / order by (sort-operator.md): default desc; nulls first for asc and last for desc unless stated. */
import type { PlanNode, SortKey } from '../plan/operators.js';
import { child, listElements, type SyntaxNode, tokenTexts } from '../syntax/syntax-tree.js';
import { bindExpr, type ExprEnv } from './bind-expression.js';
import type { BindContext, Scope } from './scope.js';

export function sortKey(env: ExprEnv, e: SyntaxNode, defaultDescending = true): SortKey {
  let expr = e;
  let descending = defaultDescending;
  let nullsFirst: boolean | undefined;
  if (e.kind === 'OrderedExpression') {
    expr = child(e, 'Expression')!;
    const ordering = child(e, 'Ordering');
    if (ordering) {
      const words = tokenTexts(ordering).map((t) => t.toLowerCase());
      if (words.includes('asc')) descending = false;
      if (words.includes('desc')) descending = true;
      if (words.includes('first')) nullsFirst = true;
      if (words.includes('last')) nullsFirst = false;
    }
  }
  return { expr: bindExpr(env, expr), descending, nullsFirst: nullsFirst ?? !descending };
}

export function bindSort(ctx: BindContext, scope: Scope, input: PlanNode, n: SyntaxNode): PlanNode {
  const env = { ctx, scope, row: input.schema };
  const keys = listElements(child(n, 'Expressions')).map((e) => sortKey(env, e));
  return { kind: 'Sort', schema: input.schema, input, keys };
}
