/**
 * Statements and the pipe chain: `let` statements fill the scope, the last tabular expression statement is the
 * query's result, and each `| operator` is dispatched by its Kusto SyntaxKind to the bind-* module for it.
 */
import { call, col, lit, param, type Expr, type QueryParam } from '../plan/expressions.js';
import type { PlanNode } from '../plan/operators.js';
import { INGESTION_TIME, type Column, type Schema } from '../plan/types.js';
import type { Catalog, StoredColumns } from '../syntax/catalog.js';
import { child, listElements, tokenTexts, type SyntaxNode } from '../syntax/syntax-tree.js';
import { bindExpr, snippet } from './bind-expression.js';
import { bindFunctionCall, callName, expandUserFunction } from './bind-function-call.js';
import { bindOperator, firstUnsupportedOperator } from './bind-operator.js';
import { bindSource } from './bind-source.js';
import { fail, Scope, type BindContext } from './scope.js';

export interface BoundQuery {
  readonly plan: PlanNode;
  readonly tables: readonly string[];
}

/**
 * `parameters`: now() and the window's bounds are parameters of the plan, given a value each time it is compiled to
 * SQL (a rule's compile serves all its runs: ADR 0012), instead of the values here written in.
 */
export function bindQuery(
  text: string, root: SyntaxNode, catalog: Catalog, nowNs: bigint,
  window?: { readonly startNs: bigint; readonly endNs: bigint; readonly byIngestion?: boolean },
  storedColumns: StoredColumns | undefined = catalog.storedColumns,
  parameters = false,
): BoundQuery {
  const tables = new Set<string>();
  const time = (name: QueryParam, ns: bigint): Expr => (parameters ? param(name) : lit('datetime', ns));
  const bounds = window
    ? { start: time('windowStart', window.startNs), end: time('windowEnd', window.endNs), ...(window.byIngestion ? { byIngestion: true } : {}) }
    : undefined;
  const statements = listElements(child(root, 'Statements'));
  const options = setOptions(text, catalog, statements);
  const ctx: BindContext = {
    text, catalog, now: options.now ?? time('now', nowNs), tables, depth: 0, ...(bounds ? { window: bounds } : {}),
    ...(storedColumns ? { storedColumns } : {}), ...(options.binAuto ? { binAuto: options.binAuto } : {}),
    bindTabular: (scope, node) => bindTabular(ctx, scope, node),
    bindFunctionBody: (scope, body, row) => bindFunctionBody(ctx, scope, body, row),
  };
  const scope = new Scope();
  let result: PlanNode | undefined;
  let lastNode: SyntaxNode = root;
  for (const st of statements) {
    lastNode = st;
    if (st.kind === 'SetOptionStatement') continue;
    if (st.kind === 'LetStatement') {
      bindLet(ctx, scope, st);
    } else if (st.kind === 'ExpressionStatement') {
      const e = child(st, 'Expression')!;
      if (!e.schema) {
        const op = firstUnsupportedOperator(e);
        if (op) bindOperator(ctx, scope, { kind: 'Table', name: '', schema: [] }, op);
        fail(ctx, e, 'KQW104', 'a query must end in a tabular expression');
      }
      // Kusto returns every tabular statement; kqlwatch returns the last one.
      result = bindTabular(ctx, scope, e);
    } else {
      fail(ctx, st, 'KQW104', `the statement '${snippet({ ctx }, st)}' (${st.kind}) is not supported`);
    }
  }
  if (!result) fail(ctx, lastNode, 'KQW104', 'the query has no tabular expression to run');
  return { plan: result, tables: [...tables] };
}

/** Request options that change nothing kqlwatch computes (result truncation, timeouts, caching, fan-out). */
const NO_EFFECT_OPTIONS = new Set([
  'notruncation', 'truncationmaxrecords', 'truncationmaxsize', 'servertimeout', 'norequesttimeout', 'query_results_cache_max_age',
  'maxmemoryconsumptionperiterator', 'max_memory_consumption_per_query_per_node', 'query_fanout_threads_percent', 'query_fanout_nodes_percent',
]);

