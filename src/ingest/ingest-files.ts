/**
 * ingestFiles(store, files, options): loads input files of any supported format (formats.ts; detected from the
 * bytes unless `format` is given, gzip or not) into the store's tables, and says what it did per file and table.
 *
 * Reliability, per issue #4:
 * - Streaming: a file is read a buffer at a time and its rows move into DuckDB in batches; memory does not grow
 *   with the file.
 * - Exactly once: each file is known by the SHA-256 of its bytes (loaded-files.ts). A batch of units, its rows,
 *   its set-aside records and the ledger's count of units done commit in one transaction, so a crash leaves whole
 *   batches only, a rerun resumes after the last one, and a file loaded completely loads nothing again.
 * - Bad records (not JSON, unknown category, a missing field, a value of the wrong type) are set aside in the
 *   quarantine with file, line and reason (quarantine.ts) and the rest loads; with `strict` the first one fails
 *   the command instead and nothing of it is stored (one transaction for all its files).
 * - Every row carries the ingestion time of its batch (store.ts INGESTION_TIME_COLUMN), read by ingestion_time().
 * - NDJSON table rows (`table`) are read and converted by DuckDB itself, a whole file in one batch, when the SQL
 *   can store exactly what the JS reader would (ndjson-native.ts); any other file is read by the JS reader.
 */
import { basename } from 'node:path';
import type { Store } from '../store/store.js';
import { tableSchema } from '../store/store.js';
import { transaction } from '../store/transaction.js';
import { readCsv, type CsvRow } from './csv-stream.js';
import { detectInput, type Container, type DetectedInput } from './detect-format.js';
import { innerRecords, mapRecord, recordKind, type InputFormat, type MapContext } from './formats.js';
import { IngestError } from './ingest-error.js';
import { readJsonDocument } from './json-document.js';
import { readJsonLines } from './json-lines.js';
import { ensureKqlwatchSchema, fileDigest, ledgerEntry, writeLedger } from './loaded-files.js';
import { insertNdjsonNative, nativeCandidate, NativeGaveUp } from './ndjson-native.js';
import { openInput } from './open-input.js';
import { readParquet } from './parquet.js';
import { ensureQuarantine, storeRejections, type RejectedRecord } from './quarantine.js';
import type { SourceUnit, UnitReader } from './source-unit.js';
import { TableWriter, type PreparedRow } from './table-writer.js';
import { sourceValue, tableValue } from './value-fit.js';

export interface IngestOptions {
  /** How to read the records; `auto` (the default) tells them apart by their shape. */
  readonly format?: InputFormat;
  /** The table of rows that carry table columns (NDJSON, CSV, JSON, Parquet), or the one TI table to fill. */
  readonly table?: string;
  /** Fail the whole command at the first bad record (nothing stored) instead of setting it aside. */
  readonly strict?: boolean;
  /** Units per committed batch (not strict); smaller batches lose less to a crash and commit more often. */
  readonly batchUnits?: number;
  /** The clock: ingestion time of each batch, and TimeGenerated of reference data (threat intelligence). */
  readonly now?: () => Date;
  /** Name of the threat-intelligence source (SourceSystem); defaults to the file's name. */
  readonly source?: string;
  readonly onProgress?: (p: IngestProgress) => void;
  /**
   * NDJSON table rows (`table`) are read by DuckDB itself when the file allows it (ndjson-native.ts); `false`
   * makes the JS reader read them (the reference the tests compare with).
   */
  readonly native?: boolean;
  /** Called after each committed batch (tests use it to interrupt an ingest at a known point). */
  readonly onBatch?: (b: { readonly file: string; readonly units: number }) => void;
}

export interface IngestProgress {
  readonly file: string;
  readonly fileIndex: number;
  readonly files: number;
  readonly bytesRead: number;
  readonly size: number;
  readonly units: number;
  readonly rows: number;
  readonly rejected: number;
}

export interface FileOutcome {
  readonly file: string;
  readonly format: string;
  /** `loaded`; `resumed` (an earlier run stopped part-way); `already loaded` (nothing done). */
  readonly status: 'loaded' | 'resumed' | 'already loaded';
  readonly units: number;
  readonly rows: Readonly<Record<string, number>>;
  readonly rejected: number;
  /** Records that are not data for any table (STIX objects other than indicators). */
  readonly ignored: number;
}

export interface IngestReport {
  readonly files: readonly FileOutcome[];
  /** Rows stored per table by this command. */
  readonly rows: Readonly<Record<string, number>>;
  readonly totalRows: number;
  readonly rejected: number;
  readonly ms: number;
}

