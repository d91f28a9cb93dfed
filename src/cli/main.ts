/**
 * The `kqlwatch` executable (bin/kqlwatch.js imports this module): runs the command line and sets the exit
 * code. A closed output pipe (`kqlwatch query … | head`) ends the process quietly.
 */
import { runCli } from './run-cli.js';

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

process.exitCode = await runCli(process.argv.slice(2));
