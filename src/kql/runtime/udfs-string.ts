/**
 * TypeScript scalar UDFs for the string and encoding families: only what DuckDB SQL cannot say (xxhash64,
 * zlib/gzip, punycode, CSV and command-line splitting, URL and path parsing, replace_strings and indexof with
 * occurrences). Kernels are small pure functions (exported for unit tests); `udfRegistrations` installs them.
 * Rules come from the Kusto reference page named beside each kernel (https://learn.microsoft.com/kusto/query/).
 */
import { deflateRawSync, deflateSync, crc32, gunzipSync, inflateSync } from 'node:zlib';
import { BIGINT, DOUBLE, INTEGER, VARCHAR, type DuckDBType } from '@duckdb/node-api';
import { defineUdfs, type UdfDef } from './udf-registry.js';

type Value = string | bigint | number | null;

// ---------------------------------------------------------------------------------------------- xxhash64

const MASK = (1n << 64n) - 1n;
const P1 = 11400714785074694791n;
const P2 = 14029467366897019727n;
const P3 = 1609587929392839161n;
const P4 = 9650029242287828579n;
const P5 = 2870177450012600261n;

const rotl = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (64n - r))) & MASK;
const round = (acc: bigint, input: bigint): bigint => (rotl((acc + input * P2) & MASK, 31n) * P1) & MASK;
const mergeRound = (acc: bigint, v: bigint): bigint => (((acc ^ round(0n, v)) * P1) + P4) & MASK;

/** XXH64 of bytes (seed 0), as a signed 64-bit value: hash-function.md ("xxhash64 algorithm"). */
export function xxhash64(bytes: Uint8Array, seed = 0n): bigint {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = bytes.length;
  let p = 0;
  let h: bigint;
  if (len >= 32) {
    let v1 = (seed + P1 + P2) & MASK;
    let v2 = (seed + P2) & MASK;
    let v3 = seed;
    let v4 = (seed - P1) & MASK;
    while (p <= len - 32) {
      v1 = round(v1, view.getBigUint64(p, true));
      v2 = round(v2, view.getBigUint64(p + 8, true));
      v3 = round(v3, view.getBigUint64(p + 16, true));
      v4 = round(v4, view.getBigUint64(p + 24, true));
      p += 32;
    }
    h = (rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n)) & MASK;
    h = mergeRound(mergeRound(mergeRound(mergeRound(h, v1), v2), v3), v4);
  } else {
    h = (seed + P5) & MASK;
  }
  h = (h + BigInt(len)) & MASK;
  while (p + 8 <= len) {
    h = ((rotl(h ^ round(0n, view.getBigUint64(p, true)), 27n) * P1) + P4) & MASK;
    p += 8;
  }
  if (p + 4 <= len) {
    h = ((rotl(h ^ ((BigInt(view.getUint32(p, true)) * P1) & MASK), 23n) * P2) + P3) & MASK;
    p += 4;
  }
  while (p < len) {
    h = (rotl(h ^ ((BigInt(bytes[p]!) * P5) & MASK), 11n) * P1) & MASK;
    p++;
  }
  h ^= h >> 33n;
  h = (h * P2) & MASK;
  h ^= h >> 29n;
  h = (h * P3) & MASK;
  h ^= h >> 32n;
  return BigInt.asIntN(64, h);
}

/** Kusto hashes a long (and datetime/timespan ticks) as its 8 little-endian bytes: hash(datetime("2015-01-01")). */
function int64Bytes(v: bigint): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigInt64(0, BigInt.asIntN(64, v), true);
  return b;
}

function int32Bytes(v: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setInt32(0, v, true);
  return b;
}

function float64Bytes(v: number): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, v, true);
  return b;
}

/**
 * One step of hash_combine(h1, h2, ...): Microsoft does not document the mixing function
 * (hash-combine-function.md says only that it "combines hash values"), so this is the boost hash_combine step on
 * 64 bits, folded from a seed of 0. Results are consistent within kqlwatch (hash_many = hash_combine of the
 * hashes) but are not Kusto's values.
 */
export function hashCombineStep(seed: bigint, hash: bigint): bigint {
  const s = BigInt.asUintN(64, seed);
  const v = BigInt.asUintN(64, hash);
  return BigInt.asIntN(64, s ^ ((v + 0x9e3779b97f4a7c15n + ((s << 6n) & MASK) + (s >> 2n)) & MASK));
}

// ---------------------------------------------------------------------------------------------- zlib / gzip

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeBase64(s: string): Buffer | null {
  const t = s.trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(t) || t.length % 4 === 1) return null;
  return Buffer.from(t, 'base64');
}

/**
 * zlib_compress_to_base64_string: the docs' own output for "1234567890qwertyuiop" is a zlib stream holding one
 * stored (uncompressed) deflate block (zlib-base64-compress-function.md), so deflate runs at level 0 to give
 * Kusto's bytes; every zlib reader decodes it.
 */