const DEFAULT_BATCH_UNITS = 50_000;
const PROGRESS_MS = 200;

/** DuckDB's memory cap while an ingest runs on a file store. */
export const INGEST_MEMORY_LIMIT = '512MB';

export async function ingestFiles(store: Store, files: readonly string[], options: IngestOptions = {}): Promise<IngestReport> {
  const started = performance.now();
  // The named table exists afterwards even when nothing could be stored in it (a query over it answers).
  if (options.table) await store.ensureTables([options.table]);
  await ensureKqlwatchSchema(store);
  await ensureQuarantine(store);
  let session = new Session(store, files.length, options);
  const outcomes: FileOutcome[] = [];
  // A large export must not need memory in proportion to its size: DuckDB's buffer pool (80% of RAM by default)
  // is capped while loading a file store, and spills instead. An in-memory store cannot spill its own tables.
  const previousLimit = store.path === ':memory:' ? undefined
    : String((await store.connection.runAndReadAll(`SELECT current_setting('memory_limit')`)).getRows()[0]![0]);
  if (previousLimit !== undefined) await store.connection.run(`SET memory_limit = '${INGEST_MEMORY_LIMIT}'`);
  try {
    if (options.strict) {
      // When the native fast path gives up on a file, DuckDB has aborted the transaction: start over, with that
      // file read by the JS path (after a key beyond DuckDB's sample, first natively with every line sampled).
      for (;;) {
        try {
          await transaction(store, async () => {
            try {
              for (const [i, f] of files.entries()) outcomes.push(await session.loadFile(f, i));
              await session.flushAll();
            } finally {
              session.closeAll();
            }
          });
          break;
        } catch (e) {
          if (!(e instanceof NativeGaveUp)) throw e;
          session.native.set(e.file, e.sampleAll && session.native.get(e.file) !== 'sample all' ? 'sample all' : 'js');
          session = new Session(store, files.length, options, session.native);
          outcomes.length = 0;
        }
      }
    } else {
      try {
        for (const [i, f] of files.entries()) outcomes.push(await session.loadFile(f, i));
      } finally {
        session.closeAll();
      }
    }
  } finally {
    if (previousLimit !== undefined) await store.connection.run(`SET memory_limit = '${previousLimit.replace(/'/g, "''")}'`);
  }
  const rows: Record<string, number> = {};
  let totalRows = 0;
  let rejected = 0;
  for (const o of outcomes) {
    for (const [t, n] of Object.entries(o.rows)) {
      rows[t] = (rows[t] ?? 0) + n;
      totalRows += n;
    }
    rejected += o.rejected;
  }
  return { files: outcomes, rows, totalRows, rejected, ms: Math.round(performance.now() - started) };
}

class Session {
  private readonly writers = new Map<string, TableWriter>();
  private readonly strict: boolean;
  private readonly clock: () => Date;
  private ingestedNs = 0n;

  constructor(
    private readonly store: Store,
    private readonly fileCount: number,
    private readonly options: IngestOptions,
    /** Files the native fast path gave up on (strict mode starts over): how to read them instead. */
    readonly native = new Map<string, 'sample all' | 'js'>(),
  ) {
    this.strict = options.strict ?? false;
    this.clock = options.now ?? (() => new Date());
    if (this.strict) this.ingestedNs = this.nowNs();
  }

