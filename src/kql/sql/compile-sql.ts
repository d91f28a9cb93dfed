/**
 * compileSql(plan) → one DuckDB SELECT. Each plan node becomes a derived table; a node referenced more than once
 * (a let-bound table used twice) becomes a CTE so it is written and computed once. The final projection turns
 * values into the engine's cell convention: datetime as epoch nanoseconds, dynamic as JSON text.
 */
import type { SqlArg } from '../functions/define.js';
import type { Expr, QueryParams } from '../plan/expressions.js';
import type { PlanNode } from '../plan/operators.js';
import type { Schema } from '../plan/types.js';
import { pruneColumns } from '../plan/prune-columns.js';
import type { Emitter, SqlBuilder } from './builder.js';
import {
  emitCount, emitDataTable, emitDistinct, emitFilter, emitPrint, emitProject, emitRange, emitSerialize, emitSort,
  emitTable, emitTake, emitTop,
} from './emit-basic.js';
import { emitExpr } from './emit-expression.js';
import { emitIpv4Lookup, emitJoin } from './emit-join.js';
import { emitMvExpand } from './emit-mv-expand.js';
import { emitMakeSeries } from './emit-make-series.js';
import { emitSummarize } from './emit-summarize.js';
import { emitUnion } from './emit-union.js';
import { ident } from './sql-text.js';

type EmitterTable = { [K in PlanNode['kind']]: Emitter<K> };

const EMITTERS: EmitterTable = {
  Table: emitTable,
  DataTable: emitDataTable,
  Print: emitPrint,
  Range: emitRange,
  Filter: emitFilter,
  Project: emitProject,
  Summarize: emitSummarize,
  Join: emitJoin,
  Union: emitUnion,
  Sort: emitSort,
  Take: emitTake,
  Top: emitTop,
  Distinct: emitDistinct,
  Count: emitCount,
  MvExpand: emitMvExpand,
  Ipv4Lookup: emitIpv4Lookup,
  Serialize: emitSerialize,
  MakeSeries: emitMakeSeries,
};

function inputsOf(n: PlanNode): PlanNode[] {
  switch (n.kind) {
    case 'Join':
      return [n.left, n.right];
    case 'Union':
      return [...n.inputs];
    case 'Ipv4Lookup':
      return [n.input, n.lookup];
    case 'Table':
    case 'DataTable':
    case 'Print':
    case 'Range':
      return [];
    default:
      return [n.input];
  }
}

function exprPlans(e: Expr, out: PlanNode[]): void {
  switch (e.kind) {
    case 'InQuery':
      out.push(e.query);
      exprPlans(e.expr, out);
      break;
    case 'ScalarQuery':
      out.push(e.query);
      break;
    case 'Call':
      e.args.forEach((a) => exprPlans(a, out));
      break;
    case 'Path':
      exprPlans(e.base, out);
      e.steps.forEach((s) => s.kind === 'dynamic' && exprPlans(s.expr, out));
      break;
    default:
      break;
  }
}

/** Subqueries hidden inside a node's expressions (in (T), toscalar(T)). */
function nestedPlans(n: PlanNode): PlanNode[] {
  const out: PlanNode[] = [];
  const visit = (e: Expr): void => exprPlans(e, out);
  switch (n.kind) {
    case 'Filter': visit(n.predicate); break;
    case 'Project': case 'Distinct': case 'Print': case 'Serialize': n.columns.forEach((c) => visit(c.expr)); break;
    case 'Summarize': n.keys.forEach((k) => visit(k.expr)); n.aggregates.forEach((a) => a.args.forEach(visit)); break;
    case 'MakeSeries': n.keys.forEach((k) => visit(k.expr)); n.aggregates.forEach((a) => a.args.forEach(visit)); break;
    default: break;
  }
  return out;
}

export interface CompiledSql {
  readonly sql: string;
  readonly schema: Schema;
}

/**
 * `prune: false` keeps every column at every level: the reference the pruned SQL is tested against. `params` are the
 * values of the plan's parameters (now, the window: binder/bind-query.ts), written in as constants.
 */
export function compileSql(unpruned: PlanNode, options: { readonly prune?: boolean; readonly params?: QueryParams } = {}): CompiledSql {
  const plan = options.prune === false ? unpruned : pruneColumns(unpruned);
  const refs = new Map<PlanNode, number>();
  const count = (n: PlanNode): void => {
    const c = (refs.get(n) ?? 0) + 1;
    refs.set(n, c);
    if (c > 1) return;
    for (const i of inputsOf(n)) count(i);
    for (const p of nestedPlans(n)) count(p);
  };
  count(plan);
  const ctes: string[] = [];
  const cteNames = new Map<PlanNode, string>();
  let aliasCounter = 0;

  const builder: SqlBuilder = {
    relation(node) {
      if (node.kind === 'Table') return node.pruned || node.absent ? `(${select(node)})` : ident(node.name);
      const shared = (refs.get(node) ?? 0) > 1;
      if (shared) {
        let name = cteNames.get(node);
        if (!name) {
          const body = select(node);
          name = `_cte${ctes.length}`;
          ctes.push(`${name} AS (${body})`);
          cteNames.set(node, name);
        }
        return name;
      }
      return `(${select(node)})`;
    },
    expr(e, qualifier, over): SqlArg {
      return emitExpr(e, {
        subquery: (p) => `SELECT * FROM ${builder.relation(p)}`,
        ...(qualifier ? { qualifier } : {}),
        ...(over !== undefined ? { over } : {}),
        ...(options.params ? { params: options.params } : {}),
      });
    },
    isShared(node) {
      return (refs.get(node) ?? 0) > 1;
    },
    alias() {
      return `_t${aliasCounter++}`;
    },
  };

  function select(node: PlanNode): string {
    const emit = EMITTERS[node.kind] as Emitter<typeof node.kind>;
    return emit(node as never, builder);
  }

  const body = builder.relation(plan);
  const out = plan.schema.map((c) => {
    const id = ident(c.name);
    if (c.type === 'datetime') return `epoch_ns(${id}) AS ${id}`;
    if (c.type === 'dynamic') return `CAST(${id} AS VARCHAR) AS ${id}`;
    return id;
  });
  const withClause = ctes.length > 0 ? `WITH ${ctes.join(', ')} ` : '';
  const sql = `${withClause}SELECT ${out.join(', ') || '*'} FROM ${body} AS _result`;
  return { sql, schema: plan.schema };
}
