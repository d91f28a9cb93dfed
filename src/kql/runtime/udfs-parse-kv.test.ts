import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseKv } from './udfs-parse-kv.js';
import { kql } from '../testing/run-kql.js';

// Examples from parse-kv-operator.md.
test('explicit delimiters, non-greedy and greedy values', () => {
  const text = 'name=John Doe phone=555 5555 city=New York';
  const keys = ['name', 'phone', 'city'];
  assert.deepEqual(parseKv(text, { keys, pairDelimiter: ' ', kvDelimiter: '=' }), { name: 'John', phone: '555', city: 'New' });
  assert.deepEqual(parseKv(text, { keys, pairDelimiter: ' ', kvDelimiter: '=', greedy: true }),
    { name: 'John Doe', phone: '555 5555', city: 'New York' });
});

test('quotes and escapes', () => {
  const text = 'src=10.1.1.123 failure="the remote host sent \\"bye!\\"" time=2021-01-01T10:00:54';
  assert.deepEqual(parseKv(text, { keys: ['failure', 'time'], pairDelimiter: ' ', kvDelimiter: '=', quote: '"', escape: '\\' }),
    { failure: 'the remote host sent "bye!"', time: '2021-01-01T10:00:54' });
});

test('lenient mode finds each key followed by : or =', () => {
  const text = '2021-01-01T10:00:34 [INFO] ThreadId:458745723, Machine:Node001, Text: Started';
  assert.deepEqual(parseKv(text, { keys: ['Text', 'ThreadId', 'Machine'] }), { Text: 'Started', ThreadId: '458745723', Machine: 'Node001' });
});

test('parse-kv operator gives typed columns', async () => {
  const r = await kql(`print str="ThreadId:458745723, Machine:Node001, Text: The service is up, Level: Info"
    | parse-kv str as (Text: string, ThreadId:long, Machine: string) with (pair_delimiter=',', kv_delimiter=':')
    | project-away str`);
  assert.deepEqual(r.columns, ['Text', 'ThreadId', 'Machine']);
  assert.deepEqual(r.rows, [['The service is up', 458745723, 'Node001']]);
});