export function zlibCompress(s: string): string {
  return deflateSync(utf8.encode(s), { level: 0 }).toString('base64');
}

/** gzip-base64-compress.md: same stored deflate, with Kusto's header (no mtime, XFL 0, OS 0xff). */
export function gzipCompress(s: string): string {
  const data = utf8.encode(s);
  const header = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(data) >>> 0, 0);
  trailer.writeUInt32LE(data.length >>> 0, 4);
  return Buffer.concat([header, deflateRawSync(data, { level: 0 }), trailer]).toString('base64');
}

/** zlib-base64-decompress-function.md / gzip-base64-decompress.md: invalid input or non-UTF-8 output gives "". */
export function zlibDecompress(s: string, gzip: boolean): string | null {
  const bytes = decodeBase64(s);
  if (bytes === null || bytes.length === 0) return null;
  try {
    return strictUtf8.decode(gzip ? gunzipSync(bytes) : inflateSync(bytes));
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------- punycode (RFC 3492)

const BASE = 36;
const TMIN = 1;
const TMAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;

function adapt(delta: number, numPoints: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / numPoints);
  let k = 0;
  while (d > ((BASE - TMIN) * TMAX) >> 1) {
    d = Math.floor(d / (BASE - TMIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - TMIN + 1) * d) / (d + SKEW));
}

const digit = (d: number): string => String.fromCharCode(d < 26 ? d + 97 : d + 22);

/** punycode-from-string-function.md: punycode_from_string('académie-française') → "acadmie-franaise-npb1a". */
export function punycodeEncode(input: string): string {
  const cps = Array.from(input, (c) => c.codePointAt(0)!);
  let out = cps.filter((c) => c < 0x80).map((c) => String.fromCharCode(c)).join('');
  const basic = out.length;
  let h = basic;
  if (basic > 0) out += '-';
  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  while (h < cps.length) {
    const m = Math.min(...cps.filter((c) => c >= n));
    delta += (m - n) * (h + 1);
    n = m;
    for (const c of cps) {
      if (c < n) delta++;
      if (c !== n) continue;
      let q = delta;
      for (let k = BASE; ; k += BASE) {
        const tk = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
        if (q < tk) break;
        out += digit(tk + ((q - tk) % (BASE - tk)));
        q = Math.floor((q - tk) / (BASE - tk));
      }
      out += digit(q);
      bias = adapt(delta, h + 1, h === basic);
      delta = 0;
      h++;
    }
    delta++;
    n++;
  }
  return out;
}

/** punycode-to-string-function.md; null for text that is not valid punycode. */
export function punycodeDecode(input: string): string | null {
  const dash = input.lastIndexOf('-');
  const out: number[] = [];
  for (let i = 0; i < Math.max(dash, 0); i++) {
    const c = input.charCodeAt(i);
    if (c >= 0x80) return null;
    out.push(c);
  }
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  for (let p = dash > 0 ? dash + 1 : 0; p < input.length; ) {
    const oldi = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (p >= input.length) return null;
      const c = input.charCodeAt(p++);
      const d = c - 48 < 10 ? c - 22 : c - 65 < 26 ? c - 65 : c - 97 < 26 ? c - 97 : BASE;
      if (d >= BASE) return null;
      i += d * w;
      const tk = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
      if (d < tk) break;
      w *= BASE - tk;
    }
    bias = adapt(i - oldi, out.length + 1, oldi === 0);
    n += Math.floor(i / (out.length + 1));
    i %= out.length + 1;
    if (n > 0x10ffff) return null;
    out.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...out);
}

/** IDNA label separators: full stop, ideographic full stop, fullwidth and halfwidth full stops. */
const LABEL_SEPARATORS = /[.\u3002\uFF0E\uFF61]/;

/** punycode-domain-to-string-function.md: labels with non-ASCII characters become xn--<punycode>. */
export function punycodeDomainEncode(domain: string): string {
  return domain
    .split(LABEL_SEPARATORS)
    .map((label) => (/^[\x00-\x7f]*$/.test(label) ? label : 'xn--' + punycodeEncode(label)))
    .join('.');
}

/** punycode-domain-from-string-function.md: xn-- labels are decoded, the others kept. */
export function punycodeDomainDecode(domain: string): string | null {
  const labels: string[] = [];
  for (const label of domain.split('.')) {
    if (!/^xn--/i.test(label)) {
      labels.push(label);
      continue;
    }
    const decoded = punycodeDecode(label.slice(4));
    if (decoded === null) return null;
    labels.push(decoded);
  }
  return labels.join('.');
}

// ---------------------------------------------------------------------------------------------- string kernels

