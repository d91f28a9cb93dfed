/**
 * Column pruning: rewrites a plan so that every node produces only the columns some consumer above it reads
 * (or it needs itself), down to the table leaves, which then select only those. DuckDB prunes too, but only
 * after binding: a `*` over a 90-column table is bound again at each of a rule's ~25 nested levels, and that
 * binding was most of a seed query's time (ADR 0010). Row counts and values never change: operators whose rows
 * depend on every column (distinct, make-series) or on the serialized order (window functions) keep theirs.
 *
 * Invariant of the result: each node's schema is exactly the columns its SQL produces, a subset of the original
 * schema in the original order, and a superset of what its consumers read. The root keeps its whole schema.
 */
import type { Expr } from './expressions.js';
import type { Aggregate, NamedExpr, PlanNode } from './operators.js';
import { INGESTION_TIME, type Schema } from './types.js';
import { columnsRead, usesWindow } from './expr-reads.js';

/** What a consumer reads of a node: some of its columns, or all of them. */
type Demand = Set<string> | 'all';

export function pruneColumns(plan: PlanNode): PlanNode {
  const parentEdges = new Map<PlanNode, number>();
  const countEdges = (n: PlanNode): void => {
    const c = (parentEdges.get(n) ?? 0) + 1;
    parentEdges.set(n, c);
    if (c > 1) return;
    for (const child of childrenOf(n)) countEdges(child.node);
  };
  countEdges(plan);

  // A node shared by several consumers (a let-bound table used twice) is written once, so it produces the union
  // of what they all read: demands are gathered top-down, each node visited once all its consumers have been.
  const demands = new Map<PlanNode, Demand>([[plan, 'all']]);
  const remaining = new Map(parentEdges);
  const ready: PlanNode[] = [plan];
  while (ready.length > 0) {
    const n = ready.pop()!;
    for (const child of childrenOf(n)) {
      demands.set(child.node, merge(demands.get(child.node), child.demand(demands.get(n)!)));
      const left = remaining.get(child.node)! - 1;
      remaining.set(child.node, left);
      if (left === 0) ready.push(child.node);
    }
  }

  const done = new Map<PlanNode, PlanNode>();
  const rewrite = (n: PlanNode): PlanNode => {
    let r = done.get(n);
    if (!r) {
      r = rebuild(n, demands.get(n) ?? 'all', rewrite);
      done.set(n, r);
    }
    return r;
  };
  return rewrite(plan);
}

function merge(a: Demand | undefined, b: Demand): Demand {
  if (a === undefined) return b;
  if (a === 'all' || b === 'all') return 'all';
  return new Set([...a, ...b]);
}

const wants = (d: Demand, name: string): boolean => d === 'all' || d.has(name);

/** The demand of expressions on their input: 'all' when one reads the whole row (`*`). */
const demandOf = (exprs: readonly Expr[], plus: Iterable<string> = []): Demand => columnsRead(exprs, plus);

function subqueriesOf(e: Expr, out: PlanNode[]): void {
  switch (e.kind) {
    case 'InQuery': out.push(e.query); subqueriesOf(e.expr, out); break;
    case 'ScalarQuery': out.push(e.query); break;
    case 'Call': e.args.forEach((a) => subqueriesOf(a, out)); break;
    case 'Path': subqueriesOf(e.base, out); e.steps.forEach((s) => s.kind === 'dynamic' && subqueriesOf(s.expr, out)); break;
    default: break;
  }
}

function exprsOf(n: PlanNode): Expr[] {
  switch (n.kind) {
    case 'Filter': return [n.predicate];
    case 'Project': case 'Distinct': case 'Print': case 'Serialize': return n.columns.map((c) => c.expr);
    case 'Summarize': return [...n.keys.map((k) => k.expr), ...n.aggregates.flatMap((a) => [...a.args, ...(a.outputs ?? [])])];
    case 'MakeSeries':
      return [...n.keys.map((k) => k.expr), ...n.aggregates.flatMap((a) => [...a.args, a.defaultValue]), n.axis.expr,
        ...(n.from ? [n.from] : []), ...(n.to ? [n.to] : []), n.step];
    case 'Sort': return n.keys.map((k) => k.expr);
    case 'Top': return [n.count, ...n.keys.map((k) => k.expr)];
    case 'Take': return [n.count];
    case 'Range': return [n.from, n.to, n.step];
    case 'DataTable': return n.rows.flat();
    case 'MvExpand': return n.columns.map((c) => c.expr);
    case 'Join': return n.on.flatMap((k) => [k.left, k.right]);
    case 'Ipv4Lookup': return [n.sourceKey, ...n.extraKeys.map((k) => k.left)];
    default: return [];
  }
}

