/**
 * `node dist/bench/peak-rss.js SCRIPT ARGS…`: runs SCRIPT (a module path) with ARGS as its command line and, when
 * the process exits, writes its peak resident memory to stderr as a last line `{"maxRssKb":N}`. The bench runs
 * each heavy measurement through this in a child process, so every measurement has a peak of its own.
 */
import { writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [script, ...rest] = process.argv.slice(2);
if (!script) {
  process.stderr.write('usage: node dist/bench/peak-rss.js SCRIPT [ARGS…]\n');
  process.exit(2);
}
process.on('exit', () => writeSync(2, `\n${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })}\n`));
process.argv = [process.argv[0]!, resolve(script), ...rest];
await import(pathToFileURL(resolve(script)).href);
