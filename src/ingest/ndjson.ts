/**
 * ingestNdjson(store, table, files): NDJSON files (one JSON object per line, keys = the table's column names)
 * into a store table, strictly: every value is checked against its column's Kusto type; the first line that is
 * not JSON or does not fit fails the whole command with `file:line: column 'X': expected T, got V`, and because
 * all files of one call share one transaction, nothing of any of them is stored (all or nothing).
 * It is ingestFiles with format `ndjson`, `--table` and `strict`; files already loaded are not loaded again.
 */
import type { Store } from '../store/store.js';
import { ingestFiles } from './ingest-files.js';

export interface IngestSummary {
  readonly table: string;
  readonly files: number;
  readonly rows: number;
  readonly ms: number;
}

export async function ingestNdjson(store: Store, table: string, files: readonly string[]): Promise<IngestSummary> {
  const r = await ingestFiles(store, files, { format: 'ndjson', table, strict: true });
  return { table, files: files.length, rows: r.totalRows, ms: r.ms };
}