interface Child {
  readonly node: PlanNode;
  /** What the parent, itself asked for `d`, reads of this child. */
  readonly demand: (d: Demand) => Demand;
}

/** Keeps at least one column: SQL has no empty select list, and `T | count` still needs T's rows. */
function atLeastOne(d: Demand, schema: Schema): Demand {
  if (d === 'all' || schema.some((c) => d.has(c.name)) || schema.length === 0) return d;
  return new Set([...d, schema[0]!.name]);
}

function childrenOf(n: PlanNode): Child[] {
  const subs: PlanNode[] = [];
  exprsOf(n).forEach((e) => subqueriesOf(e, subs));
  // `x in (T)` reads T's first column; toscalar(T) its first row's first column.
  const children: Child[] = subs.map((s) => ({ node: s, demand: () => new Set(s.schema.slice(0, 1).map((c) => c.name)) }));
  const passThrough = (input: PlanNode, own: readonly Expr[], plus: readonly string[] = []): Child => ({
    node: input,
    demand: (d) => {
      if (d === 'all') return 'all';
      const o = demandOf(own, plus);
      return o === 'all' ? 'all' : atLeastOne(new Set([...d, ...o]), input.schema);
    },
  });
  switch (n.kind) {
    case 'Table': case 'DataTable': case 'Print': case 'Range':
      break;
    case 'Filter': children.push(passThrough(n.input, [n.predicate])); break;
    case 'Sort': children.push(passThrough(n.input, n.keys.map((k) => k.expr))); break;
    case 'Take': children.push(passThrough(n.input, [n.count], n.partitionBy ? [n.partitionBy] : [])); break;
    case 'Top': children.push(passThrough(n.input, [n.count, ...n.keys.map((k) => k.expr)], n.partitionBy ? [n.partitionBy] : [])); break;
    case 'Count': children.push({ node: n.input, demand: () => atLeastOne(new Set(), n.input.schema) }); break;
    case 'Project':
      children.push({
        node: n.input,
        demand: (d) => {
          // A window function reads the serialized order, which may sort by columns the projection drops.
          if (n.columns.some((c) => usesWindow(c.expr))) return 'all';
          const kept = keptColumns(n.columns, d);
          return atLeastOne(demandOf(kept.map((c) => c.expr)), n.input.schema);
        },
      });
      break;
    case 'Serialize': children.push({ node: n.input, demand: () => 'all' }); break;
    case 'Distinct': case 'MakeSeries':
      children.push({ node: n.input, demand: () => atLeastOne(demandOf(exprsOf(n)), n.input.schema) });
      break;
    case 'Summarize':
      children.push({
        node: n.input,
        demand: (d) => {
          const exprs = [...n.keys.map((k) => k.expr), ...keptAggregates(n, d).flatMap((a) => [...a.args, ...(a.outputs ?? [])])];
          return atLeastOne(demandOf(exprs), n.input.schema);
        },
      });
      break;
    case 'MvExpand':
      children.push({
        node: n.input,
        demand: (d) => {
          const expanded = new Set(n.columns.map((c) => c.name));
          const own = demandOf(n.columns.map((c) => c.expr));
          if (d === 'all' || own === 'all') return 'all';
          const passed = n.input.schema.filter((c) => d.has(c.name) && !expanded.has(c.name)).map((c) => c.name);
          return atLeastOne(new Set([...own, ...passed]), n.input.schema);
        },
      });
      break;
    case 'Join':
      for (const side of ['left', 'right'] as const) {
        const input = side === 'left' ? n.left : n.right;
        children.push({
          node: input,
          demand: (d) => {
            const keys = demandOf(n.on.map((k) => k[side]));
            if (keys === 'all') return 'all';
            n.outputs.forEach((o) => { if (o.side === side && wants(d, o.name)) keys.add(o.source); });
            return atLeastOne(keys, input.schema);
          },
        });
      }
      break;
    case 'Ipv4Lookup': {
      const L = n.input.schema.length;
      children.push({
        node: n.input,
        demand: (d) => {
          const own = demandOf([n.sourceKey, ...n.extraKeys.map((k) => k.left)]);
          if (own === 'all') return 'all';
          n.input.schema.forEach((c, i) => { if (wants(d, n.schema[i]!.name)) own.add(c.name); });
          return atLeastOne(own, n.input.schema);
        },
      });
      children.push({
        node: n.lookup,
        demand: (d) => {
          const own = new Set([n.lookupKey, ...n.extraKeys.map((k) => k.right)]);
          n.lookup.schema.forEach((c, i) => { if (wants(d, n.schema[L + i]!.name)) own.add(c.name); });
          return own;
        },
      });
      break;
    }
    case 'Union':
      for (const leg of n.inputs) {
        children.push({
          node: leg,
          demand: (d) => {
            if (d === 'all') return 'all';
            const names = new Set<string>();
            for (const c of leg.schema) if (d.has(c.name) || d.has(`${c.name}_${c.type}`)) names.add(c.name);
            return atLeastOne(names, leg.schema);
          },
        });
      }
      break;
  }
  return children;
}

