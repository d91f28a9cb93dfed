/**
 * `kqlwatch serve`: the HTTP API and the browser UI on one port, and the scheduler on the real clock (the same
 * runDueRules as `kqlwatch run` and replay). Binds 127.0.0.1 unless told otherwise; any other host needs a token
 * (--token or KQLWATCH_TOKEN), which every API request must send as `Authorization: Bearer <token>`.
 */
import { randomBytes } from 'node:crypto';
import { serve } from '@hono/node-server';
import { openStore } from '../../index.js';
import { createApp } from '../../server/app.js';
import { createServerContext } from '../../server/server-context.js';
import { startSchedulerLoop } from '../../server/scheduler-loop.js';
import { parseOptions, UsageError, write, type Command } from '../command.js';
import { DEFAULT_DB } from './ingest.js';

const help = `Usage: kqlwatch serve [--db FILE] [--rules PATH...] [--host 127.0.0.1] [--port 8080] [--token T]

Serve the incident queue, incident pages, rules, KQL console and ingest page in the browser, with the JSON API
under /api (OpenAPI at /api/openapi.json), and run the rules on their schedule with the real clock.

Options:
  --db FILE          the store's database file (default ${DEFAULT_DB}; created when missing)
  --rules PATH       a rule file or folder to schedule and show; repeatable
  --host HOST        address to listen on (default 127.0.0.1); any other needs a token
  --port N           port (default 8080; 0 picks a free one)
  --token T          require 'Authorization: Bearer T' on every API call (or set KQLWATCH_TOKEN);
                     --token generate makes one up and prints it
  --no-scheduler     serve only; do not run the rules
  --tick SECONDS     how often the scheduler looks for due rules (default 30)
  -h, --help         show this help
`;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the web UI and API, and run the rules on the real clock',
  help,
  async run(args) {
    const { values, positionals } = parseOptions('serve', args, {
      db: { type: 'string' },
      rules: { type: 'string', multiple: true },
      host: { type: 'string' },
      port: { type: 'string' },
      token: { type: 'string' },
      'no-scheduler': { type: 'boolean' },
      tick: { type: 'string' },
    });
    if (values.help) {
      await write(help);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see 'kqlwatch serve --help')`);
    const host = values.host ?? '127.0.0.1';
    const port = Number(values.port ?? '8080');
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not '${values.port}'`);
    const tick = Number(values.tick ?? '30');
    if (!(tick > 0)) throw new UsageError(`--tick must be a positive number of seconds`);
    let token = values.token ?? process.env.KQLWATCH_TOKEN;
    if (token === 'generate') token = randomBytes(24).toString('base64url');
    if (token !== undefined && token.length < 16) throw new UsageError(`the token must be at least 16 characters`);
    if (!LOOPBACK.has(host) && token === undefined) {
      throw new UsageError(`serving on ${host} needs a token: --token T, --token generate, or KQLWATCH_TOKEN`);
    }
    const store = await openStore(values.db ?? DEFAULT_DB);
    const hostName = host.includes(':') ? `[${host}]` : host;
    const ctx = createServerContext(store, {
      rulePaths: values.rules ?? [],
      token,
      // Behind a loopback bind only these names may reach the API (a DNS-rebinding page would send its own).
      allowedHosts: LOOPBACK.has(host) ? ['127.0.0.1', 'localhost', '[::1]'] : undefined,
    });
    for (const i of ctx.loadIssues) if (i.severity === 'error') process.stderr.write(`kqlwatch: ${i.location.file}:${i.location.line}: ${i.message}\n`);
    const app = createApp(ctx);
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
      const url = `http://${hostName}:${info.port}/`;
      process.stdout.write(`kqlwatch serving ${url}${token !== undefined ? `?token=${encodeURIComponent(token)}` : ''}\n`);
      if (token !== undefined && values.token === 'generate') process.stdout.write(`token: ${token}\n`);
    });
    const loop = values['no-scheduler'] ? undefined : startSchedulerLoop(ctx, tick * 1000, (l) => process.stderr.write(`kqlwatch: ${l}\n`));
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    loop?.stop();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    if ('closeAllConnections' in server) server.closeAllConnections();
    await closed;
    // Let a rule run in progress commit before the database closes.
    await ctx.withStore(async () => undefined);
    store.close();
    return 0;
  },
};