/**
 * replace_strings(text, lookups, rewrites): lookups are applied in order and an earlier lookup's matches win;
 * matches never overlap; a non-string rewrite keeps the matched text (replace-strings-function.md, where
 * ['is','This'] turns "This is" into "Thwas was").
 */
export function replaceStrings(text: string, lookupsJson: string, rewritesJson: string): string {
  let lookups: unknown;
  let rewrites: unknown;
  try {
    lookups = JSON.parse(lookupsJson);
    rewrites = JSON.parse(rewritesJson);
  } catch {
    return text;
  }
  if (!Array.isArray(lookups) || !Array.isArray(rewrites)) return text;
  const claimed: { start: number; end: number; rewrite: string }[] = [];
  lookups.forEach((lookup, i) => {
    if (typeof lookup !== 'string' || lookup === '') return;
    const rw: unknown = rewrites[i];
    for (let at = text.indexOf(lookup); at >= 0; at = text.indexOf(lookup, at)) {
      const end = at + lookup.length;
      if (claimed.some((c) => at < c.end && end > c.start)) {
        at++;
        continue;
      }
      claimed.push({ start: at, end, rewrite: typeof rw === 'string' ? rw : lookup });
      at = end;
    }
  });
  claimed.sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const c of claimed) {
    out += text.slice(pos, c.start) + c.rewrite;
    pos = c.end;
  }
  return out + text.slice(pos);
}

/**
 * indexof(string, match, start, length, occurrence) (indexof-function.md). A negative start counts from the end;
 * null for a start still before 0, length < -1 or occurrence < 0. Each occurrence is searched from one past the
 * previous one within `length` characters, which is what the page's examples show: indexof("abcdefgabcdefg",
 * "cde", 1, 10, 2) → 9 although 9 + 3 > 1 + 10.
 */
export function indexOf(s: string, match: string, start: bigint, length: bigint, occurrence: bigint): bigint | null {
  let from = Number(start);
  if (from < 0) from += s.length;
  if (from < 0 || length < -1n || occurrence < 0n) return null;
  if (from > s.length) return -1n;
  const limit = length === -1n ? Infinity : Number(length);
  let found = -1;
  for (let k = 0n; k < (occurrence === 0n ? 1n : occurrence); k++) {
    const at = s.indexOf(match, from);
    if (at < 0 || at + match.length > from + limit) return -1n;
    found = at;
    from = at + 1;
  }
  return BigInt(found);
}

/** parse_csv(csv_text): the fields of the first record; quotes escape commas, newlines and "" (parse-csv-function.md). */
export function parseCsv(s: string): string {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') break;
    else field += c;
  }
  fields.push(field);
  return JSON.stringify(fields);
}

/**
 * parse_command_line(command_line, "windows"): CommandLineToArgvW rules (parse-command-line-function.md):
 * whitespace separates arguments, quotes group, 2n backslashes before a quote give n and toggle quoting,
 * 2n+1 give n and a literal quote; "" inside quotes is a literal quote.
 */
export function parseCommandLine(s: string): string {
  const args: string[] = [];
  let cur = '';
  let inArg = false;
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\') {
      let n = 0;
      while (s[i] === '\\') {
        n++;
        i++;
      }
      if (s[i] === '"') {
        cur += '\\'.repeat(n >> 1);
        if (n % 2 === 1) cur += '"';
        else i--;
      } else {
        cur += '\\'.repeat(n);
        i--;
      }
      inArg = true;
      continue;
    }
    if (c === '"') {
      if (quoted && s[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
      inArg = true;
      continue;
    }
    if (!quoted && (c === ' ' || c === '\t' || c === '\n' || c === '\r')) {
      if (inArg) args.push(cur);
      cur = '';
      inArg = false;
      continue;
    }
    cur += c;
    inArg = true;
  }
  if (inArg) args.push(cur);
  return JSON.stringify(args);
}

/**
 * parse_path(path) (parse-path-function.md): Scheme, RootPath (a drive), DirectoryPath, DirectoryName, Filename,
 * Extension and AlternateDataStreamName ("file.txt:some.exe"), for both slash kinds, shares and long paths.
 */
export function parsePath(path: string): string {
  let rest = path;
  let scheme = '';
  const m = /^([A-Za-z][A-Za-z0-9+.-]+):\/\//.exec(rest);
  if (m) {
    scheme = m[1]!;
    rest = rest.slice(m[0].length);
  }
  const root = /^(?:\\\\\?\\)?([A-Za-z]:)/.exec(rest)?.[1] ?? '';
  const cut = Math.max(rest.lastIndexOf('/'), rest.lastIndexOf('\\'));
  const dir = cut >= 0 ? rest.slice(0, cut) : '';
  let file = cut >= 0 ? rest.slice(cut + 1) : rest;
  let stream = '';
  const colon = file.indexOf(':');
  if (colon >= 0) {
    stream = file.slice(colon + 1);
    file = file.slice(0, colon);
  }
  const dot = file.lastIndexOf('.');
  const dirCut = Math.max(dir.lastIndexOf('/'), dir.lastIndexOf('\\'));
  return JSON.stringify({
    Scheme: scheme,
    RootPath: root,
    DirectoryPath: dir,
    DirectoryName: dir.slice(dirCut + 1),
    Filename: file,
    Extension: dot >= 0 ? file.slice(dot + 1) : '',
    AlternateDataStreamName: stream,
  });
}

