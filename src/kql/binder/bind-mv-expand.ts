/**
 * mv-expand (mv-expand-operator.md): one row per element of a dynamic array (or per property of a bag); several
 * columns expand in parallel; an empty array drops the row, a null keeps one row (traps §5.4).
 */
import type { PlanNode } from '../plan/operators.js';
import type { Expr } from '../plan/expressions.js';
import { toKustoType, type KustoType } from '../plan/types.js';
import { child, listElements, type SyntaxNode, tokenTexts } from '../syntax/syntax-tree.js';
import { bindExpr } from './bind-expression.js';
import { declaredName } from './bind-project.js';
import { fail, type BindContext, type Scope } from './scope.js';

export function bindMvExpand(ctx: BindContext, scope: Scope, input: PlanNode, n: SyntaxNode): PlanNode {
  const env = { ctx, scope, row: input.schema };
  const schema = n.schema ?? input.schema;
  let indexColumn: string | undefined;
  let bagExpansion: 'bag' | 'array' = 'bag';
  let limit: number | undefined;
  for (const p of listElements(child(n, 'Parameters'))) {
    const name = tokenTexts(child(p, 'Name')!).join('');
    const value = tokenTexts(child(p, 'Expression')!).join('');
    if (name === 'with_itemindex') indexColumn = value;
    else if (name === 'bagexpansion' || name === 'kind') bagExpansion = value === 'array' ? 'array' : 'bag';
  }
  const limitClause = child(n, 'LimitClause');
  if (limitClause) limit = Number(tokenTexts(limitClause).filter((t) => /^\d+$/.test(t))[0] ?? NaN);
  const inputNames = new Set(input.schema.map((c) => c.name));
  const newNames = schema.map((c) => c.name).filter((nm) => !inputNames.has(nm) && nm !== indexColumn);
  const columns = listElements(child(n, 'Expressions')).map((item) => {
    const e = item.kind === 'MvExpandExpression' ? child(item, 'Expression')! : item;
    const toClause = item.kind === 'MvExpandExpression' ? child(item, 'ToTypeOf') : null;
    let toType: KustoType | undefined;
    if (toClause) {
      const tname = tokenTexts(toClause).filter((t) => !['to', 'typeof', '(', ')'].includes(t))[0] ?? '';
      toType = toKustoType(tname);
    }
    const value = e.kind === 'SimpleNamedExpression' ? child(e, 'Expression')! : e;
    const expr = bindExpr(env, value);
    // `mv-expand todynamic(Col)` expands into Col itself (the binder's schema keeps the name).
    const name = declaredName(e) ?? (e.kind === 'NameReference' ? e.symbol?.name : undefined) ?? newNames.shift() ?? firstColumn(expr);
    if (!name) fail(ctx, e, 'KQW104', 'cannot name this expanded column');
    return { name, expr, ...(toType ? { toType } : {}) };
  });
  return {
    kind: 'MvExpand', schema, input, columns, bagExpansion,
    ...(indexColumn ? { indexColumn } : {}), ...(limit !== undefined && !Number.isNaN(limit) ? { limit } : {}),
  };
}

function firstColumn(e: Expr): string | undefined {
  if (e.kind === 'ColumnRef') return e.name;
  if (e.kind === 'Call') for (const a of e.args) { const c = firstColumn(a); if (c) return c; }
  if (e.kind === 'Path') return firstColumn(e.base);
  return undefined;
}
