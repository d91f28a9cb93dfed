/**
 * `kqlwatch test [PATH...]`: runs rule test files (*.test.yaml) and prints each case as passed or failed with the
 * expected-vs-actual diff, then `N passed, N failed`. Exit code 1 when anything failed. See src/testing-rules/.
 */
import { writeFileSync } from 'node:fs';
import { junitXml, runTests, type FileResult } from '../../index.js';
import { parseOptions, UsageError, write, type Command } from '../command.js';

const help = `Usage: kqlwatch test [PATH...] [--reporter junit FILE] [--update] [--quiet]

Run the rule tests in PATH (files, or folders searched for *.test.yaml; default: rules/). Each case loads its
rows into a throw-away in-memory store, runs the rule through the scheduler at the case's pinned times (the
same code as 'kqlwatch run' and 'replay': windows, five-minute delay, trigger, suppression, incidents) and
compares alerts and incidents with its expectation.

Options:
  --reporter junit FILE   also write the results as JUnit XML to FILE (for CI)
  --update                fill in the expectation of every case that has none from its actual outcome
                          (review the result before committing it)
  --quiet                 print only failures and the summary
  -h, --help              show this help
`;

export const testCommand: Command = {
  name: 'test',
  summary: 'run rule unit tests (*.test.yaml) with Sentinel scheduling semantics',
  help,
  async run(args) {
    const { values, positionals } = parseOptions('test', args, {
      reporter: { type: 'string' },
      update: { type: 'boolean' },
      quiet: { type: 'boolean' },
    });
    if (values.help) {
      await write(help);
      return 0;
    }
    let junitFile: string | undefined;
    if (values.reporter !== undefined) {
      if (values.reporter !== 'junit') throw new UsageError(`unknown reporter '${values.reporter}': use --reporter junit FILE`);
      // parseArgs gives the option one value: the file is the first positional after it.
      const i = args.findIndex((a) => a === '--reporter' || a.startsWith('--reporter='));
      const file = i < 0 ? undefined : args[i] === '--reporter' ? args[i + 2] : args[i + 1];
      if (file === undefined || file.startsWith('-')) throw new UsageError(`--reporter junit needs a FILE`);
      junitFile = file;
    }
    const paths = positionals.filter((p) => p !== junitFile);
    const summary = await runTests(paths.length > 0 ? paths : ['rules'], {
      update: values.update ?? false,
      onFile: (f) => write(fileReport(f, values.quiet ?? false)),
    });
    if (junitFile !== undefined) writeFileSync(junitFile, junitXml(summary));
    const updated = summary.updated > 0 ? `, ${summary.updated} updated` : '';
    await write(`${summary.passed} passed, ${summary.failed} failed${updated}\n`);
    return summary.failed > 0 ? 1 : 0;
  },
};

function fileReport(f: FileResult, quiet: boolean): string {
  const out: string[] = [];
  if (f.error) {
    out.push(`FAIL ${f.error}`);
    return out.join('\n') + '\n';
  }
  if (!quiet) out.push(f.file);
  for (const c of f.cases) {
    if (quiet && c.status !== 'failed') continue;
    const mark = c.status === 'passed' ? 'pass' : c.status === 'updated' ? 'updated' : 'FAIL';
    const known = c.known ? ' [known behaviour]' : '';
    out.push(`  ${mark} ${c.name}${known} (${c.durationMs.toFixed(0)} ms)${c.status === 'failed' ? `  ${f.file}:${c.line}` : ''}`);
    for (const d of c.diff) out.push(`       ${d}`);
  }
  return out.length > 0 ? out.join('\n') + '\n' : '';
}
