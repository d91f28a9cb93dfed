/**
 * `kqlwatch demo`: the product in one command. Simulates a small tenant's day (deterministic: fixed seed and
 * clock), replays the rule pack shipped with kqlwatch over it with the scheduler's own code (as `kqlwatch
 * replay`), prints rows per table, alerts and incidents per rule and the time it took, and starts the web UI
 * when this build has one. An existing demo database is reused (or, with --fresh, replaced).
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  formatLabels, openStore, readLabels, replay, runKqlOnStore, tableRowCounts, writeSimulation,
  type Store,
} from '../../index.js';
import { parseOptions, UsageError, write, type Command } from '../command.js';
import { loadRunnableRules, parseTime } from './run.js';

export const DEMO_DB = './kqlwatch-demo.duckdb';
/** The demo's clock: a Friday noon UTC, so every time zone's working day is in the simulated day. */
export const DEMO_NOW = '2026-05-01T12:00:00Z';
const DEMO_SEED = 'kqlwatch-demo';
const DEMO_USERS = 300;
const SIM_TABLES = ['SigninLogs', 'AADNonInteractiveUserSignInLogs', 'AuditLogs', 'AADRiskyUsers', 'ThreatIntelIndicators', 'IdentityInfo'];

/** The package's own rule pack: dist/cli/commands/demo.js sits three levels below the package root. */
export const PACK_RULES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'rules');

const help = `Usage: kqlwatch demo [--db FILE] [--users N] [--seed S] [--now ISO] [--fresh | --reuse] [--no-serve]

See kqlwatch work in one command: simulate a small tenant's day of Entra ID logs with labelled attacks,
replay kqlwatch's rule pack over it (every scheduled run of the day, as 'kqlwatch replay' does), and print
what it found: rows per table, alerts and incidents per rule. Then start the web UI, when this build has one.

Options:
  --db FILE       the demo database (default ${DEMO_DB})
  --users N       accounts in the simulated tenant (default ${DEMO_USERS})
  --seed S        the simulation's seed (default "${DEMO_SEED}")
  --now ISO       the end of the simulated day and the replay's clock (default ${DEMO_NOW})
  --fresh         delete an existing demo database and start clean
  --reuse         reuse an existing demo database as it is (the default when it exists)
  --no-serve      do not start the web UI; exit after the summary
  --port N        the web UI's port (default: the serve command's)
  -h, --help      show this help
`;

export const demoCommand: Command = {
  name: 'demo',
  summary: 'simulate a tenant, run the rule pack over it, show the results',
  help,
  async run(args) {
    const { values, positionals } = parseOptions('demo', args, {
      db: { type: 'string' },
      users: { type: 'string' },
      seed: { type: 'string' },
      now: { type: 'string' },
      fresh: { type: 'boolean' },
      reuse: { type: 'boolean' },
      'no-serve': { type: 'boolean' },
      port: { type: 'string' },
    });
    if (values.help) {
      await write(help);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see 'kqlwatch demo --help')`);
    if (values.fresh && values.reuse) throw new UsageError(`--fresh and --reuse contradict each other`);
    const users = values.users === undefined ? DEMO_USERS : Number(values.users);
    if (!/^\d+$/.test(values.users ?? '300') || users < 10) throw new UsageError(`--users must be an integer of at least 10, not '${values.users}'`);
    const seed = values.seed ?? DEMO_SEED;
    const now = parseTime('now', values.now ?? DEMO_NOW);
    const db = values.db ?? DEMO_DB;
    const labelsPath = `${db}.labels.json`;
    if (!existsSync(PACK_RULES)) throw new Error(`the rule pack is missing: no folder ${PACK_RULES}`);

    const started = performance.now();
    const notes: string[] = [];
    let reuse = false;
    if (existsSync(db)) {
      if (values.fresh) {
        for (const f of [db, `${db}.wal`, labelsPath]) rmSync(f, { force: true });
        notes.push(`deleted the existing ${db} (--fresh)`);
      } else {
        reuse = true;
        notes.push(values.reuse
          ? `reusing ${db} (--reuse): nothing simulated`
          : `reusing the existing ${db}: nothing simulated (pass --fresh to start clean)`);
        if (values.users !== undefined || values.seed !== undefined || values.now !== undefined) {
          notes.push(`--users, --seed and --now apply only to a new demo database; they are ignored`);
        }
      }
    }
    const { rules, skipped } = loadRunnableRules([PACK_RULES]);

    let store: Store | undefined = await openStore(db);
    let simMs = 0;
    let from = new Date(now.getTime() - 86_400_000);
    let to = now;
    let replayMs = 0;
    let runs = 0;
    let failed = 0;
    let summary: string;
    try {
      if (reuse) {
        if (existsSync(labelsPath)) {
          const l = readLabels(labelsPath);
          from = new Date(l.start);
          to = new Date(l.now);
        }
      } else {
        const s = await writeSimulation({ users, days: 1, seed, now }, { store });
        writeFileSync(labelsPath, formatLabels(s.labels));
        simMs = s.ms;
        notes.push(`simulated ${users} accounts over one day (seed "${seed}") in ${(simMs / 1000).toFixed(1)} s; `
          + `${s.labels.labels.filter((l) => l.kind === 'attack').length} attacks and ${s.labels.labels.filter((l) => l.kind === 'benign').length} benign look-alikes labelled in ${labelsPath}`);
      }
      const t = performance.now();
      const outcomes = await replay(store, rules, from, to);
      replayMs = Math.round(performance.now() - t);
      runs = outcomes.length;
      failed = outcomes.filter((o) => o.record.status === 'Failure').length;
      summary = await summarize(store, rules.map((r) => ({ id: r.id, name: r.name })), now);
    } finally {
      store.close();
      store = undefined;
    }
    const totalMs = Math.round(performance.now() - started);
    const rulesArg = displayPath(PACK_RULES);
    const lines = [
      ...notes,
      `replayed ${rules.length} rules from ${iso(from)} to ${iso(to)}: ${runs} scheduled runs${failed > 0 ? `, ${failed} FAILED` : ''} in ${(replayMs / 1000).toFixed(1)} s`,
      '',
      summary,
      `done in ${(totalMs / 1000).toFixed(1)} s. The database is ${db}; query it with KQL, e.g.`,
      `  kqlwatch incidents --db ${db}`,
      `  kqlwatch query --db ${db} "SecurityIncident | summarize arg_max(TimeGenerated, *) by IncidentNumber | project IncidentNumber, Title, Severity, Status"`,
      `  kqlwatch query --db ${db} --now ${iso(to)} "SigninLogs | where TimeGenerated > ago(1h) | summarize count() by ResultType"`,
      `score the rules against the simulation's labels:`,
      `  kqlwatch eval --rules ${rulesArg} --data ${db}`,
    ];
    await write(lines.join('\n') + '\n');
    const code = skipped > 0 || failed > 0 ? 1 : 0;
    if (values['no-serve']) return code;
    const serve = await findServeCommand();
    if (!serve) {
      await write(`\nThe web UI is not available in this version yet; use the commands above.\n`);
      return code;
    }
    // The demo's data lives at simulated times: the UI shows it, and the scheduler stays off (on the real clock it
    // would only run the rules over empty windows).
    await write(`\nstarting the web UI (kqlwatch serve --db ${db} --rules ${rulesArg} --no-scheduler); Ctrl-C to stop\n`);
    return await serve.run(['--db', db, '--rules', PACK_RULES, '--no-scheduler', ...(values.port !== undefined ? ['--port', values.port] : [])]);
  },
};

