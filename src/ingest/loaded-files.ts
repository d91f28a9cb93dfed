/**
 * The ledger of loaded files: which input (by the SHA-256 of its bytes, and the format/table it was loaded as)
 * was loaded how far. Each batch of an ingest updates its entry in the same transaction that stores the batch's
 * rows, so after a crash (even `kill -9`) the entry says exactly how many units are in the store: a rerun skips
 * them and loads the rest, and a file already complete loads nothing (exactly once).
 */
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { str } from '../kql/sql/sql-text.js';
import type { Store } from '../store/store.js';
import { IngestError } from './ingest-error.js';

/** Kept out of `main` so `kqlwatch tables` lists only log tables; `_` so no database file name collides. */
export const KQLWATCH_SCHEMA = '_kqlwatch';
const LEDGER = `${KQLWATCH_SCHEMA}.loaded_files`;

export interface LedgerEntry {
  readonly units: number;
  readonly rows: number;
  readonly rejected: number;
  readonly complete: boolean;
}

export async function ensureKqlwatchSchema(store: Store): Promise<void> {
  await store.connection.run(`CREATE SCHEMA IF NOT EXISTS ${KQLWATCH_SCHEMA}`);
  await store.connection.run(
    `CREATE TABLE IF NOT EXISTS ${LEDGER} (key VARCHAR PRIMARY KEY, digest VARCHAR NOT NULL, target VARCHAR NOT NULL,
       path VARCHAR NOT NULL, size BIGINT NOT NULL, units BIGINT NOT NULL, rows BIGINT NOT NULL, rejected BIGINT NOT NULL,
       complete BOOLEAN NOT NULL, updated TIMESTAMP_NS NOT NULL)`,
  );
}

export async function ledgerEntry(store: Store, key: string): Promise<LedgerEntry | undefined> {
  const r = await store.connection.runAndReadAll(`SELECT units, rows, rejected, complete FROM ${LEDGER} WHERE key = ${str(key)}`);
  const row = r.getRows()[0];
  if (!row) return undefined;
  return { units: Number(row[0]), rows: Number(row[1]), rejected: Number(row[2]), complete: row[3] === true };
}

export interface LedgerUpdate extends LedgerEntry {
  readonly key: string;
  readonly digest: string;
  readonly target: string;
  readonly path: string;
  readonly size: number;
  readonly nowNs: bigint;
}

export async function writeLedger(store: Store, e: LedgerUpdate): Promise<void> {
  await store.connection.run(
    `INSERT OR REPLACE INTO ${LEDGER} VALUES (${str(e.key)}, ${str(e.digest)}, ${str(e.target)}, ${str(e.path)}, ${e.size},
       ${e.units}, ${e.rows}, ${e.rejected}, ${e.complete}, make_timestamp_ns(${e.nowNs}))`,
  );
}

/** SHA-256 of a file's bytes, streamed. */
export async function fileDigest(file: string): Promise<string> {
  const h = createHash('sha256');
  try {
    for await (const b of createReadStream(file, { highWaterMark: 1 << 20 })) h.update(b as Buffer);
  } catch (e) {
    throw new IngestError(`cannot read '${file}': ${(e as Error).message}`);
  }
  return h.digest('hex');
}
