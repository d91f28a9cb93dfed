/**
 * parseKql(text, catalog): Microsoft's parse + semantic analysis, converted to our plain SyntaxNode tree and
 * KqlDiagnostic list. Nothing from the Bridge.NET object model leaves this module.
 */
import { toKustoType, type Column, type KustoType } from '../plan/types.js';
import { kustoGlobals, type Catalog } from './catalog.js';
import { makeDiagnostic, type KqlDiagnostic, type Severity } from './diagnostics.js';
import { guarded, kusto, syntaxKindName, type Untyped } from './kusto-bridge.js';
import type { SymbolRef, SyntaxNode } from './syntax-tree.js';

export interface ParsedQuery {
  readonly text: string;
  readonly root: SyntaxNode;
  readonly diagnostics: readonly KqlDiagnostic[];
  /** The schema of the query's (last) tabular result, when it has one. */
  readonly resultSchema?: readonly Column[];
}

let symbolKindNames: Record<number, string> | undefined;

function symbolKindName(k: number): string {
  if (!symbolKindNames) {
    const names: Record<number, string> = {};
    const SKd = kusto().Symbols.SymbolKind;
    for (const key of Object.keys(SKd)) if (typeof SKd[key] === 'number') names[SKd[key]] = key;
    symbolKindNames = names;
  }
  return symbolKindNames[k] ?? String(k);
}

const TABLE_KIND = 10;

function columnsOf(tableSymbol: Untyped): Column[] {
  const out: Column[] = [];
  const cols = tableSymbol.Columns;
  for (let i = 0; i < cols.Count; i++) {
    const c = cols.getItem(i);
    out.push({ name: c.Name, type: toKustoType(c.Type?.Name ?? '') ?? 'dynamic' });
  }
  return out;
}

function literalOf(v: Untyped): SyntaxNode['literal'] {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  const name: string = v.$$name ?? '';
  if (name === 'System.Int64' || name === 'System.UInt64') return BigInt(v.toString());
  if (name === 'System.TimeSpan') return BigInt(v.getTicks().toString());
  if (v.$boxed) {
    const inner = v.v;
    if (typeof inner === 'number' || typeof inner === 'boolean' || typeof inner === 'string') return inner;
    // Datetime literals: the Bridge Date keeps only milliseconds; the binder re-reads the literal text.
    return undefined;
  }
  return undefined;
}

function convert(n: Untyped): SyntaxNode {
  const kind = syntaxKindName(n.Kind);
  const isToken = !!n.IsToken;
  const start: number = n.TextStart;
  const width: number = n.Width;
  const children: (SyntaxNode | null)[] = [];
  const roles: string[] = [];
  if (!isToken) {
    const count: number = n.ChildCount;
    for (let i = 0; i < count; i++) {
      const c = n.GetChild(i);
      children.push(c ? convert(c) : null);
      roles.push(String(n.GetName(i) ?? ''));
    }
  }
  let type: KustoType | undefined;
  let schema: Column[] | undefined;
  let isError = false;
  if (!isToken) {
    const rt = n.ResultType;
    if (rt) {
      if (rt.Kind === TABLE_KIND) schema = columnsOf(rt);
      else if (rt.Kind === 17) isError = true;
      else type = toKustoType(rt.Name ?? '');
    }
  }
  let symbol: SymbolRef | undefined;
  const s = isToken ? null : n.ReferencedSymbol;
  if (s) {
    const skind = symbolKindName(s.Kind);
    const colType = skind === 'Column' ? toKustoType(s.Type?.Name ?? '') : undefined;
    symbol = colType ? { name: s.Name, kind: skind, type: colType } : { name: s.Name, kind: skind };
  }
  const literal = isToken ? undefined : literalOf(n.LiteralValue);
  // A call of a user-defined (let) function: Kusto binds its body at the call site; keep that expansion.
  let expansion: SyntaxNode | undefined;
  if (kind === 'FunctionCallExpression' || (kind === 'NameReference' && symbol?.kind === 'Function')) {
    const body = n.GetExpansion();
    if (body) expansion = convert(body);
  }
  const node: SyntaxNode = {
    kind,
    start,
    end: start + width,
    isToken,
    children,
    roles,
    ...(isToken ? { text: String(n.Text ?? '') } : {}),
    ...(type ? { type } : {}),
    ...(schema ? { schema } : {}),
    ...(isError ? { isError } : {}),
    ...(symbol ? { symbol } : {}),
    ...(literal !== undefined ? { literal } : {}),
    ...(expansion ? { expansion } : {}),
  };
  return node;
}

function severityOf(s: string): Severity {
  const l = String(s).toLowerCase();
  return l === 'error' ? 'error' : l === 'warning' ? 'warning' : 'info';
}

/**
 * Kusto.Language's analysis is most of a compile (15-20 ms for a seed rule) and depends only on the text and
 * the tables, not on `now`: a scheduled rule re-runs the same text every window, so analyses are kept (LRU).
 */
const cache = new Map<string, ParsedQuery>();
const CACHE_SIZE = 128;

export function parseKql(text: string, catalog: Catalog): ParsedQuery {
  const key = catalog.key + '\u0000' + text;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const parsed = analyse(text, catalog);
  cache.set(key, parsed);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return parsed;
}

function analyse(text: string, catalog: Catalog): ParsedQuery {
  const K = kusto();
  const globals = kustoGlobals(catalog, text);
  return guarded('analysing the query', () => {
    const code = K.KustoCode.ParseAndAnalyze(text, globals);
    const diags: KqlDiagnostic[] = [];
    const list = code.GetDiagnostics();
    for (let i = 0; i < list.Count; i++) {
      const d = list.getItem(i);
      diags.push(makeDiagnostic(text, String(d.Code), String(d.Message), d.Start, d.Length, severityOf(d.Severity)));
    }
    const root = convert(code.Syntax);
    const rt = code.ResultType;
    const resultSchema = rt && rt.Kind === TABLE_KIND ? columnsOf(rt) : undefined;
    return { text, root, diagnostics: diags, ...(resultSchema ? { resultSchema } : {}) };
  });
}
