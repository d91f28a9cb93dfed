/**
 * mv-apply (mv-apply-operator.md): for each input row, expand the given arrays and run the subquery on that
 * row's expanded rows; the result is the input row's columns beside the subquery's output. Implemented as one
 * set-based plan: number the input rows, mv-expand them, run the subquery partitioned by the row number
 * (summarize by it, top/take per partition), then join the result back to its input row.
 */
import { call, col } from '../plan/expressions.js';
import type { PlanNode } from '../plan/operators.js';
import { toKustoType, type Column, type KustoType, type Schema } from '../plan/types.js';
import { child, listElements, tokenTexts, type SyntaxNode } from '../syntax/syntax-tree.js';
import { bindExpr } from './bind-expression.js';
import { declaredName } from './bind-project.js';
import { fail, type BindContext, type Scope } from './scope.js';

const RID = '__kqw_rid';
const ridColumn: Column = { name: RID, type: 'long' };

type OperatorBinder = (ctx: BindContext, scope: Scope, input: PlanNode, n: SyntaxNode) => PlanNode;

export function makeBindMvApply(bindOperator: OperatorBinder): OperatorBinder {
  return (ctx, scope, input, n) => bindMvApply(ctx, scope, input, n, bindOperator);
}

function bindMvApply(ctx: BindContext, scope: Scope, input: PlanNode, n: SyntaxNode, bindOperator: OperatorBinder): PlanNode {
  const env = { ctx, scope, row: input.schema };
  let indexColumn: string | undefined;
  for (const p of listElements(child(n, 'Parameters'))) {
    const name = tokenTexts(child(p, 'Name')!).join('');
    if (name === 'with_itemindex') indexColumn = tokenTexts(child(p, 'Expression')!).join('');
  }
  const numbered: PlanNode = {
    kind: 'Project', schema: [...input.schema, ridColumn], input,
    columns: [...input.schema.map((c) => ({ name: c.name, expr: col(c.name, c.type) })), { name: RID, expr: call('row_number', 'long', []) }],
  };
  const expandCols = listElements(child(n, 'Expressions')).map((item) => {
    const e = item.kind === 'MvApplyExpression' ? child(item, 'Expression')! : item;
    const toClause = item.kind === 'MvApplyExpression' ? child(item, 'ToTypeOf') : null;
    let toType: KustoType | undefined;
    if (toClause) toType = toKustoType(tokenTexts(toClause).filter((t) => !['to', 'typeof', '(', ')'].includes(t))[0] ?? '');
    const name = declaredName(e) ?? (e.kind === 'NameReference' ? e.symbol?.name : undefined);
    if (!name) fail(ctx, e, 'KQW104', 'name the expanded column (name = expression)');
    const value = e.kind === 'SimpleNamedExpression' ? child(e, 'Expression')! : e;
    return { name, expr: bindExpr(env, value), ...(toType ? { toType } : {}) };
  });
  // The subquery sees the input row with the expanded columns (replaced in place or appended) and the index.
  const rowSchema: Column[] = numbered.schema.map((c) => {
    const x = expandCols.find((e) => e.name === c.name);
    return x ? { name: c.name, type: x.toType ?? 'dynamic' } : c;
  });
  for (const x of expandCols) if (!rowSchema.some((c) => c.name === x.name)) rowSchema.push({ name: x.name, type: x.toType ?? 'dynamic' });
  if (indexColumn) rowSchema.push({ name: indexColumn, type: 'long' });
  const expanded: PlanNode = {
    kind: 'MvExpand', schema: rowSchema, input: numbered, columns: expandCols, bagExpansion: 'bag',
    ...(indexColumn ? { indexColumn } : {}),
  };
  const sub = child(n, 'Subquery')!;
  const bound = bindSubquery(ctx, scope, expanded, child(sub, 'Expression')!, bindOperator);
  const perRow = partition(ctx, n, bound, expanded);
  const outSchema: Schema = n.schema ?? [];
  const subNames = new Set(perRow.schema.map((c) => c.name));
  const outputs = outSchema.map((c) => ({
    side: subNames.has(c.name) ? ('right' as const) : ('left' as const), source: c.name, name: c.name,
  }));
  return {
    kind: 'Join', schema: outSchema, left: numbered, right: perRow, joinKind: 'inner',
    on: [{ left: col(RID, 'long'), right: col(RID, 'long') }], outputs,
  };
}

/** The subquery's pipe, whose first operator reads the expanded rows. */
function bindSubquery(ctx: BindContext, scope: Scope, implicit: PlanNode, n: SyntaxNode, bindOperator: OperatorBinder): PlanNode {
  if (n.kind === 'ParenthesizedExpression') return bindSubquery(ctx, scope, implicit, child(n, 'Expression')!, bindOperator);
  if (n.kind === 'PipeExpression') {
    const left = bindSubquery(ctx, scope, implicit, child(n, 'Expression')!, bindOperator);
    return bindOperator(ctx, scope, left, child(n, 'Operator')!);
  }
  return bindOperator(ctx, scope, implicit, n);
}

/** Rewrites the bound subquery so every operator keeps the row number and works per row. */
function partition(ctx: BindContext, at: SyntaxNode, p: PlanNode, base: PlanNode): PlanNode {
  if (p === base) return p;
  const rid = col(RID, 'long');
  switch (p.kind) {
    case 'Filter': {
      const input = partition(ctx, at, p.input, base);
      return { ...p, input, schema: withRid(p.schema) };
    }
    case 'Project': {
      const input = partition(ctx, at, p.input, base);
      return { ...p, input, schema: withRid(p.schema), columns: [...p.columns.filter((c) => c.name !== RID), { name: RID, expr: rid }] };
    }
    case 'Summarize': {
      const input = partition(ctx, at, p.input, base);
      return { ...p, input, schema: [ridColumn, ...p.schema], keys: [{ name: RID, expr: rid }, ...p.keys] };
    }
    case 'Sort': {
      const input = partition(ctx, at, p.input, base);
      return { ...p, input, schema: withRid(p.schema), keys: [{ expr: rid, descending: false, nullsFirst: false }, ...p.keys] };
    }
    case 'Top':
    case 'Take': {
      const input = partition(ctx, at, p.input, base);
      return { ...p, input, schema: withRid(p.schema), partitionBy: RID };
    }
    case 'Distinct': {
      const input = partition(ctx, at, p.input, base);
      return { ...p, input, schema: [ridColumn, ...p.schema], columns: [{ name: RID, expr: rid }, ...p.columns] };
    }
    case 'MvExpand': {
      const input = partition(ctx, at, p.input, base);
      return { ...p, input, schema: withRid(p.schema) };
    }
    case 'Count': {
      const input = partition(ctx, at, p.input, base);
      const name = p.schema[0]?.name ?? 'Count';
      return {
        kind: 'Summarize', schema: [ridColumn, { name, type: 'long' }], input,
        keys: [{ name: RID, expr: rid }], aggregates: [{ names: [name], fn: 'count', args: [], types: ['long'] }],
      };
    }
    default:
      fail(ctx, at, 'KQW104', `'${p.kind}' inside an mv-apply subquery is not supported yet`);
  }
}

function withRid(schema: Schema): Schema {
  return schema.some((c) => c.name === RID) ? schema : [...schema, ridColumn];
}
