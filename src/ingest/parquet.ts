/**
 * readParquet(file): a Parquet file with Log Analytics columns → one unit per row, read by DuckDB's own
 * Parquet reader (https://duckdb.org/docs/data/parquet/overview) in a private in-memory database and streamed a
 * chunk at a time, so memory stays bounded. Values arrive as JSON-compatible values (timestamps as text, which
 * value-fit.ts reads as UTC). A gzipped Parquet file is unpacked to a temporary file first.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { ident, str } from '../kql/sql/sql-text.js';
import { IngestError } from './ingest-error.js';
import { fileHead, isGzip } from './open-input.js';
import type { UnitReader } from './source-unit.js';

export async function* readParquet(file: string): UnitReader {
  let path = file;
  let tmp: string | undefined;
  if (isGzip(fileHead(file, 2))) {
    tmp = mkdtempSync(join(tmpdir(), 'kqlwatch-parquet-'));
    path = join(tmp, 'data.parquet');
    await pipeline(createReadStream(file), createGunzip(), createWriteStream(path));
  }
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    await conn.run(`SET TimeZone='UTC'`);
    let result;
    let names: string[];
    try {
      const described = await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${str(path)})`);
      const cols = described.getRows().map((r) => ({ name: String(r[0]), type: String(r[1]) }));
      names = cols.map((c) => c.name);
      result = await conn.stream(`SELECT ${cols.map(plainValue).join(', ')} FROM read_parquet(${str(path)})`);
    } catch (e) {
      throw new IngestError(`${file}: not a readable Parquet file (${(e as Error).message.split('\n')[0]})`);
    }
    let row = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const rows = chunk.getRows();
      yield rows.map((r) => {
        row++;
        const value: Record<string, unknown> = {};
        names.forEach((n, i) => (value[n] = r[i]));
        return { line: row, value };
      });
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * A column as a plain JS value for value-fit.ts: timestamps as ISO text in UTC, 64-bit integers as text (exact),
 * nested values as JSON text (read as dynamic), everything else as DuckDB gives it.
 */
function plainValue(c: { name: string; type: string }): string {
  const id = ident(c.name);
  const t = c.type.toUpperCase();
  if (t.startsWith('TIMESTAMP') || t === 'DATE') return `strftime(CAST(${id} AS TIMESTAMP_NS), '%Y-%m-%dT%H:%M:%S.%fZ') AS ${id}`;
  if (t === 'BIGINT' || t === 'HUGEINT' || t === 'UBIGINT' || t === 'INTERVAL' || t.startsWith('DECIMAL') || t === 'UUID') return `CAST(${id} AS VARCHAR) AS ${id}`;
  if (t.includes('[') || t.startsWith('STRUCT') || t.startsWith('MAP') || t === 'JSON' || t.startsWith('UNION')) return `CAST(to_json(${id}) AS VARCHAR) AS ${id}`;
  return id;
}
