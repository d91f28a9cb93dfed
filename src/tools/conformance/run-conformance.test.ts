import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { formatSummary, mergeReport, renderMarkdown, REPORT_BEGIN, REPORT_END } from './report.js';
import { loadKnownDifferences } from './known-differences.js';
import { DEFAULT_KNOWN_DIFFERENCES, PROJECT_ROOT, runConformance } from './run-conformance.js';
import type { RunOutcome } from '../../kql/engine-types.js';

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

const noCorpus = !existsSync(corpus) && 'no ../shared corpus';

function ok(columns: RunOutcome & { ok: true } extends { result: infer R } ? R : never): RunOutcome {
  return { ok: true, result: columns, query: { text: '', sql: '', schema: columns.columns, explain: '', diagnostics: [] } };
}

test('a stand-in engine: pass, compile error, throw and timeout are each one result', { skip: noCorpus }, async () => {
  const run = await runConformance({
    filter: 'function#1',
    suite: 'core',
    timeoutMs: 300,
    runQuery: async (text, options) => {
      if (text === 'print asin(0.5)') return ok({ columns: [{ name: 'print_0', type: 'real' }], rows: [[Math.asin(0.5)]] });
      if (text === 'print atan(0.5)') return ok({ columns: [{ name: 'print_0', type: 'real' }], rows: [[Math.atan(0.5)]] });
      if (text.startsWith('print binary_not')) {
        return { ok: false, diagnostics: [{ code: 'KQW102', severity: 'error', message: 'unsupported function', line: 1, column: 7, start: 6, length: 10 }] };
      }
      if (text.startsWith('print binary_shift_left')) {
        // A long DuckDB query: interrupted by the timeout.
        await options.connection.run('SELECT count(*) FROM range(1000000000000) a');
        return ok({ columns: [], rows: [] });
      }
      if (text.startsWith('print binary_shift_right')) {
        // Runs after the interrupted query: the shared connection must still work.
        const reader = await options.connection.runAndReadAll('SELECT 0::BIGINT AS v');
        return ok({ columns: [{ name: 'print_0', type: 'long' }], rows: [[reader.getRows()[0]![0] as bigint]] });
      }
      throw new Error('not supported here');
    },
  });
  const byId = new Map(run.results.map((r) => [r.id, r]));
  // The true asin(0.5) does not match the docs' wrong value: a known difference, still counted failed.
  assert.equal(byId.get('asin-function#1')?.passed, false);
  assert.equal(byId.get('atan-function#1')?.passed, true);
  assert.equal(byId.get('binary-not-function#1')?.reason, '1:7 KQW102 error: unsupported function');
  assert.equal(byId.get('binary-shift-left-function#1')?.reason, 'timeout');
  assert.equal(byId.get('abs-function#1')?.reason, 'not supported here');
  assert.equal(byId.get('binary-shift-right-function#1')?.passed, true);
  const known = run.knownDifferences.find((k) => k.id === 'asin-function#1');
  assert.equal(known?.passed, false);
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
