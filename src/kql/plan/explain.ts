/** Plan → indented text, for `kqlwatch query --explain` (DuckDB's EXPLAIN, BabyKusto's dumpIRTree). */
import type { Expr } from './expressions.js';
import type { PlanNode } from './operators.js';
import { formatDatetimeNs, formatTimespanTicks } from './time.js';

export function explainExpr(e: Expr): string {
  switch (e.kind) {
    case 'Literal':
      if (e.value === null) return `${e.type}(null)`;
      if (e.type === 'datetime') return `datetime(${formatDatetimeNs(e.value as bigint)})`;
      if (e.type === 'timespan') return `timespan(${formatTimespanTicks(e.value as bigint)})`;
      return typeof e.value === 'string' ? JSON.stringify(e.value) : `${e.type}(${String(e.value)})`;
    case 'ColumnRef':
      return e.name;
    case 'Call':
      return `${e.name}(${e.args.map(explainExpr).join(', ')})`;
    case 'Path':
      return explainExpr(e.base) + e.steps.map((s) => (s.kind === 'key' ? `.${s.key}` : s.kind === 'index' ? `[${s.index}]` : `[${explainExpr(s.expr)}]`)).join('');
    case 'InQuery':
      return `${explainExpr(e.expr)} ${e.negated ? '!' : ''}in${e.caseInsensitive ? '~' : ''} (subquery)`;
    case 'ScalarQuery':
      return 'toscalar(subquery)';
    case 'Star':
      return '*';
    case 'Param':
      return `$${e.name}`;
  }
}

function describe(n: PlanNode): string {
  const cols = n.schema.map((c) => `${c.name}:${c.type}`).join(', ');
  switch (n.kind) {
    case 'Table': return `Table ${n.name}`;
    case 'Filter': return `Filter ${explainExpr(n.predicate)}`;
    case 'Project': return `Project ${n.columns.map((c) => (c.expr.kind === 'ColumnRef' && c.expr.name === c.name ? c.name : `${c.name}=${explainExpr(c.expr)}`)).join(', ')}`;
    case 'Summarize': return `Summarize ${n.aggregates.map((a) => `${a.names.join(',')}=${a.fn}(${a.args.map(explainExpr).join(', ')})`).join(', ')} by ${n.keys.map((k) => `${k.name}=${explainExpr(k.expr)}`).join(', ')}`;
    case 'Join': return `Join kind=${n.joinKind} on ${n.on.map((k) => `${explainExpr(k.left)} == ${explainExpr(k.right)}`).join(', ')}`;
    case 'Sort': return `Sort ${n.keys.map((k) => `${explainExpr(k.expr)} ${k.descending ? 'desc' : 'asc'}`).join(', ')}`;
    case 'Top': return `Top ${explainExpr(n.count)} by ${n.keys.map((k) => `${explainExpr(k.expr)} ${k.descending ? 'desc' : 'asc'}`).join(', ')}`;
    case 'Take': return `Take ${explainExpr(n.count)}`;
    case 'Ipv4Lookup': return `Ipv4Lookup ${explainExpr(n.sourceKey)} in ${n.lookupKey}${n.returnUnmatched ? ' return_unmatched' : ''}`;
    default: return `${n.kind} [${cols}]`;
  }
}

export function explainPlan(root: PlanNode): string {
  const lines: string[] = [];
  const seen = new Map<PlanNode, number>();
  const visit = (n: PlanNode, depth: number): void => {
    const pad = '  '.repeat(depth);
    const id = seen.get(n);
    if (id !== undefined) {
      lines.push(`${pad}(shared #${id})`);
      return;
    }
    seen.set(n, seen.size);
    const inputs: PlanNode[] =
      n.kind === 'Join' ? [n.left, n.right] : n.kind === 'Union' ? [...n.inputs] : n.kind === 'Ipv4Lookup' ? [n.input, n.lookup]
        : 'input' in n ? [n.input] : [];
    // Show the output columns only where they change, and abbreviate wide tables.
    const same = inputs.length === 1 && inputs[0]!.schema === n.schema;
    const cols = n.schema.length > 12 ? `${n.schema.length} columns` : n.schema.map((c) => `${c.name}:${c.type}`).join(', ');
    lines.push(`${pad}${describe(n)}${same ? '' : `  → [${cols}]`}`);
    for (const i of inputs) visit(i, depth + 1);
  };
  visit(root, 0);
  return lines.join('\n');
}