/** The `serve` command when this build has one (src/cli/commands/serve.ts); undefined otherwise. */
async function findServeCommand(): Promise<Command | undefined> {
  const file = new URL('./serve.js', import.meta.url);
  if (!existsSync(fileURLToPath(file))) return undefined;
  const specifier: string = pathToFileURL(fileURLToPath(file)).href;
  const mod = (await import(specifier)) as Record<string, unknown>;
  return Object.values(mod).find((v): v is Command =>
    typeof v === 'object' && v !== null && (v as Command).name === 'serve' && typeof (v as Command).run === 'function');
}

async function summarize(store: Store, rules: readonly { id: string; name: string }[], now: Date): Promise<string> {
  const counts = await tableRowCounts(store);
  const tableLines = SIM_TABLES.map((t) => `  ${t.padEnd(34)} ${String(counts.get(t) ?? 0n).padStart(9)}`);
  const alerts = await perRule(store, 'SecurityAlert | summarize n = count() by RuleId = AlertType', now);
  const incidents = await perRule(store,
    'SecurityIncident | summarize arg_max(TimeGenerated, *) by IncidentNumber | summarize n = count() by RuleId = tostring(RelatedAnalyticRuleIds[0])', now);
  const width = Math.max(4, ...rules.map((r) => r.name.length));
  const ruleLines = rules.map((r) => `  ${r.name.padEnd(width)} ${String(alerts.get(r.id) ?? 0).padStart(6)} ${String(incidents.get(r.id) ?? 0).padStart(9)}`);
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return [
    `rows per table`,
    ...tableLines,
    '',
    `  ${'rule'.padEnd(width)} ${'alerts'.padStart(6)} ${'incidents'.padStart(9)}`,
    ...ruleLines,
    `  ${'total'.padEnd(width)} ${String(sum(alerts)).padStart(6)} ${String(sum(incidents)).padStart(9)}`,
    '',
  ].join('\n');
}

async function perRule(store: Store, query: string, now: Date): Promise<Map<string, number>> {
  const out = await runKqlOnStore(store, query, { now });
  if (!out.ok) throw new Error(`demo summary query failed: ${out.diagnostics.map((d) => d.message).join('; ')}`);
  return new Map(out.result.rows.map((r) => [String(r[0]), Number(r[1])]));
}

function iso(d: Date): string {
  return d.toISOString().replace('.000Z', 'Z');
}

/** A path as the user would type it from here: relative when under the working directory. */
function displayPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}
