import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kql, kqlValue } from '../testing/run-kql.js';

// Documented examples: <function>-function.md.
const CASES: readonly [string, unknown][] = [
  ["ipv4_compare('192.168.1.1/24', '192.168.1.255')", 0],
  ["ipv4_compare('192.168.1.1/30', '192.168.1.255/24')", 0],
  ["ipv4_compare('192.168.1.1', '192.168.1.0', 31)", 0],
  ["ipv4_compare('192.168.1.1', '192.168.1.255', 24)", 0],
  ["ipv4_compare('192.168.1.2', '192.168.1.1')", 1],
  ["ipv4_compare('192.168.1.1', '192.168.1.2')", -1],
  ["ipv4_compare('192.168.1.1', 'bad')", null],
  ["ipv4_is_match('192.168.1.1/24', '192.168.1.255')", true],
  ["ipv4_is_match('192.168.1.1/24', '192.168.1.255', 31)", true],
  ["ipv4_is_match('192.168.1.1', '192.168.1.2')", false],
  ["ipv4_is_in_any_range('192.168.1.6', '192.168.1.1/24', '10.0.0.1/8', '127.1.0.1/16')", true],
  ['ipv4_is_in_any_range("127.0.0.1", dynamic(["127.0.0.1", "192.168.1.1"]))', true],
  ['ipv4_is_in_any_range("1.1.1.1", dynamic(["192.168.1.1/16", "127.0.0.1/8", "10.0.0.1/8"]))', false],
  ["ipv4_netmask_suffix('192.168.1.1/24')", 24],
  ["ipv4_netmask_suffix('10.1.2.3')", 32],
  ['ipv4_range_to_cidr_list("1.1.128.0", "1.1.140.255")', ['1.1.128.0/21', '1.1.136.0/22', '1.1.140.0/24']],
  ["format_ipv4('192.168.1.1', 24)", '192.168.1.0'],
  ["format_ipv4('192.168.1.1/24', 32)", '192.168.1.0'],
  ["format_ipv4('192.168.1.1/24', -1)", ''],
  ['format_ipv4(3232235777)', '192.168.1.1'],
  ["format_ipv4_mask('192.168.1.1', 24)", '192.168.1.0/24'],
  ["format_ipv4_mask('192.168.1.1/24', 32)", '192.168.1.0/24'],
  ["has_ipv4('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.0.1')", true],
  ["has_ipv4('05:04:54 127.0.0.256 GET /favicon.ico 404', '127.0.0.256')", false],
  ["has_ipv4('05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.0.1')", false],
  ['has_ipv4("Source address is 10.1.2.3:1234", "10.1.2.3")', true],
  ["has_ipv4_prefix('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.')", true],
  ["has_ipv4_prefix('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0')", false],
  ["has_ipv4_prefix('05:04:54 127.0.0.256 GET /favicon.ico 404', '127.0.')", false],
  ["has_ipv4_prefix('05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.')", false],
  ["has_any_ipv4('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.0.1', '127.0.0.2')", true],
  ["has_any_ipv4('05:04:54 127.0.0.1 GET /favicon.ico 404', dynamic(['127.0.0.1', '127.0.0.2']))", true],
  ["has_any_ipv4('05:04:54 127.0.0.256 GET /favicon.ico 404', dynamic([\"127.0.0.256\", \"192.168.1.1\"]))", false],
  ["has_any_ipv4('05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.0.1', '192.168.1.1')", false],
  ["has_any_ipv4_prefix('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.', '192.168.')", true],
  ["has_any_ipv4_prefix('05:04:54 127.0.0.1 GET /favicon.ico 404', dynamic([\"127.0.\", \"192.168.\"]))", true],
  ["has_any_ipv4_prefix('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0')", false],
  ["has_any_ipv4_prefix('05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.', '192.')", false],
  ["parse_ipv6('192.168.255.255')", '0000:0000:0000:0000:0000:ffff:c0a8:ffff'],
  ["parse_ipv6('192.168.255.255/24')", '0000:0000:0000:0000:0000:ffff:c0a8:ff00'],
  ["parse_ipv6('fe80::85d:e82c:9446:7994')", 'fe80:0000:0000:0000:085d:e82c:9446:7994'],
  ["parse_ipv6('not an address')", ''],
  ["parse_ipv6_mask('192.168.255.255', 120)", '0000:0000:0000:0000:0000:ffff:c0a8:ff00'],
  ["parse_ipv6_mask('192.168.255.255/24', 124)", '0000:0000:0000:0000:0000:ffff:c0a8:ff00'],
  ["parse_ipv6_mask('fe80::85d:e82c:9446:7994/120', 124)", 'fe80:0000:0000:0000:085d:e82c:9446:7900'],
  ["parse_ipv6_mask('::192.168.255.255', 128)", '0000:0000:0000:0000:0000:ffff:c0a8:ffff'],
  ["parse_ipv6_mask('::192.168.255.255/24', 128)", '0000:0000:0000:0000:0000:ffff:c0a8:ff00'],
  ["ipv6_compare('fe80::85d:e82c:9446:7994/120', 'fe80::85d:e82c:9446:7998')", 0],
  ["ipv6_compare('192.168.1.1', '::ffff:c0a8:0101')", 0],
  ["ipv6_compare('::192.168.1.1/30', '192.168.1.255/24')", 0],
  ["ipv6_compare('fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7995', 127)", 0],
  ["ipv6_compare('fe80::1', 'fe80::2')", -1],
  ["ipv6_is_match('192.168.1.1/24', '::ffff:c0a8:01ff')", true],
  ["ipv6_is_match('fe80::1', 'fe80::2')", false],
  ["ipv6_is_in_range('a5e:f127:8a9d:146d:e102:b5d3:c755:abcd', 'a5e:f127:8a9d:146d:e102:b5d3:c755:0000/112')", true],
  ["ipv6_is_in_range('a5e:f127:8a9d:146d:e102:b5d3:c755:abcd', '0:0:0:0:0:ffff:c0a8:ac/60')", false],
  ['ipv6_is_in_any_range("a5e:f127:8a9d:146d:e102:b5d3:c756:abd1", dynamic(["a5e:f127:8a9d:146d:e102:b5d3:c755:f6cd/112", "0:0:0:0:0:ffff:c0a8:ac/60"]))', false],
  ['ipv6_is_in_any_range("a5e:f127:8a9d:146d:e102:b5d3:c755:abcd", "a5e:f127:8a9d:146d:e102:b5d3:c755:f6cd/112")', true],
];

