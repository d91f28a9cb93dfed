/**
 * `kqlwatch eval`: detection quality per rule on a simulated tenant. Replays the rules over the simulated data
 * (the scheduler's own code, as `kqlwatch replay`) and scores the alerts against the simulator's labels: true
 * positives, false positives, false negatives, precision, recall, and the alerts behind each miss and misfire.
 */
import { evaluateRules, formatScoreDetails, formatScoreJson, formatScoreTable, openEvalStore } from '../../index.js';
import { parseOptions, UsageError, write, type Command } from '../command.js';
import { loadRunnableRules } from './run.js';

const help = `Usage: kqlwatch eval --rules PATH [--rules PATH...] --data DIR_OR_DB [--format table|json] [--keep FILE]

Replay the rules over a simulated tenant and score them against its labels. DIR_OR_DB is what
'kqlwatch simulate' wrote: an --out directory (<Table>.ndjson and labels.json) or a --db store file
(labels in FILE.labels.json; the file is copied, never changed).

The replay runs from the start of the simulated period until every event in it has been inside a full
window (the period's end + the longest queryFrequency + 5 minutes). An alert is a hit on a label when it
names the label's user (an Account entity) and its StartTime-EndTime overlaps the label's window.
Per rule:
  tp   labels that expect the rule to fire and that it hit
  fn   labels that expect the rule to fire and that it missed
  fp   benign look-alikes it fired on, plus findings no label explains: its other alerts, grouped per
       user into spans of overlapping activity (a detection re-alerted by every run counts once)
Labels that do not list a rule are neutral for it. A rule is matched to the labels by id (or by name).
precision = tp / (tp + fp), recall = tp / (tp + fn).

Options:
  --rules PATH     a rule file (YAML, ARM JSON) or a folder of them; repeatable
  --data PATH      the simulated tenant: a directory or a store file
  --format FORMAT  table (default: the scores, then each rule's false positives and negatives with
                   their alerts) or json (one object per rule and line: rule, tp, fp, fn, precision,
                   recall, then the details)
  --keep FILE      leave the evaluated store (alerts, incidents) at FILE, for 'kqlwatch alerts --db FILE'
  -h, --help       show this help
`;

export const evalCommand: Command = {
  name: 'eval',
  summary: 'score rules on a simulated tenant: tp, fp, fn, precision, recall',
  help,
  async run(args) {
    const { values, positionals } = parseOptions('eval', args, {
      rules: { type: 'string', multiple: true },
      data: { type: 'string' },
      format: { type: 'string' },
      keep: { type: 'string' },
    });
    if (values.help) {
      await write(help);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see 'kqlwatch eval --help')`);
    if (values.data === undefined) throw new UsageError(`give the simulated tenant with --data DIR_OR_DB (see 'kqlwatch eval --help')`);
    const format = values.format ?? 'table';
    if (format !== 'table' && format !== 'json') throw new UsageError(`--format must be table or json, not '${format}'`);
    const { rules, skipped } = loadRunnableRules(values.rules ?? []);
    if (rules.length === 0) throw new UsageError(`no runnable rules to evaluate`);
    const data = await openEvalStore(values.data, values.keep);
    try {
      const e = await evaluateRules(data.store, rules, data.labels);
      if (format === 'json') {
        await write(formatScoreJson(e.scores));
      } else {
        const failed = e.runs.filter((o) => o.record.status === 'Failure').length;
        const l = data.labels;
        await write(
          `${l.users} accounts, ${l.labels.length} labels (${l.labels.filter((x) => x.kind === 'attack').length} attacks), `
            + `replayed ${e.runs.length} runs from ${e.from.toISOString()} to ${e.to.toISOString()} in ${(e.ms / 1000).toFixed(1)} s`
            + `${failed > 0 ? ` (${failed} failed)` : ''}\n\n`,
        );
        await write(formatScoreTable(e.scores));
        await write(formatScoreDetails(e.scores));
        if (values.keep) await write(`\nthe evaluated store is ${values.keep}: kqlwatch alerts --db ${values.keep}\n`);
      }
      return skipped > 0 || e.runs.some((o) => o.record.status === 'Failure') ? 1 : 0;
    } finally {
      data.close();
    }
  },
};
