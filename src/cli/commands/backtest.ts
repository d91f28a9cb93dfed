/**
 * `kqlwatch backtest --db FILE --rule A.yaml [--against B.yaml] --from ISO --to ISO [--format table|json]`:
 * replays one rule, or two versions of it, over stored history without changing the database, and reports alerts
 * and incidents per day and per entity, and for two versions which alerts only A raises, only B, and both.
 */
import { existsSync } from 'node:fs';
import { backtest, backtestJson, formatBacktest, type Rule } from '../../index.js';
import { parseOptions, UsageError, write, type Command } from '../command.js';
import { loadRunnableRules, parseTime } from './run.js';

const help = `Usage: kqlwatch backtest --db FILE --rule A.yaml [--against B.yaml] --from ISO --to ISO [--format table|json]

Replay a rule over the history stored in FILE, on the scheduler's simulated clock (as 'kqlwatch replay'),
and report its alerts and incidents per day and per entity. With --against, replay a second version too and
show the difference: the alerts only A raises, only B raises, and both (an alert is its run and its entities).
The database is only read: each version runs in a throw-away in-memory copy of the rows it needs.

Options:
  --db FILE        the store's database file
  --rule A.yaml    the rule (version A)
  --against B.yaml another version of the rule (version B)
  --from ISO       the first moment of the range, e.g. 2026-05-01T00:00:00Z
  --to ISO         the last moment of the range
  --format F       table (default) or json
  -h, --help       show this help
`;

export const backtestCommand: Command = {
  name: 'backtest',
  summary: 'replay a rule (or compare two versions of it) over stored history',
  help,
  async run(args) {
    const { values, positionals } = parseOptions('backtest', args, {
      db: { type: 'string' },
      rule: { type: 'string' },
      against: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
    });
    if (values.help) {
      await write(help);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see 'kqlwatch backtest --help')`);
    if (values.db === undefined) throw new UsageError(`give the database with --db FILE`);
    if (!existsSync(values.db)) throw new UsageError(`no database at '${values.db}'`);
    if (values.rule === undefined) throw new UsageError(`give the rule with --rule FILE`);
    if (values.from === undefined || values.to === undefined) throw new UsageError(`give the range with --from ISO --to ISO`);
    const format = values.format ?? 'table';
    if (format !== 'table' && format !== 'json') throw new UsageError(`--format must be table or json, not '${format}'`);
    const from = parseTime('from', values.from);
    const to = parseTime('to', values.to);
    if (to < from) throw new UsageError(`--to must not be before --from`);
    const a = oneRule(values.rule);
    const b = values.against === undefined ? undefined : oneRule(values.against);
    const report = await backtest(values.db, { rule: a, file: values.rule }, b && values.against ? { rule: b, file: values.against } : undefined, from, to);
    await write(format === 'json' ? backtestJson(report) : formatBacktest(report));
    return report.versions.some((v) => v.failedRuns > 0) ? 1 : 0;
  },
};

function oneRule(file: string): Rule {
  const { rules, skipped } = loadRunnableRules([file]);
  if (skipped > 0 || rules.length !== 1) throw new UsageError(`${file} must hold exactly one runnable rule`);
  return rules[0]!;
}