  async loadFile(file: string, fileIndex: number): Promise<FileOutcome> {
    const { store, options } = this;
    const digest = await fileDigest(file);
    const detected = await detectInput(file, options.format ?? 'auto');
    const target = `${detected.format}|${options.table ?? ''}`;
    const key = `${digest}|${target}`;
    const entry = await ledgerEntry(store, key);
    const base = { file, format: detected.format };
    if (entry?.complete) return { ...base, status: 'already loaded', units: 0, rows: {}, rejected: 0, ignored: 0 };
    const resumeFrom = entry?.units ?? 0;
    if (options.native !== false && nativeCandidate(file, detected, options.table, resumeFrom) && this.native.get(file) !== 'js') {
      const rows = await this.loadNative(file, fileIndex, detected, { key, digest, target });
      if (rows !== undefined) return { ...base, status: 'loaded', units: rows, rows: rows > 0 ? { [options.table!]: rows } : {}, rejected: 0, ignored: 0 };
    }

    const input = openInput(file);
    const ctx: MapContext = {
      catalog: store.catalog,
      table: options.table,
      ignoreUnknown: detected.format !== 'ndjson',
      now: this.clock().toISOString(),
      source: options.source ?? basename(file),
    };
    const reader = unitReader(detected.container, input.chunks(), file);
    const expand = detected.format !== 'ndjson' && detected.container !== 'csv' && detected.container !== 'parquet';
    const batchUnits = options.batchUnits ?? DEFAULT_BATCH_UNITS;

    const rows: Record<string, number> = {};
    let rejected = 0;
    let ignored = 0;
    let ordinal = 0;
    let inBatch = 0;
    let batchOpen = false;
    let rejects: RejectedRecord[] = [];
    let lastProgress = 0;

    const begin = async () => {
      await store.connection.run('BEGIN TRANSACTION');
      batchOpen = true;
      this.ingestedNs = this.nowNs();
      for (const w of this.writers.values()) w.ingestedNs = this.ingestedNs;
    };
    const commit = async (complete: boolean) => {
      for (const w of this.writers.values()) await w.flush();
      await storeRejections(store, rejects, this.ingestedNs);
      rejects = [];
      const done = { rows: (entry?.rows ?? 0) + sum(rows), rejected: (entry?.rejected ?? 0) + rejected };
      await writeLedger(store, { key, digest, target, path: file, size: input.size, units: ordinal, ...done, complete, nowNs: this.ingestedNs });
      if (!this.strict) {
        await store.connection.run('COMMIT');
        batchOpen = false;
        options.onBatch?.({ file, units: ordinal });
      }
      inBatch = 0;
    };
    const setAside = (u: SourceUnit, unit: number, reason: string, record: unknown): void => {
      if (this.strict) throw new IngestError(`${file}:${u.line}: ${reason}`);
      rejected++;
      rejects.push({ file, line: u.line, unit, reason, record: typeof record === 'string' ? record : JSON.stringify(record) ?? String(record) });
    };

    try {
      for await (const units of reader) {
        for (const u of units) {
          const unit = ordinal;
          if (unit < resumeFrom) {
            ordinal++;
            continue;
          }
          if (!this.strict && !batchOpen) await begin();
          let value = u.value;
          if (u.error !== undefined) {
            setAside(u, unit, u.error, u.text ?? value);
          } else {
            if (value === undefined) {
              try {
                value = JSON.parse(u.text!);
              } catch (e) {
                setAside(u, unit, `not valid JSON (${(e as Error).message})`, u.text);
              }
            }
            if (value !== undefined) {
              const inner = expand ? innerRecords(value) : undefined;
              for (const rec of inner ?? [value]) {
                const kind = recordKind(detected.format, rec);
                const mapped = mapRecord(kind, rec, ctx);
                if ('reject' in mapped) {
                  setAside(u, unit, mapped.reject, inner ? rec : u.text ?? rec);
                  continue;
                }
                if (mapped.rows.length === 0) {
                  ignored++;
                  continue;
                }
                const prepared: PreparedRow[] = [];
                let problem: string | undefined;
                for (const r of mapped.rows) {
                  const p = (await this.writer(r.table, r.policy)).prepare(r.row);
                  if (typeof p === 'string') {
                    problem = mapped.rows.length > 1 || kind !== 'table-row' ? `${r.table}: ${p}` : p;
                    break;
                  }
                  prepared.push(p);
                }
                if (problem !== undefined) {
                  setAside(u, unit, problem, inner ? rec : u.text ?? rec);
                  continue;
                }
                for (const p of prepared) {
                  await p.writer.add(p);
                  rows[p.writer.table] = (rows[p.writer.table] ?? 0) + 1;
                }
              }
            }
          }
          ordinal++;
          if (!this.strict && ++inBatch >= batchUnits) await commit(false);
          if (options.onProgress && (ordinal & 1023) === 0) {
            const t = performance.now();
            if (t - lastProgress >= PROGRESS_MS) {
              lastProgress = t;
              options.onProgress({ file, fileIndex, files: this.fileCount, bytesRead: input.bytesRead(), size: input.size, units: ordinal, rows: sum(rows), rejected });
            }
          }
        }
      }
      if (!this.strict && !batchOpen) await begin();
      await commit(true);
    } catch (e) {
      if (batchOpen) {
        for (const w of this.writers.values()) w.close();
        await store.rollback();
      }
      throw e;
    }
    options.onProgress?.({ file, fileIndex, files: this.fileCount, bytesRead: input.size, size: input.size, units: ordinal, rows: sum(rows), rejected });
    return { ...base, status: resumeFrom > 0 ? 'resumed' : 'loaded', units: ordinal - resumeFrom, rows, rejected, ignored };
  }

