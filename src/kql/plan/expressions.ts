/**
 * Typed scalar expressions of the logical plan. Every node carries its Kusto result type; calls name an entry of
 * the function registry (a KQL function name or a Kusto OperatorKind name such as `Equal`, `Has`, `Add`).
 */
import type { KustoType } from './types.js';
import type { PlanNode } from './operators.js';

/**
 * Literal values: string/guid → string; int/real/decimal → number; long → bigint; bool → boolean;
 * datetime → bigint ns since the Unix epoch; timespan → bigint ticks; dynamic → JSON text; null → null.
 */
export type LiteralValue = string | number | bigint | boolean | null;

export type Expr =
  | { readonly kind: 'Literal'; readonly type: KustoType; readonly value: LiteralValue }
  | { readonly kind: 'ColumnRef'; readonly type: KustoType; readonly name: string }
  | { readonly kind: 'Call'; readonly type: KustoType; readonly name: string; readonly args: readonly Expr[] }
  | { readonly kind: 'Path'; readonly type: KustoType; readonly base: Expr; readonly steps: readonly PathStep[] }
  | { readonly kind: 'InQuery'; readonly type: KustoType; readonly expr: Expr; readonly query: PlanNode;
      readonly negated: boolean; readonly caseInsensitive: boolean }
  | { readonly kind: 'ScalarQuery'; readonly type: KustoType; readonly query: PlanNode }
  | { readonly kind: 'Star'; readonly type: KustoType }
  /** A value given when the query runs, not when it is compiled: now() and a rule's window (see QueryParams). */
  | { readonly kind: 'Param'; readonly type: KustoType; readonly name: QueryParam };

/**
 * The values a compiled query takes when it runs. The SQL names them, so one compiled query serves every run of a
 * rule (a new window and now() each time) and DuckDB prepares it once per connection.
 */
export type QueryParam = 'now' | 'windowStart' | 'windowEnd';
export type QueryParams = Readonly<Record<QueryParam, bigint>>;

export type PathStep =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'dynamic'; readonly expr: Expr };

export const lit = (type: KustoType, value: LiteralValue): Expr => ({ kind: 'Literal', type, value });
export const col = (name: string, type: KustoType): Expr => ({ kind: 'ColumnRef', name, type });
export const param = (name: QueryParam): Expr => ({ kind: 'Param', type: 'datetime', name });
export const call = (name: string, type: KustoType, args: readonly Expr[]): Expr => ({ kind: 'Call', name, type, args });
