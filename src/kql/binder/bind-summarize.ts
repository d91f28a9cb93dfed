/**
 * summarize (summarize-operator.md): `by` keys first, then one column per aggregate, named as Microsoft's binder
 * named them (count_, max_TimeGenerated, set_IP…; traps §6.1). arg_max/arg_min and multi-argument take_any yield
 * several columns taken from one chosen row (traps §6.3). Aggregates inside a scalar expression (`round(avg(x), 2)`,
 * `100.0 * countif(ok) / count()`; binary-all-and-aggregation-function.md: `toupper(tohex(binary_all_and(num)))`)
 * are each a hidden column of the summarize, and a projection computes the expression over them.
 */
import { builtins } from '../functions/registry.js';
import { col, type Expr } from '../plan/expressions.js';
import type { Aggregate, NamedExpr, PlanNode } from '../plan/operators.js';
import type { Column, Schema } from '../plan/types.js';
import { child, kids, listElements, type SyntaxNode } from '../syntax/syntax-tree.js';
import { bindExpr } from './bind-expression.js';
import { callArgs, callName } from './bind-function-call.js';
import { fail, type BindContext, type Scope } from './scope.js';

const MULTI = new Set(['arg_max', 'arg_min', 'argmax', 'argmin', 'take_any', 'any']);

function aggregateCall(e: SyntaxNode): SyntaxNode {
  return e.kind === 'SimpleNamedExpression' ? child(e, 'Expression')! : e;
}

export function bindSummarize(ctx: BindContext, scope: Scope, input: PlanNode, n: SyntaxNode): PlanNode {
  const schema: Schema = n.schema ?? [];
  const env = { ctx, scope, row: input.schema };
  const byClause = child(n, 'ByClause');
  const byElements = byClause ? listElements(child(byClause, 'Expressions')) : [];
  const keys: NamedExpr[] = byElements.map((e, i) => ({
    name: schema[i]!.name,
    expr: bindExpr(env, e.kind === 'SimpleNamedExpression' ? child(e, 'Expression')! : e),
  }));
  const aggNodes = listElements(child(n, 'Aggregates'));
  const aggColumns = schema.slice(keys.length);
  // How many output columns each aggregate makes; a `*` argument takes whatever is left.
  const widths = aggNodes.map((e) => {
    const c = aggregateCall(e);
    const name = c.kind === 'FunctionCallExpression' ? callName(c) : '';
    const args = c.kind === 'FunctionCallExpression' ? callArgs(c) : [];
    if (!MULTI.has(name)) return 1;
    if (args.some((a) => a.kind === 'StarExpression')) return -1;
    return name === 'take_any' || name === 'any' ? args.length : args.length;
  });
  const fixed = widths.filter((w) => w > 0).reduce((a, b) => a + b, 0);
  const starWidth = aggColumns.length - fixed;
  let pos = 0;
  const aggregates: Aggregate[] = [];
  // The summarize's own columns: the keys, then each aggregate's, or the hidden aggregates a computed one reads.
  const inner: Column[] = schema.slice(0, keys.length).map((c) => ({ ...c }));
  const computed = new Map<string, Expr>();
  aggNodes.forEach((e, i) => {
    const width = widths[i]! < 0 ? starWidth : widths[i]!;
    const outCols = aggColumns.slice(pos, pos + width);
    pos += width;
    const c = aggregateCall(e);
    if (isAggregateCall(c) || width !== 1) {
      aggregates.push(bindAggregate(ctx, env, c, outCols, input.schema, keys));
      inner.push(...outCols);
      return;
    }
    const nested = nestedAggregates(c);
    if (nested.length === 0) {
      const unknown = unknownCall(c);
      if (unknown) fail(ctx, unknown, 'KQW102', `the aggregation function '${callName(unknown)}()' is not supported yet`);
      fail(ctx, c, 'KQW104', 'summarize expects aggregation function calls');
    }
    const replaced = new Map<SyntaxNode, Expr>();
    nested.forEach((a, k) => {
      const hidden: Column = { name: `__agg${i}_${k}`, type: a.type ?? 'dynamic' };
      aggregates.push(bindAggregate(ctx, env, a, [hidden], input.schema, keys));
      inner.push(hidden);
      replaced.set(a, col(hidden.name, hidden.type));
    });
    computed.set(outCols[0]!.name, bindExpr({ ctx, scope, row: inner, replaced }, c));
  });
  const summarize: PlanNode = { kind: 'Summarize', schema: computed.size === 0 ? schema : inner, input, keys, aggregates };
  if (computed.size === 0) return summarize;
  return {
    kind: 'Project', schema, input: summarize,
    columns: schema.map((c) => ({ name: c.name, expr: computed.get(c.name) ?? col(c.name, c.type) })),
  };
}

