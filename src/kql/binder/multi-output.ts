/**
 * Functions that return several columns (series_stats, series_fit_line, array_sort_asc/desc over several arrays):
 * `extend series_stats(x)` adds one column per output, `extend (a, b, …) = series_fit_line(y)` names them. Their
 * SQL returns the outputs as one JSON array; each column takes its element, converted to the column's type.
 */
import type { Expr } from '../plan/expressions.js';
import type { KustoType } from '../plan/types.js';
import { child, listElements, tokenTexts, type SyntaxNode } from '../syntax/syntax-tree.js';
import { callArgs, callName } from './bind-function-call.js';
import { conversionTo } from './conversions.js';

const WIDTH: Readonly<Record<string, number>> = { series_stats: 7, series_fit_line: 6 };

/** How many columns an unnamed expression makes: more than one only for a call of such a function. */
export function outputWidth(n: SyntaxNode): number {
  // Kusto.Language gives such a call no scalar type (it is a tuple).
  if (n.kind !== 'FunctionCallExpression' || n.type) return 1;
  const name = callName(n);
  if (name === 'array_sort_asc' || name === 'array_sort_desc') {
    const args = callArgs(n);
    return Math.max(1, args.length - (args[args.length - 1]?.type === 'bool' ? 1 : 0));
  }
  return WIDTH[name] ?? 1;
}

/** The names of `(a, b, …) = f(…)`. */
export function tupleNames(e: SyntaxNode): string[] {
  const list = child(child(e, 'Names')!, 'Names');
  return listElements(list).map((d) => d.symbol?.name ?? tokenTexts(d).join(''));
}

/** One expression per output of a multi-output value, each converted to its column's type. */
export function outputColumns(value: Expr, types: readonly KustoType[]): Expr[] {
  return types.map((type, k) => {
    const element: Expr = { kind: 'Path', type: 'dynamic', base: value, steps: [{ kind: 'index', index: k }] };
    const conv = type === 'dynamic' ? undefined : conversionTo(type);
    return conv ? { kind: 'Call', name: conv, type, args: [element] } : element;
  });
}
