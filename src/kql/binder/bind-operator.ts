/** Dispatch of `| operator` by Kusto SyntaxKind to the binder of that operator. */
import type { PlanNode } from '../plan/operators.js';
import type { SyntaxNode } from '../syntax/syntax-tree.js';
import { bindEvaluate } from './bind-evaluate.js';
import { bindFilter } from './bind-filter.js';
import { bindJoin, bindLookup } from './bind-join.js';
import { bindMvExpand } from './bind-mv-expand.js';
import { bindParse } from './bind-parse.js';
import { bindParseKv } from './bind-parse-kv.js';
import { bindMakeSeries } from './bind-make-series.js';
import { bindAs, bindGetSchema, bindInvoke, bindProjectByNames, bindSample, bindSampleDistinct } from './bind-misc.js';
import { makeBindMvApply } from './bind-mv-apply.js';
import { bindExtend, bindProject, bindProjectByName, bindProjectRename } from './bind-project.js';
import { bindSort } from './bind-sort.js';
import { bindSummarize } from './bind-summarize.js';
import { bindCount, bindDistinct, bindTake, bindTop } from './bind-take.js';
import { bindUnion } from './bind-union.js';
import { fail, type BindContext, type Scope } from './scope.js';

type OperatorBinder = (ctx: BindContext, scope: Scope, input: PlanNode, n: SyntaxNode) => PlanNode;

const BINDERS: Record<string, OperatorBinder> = {
  FilterOperator: bindFilter,
  ExtendOperator: bindExtend,
  ProjectOperator: bindProject,
  ProjectAwayOperator: bindProjectByName,
  ProjectKeepOperator: bindProjectByName,
  ProjectReorderOperator: bindProjectByName,
  ProjectRenameOperator: bindProjectRename,
  SummarizeOperator: bindSummarize,
  JoinOperator: bindJoin,
  LookupOperator: bindLookup,
  SortOperator: bindSort,
  TakeOperator: bindTake,
  TopOperator: bindTop,
  DistinctOperator: bindDistinct,
  CountOperator: bindCount,
  UnionOperator: (ctx, scope, input, n) => bindUnion(ctx, scope, input, n),
  EvaluateOperator: bindEvaluate,
  MvExpandOperator: bindMvExpand,
  MvApplyOperator: makeBindMvApply((ctx, scope, input, n) => bindOperator(ctx, scope, input, n)),
  MakeSeriesOperator: bindMakeSeries,
  ParseOperator: bindParse,
  ParseWhereOperator: bindParse,
  ParseKvOperator: bindParseKv,
  // Pass-through operators: they change nothing kqlwatch computes.
  AsOperator: bindAs,
  SampleOperator: bindSample,
  SampleDistinctOperator: bindSampleDistinct,
  GetSchemaOperator: bindGetSchema,
  ProjectByNamesOperator: bindProjectByNames,
  InvokeOperator: bindInvoke,
  RenderOperator: (_c, _s, input) => input,
  SerializeOperator: (ctx, scope, input, n) => bindExtend(ctx, scope, input, n),
};

export function bindOperator(ctx: BindContext, scope: Scope, input: PlanNode, n: SyntaxNode): PlanNode {
  const binder = BINDERS[n.kind];
  if (!binder) {
    const name = ctx.text.slice(n.start, n.end).trim().split(/[\s(]/)[0] ?? n.kind;
    fail(ctx, n, 'KQW101', `the operator '${name}' is not supported yet`);
  }
  return binder(ctx, scope, input, n);
}

/** The first operator of a pipe chain that kqlwatch cannot bind (for statements the binder gave no schema). */
export function firstUnsupportedOperator(n: SyntaxNode): SyntaxNode | undefined {
  if (n.kind !== 'PipeExpression') return undefined;
  const inner = n.children[n.roles.indexOf('Expression')];
  const found = inner ? firstUnsupportedOperator(inner) : undefined;
  if (found) return found;
  const op = n.children[n.roles.indexOf('Operator')];
  return op && !BINDERS[op.kind] ? op : undefined;
}
