/**
 * The native path's SQL conversions (ndjson-native.ts columnSql) against value-fit.ts `tableValue`, value by value,
 * over hand-picked edge forms and seeded random ones of every column type: the SQL either fails (the file then goes
 * to the JS path) or yields exactly what the JS path stores. (Whole-file leniencies, e.g. `-0`, are covered by
 * ndjson-native.test.ts.)
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, DuckDBTimestampNanosecondsValue } from '@duckdb/node-api';
import { KUSTO_TYPES, type KustoType } from '../kql/plan/types.js';
import { str } from '../kql/sql/sql-text.js';
import { Rejected } from './column-value.js';
import { columnSql, stringSql, trimSql } from './ndjson-native.js';
import { tableValue } from './value-fit.js';

const dir = mkdtempSync(join(tmpdir(), 'kqlwatch-native-values-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let seed = 20260501;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const int = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const S = (x: string) => JSON.stringify(x);
const N = 40;

/** Raw JSON texts of values, per column type. */
function candidates(): Record<KustoType, string[]> {
  const c = Object.fromEntries(KUSTO_TYPES.map((t) => [t, ['null', '""', 'true', 'false', '0', '1', '-1', '1.5', '{}', '[]', '{"a":1}', '[1]', S('x')]])) as Record<KustoType, string[]>;
  const chars = ['a', ' ', '"', '\\', '/', '\n', '\t', '\r', '\b', '\f', '\u0000', '\u0001', '\u001f', '\u007f', '\u2028', 'é', 'e\u0301', '\u0301', '😀', '\ufeff', '\u00a0', '\u200b', '{', '}', '[', ']', ',', ':', '1', 'ſ'];
  const text = (n: number) => Array.from({ length: n }, () => pick(chars)).join('');
  for (let i = 0; i < N; i++) c.string.push(S(text(int(0, 8))));
  c.string.push('"\\u0041\\u00e9"', '"\\/"', '"\\ud83d\\ude00"');

  const hex = [...'0123456789abcdefABCDEF'];
  const guid = () => [8, 4, 4, 4, 12].map((n) => Array.from({ length: n }, () => pick(hex)).join('')).join('-');
  for (let i = 0; i < N / 4; i++) c.guid.push(S(guid()), S(guid().toUpperCase()), S(guid().slice(1)), S(`{${guid()}}`), S(` ${guid()}`));

  const numbers = ['-0', '7', '2147483647', '2147483648', '-2147483648', '-2147483649', '1.0', '1e3', '1E3', '1e400', '-1e400', '123456789012345678901234567890',
    '9007199254740991', '9007199254740992', '-9007199254740991', '9223372036854775807', '9223372036854775808', '-9223372036854775809', '0.0', '-0.0', '1e-400',
    '0.1', '0.30000000000000004', '1.7976931348623157e308', '1e309', '5e-324', '1e-7', '1.5e+300', '100.0', '123456789.123456789', '12345678901234567'];
  const texts = ['7', '+7', '-7', '007', ' 7', '7 ', '7.0', '1e3', '0x10', '1_000', '２', '٣', '+', '-', '2147483648', '-9223372036854775808', '9223372036854775808',
    'NaN', 'nan', 'Infinity', '+Infinity', '-Infinity', 'inf', '1.', '.5', '+.5', '-.5e-3', '1e', 'e1', '1_0', '1e400', '-0', '00.5', '.', '1,5'];
  for (const t of ['int', 'long', 'real', 'decimal', 'timespan', 'bool'] as const) c[t].push(...numbers, ...texts.map(S));
  for (let i = 0; i < N; i++) {
    const n = (rnd() < 0.5 ? '-' : '') + String(int(1, 9)) + Array.from({ length: int(0, 19) }, () => int(0, 9)).join('');
    c.int.push(n, S(n));
    c.long.push(n, S(n));
    const x = (rnd() - 0.5) * 10 ** int(-30, 30);
    c.real.push(String(x), S(String(x)), x.toExponential(int(0, 16)));
  }
  c.bool.push(...['TRUE', 'True', 'tRuE', 'FALSE', 'False', 'false ', 't', '1', 'yes', 'falſe'].map(S), 'true', 'false');

  const datetime = () => {
    let s = `${pad(pick([int(1678, 2261), int(1, 3000), 2024]), 4)}-${pad(pick([int(1, 12), 13]), 2)}-${pad(pick([int(1, 28), int(29, 32)]), 2)}`;
    if (rnd() < 0.9) {
      s += pick(['T', 'T', 't', ' ']) + pad(pick([int(0, 23), 24]), 2) + ':' + pad(int(0, 60), 2);
      if (rnd() < 0.9) s += ':' + pad(int(0, 60), 2) + (rnd() < 0.7 ? '.' + Array.from({ length: pick([1, 3, 7, 8, 9]) }, () => int(0, 9)).join('') : '');
    }
    if (rnd() < 0.85) s += pick(['', '', ' ']) + pick(['Z', 'z', `+${pad(int(0, 23), 2)}:${pad(int(0, 59), 2)}`, `-${pad(int(0, 23), 2)}${pad(int(0, 59), 2)}`, '+24:00', '+05']);
    return s;
  };
  for (let i = 0; i < 4 * N; i++) c.datetime.push(S(datetime()));
  c.datetime.push(...['2024-01-01Z', '2024-01-01T10:00Z', '2023-02-29T00:00:00Z', '2262-04-11T23:47:16.8547758Z', '2262-04-11T23:47:16.8547758-00:01',
    '1677-09-21T00:12:43.1454242Z', '4/14/2025 11:35:37 AM', '2025-04-14T3:15:37.008Z', ' 2024-01-01T00:00:00Z', '2024-1-01', '20240101'].map(S));

  const timespan = () => (rnd() < 0.3 ? '-' : '') + (rnd() < 0.5 ? `${pick([int(0, 9), int(0, 9999999), int(0, 99999999)])}.` : '') +
    `${pad(pick([int(0, 23), 24]), pick([1, 2]))}:${pad(int(0, 60), 2)}:${pad(int(0, 60), 2)}` + (rnd() < 0.5 ? '.' + Array.from({ length: pick([1, 7, 8]) }, () => int(0, 9)).join('') : '');
  for (let i = 0; i < 2 * N; i++) c.timespan.push(S(timespan()));
  c.timespan.push(...['10675199.02:48:05.4775807', '-10675199.02:48:05.4775808', '0000001.00:00:00', '01:00', '+01:00:00'].map(S));

  const json = (depth: number): string => {
    const r = rnd();
    if (depth > 3 || r < 0.35) {
      return pick(['1', '-0', '1.0', '1e2', '1E-7', '0.1', '0.000001', '0.0000001', '123456789012345', '1234567890123456', '1.23456789012345', '1.234567890123456',
        '12345678901234567890', '123456789012345678', '9007199254740993', '1.2345678901234567', '-98765432109876543210', '100000000000000000001',
        '-2.5', 'true', 'false', 'null', S(text(int(0, 5))), '"\\u0041"', '"\\u001f"', '"a\\/b"', '1e400']);
    }
    if (r < 0.65) return '[' + Array.from({ length: int(0, 4) }, () => json(depth + 1)).join(pick([',', ', '])) + ']';
    const keys = Array.from({ length: int(0, 4) }, () => pick(['a', 'b', 'id', '1', '01', '__proto__', 'é', 'k"q', '', 'a']));
    return '{' + keys.map((k) => `${S(k)}${pick([':', ' : '])}${json(depth + 1)}`).join(',') + '}';
  };
  for (let i = 0; i < 4 * N; i++) {
    const j = json(0);
    c.dynamic.push(j, S(j), S(pick([' ', '\n', '\u00a0', '\ufeff', '\u2028']) + j + pick([' ', '\t', '\u3000', ''])));
  }
  c.dynamic.push(...['[1,]', '{a:1}', '[NaN]', '[1e400]', '{"a":1}x', '[', '{"k":1,"k":2}', '{"a":"\\ud800"}', '[01]', '["\t"]', '{"2":1,"1":2}', '[-0]'].map(S),
    '{"k":1,"k":2}', '[{"k":1},{"k":2}]', '{"a":{"b":1,"b":2}}', '{"2":1,"1":2}', '{"a":1.0}', '{"a":"\\u001F"}',
    '[12345678901234567890]', '{"a":123456789012345678}', '[1,12345678901234567890,2]', '{"a":[0.1,1234567890123456789]}');
  return c;
}

