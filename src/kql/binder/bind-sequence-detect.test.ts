import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kql } from '../testing/run-kql.js';

// sequence-detect-plugin.md's StormEvents example, on rows that give its documented California and Texas output.
const STORMS = `datatable(State:string, EventType:string, StartTime:datetime)[
  "CALIFORNIA", "Excessive Heat", datetime(2007-05-08 00:00), "CALIFORNIA", "Wildfire", datetime(2007-05-08 16:02),
  "CALIFORNIA", "Wildfire", datetime(2007-05-10 11:30), "CALIFORNIA", "Wildfire", datetime(2007-05-20 00:00),
  "TEXAS", "Excessive Heat", datetime(2007-08-10 08:00), "TEXAS", "Wildfire", datetime(2007-08-11 13:56),
  "OREGON", "Wildfire", datetime(2007-08-11 13:56),
  "CALIFORNIA", "Excessive Heat", datetime(2007-08-31 08:00), "CALIFORNIA", "Wildfire", datetime(2007-09-01 11:28),
  "CALIFORNIA", "Excessive Heat", datetime(2007-09-02 12:00), "CALIFORNIA", "Wildfire", datetime(2007-09-02 13:30)]`;

test('sequence_detect: every later step within the windows, by dimension (sequence-detect-plugin.md)', async () => {
  const r = await kql(`${STORMS} | evaluate sequence_detect(StartTime, 5d, 5d, heat=(EventType == "Excessive Heat"), wildfire=(EventType == 'Wildfire'), State)
    | order by heat_StartTime asc, wildfire_StartTime asc`);
  assert.deepEqual(r.columns, ['State', 'heat_StartTime', 'wildfire_StartTime', 'Duration']);
  assert.deepEqual(r.rows, [
    ['CALIFORNIA', '2007-05-08T00:00:00.0000000Z', '2007-05-08T16:02:00.0000000Z', '16:02:00'],
    ['CALIFORNIA', '2007-05-08T00:00:00.0000000Z', '2007-05-10T11:30:00.0000000Z', '2.11:30:00'],
    ['TEXAS', '2007-08-10T08:00:00.0000000Z', '2007-08-11T13:56:00.0000000Z', '1.05:56:00'],
    ['CALIFORNIA', '2007-08-31T08:00:00.0000000Z', '2007-09-01T11:28:00.0000000Z', '1.03:28:00'],
    ['CALIFORNIA', '2007-08-31T08:00:00.0000000Z', '2007-09-02T13:30:00.0000000Z', '2.05:30:00'],
    ['CALIFORNIA', '2007-09-02T12:00:00.0000000Z', '2007-09-02T13:30:00.0000000Z', '01:30:00'],
  ]);
});

test('sequence_detect: three steps, each within the step window of the one before and all within the span', async () => {
  const T = `datatable(U:string, Op:string, T:datetime)[
    "a", "invite", datetime(2024-01-01 00:00), "a", "redeem", datetime(2024-01-01 00:30), "a", "admin", datetime(2024-01-01 00:50),
    "b", "invite", datetime(2024-01-01 00:00), "b", "redeem", datetime(2024-01-01 00:50), "b", "admin", datetime(2024-01-01 01:30)]`;
  const r = await kql(`${T} | evaluate sequence_detect(T, 1h, 1h, i=(Op == "invite"), r=(Op == "redeem"), x=(Op == "admin"), U)`);
  // b's admin step comes 1.5 h after its invite: beyond the span.
  assert.deepEqual(r.rows, [['a', '2024-01-01T00:00:00.0000000Z', '2024-01-01T00:30:00.0000000Z', '2024-01-01T00:50:00.0000000Z', '00:50:00']]);
});
