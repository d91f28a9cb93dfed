/**
 * Scalar expressions: Kusto syntax (with the types Microsoft's binder resolved) → plan expressions. Literals are
 * decoded here, let-bound names are substituted, now()/ago() are folded against the injected clock, and calls
 * are checked against the function registry so an unsupported function is reported by name.
 */
import { builtins } from '../functions/registry.js';
import { call, col, lit, type Expr, type PathStep } from '../plan/expressions.js';
import { parseDatetimeNs } from '../plan/time.js';
import type { PlanNode } from '../plan/operators.js';
import type { KustoType, Schema } from '../plan/types.js';
import { child, listElements, type SyntaxNode, tokenTexts } from '../syntax/syntax-tree.js';
import { fail, Scope, type BindContext } from './scope.js';
import { constantTimespan, decimalLiteral, dynamicJson, hexLiteral, longValue } from './dynamic-literal.js';
import { bindFunctionCall } from './bind-function-call.js';

export interface ExprEnv {
  readonly ctx: BindContext;
  readonly scope: Scope;
  /** Columns of the row the expression is evaluated on (for column_ifexists and checks). */
  readonly row: Schema;
  /** Sub-expressions already bound elsewhere (summarize: an aggregate inside a scalar expression, as its column). */
  readonly replaced?: ReadonlyMap<SyntaxNode, Expr>;
}

function typeOf(n: SyntaxNode, fallback: KustoType = 'dynamic'): KustoType {
  return n.type ?? n.symbol?.type ?? fallback;
}

/** The text inside `datetime(...)`, `guid(...)` etc. (from the tokens: expansions have their own text). */
function innerText(_env: ExprEnv, n: SyntaxNode): string {
  const raw = tokenTexts(n).join(' ');
  const open = raw.indexOf('(');
  const close = raw.lastIndexOf(')');
  return open >= 0 && close > open ? raw.slice(open + 1, close).trim() : raw.trim();
}

function literalExpr(env: ExprEnv, n: SyntaxNode): Expr | undefined {
  const v = n.literal;
  switch (n.kind) {
    case 'StringLiteralExpression':
    case 'CompoundStringLiteralExpression':
      return lit('string', typeof v === 'string' ? v : '');
    case 'LongLiteralExpression':
      return lit('long', longValue(n));
    case 'IntLiteralExpression': {
      const hex = hexLiteral(n);
      if (hex !== undefined) return lit('int', Number(BigInt.asIntN(32, hex)));
      return lit('int', v === undefined || v === null ? null : Number(v));
    }
    case 'RealLiteralExpression':
      return lit('real', v === undefined || v === null ? null : Number(v));
    case 'DecimalLiteralExpression': {
      const x = decimalLiteral(n);
      return x === null ? lit('decimal', null) : lit('real', x);
    }
    case 'BooleanLiteralExpression':
      if (v === undefined || v === null) return lit('bool', null);
      return lit('bool', v === true || String(v).toLowerCase() === 'true');
    case 'TimespanLiteralExpression': {
      const constant = constantTimespan(n);
      if (constant !== undefined) return lit('timespan', constant);
      return lit('timespan', v === undefined || v === null ? null : BigInt(v as bigint));
    }
    case 'GuidLiteralExpression': {
      const t = innerText(env, n);
      return lit('guid', t === 'null' || t === '' ? null : t.toLowerCase());
    }
    case 'DateTimeLiteralExpression': {
      const t = innerText(env, n);
      if (t === 'null' || t === '') return lit('datetime', null);
      // Kusto reads `datetime(2017 - 08 - 01)` (sliding-window-counts-plugin.md): the tokens come spaced.
      const ns = parseDatetimeNs(t) ?? parseDatetimeNs(t.replace(/\s*([-:/])\s*/g, '$1'));
      if (ns === null) fail(env.ctx, n, 'KQW201', `cannot read the datetime literal '${t}'`);
      return lit('datetime', ns);
    }
    case 'DynamicExpression': {
      const inner = child(n, 'Expression');
      const json = inner ? dynamicJson(inner) : undefined;
      if (json !== undefined) return lit('dynamic', json === 'null' ? null : json);
      return lit('dynamic', typeof v === 'string' ? (v.trim() === 'null' ? null : compactJson(v)) : null);
    }
    case 'NullLiteralExpression':
      return lit(typeOf(n), null);
    default:
      return undefined;
  }
}

function compactJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

/** Binary and other operator expressions: the referenced symbol is Kusto's OperatorKind. */
const LIST_OPERATORS = new Set(['In', 'InCs', 'NotIn', 'NotInCs', 'HasAny', 'HasAll']);

export function bindExpr(env: ExprEnv, n: SyntaxNode): Expr {
  const done = env.replaced?.get(n);
  if (done) return done;
  const l = literalExpr(env, n);
  if (l) return l;
  switch (n.kind) {
    case 'ParenthesizedExpression':
      return bindExpr(env, child(n, 'Expression')!);
    case 'NameReference':
      return bindName(env, n);
    case 'BracketedExpression':
      return bindExpr(env, child(n, 'Expression')!);
    case 'PathExpression':
      return bindPath(env, n);
    case 'ElementExpression':
      return bindElement(env, n);
    case 'FunctionCallExpression':
      return bindFunctionCall(env, n);
    case 'ToScalarExpression':
      return bindToScalar(env, n);
    case 'SimpleNamedExpression':
      return bindExpr(env, child(n, 'Expression')!);
    case 'BetweenExpression':
    case 'NotBetweenExpression': {
      const couple = child(n, 'Right')!;
      const args = [bindExpr(env, child(n, 'Left')!), bindExpr(env, child(couple, 'First')!), bindExpr(env, child(couple, 'Second')!)];
      return call(n.kind === 'BetweenExpression' ? 'Between' : 'NotBetween', 'bool', args);
    }
    case 'UnaryMinusExpression':
    case 'UnaryPlusExpression': {
      const operand = bindExpr(env, child(n, 'Expression')!);
      if (operand.kind === 'Literal' && n.kind === 'UnaryMinusExpression' && operand.value !== null) {
        const v = operand.value;
        if (typeof v === 'bigint') return lit(operand.type, -v);
        if (typeof v === 'number') return lit(operand.type, -v);
      }
      return call(n.kind === 'UnaryMinusExpression' ? 'UnaryMinus' : 'UnaryPlus', typeOf(n, operand.type), [operand]);
    }
    case 'StarExpression':
      return { kind: 'Star', type: 'dynamic' };
    default:
      break;
  }
  if (n.symbol?.kind === 'Operator' && child(n, 'Left') && child(n, 'Right')) {
    const op = n.symbol.name;
    if (LIST_OPERATORS.has(op)) return bindListOperator(env, n, op);
    const left = bindExpr(env, child(n, 'Left')!);
    const right = bindExpr(env, child(n, 'Right')!);
    if (!builtins.operators.has(op)) fail(env.ctx, n, 'KQW104', `the operator '${op}' is not supported yet`);
    return call(op, typeOf(n, 'bool'), [left, right]);
  }
  fail(env.ctx, n, 'KQW104', `the expression '${snippet(env, n)}' (${n.kind}) is not supported yet`);
}

export function snippet(env: ExprEnv | { ctx: BindContext }, n: SyntaxNode): string {
  const s = env.ctx.text.slice(n.start, n.end).replace(/\s+/g, ' ');
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}

function bindName(env: ExprEnv, n: SyntaxNode): Expr {
  const name = n.symbol?.name ?? tokenTexts(n).join('');
  const kind = n.symbol?.kind;
  if (kind === 'Column') return col(name, typeOf(n));
  if (kind === 'Variable' || kind === 'Parameter' || kind === undefined) {
    const b = env.scope.lookup(name);
    if (b?.kind === 'scalar') return b.expr;
    if (b?.kind === 'tabular') fail(env.ctx, n, 'KQW201', `'${name}' is a table here, where a scalar value is expected`);
  }
  if (kind === 'Function') {
    // A function named without parentheses (e.g. a let-bound parameterless function).
    return bindFunctionCall(env, n);
  }
  if (env.row.some((c) => c.name === name)) return col(name, typeOf(n, env.row.find((c) => c.name === name)!.type));
  fail(env.ctx, n, 'KQW201', `cannot resolve the name '${name}'`);
}