function isAggregateCall(c: SyntaxNode): boolean {
  if (c.kind !== 'FunctionCallExpression') return false;
  const name = callName(c);
  return MULTI.has(name) || builtins.aggregates.has(name);
}

/** A call of a function kqlwatch knows neither as a scalar nor as an aggregate (the likely aggregate). */
function unknownCall(n: SyntaxNode): SyntaxNode | undefined {
  if (n.kind === 'FunctionCallExpression' && !builtins.scalars.has(callName(n))) return n;
  for (const k of kids(n)) {
    const found = k.isToken ? undefined : unknownCall(k);
    if (found) return found;
  }
  return undefined;
}

/** The aggregate calls inside a scalar expression (not those inside another aggregate's arguments). */
function nestedAggregates(n: SyntaxNode): SyntaxNode[] {
  if (isAggregateCall(n)) return [n];
  return kids(n).flatMap((k) => (k.isToken ? [] : nestedAggregates(k)));
}

function bindAggregate(
  ctx: BindContext, env: { ctx: BindContext; scope: Scope; row: Schema }, c: SyntaxNode,
  outCols: Schema, inputSchema: Schema, keys: readonly NamedExpr[],
): Aggregate {
  if (c.kind !== 'FunctionCallExpression') fail(ctx, c, 'KQW104', 'summarize expects aggregation function calls');
  // Deprecated spellings (argmax, argmin) are the same aggregates.
  const written = callName(c);
  const name = written === 'argmax' ? 'arg_max' : written === 'argmin' ? 'arg_min' : written;
  const argNodes = callArgs(c);
  const names = outCols.map((x) => x.name);
  const types = outCols.map((x) => x.type);
  if (name === 'arg_max' || name === 'arg_min' || ((name === 'take_any' || name === 'any') && (argNodes.length > 1 || argNodes[0]?.kind === 'StarExpression'))) {
    const isArg = name === 'arg_max' || name === 'arg_min';
    const by = isArg ? bindExpr(env, argNodes[0]!) : undefined;
    const rest = isArg ? argNodes.slice(1) : argNodes;
    const outputs: Expr[] = [];
    if (by) outputs.push(by);
    const star = rest.some((a) => a.kind === 'StarExpression');
    if (star) {
      // The deprecated argmax/argmin name each column `max_<x>_<column>` (`min_…`), x being the maximised
      // column's name or nothing (as Kusto.Language types them; arg_max keeps the column's own name).
      const prefix = written === 'argmax' || written === 'argmin'
        ? `${written.slice(3)}_${by?.kind === 'ColumnRef' ? by.name : ''}_` : undefined;
      for (const out of outCols.slice(outputs.length)) {
        const own = prefix !== undefined && out.name.startsWith(prefix) ? out.name.slice(prefix.length) : out.name;
        outputs.push(col(sourceName(own, inputSchema, keys), out.type));
      }
    } else {
      for (const a of rest) outputs.push(bindExpr(env, a.kind === 'SimpleNamedExpression' ? child(a, 'Expression')! : a));
    }
    return { names, fn: name === 'any' ? 'take_any' : name, args: by ? [by] : [], outputs, types };
  }
  if (!builtins.aggregates.has(name)) fail(ctx, c, 'KQW102', `the aggregation function '${name}()' is not supported yet`);
  const args = argNodes.map((a) => bindExpr(env, a));
  return { names, fn: name, args, types };
}

/** The input column behind an output column of `arg_max(x, *)` (renamed with a digit suffix on a clash). */
function sourceName(outName: string, inputSchema: Schema, keys: readonly NamedExpr[]): string {
  if (inputSchema.some((c) => c.name === outName)) return outName;
  const base = outName.replace(/\d+$/, '');
  const keyNames = new Set(keys.map((k) => k.name));
  return inputSchema.find((c) => c.name === base && !keyNames.has(c.name))?.name ?? base;
}
