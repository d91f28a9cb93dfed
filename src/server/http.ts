/**
 * Small HTTP helpers shared by the routes: JSON errors (a message, never a stack), reading a JSON body with a
 * clear 400, KQL string literals for values put into queries, and query results as plain JSON objects in Kusto's
 * conventions (datetime as ISO text with Z, dynamic as JSON), through the same formatter as `kqlwatch query`.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { formatJsonRow, runKqlOnStore, type Cell, type Column, type KqlDiagnostic, type Store } from '../index.js';

export function jsonError(c: Context, status: ContentfulStatusCode, message: string, extra: Record<string, unknown> = {}): Response {
  return c.json({ error: message, ...extra }, status);
}

export class HttpError extends Error {
  constructor(readonly status: ContentfulStatusCode, message: string) {
    super(message);
  }
}

export async function readJson(c: Context): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new HttpError(400, 'the body is not valid JSON');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'the body must be a JSON object');
  return body as Record<string, unknown>;
}

/** A KQL string literal (Kusto: double-quoted, backslash escapes). */
export function kqlString(s: string): string {
  return '"' + s.replace(/[\\"]/g, (ch) => '\\' + ch).replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t') + '"';
}

export function rowObjects(columns: readonly Column[], rows: readonly Cell[][]): Record<string, unknown>[] {
  return rows.map((r) => JSON.parse(formatJsonRow(columns, r)) as Record<string, unknown>);
}

/** Runs an internal KQL query (one we wrote); a failure is a bug, reported as a 500 with the diagnostics' text. */
export async function queryObjects(store: Store, text: string, now: Date): Promise<Record<string, unknown>[]> {
  const out = await runKqlOnStore(store, text, { now });
  if (!out.ok) throw new Error(out.diagnostics.map((d: KqlDiagnostic) => d.message).join('; '));
  return rowObjects(out.result.columns, out.result.rows);
}

/** A positive integer query parameter, or the default; a bad one is a 400. */
export function intParam(c: Context, name: string, fallback: number, max: number): number {
  const v = c.req.query(name);
  if (v === undefined || v === '') return fallback;
  if (!/^\d+$/.test(v)) throw new HttpError(400, `'${name}' must be a non-negative integer`);
  return Math.min(Number(v), max);
}
