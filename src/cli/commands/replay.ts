/**
 * `kqlwatch replay`: walks a simulated clock from --from to --to, running each rule at each of its scheduled times
 * exactly as `kqlwatch run` would at that moment (the same scheduler code), so a day of logs can be backtested.
 */
import { openStore, replay } from '../../index.js';
import { parseOptions, UsageError, write, type Command } from '../command.js';
import { DEFAULT_DB } from './ingest.js';
import { loadRunnableRules, parseTime, runLine, summaryLine } from './run.js';

const help = `Usage: kqlwatch replay --rules PATH [--rules PATH...] --from ISO --to ISO [--db FILE] [--quiet]

Replay the rules over a time range: the scheduler's clock stops at every scheduled time of every enabled
rule between --from and --to, and runs what is due, as live operation would. Slots already run are not run
again, so a replay can be extended or resumed.

Options:
  --rules PATH     a rule file (YAML, ARM JSON) or a folder of them; repeatable
  --from ISO       the first moment of the range, e.g. 2026-05-01T00:00:00Z
  --to ISO         the last moment of the range
  --db FILE        the store's database file (default ${DEFAULT_DB})
  --quiet          print only the summary
  -h, --help       show this help
`;

export const replayCommand: Command = {
  name: 'replay',
  summary: 'run the rules over a past time range on a simulated clock',
  help,
  async run(args) {
    const { values, positionals } = parseOptions('replay', args, {
      db: { type: 'string' },
      rules: { type: 'string', multiple: true },
      from: { type: 'string' },
      to: { type: 'string' },
      quiet: { type: 'boolean' },
    });
    if (values.help) {
      await write(help);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see 'kqlwatch replay --help')`);
    if (values.from === undefined || values.to === undefined) throw new UsageError(`give the range with --from ISO --to ISO`);
    const from = parseTime('from', values.from);
    const to = parseTime('to', values.to);
    if (to < from) throw new UsageError(`--to must not be before --from`);
    const { rules, skipped } = loadRunnableRules(values.rules ?? []);
    const store = await openStore(values.db ?? DEFAULT_DB);
    try {
      const outcomes = await replay(store, rules, from, to, {
        onRun: (o) => {
          if (!values.quiet) process.stdout.write(runLine(o));
        },
      });
      await write(summaryLine(outcomes));
      return skipped > 0 || outcomes.some((o) => o.record.status === 'Failure') ? 1 : 0;
    } finally {
      store.close();
    }
  },
};
