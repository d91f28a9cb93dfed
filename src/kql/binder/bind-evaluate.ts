/**
 * evaluate plugins. ipv4_lookup (ipv4-lookup-plugin.md): source rows joined to the lookup row whose IPv4 range
 * holds the source IP; return_unmatched keeps unmatched rows with null lookup columns (traps §13.5).
 */
import type { PlanNode } from '../plan/operators.js';
import { child, type SyntaxNode, tokenTexts } from '../syntax/syntax-tree.js';
import { bindExpr } from './bind-expression.js';
import { callArgs, callName } from './bind-function-call.js';
import { declaredName } from './bind-project.js';
import { bindBagUnpack } from './bind-bag-unpack.js';
import { bindSequenceDetect } from './bind-sequence-detect.js';
import { fail, type BindContext, type Scope } from './scope.js';

export function bindEvaluate(ctx: BindContext, scope: Scope, input: PlanNode, n: SyntaxNode): PlanNode {
  const fc = child(n, 'FunctionCall')!;
  const name = callName(fc);
  if (name === 'ipv4_lookup') return bindIpv4Lookup(ctx, scope, input, n, fc);
  if (name === 'ipv6_lookup') return { ...bindIpv4Lookup(ctx, scope, input, n, fc), family: 6 } as PlanNode;
  if (name === 'bag_unpack') return bindBagUnpack(ctx, scope, input, n, fc);
  if (name === 'sequence_detect') return bindSequenceDetect(ctx, scope, input, n, fc);
  fail(ctx, fc, 'KQW103', `the plugin 'evaluate ${name}' is not supported yet`);
}

function bindIpv4Lookup(ctx: BindContext, scope: Scope, input: PlanNode, n: SyntaxNode, fc: SyntaxNode): PlanNode {
  const args = callArgs(fc);
  let returnUnmatched = false;
  const positional: SyntaxNode[] = [];
  for (const a of args) {
    if (a.kind === 'SimpleNamedExpression' && declaredName(a) === 'return_unmatched') {
      const v = bindExpr({ ctx, scope, row: [] }, child(a, 'Expression')!);
      returnUnmatched = v.kind === 'Literal' && v.value === true;
    } else {
      positional.push(a);
    }
  }
  if (positional.length < 3) fail(ctx, fc, 'KQW201', 'ipv4_lookup needs a lookup table, a source column and a lookup column');
  const lookup = ctx.bindTabular(scope, positional[0]!);
  const sourceKey = bindExpr({ ctx, scope, row: input.schema }, positional[1]!);
  const lookupKey = positional[2]!.symbol?.name ?? tokenTexts(positional[2]!).join('');
  const extraKeys = [];
  for (let i = 3; i + 1 < positional.length + 1 && i < positional.length; i++) {
    // Extra key pairs must be equal on both sides; a lone trailing boolean is return_unmatched.
    const e = positional[i]!;
    const v = bindExpr({ ctx, scope, row: input.schema }, e);
    if (v.kind === 'Literal' && typeof v.value === 'boolean') {
      returnUnmatched = v.value;
      continue;
    }
    const rightName = e.symbol?.name ?? '';
    extraKeys.push({ left: v, right: rightName });
  }
  const schema = n.schema ?? [...input.schema, ...lookup.schema];
  return { kind: 'Ipv4Lookup', schema, input, lookup, sourceKey, lookupKey, returnUnmatched, extraKeys };
}
