/**
 * `kqlwatch simulate`: a simulated Entra ID tenant — background sign-ins, audit, risk and threat-intel feeds,
 * with labelled attacks (one kind per seed rule, several variants) and benign look-alikes — as NDJSON files per
 * table (--out) and/or straight into a store (--db), with the ground truth in labels.json. Deterministic: the same
 * --users/--days/--seed/--now give the same bytes.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatLabels, openStore, parseDatetime, writeSimulation } from '../../index.js';
import { parseOptions, UsageError, write, type Command } from '../command.js';

const help = `Usage: kqlwatch simulate [options] (--out DIR | --db FILE | both)

Generate a simulated tenant's logs (SigninLogs, AADNonInteractiveUserSignInLogs, AuditLogs,
AADRiskyUsers, ThreatIntelIndicators, IdentityInfo) with injected attacks and benign
look-alikes, and the labels saying which rule should fire for whom and when.

Options:
  --users N       accounts in the tenant (default 300; at least 10)
  --days D        days of logs ending at --now (default 1; fractions allowed)
  --seed S        the random seed (default "kqlwatch"); same options, same bytes
  --now ISO       the end of the simulated period, e.g. 2026-05-01T12:00:00Z
                  (default: the current time rounded down to the hour)
  --out DIR       write <Table>.ndjson files and labels.json into DIR
  --db FILE       load the rows into the store FILE (labels go to FILE.labels.json unless --out)
  --force         with --db: replace FILE if it exists
  -h, --help      show this help
`;

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'generate a simulated tenant with labelled attacks (NDJSON and/or a store)',
  help,
  async run(args) {
    const { values, positionals } = parseOptions('simulate', args, {
      users: { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string' },
      now: { type: 'string' },
      out: { type: 'string' },
      db: { type: 'string' },
      force: { type: 'boolean' },
    });
    if (values.help) {
      await write(help);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see 'kqlwatch simulate --help')`);
    if (!values.out && !values.db) throw new UsageError(`say where to write: --out DIR, --db FILE or both (see 'kqlwatch simulate --help')`);
    const users = number('--users', values.users ?? '300', 10, true);
    const days = number('--days', values.days ?? '1', 1 / 24, false);
    const seed = values.seed ?? 'kqlwatch';
    const now = values.now === undefined ? new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000) : parseNow(values.now);
    if (values.db && existsSync(values.db)) {
      if (!values.force) throw new UsageError(`'${values.db}' exists: pass --force to replace it, or choose another --db file`);
      rmSync(values.db, { force: true });
      rmSync(`${values.db}.wal`, { force: true });
    }

    const store = values.db ? await openStore(values.db) : undefined;
    try {
      const s = await writeSimulation({ users, days, seed, now }, { out: values.out, store });
      if (values.db && !values.out) {
        writeFileSync(`${values.db}.labels.json`, formatLabels(s.labels));
      }
      const total = Object.values(s.rows).reduce((a, b) => a + b, 0);
      const lines = [
        `simulated ${s.labels.users} accounts, ${days} day(s) from ${s.labels.start} to ${s.labels.now} (seed "${seed}") in ${(s.ms / 1000).toFixed(1)} s`,
        ...Object.entries(s.rows).map(([t, n]) => `  ${t.padEnd(34)} ${String(n).padStart(10)}`),
        `  ${'total'.padEnd(34)} ${String(total).padStart(10)}`,
        `${s.labels.labels.filter((l) => l.kind === 'attack').length} attacks and ${s.labels.labels.filter((l) => l.kind === 'benign').length} benign look-alikes labelled in ${values.out ? path.join(values.out, 'labels.json') : `${values.db}.labels.json`}`,
        ...(values.out ? [`NDJSON files in ${values.out}`] : []),
        ...(values.db ? [`loaded into ${values.db}`] : []),
      ];
      await write(lines.join('\n') + '\n');
      return 0;
    } finally {
      store?.close();
    }
  },
};

function number(name: string, text: string, min: number, integer: boolean): number {
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
    throw new UsageError(`${name} must be ${integer ? 'an integer' : 'a number'} of at least ${integer ? min : min.toFixed(3)}, not '${text}'`);
  }
  return n;
}

function parseNow(text: string): Date {
  const ns = parseDatetime(text);
  if (ns === undefined) throw new UsageError(`--now must be an ISO 8601 datetime such as 2026-05-01T12:00:00Z, not '${text}'`);
  return new Date(Number(ns / 1_000_000n));
}
