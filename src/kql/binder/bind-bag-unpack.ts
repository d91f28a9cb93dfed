/**
 * evaluate bag_unpack(bag [, prefix] [, columnsConflict] [, ignoredProperties]) [: OutputSchema]
 * (bag-unpack-plugin.md): one column per top-level slot of the bag. Its columns depend on the data, so without an
 * OutputSchema the binder stops with BagUnpackNeedsSchema; the engine then reads the slots and their types from
 * the data and compiles again with the schema written in (engine.ts). With a schema, the slots become typed
 * columns of a projection.
 */
import { call, col, type Expr } from '../plan/expressions.js';
import type { PlanNode } from '../plan/operators.js';
import type { Schema } from '../plan/types.js';
import { child, type SyntaxNode } from '../syntax/syntax-tree.js';
import { bindExpr } from './bind-expression.js';
import { callArgs } from './bind-function-call.js';
import { declaredName } from './bind-project.js';
import type { BindContext, Scope } from './scope.js';
import { conversionTo } from './conversions.js';

export type ColumnsConflict = 'error' | 'replace_source' | 'keep_source';

export interface BagUnpackRequest {
  /** Where to write ` : (schema)` into the query text. */
  readonly insertAt: number;
  readonly input: PlanNode;
  readonly bag: Expr;
  readonly bagColumn?: string;
  readonly prefix: string;
  readonly conflict: ColumnsConflict;
  readonly ignored: readonly string[];
}

/** Thrown by the binder; caught by the engine, which discovers the slots and compiles again. */
export class BagUnpackNeedsSchema extends Error {
  constructor(readonly request: BagUnpackRequest) {
    super('bag_unpack needs the slots of its bag to know its columns');
  }
}

export function bindBagUnpack(ctx: BindContext, scope: Scope, input: PlanNode, n: SyntaxNode, fc: SyntaxNode): PlanNode {
  const env = { ctx, scope, row: input.schema };
  let prefix = '';
  let conflict: ColumnsConflict = 'error';
  let ignored: string[] = [];
  const positional: SyntaxNode[] = [];
  for (const a of callArgs(fc)) {
    const name = a.kind === 'SimpleNamedExpression' ? declaredName(a) : undefined;
    const value = name ? bindExpr(env, child(a, 'Expression')!) : undefined;
    if (name === 'columnsConflict' && value?.kind === 'Literal') conflict = String(value.value) as ColumnsConflict;
    else if (name === 'ignoredProperties' && value?.kind === 'Literal') ignored = JSON.parse(String(value.value ?? '[]')) as string[];
    else if (name === 'OutputColumnPrefix' && value?.kind === 'Literal') prefix = String(value.value);
    else positional.push(a);
  }
  const bag = bindExpr(env, positional[0]!);
  if (positional[1]) {
    const p = bindExpr(env, positional[1]);
    if (p.kind === 'Literal' && typeof p.value === 'string') prefix = p.value;
  }
  const bagColumn = bag.kind === 'ColumnRef' ? bag.name : undefined;
  if (!child(n, 'Schema')) {
    throw new BagUnpackNeedsSchema({ insertAt: fc.end, input, bag, ...(bagColumn ? { bagColumn } : {}), prefix, conflict, ignored });
  }
  const schema: Schema = n.schema ?? [];
  const inputNames = new Set(input.schema.map((c) => c.name));
  const slotValue = (name: string, type: Schema[number]['type']): Expr => {
    const value: Expr = { kind: 'Path', type: 'dynamic', base: bag, steps: [{ kind: 'key', key: name.slice(prefix.length) }] };
    if (type === 'dynamic') return value;
    return call(type === 'string' ? 'tostring' : conversionTo(type) ?? 'tostring', type, [value]);
  };
  const columns = schema.map((c) => {
    if (!inputNames.has(c.name) || c.name === bagColumn) return { name: c.name, expr: slotValue(c.name, c.type) };
    if (conflict !== 'replace_source' || !c.name.startsWith(prefix)) return { name: c.name, expr: col(c.name, c.type) };
    // replace_source: the slot of the same name replaces the input column (empty where the bag lacks it).
    return { name: c.name, expr: slotValue(c.name, c.type) };
  });
  return { kind: 'Project', schema, input, columns };
}
