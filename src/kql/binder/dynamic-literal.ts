/**
 * dynamic(...) literals are KQL, not JSON (scalar-data-types/dynamic.md; traps §10.4): single-quoted strings,
 * comments, datetime/timespan/guid literals inside. Their JSON text is built from the syntax tree.
 */
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
    case 'IntLiteralExpression':
    case 'RealLiteralExpression':
    case 'DecimalLiteralExpression':
      return n.literal === undefined || n.literal === null ? 'null' : numberJson(n.literal);
    case 'BooleanLiteralExpression':
      return n.literal === undefined || n.literal === null ? 'null' : String(n.literal === true || String(n.literal).toLowerCase() === 'true');
    case 'NullLiteralExpression':
      return 'null';
    case 'DateTimeLiteralExpression': {
      const ns = parseDatetimeNs(literalInner(n));
      return ns === null ? 'null' : JSON.stringify(formatDatetimeNs(ns));
    }
    case 'TimespanLiteralExpression':
      return typeof n.literal === 'bigint' ? JSON.stringify(formatTimespanTicks(n.literal)) : 'null';
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
