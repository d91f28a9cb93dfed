/**
 * Function calls: user-defined (let) functions are expanded from the body Kusto bound at the call site;
 * clock functions are folded against the injected `now`; compile-time functions (column_ifexists) are resolved
 * against the row schema; every other call must name a registry entry, or it is reported as unsupported.
 */
import { builtins } from '../functions/registry.js';
import { call, lit, type Expr } from '../plan/expressions.js';
import { INGESTION_TIME, type KustoType } from '../plan/types.js';
import type { PlanNode } from '../plan/operators.js';
import { child, listElements, type SyntaxNode, tokenTexts } from '../syntax/syntax-tree.js';
import { bindExpr, type ExprEnv } from './bind-expression.js';
import { fail, Scope, type BindContext } from './scope.js';
import { conversionTo } from './conversions.js';

export function callName(n: SyntaxNode): string {
  const nameNode = n.kind === 'FunctionCallExpression' ? child(n, 'Name') : n;
  return n.symbol?.name ?? (nameNode ? tokenTexts(nameNode).join('') : '');
}

export function callArgs(n: SyntaxNode): SyntaxNode[] {
  const list = child(n, 'ArgumentList');
  return list ? listElements(child(list, 'Expressions')) : [];
}

export function bindFunctionCall(env: ExprEnv, n: SyntaxNode): Expr {
  const name = callName(n);
  const resultType: KustoType = n.type ?? 'dynamic';
  const binding = env.scope.lookup(name);
  if (binding?.kind === 'function') {
    const body = n.expansion;
    if (!body) fail(env.ctx, n, 'KQW104', `cannot expand the function '${name}'`);
    const inner = expandUserFunction(env.ctx, binding.declaration, binding.scope, env.scope, env.row, n);
    const r = env.ctx.bindFunctionBody(inner, body, env.row);
    if (r.kind === 'scalar') return r.expr;
    fail(env.ctx, n, 'KQW201', `the function '${name}' returns a table where a scalar value is expected`);
  }
  const argNodes = callArgs(n);
  switch (name) {
    case 'ingestion_time':
      // The store's hidden per-row ingestion time (store.ts INGESTION_TIME_COLUMN); table relations carry it
      // through `SELECT *` until a projection drops it (ingestion-time-function.md).
      return { kind: 'ColumnRef', name: INGESTION_TIME.name, type: INGESTION_TIME.type };
    case 'now': {
      const offset = argNodes[0] ? bindExpr(env, argNodes[0]) : undefined;
      const now = env.ctx.now;
      return offset ? call('Add', 'datetime', [now, offset]) : now;
    }
    case 'ago': {
      const span = bindExpr(env, argNodes[0]!);
      const now = env.ctx.now;
      if (now.kind === 'Literal' && typeof now.value === 'bigint' && span.kind === 'Literal' && typeof span.value === 'bigint') {
        return lit('datetime', now.value - span.value * 100n);
      }
      return call('Subtract', 'datetime', [now, span]);
    }
    case 'column_ifexists':
    case 'columnifexists': {
      const colName = bindExpr(env, argNodes[0]!);
      if (colName.kind !== 'Literal' || typeof colName.value !== 'string') fail(env.ctx, n, 'KQW201', 'column_ifexists needs a constant column name');
      const found = env.row.find((c) => c.name === colName.value);
      if (found) return { kind: 'ColumnRef', name: found.name, type: found.type };
      return bindExpr(env, argNodes[1]!);
    }
    case 'bin_auto': {
      // bin-auto-function.md: binned by `set query_bin_auto_size`, from `query_bin_auto_at` when set.
      const auto = env.ctx.binAuto;
      if (!auto) fail(env.ctx, n, 'KQW201', 'bin_auto() needs `set query_bin_auto_size=…;` before the query');
      const value = bindExpr(env, argNodes[0]!);
      return auto.at ? call('bin_at', value.type, [value, auto.size, auto.at]) : call('bin', value.type, [value, auto.size]);
    }
    case 'around': {
      // around(value, center, delta): value within [center - delta, center + delta] (around-function.md).
      const [value, center, delta] = argNodes.map((a) => bindExpr(env, a));
      const t = center!.type;
      return call('Between', 'bool', [value!, call('Subtract', t, [center!, delta!]), call('Add', t, [center!, delta!])]);
    }
    case 'pack_all': {
      // pack_all(): a property bag of every column of the row (pack-all-function.md).
      const ignoreNull = argNodes[0] ? bindExpr(env, argNodes[0]) : undefined;
      const args: Expr[] = [];
      for (const c of env.row) args.push(lit('string', c.name), { kind: 'ColumnRef', name: c.name, type: c.type });
      const bag = call('bag_pack', 'dynamic', args);
      if (!ignoreNull || (ignoreNull.kind === 'Literal' && ignoreNull.value === false)) return bag;
      if (ignoreNull.kind !== 'Literal') fail(env.ctx, n, 'KQW102', 'pack_all with a computed ignore_null_empty is not supported yet (write true or false)');
      return call('__bag_without_empty', 'dynamic', [bag]);
    }
    case 'extract':
      if (argNodes.length === 4) {
        const base = call('extract', 'string', argNodes.slice(0, 3).map((a) => bindExpr(env, a)));
        const conv = conversionTo(resultType);
        if (resultType === 'string' || !conv) return base;
        return call(conv, resultType, [call('nullif_empty', 'string', [base])]);
      }
      break;
    default:
      break;
  }
  if (builtins.aggregates.has(name) && !builtins.scalars.has(name)) {
    fail(env.ctx, n, 'KQW201', `the aggregate '${name}()' can only be used in summarize (or make-series)`);
  }
  if (!builtins.scalars.has(name)) fail(env.ctx, n, 'KQW102', `the function '${name}()' is not supported yet`);
  const args = argNodes.filter((a) => a.kind !== 'TypeOfLiteralExpression').map((a) => bindExpr(env, a));
  return call(name, resultType, args);
}

