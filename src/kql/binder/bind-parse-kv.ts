/**
 * parse-kv (parse-kv-operator.md): the requested keys become typed columns; the key/value scan runs in the
 * kql_parse_kv UDF (runtime/udfs-parse-kv.ts), once per row, and each column reads its key from the result.
 */
import { call, col, lit, type Expr } from '../plan/expressions.js';
import type { PlanNode } from '../plan/operators.js';
import type { KustoType } from '../plan/types.js';
import { child, listElements, tokenTexts, type SyntaxNode } from '../syntax/syntax-tree.js';
import { bindExpr } from './bind-expression.js';
import type { BindContext, Scope } from './scope.js';
import { conversionTo } from './conversions.js';

export function bindParseKv(ctx: BindContext, scope: Scope, input: PlanNode, n: SyntaxNode): PlanNode {
  const env = { ctx, scope, row: input.schema };
  const source = bindExpr(env, child(n, 'Expression')!);
  const text = source.type === 'string' ? source : call('tostring', 'string', [source]);
  const keys = listElements(child(child(n, 'Keys')!, 'Columns')).map((c) => {
    const nameNode = child(c, 'Name')!;
    return { name: nameNode.symbol?.name ?? tokenTexts(nameNode).join(''), type: (nameNode.type ?? 'string') as KustoType };
  });
  const spec: Record<string, unknown> = { keys: keys.map((k) => k.name) };
  const withClause = child(n, 'WithClause');
  for (const p of withClause ? listElements(child(withClause, 'Properties')) : []) {
    const name = tokenTexts(child(p, 'Name')!).join('');
    const v = bindExpr({ ctx, scope, row: [] }, child(p, 'Expression')!);
    const value = v.kind === 'Literal' ? v.value : null;
    const key = { pair_delimiter: 'pairDelimiter', kv_delimiter: 'kvDelimiter', quote: 'quote', escape: 'escape', greedy: 'greedy', regex: 'regex' }[name];
    if (key) spec[key] = typeof value === 'bigint' ? Number(value) : value;
  }
  const parsed = call('kql_parse_kv', 'dynamic', [text, lit('string', JSON.stringify(spec))]);
  const values = new Map<string, Expr>();
  for (const k of keys) {
    const raw = call('tostring', 'string', [{ kind: 'Path', type: 'dynamic', base: parsed, steps: [{ kind: 'key', key: k.name }] }]);
    const conv = conversionTo(k.type);
    values.set(k.name, k.type === 'string' || !conv ? raw : call(conv, k.type, [call('nullif_empty', 'string', [raw])]));
  }
  const schema = n.schema ?? input.schema;
  return { kind: 'Project', schema, input, columns: schema.map((c) => ({ name: c.name, expr: values.get(c.name) ?? col(c.name, c.type) })) };
}
