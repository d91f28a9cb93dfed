import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { formatSummary, mergeReport, renderMarkdown, REPORT_BEGIN, REPORT_END } from './report.js';
import { loadKnownDifferences } from './known-differences.js';
import { DEFAULT_KNOWN_DIFFERENCES, PROJECT_ROOT, runConformance } from './run-conformance.js';

const corpus = join(PROJECT_ROOT, '..', 'shared', 'conformance', 'kql-docs.jsonl');

test('runConformance runs a filtered slice and tallies it', { skip: !existsSync(corpus) && 'no ../shared corpus' }, async () => {
  const run = await runConformance({ filter: 'asin-function' });
  const ids = run.results.map((r) => r.id).sort();
  assert.deepEqual(ids, ['asin-function#1', 'series-asin-function#1']);
  for (const r of run.results) assert.ok(r.passed || (r.reason ?? '') !== '', `${r.id} failed without a reason`);
  // Known differences stay failed; each carries its reason.
  const asin = run.results.find((r) => r.id === 'asin-function#1')!;
  assert.equal(asin.passed, false);
  assert.match(asin.knownDifference ?? '', /0\.5235987755982989/);
  assert.equal(run.suites.reduce((n, s) => n + s.passed + s.failed, 0), 2);
  const lines = formatSummary(run).split('\n');
  assert.match(lines[lines.length - 1]!, /^core: \d+ passed, \d+ failed$/);
});

test('known-differences.json is well formed', () => {
  const known = loadKnownDifferences(DEFAULT_KNOWN_DIFFERENCES);
  assert.ok(known.some((k) => k.id === 'asin-function#1'));
});

test('the summary always ends with the core line, even when core was filtered out', () => {
  const run = {
    now: '2026-01-15T12:00:00.000Z', sharedDir: '.', results: [], suites: [{ suite: 'geo', passed: 1, failed: 2 }],
    features: [], knownDifferences: [], unknownKnownDifferences: [],
  };
  const lines = formatSummary(run).split('\n');
  assert.equal(lines[lines.length - 1], 'core: 0 passed, 0 failed');
  assert.match(renderMarkdown(run), /\| geo \| 3 \| 1 \| 2 \| 33\.3% \|/);
});

test('mergeReport replaces only the generated section', () => {
  const first = mergeReport(undefined, 'one\n');
  assert.ok(first.startsWith('# Conformance\n'));
  const withOther = first + '\n## Function coverage\n\nkept\n';
  const second = mergeReport(withOther, 'two\n');
  assert.ok(second.includes(`${REPORT_BEGIN}\ntwo\n${REPORT_END}`));
  assert.ok(!second.includes('one\n'));
  assert.ok(second.includes('## Function coverage\n\nkept\n'));
  const appended = mergeReport('# Other\n', 'three\n');
  assert.ok(appended.startsWith('# Other\n\n' + REPORT_BEGIN));
});
