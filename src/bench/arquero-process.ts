/**
 * The arquero peer in a process of its own. In the bench process, the garbage its dataframe work leaves was
 * collected during the next measurement, kqlwatch's or DuckDB's: seed 000 took 9.6 ms through kqlwatch there
 * against 6.2 ms without arquero beside it. Here its heap, its collections and its peak RSS are its own.
 *
 * As a child (`node arquero-process.js DB`): loads the tables from the tenant file opened read-only, then answers
 * `{ seed, nowMs }` messages with the seed's rows and its own time, until told to exit.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Cell } from '../kql/engine-types.js';
import { arqueroSeed, loadArqueroTenant } from './arquero-seeds.js';

type Request = { readonly kind: 'seed'; readonly seed: string; readonly nowMs: number } | { readonly kind: 'exit' };
type Reply =
  | { readonly kind: 'ready'; readonly loadMs: number; readonly rows: number; readonly rssMb: number }
  | { readonly kind: 'seed'; readonly ms: number; readonly rows: Cell[][] }
  | { readonly kind: 'failed'; readonly message: string };

export interface ArqueroPeer {
  readonly loadMs: number;
  readonly rows: number;
  /** RSS of the peer's process once its tables are loaded. */
  readonly rssMb: number;
  /** Runs one seed in the peer's process: its rows and the time the peer itself took. */
  seed(seed: string, now: Date): Promise<{ ms: number; rows: Cell[][] }>;
  close(): Promise<void>;
}

/** Starts the peer on the tenant file; no other process may have the file open for writing meanwhile. */
export function startArqueroPeer(dbPath: string): Promise<ArqueroPeer> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [dbPath], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let pending: { resolve: (r: Reply) => void; reject: (e: Error) => void } | undefined;
  const next = (): Promise<Reply> => new Promise((resolve, reject) => { pending = { resolve, reject }; });
  child.on('message', (m: Reply) => {
    const p = pending;
    pending = undefined;
    if (m.kind === 'failed') p?.reject(new Error(`arquero peer: ${m.message}`));
    else p?.resolve(m);
  });
  child.on('exit', (code) => pending?.reject(new Error(`arquero peer exited with ${code}`)));
  return next().then((ready) => {
    if (ready.kind !== 'ready') throw new Error('arquero peer: unexpected first message');
    return {
      loadMs: ready.loadMs,
      rows: ready.rows,
      rssMb: ready.rssMb,
      async seed(seed, now) {
        const reply = next();
        child.send({ kind: 'seed', seed, nowMs: now.getTime() } satisfies Request);
        const r = await reply;
        if (r.kind !== 'seed') throw new Error('arquero peer: unexpected reply');
        return { ms: r.ms, rows: r.rows };
      },
      close() {
        return new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.send({ kind: 'exit' } satisfies Request);
        });
      },
    };
  });
}

async function serve(dbPath: string): Promise<void> {
  const send = (r: Reply): void => { process.send!(r); };
  try {
    const instance = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY' });
    const connection = await instance.connect();
    const tenant = await loadArqueroTenant(connection);
    connection.closeSync();
    instance.closeSync();
    send({ kind: 'ready', loadMs: tenant.loadMs, rows: tenant.rows, rssMb: process.memoryUsage().rss / 1048576 });
    process.on('message', (m: Request) => {
      if (m.kind === 'exit') process.exit(0);
      try {
        const t0 = performance.now();
        const rows = arqueroSeed(m.seed, tenant, new Date(m.nowMs));
        send({ kind: 'seed', ms: performance.now() - t0, rows });
      } catch (e) {
        send({ kind: 'failed', message: (e as Error).message });
      }
    });
  } catch (e) {
    send({ kind: 'failed', message: (e as Error).message });
    process.exit(1);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href && process.send) await serve(process.argv[2]!);
