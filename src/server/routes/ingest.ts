/**
 * /api/ingest: upload one export (the raw file as the body, `application/octet-stream`; `?filename=` names it,
 * `?format=` and `?table=` as for `kqlwatch ingest`). The upload is streamed to a private temporary folder (size
 * capped, removed afterwards — nothing else is written outside the database), then loaded by the same ingestFiles
 * as the CLI in a background job: GET /api/ingest/jobs/:id gives progress, then the summary and the records that
 * were set aside. `?wait=true` answers with the finished job instead.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Hono } from 'hono';
import { FORMATS, ingestFiles, listRejections, type IngestProgress, type InputFormat } from '../../index.js';
import type { ServerContext } from '../server-context.js';
import { HttpError, jsonError } from '../http.js';

interface Job {
  id: string;
  file: string;
  state: 'running' | 'done' | 'failed';
  bytes: number;
  progress: IngestProgress | null;
  summary: unknown;
  rejected: { line: number; reason: string; record: string }[];
  error: string | null;
}

class TooLarge extends Error {}

export function ingestRoutes(ctx: ServerContext): Hono {
  const app = new Hono();
  const jobs = new Map<string, Job>();
  let nextId = 1;

  app.post('/', async (c) => {
    const name = basename(c.req.query('filename') ?? 'upload.json').replace(/[^A-Za-z0-9._-]/g, '_') || 'upload.json';
    const format = (c.req.query('format') ?? 'auto') as InputFormat;
    if (!(FORMATS as readonly string[]).includes(format)) throw new HttpError(400, `format must be one of ${FORMATS.join(', ')}`);
    const table = c.req.query('table') || undefined;
    if (table !== undefined && !ctx.store.catalog.tables.has(table)) throw new HttpError(400, `no table '${table}'`);
    const declared = Number(c.req.header('content-length') ?? '0');
    if (declared > ctx.limits.uploadBytes) return jsonError(c, 413, `the upload is larger than ${ctx.limits.uploadBytes} bytes`);
    const body = c.req.raw.body;
    if (!body) throw new HttpError(400, 'the body is empty: send the file as the request body');
    const dir = await mkdtemp(join(tmpdir(), 'kqlwatch-upload-'));
    const path = join(dir, name);
    let bytes = 0;
    const limit = ctx.limits.uploadBytes;
    try {
      await pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream), async function* (src: AsyncIterable<Buffer>) {
        for await (const chunk of src) {
          bytes += chunk.length;
          if (bytes > limit) throw new TooLarge();
          yield chunk;
        }
      }, createWriteStream(path, { mode: 0o600 }));
    } catch (e) {
      await rm(dir, { recursive: true, force: true });
      if (e instanceof TooLarge) return jsonError(c, 413, `the upload is larger than ${limit} bytes`);
      throw e;
    }
    if (bytes === 0) {
      await rm(dir, { recursive: true, force: true });
      throw new HttpError(400, 'the body is empty: send the file as the request body');
    }
    const job: Job = { id: String(nextId++), file: name, state: 'running', bytes, progress: null, summary: null, rejected: [], error: null };
    jobs.set(job.id, job);
    const done = ctx.withStore(async (store) => {
      try {
        const report = await ingestFiles(store, [path], { format, table, now: ctx.now, onProgress: (p) => { job.progress = p; } });
        job.summary = { ...report, files: report.files.map((f) => ({ ...f, file: name })) };
        job.rejected = (await listRejections(store, path, 500)).map((r) => ({ line: r.line, reason: r.reason, record: r.record }));
        job.state = 'done';
      } catch (e) {
        job.state = 'failed';
        job.error = (e instanceof Error ? e.message : String(e)).replaceAll(path, name);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
    if (c.req.query('wait') === 'true') {
      await done;
      return c.json(job, job.state === 'failed' ? 400 : 200);
    }
    return c.json(job, 202);
  });

  app.get('/jobs/:id', (c) => {
    const job = jobs.get(c.req.param('id'));
    return job ? c.json(job) : jsonError(c, 404, `no ingest job ${c.req.param('id')}`);
  });
  app.get('/jobs', (c) => c.json({ jobs: [...jobs.values()].reverse() }));
  return app;
}
