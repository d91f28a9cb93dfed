/**
 * `kqlwatch run`: runs every enabled rule whose slots are due at --now (default: the current time) and not yet run,
 * oldest first, catching up slots missed while kqlwatch was not running. One line per run, then a summary.
 * Rules that do not load or cannot run are named on stderr and skipped; the exit code is 1 if any was, or if a
 * rule's query failed (the failure is also recorded in the run history).
 */
import { existsSync } from 'node:fs';
import {
  formatDatetime, formatRuleIssue, loadRules, openStore, parseDatetime, runDueRules, validateRule,
  type Rule, type RuleRunOutcome,
} from '../../index.js';
import { parseOptions, UsageError, write, type Command } from '../command.js';
import { DEFAULT_DB } from './ingest.js';

const help = `Usage: kqlwatch run --rules PATH [--rules PATH...] [--db FILE] [--now ISO]

Run every enabled rule whose schedule is due at --now and has not run yet. A rule runs at each multiple of
its queryFrequency (NRT rules: every minute) over the window Sentinel gives it: queryPeriod ending five
minutes (NRT: two minutes) before the scheduled time. Missed slots are caught up in order; a slot never
runs twice. Alerts, incidents and the run history are stored in the database.

Options:
  --rules PATH     a rule file (YAML, ARM JSON) or a folder of them; repeatable
  --db FILE        the store's database file (default ${DEFAULT_DB})
  --now ISO        the scheduler's clock, e.g. 2026-05-01T12:00:00Z (default: the current time)
  -h, --help       show this help
`;

export function parseTime(option: string, text: string): Date {
  const ns = parseDatetime(text);
  if (ns === undefined) throw new UsageError(`--${option} must be an ISO 8601 datetime such as 2026-05-01T12:00:00Z, not '${text}'`);
  return new Date(Number(ns / 1_000_000n));
}

/** The runnable rules under the paths; every other rule is reported on stderr. */
export function loadRunnableRules(paths: readonly string[]): { rules: Rule[]; skipped: number } {
  if (paths.length === 0) throw new UsageError(`give the rules with --rules PATH`);
  const loaded = loadRules(paths);
  let skipped = 0;
  for (const i of loaded.issues) {
    if (i.severity === 'error') {
      process.stderr.write(`kqlwatch: ${formatRuleIssue(i)}\n`);
      skipped++;
    }
  }
  const rules: Rule[] = [];
  const seen = new Set<string>();
  for (const l of loaded.rules) {
    const report = validateRule(l);
    if (!report.runnable) {
      const first = report.issues.find((i) => i.severity === 'error');
      process.stderr.write(`kqlwatch: skipping rule '${l.rule.name}': ${first ? formatRuleIssue(first) : 'it cannot run'}\n`);
      skipped++;
    } else if (seen.has(l.rule.id)) {
      process.stderr.write(`kqlwatch: skipping rule '${l.rule.name}' (${l.rule.source.file}): another rule has the id ${l.rule.id}\n`);
      skipped++;
    } else {
      seen.add(l.rule.id);
      rules.push(l.rule);
    }
  }
  return { rules, skipped };
}

const iso = (d: Date) => formatDatetime(BigInt(d.getTime()) * 1_000_000n).replace('.0000000Z', 'Z');

export function runLine(o: RuleRunOutcome): string {
  const r = o.record;
  const head = `${iso(r.scheduledTime)}  ${r.ruleName}  (${iso(r.windowStart)}, ${iso(r.windowEnd)}]`;
  if (r.status === 'Suppressed') return `${head}  suppressed\n`;
  if (r.status === 'Failure') return `${head}  failed: ${r.error}\n`;
  const inc = r.incidentsCreated + r.incidentsUpdated > 0 ? `, incidents +${r.incidentsCreated} ~${r.incidentsUpdated}` : '';
  const notes = r.notes.length > 0 ? `  (${r.notes.join('; ')})` : '';
  return `${head}  ${r.rowsReturned} rows, ${r.triggered ? `${r.alertsCreated} alerts` : 'not triggered'}${inc}${notes}\n`;
}

export function summaryLine(outcomes: readonly RuleRunOutcome[]): string {
  const sum = (f: (o: RuleRunOutcome) => number) => outcomes.reduce((n, o) => n + f(o), 0);
  const failed = outcomes.filter((o) => o.record.status === 'Failure').length;
  const suppressed = outcomes.filter((o) => o.record.status === 'Suppressed').length;
  return `${outcomes.length} runs, ${sum((o) => o.record.alertsCreated)} alerts, ${sum((o) => o.record.incidentsCreated)} incidents created, `
    + `${sum((o) => o.record.incidentsUpdated)} updated, ${suppressed} suppressed, ${failed} failed\n`;
}

export const runCommand: Command = {
  name: 'run',
  summary: 'run the rules whose schedule is due',
  help,
  async run(args) {
    const { values, positionals } = parseOptions('run', args, {
      db: { type: 'string' },
      rules: { type: 'string', multiple: true },
      now: { type: 'string' },
    });
    if (values.help) {
      await write(help);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see 'kqlwatch run --help')`);
    const now = values.now === undefined ? new Date() : parseTime('now', values.now);
    const { rules, skipped } = loadRunnableRules(values.rules ?? []);
    const path = values.db ?? DEFAULT_DB;
    if (path !== ':memory:' && !existsSync(path)) process.stderr.write(`kqlwatch: creating the database ${path}\n`);
    const store = await openStore(path);
    try {
      const lines: string[] = [];
      const outcomes = await runDueRules(store, rules, now, { onRun: (o) => lines.push(runLine(o)) });
      await write(lines.join(''));
      await write(summaryLine(outcomes));
      return skipped > 0 || outcomes.some((o) => o.record.status === 'Failure') ? 1 : 0;
    } finally {
      store.close();
    }
  },
};
