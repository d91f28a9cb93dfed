import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kql } from '../testing/run-kql.js';

test('set query_now fixes now() and ago(), whatever now the run is given (request-properties: query_now)', async () => {
  const text = 'set query_now = datetime(2024-01-01); set notruncation; print now(), ago(1d)';
  const a = await kql(text, { now: '2026-01-15T12:00:00Z' });
  const b = await kql(text, { now: '2026-03-01T00:00:00Z' });
  assert.deepEqual(a.rows, [['2024-01-01T00:00:00.0000000Z', '2023-12-31T00:00:00.0000000Z']]);
  assert.deepEqual(b.rows, a.rows);
});

test('bin_auto() bins by set query_bin_auto_size, from query_bin_auto_at (bin-auto-function.md)', async () => {
  const r = await kql(`set query_bin_auto_size=1h; set query_bin_auto_at=datetime(2017-01-01 00:05);
    range Timestamp from datetime(2017-01-01 00:05) to datetime(2017-01-01 02:00) step 1m
    | summarize count() by bin_auto(Timestamp) | order by Timestamp asc`);
  assert.deepEqual(r.rows, [['2017-01-01T00:05:00.0000000Z', 60], ['2017-01-01T01:05:00.0000000Z', 56]]);
  await assert.rejects(kql('print bin_auto(1)'), /KQW201 bin_auto\(\) needs `set query_bin_auto_size/);
});

test('a set option that would change the result and kqlwatch does not read is an error naming it', async () => {
  await assert.rejects(kql('set query_take_max_records=5; print 1'), /KQW104 the option 'query_take_max_records' of set is not supported/);
});
