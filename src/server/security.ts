/**
 * The API's guards, in the order they run: the Host header must be one the server was bound to (a DNS-rebinding
 * page cannot reach a 127.0.0.1 server under its own name); a request that changes something must not use a
 * content type a cross-site form could send (so a foreign page cannot post to it without a CORS preflight, which
 * we never grant); and, when a token is set, `Authorization: Bearer <token>` compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { ServerContext } from './server-context.js';
import { jsonError } from './http.js';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant time in the token's content: both sides are hashed to 32 bytes first, so lengths do not leak either. */
export function tokenMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

const SIMPLE_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

export function apiGuard(ctx: ServerContext): MiddlewareHandler {
  return async (c, next) => {
    if (ctx.allowedHosts) {
      // The name without the port: the port is checked by the socket itself.
      const host = (c.req.header('host') ?? '').toLowerCase().replace(/:\d+$/, '');
      if (!ctx.allowedHosts.includes(host)) return jsonError(c, 403, `host '${host}' is not served here`);
    }
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (SIMPLE_TYPES.includes(type)) {
        return jsonError(c, 415, `send JSON (Content-Type: application/json) or, to /api/ingest, application/octet-stream`);
      }
    }
    if (ctx.token !== undefined) {
      const auth = c.req.header('authorization') ?? '';
      const m = /^Bearer\s+(.+)$/i.exec(auth);
      if (!m || !tokenMatches(m[1]!.trim(), ctx.token)) {
        c.header('WWW-Authenticate', 'Bearer');
        return jsonError(c, 401, 'missing or wrong token: send the header Authorization: Bearer <token>');
      }
    }
    await next();
  };
}