function decodeComponent(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

function queryParameters(query: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decodeComponent(eq >= 0 ? part.slice(0, eq) : part);
    out[key] = eq >= 0 ? decodeComponent(part.slice(eq + 1)) : '';
  }
  return out;
}

/**
 * parse_url(url) (parse-url-function.md): Scheme, Host, Port, Path, Username, Password, Query Parameters (a
 * property bag) and Fragment of an absolute URL; null when the text is not one.
 */
export function parseUrl(url: string): string | null {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(?:([^:@/?#]*)(?::([^@/?#]*))?@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s.exec(url.trim());
  if (!m) return null;
  return JSON.stringify({
    Scheme: m[1],
    Host: m[4] ?? '',
    Port: m[5] ?? '',
    Path: m[6] ?? '',
    Username: m[2] ?? '',
    Password: m[3] ?? '',
    'Query Parameters': queryParameters(m[7] ?? ''),
    Fragment: m[8] ?? '',
  });
}

/** parse_urlquery(query) (parse-urlquery-function.md): {"Query Parameters": {k: v, …}}, values URL-decoded. */
export function parseUrlQuery(query: string): string {
  const q = query.trim();
  return JSON.stringify({ 'Query Parameters': queryParameters(q.startsWith('?') ? q.slice(1) : q) });
}

// ---------------------------------------------------------------------------------------------- registration

const udf = <A extends unknown[]>(name: string, params: readonly DuckDBType[], returns: DuckDBType, fn: (...args: A) => Value): UdfDef =>
  ({ name, params, returns, fn: fn as unknown as (...args: never[]) => Value });

const UDFS: readonly UdfDef[] = [
  udf('kql_xxhash64_text', [VARCHAR], BIGINT, (s: string) => xxhash64(utf8.encode(s))),
  udf('kql_xxhash64_long', [BIGINT], BIGINT, (v: bigint) => xxhash64(int64Bytes(v))),
  udf('kql_xxhash64_int', [INTEGER], BIGINT, (v: number) => xxhash64(int32Bytes(v))),
  udf('kql_xxhash64_real', [DOUBLE], BIGINT, (v: number) => xxhash64(float64Bytes(v))),
  udf('kql_hash_combine_step', [BIGINT, BIGINT], BIGINT, (a: bigint, b: bigint) => hashCombineStep(a, b)),
  udf('kql_zlib_compress', [VARCHAR], VARCHAR, (s: string) => zlibCompress(s)),
  udf('kql_gzip_compress', [VARCHAR], VARCHAR, (s: string) => gzipCompress(s)),
  udf('kql_zlib_decompress', [VARCHAR], VARCHAR, (s: string) => zlibDecompress(s, false)),
  udf('kql_gzip_decompress', [VARCHAR], VARCHAR, (s: string) => zlibDecompress(s, true)),
  udf('kql_punycode_encode', [VARCHAR], VARCHAR, (s: string) => punycodeEncode(s)),
  udf('kql_punycode_decode', [VARCHAR], VARCHAR, (s: string) => punycodeDecode(s)),
  udf('kql_punycode_domain_encode', [VARCHAR], VARCHAR, (s: string) => punycodeDomainEncode(s)),
  udf('kql_punycode_domain_decode', [VARCHAR], VARCHAR, (s: string) => punycodeDomainDecode(s)),
  udf('kql_replace_strings', [VARCHAR, VARCHAR, VARCHAR], VARCHAR, (s: string, l: string, r: string) => replaceStrings(s, l, r)),
  udf('kql_indexof', [VARCHAR, VARCHAR, BIGINT, BIGINT, BIGINT], BIGINT, (s: string, m: string, st: bigint, ln: bigint, oc: bigint) => indexOf(s, m, st, ln, oc)),
  udf('kql_parse_csv', [VARCHAR], VARCHAR, (s: string) => parseCsv(s)),
  udf('kql_parse_command_line', [VARCHAR], VARCHAR, (s: string) => parseCommandLine(s)),
  udf('kql_parse_path', [VARCHAR], VARCHAR, (s: string) => parsePath(s)),
  udf('kql_parse_url', [VARCHAR], VARCHAR, (s: string) => parseUrl(s)),
  udf('kql_parse_urlquery', [VARCHAR], VARCHAR, (s: string) => parseUrlQuery(s)),
];

defineUdfs(UDFS);
