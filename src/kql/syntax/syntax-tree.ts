/**
 * A plain, immutable copy of Kusto.Language's bound syntax tree: node kinds keep Kusto's SyntaxKind names,
 * children keep the role names Kusto gives them (GetName), and every node carries what the binder
 * resolved (result type, referenced symbol). The binder of kqlwatch reads only this shape.
 */
import type { Column, KustoType } from '../plan/types.js';

export interface SymbolRef {
  readonly name: string;
  /** Kusto SymbolKind name: Column, Table, Variable, Function, Parameter, Operator, … */
  readonly kind: string;
  /** For a Column symbol: its type. */
  readonly type?: KustoType;
}

export interface SyntaxNode {
  readonly kind: string;
  /** Offset of the first character of the node's text (leading trivia excluded). */
  readonly start: number;
  readonly end: number;
  /** Token text, for tokens only. */
  readonly text?: string;
  readonly isToken: boolean;
  /** Scalar result type, when the binder gave one. */
  readonly type?: KustoType;
  /** Tabular result schema, when the binder gave one. */
  readonly schema?: readonly Column[];
  /** True when the binder resolved the node to an error type. */
  readonly isError?: boolean;
  readonly symbol?: SymbolRef;
  /** Literal value as the parser computed it (strings unescaped, dynamic as JSON text). */
  readonly literal?: string | number | boolean | bigint | null;
  /** For a call of a user-defined function: its body as Kusto bound it at this call site (own text offsets). */
  readonly expansion?: SyntaxNode;
  readonly children: readonly (SyntaxNode | null)[];
  readonly roles: readonly string[];
}

/** The child with the given role name, if any. */
export function child(n: SyntaxNode, role: string): SyntaxNode | null {
  const i = n.roles.indexOf(role);
  return i < 0 ? null : n.children[i] ?? null;
}

/** Non-null children, in order. */
export function kids(n: SyntaxNode): SyntaxNode[] {
  return n.children.filter((c): c is SyntaxNode => c !== null);
}

/** Elements of a List / SeparatedList node, without separators (SeparatedElement unwrapped). */
export function listElements(n: SyntaxNode | null): SyntaxNode[] {
  if (!n) return [];
  const out: SyntaxNode[] = [];
  for (const c of kids(n)) {
    if (c.kind === 'SeparatedElement') {
      const e = child(c, 'Element') ?? kids(c)[0];
      if (e) out.push(e);
    } else if (!c.isToken) {
      out.push(c);
    }
  }
  return out;
}

/** The first token of a subtree. */
export function firstToken(n: SyntaxNode): SyntaxNode | undefined {
  if (n.isToken) return n;
  for (const c of kids(n)) {
    const t = firstToken(c);
    if (t) return t;
  }
  return undefined;
}

/** Concatenated token texts of a subtree, separated by single spaces where there was whitespace. */
export function tokensOf(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const visit = (x: SyntaxNode): void => {
    if (x.isToken) {
      if (x.kind !== 'EndOfTextToken') out.push(x);
      return;
    }
    for (const c of kids(x)) visit(c);
  };
  visit(n);
  return out;
}

/** Token texts of a subtree, in order. */
export function tokenTexts(n: SyntaxNode): string[] {
  return tokensOf(n).map((t) => t.text ?? '');
}
