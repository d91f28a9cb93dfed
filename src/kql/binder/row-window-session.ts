/**
 * row_window_session(Expr, MaxDistanceFromFirst, MaxDistanceBetweenNeighbors [, Restart]) (row-window-session-
 * function.md): each row's session start, over the serialized rows. A session's start depends on the previous
 * session's, which no SQL window function expresses, so the rows are numbered in their serialized order, their values
 * go through one kernel in that order (runtime/udfs-series.ts: kql_row_window_session), and each row takes its
 * session start back by its number.
 */
import { call, col, type Expr } from '../plan/expressions.js';
import type { NamedExpr, PlanNode } from '../plan/operators.js';
import type { Column } from '../plan/types.js';
import { callsAny } from '../plan/expr-reads.js';

const RN = '__kqw_rws_rn';
const STARTS = '__kqw_rws_starts';
const INDEX = '__kqw_rws_i';

const ROW_WINDOW_SESSION: ReadonlySet<string> = new Set(['row_window_session']);

/** extend's columns with row_window_session computed as described above; unchanged when no column calls it. */
export function rewriteRowWindowSession(input: PlanNode, columns: readonly NamedExpr[]): { input: PlanNode; columns: NamedExpr[] } {
  if (!columns.some((c) => callsAny(c.expr, ROW_WINDOW_SESSION))) return { input, columns: [...columns] };
  const hidden: { name: string; expr: Expr; type: Column['type'] }[] = [{ name: RN, expr: call('row_number', 'long', []), type: 'long' }];
  const sessions: { value: string; session: string; args: readonly Expr[] }[] = [];
  const visit = (e: Expr): Expr => {
    if (e.kind === 'Path') return { ...e, base: visit(e.base) };
    if (e.kind !== 'Call') return e;
    if (e.name !== 'row_window_session') return { ...e, args: e.args.map(visit) };
    const k = sessions.length;
    const value = `__kqw_rws_x${k}`;
    const restart = `__kqw_rws_r${k}`;
    hidden.push({ name: value, expr: e.args[0]!, type: 'datetime' });
    hidden.push({ name: restart, expr: e.args[3] ?? { kind: 'Literal', type: 'bool', value: false }, type: 'bool' });
    const session = `__kqw_rws_s${k}`;
    sessions.push({ value, session, args: [col(RN, 'long'), col(value, 'datetime'), col(restart, 'bool'), e.args[1]!, e.args[2]!] });
    return call('unixtime_nanoseconds_todatetime', 'datetime', [col(session, 'long')]);
  };
  const rewritten = columns.map((c) => ({ name: c.name, expr: visit(c.expr) }));
  const numbered: PlanNode = {
    kind: 'Project', input,
    schema: [...input.schema, ...hidden.map((h) => ({ name: h.name, type: h.type }))],
    columns: [...input.schema.map((c) => ({ name: c.name, expr: col(c.name, c.type) })), ...hidden.map((h) => ({ name: h.name, expr: h.expr }))],
  };
  // One row: for each call, every row's session start (ns, in serialized order) as a JSON array.
  const all: PlanNode = {
    kind: 'Summarize', input: numbered, keys: [],
    schema: sessions.map((s) => ({ name: `${STARTS}_${s.session}`, type: 'dynamic' as const })),
    aggregates: sessions.map((s) => ({ names: [`${STARTS}_${s.session}`], fn: '__row_window_sessions', args: s.args, types: ['dynamic' as const] })),
  };
  // Back to one row per input row: element i of each array is the start of row i + 1.
  const expanded: PlanNode = {
    kind: 'MvExpand', input: all, bagExpansion: 'array', indexColumn: INDEX,
    schema: [...sessions.map((s) => ({ name: s.session, type: 'long' as const })), { name: INDEX, type: 'long' }],
    columns: sessions.map((s) => ({ name: s.session, expr: col(`${STARTS}_${s.session}`, 'dynamic'), toType: 'long' as const })),
  };
  const numberedIndex: PlanNode = {
    kind: 'Project', input: expanded, schema: [...expanded.schema.filter((c) => c.name !== INDEX), { name: RN, type: 'long' }],
    columns: [
      ...sessions.map((s) => ({ name: s.session, expr: col(s.session, 'long') })),
      { name: RN, expr: call('Add', 'long', [col(INDEX, 'long'), { kind: 'Literal', type: 'long', value: 1n }]) },
    ],
  };
  const joined: PlanNode = {
    kind: 'Join', joinKind: 'inner', left: numbered, right: numberedIndex,
    schema: [...numbered.schema, ...sessions.map((s) => ({ name: s.session, type: 'long' as const }))],
    on: [{ left: col(RN, 'long'), right: col(RN, 'long') }],
    outputs: [
      ...numbered.schema.map((c) => ({ side: 'left' as const, source: c.name, name: c.name })),
      ...sessions.map((s) => ({ side: 'right' as const, source: s.session, name: s.session })),
    ],
  };
  // The serialized order again, for what follows (and for other window functions of this extend).
  const ordered: PlanNode = { kind: 'Sort', input: joined, schema: joined.schema, keys: [{ expr: col(RN, 'long'), descending: false, nullsFirst: false }] };
  return { input: ordered, columns: rewritten };
}
