import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kql, kqlValue, type PlainValue } from '../testing/run-kql.js';
import { punycodeDecode, punycodeEncode, xxhash64 } from '../runtime/udfs-string.js';

/** [KQL expression, expected value of `print r = <expression>`, doc page the example comes from]. */
type Case = readonly [string, PlainValue, string];

async function check(cases: readonly Case[]): Promise<void> {
  for (const [expr, expected, page] of cases) {
    assert.deepEqual(await kqlValue(`print r = ${expr}`), expected, `${expr} (${page})`);
  }
}

test('base64 to and from strings, byte arrays and guids (base64-*-function.md)', async () => {
  await check([
    ['base64_encode_tostring("Kusto")', 'S3VzdG8=', 'base64-encode-tostring-function'],
    ['base64_decode_tostring("S3VzdG8=")', 'Kusto', 'base64-decode-tostring-function'],
    ['base64_decode_tostring("U3RyaW5n0KHR0tGA0L7Rh9C60LA=")', '', 'base64-decode-tostring-function (not UTF-8)'],
    ['base64_decode_tostring("not base64!")', '', 'invalid base64'],
    ['base64_decode_toarray("S3VzdG8=")', [75, 117, 115, 116, 111], 'base64-decode-toarray-function'],
    ['base64_encode_fromarray(base64_decode_toarray("S3VzdG8="))', 'S3VzdG8=', 'base64-encode-fromarray-function'],
    ['base64_encode_fromarray(base64_decode_toarray("U3RyaW5n0KHR0tGA0L7Rh9C60LA"))', '', 'base64-encode-fromarray-function'],
    ['base64_encode_fromguid(toguid("ae3133f2-6e22-49ae-b06a-16e6a9b212eb"))', '8jMxriJurkmwahbmqbIS6w==', 'base64-encode-fromguid-function'],
    // Round trip in .NET byte order (the docs' own toguid example shows the third group unswapped: see known-differences).
    ['base64_decode_toguid("8jMxriJurkmwahbmqbIS6w==")', 'ae3133f2-6e22-49ae-b06a-16e6a9b212eb', 'base64-decode-toguid-function'],
  ]);
  const r = await kql('let bytes_array = toscalar(print base64_decode_toarray("S3VzdG8="));\nprint decoded_base64_string = base64_encode_fromarray(bytes_array)');
  assert.deepEqual(r.rows, [['S3VzdG8=']]);
});

test('url_encode, url_encode_component, url_decode (url-*-function.md)', async () => {
  await check([
    [`url_encode('https://www.bing.com/hello world')`, 'https%3a%2f%2fwww.bing.com%2fhello+world', 'url-encode-function'],
    [`url_encode_component('https://www.bing.com/hello world')`, 'https%3a%2f%2fwww.bing.com%2fhello%20world', 'url-encode-component-function'],
    [`url_decode('https%3a%2f%2fwww.bing.com%2f')`, 'https://www.bing.com/', 'url-decode-function'],
    [`url_decode('a+b%2Bc')`, 'a b+c', 'plus is a space'],
    [`url_decode(url_encode('ünï cødé'))`, 'ünï cødé', 'round trip'],
  ]);
});

test('hash is xxhash64 of the value bytes (hash-function.md, hash-xxhash64-function.md)', async () => {
  // Longs beyond 2^53 come back from kqlValue as decimal text.
  await check([
    ['hash("World")', '1846988464401551951', 'hash-function'],
    ['hash("World", 100)', 51, 'hash-function'],
    ['hash(datetime("2015-01-01"))', '1380966698541616202', 'hash-function'],
    ['hash_xxhash64("World")', '1846988464401551951', 'hash-xxhash64-function'],
    ['hash_xxhash64("World", 100)', 51, 'hash-xxhash64-function'],
    ['hash_xxhash64(datetime("2015-01-01"))', '1380966698541616202', 'hash-xxhash64-function'],
    ['hash("Hello")', '753694413698530628', 'hash-combine-function'],
  ]);
  // XXH64 reference vectors (seed 0): the empty input, and 39 bytes for the four-lane loop.
  assert.equal(xxhash64(new Uint8Array(0)), BigInt.asIntN(64, 0xef46db3751d8e999n));
  assert.equal(xxhash64(new TextEncoder().encode('Nobody inspects the spammish repetition')), BigInt.asIntN(64, 0xfbcea83c8a378bf1n));
  assert.equal(await kqlValue('print hash_many("Hello", "World") == hash_combine(hash("Hello"), hash("World"))'), true);
});