for (const [expr, expected] of CASES) {
  test(expr, async () => {
    assert.deepEqual(await kqlValue(`print ${expr}`), expected);
  });
}

test('ipv4_is_in_any_range over a column (ipv4-is-in-any-range-function.md)', async () => {
  const r = await kql(`let LocalNetworks = dynamic(["192.168.1.1/16", "127.0.0.1/8", "10.0.0.1/8"]);
    datatable(IP:string)["10.1.2.3", "192.168.1.5", "123.1.11.21", "1.1.1.1"] | extend IsLocal = ipv4_is_in_any_range(IP, LocalNetworks)`);
  assert.deepEqual(r.rows.map((row) => row[1]), [true, true, false, false]);
});

test('ipv4_lookup: prefixes, /0, the unmatched rows, and a network with a prefix over 32 that matches nothing', async () => {
  const r = await kql(`datatable(ip:string)['10.1.2.3', '10.1.2.300', '1.2.3.4', '']
    | evaluate ipv4_lookup(datatable(network:string, tag:string)['10.1.0.0/16', 'a', '0.0.0.0/0', 'all', '1.2.3.4/40', 'bad'], ip, network, return_unmatched = true)
    | order by ip asc, network asc`);
  assert.deepEqual(r.rows, [
    ['', '', ''],
    ['1.2.3.4', '0.0.0.0/0', 'all'],
    ['10.1.2.3', '0.0.0.0/0', 'all'],
    ['10.1.2.3', '10.1.0.0/16', 'a'],
    ['10.1.2.300', '', ''],
  ]);
});

test("ipv4_is_in_range with a prefix over 32 is null, not a failure", async () => {
  assert.equal(await kqlValue("print ipv4_is_in_range('1.2.3.4', '1.2.3.4/40')"), null);
});

test('ipv4_lookup: a datatable of networks (ranges computed at compile time) matches as a computed lookup table does', async () => {
  const networks = `datatable(network:string, tag:string)[' 10.0.0.0/8 ', 'spaces', '10.1.0.0/16', 'b', '10.1.0.0/16', 'dup',
    '256.1.1.1', 'octet', '1.2.3', 'short', '10.0.0.1/33', 'wide', '0.0.0.0/32', 'zero', '192.168.7.9', 'host',
    '172.16.0.0/12', 'rfc1918', '8.8.8.8/0', 'all', '', 'empty']`;
  const sources = `datatable(ip:string)['10.1.2.3', '10.200.0.1', '192.168.7.9', '192.168.7.10', '172.31.255.255', '172.32.0.0',
    '0.0.0.0', '256.1.1.1', '1.2.3.4', ' 10.0.0.1']`;
  const constant = await kql(`${sources} | evaluate ipv4_lookup(${networks}, ip, network, return_unmatched = true)
    | order by ip asc, tag asc`);
  // The projection makes the lookup table a computed one, so its ranges are parsed by DuckDB.
  const computed = await kql(`let Nets = ${networks} | project network = strcat(network, ''), tag;
    ${sources} | evaluate ipv4_lookup(Nets, ip, network, return_unmatched = true) | order by ip asc, tag asc`);
  assert.deepEqual(constant.rows, computed.rows);
  assert.deepEqual(constant.rows.filter((r) => r[0] === '10.1.2.3').map((r) => r[2]), ['all', 'b', 'dup', 'spaces']);
});
