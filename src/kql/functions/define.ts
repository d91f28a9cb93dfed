/**
 * How a built-in KQL function, aggregate or operator is lowered to DuckDB SQL. Microsoft's binder decides which
 * function a call is and its result type; an entry here only says how to write it in SQL
 * (see ../shared/STYLE.md §10.4). One family per file; registry.ts spreads them into one table.
 */
import type { KustoType } from '../plan/types.js';

/** An already-lowered argument: its SQL text and its bound Kusto type. */
export interface SqlArg {
  readonly sql: string;
  readonly type: KustoType;
  /** Set when the argument is a constant literal (lets lowerings specialise, e.g. build a regex at compile time). */
  readonly constant?: string | number | boolean | bigint | null;
}

export interface LowerContext {
  /** The call's bound result type. */
  readonly resultType: KustoType;
  /** Name of the function as written (for error messages). */
  readonly name: string;
  /** For window functions: the OVER clause body that gives the serialized row order (`ORDER BY …` or ''). */
  readonly over?: string;
}

export type Lowering = (args: readonly SqlArg[], ctx: LowerContext) => string;

export interface FunctionDef {
  /** The KQL name, exactly as Kusto spells it (`strlen`, `arg_max`, `ipv4_is_in_range`), or an OperatorKind name. */
  readonly name: string;
  readonly kind: 'scalar' | 'aggregate' | 'operator';
  /** Link to the Microsoft reference page. */
  readonly doc: string;
  readonly sql: Lowering;
  /** Other KQL names for the same function (`iif` for `iff`). */
  readonly aliases?: readonly string[];
}

export function scalar(name: string, def: { doc: string; sql: Lowering; aliases?: readonly string[] }): FunctionDef {
  return { name, kind: 'scalar', ...def };
}

export function aggregate(name: string, def: { doc: string; sql: Lowering; aliases?: readonly string[] }): FunctionDef {
  return { name, kind: 'aggregate', ...def };
}

export function operator(name: string, def: { doc: string; sql: Lowering; aliases?: readonly string[] }): FunctionDef {
  return { name, kind: 'operator', ...def };
}

export const DOCS = 'https://learn.microsoft.com/kusto/query/';
