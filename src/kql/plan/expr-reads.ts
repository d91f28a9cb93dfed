/**
 * What an expression reads of its row and which functions it calls: asked by the column pruning (what a node needs
 * of its input), by the SQL emitters (whether a window ORDER BY can name its keys, whether a projection holds a
 * window function) and by the binder's rewrites.
 */
import type { Expr } from './expressions.js';
import { WINDOW_FUNCTIONS } from '../functions/window.js';

/** Adds the columns `e` reads of its row to `out` (not those its subqueries read); false when it reads all (`*`). */
function readsOf(e: Expr, out: Set<string>): boolean {
  switch (e.kind) {
    case 'ColumnRef': out.add(e.name); return true;
    case 'Star': return false;
    case 'Call': return e.args.every((a) => readsOf(a, out));
    case 'Path': return readsOf(e.base, out) && e.steps.every((s) => s.kind !== 'dynamic' || readsOf(s.expr, out));
    case 'InQuery': return readsOf(e.expr, out);
    default: return true;
  }
}

/** The columns expressions read of their row, with `plus`; 'all' when one reads the whole row (`*`). */
export function columnsRead(exprs: readonly Expr[], plus: Iterable<string> = []): Set<string> | 'all' {
  const out = new Set<string>(plus);
  for (const e of exprs) if (!readsOf(e, out)) return 'all';
  return out;
}

/** Whether `e` calls one of `names` (its subqueries aside). */
export function callsAny(e: Expr, names: ReadonlySet<string>): boolean {
  if (e.kind === 'Call') return names.has(e.name) || e.args.some((a) => callsAny(a, names));
  if (e.kind === 'Path') return callsAny(e.base, names);
  return false;
}

/** Whether `e` calls a window function (row_number, prev, …). */
export const usesWindow = (e: Expr): boolean => callsAny(e, WINDOW_FUNCTIONS);
