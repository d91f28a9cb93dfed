/**
 * join (join-operator.md) and lookup (lookup-operator.md). The default join kind is innerunique; the output
 * schema (with right-side clashes renamed Col1, Col2…) is the binder's, mapped back to the side each column
 * comes from (traps §7).
 */
import { col, type Expr } from '../plan/expressions.js';
import type { JoinKind, PlanNode } from '../plan/operators.js';
import type { Schema } from '../plan/types.js';
import { child, listElements, type SyntaxNode, tokenTexts } from '../syntax/syntax-tree.js';
import { fail, type BindContext, type Scope } from './scope.js';

const KINDS: Record<string, JoinKind> = {
  innerunique: 'innerunique', inner: 'inner', leftouter: 'leftouter', rightouter: 'rightouter',
  fullouter: 'fullouter', outer: 'fullouter', leftsemi: 'leftsemi', leftanti: 'leftanti', anti: 'leftanti',
  leftantisemi: 'leftanti', rightsemi: 'rightsemi', rightanti: 'rightanti', rightantisemi: 'rightanti', semi: 'leftsemi',
};

function parameter(n: SyntaxNode, wanted: string): string | undefined {
  for (const p of listElements(child(n, 'Parameters'))) {
    const name = tokenTexts(child(p, 'Name')!).join('');
    if (name === wanted) return tokenTexts(child(p, 'Expression')!).join('');
  }
  return undefined;
}

type Key = { left: Expr; right: Expr };

function sideOf(e: SyntaxNode): 'left' | 'right' | undefined {
  if (e.kind !== 'PathExpression') return undefined;
  const head = tokenTexts(child(e, 'Expression')!).join('');
  return head === '$left' ? 'left' : head === '$right' ? 'right' : undefined;
}

function columnOf(ctx: BindContext, e: SyntaxNode, side: Schema): Expr {
  const name = e.symbol?.name ?? tokenTexts(child(e, 'Selector') ?? e).join('');
  const c = side.find((x) => x.name === name);
  if (!c) fail(ctx, e, 'KQW201', `the join key '${name}' is not a column of that side`);
  return col(c.name, c.type);
}

function joinKeys(ctx: BindContext, n: SyntaxNode, left: Schema, right: Schema): Key[] {
  const clause = child(n, 'ConditionClause') ?? child(n, 'LookupClause');
  if (!clause || clause.kind !== 'JoinOnClause') fail(ctx, n, 'KQW104', 'only `on` join conditions are supported yet');
  const keys: Key[] = [];
  const visit = (e: SyntaxNode): void => {
    if (e.kind === 'NameReference') {
      keys.push({ left: columnOf(ctx, e, left), right: columnOf(ctx, e, right) });
    } else if (e.kind === 'EqualExpression') {
      const a = child(e, 'Left')!;
      const b = child(e, 'Right')!;
      const sa = sideOf(a);
      const sb = sideOf(b);
      if (sa === 'left' && sb === 'right') keys.push({ left: columnOf(ctx, a, left), right: columnOf(ctx, b, right) });
      else if (sa === 'right' && sb === 'left') keys.push({ left: columnOf(ctx, b, left), right: columnOf(ctx, a, right) });
      else fail(ctx, e, 'KQW104', 'join conditions must compare $left.X == $right.Y');
    } else if (e.kind === 'AndExpression') {
      visit(child(e, 'Left')!);
      visit(child(e, 'Right')!);
    } else if (e.kind === 'ParenthesizedExpression') {
      visit(child(e, 'Expression')!);
    } else {
      fail(ctx, e, 'KQW104', 'only equality join conditions are supported');
    }
  };
  for (const e of listElements(child(clause, 'Expressions'))) visit(e);
  return keys;
}

export function bindJoin(ctx: BindContext, scope: Scope, input: PlanNode, n: SyntaxNode): PlanNode {
  const kindText = parameter(n, 'kind') ?? 'innerunique';
  const joinKind = KINDS[kindText];
  if (!joinKind) fail(ctx, n, 'KQW104', `join kind '${kindText}' is not supported`);
  const right = ctx.bindTabular(scope, child(n, 'Expression')!);
  const on = joinKeys(ctx, n, input.schema, right.schema);
  const schema: Schema = n.schema ?? [];
  let outputs: { side: 'left' | 'right'; source: string; name: string }[];
  if (joinKind === 'leftsemi' || joinKind === 'leftanti') {
    outputs = schema.map((c) => ({ side: 'left', source: c.name, name: c.name }));
  } else if (joinKind === 'rightsemi' || joinKind === 'rightanti') {
    outputs = schema.map((c) => ({ side: 'right', source: c.name, name: c.name }));
  } else {
    const L = input.schema.length;
    if (schema.length !== L + right.schema.length) fail(ctx, n, 'KQW104', 'cannot map the join result columns');
    outputs = schema.map((c, i) =>
      i < L ? { side: 'left', source: input.schema[i]!.name, name: c.name } : { side: 'right', source: right.schema[i - L]!.name, name: c.name });
  }
  return { kind: 'Join', schema, left: input, right, joinKind, on, outputs };
}

export function bindLookup(ctx: BindContext, scope: Scope, input: PlanNode, n: SyntaxNode): PlanNode {
  const kindText = parameter(n, 'kind') ?? 'leftouter';
  const joinKind: JoinKind = kindText === 'inner' ? 'inner' : 'leftouter';
  const right = ctx.bindTabular(scope, child(n, 'Expression')!);
  const on = joinKeys(ctx, n, input.schema, right.schema);
  const schema: Schema = n.schema ?? [];
  const L = input.schema.length;
  // Kusto: lookup doesn't repeat the right-side key columns (lookup-operator.md).
  const rightKeys = new Set(on.map((k) => (k.right.kind === 'ColumnRef' ? k.right.name : '')));
  const sameNameKeys = new Set(on.filter((k) => k.left.kind === 'ColumnRef' && k.right.kind === 'ColumnRef' && k.left.name === k.right.name)
    .map((k) => (k.right.kind === 'ColumnRef' ? k.right.name : '')));
  const rightCols = right.schema.filter((c) => !(rightKeys.has(c.name) && sameNameKeys.has(c.name)));
  if (schema.length !== L + rightCols.length) fail(ctx, n, 'KQW104', 'cannot map the lookup result columns');
  const outputs = schema.map((c, i) =>
    i < L ? { side: 'left' as const, source: input.schema[i]!.name, name: c.name } : { side: 'right' as const, source: rightCols[i - L]!.name, name: c.name });
  return { kind: 'Join', schema, left: input, right, joinKind, on, outputs };
}
