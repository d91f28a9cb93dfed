/**
 * dynamic(...) literals are KQL, not JSON (scalar-data-types/dynamic.md; traps §10.4): single-quoted strings,
 * comments, datetime/timespan/guid literals inside. Their JSON text is built from the syntax tree.
 */
import { parseTimespan } from '../format/parse-timespan.js';
import { formatDatetimeNs, formatTimespanTicks, parseDatetimeNs } from '../plan/time.js';
import { child, kids, listElements, tokenTexts, type SyntaxNode } from '../syntax/syntax-tree.js';

/** Decodes a KQL string literal token ('x', "x", @'x', @"x"). */
export function decodeStringToken(text: string): string {
  let t = text.trim();
  const verbatim = t.startsWith('@');
  if (verbatim) t = t.slice(1);
  const q = t[0];
  const body = t.slice(1, -1);
  if (verbatim) return q === '"' ? body.replace(/""/g, '"') : body.replace(/''/g, "'");
  if (q === '"') {
    try {
      return JSON.parse(t) as string;
    } catch {
      return body;
    }
  }
  return body.replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' })[c] ?? c);
}

function literalInner(n: SyntaxNode): string {
  const t = tokenTexts(n).join('');
  const open = t.indexOf('(');
  return open >= 0 ? t.slice(open + 1, t.lastIndexOf(')')).trim() : t;
}

// Literal forms whose value Kusto.Language's bridge does not hand over (it gives 0, or nothing): read from the text.

/** `0xFFFFFFFF`, `long(0x1F)` (long.md allows hexadecimal): the value as written, or undefined when not hex. */
export function hexLiteral(n: SyntaxNode): bigint | undefined {
  const m = /0x([0-9a-f]+)/i.exec(tokenTexts(n).join(''));
  return m ? BigInt('0x' + m[1]) : undefined;
}

/** `time(1.02:03:04)`, `timespan(02:03:04)` in ticks; null for `time(null)`; undefined for other forms (`1d`). */
export function constantTimespan(n: SyntaxNode): bigint | null | undefined {
  if (!/^\s*(time|timespan)\s*\(/.test(tokenTexts(n).join(''))) return undefined;
  const t = literalInner(n);
  if (t === 'null') return null;
  return t.includes(':') ? parseTimespan(t.replace(/\s+/g, '')) : undefined;
}

/** `decimal(1.5)` as a number, or null. */
export function decimalLiteral(n: SyntaxNode): number | null {
  if (n.literal !== undefined && n.literal !== null) return Number(n.literal);
  const t = literalInner(n);
  const x = t === '' || t === 'null' ? NaN : Number(t);
  return Number.isNaN(x) ? null : x;
}

/** A long literal's value: the bridge's, unless the text is hexadecimal (64-bit two's complement). */
export function longValue(n: SyntaxNode): bigint | null {
  const hex = hexLiteral(n);
  if (hex !== undefined) return BigInt.asIntN(64, hex);
  return n.literal === undefined || n.literal === null ? null : BigInt(n.literal as bigint);
}

/** JSON text of a dynamic literal's value node, or undefined if it holds something we cannot read. */
export function dynamicJson(n: SyntaxNode): string | undefined {
  switch (n.kind) {
    case 'JsonArrayExpression': {
      const parts = listElements(child(n, 'Values')).map(dynamicJson);
      return parts.some((p) => p === undefined) ? undefined : `[${parts.join(',')}]`;
    }
    case 'JsonObjectExpression': {
      const parts: string[] = [];
      for (const pair of listElements(child(n, 'Pairs'))) {
        const nameTok = child(pair, 'Name');
        const value = child(pair, 'Value');
        if (!nameTok || !value) return undefined;
        const v = dynamicJson(value);
        if (v === undefined) return undefined;
        parts.push(`${JSON.stringify(decodeStringToken(nameTok.text ?? ''))}:${v}`);
      }
      return `{${parts.join(',')}}`;
    }
    case 'StringLiteralExpression':
    case 'CompoundStringLiteralExpression':
      return JSON.stringify(typeof n.literal === 'string' ? n.literal : '');
    case 'LongLiteralExpression':
    case 'IntLiteralExpression': {
      const v = longValue(n);
      return v === null ? 'null' : v.toString();
    }
    case 'RealLiteralExpression':
      return n.literal === undefined || n.literal === null ? 'null' : numberJson(n.literal);
    case 'BooleanLiteralExpression':
      return n.literal === undefined || n.literal === null ? 'null' : String(n.literal === true || String(n.literal).toLowerCase() === 'true');
    case 'NullLiteralExpression':
      return 'null';
    case 'DateTimeLiteralExpression': {
      const ns = parseDatetimeNs(literalInner(n));
      return ns === null ? 'null' : JSON.stringify(formatDatetimeNs(ns));
    }
    case 'TimespanLiteralExpression': {
      const constant = constantTimespan(n);
      const ticks = constant !== undefined ? constant : typeof n.literal === 'bigint' ? n.literal : null;
      return ticks === null ? 'null' : JSON.stringify(formatTimespanTicks(ticks));
    }
    case 'DynamicExpression': {
      // A dynamic literal inside another (dynamic-to-json-function.md: `'X8': dynamic({...})`).
      const inner = child(n, 'Expression');
      return inner ? dynamicJson(inner) : 'null';
    }
    case 'GuidLiteralExpression':
      return JSON.stringify(literalInner(n).toLowerCase());
    case 'UnaryMinusExpression': {
      const inner = dynamicJson(child(n, 'Expression')!);
      return inner === undefined ? undefined : inner.startsWith('-') ? inner.slice(1) : '-' + inner;
    }
    case 'ParenthesizedExpression':
      return dynamicJson(kids(n).find((k) => !k.isToken)!);
    default:
      return undefined;
  }
}

function numberJson(v: unknown): string {
  if (typeof v === 'bigint') return v.toString();
  const n = Number(v);
  if (!Number.isFinite(n)) return JSON.stringify(String(n));
  return String(n);
}
