/**
 * Encoding functions: base64, URL encoding, hashes, zlib/gzip and punycode
 * (https://learn.microsoft.com/kusto/query/scalar-functions#string-functions and #hash-functions).
 * Base64, URL and the cryptographic hashes are DuckDB SQL (macros in runtime/macros-string.ts); xxhash64,
 * zlib/gzip and punycode are TypeScript UDFs (runtime/udfs-string.ts). Failures give "" (strings are never null).
 */
import { scalar, DOCS, type FunctionDef, type SqlArg } from './define.js';
import { asText, nn } from './sql-helpers.js';
// For its side effect: registers the kql_* UDFs the lowerings below call (see runtime/macros-string.ts).

const t = (a: SqlArg | undefined) => asText(a!);

/** Datetime ticks (100 ns since 0001-01-01), the value Kusto hashes for a datetime (hash-function.md). */
const ticks = (sql: string) => `(epoch_ns(${sql}) // 100 + 621355968000000000)`;

/**
 * hash(source [, mod]) is xxhash64 of the value's bytes (hash-function.md): UTF-8 for strings, 8 little-endian
 * bytes for long, timespan and datetime ticks (hash(datetime("2015-01-01")) → 1380966698541616202), 4 for int,
 * the IEEE double for real. With a modulo, the unsigned hash is reduced (hash("World", 100) → 51).
 */
function xxhash(args: readonly SqlArg[]): string {
  const [x, mod] = args as [SqlArg, SqlArg | undefined];
  let h: string;
  switch (x.type) {
    case 'long':
    case 'timespan':
      h = `kql_xxhash64_long(${x.sql})`;
      break;
    case 'int':
      h = `kql_xxhash64_int(${x.sql})`;
      break;
    case 'real':
    case 'decimal':
      h = `kql_xxhash64_real(CAST(${x.sql} AS DOUBLE))`;
      break;
    case 'datetime':
      h = `kql_xxhash64_long(${ticks(x.sql)})`;
      break;
    case 'bool':
      h = `kql_xxhash64_long(CAST(${x.sql} AS BIGINT))`;
      break;
    default:
      h = `kql_xxhash64_text(${t(x)})`;
  }
  return mod ? `kql_hash_mod(${h}, CAST(${mod.sql} AS BIGINT))` : h;
}

/** hash_combine(h1, h2, ...): folded from 0 (the mixing step is not documented; see udfs-string.ts). */
function combine(hashes: readonly string[]): string {
  return hashes.reduce((acc, h) => `kql_hash_combine_step(${acc}, ${h})`, 'CAST(0 AS BIGINT)');
}

/** The bytes of a base64 string, or NULL when it is not valid base64 (DuckDB's from_base64 throws). */
const base64Bytes = (a: SqlArg) => `try(from_base64(${t(a)}))`;

