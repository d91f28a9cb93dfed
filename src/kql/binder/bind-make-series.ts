/**
 * make-series (make-series-operator.md): per group, one array per aggregate over the bins of the axis
 * `from`..`to` (exclusive) by `step`, with `default` (0 unless given) where a bin has no rows, plus the array of
 * bin start values. kind=nonempty yields a row of defaults even when there is no input.
 */
import { lit } from '../plan/expressions.js';
import type { PlanNode } from '../plan/operators.js';
import { child, listElements, tokenTexts, type SyntaxNode } from '../syntax/syntax-tree.js';
import { bindExpr } from './bind-expression.js';
import { callArgs, callName } from './bind-function-call.js';
import { declaredName } from './bind-project.js';
import { fail, type BindContext, type Scope } from './scope.js';

export function bindMakeSeries(ctx: BindContext, scope: Scope, input: PlanNode, n: SyntaxNode): PlanNode {
  const env = { ctx, scope, row: input.schema };
  const schema = n.schema ?? [];
  let nonempty = false;
  for (const p of listElements(child(n, 'Parameters'))) {
    if (tokenTexts(child(p, 'Name')!).join('') === 'kind') nonempty = tokenTexts(child(p, 'Expression')!).join('') === 'nonempty';
  }
  const byClause = child(n, 'ByClause');
  const byNodes = byClause ? listElements(child(byClause, 'Expressions')) : [];
  const keys = byNodes.map((e, i) => ({
    name: schema[i]!.name,
    expr: bindExpr(env, e.kind === 'SimpleNamedExpression' ? child(e, 'Expression')! : e),
  }));
  const aggNodes = listElements(child(n, 'Aggregates'));
  const aggregates = aggNodes.map((a, i) => {
    const e = child(a, 'Expression')!;
    const c = e.kind === 'SimpleNamedExpression' ? child(e, 'Expression')! : e;
    if (c.kind !== 'FunctionCallExpression') fail(ctx, c, 'KQW104', 'make-series expects aggregation function calls');
    const fn = callName(c);
    const dflt = child(a, 'DefaultExpression');
    const type = c.type ?? 'real';
    const defaultValue = dflt ? bindExpr(env, child(dflt, 'Expression')!) : lit(type, type === 'long' || type === 'int' ? 0n : 0);
    const name = schema[keys.length + i]?.name ?? declaredName(e) ?? fn;
    return { name, fn, args: callArgs(c).map((x) => bindExpr(env, x)), defaultValue, type };
  });
  const onClause = child(n, 'OnClause')!;
  const axisNode = child(onClause, 'Expression')!;
  const axis = { name: schema[keys.length + aggregates.length]!.name, expr: bindExpr(env, axisNode) };
  const range = child(n, 'RangeClause');
  const part = (role: string) => {
    const c = range ? child(range, role) : null;
    return c ? bindExpr(env, child(c, 'Expression')!) : undefined;
  };
  const step = part('MakeSeriesStepClause');
  if (!step) fail(ctx, n, 'KQW104', 'make-series needs `step`');
  const from = part('MakeSeriesFromClause');
  const to = part('MakeSeriesToClause');
  return {
    kind: 'MakeSeries', schema, input, keys, aggregates, axis, step, nonempty,
    ...(from ? { from } : {}), ...(to ? { to } : {}),
  };
}