test('md5, sha1 and sha256 hash the value text (hash-md5-function.md and siblings)', async () => {
  await check([
    ['hash_md5("World")', 'f5a7924e621e84c9280a9a27e1bcb7f6', 'hash-md5-function'],
    ['hash_md5(datetime(2020-01-01))', '786c530672d1f8db31fee25ea8a9390b', 'hash-md5-function'],
    ['hash_sha1("World")', '70c07ec18ef89c5309bbb0937f3a6342411e1fdd', 'hash-sha1-function'],
    ['hash_sha1(datetime(2020-01-01))', 'e903e533f4d636b4fc0dcf3cf81e7b7f330de776', 'hash-sha1-function'],
    ['hash_sha256("World")', '78ae647dc5544d227130a0682a51e30bc7777fbb6d8a8f17007463a3ecd1d524', 'hash-sha256-function'],
    ['hash_sha256(datetime(2020-01-01))', 'ba666752dc1a20eb750b0eb64e780cc4c968bc9fb8813461c1d7e750f302d71d', 'hash-sha256-function'],
  ]);
});

test('zlib and gzip to and from base64 (zlib-base64-*-function.md, gzip-base64-*.md)', async () => {
  await check([
    ['zlib_compress_to_base64_string("1234567890qwertyuiop")', 'eAEBFADr/zEyMzQ1Njc4OTBxd2VydHl1aW9wOAkGdw==', 'zlib-base64-compress-function'],
    ['zlib_decompress_from_base64_string("eJwLSS0uUSguKcrMS1cwNDIGACxqBQ4=")', 'Test string 123', 'zlib-base64-decompress-function'],
    ['zlib_decompress_from_base64_string("x0x0x0")', '', 'zlib-base64-decompress-function'],
    ['gzip_compress_to_base64_string("1234567890qwertyuiop")', 'H4sIAAAAAAAA/wEUAOv/MTIzNDU2Nzg5MHF3ZXJ0eXVpb3A6m7f2FAAAAA==', 'gzip-base64-compress'],
    ['gzip_decompress_from_base64_string("H4sIAAAAAAAA/wEUAOv/MTIzNDU2Nzg5MHF3ZXJ0eXVpb3A6m7f2FAAAAA==")', '1234567890qwertyuiop', 'gzip-base64-decompress'],
    ['gzip_decompress_from_base64_string("x0x0x0")', '', 'gzip-base64-decompress'],
    ['zlib_decompress_from_base64_string(zlib_compress_to_base64_string("äöü"))', 'äöü', 'round trip'],
  ]);
});

test('punycode strings and domains (punycode-*-function.md)', async () => {
  await check([
    [`punycode_from_string('académie-française')`, 'acadmie-franaise-npb1a', 'punycode-from-string-function'],
    [`punycode_to_string('acadmie-franaise-npb1a')`, 'académie-française', 'punycode-to-string-function'],
    [`punycode_from_string('艺术')`, 'cqv902d', 'punycode-from-string-function'],
    [`punycode_domain_from_string("xn--Ge-mia.Bulg.edu")`, 'Gáe.Bulg.edu', 'punycode-domain-from-string-function'],
    [`punycode_domain_from_string("xn--Lin-8na.Celtchair.org")`, 'Lúin.Celtchair.org', 'punycode-domain-from-string-function'],
    [`punycode_domain_from_string("xn--Ry-lja8c.xn--Jng-uta63a.xn--Bng-9ka.com")`, 'Rúyì.Jīngū.Bàng.com', 'punycode-domain-from-string-function'],
    [`punycode_domain_to_string('Lê Lợi。Thuận Thiên。com')`, 'xn--L Li-gpa4517b.xn--Thun Thin-s4a7194f.com', 'punycode-domain-to-string-function'],
    [`punycode_domain_to_string('Riðill｡Skáldskaparmál｡org')`, 'xn--Riill-jta.xn--Skldskaparml-dbbj.org', 'punycode-domain-to-string-function'],
    [`punycode_domain_to_string("Kaledvoulc'h.Artorījos.edu")`, "Kaledvoulc'h.xn--Artorjos-ejb.edu", 'punycode-domain-to-string-function'],
  ]);
  assert.equal(punycodeDecode(punycodeEncode('bücher-ünd-straße')), 'bücher-ünd-straße');
  assert.equal(punycodeDecode('!!'), null);
});
