import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, kqlTimespan, parseDuration } from './duration.js';

test('parseDuration reads ISO 8601, the repository short form and TimeSpan text', () => {
  const cases: [string, number][] = [
    ['PT5H', 5 * 3_600_000], ['P1D', 86_400_000], ['PT15M', 900_000], ['P1DT2H', 93_600_000], ['PT30S', 30_000],
    ['15m', 900_000], ['1h', 3_600_000], ['5d', 5 * 86_400_000], ['01:00:00', 3_600_000], ['1.00:00:00', 86_400_000],
  ];
  for (const [text, ms] of cases) assert.equal(parseDuration(text), ms, text);
});

test('parseDuration rejects what Sentinel rejects', () => {
  for (const bad of ['2H', '7d // comment', 'P', 'PT', '1w', '', 'soon']) assert.equal(parseDuration(bad), undefined, bad);
  assert.equal(parseDuration(5), undefined);
});

test('formatDuration and kqlTimespan', () => {
  assert.deepEqual([formatDuration(86_400_000), formatDuration(3_600_000), formatDuration(900_000)], ['1d', '1h', '15m']);
  assert.deepEqual([kqlTimespan('30d'), kqlTimespan('10min'), kqlTimespan('1.5h'), kqlTimespan('x')], [30 * 86_400_000, 600_000, 5_400_000, undefined]);
});
