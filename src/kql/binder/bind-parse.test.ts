import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kql } from '../testing/run-kql.js';

// parse-operator.md and parse-where-operator.md: the NotifySliceRelease traces, one valid and two with bad values.
const TRACES = `datatable(EventText: string)[
  "Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=27, sliceNumber=23, lockTime=02/17/2016 08:40:01, releaseTime=02/17/2016 08:40:01, previousLockTime=02/17/2016 08:39:01)",
  "Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=27, sliceNumber=15, lockTime=02/17/2016 08:40:00, releaseTime=nonValidDateTime, previousLockTime=02/17/2016 08:39:00)",
  "Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=nonValidLongValue, sliceNumber=20, lockTime=02/17/2016 08:40:01, releaseTime=nonValidDateTime 08:40:01, previousLockTime=02/17/2016 08:39:01)"]`;
const PATTERN = `* "resourceName=" resourceName ", totalSlices=" totalSlices: long ", sliceNumber=" sliceNumber: long * "lockTime=" lockTime ", releaseTime=" releaseTime: date "," * "previousLockTime=" previousLockTime: date ")" *`;

test('parse (simple): a typed value that does not convert empties the whole row', async () => {
  const r = await kql(`${TRACES} | parse EventText with ${PATTERN} | project-away EventText`);
  assert.deepEqual(r.rows, [
    ['PipelineScheduler', 27, 23, '02/17/2016 08:40:01', '2016-02-17T08:40:01.0000000Z', '2016-02-17T08:39:01.0000000Z'],
    ['', null, null, '', null, null],
    ['', null, null, '', null, null],
  ]);
});

test('parse kind=relaxed: only the value that does not convert is null', async () => {
  const r = await kql(`${TRACES} | parse kind=relaxed EventText with ${PATTERN} | project-away EventText`);
  assert.deepEqual(r.rows, [
    ['PipelineScheduler', 27, 23, '02/17/2016 08:40:01', '2016-02-17T08:40:01.0000000Z', '2016-02-17T08:39:01.0000000Z'],
    ['PipelineScheduler', 27, 15, '02/17/2016 08:40:00', null, '2016-02-17T08:39:00.0000000Z'],
    ['PipelineScheduler', null, 20, '02/17/2016 08:40:01', null, '2016-02-17T08:39:01.0000000Z'],
  ]);
});

test('parse-where keeps only the rows that parse', async () => {
  const r = await kql(`${TRACES} | parse-where EventText with ${PATTERN} | project sliceNumber`);
  assert.deepEqual(r.rows, [[23]]);
});
