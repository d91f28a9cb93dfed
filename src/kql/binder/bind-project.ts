/**
 * extend, project, project-away, project-keep, project-reorder, project-rename: all become one Project node
 * whose columns follow the schema Microsoft's binder computed (extend onto an existing column keeps its
 * position, as the binder does; traps §9.4).
 */
import { col, type Expr } from '../plan/expressions.js';
import type { NamedExpr, PlanNode } from '../plan/operators.js';
import type { KustoType, Schema } from '../plan/types.js';
import { outputColumns, outputWidth, tupleNames } from './multi-output.js';
import { child, listElements, type SyntaxNode, tokenTexts } from '../syntax/syntax-tree.js';
import { bindExpr } from './bind-expression.js';
import { rewriteNestedWindows } from './window-rewrite.js';
import { rewriteRowWindowSession } from './row-window-session.js';
import { fail, type BindContext, type Scope } from './scope.js';

/** The declared name of `Name = expr`, or undefined for an unnamed expression. */
export function declaredName(e: SyntaxNode): string | undefined {
  if (e.kind !== 'SimpleNamedExpression') return undefined;
  const nameNode = child(e, 'Name')!;
  return nameNode.symbol?.name ?? tokenTexts(nameNode).join('').replace(/^\[['"]|['"]\]$/g, '');
}

function valueOf(e: SyntaxNode): SyntaxNode {
  return e.kind === 'SimpleNamedExpression' ? child(e, 'Expression')! : e;
}

export function bindExtend(ctx: BindContext, scope: Scope, input: PlanNode, n: SyntaxNode): PlanNode {
  const schema: Schema = n.schema ?? input.schema;
  const env = { ctx, scope, row: input.schema };
  const inputNames = new Set(input.schema.map((c) => c.name));
  const assigned = new Map<string, Expr>();
  const elements = listElements(child(n, 'Expressions'));
  const explicit = new Set(elements.map(declaredName).filter((x): x is string => !!x));
  const autoNames = schema.map((c) => c.name).filter((nm) => !inputNames.has(nm) && !explicit.has(nm));
  const typeOf = (name: string): KustoType => schema.find((c) => c.name === name)?.type ?? 'dynamic';
  for (const e of elements) {
    const width = declaredName(e) ? 1 : outputWidth(e);
    if (e.kind === 'CompoundNamedExpression' || width > 1) {
      const names = e.kind === 'CompoundNamedExpression' ? tupleNames(e) : autoNames.splice(0, width);
      if (names.length < width) fail(ctx, e, 'KQW104', 'cannot name this extended column');
      const call = e.kind === 'CompoundNamedExpression' ? child(e, 'Expression')! : e;
      const values = outputColumns(bindExpr(env, call), names.map(typeOf));
      names.forEach((name, k) => assigned.set(name, values[k]!));
      continue;
    }
    const value = bindExpr(env, valueOf(e));
    // An unnamed expression that is a column (column_ifexists of an existing one) keeps that column's name.
    const name = declaredName(e) ?? autoNames.shift() ?? (value.kind === 'ColumnRef' ? value.name : undefined);
    if (!name) fail(ctx, e, 'KQW104', 'cannot name this extended column');
    assigned.set(name, value);
  }
  const columns: NamedExpr[] = schema.map((c) => ({ name: c.name, expr: assigned.get(c.name) ?? col(c.name, c.type) }));
  const s = rewriteRowWindowSession(input, columns);
  const w = rewriteNestedWindows(s.input, s.columns);
  return { kind: 'Project', schema, input: w.input, columns: w.columns };
}

export function bindProject(ctx: BindContext, scope: Scope, input: PlanNode, n: SyntaxNode): PlanNode {
  const schema: Schema = n.schema ?? [];
  const env = { ctx, scope, row: input.schema };
  const elements = listElements(child(n, 'Expressions'));
  const columns: NamedExpr[] = [];
  let i = 0;
  for (const e of elements) {
    const wildcard = e.kind === 'NameReference' && tokenTexts(e).some((t) => t.includes('*'));
    if (wildcard) {
      // `project a*`: the binder expanded the pattern; take the matching columns in schema order.
      const re = wildcardRegex(tokenTexts(e).join(''));
      while (i < schema.length && re.test(schema[i]!.name)) {
        columns.push({ name: schema[i]!.name, expr: col(schema[i]!.name, schema[i]!.type) });
        i++;
      }
      continue;
    }
    const width = declaredName(e) ? 1 : outputWidth(e);
    const outs = schema.slice(i, i + width);
    i += width;
    if (outs.length < width) fail(ctx, e, 'KQW104', 'cannot match this projected column to the result schema');
    const value = bindExpr(env, valueOf(e));
    const values = width > 1 ? outputColumns(value, outs.map((c) => c.type)) : [value];
    outs.forEach((out, k) => columns.push({ name: out.name, expr: values[k]! }));
  }
  return { kind: 'Project', schema, input, columns };
}

function wildcardRegex(pattern: string): RegExp {
  return new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
}

/** project-away / project-keep / project-reorder: the output is input columns by name, as the binder listed them. */
export function bindProjectByName(_ctx: BindContext, _scope: Scope, input: PlanNode, n: SyntaxNode): PlanNode {
  const schema: Schema = n.schema ?? input.schema;
  return { kind: 'Project', schema, input, columns: schema.map((c) => ({ name: c.name, expr: col(c.name, c.type) })) };
}

/** project-rename new = old: same positions, new names. */
export function bindProjectRename(ctx: BindContext, _scope: Scope, input: PlanNode, n: SyntaxNode): PlanNode {
  const schema: Schema = n.schema ?? input.schema;
  const renames = new Map<string, string>();
  for (const e of listElements(child(n, 'Expressions'))) {
    const to = declaredName(e);
    const from = valueOf(e).symbol?.name;
    if (!to || !from) fail(ctx, e, 'KQW104', 'project-rename expects new = old');
    renames.set(to, from);
  }
  const columns = schema.map((c, i) => {
    const source = renames.get(c.name) ?? input.schema[i]?.name ?? c.name;
    return { name: c.name, expr: col(source, c.type) };
  });
  return { kind: 'Project', schema, input, columns };
}
