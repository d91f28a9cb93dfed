/**
 * The quarantine: records that could not be mapped (broken JSON, a missing field, a value of the wrong type, an
 * unknown category), kept with the file, line, unit number and reason, and the record's text, in the same
 * transaction as the batch they came with. `kqlwatch ingest --rejected` lists them.
 */
import { DuckDBTimestampNanosecondsValue } from '@duckdb/node-api';
import { str } from '../kql/sql/sql-text.js';
import type { Store } from '../store/store.js';
import { KQLWATCH_SCHEMA } from './loaded-files.js';

const REJECTED = `${KQLWATCH_SCHEMA}.rejected`;
/** Longer records are cut: the reason and position say what to look at in the file. */
const MAX_RECORD_CHARS = 16 * 1024;

export interface RejectedRecord {
  readonly file: string;
  readonly line: number;
  /** 0-based number of the unit in the file (its position for a resumed ingest). */
  readonly unit: number;
  readonly reason: string;
  readonly record: string;
}

export interface StoredRejection extends RejectedRecord {
  readonly ingestedAt: string;
}

export async function ensureQuarantine(store: Store): Promise<void> {
  await store.connection.run(
    `CREATE TABLE IF NOT EXISTS ${REJECTED} (ingested_at TIMESTAMP_NS NOT NULL, file VARCHAR NOT NULL, line BIGINT NOT NULL,
       unit BIGINT NOT NULL, reason VARCHAR NOT NULL, record VARCHAR NOT NULL)`,
  );
}

export async function storeRejections(store: Store, rows: readonly RejectedRecord[], nowNs: bigint): Promise<void> {
  if (rows.length === 0) return;
  const appender = await store.connection.createAppender('rejected', KQLWATCH_SCHEMA);
  try {
    for (const r of rows) {
      appender.appendTimestampNanoseconds(new DuckDBTimestampNanosecondsValue(nowNs));
      appender.appendVarchar(r.file);
      appender.appendBigInt(BigInt(r.line));
      appender.appendBigInt(BigInt(r.unit));
      appender.appendVarchar(r.reason);
      appender.appendVarchar(r.record.length > MAX_RECORD_CHARS ? r.record.slice(0, MAX_RECORD_CHARS) + '…' : r.record);
      appender.endRow();
    }
  } finally {
    appender.closeSync();
  }
}

/** The set-aside records, oldest first (optionally of one file). */
export async function listRejections(store: Store, file?: string, limit = 1000): Promise<StoredRejection[]> {
  const exists = await store.connection.runAndReadAll(
    `SELECT 1 FROM duckdb_tables() WHERE schema_name = ${str(KQLWATCH_SCHEMA)} AND table_name = 'rejected'`,
  );
  if (exists.getRows().length === 0) return [];
  const where = file === undefined ? '' : `WHERE file = ${str(file)}`;
  const r = await store.connection.runAndReadAll(
    `SELECT strftime(ingested_at, '%Y-%m-%dT%H:%M:%S.%fZ'), file, line, unit, reason, record FROM ${REJECTED} ${where} ORDER BY ingested_at, file, unit LIMIT ${limit}`,
  );
  return r.getRows().map((row) => ({
    ingestedAt: String(row[0]),
    file: String(row[1]),
    line: Number(row[2]),
    unit: Number(row[3]),
    reason: String(row[4]),
    record: String(row[5]),
  }));
}
