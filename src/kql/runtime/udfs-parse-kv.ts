/**
 * parse-kv (parse-kv-operator.md): extracts the requested keys from key/value text. Three modes, as documented:
 * `regex` (group 1 is the key, group 2 the value); explicit `pair_delimiter`/`kv_delimiter` with optional quotes,
 * escape and `greedy` values; and, with no options, a lenient scan for each key followed by ':' or '='.
 * The result is a JSON object key → value text; the binder converts each value to its column's type.
 */
import { VARCHAR } from '@duckdb/node-api';
import { defineUdfs } from './udf-registry.js';

export interface ParseKvSpec {
  readonly keys: readonly string[];
  readonly pairDelimiter?: string;
  readonly kvDelimiter?: string;
  readonly quote?: string;
  readonly escape?: string;
  readonly greedy?: boolean;
  readonly regex?: string;
}

/** Reads a quoted value starting at `i` (text[i] is an opening quote); returns the value and the index after it. */
function readQuoted(text: string, i: number, quote: string, escape?: string): [string, number] {
  const open = text[i]!;
  const close = quote.length >= 2 && quote[0] === open ? quote[1]! : open;
  let out = '';
  let j = i + 1;
  while (j < text.length && text[j] !== close) {
    if (escape && text[j] === escape && j + 1 < text.length) {
      out += text[j + 1];
      j += 2;
      continue;
    }
    out += text[j];
    j++;
  }
  return [out, j + 1];
}

function isQuote(c: string | undefined, quote?: string): boolean {
  return !!c && !!quote && quote[0] === c;
}

export function parseKv(text: string, spec: ParseKvSpec): Record<string, string> {
  const found: Record<string, string> = {};
  const wanted = new Set(spec.keys);
  if (spec.regex) {
    for (const m of text.matchAll(new RegExp(spec.regex, 'g'))) {
      const k = (m[1] ?? '').trim();
      if (wanted.has(k) && !(k in found)) found[k] = (m[2] ?? '').trim();
    }
    return found;
  }
  if (spec.pairDelimiter !== undefined && spec.kvDelimiter !== undefined) {
    const pd = spec.pairDelimiter;
    const kd = spec.kvDelimiter;
    let i = 0;
    while (i < text.length) {
      while (text.startsWith(pd, i)) i += pd.length;
      if (i >= text.length) break;
      // The key (possibly quoted) up to the kv delimiter.
      let key: string;
      if (isQuote(text[i], spec.quote)) {
        [key, i] = readQuoted(text, i, spec.quote!, spec.escape);
      } else {
        const kdAt = text.indexOf(kd, i);
        const pdAt = text.indexOf(pd, i);
        if (kdAt < 0 || (pdAt >= 0 && pdAt < kdAt)) {
          // A token without a key/value delimiter: skip it.
          i = pdAt < 0 ? text.length : pdAt + pd.length;
          continue;
        }
        key = text.slice(i, kdAt);
        i = kdAt;
      }
      if (!text.startsWith(kd, i)) {
        const pdAt = text.indexOf(pd, i);
        i = pdAt < 0 ? text.length : pdAt + pd.length;
        continue;
      }
      i += kd.length;
      let value: string;
      if (isQuote(text[i], spec.quote)) {
        [value, i] = readQuoted(text, i, spec.quote!, spec.escape);
      } else if (spec.greedy) {
        // Greedy: the value runs to the pair delimiter that precedes the next `key<kv_delimiter>`.
        let end = text.length;
        let search = i;
        for (;;) {
          const pdAt = text.indexOf(pd, search);
          if (pdAt < 0) break;
          const next = pdAt + pd.length;
          const nextPd = text.indexOf(pd, next);
          const nextKd = text.indexOf(kd, next);
          if (nextKd >= 0 && (nextPd < 0 || nextKd < nextPd)) {
            end = pdAt;
            break;
          }
          search = next;
        }
        value = text.slice(i, end);
        i = end;
      } else {
        const pdAt = text.indexOf(pd, i);
        value = text.slice(i, pdAt < 0 ? text.length : pdAt);
        i = pdAt < 0 ? text.length : pdAt;
      }
      const k = key.trim();
      if (wanted.has(k) && !(k in found)) found[k] = value.trim();
    }
    return found;
  }
  // Lenient mode: each key followed by ':' or '=', then a quoted value or one word.
  for (const key of spec.keys) {
    const re = new RegExp(`(?:^|[^\\w])${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*[:=]\\s*`, 'g');
    const m = re.exec(text);
    if (!m) continue;
    const i = m.index + m[0].length;
    if (isQuote(text[i], spec.quote ?? '"')) {
      found[key] = readQuoted(text, i, spec.quote ?? '"', spec.escape)[0];
    } else {
      found[key] = (/^[^\s,;]*/.exec(text.slice(i))?.[0] ?? '').trim();
    }
  }
  return found;
}

defineUdfs([{
  name: 'kql_parse_kv', params: [VARCHAR, VARCHAR], returns: VARCHAR,
  fn: (text: string, spec: string) => JSON.stringify(parseKv(text, JSON.parse(spec) as ParseKvSpec)),
}]);
