/**
 * /api/query: KQL text → columns, rows (Kusto's JSON conventions) and diagnostics with line:column, through the
 * same engine as `kqlwatch query`. Each query runs on its own DuckDB connection so a timeout can interrupt it
 * without touching the scheduler's; at most `queryMaxRows` rows come back (`truncated` says so).
 * /api/schema: the tables and columns the console can query, with row counts.
 */
import { Hono } from 'hono';
import type { DuckDBConnection } from '@duckdb/node-api';
import { runKql, storedColumns, tableRowCounts } from '../../index.js';
import type { ServerContext } from '../server-context.js';
import { HttpError, jsonError, readJson, rowObjects } from '../http.js';

export function queryRoutes(ctx: ServerContext): Hono {
  const app = new Hono();
  let connection: DuckDBConnection | undefined;

  app.post('/query', async (c) => {
    const body = await readJson(c);
    if (typeof body.query !== 'string' || body.query.trim() === '') throw new HttpError(400, `give { "query": "<KQL>" }`);
    const text = body.query;
    const maxRows = typeof body.maxRows === 'number' && body.maxRows > 0 ? Math.min(body.maxRows, ctx.limits.queryMaxRows) : ctx.limits.queryMaxRows;
    const started = performance.now();
    const outcome = await ctx.withStore(async (store) => {
      connection ??= await store.instance.connect();
      await connection.run(`SET TimeZone='UTC'`);
      const conn = connection;
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        conn.interrupt();
      }, ctx.limits.queryTimeoutMs);
      try {
        // This connection sees committed columns only, not those a write still in progress has added (ADR 0011).
        const seen = await storedColumns(conn, store.catalog);
        const out = await runKql(text, {
          catalog: store.catalog, connection: conn, now: ctx.now(), maxRows: maxRows + 1,
          storedColumns: (t) => seen.get(t) ?? store.catalog.storedColumns?.(t),
          beforeRun: (tables) => store.ensureTables(tables),
        });
        return { out, timedOut };
      } finally {
        clearTimeout(timer);
      }
    });
    const ms = Math.round(performance.now() - started);
    if (outcome.timedOut) {
      return jsonError(c, 408, `the query ran longer than ${ctx.limits.queryTimeoutMs / 1000}s and was stopped; narrow the time range or add filters`, { timedOut: true });
    }
    const out = outcome.out;
    if (!out.ok) {
      const first = out.diagnostics.find((d) => d.severity === 'error') ?? out.diagnostics[0];
      return jsonError(c, 400, first ? `${first.line}:${first.column} ${first.message}` : 'the query failed', { diagnostics: out.diagnostics });
    }
    const truncated = out.result.rows.length > maxRows;
    const rows = truncated ? out.result.rows.slice(0, maxRows) : out.result.rows;
    return c.json({
      columns: out.result.columns.map((col) => ({ name: col.name, type: col.type })),
      rows: rowObjects(out.result.columns, rows).map((o) => out.result.columns.map((col) => o[col.name])),
      truncated,
      maxRows,
      ms,
      diagnostics: out.query.diagnostics,
    });
  });

  app.get('/schema', async (c) => {
    const counts = await ctx.withStore((s) => tableRowCounts(s));
    const tables = [...ctx.store.catalog.tables.values()]
      .map((t) => ({ name: t.name, rows: Number(counts.get(t.name) ?? 0n), columns: t.columns.map((col) => ({ name: col.name, type: col.type })) }))
      .sort((a, b) => (b.rows > 0 ? 1 : 0) - (a.rows > 0 ? 1 : 0) || a.name.localeCompare(b.name));
    return c.json({ tables });
  });

  return app;
}
