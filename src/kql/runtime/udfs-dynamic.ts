/**
 * TypeScript scalar functions for the dynamic and IP families where SQL cannot say it: JSONPath edits of property
 * bags (bag-remove-keys-function.md, bag-set-key-function.md), treepath (treepath-function.md), sorted-key JSON
 * text (dynamic-to-json-function.md), IPv6 parsing (parse-ipv6-function.md) and ipv4_range_to_cidr_list
 * (ipv4-range-to-cidr-list-function.md). JSON crosses the boundary as VARCHAR text; SQL casts it back.
 */
import { defineUdfs, type UdfDef } from './udf-registry.js';
import { BIGINT, INTEGER, VARCHAR, type DuckDBType } from '@duckdb/node-api';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function parse(text: string | null): Json | undefined {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

function isBag(v: Json | undefined): v is { [k: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Splits a key into path steps: a plain key is one step; `$.a.b`, `$['a']`, `$["a"]` are JSONPath (jsonpath.md). */
export function pathSteps(key: string): string[] | undefined {
  if (!key.startsWith('$')) return [key];
  const steps: string[] = [];
  let i = 1;
  while (i < key.length) {
    if (key[i] === '.') {
      const m = /^[^.[\]]+/.exec(key.slice(i + 1));
      if (!m) return undefined;
      steps.push(m[0]);
      i += 1 + m[0].length;
    } else if (key[i] === '[') {
      const m = /^\[\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*\]/.exec(key.slice(i));
      if (!m) return undefined;
      steps.push((m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1'));
      i += m[0].length;
    } else {
      return undefined;
    }
  }
  return steps.length > 0 ? steps : undefined;
}

export function bagRemoveKeys(bagText: string, keysText: string): string | null {
  const bag = parse(bagText);
  const keys = parse(keysText);
  if (!isBag(bag) || !Array.isArray(keys)) return null;
  for (const k of keys) {
    if (typeof k !== 'string') continue;
    const steps = pathSteps(k);
    if (!steps) continue;
    let node: Json | undefined = bag;
    for (const s of steps.slice(0, -1)) node = isBag(node) ? node[s] : undefined;
    if (isBag(node)) delete node[steps[steps.length - 1]!];
  }
  return JSON.stringify(bag);
}

/** bag-set-key-function.md: missing intermediate bags along a JSONPath are created; a non-bag input gives null. */
export function bagSetKey(bagText: string | null, key: string | null, valueText: string | null): string | null {
  const bag = parse(bagText);
  if (!isBag(bag) || key === null) return null;
  const steps = pathSteps(key);
  if (!steps) return null;
  let node: { [k: string]: Json } = bag;
  for (const s of steps.slice(0, -1)) {
    const next = node[s];
    if (!isBag(next)) node[s] = {};
    node = node[s] as { [k: string]: Json };
  }
  node[steps[steps.length - 1]!] = parse(valueText) ?? null;
  return JSON.stringify(bag);
}

/** treepath-function.md: every path below the root, arrays collapsed to `[0]`, each path once, in document order. */
export function treepath(text: string): string | null {
  const v = parse(text);
  if (v === undefined) return null;
  const seen = new Set<string>();
  const out: string[] = [];
  const walk = (node: Json, prefix: string): void => {
    if (Array.isArray(node)) {
      for (const el of node) {
        const p = prefix + '[0]';
        if (!seen.has(p)) {
          seen.add(p);
          out.push(p);
        }
        walk(el, p);
      }
    } else if (isBag(node)) {
      for (const [k, el] of Object.entries(node)) {
        const p = `${prefix}['${k.replace(/'/g, "\\'")}']`;
        if (!seen.has(p)) {
          seen.add(p);
          out.push(p);
        }
        walk(el, p);
      }
    }
  };
  walk(v, '');
  return JSON.stringify(out);
}

/** dynamic-to-json-function.md: property bags print with their keys sorted, recursively. */
export function sortedJson(v: Json): string {
  if (Array.isArray(v)) return '[' + v.map(sortedJson).join(',') + ']';
  if (isBag(v)) {
    const keys = Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return '{' + keys.map((k) => JSON.stringify(k) + ':' + sortedJson(v[k]!)).join(',') + '}';
  }
  return JSON.stringify(v);
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function ipv4Value(s: string): bigint | undefined {
  const m = IPV4.exec(s);
  if (!m) return undefined;
  let n = 0n;
  for (let i = 1; i <= 4; i++) {
    const o = Number(m[i]);
    if (o > 255) return undefined;
    n = (n << 8n) | BigInt(o);
  }
  return n;
}

/**
 * An IPv6 (or IPv4) address with an optional `/prefix`, as a 128-bit value and prefix length. IPv4 addresses,
 * including the `::a.b.c.d` and `::ffff:a.b.c.d` spellings, map to `::ffff:a.b.c.d` and their prefix counts
 * IPv4 bits (parse-ipv6-mask-function.md: "IPv4 address doesn't use upper 8 bits" → /24 is a 120-bit mask).
 */
export function parseIpv6(text: string): { value: bigint; prefix: number } | undefined {
  const s = text.trim();
  const slash = s.indexOf('/');
  const addr = slash < 0 ? s : s.slice(0, slash);
  let prefix: number | undefined;
  if (slash >= 0) {
    if (!/^\d{1,3}$/.test(s.slice(slash + 1))) return undefined;
    prefix = Number(s.slice(slash + 1));
  }
  const v4 = ipv4Value(addr);
  if (v4 !== undefined) return mapped(v4, prefix);
  if (!addr.includes(':')) return undefined;
  let head = addr;
  let tail4: bigint | undefined;
  const lastColon = addr.lastIndexOf(':');
  if (addr.slice(lastColon + 1).includes('.')) {
    tail4 = ipv4Value(addr.slice(lastColon + 1));
    if (tail4 === undefined) return undefined;
    head = addr.slice(0, lastColon + 1) + '0:0';
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string): string[] | undefined => (h === '' ? [] : h.split(':'));
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  if (!left || !right) return undefined;
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  let value = 0n;
  for (const g of all) {
    if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return undefined;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  if (tail4 !== undefined) {
    value = (value & ~0xffffffffn) | tail4;
    const upper = value >> 32n;
    if (upper === 0n || upper === 0xffffn) return mapped(tail4, prefix);
  }
  if (prefix !== undefined && prefix > 128) return undefined;
  return { value, prefix: prefix ?? 128 };
}

function mapped(v4: bigint, prefix: number | undefined): { value: bigint; prefix: number } | undefined {
  if (prefix !== undefined && prefix > 32) return undefined;
  return { value: (0xffffn << 32n) | v4, prefix: (prefix ?? 32) + 96 };
}

function mask128(value: bigint, bits: number): bigint {
  const b = Math.max(0, Math.min(128, bits));
  const m = b === 0 ? 0n : ((1n << 128n) - 1n) ^ ((1n << BigInt(128 - b)) - 1n);
  return value & m;
}

/** Canonical text (eight 4-digit groups) of the address masked to min(its prefix, mask) bits; null if invalid. */
export function ipv6Text(text: string, mask: number): string | null {
  const ip = parseIpv6(text);
  if (!ip || mask < 0 || mask > 128) return null;
  const v = mask128(ip.value, Math.min(ip.prefix, mask));
  const hex = v.toString(16).padStart(32, '0');
  return hex.match(/.{4}/g)!.join(':');
}

/** ipv4-range-to-cidr-list-function.md: the fewest CIDR blocks covering start..end. */
export function ipv4RangeToCidrList(start: string, end: string): string | null {
  let lo = ipv4Value(start.trim());
  const hi = ipv4Value(end.trim());
  if (lo === undefined || hi === undefined || lo > hi) return null;
  const out: string[] = [];
  while (lo <= hi) {
    let size = 32;
    while (size > 0) {
      const block = 1n << BigInt(33 - size);
      if (lo % block !== 0n || lo + block - 1n > hi) break;
      size--;
    }
    const n = Number(lo);
    out.push(`${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${size}`);
    lo += 1n << BigInt(32 - size);
  }
  return JSON.stringify(out);
}

type Kernel = (...args: (string | number | bigint | null)[]) => string | number | null;

const defs: UdfDef[] = [];

function register(name: string, params: readonly DuckDBType[], returns: DuckDBType, fn: Kernel, seesNulls = false): void {
  // seesNulls: the kernel handles NULL arguments itself (bag_set_key stores a null value).
  defs.push({ name, params, returns, fn, seesNulls });
}

const asText = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

register('kql_bag_remove_keys_udf', [VARCHAR, VARCHAR], VARCHAR, (b, k) => bagRemoveKeys(String(b), String(k)));
register('kql_bag_set_key_udf', [VARCHAR, VARCHAR, VARCHAR], VARCHAR, (b, k, v) => bagSetKey(asText(b), asText(k), asText(v)), true);
register('kql_treepath_udf', [VARCHAR], VARCHAR, (t) => treepath(String(t)));
// pack_all(true) (pack-all-function.md): the bag without its null and empty-string slots.
register('kql_bag_without_empty_udf', [VARCHAR], VARCHAR, (t) => {
  const v = parse(String(t));
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
  return JSON.stringify(Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null && x !== '')));
});
register('kql_dynamic_to_json_udf', [VARCHAR], VARCHAR, (t) => {
  const v = parse(String(t));
  return v === undefined ? null : sortedJson(v);
});
register('kql_ipv6_text', [VARCHAR, INTEGER], VARCHAR, (s, m) => ipv6Text(String(s), Number(m)));
register('kql_ipv6_prefix', [VARCHAR], INTEGER, (s) => parseIpv6(String(s))?.prefix ?? null);
register('kql_ipv4_range_to_cidr_list_udf', [VARCHAR, VARCHAR], VARCHAR, (a, b) => ipv4RangeToCidrList(String(a), String(b)));
register('kql_ipv4_from_long', [BIGINT], VARCHAR, (n) => {
  const v = BigInt(n as bigint);
  if (v < 0n || v > 0xffffffffn) return null;
  const x = Number(v);
  return `${(x >>> 24) & 255}.${(x >>> 16) & 255}.${(x >>> 8) & 255}.${x & 255}`;
});

defineUdfs(defs);