  /**
   * NDJSON table rows read by DuckDB (ndjson-native.ts), the whole file in one batch with its ledger entry; the row
   * count, or undefined when the JS path must read the file. In strict mode a NativeGaveUp that spoilt the
   * transaction goes up to ingestFiles, which starts over.
   */
  private async loadNative(file: string, fileIndex: number, detected: DetectedInput, ledger: { key: string; digest: string; target: string }) {
    const { store, options } = this;
    const input = openInput(file);
    const schema = tableSchema(store.catalog, options.table!);
    let sampleAll = this.native.get(file) === 'sample all';
    for (;;) {
      if (!this.strict) {
        await store.connection.run('BEGIN TRANSACTION');
        this.ingestedNs = this.nowNs();
      }
      try {
        const progress = (bytesRead: number, rows: number) =>
          options.onProgress?.({ file, fileIndex, files: this.fileCount, bytesRead, size: input.size, units: rows, rows, rejected: 0 });
        const onProgress = options.onProgress && ((read: number, rows: number) => progress(Math.round(read * input.size), rows));
        const rows = await insertNdjsonNative(store, file, schema, { gzip: input.gzip, format: detected.format, ingestedNs: this.ingestedNs, sampleAll, onProgress });
        await writeLedger(store, { ...ledger, path: file, size: input.size, units: rows, rows, rejected: 0, complete: true, nowNs: this.ingestedNs });
        if (!this.strict) {
          await store.connection.run('COMMIT');
          options.onBatch?.({ file, units: rows });
        }
        progress(input.size, rows);
        return rows;
      } catch (e) {
        // Before the INSERT nothing happened in the transaction: the JS path goes on in it, strict or not.
        if (e instanceof NativeGaveUp && !e.spoilt) {
          if (!this.strict) await store.rollback();
          return undefined;
        }
        if (this.strict) throw e;
        await store.rollback();
        if (!(e instanceof NativeGaveUp)) throw e;
        if (!e.sampleAll || sampleAll) return undefined;
        sampleAll = true;
      }
    }
  }

  async flushAll(): Promise<void> {
    for (const w of this.writers.values()) await w.flush();
  }

  closeAll(): void {
    for (const w of this.writers.values()) w.close();
  }

  private async writer(table: string, policy: 'source' | 'table'): Promise<TableWriter> {
    const k = `${table}|${policy}`;
    let w = this.writers.get(k);
    if (!w) {
      await this.store.ensureTables([table]);
      w = new TableWriter(this.store, table, tableSchema(this.store.catalog, table).columns, policy === 'source' ? sourceValue : tableValue, policy);
      w.ingestedNs = this.ingestedNs;
      this.writers.set(k, w);
    }
    return w;
  }

  private nowNs(): bigint {
    return BigInt(this.clock().getTime()) * 1_000_000n;
  }
}

function sum(rows: Record<string, number>): number {
  let n = 0;
  for (const k in rows) n += rows[k]!;
  return n;
}

function unitReader(container: Container, chunks: AsyncGenerator<string>, file: string): UnitReader {
  switch (container) {
    case 'lines':
      return readJsonLines(chunks);
    case 'document':
      return readJsonDocument(chunks, file);
    case 'csv':
      return csvUnits(readCsv(chunks));
    case 'parquet':
      return readParquet(file);
  }
}

/** CSV rows → units: the first row is the header (its names, without a byte-order mark); each other row an object. */
async function* csvUnits(rows: AsyncGenerator<CsvRow[]>): UnitReader {
  let header: string[] | undefined;
  for await (const batch of rows) {
    const units: SourceUnit[] = [];
    for (const r of batch) {
      if (!header) {
        header = r.fields.map((h) => h.trim());
        continue;
      }
      if (r.fields.length !== header.length) {
        units.push({ line: r.line, text: r.fields.join(','), error: `${r.fields.length} fields where the header has ${header.length}` });
        continue;
      }
      // CSV has no null: an empty field is null (Kusto: empty non-string values are null; strings become "").
      const value: Record<string, string | null> = {};
      for (let i = 0; i < header.length; i++) value[header[i]!] = r.fields[i] === '' ? null : r.fields[i]!;
      units.push({ line: r.line, value });
    }
    if (units.length > 0) yield units;
  }
}
