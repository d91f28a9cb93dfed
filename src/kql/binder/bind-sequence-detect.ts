/**
 * evaluate sequence_detect(Timeline, MaxSequenceStepWindow, MaxSequenceSpan, step1=(pred), step2=(pred), …, Dim1, …)
 * (sequence-detect-plugin.md): one output row per occurrence of the steps in order, for equal dimensions, each step
 * later than the one before by at most the step window, the last within the span of the first. As the documented
 * output shows, every such combination is an occurrence (one 'heat' row pairs with two later 'wildfire' rows, and two
 * 'heat' rows with one 'wildfire'). Each step is the input filtered by its predicate, joined to the previous steps
 * on the dimensions and then filtered on the times.
 */
import { call, col, type Expr } from '../plan/expressions.js';
import type { NamedExpr, PlanNode } from '../plan/operators.js';
import type { Column } from '../plan/types.js';
import type { SyntaxNode } from '../syntax/syntax-tree.js';
import { child } from '../syntax/syntax-tree.js';
import { bindExpr } from './bind-expression.js';
import { callArgs } from './bind-function-call.js';
import { declaredName } from './bind-project.js';
import { fail, type BindContext, type Scope } from './scope.js';

export function bindSequenceDetect(ctx: BindContext, scope: Scope, input: PlanNode, n: SyntaxNode, fc: SyntaxNode): PlanNode {
  const env = { ctx, scope, row: input.schema };
  const args = callArgs(fc);
  if (args.length < 5) fail(ctx, fc, 'KQW201', 'sequence_detect needs a timeline, a step window, a span and at least two steps');
  const timeline = bindExpr(env, args[0]!);
  const stepWindow = bindExpr(env, args[1]!);
  const span = bindExpr(env, args[2]!);
  const steps: Expr[] = [];
  const dims: Expr[] = [];
  for (const a of args.slice(3)) {
    const value = bindExpr(env, a.kind === 'SimpleNamedExpression' ? child(a, 'Expression')! : a);
    // A named boolean expression is a step; the rest are dimensions (as the documented calls write them).
    if (declaredName(a) !== undefined && value.type === 'bool' && dims.length === 0) steps.push(value);
    else dims.push(value);
  }
  if (steps.length < 2) fail(ctx, fc, 'KQW201', 'sequence_detect needs at least two named steps (name=(predicate))');
  const schema = n.schema ?? [];
  if (schema.length !== dims.length + steps.length + 1) fail(ctx, fc, 'KQW104', 'sequence_detect: cannot match its arguments to its output columns');

  const time = (i: number) => `__seq${i}_t`;
  const dim = (i: number, j: number) => `__seq${i}_d${j}`;
  // Step i: the rows its predicate holds for, as (dimensions, time) under names of its own.
  const stepRows = (i: number): PlanNode => {
    const cols: Column[] = [...dims.map((d, j) => ({ name: dim(i, j), type: d.type })), { name: time(i), type: 'datetime' }];
    const exprs: NamedExpr[] = [...dims.map((d, j) => ({ name: dim(i, j), expr: d })), { name: time(i), expr: timeline }];
    return { kind: 'Project', schema: cols, input: { kind: 'Filter', schema: input.schema, input, predicate: steps[i]! }, columns: exprs };
  };
  let joined = stepRows(0);
  for (let i = 1; i < steps.length; i++) {
    const right = stepRows(i);
    const outputs = [
      ...joined.schema.map((c) => ({ side: 'left' as const, source: c.name, name: c.name })),
      ...right.schema.map((c) => ({ side: 'right' as const, source: c.name, name: c.name })),
    ];
    const join: PlanNode = {
      kind: 'Join', schema: [...joined.schema, ...right.schema], left: joined, right, joinKind: 'inner',
      on: dims.map((d, j) => ({ left: col(dim(0, j), d.type), right: col(dim(i, j), d.type) })),
      outputs,
    };
    const prev = col(time(i - 1), 'datetime');
    const cur = col(time(i), 'datetime');
    const predicate = call('And', 'bool', [
      call('GreaterThan', 'bool', [cur, prev]),
      call('LessThanOrEqual', 'bool', [call('Subtract', 'timespan', [cur, prev]), stepWindow]),
    ]);
    joined = { kind: 'Filter', schema: join.schema, input: join, predicate };
  }
  const first = col(time(0), 'datetime');
  const last = col(time(steps.length - 1), 'datetime');
  const duration = call('Subtract', 'timespan', [last, first]);
  const within: PlanNode = { kind: 'Filter', schema: joined.schema, input: joined, predicate: call('LessThanOrEqual', 'bool', [duration, span]) };
  const values: Expr[] = [...dims.map((d, j) => col(dim(0, j), d.type)), ...steps.map((_, i) => col(time(i), 'datetime')), duration];
  return { kind: 'Project', schema, input: within, columns: schema.map((c, k) => ({ name: c.name, expr: values[k]! })) };
}