function keptColumns(columns: readonly NamedExpr[], d: Demand): readonly NamedExpr[] {
  if (d === 'all') return columns;
  const kept = columns.filter((c) => d.has(c.name));
  return kept.length > 0 ? kept : columns.slice(0, 1);
}

function keptAggregates(n: Extract<PlanNode, { kind: 'Summarize' }>, d: Demand): readonly Aggregate[] {
  if (d === 'all') return n.aggregates;
  const kept = n.aggregates.filter((a) => a.names.some((x) => d.has(x)));
  // Without keys, a summarize of no aggregate would have no column: keep its first.
  return kept.length === 0 && n.keys.length === 0 ? n.aggregates.slice(0, 1) : kept;
}

/** The original schema's entries whose names are in `names`, in the original order. */
function subset(schema: Schema, names: ReadonlySet<string>): Schema {
  return schema.filter((c) => names.has(c.name));
}

const namesOf = (s: Schema): Set<string> => new Set(s.map((c) => c.name));

function rebuild(n: PlanNode, d: Demand, rewrite: (p: PlanNode) => PlanNode): PlanNode {
  const ex = (e: Expr): Expr => rewriteSubqueries(e, rewrite);
  switch (n.kind) {
    case 'Table':
      if (d === 'all') return n;
      // The hidden ingestion time is selected when read, though no schema lists it.
      const hidden = d.has(INGESTION_TIME.name) && !n.schema.some((c) => c.name === INGESTION_TIME.name) ? [INGESTION_TIME] : [];
      return { ...n, schema: [...subset(n.schema, atLeastOne(d, n.schema) as Set<string>), ...hidden], pruned: true };
    case 'DataTable':
      return { ...n, rows: n.rows.map((r) => r.map(ex)) };
    case 'Print':
      return { ...n, columns: n.columns.map((c) => ({ ...c, expr: ex(c.expr) })) };
    case 'Range':
      return { ...n, from: ex(n.from), to: ex(n.to), step: ex(n.step) };
    case 'Filter': {
      const input = rewrite(n.input);
      return { ...n, input, schema: input.schema, predicate: ex(n.predicate) };
    }
    case 'Sort': {
      const input = rewrite(n.input);
      return { ...n, input, schema: input.schema, keys: n.keys.map((k) => ({ ...k, expr: ex(k.expr) })) };
    }
    case 'Take': {
      const input = rewrite(n.input);
      return { ...n, input, schema: input.schema, count: ex(n.count) };
    }
    case 'Top': {
      const input = rewrite(n.input);
      return { ...n, input, schema: input.schema, count: ex(n.count), keys: n.keys.map((k) => ({ ...k, expr: ex(k.expr) })) };
    }
    case 'Count':
      return { ...n, input: rewrite(n.input) };
    case 'Project': {
      const input = rewrite(n.input);
      const columns = n.columns.some((c) => usesWindow(c.expr)) ? n.columns : keptColumns(n.columns, d);
      const names = new Set(columns.map((c) => c.name));
      return { ...n, input, schema: subset(n.schema, names), columns: columns.map((c) => ({ ...c, expr: ex(c.expr) })) };
    }
    case 'Serialize': {
      const input = rewrite(n.input);
      return { ...n, input, columns: n.columns.map((c) => ({ ...c, expr: ex(c.expr) })) };
    }
    case 'Distinct':
      return { ...n, input: rewrite(n.input), columns: n.columns.map((c) => ({ ...c, expr: ex(c.expr) })) };
    case 'MakeSeries':
      return {
        ...n, input: rewrite(n.input),
        keys: n.keys.map((k) => ({ ...k, expr: ex(k.expr) })),
        aggregates: n.aggregates.map((a) => ({ ...a, args: a.args.map(ex), defaultValue: ex(a.defaultValue) })),
        axis: { ...n.axis, expr: ex(n.axis.expr) },
        ...(n.from ? { from: ex(n.from) } : {}), ...(n.to ? { to: ex(n.to) } : {}), step: ex(n.step),
      };
    case 'Summarize': {
      const input = rewrite(n.input);
      const aggregates = keptAggregates(n, d);
      const names = new Set([...n.keys.map((k) => k.name), ...aggregates.flatMap((a) => a.names)]);
      return {
        ...n, input, schema: subset(n.schema, names),
        keys: n.keys.map((k) => ({ ...k, expr: ex(k.expr) })),
        aggregates: aggregates.map((a) => ({ ...a, args: a.args.map(ex), ...(a.outputs ? { outputs: a.outputs.map(ex) } : {}) })),
      };
    }
    case 'MvExpand': {
      const input = rewrite(n.input);
      const inputNames = namesOf(input.schema);
      const schema = n.schema.filter((c) => inputNames.has(c.name) || n.columns.some((x) => x.name === c.name) || c.name === n.indexColumn);
      return { ...n, input, schema, columns: n.columns.map((c) => ({ ...c, expr: ex(c.expr) })) };
    }
    case 'Join': {
      const left = rewrite(n.left);
      const right = rewrite(n.right);
      const has = { left: namesOf(left.schema), right: namesOf(right.schema) };
      // Every output whose source is still there (not only those asked for): the left side then stays whole and in
      // order, which the emitter writes as one `l.*`.
      const keep = n.outputs.map((o) => has[o.side].has(o.source));
      return {
        ...n, left, right,
        schema: n.schema.filter((_, i) => keep[i]),
        outputs: n.outputs.filter((_, i) => keep[i]),
        on: n.on.map((k) => ({ left: ex(k.left), right: ex(k.right) })),
      };
    }
    case 'Ipv4Lookup': {
      const input = rewrite(n.input);
      const lookup = rewrite(n.lookup);
      const L = n.input.schema.length;
      const inNames = namesOf(input.schema);
      const lkNames = namesOf(lookup.schema);
      const schema = n.schema.filter((_, i) => (i < L ? inNames.has(n.input.schema[i]!.name) : lkNames.has(n.lookup.schema[i - L]!.name)));
      return {
        ...n, input, lookup, schema, sourceKey: ex(n.sourceKey),
        extraKeys: n.extraKeys.map((k) => ({ ...k, left: ex(k.left) })),
      };
    }
    case 'Union': {
      const inputs = n.inputs.map(rewrite);
      const schema = n.schema.filter((c) => wants(d, c.name));
      return { ...n, inputs, schema: schema.length > 0 ? schema : n.schema.slice(0, 1) };
    }
  }
}

function rewriteSubqueries(e: Expr, rewrite: (p: PlanNode) => PlanNode): Expr {
  switch (e.kind) {
    case 'InQuery': return { ...e, expr: rewriteSubqueries(e.expr, rewrite), query: rewrite(e.query) };
    case 'ScalarQuery': return { ...e, query: rewrite(e.query) };
    case 'Call': return { ...e, args: e.args.map((a) => rewriteSubqueries(a, rewrite)) };
    case 'Path':
      return {
        ...e, base: rewriteSubqueries(e.base, rewrite),
        steps: e.steps.map((s) => (s.kind === 'dynamic' ? { ...s, expr: rewriteSubqueries(s.expr, rewrite) } : s)),
      };
    default: return e;
  }
}