/**
 * `set option[=value];` statements (query-parameters and request properties): query_now fixes now(),
 * query_bin_auto_size/query_bin_auto_at set bin_auto(); options that change nothing here are accepted; others fail.
 */
function setOptions(text: string, catalog: Catalog, statements: readonly SyntaxNode[]): { now?: Expr; binAuto?: { size: Expr; at?: Expr } } {
  // The binder's own context does not exist yet (now() may come from here): values are literals, as Kusto wants.
  const scratch: BindContext = {
    text, catalog, now: lit('datetime', 0n), tables: new Set(), depth: 0,
    bindTabular: () => { throw new Error('no tables in a set statement'); }, bindFunctionBody: () => { throw new Error('no functions in a set statement'); },
  };
  const values = new Map<string, SyntaxNode | undefined>();
  for (const st of statements) {
    if (st.kind !== 'SetOptionStatement') continue;
    const name = tokenTexts(child(st, 'Name')!).join('').toLowerCase();
    const value = child(st, 'ValueClause') ? child(child(st, 'ValueClause')!, 'Expression') ?? undefined : undefined;
    if (name !== 'query_now' && name !== 'query_bin_auto_size' && name !== 'query_bin_auto_at' && !NO_EFFECT_OPTIONS.has(name)) {
      fail(scratch, st, 'KQW104', `the option '${name}' of set is not supported (kqlwatch reads query_now, query_bin_auto_size and query_bin_auto_at)`);
    }
    values.set(name, value);
  }
  const constant = (name: string): Expr | undefined => {
    const node = values.get(name);
    if (!node) return undefined;
    const e = bindExpr({ ctx: scratch, scope: new Scope(), row: [] }, node);
    if (e.kind !== 'Literal') fail(scratch, node, 'KQW104', `set ${name} needs a constant value`);
    return e;
  };
  const now = constant('query_now');
  const size = constant('query_bin_auto_size');
  const at = constant('query_bin_auto_at');
  return { ...(now ? { now } : {}), ...(size ? { binAuto: { size, ...(at ? { at } : {}) } } : {}) };
}

function bindLet(ctx: BindContext, scope: Scope, st: SyntaxNode): void {
  const nameNode = child(st, 'Name')!;
  const name = nameNode.symbol?.name ?? '';
  const value = child(st, 'Expression')!;
  if (value.kind === 'FunctionDeclaration') {
    scope.define(name, { kind: 'function', declaration: value, scope });
    return;
  }
  if (value.kind === 'MaterializeExpression') {
    scope.define(name, { kind: 'tabular', plan: bindTabular(ctx, scope, child(value, 'Expression')!) });
    return;
  }
  if (value.schema) {
    scope.define(name, { kind: 'tabular', plan: bindTabular(ctx, scope, value) });
    return;
  }
  scope.define(name, { kind: 'scalar', expr: bindExpr({ ctx, scope, row: [] }, value) });
}

function bindFunctionBody(
  ctx: BindContext, scope: Scope, body: SyntaxNode, row: readonly Column[],
): { kind: 'scalar'; expr: Expr } | { kind: 'tabular'; plan: PlanNode } {
  for (const st of listElements(child(body, 'Statements'))) {
    if (st.kind === 'LetStatement') bindLet(ctx, scope, st);
    else if (st.kind === 'ExpressionStatement' && child(st, 'Expression')) {
      // Earlier expression statements in a body have no effect on its result.
    }
  }
  const e = child(body, 'Expression')!;
  if (e.schema) return { kind: 'tabular', plan: bindTabular(ctx, scope, e) };
  return { kind: 'scalar', expr: bindExpr({ ctx, scope, row }, e) };
}

/** A tabular expression: a source, a parenthesised query, or `input | operator`. */
export function bindTabular(ctx: BindContext, scope: Scope, n: SyntaxNode): PlanNode {
  switch (n.kind) {
    case 'PipeExpression': {
      const input = bindTabular(ctx, scope, child(n, 'Expression')!);
      return bindOperator(ctx, scope, input, child(n, 'Operator')!);
    }
    case 'ParenthesizedExpression':
      return bindTabular(ctx, scope, child(n, 'Expression')!);
    case 'MaterializeExpression':
      return bindTabular(ctx, scope, child(n, 'Expression')!);
    case 'NameReference':
      return bindTableName(ctx, scope, n);
    case 'FunctionCallExpression':
      return bindTabularCall(ctx, scope, n);
    default:
      return bindSource(ctx, scope, n);
  }
}

