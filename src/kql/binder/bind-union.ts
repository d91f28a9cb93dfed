/**
 * union (union-operator.md): the default kind is outer, missing columns are null, a column name that occurs with
 * several types becomes one column per type; the binder gives the output schema, we align each leg to it.
 */
import type { PlanNode } from '../plan/operators.js';
import { child, listElements, type SyntaxNode, tokenTexts } from '../syntax/syntax-tree.js';
import type { BindContext, Scope } from './scope.js';

export function bindUnion(ctx: BindContext, scope: Scope, input: PlanNode | undefined, n: SyntaxNode): PlanNode {
  const legs: PlanNode[] = input ? [input] : [];
  const names: string[] = input ? [input.kind === 'Table' ? input.name : 'union_arg0'] : [];
  for (const e of listElements(child(n, 'Expressions'))) {
    legs.push(ctx.bindTabular(scope, e));
    // withsource names a leg by the table or let name it was written with (union-operator.md).
    const inner = e.kind === 'ParenthesizedExpression' ? child(e, 'Expression')! : e;
    const asOp = inner.kind === 'PipeExpression' && child(inner, 'Operator')?.kind === 'AsOperator' ? child(inner, 'Operator') : null;
    names.push(asOp ? tokenTexts(child(asOp, 'Name')!).join('')
      : inner.kind === 'NameReference' ? tokenTexts(inner).join('') : `union_arg${names.length}`);
  }
  let sourceColumn: string | undefined;
  let inner = false;
  for (const p of listElements(child(n, 'Parameters'))) {
    const name = tokenTexts(child(p, 'Name')!).join('');
    const value = tokenTexts(child(p, 'Expression')!).join('');
    if (name === 'withsource' || name === 'WithSource') sourceColumn = value;
    if (name === 'kind' && value === 'inner') inner = true;
  }
  const schema = n.schema ?? [];
  const sourceNames = names;
  void inner;
  return { kind: 'Union', schema, inputs: legs, ...(sourceColumn ? { sourceColumn, sourceNames } : {}) };
}
