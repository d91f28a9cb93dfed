/**
 * Binding state: the query text (for diagnostics), the injected clock, and the let-bound names in scope
 * (scalar values, tabular plans, user-defined functions), nested for function bodies.
 */
import type { Expr } from '../plan/expressions.js';
import type { PlanNode } from '../plan/operators.js';
import type { Catalog, StoredColumns } from '../syntax/catalog.js';
import type { Column } from '../plan/types.js';
import { KqlError, makeDiagnostic, OUR_CODES, type OurCode } from '../syntax/diagnostics.js';
import type { SyntaxNode } from '../syntax/syntax-tree.js';

export type LetBinding =
  | { readonly kind: 'scalar'; readonly expr: Expr }
  | { readonly kind: 'tabular'; readonly plan: PlanNode }
  | { readonly kind: 'function'; readonly declaration: SyntaxNode; readonly scope: Scope };

export class Scope {
  private readonly names = new Map<string, LetBinding>();
  constructor(readonly parent?: Scope) {}

  lookup(name: string): LetBinding | undefined {
    return this.names.get(name) ?? this.parent?.lookup(name);
  }

  define(name: string, binding: LetBinding): void {
    this.names.set(name, binding);
  }
}

export interface BindContext {
  readonly text: string;
  readonly catalog: Catalog;
  /** now() for the whole query: a datetime literal, or the `now` parameter. */
  readonly now: Expr;
  /** `set query_bin_auto_size` / `query_bin_auto_at`: what bin_auto() bins by (bin-auto-function.md). */
  readonly binAuto?: { readonly size: Expr; readonly at?: Expr };
  /** A rule's query period, applied to every table read (start exclusive): literals, or the window parameters. */
  readonly window?: { readonly start: Expr; readonly end: Expr; readonly byIngestion?: boolean };
  /** Tables of the store the query reads. */
  readonly tables: Set<string>;
  /** The columns the store holds (ADR 0011); undefined: all. */
  readonly storedColumns?: StoredColumns;
  /** Call depth of user-defined functions (guards runaway recursion). */
  readonly depth: number;
  /** Binds a tabular expression (set by bind-query; breaks the module cycle scalar ↔ tabular). */
  readonly bindTabular: (scope: Scope, node: SyntaxNode) => PlanNode;
  /** Binds a user function's expanded body (its let statements, then its result). */
  readonly bindFunctionBody: (scope: Scope, body: SyntaxNode, row: readonly Column[]) =>
    { kind: 'scalar'; expr: Expr } | { kind: 'tabular'; plan: PlanNode };
}

/** Stops binding with a diagnostic at the node: `code` from our table (KQW1xx unsupported, KQW2xx gaps). */
export function fail(ctx: BindContext, node: SyntaxNode, code: OurCode, message: string): never {
  const d = makeDiagnostic(ctx.text, code, `${message} (${OUR_CODES[code]})`, node.start, Math.max(1, node.end - node.start));
  throw new KqlError([d]);
}