/** Parameter names of a `let f = (a:long, b:string = "x") { … }` declaration, with their default values. */
function parameters(decl: SyntaxNode): { name: string; defaultValue: SyntaxNode | null }[] {
  const params = child(decl, 'Parameters');
  const list = params ? listElements(child(params, 'Parameters')) : [];
  return list.map((p) => {
    const nameDecl = child(p, 'NameAndType') ? child(child(p, 'NameAndType')!, 'Name') : child(p, 'Name');
    const name = nameDecl?.symbol?.name ?? tokenTexts(nameDecl ?? p)[0] ?? '';
    const dv = child(p, 'DefaultValue');
    return { name, defaultValue: dv ? child(dv, 'Value') ?? dv : null };
  });
}

/** A scope for the function body: its declaration scope plus each parameter bound to its argument. */
export function expandUserFunction(
  ctx: BindContext, decl: SyntaxNode, declScope: Scope, callScope: Scope,
  row: ExprEnv['row'], callNode: SyntaxNode, implicitInput?: PlanNode,
): Scope {
  const inner = new Scope(declScope);
  let params = parameters(decl);
  // `T | invoke f(a)`: T is the function's first (tabular) argument (invoke-operator.md).
  if (implicitInput && params[0]) {
    inner.define(params[0].name, { kind: 'tabular', plan: implicitInput });
    params = params.slice(1);
  }
  const argNodes = callNode.kind === 'FunctionCallExpression' ? callArgs(callNode) : [];
  const byName = new Map<string, SyntaxNode>();
  const positional: SyntaxNode[] = [];
  for (const a of argNodes) {
    if (a.kind === 'SimpleNamedExpression') {
      const nm = tokenTexts(child(a, 'Name')!)[0] ?? '';
      if (params.some((p) => p.name === nm)) {
        byName.set(nm, child(a, 'Expression')!);
        continue;
      }
    }
    positional.push(a);
  }
  if (ctx.depth > 20) fail(ctx, callNode, 'KQW104', 'user-defined functions nest too deeply (recursion is not allowed in KQL)');
  params.forEach((p, i) => {
    const argNode = byName.get(p.name) ?? positional[i] ?? p.defaultValue;
    if (!argNode) return;
    if (argNode.schema) {
      inner.define(p.name, { kind: 'tabular', plan: ctx.bindTabular(callScope, argNode) });
    } else {
      const env: ExprEnv = { ctx, scope: argNode === p.defaultValue ? declScope : callScope, row };
      inner.define(p.name, { kind: 'scalar', expr: bindExpr(env, argNode) });
    }
  });
  return inner;
}
