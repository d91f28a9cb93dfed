/**
 * The query's diagnostics from Microsoft's parser and binder, bound against every Log Analytics table
 * (defaultCatalog), mapped to file lines. A name Microsoft's binder does not know that is a Sentinel workspace
 * function kqlwatch lacks — ASIM parsers (`_Im_WebSession`, `_ASim_Dns`, `imAuthentication`…), `_GetWatchlist` — is
 * reported as RULE201 (a warning: the rule is valid in Sentinel, kqlwatch cannot run it), not as a broken rule.
 * Three places where Microsoft's binder is stricter than the Kusto service are warnings, not errors (each keeps its
 * KS code and says why): a name that does not resolve inside a `union isfuzzy=true` leg (the union operator page:
 * with isfuzzy=true "any resolution failure yields a warning … but doesn't prevent the query from running");
 * `todynamic(<dynamic>)` (todynamic is parse_json, which uses a dynamic argument as-is, while the binder's
 * signature takes string only); a `.member` of a `column_ifexists(…, "")` value (the binder types it by the
 * default, the service by the column when it exists).
 */
import { issue } from '../issues.js';
import type { RuleIssue } from '../model.js';
import type { RuleCheck } from './check.js';
import { diagnosticMessage, kqlCode, queryLocation } from './kql-text.js';
import type { KqlDiagnostic } from '../../kql/syntax/diagnostics.js';

/** Workspace functions Sentinel deploys (ASIM parsers, watchlists) that kqlwatch does not define. */
export const SENTINEL_FUNCTION = /^(_?Im_|_?ASim_|_?im[A-Z]|_?ASim[A-Z]|vim[A-Z]|_GetWatchlist)/;

export function sentinelFunctionName(message: string): string | undefined {
  const name = /The name '([^']+)' does not refer to any known/.exec(message)?.[1];
  return name !== undefined && SENTINEL_FUNCTION.test(name) ? name : undefined;
}

export const kqlDiagnostics: RuleCheck = {
  name: 'kql-diagnostics',
  run({ rule, document, query }) {
    const out: RuleIssue[] = [];
    const reported = new Set<string>();
    for (const d of query.kusto) {
      const at = queryLocation(rule, document, d.line, d.column);
      const fn = sentinelFunctionName(d.message);
      if (fn !== undefined) {
        if (!reported.has(fn)) {
          out.push(issue('warning', 'RULE201', `uses the Sentinel function '${fn}', which kqlwatch lacks: the rule is valid in Sentinel but kqlwatch cannot run it`, at, 'query'));
        }
        reported.add(fn);
        continue;
      }
      const lenient = d.severity === 'error' ? binderStricterThanService(rule.query, d) : undefined;
      const message = lenient ? `${diagnosticMessage(d, document)} — ${lenient}` : diagnosticMessage(d, document);
      out.push(issue(d.severity === 'error' && !lenient ? 'error' : 'warning', d.code, message, at, 'query'));
    }
    return out;
  },
};

const RESOLUTION = new Set(['KS142', 'KS204', 'KS211']);

/** Why an error of Microsoft's binder would not stop the Kusto service, or undefined when it would. */
export function binderStricterThanService(query: string, d: KqlDiagnostic): string | undefined {
  const code = kqlCode(query);
  if (RESOLUTION.has(d.code) && fuzzyLegs(code).some(([a, b]) => d.start >= a && d.start < b)) {
    return 'inside a union isfuzzy=true leg, which Sentinel skips when it does not resolve';
  }
  if (d.code === 'KS107' && /\btodynamic\s*\(\s*$/.test(code.slice(0, d.start))) {
    return 'todynamic is parse_json, which takes a dynamic value as-is (the binder accepts only string)';
  }
  if (d.code === 'KS142' && code[d.start - 1] === '.' && /\bcolumn_?ifexists\s*\(/.test(code)) {
    return 'the binder types column_ifexists(…, default) by its default; the service uses the column\'s own type when it exists';
  }
  return undefined;
}

/** Offset ranges of the legs of every `union isfuzzy=true`: inline (…) legs, and the bodies of `let` names used as legs. */
function fuzzyLegs(code: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of code.matchAll(/\bunion\b[^|;()]*?\bisfuzzy\s*=\s*true\b/g)) {
    let i = m.index! + m[0].length;
    for (;;) {
      while (/\s|,/.test(code[i] ?? '')) i++;
      if (code[i] === '(') {
        const end = closing(code, i);
        out.push([i, end]);
        i = end + 1;
      } else {
        const name = /^[A-Za-z_]\w*/.exec(code.slice(i))?.[0];
        if (!name || /^(kind|withsource|isfuzzy)$/.test(name)) {
          if (name) { i += name.length; while (code[i] && !/[\s,]/.test(code[i]!)) i++; continue; }
          break;
        }
        const def = new RegExp(`\\blet\\s+${name}\\s*=`).exec(code);
        if (def) out.push([def.index, statementEnd(code, def.index)]);
        i += name.length;
        if (!/^\s*,/.test(code.slice(i))) break;
      }
      if (!/^\s*,/.test(code.slice(i))) break;
    }
  }
  return out;
}

function closing(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === '(') depth++;
    else if (code[i] === ')' && --depth === 0) return i;
  }
  return code.length;
}

function statementEnd(code: string, from: number): number {
  let depth = 0;
  for (let i = from; i < code.length; i++) {
    const c = code[i];
    if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') depth--;
    else if (c === ';' && depth === 0) return i;
  }
  return code.length;
}
