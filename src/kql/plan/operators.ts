/**
 * Tabular operators of the logical plan: immutable nodes with a `kind` (Kusto's SyntaxKind name minus
 * `Operator`) and their output schema, as Microsoft's binder computed it.
 */
import type { Expr } from './expressions.js';
import type { Schema } from './types.js';

export interface NamedExpr {
  readonly name: string;
  readonly expr: Expr;
}

export interface SortKey {
  readonly expr: Expr;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

export type JoinKind =
  | 'innerunique' | 'inner' | 'leftouter' | 'rightouter' | 'fullouter'
  | 'leftsemi' | 'leftanti' | 'rightsemi' | 'rightanti';

export interface Aggregate {
  /** Output column names this aggregate produces (several for arg_max/arg_min). */
  readonly names: readonly string[];
  /** Registry name of the aggregate (`count`, `make_set`, `arg_max`…). */
  readonly fn: string;
  readonly args: readonly Expr[];
  /** For multi-column aggregates: the expression of each output column, computed on the chosen row. */
  readonly outputs?: readonly Expr[];
  readonly types: readonly Schema[number]['type'][];
}

export type PlanNode =
  | { readonly kind: 'Table'; readonly schema: Schema; readonly name: string;
      /** Set by column pruning: the schema lists only the columns the query reads, not the whole table. */
      readonly pruned?: boolean;
      /** Columns of the schema the store does not hold (never written): they read as empty values. */
      readonly absent?: ReadonlySet<string> }
  | { readonly kind: 'DataTable'; readonly schema: Schema; readonly rows: readonly (readonly Expr[])[] }
  | { readonly kind: 'Print'; readonly schema: Schema; readonly columns: readonly NamedExpr[] }
  | { readonly kind: 'Range'; readonly schema: Schema; readonly from: Expr; readonly to: Expr; readonly step: Expr }
  | { readonly kind: 'Filter'; readonly schema: Schema; readonly input: PlanNode; readonly predicate: Expr }
  | { readonly kind: 'Project'; readonly schema: Schema; readonly input: PlanNode; readonly columns: readonly NamedExpr[] }
  | { readonly kind: 'Summarize'; readonly schema: Schema; readonly input: PlanNode; readonly keys: readonly NamedExpr[];
      readonly aggregates: readonly Aggregate[] }
  | { readonly kind: 'Join'; readonly schema: Schema; readonly left: PlanNode; readonly right: PlanNode;
      readonly joinKind: JoinKind; readonly on: readonly { readonly left: Expr; readonly right: Expr }[];
      /** For each output column: which side and which input column it comes from. */
      readonly outputs: readonly { readonly side: 'left' | 'right'; readonly source: string; readonly name: string }[] }
  | { readonly kind: 'Union'; readonly schema: Schema; readonly inputs: readonly PlanNode[]; readonly sourceColumn?: string;
      readonly sourceNames?: readonly string[] }
  | { readonly kind: 'Sort'; readonly schema: Schema; readonly input: PlanNode; readonly keys: readonly SortKey[] }
  | { readonly kind: 'Take'; readonly schema: Schema; readonly input: PlanNode; readonly count: Expr;
      /** Limit per value of this column instead of overall (mv-apply subqueries run once per input row). */
      readonly partitionBy?: string }
  | { readonly kind: 'Top'; readonly schema: Schema; readonly input: PlanNode; readonly count: Expr; readonly keys: readonly SortKey[];
      readonly partitionBy?: string }
  | { readonly kind: 'Distinct'; readonly schema: Schema; readonly input: PlanNode; readonly columns: readonly NamedExpr[] }
  | { readonly kind: 'Count'; readonly schema: Schema; readonly input: PlanNode }
  | { readonly kind: 'MvExpand'; readonly schema: Schema; readonly input: PlanNode;
      readonly columns: readonly { readonly name: string; readonly expr: Expr; readonly toType?: Schema[number]['type'] }[];
      readonly indexColumn?: string; readonly bagExpansion: 'bag' | 'array'; readonly limit?: number }
  | { readonly kind: 'Ipv4Lookup'; readonly schema: Schema; readonly input: PlanNode; readonly lookup: PlanNode;
      readonly sourceKey: Expr; readonly lookupKey: string; readonly returnUnmatched: boolean;
      /** 4 for ipv4_lookup, 6 for ipv6_lookup. */
      readonly family?: 4 | 6;
      readonly extraKeys: readonly { readonly left: Expr; readonly right: string }[] }
  | { readonly kind: 'MakeSeries'; readonly schema: Schema; readonly input: PlanNode; readonly keys: readonly NamedExpr[];
      readonly aggregates: readonly { readonly name: string; readonly fn: string; readonly args: readonly Expr[];
        readonly defaultValue: Expr; readonly type: Schema[number]['type'] }[];
      readonly axis: NamedExpr; readonly from?: Expr; readonly to?: Expr; readonly step: Expr; readonly nonempty: boolean }
  | { readonly kind: 'Serialize'; readonly schema: Schema; readonly input: PlanNode; readonly columns: readonly NamedExpr[] };

export type PlanKind = PlanNode['kind'];

/** Output schema shorthand. */
export function schemaOf(n: PlanNode): Schema {
  return n.schema;
}
