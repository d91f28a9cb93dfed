/**
 * The widest `ago(X)` of a query, X a KQL timespan literal or a `let` bound to one (comments and strings ignored):
 * how far back the author meant the rule to look. Used by the time-window lint and by the page importer to choose
 * a queryPeriod when the page gives none.
 */
import { kqlTimespan } from './duration.js';
import { kqlCode } from './validate/kql-text.js';

export interface AgoCall {
  /** Offset of `ago` in the query. */
  readonly offset: number;
  /** The argument as written. */
  readonly arg: string;
  readonly ms: number;
  /** True when the argument is a let-bound name. */
  readonly viaLet: boolean;
}

export function agoCalls(query: string): AgoCall[] {
  const code = kqlCode(query);
  const lets = new Map<string, number>();
  for (const m of code.matchAll(/\blet\s+([A-Za-z_]\w*)\s*=\s*(\d+(?:\.\d+)?[A-Za-z]+)\s*;/g)) {
    const ms = kqlTimespan(m[2]!);
    if (ms !== undefined) lets.set(m[1]!, ms);
  }
  const out: AgoCall[] = [];
  for (const m of code.matchAll(/\bago\s*\(\s*([A-Za-z_0-9.]+)\s*\)/g)) {
    const arg = m[1]!;
    const literal = kqlTimespan(arg);
    const ms = literal ?? lets.get(arg);
    if (ms !== undefined) out.push({ offset: m.index!, arg, ms, viaLet: literal === undefined });
  }
  return out;
}

export function queryLookback(query: string): AgoCall | undefined {
  return agoCalls(query).reduce<AgoCall | undefined>((best, c) => (best === undefined || c.ms > best.ms ? c : best), undefined);
}
