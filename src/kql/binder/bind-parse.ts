/**
 * parse and parse-where (parse-operator.md, parse-where-operator.md): the pattern becomes one anchored regex
 * with a capture group per column. kind=simple: constants are literal text, typed columns must match their type;
 * kind=regex: constants are regexes, columns are greedy `(.*)` (the docs' greedy example), flags as given;
 * kind=relaxed: like simple, but a column whose text does not convert is null instead of failing the row.
 * Unparsed rows get null (for strings, '') columns; parse-where drops them.
 */
import { call, col, lit, type Expr } from '../plan/expressions.js';
import type { NamedExpr, PlanNode } from '../plan/operators.js';
import type { KustoType } from '../plan/types.js';
import { child, listElements, tokenTexts, type SyntaxNode } from '../syntax/syntax-tree.js';
import { bindExpr } from './bind-expression.js';
import { fail, type BindContext, type Scope } from './scope.js';
import { conversionTo } from './conversions.js';

const TYPED: Partial<Record<KustoType, string>> = {
  long: '(-?\\d+)',
  int: '(-?\\d+)',
  real: '(-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)',
  decimal: '(-?\\d+(?:\\.\\d+)?)',
  bool: '(true|false|True|False|TRUE|FALSE|1|0)',
};

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Capturing groups a user regex adds (so our column groups keep the right numbers). */
function countGroups(re: string): number {
  let n = 0;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      while (i < re.length && re[i] !== ']') i += re[i] === '\\' ? 2 : 1;
      continue;
    }
    if (c === '(' && re[i + 1] !== '?') n++;
    else if (c === '(' && re[i + 1] === '?' && (re[i + 2] === 'P' || re[i + 2] === '<') && re[i + 3] !== '=' && re[i + 3] !== '!') n++;
  }
  return n;
}

function parameter(n: SyntaxNode, wanted: string): string | undefined {
  for (const p of listElements(child(n, 'Parameters'))) {
    if (tokenTexts(child(p, 'Name')!).join('') === wanted) return tokenTexts(child(p, 'Expression')!).join('');
  }
  return undefined;
}

export function bindParse(ctx: BindContext, scope: Scope, input: PlanNode, n: SyntaxNode): PlanNode {
  const where = n.kind === 'ParseWhereOperator';
  const kind = parameter(n, 'kind') ?? 'simple';
  const flags = parameter(n, 'flags') ?? '';
  if (!['simple', 'regex', 'relaxed'].includes(kind)) fail(ctx, n, 'KQW104', `parse kind=${kind} is not supported`);
  const env = { ctx, scope, row: input.schema };
  const source = bindExpr(env, child(n, 'Expression')!);
  const text = source.type === 'string' ? source : call('tostring', 'string', [source]);
  let re = '';
  let group = 0;
  const columns: { name: string; type: KustoType; group: number }[] = [];
  const patterns = listElements(child(n, 'Patterns'));
  patterns.forEach((p, i) => {
    if (p.kind === 'StarExpression') {
      re += '.*?';
    } else if (p.kind === 'StringLiteralExpression' || p.kind === 'CompoundStringLiteralExpression') {
      const s = typeof p.literal === 'string' ? p.literal : '';
      if (kind === 'regex') {
        re += s;
        group += countGroups(s);
      } else {
        re += escapeRegex(s);
      }
    } else if (p.kind === 'NameDeclaration' || p.kind === 'NameAndTypeDeclaration') {
      const nameNode = p.kind === 'NameDeclaration' ? p : child(p, 'Name')!;
      const name = nameNode.symbol?.name ?? tokenTexts(nameNode).join('');
      const type: KustoType = nameNode.type ?? 'string';
      const last = i === patterns.length - 1;
      let g: string;
      if (kind === 'regex') g = TYPED[type] ?? '(.*)';
      // relaxed: a typed column takes the text of its type where there is one, else the text up to what follows
      // (parse-operator.md: totalSlices=nonValidLongValue gives null, and sliceNumber=15 before a `*` still 15).
      else if (kind === 'relaxed') g = TYPED[type] ? `(${TYPED[type]!.slice(1, -1)}|${last ? '.*' : '.*?'})` : last ? '(.*)' : '(.*?)';
      else g = TYPED[type] ?? (last ? '(.*)' : '(.*?)');
      re += g;
      group += 1;
      columns.push({ name, type, group });
    } else {
      fail(ctx, p, 'KQW104', 'unsupported element in the parse pattern');
    }
  });
  const regexFlags = (kind === 'regex' ? flags.replace(/[^imsU]/g, '') : '') + (kind === 'regex' && flags.includes('s') ? '' : 's');
  const full = `(?${regexFlags})^${re}$`;
  const regexMatch = call('__regex_match', 'bool', [text, lit('string', full)]);
  const typedValues = new Map<string, Expr>();
  for (const c of columns) {
    const raw = call('__regex_group', 'string', [text, lit('string', full), lit('long', BigInt(c.group))]);
    const conv = conversionTo(c.type);
    typedValues.set(c.name, c.type === 'string' ? raw : conv ? call(conv, c.type, [raw]) : raw);
  }
  // simple and regex kinds are strict: a typed column that does not convert fails the whole row (parse-operator.md).
  let matches: Expr = regexMatch;
  if (kind !== 'relaxed') {
    for (const c of columns) {
      if (c.type !== 'string') matches = call('And', 'bool', [matches, call('isnotnull', 'bool', [typedValues.get(c.name)!])]);
    }
  }
  const extracted = new Map<string, Expr>();
  for (const c of columns) {
    const typed = typedValues.get(c.name)!;
    extracted.set(c.name, call('iff', c.type, [matches, typed, lit(c.type, null)]));
  }
  const schema = n.schema ?? input.schema;
  const projected: NamedExpr[] = schema.map((c) => ({ name: c.name, expr: extracted.get(c.name) ?? col(c.name, c.type) }));
  const base: PlanNode = where ? { kind: 'Filter', schema: input.schema, input, predicate: matches } : input;
  return { kind: 'Project', schema, input: base, columns: projected };
}