function pathKey(env: ExprEnv, sel: SyntaxNode): PathStep {
  if (sel.kind === 'NameReference') return { kind: 'key', key: tokenTexts(sel).join('') };
  if (sel.kind === 'BracketedExpression') return elementStep(env, child(sel, 'Expression')!);
  return { kind: 'key', key: tokenTexts(sel).join('') };
}

function elementStep(env: ExprEnv, e: SyntaxNode): PathStep {
  const v = bindExpr(env, e);
  if (v.kind === 'Literal' && typeof v.value === 'string') return { kind: 'key', key: v.value };
  if (v.kind === 'Literal' && (typeof v.value === 'bigint' || typeof v.value === 'number')) return { kind: 'index', index: Number(v.value) };
  return { kind: 'dynamic', expr: v };
}

function withStep(base: Expr, step: PathStep): Expr {
  if (base.kind === 'Path') return { kind: 'Path', type: 'dynamic', base: base.base, steps: [...base.steps, step] };
  return { kind: 'Path', type: 'dynamic', base, steps: [step] };
}

function bindPath(env: ExprEnv, n: SyntaxNode): Expr {
  // `T.Column` or `$left.Column` resolve to a column; `D.a.b` on a dynamic value is a property path.
  if (n.symbol?.kind === 'Column') return col(n.symbol.name, typeOf(n));
  const base = bindExpr(env, child(n, 'Expression')!);
  return withStep(base, pathKey(env, child(n, 'Selector')!));
}

function bindElement(env: ExprEnv, n: SyntaxNode): Expr {
  const base = bindExpr(env, child(n, 'Expression')!);
  const sel = child(n, 'Selector')!;
  return withStep(base, elementStep(env, child(sel, 'Expression') ?? sel));
}

function bindToScalar(env: ExprEnv, n: SyntaxNode): Expr {
  const inner = child(n, 'Expression')!;
  // toscalar(2), toscalar(new_guid()): a scalar argument is evaluated once, as a one-row query (toscalar-function.md).
  if (!inner.schema) {
    const type = typeOf(n);
    const query: PlanNode = { kind: 'Print', schema: [{ name: 'value', type }], columns: [{ name: 'value', expr: bindExpr(env, inner) }] };
    return { kind: 'ScalarQuery', type, query };
  }
  const query = env.ctx.bindTabular(env.scope, inner);
  return { kind: 'ScalarQuery', type: typeOf(n), query };
}

/** `x in (a, b)`, `x in (dynamic([...]))`, `x in (T | project c)`, has_any/has_all. */
function bindListOperator(env: ExprEnv, n: SyntaxNode, op: string): Expr {
  const left = bindExpr(env, child(n, 'Left')!);
  const right = child(n, 'Right')!;
  const elements = listElements(child(right, 'Expressions') ?? right);
  const items: Expr[] = [];
  for (const e of elements) {
    if (e.schema) {
      if (op === 'HasAny' || op === 'HasAll') fail(env.ctx, e, 'KQW104', `a tabular argument of ${op === 'HasAny' ? 'has_any' : 'has_all'} is not supported yet`);
      const query = env.ctx.bindTabular(env.scope, e);
      return {
        kind: 'InQuery', type: 'bool', expr: left, query,
        // Kusto.Language names `in~` InCs and `in` In (verified on the binder).
        negated: op === 'NotIn' || op === 'NotInCs', caseInsensitive: op === 'InCs' || op === 'NotInCs',
      };
    }
    items.push(bindExpr(env, e));
  }
  return call(op, 'bool', [left, ...items]);
}

