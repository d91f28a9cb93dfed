import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kql } from '../testing/run-kql.js';
import { rowWindowSessions } from '../runtime/udfs-window.js';

test('row_window_session: the documented example (row-window-session-function.md)', async () => {
  const r = await kql(`datatable (ID:string, Timestamp:datetime) [
      "1", datetime(2024-04-11 10:00:00), "2", datetime(2024-04-11 10:18:00), "1", datetime(2024-04-11 11:00:00),
      "3", datetime(2024-04-11 11:30:00), "2", datetime(2024-04-11 13:30:00), "2", datetime(2024-04-11 10:16:00)]
    | sort by ID asc, Timestamp asc
    | extend SessionStarted = row_window_session(Timestamp, 1h, 5m, ID != prev(ID))`);
  assert.deepEqual(r.rows, [
    ['1', '2024-04-11T10:00:00.0000000Z', '2024-04-11T10:00:00.0000000Z'],
    ['1', '2024-04-11T11:00:00.0000000Z', '2024-04-11T11:00:00.0000000Z'],
    ['2', '2024-04-11T10:16:00.0000000Z', '2024-04-11T10:16:00.0000000Z'],
    ['2', '2024-04-11T10:18:00.0000000Z', '2024-04-11T10:16:00.0000000Z'],
    ['2', '2024-04-11T13:30:00.0000000Z', '2024-04-11T13:30:00.0000000Z'],
    ['3', '2024-04-11T11:30:00.0000000Z', '2024-04-11T11:30:00.0000000Z'],
  ]);
});

test('row_window_session: a session ends at MaxDistanceFromFirst even while neighbours stay close, and a null starts anew', () => {
  const m = 60_000_000_000n;
  const at = (minutes: number) => String(BigInt(minutes) * m);
  // Every 4 minutes, neighbours 5 minutes apart at most, sessions 10 minutes long at most.
  assert.deepEqual(rowWindowSessions([at(0), at(4), at(8), at(12), at(16), null, at(17)], [], 10n * m, 5n * m),
    [at(0), at(0), at(0), at(12), at(12), null, at(17)]);
});

test('row_window_session: its column can be summarized by, and the rows keep their order; no rows give none', async () => {
  const T = `range i from 0 to 5 step 1 | extend t = datetime(2024-01-01) + i * 2m | sort by t asc`;
  const r = await kql(`${T} | extend s = row_window_session(t, 1h, 3m) | extend n = row_number() | summarize c = count(), lastN = max(n) by s`);
  assert.deepEqual(r.rows, [['2024-01-01T00:00:00.0000000Z', 6, 6]]);
  const empty = await kql(`${T} | where i > 10 | extend s = row_window_session(t, 1h, 3m)`);
  assert.deepEqual(empty.rows, []);
});

test('window functions after a projection that dropped the sort key still follow the serialized order', async () => {
  // The sort key t is renamed away before row_number(): the rows keep the sort's order (window-functions.md).
  const r = await kql('range i from 0 to 3 step 1 | extend t = i * 2 | sort by t desc | project i, t2 = t | extend n = row_number(), p = prev(i)');
  assert.deepEqual(r.rows, [[3, 6, 1, null], [2, 4, 2, 3], [1, 2, 3, 2], [0, 0, 4, 1]]);
});
