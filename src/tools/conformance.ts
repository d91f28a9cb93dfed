/**
 * `npm run conformance -- [options]`: runs the KQL documentation examples (../shared/conformance) through
 * the engine and prints passed/failed per feature and per suite; the last line is `core: N passed, N failed`.
 * Exit code 0 even with failures (it is a measurement); 1 only when the runner itself breaks, 2 on bad usage.
 * Library use: `runConformance(options)` returns the structured results.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { formatSummary, mergeReport, renderMarkdown } from './conformance/report.js';
import { DEFAULT_TIMEOUT_MS, PROJECT_ROOT, runConformance } from './conformance/run-conformance.js';

export { runConformance } from './conformance/run-conformance.js';
export type { ConformanceOptions, ConformanceRun, ExampleResult } from './conformance/run-conformance.js';

const HELP = `Usage: npm run conformance -- [options]

  --shared DIR        folder holding conformance/kql-docs.jsonl (default: ../shared)
  --known FILE        known differences (default: test/conformance/known-differences.json)
  --filter TEXT       only examples whose id or feature contains TEXT
  --suite NAME        only one suite (core, geo, series, library, approx-graph)
  --now ISO           the queries' now() (default 2026-01-15T12:00:00Z)
  --timeout MS        per-example limit (default ${DEFAULT_TIMEOUT_MS})
  --verbose, --failures  list every failure with its reason
  --brief             no per-feature table
  --progress          print each example as it finishes (to stderr)
  --report            write docs/conformance.md (needs the whole corpus: no --filter/--suite)
  -h, --help`;

export async function main(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      options: {
        shared: { type: 'string' },
        known: { type: 'string' },
        filter: { type: 'string' },
        suite: { type: 'string' },
        now: { type: 'string' },
        timeout: { type: 'string' },
        verbose: { type: 'boolean', short: 'v' },
        failures: { type: 'boolean' },
        brief: { type: 'boolean' },
        progress: { type: 'boolean' },
        report: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${HELP}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const now = args.now === undefined ? undefined : new Date(args.now);
  if (now !== undefined && Number.isNaN(now.getTime())) {
    process.stderr.write(`--now: not a date: ${args.now}\n`);
    return 2;
  }
  const timeoutMs = args.timeout === undefined ? undefined : Number(args.timeout);
  if (timeoutMs !== undefined && !(timeoutMs > 0)) {
    process.stderr.write(`--timeout: not a positive number of milliseconds: ${args.timeout}\n`);
    return 2;
  }
  if (args.report && (args.filter !== undefined || args.suite !== undefined)) {
    process.stderr.write('--report describes the whole corpus; drop --filter/--suite\n');
    return 2;
  }

  const run = await runConformance({
    ...(args.shared === undefined ? {} : { shared: resolve(args.shared) }),
    ...(args.known === undefined ? {} : { knownDifferences: resolve(args.known) }),
    ...(args.filter === undefined ? {} : { filter: args.filter }),
    ...(args.suite === undefined ? {} : { suite: args.suite }),
    ...(now === undefined ? {} : { now }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(args.progress
      ? {
          onResult: (r, i, n) =>
            process.stderr.write(`[${i + 1}/${n}] ${r.passed ? 'pass' : 'FAIL'} ${r.id} (${r.ms} ms)${r.passed ? '' : ': ' + r.reason}\n`),
        }
      : {}),
  });

  if (args.report) {
    const path = join(PROJECT_ROOT, 'docs', 'conformance.md');
    mkdirSync(dirname(path), { recursive: true });
    const existing = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    writeFileSync(path, mergeReport(existing, renderMarkdown(run)));
    process.stderr.write(`wrote ${path}\n`);
  }
  process.stdout.write(formatSummary(run, { failures: args.verbose === true || args.failures === true, brief: args.brief === true }) + '\n');
  return 0;
}

// Run only as a script, not when imported by a test.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`conformance runner failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
