/**
 * createApp(ctx): the HTTP API and the browser UI as one Hono app. Under /api: the guards (host, content type,
 * token), body size limits, JSON errors with a message and never a stack trace; the routes, one file per resource;
 * the OpenAPI document. Everything else is the UI (static files). Tests call `createApp(ctx).request(...)`; `kqlwatch
 * serve` hands `app.fetch` to @hono/node-server.
 */
import { readFileSync } from 'node:fs';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ServerContext } from './server-context.js';
import { apiGuard } from './security.js';
import { HttpError, jsonError } from './http.js';
import { openApiDocument } from './openapi.js';
import { alertRoutes } from './routes/alerts.js';
import { healthRoutes } from './routes/health.js';
import { incidentRoutes } from './routes/incidents.js';
import { ingestRoutes } from './routes/ingest.js';
import { queryRoutes } from './routes/query.js';
import { ruleRoutes } from './routes/rules.js';
import { mountStatic } from './static-files.js';

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

function onError(e: Error, c: Context): Response {
  if (e instanceof HttpError) return jsonError(c, e.status, e.message);
  // A bug: the message goes to the server's log, the client gets no internals.
  process.stderr.write(`kqlwatch serve: ${c.req.method} ${c.req.path}: ${e.stack ?? e.message}\n`);
  return jsonError(c, 500, 'internal error in kqlwatch; the server log has the details');
}

export interface AppOptions {
  /** Serve the UI from this folder (default: the package's web/). */
  readonly webDir?: string;
}

export function createApp(ctx: ServerContext, options: AppOptions = {}): Hono {
  const app = new Hono();
  const version = packageVersion();
  const api = new Hono();
  api.use('*', apiGuard(ctx));
  const jsonLimit = bodyLimit({
    maxSize: ctx.limits.jsonBodyBytes,
    onError: (c) => jsonError(c, 413, `the body is larger than ${ctx.limits.jsonBodyBytes} bytes`),
  });
  api.use('*', async (c, next) => (c.req.path.startsWith('/api/ingest') ? next() : jsonLimit(c, next)));
  api.get('/openapi.json', (c) => c.json(openApiDocument(version)));
  api.route('/', healthRoutes(ctx, version));
  api.route('/incidents', incidentRoutes(ctx));
  api.route('/alerts', alertRoutes(ctx));
  api.route('/rules', ruleRoutes(ctx));
  api.route('/', queryRoutes(ctx));
  api.route('/ingest', ingestRoutes(ctx));
  api.all('*', (c) => jsonError(c, 404, `no API endpoint ${c.req.method} ${c.req.path} (see /api/openapi.json)`));
  app.route('/api', api);
  mountStatic(app, options.webDir);
  api.onError(onError);
  app.onError(onError);
  return app;
}