function bindTableName(ctx: BindContext, scope: Scope, n: SyntaxNode): PlanNode {
  const name = n.symbol?.name ?? '';
  const kind = n.symbol?.kind;
  if (kind === 'Variable' || kind === 'Parameter' || kind === undefined) {
    const b = scope.lookup(name);
    if (b?.kind === 'tabular') return b.plan;
  }
  if (kind === 'Function') return bindTabularCall(ctx, scope, n);
  if (kind === 'Table') {
    const t = ctx.catalog.tables.get(name);
    const schema: Schema = t ? t.columns : n.schema ?? [];
    ctx.tables.add(name);
    const stored = ctx.storedColumns?.(name);
    const absent = stored ? new Set(schema.filter((c) => !stored.has(c.name)).map((c) => c.name)) : undefined;
    const table: PlanNode = { kind: 'Table', name, schema, ...(absent && absent.size > 0 ? { absent } : {}) };
    const tg = schema.find((c) => c.name === 'TimeGenerated' && c.type === 'datetime');
    if (!ctx.window || (!tg && !ctx.window.byIngestion)) return table;
    // Sentinel: queryPeriod bounds every table the rule's query reads, lookups included; NRT rules look at what
    // was ingested in the window instead (near-real-time-rules.md), the store's hidden ingestion time.
    const tgRef = ctx.window.byIngestion ? col(INGESTION_TIME.name, INGESTION_TIME.type) : col('TimeGenerated', 'datetime');
    const predicate = call('And', 'bool', [
      call('GreaterThan', 'bool', [tgRef, ctx.window.start]),
      call('LessThanOrEqual', 'bool', [tgRef, ctx.window.end]),
    ]);
    return { kind: 'Filter', schema, input: table, predicate };
  }
  fail(ctx, n, 'KQW202', `'${name}' is not a table kqlwatch knows`);
}

function bindTabularCall(ctx: BindContext, scope: Scope, n: SyntaxNode): PlanNode {
  const name = callName(n);
  const b = scope.lookup(name);
  if (b?.kind === 'function') {
    if (!n.expansion) fail(ctx, n, 'KQW104', `cannot expand the function '${name}'`);
    const inner = expandUserFunction(ctx, b.declaration, b.scope, scope, [], n);
    const r = bindFunctionBody(ctx, inner, n.expansion, []);
    if (r.kind === 'tabular') return r.plan;
    fail(ctx, n, 'KQW201', `the function '${name}' returns a scalar where a table is expected`);
  }
  if (name === 'table') {
    // table('Name') / table(letName): the table named by a constant string (table-function.md).
    const arg = listElements(child(child(n, 'ArgumentList')!, 'Expressions'))[0];
    const v = arg ? bindExpr({ ctx, scope, row: [] }, arg) : undefined;
    const tname = v?.kind === 'Literal' && typeof v.value === 'string' ? v.value : undefined;
    if (tname === undefined) fail(ctx, n, 'KQW104', 'table() needs a constant table name');
    const b2 = scope.lookup(tname);
    if (b2?.kind === 'tabular') return b2.plan;
    if (!ctx.catalog.tables.has(tname)) fail(ctx, n, 'KQW202', `'${tname}' is not a table kqlwatch knows`);
    return bindTableName(ctx, scope, { ...n, symbol: { name: tname, kind: 'Table' } });
  }
  if (name === 'materialize' || name === 'view') {
    const arg = listElements(child(child(n, 'ArgumentList')!, 'Expressions'))[0]!;
    return bindTabular(ctx, scope, arg);
  }
  void bindFunctionCall;
  fail(ctx, n, 'KQW102', `the tabular function '${name}()' is not supported yet`);
}
