/**
 * runCli(args): dispatches `kqlwatch <command> …` and turns every failure into a message and an exit code:
 * 2 for usage errors, 1 for input the user can fix (bad KQL, a bad ingest line, an unknown table). No stack
 * trace reaches the user unless KQLWATCH_DEBUG is set.
 */
import { readFileSync } from 'node:fs';
import { IngestError, StoreError } from '../index.js';
import { UsageError, write, type Command } from './command.js';
import { alertsCommand } from './commands/alerts.js';
import { backtestCommand } from './commands/backtest.js';
import { demoCommand } from './commands/demo.js';
import { evalCommand } from './commands/eval.js';
import { helpCommand } from './commands/help.js';
import { incidentsCommand } from './commands/incidents.js';
import { ingestCommand } from './commands/ingest.js';
import { queryCommand } from './commands/query.js';
import { replayCommand } from './commands/replay.js';
import { rulesCommand } from './commands/rules.js';
import { runCommand } from './commands/run.js';
import { serveCommand } from './commands/serve.js';
import { simulateCommand } from './commands/simulate.js';
import { tablesCommand } from './commands/tables.js';
import { testCommand } from './commands/test.js';
import { watchlistCommand } from './commands/watchlist.js';

const commands: readonly Command[] = [demoCommand, queryCommand, ingestCommand, tablesCommand, rulesCommand, watchlistCommand, simulateCommand,
  runCommand, replayCommand, alertsCommand, incidentsCommand, testCommand, backtestCommand, serveCommand, evalCommand];
const help = helpCommand(commands);

export async function runCli(args: readonly string[]): Promise<number> {
  try {
    const [first, ...rest] = args;
    if (first === undefined || first === '--help' || first === '-h') return await help.run([]);
    if (first === '--version') {
      await write(version() + '\n');
      return 0;
    }
    if (first === 'help') return await help.run(rest);
    const command = commands.find((c) => c.name === first);
    if (!command) throw new UsageError(`unknown command '${first}' (see 'kqlwatch --help')`);
    return await command.run(rest);
  } catch (e) {
    process.stderr.write(`kqlwatch: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.KQLWATCH_DEBUG && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
    if (e instanceof UsageError) return 2;
    if (e instanceof IngestError || e instanceof StoreError) return 1;
    // Anything else is a bug in kqlwatch; the message says so, so it gets reported rather than worked around.
    process.stderr.write(`kqlwatch: this is a bug; rerun with KQLWATCH_DEBUG=1 for details and report it\n`);
    return 1;
  }
}

function version(): string {
  // dist/cli/run-cli.js sits two levels below the package root.
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