/** What is stored, in a form compared exactly: text as UTF-8 bytes (hex), numbers by Object.is. */
function normalize(type: KustoType, v: unknown, fromJs: boolean): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof DuckDBTimestampNanosecondsValue) return v.nanos;
  if (type === 'int' || type === 'long' || type === 'timespan') return BigInt(v as number | bigint);
  if (fromJs && (type === 'string' || type === 'guid' || type === 'dynamic')) return Buffer.from(v as string, 'utf8').toString('hex').toUpperCase();
  return v;
}

test('every value the SQL converts, it converts exactly as the JS path', async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`SET TimeZone='UTC'`);
  const converted: Record<string, number> = {};
  try {
    for (const [type, raws] of Object.entries(candidates()) as [KustoType, string[]][]) {
      const lines = raws.filter((raw) => {
        try {
          JSON.parse(raw);
          return true;
        } catch {
          return false;
        }
      });
      const path = join(dir, `${type}.ndjson`);
      writeFileSync(path, lines.map((raw, id) => `{"id":${id},"v":${raw}}`).join('\n') + '\n');
      await connection.run(`CREATE OR REPLACE TABLE vals AS SELECT CAST(id AS INTEGER) AS id, v FROM read_json(${str(path)}, format = 'newline_delimited', records = true, maximum_depth = 1)`);
      const sql = columnSql({ name: 'v', type }, 'v', 's', 't');
      const read = type === 'datetime' ? `epoch_ns(${sql})` : type === 'string' || type === 'guid' || type === 'dynamic' ? `hex((${sql})::VARCHAR)` : sql;
      let n = 0;
      for (const [id, raw] of lines.entries()) {
        // DuckDB reads the number -0 as 0: the file scan sends such files to the JS path (ndjson-native.test.ts).
        if (raw === '-0' && (type === 'real' || type === 'decimal')) continue;
        let got: unknown;
        try {
          got = (await connection.runAndReadAll(`SELECT ${read} FROM (SELECT *, ${trimSql('s')} AS t FROM (SELECT v, ${stringSql('v')} AS s FROM vals WHERE id = ${id}))`)).getRows()[0]![0];
        } catch {
          continue; // the SQL gives up on this value: the JS path loads the file
        }
        n++;
        const expected = tableValue[type](JSON.parse(raw));
        assert.ok(!(expected instanceof Rejected), `${type} ${raw}: the SQL accepts ${String(got)}, the JS path rejects it`);
        const a = normalize(type, expected, true);
        const b = normalize(type, got, false);
        assert.ok(typeof a === 'number' ? Object.is(a, b) : a === b, `${type} ${raw}: JS ${String(a)}, SQL ${String(b)}`);
      }
      converted[type] = n;
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  // The SQL is not merely safe by giving up on everything.
  for (const type of KUSTO_TYPES) assert.ok(converted[type]! >= 10, `${type}: only ${converted[type]} values converted natively`);
});