export const encodingFunctions = [
  scalar('base64_encode_tostring', {
    doc: DOCS + 'base64-encode-tostring-function',
    sql: ([s]) => `to_base64(encode(${t(s)}))`,
    aliases: ['base64_encodestring'],
  }),
  // base64-decode-tostring-function.md: bytes that are not valid UTF-8 give "" (the "Empty" example).
  scalar('base64_decode_tostring', {
    doc: DOCS + 'base64-decode-tostring-function',
    sql: ([s]) => nn(`try(decode(${base64Bytes(s!)}))`),
    aliases: ['base64_decodestring'],
  }),
  scalar('base64_decode_toarray', {
    doc: DOCS + 'base64-decode-toarray-function',
    sql: ([s]) => `kql_blob_to_array(${base64Bytes(s!)})`,
  }),
  scalar('base64_encode_fromarray', {
    doc: DOCS + 'base64-encode-fromarray-function',
    sql: ([a]) => nn(`to_base64(kql_array_to_blob(${a!.sql}))`),
  }),
  // base64-encode-fromguid-function.md: the guid's 16 bytes in .NET order (first three groups little-endian).
  scalar('base64_encode_fromguid', {
    doc: DOCS + 'base64-encode-fromguid-function',
    sql: ([g]) => nn(`to_base64(unhex(kql_guid_bytes_hex(replace(lower(${t(g)}), '-', ''))))`),
  }),
  scalar('base64_decode_toguid', {
    doc: DOCS + 'base64-decode-toguid-function',
    sql: ([s]) => `CASE WHEN octet_length(${base64Bytes(s!)}) = 16 THEN kql_guid_from_hex(hex(${base64Bytes(s!)})) END`,
  }),
  scalar('url_encode', { doc: DOCS + 'url-encode-function', sql: ([s]) => nn(`kql_url_encode(${t(s)}, true)`) }),
  scalar('url_encode_component', {
    doc: DOCS + 'url-encode-component-function',
    sql: ([s]) => nn(`kql_url_encode(${t(s)}, false)`),
  }),
  scalar('url_decode', { doc: DOCS + 'url-decode-function', sql: ([s]) => nn(`kql_url_decode(${t(s)})`) }),
  scalar('hash', { doc: DOCS + 'hash-function', sql: xxhash }),
  scalar('hash_xxhash64', { doc: DOCS + 'hash-xxhash64-function', sql: xxhash }),
  // The cryptographic hashes take the value's text: hash_md5(datetime(2020-01-01)) is md5 of
  // "2020-01-01T00:00:00.0000000Z" (hash-md5-function.md, hash-sha1-function.md, hash-sha256-function.md).
  scalar('hash_md5', { doc: DOCS + 'hash-md5-function', sql: ([x]) => `md5(${t(x)})` }),
  scalar('hash_sha1', { doc: DOCS + 'hash-sha1-function', sql: ([x]) => `sha1(${t(x)})` }),
  scalar('hash_sha256', { doc: DOCS + 'hash-sha256-function', sql: ([x]) => `sha256(${t(x)})` }),
  scalar('hash_combine', { doc: DOCS + 'hash-combine-function', sql: (args) => combine(args.map((a) => `CAST(${a.sql} AS BIGINT)`)) }),
  scalar('hash_many', { doc: DOCS + 'hash-many-function', sql: (args) => combine(args.map((a) => xxhash([a]))) }),
  scalar('zlib_compress_to_base64_string', {
    doc: DOCS + 'zlib-base64-compress-function',
    sql: ([s]) => nn(`kql_zlib_compress(${t(s)})`),
  }),
  scalar('zlib_decompress_from_base64_string', {
    doc: DOCS + 'zlib-base64-decompress-function',
    sql: ([s]) => nn(`kql_zlib_decompress(${t(s)})`),
  }),
  scalar('gzip_compress_to_base64_string', {
    doc: DOCS + 'gzip-base64-compress',
    sql: ([s]) => nn(`kql_gzip_compress(${t(s)})`),
  }),
  scalar('gzip_decompress_from_base64_string', {
    doc: DOCS + 'gzip-base64-decompress',
    sql: ([s]) => nn(`kql_gzip_decompress(${t(s)})`),
  }),
  scalar('punycode_from_string', { doc: DOCS + 'punycode-from-string-function', sql: ([s]) => nn(`kql_punycode_encode(${t(s)})`) }),
  scalar('punycode_to_string', { doc: DOCS + 'punycode-to-string-function', sql: ([s]) => nn(`kql_punycode_decode(${t(s)})`) }),
  // Note the naming: punycode_domain_to_string *encodes* an IDNA domain to its xn-- form and
  // punycode_domain_from_string decodes it (punycode-domain-to-string-function.md, -from-string-function.md).
  scalar('punycode_domain_to_string', {
    doc: DOCS + 'punycode-domain-to-string-function',
    sql: ([s]) => nn(`kql_punycode_domain_encode(${t(s)})`),
  }),
  scalar('punycode_domain_from_string', {
    doc: DOCS + 'punycode-domain-from-string-function',
    sql: ([s]) => nn(`kql_punycode_domain_decode(${t(s)})`),
  }),
] as const satisfies readonly FunctionDef[];
