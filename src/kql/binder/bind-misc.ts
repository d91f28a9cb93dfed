/**
 * Small operators: as (names the rows for later use in the query), sample and sample-distinct, getschema,
 * project-by-names and invoke.
 */
import { col, lit } from '../plan/expressions.js';
import type { PlanNode } from '../plan/operators.js';
import { child, tokenTexts, type SyntaxNode } from '../syntax/syntax-tree.js';
import { bindExpr } from './bind-expression.js';
import { callName, expandUserFunction } from './bind-function-call.js';
import { fail, type BindContext, type Scope } from './scope.js';

/** `| as T`: binds T to the rows so far (as-operator.md). */
export function bindAs(_ctx: BindContext, scope: Scope, input: PlanNode, n: SyntaxNode): PlanNode {
  const nameNode = child(n, 'Name')!;
  const name = nameNode.symbol?.name ?? tokenTexts(nameNode).join('');
  scope.define(name, { kind: 'tabular', plan: input });
  return input;
}

/** sample N: N arbitrary rows (sample-operator.md); a fixed seed keeps runs reproducible. */
export function bindSample(ctx: BindContext, scope: Scope, input: PlanNode, n: SyntaxNode): PlanNode {
  const count = bindExpr({ ctx, scope, row: [] }, child(n, 'Expression')!);
  return { kind: 'Take', schema: input.schema, input, count };
}

export function bindSampleDistinct(ctx: BindContext, scope: Scope, input: PlanNode, n: SyntaxNode): PlanNode {
  const count = bindExpr({ ctx, scope, row: [] }, child(n, 'Expression')!);
  const of = bindExpr({ ctx, scope, row: input.schema }, child(n, 'OfExpression')!);
  const schema = n.schema ?? [];
  const distinct: PlanNode = { kind: 'Distinct', schema, input, columns: [{ name: schema[0]!.name, expr: of }] };
  return { kind: 'Take', schema, input: distinct, count };
}

const TYPE_NAMES: Record<string, string> = {
  string: 'System.String', int: 'System.Int32', long: 'System.Int64', real: 'System.Double', decimal: 'System.Data.SqlTypes.SqlDecimal',
  bool: 'System.Boolean', datetime: 'System.DateTime', timespan: 'System.TimeSpan', dynamic: 'System.Object', guid: 'System.Guid',
};

/** getschema: one row per input column (getschema-operator.md). */
export function bindGetSchema(_ctx: BindContext, _scope: Scope, input: PlanNode, n: SyntaxNode): PlanNode {
  const schema = n.schema ?? [];
  const rows = input.schema.map((c, i) => [
    lit('string', c.name), lit('long', BigInt(i)), lit('string', TYPE_NAMES[c.type] ?? c.type), lit('string', c.type),
  ]);
  return { kind: 'DataTable', schema, rows };
}

export function bindProjectByNames(_ctx: BindContext, _scope: Scope, input: PlanNode, n: SyntaxNode): PlanNode {
  const schema = n.schema ?? input.schema;
  return { kind: 'Project', schema, input, columns: schema.map((c) => ({ name: c.name, expr: col(c.name, c.type) })) };
}

export function bindInvoke(ctx: BindContext, scope: Scope, input: PlanNode, n: SyntaxNode): PlanNode {
  const fc = child(n, 'Function')!;
  const name = callName(fc);
  const b = scope.lookup(name);
  if (b?.kind !== 'function' || !fc.expansion) fail(ctx, fc, 'KQW102', `invoke of '${name}' is not supported (only let-defined functions)`);
  const inner = expandUserFunction(ctx, b.declaration, b.scope, scope, input.schema, fc, input);
  const r = ctx.bindFunctionBody(inner, fc.expansion, input.schema);
  if (r.kind !== 'tabular') fail(ctx, fc, 'KQW201', `the function '${name}' does not return a table`);
  return r.plan;
}
