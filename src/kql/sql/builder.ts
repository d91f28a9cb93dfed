/** What an operator emitter can ask of the compiler: its inputs as relations, expressions as SQL. */
import type { SqlArg } from '../functions/define.js';
import type { Expr } from '../plan/expressions.js';
import type { PlanNode } from '../plan/operators.js';

export interface SqlBuilder {
  /** The input as a relation for a FROM clause (a CTE name, a table, or a parenthesised SELECT). */
  relation(node: PlanNode): string;
  /** An expression over the current row; `qualifier` prefixes column references (join sides). */
  expr(e: Expr, qualifier?: string, over?: string): SqlArg;
  /** The node is read by more than one consumer, so it is written once, as a CTE. */
  isShared(node: PlanNode): boolean;
  /** A fresh alias for a derived table. */
  alias(): string;
}

export type Emitter<K extends PlanNode['kind']> = (node: Extract<PlanNode, { kind: K }>, b: SqlBuilder) => string;
