/**
 * detectInput(file): how to read a file, from its first bytes (after gunzip), never from its name: Parquet
 * (`PAR1`), CSV (anything not starting with `{` or `[`), JSON Lines (the first line is a whole JSON value), or a
 * JSON document (an array, or an object spread over lines or larger than the first read). What the records
 * are is then decided per record (formats.ts), so this only picks the reader.
 */
import { fileHead, isGzip, textHead } from './open-input.js';
import type { InputFormat } from './formats.js';
import { readCsv } from './csv-stream.js';
import { isTiCsvHeader } from './ti-csv.js';

export type Container = 'lines' | 'document' | 'csv' | 'parquet';

export interface DetectedInput {
  readonly container: Container;
  /** The format to map records with: the one given, or what the file's start shows. */
  readonly format: InputFormat;
}

export async function detectInput(file: string, given: InputFormat): Promise<DetectedInput> {
  const head = fileHead(file, 4);
  if (head.toString('latin1') === 'PAR1') return { container: 'parquet', format: given === 'auto' ? 'parquet' : given };
  if (isGzip(head)) {
    const inner = await textHead(file, 4);
    if (inner.startsWith('PAR1')) return { container: 'parquet', format: given === 'auto' ? 'parquet' : given };
  }
  if (given === 'parquet') return { container: 'parquet', format: given };
  const text = await textHead(file);
  const t = text.trimStart();
  const first = t[0];
  if (given === 'la-csv' || given === 'ti-csv' || (given === 'auto' && first !== '{' && first !== '[')) {
    if (given !== 'auto') return { container: 'csv', format: given };
    let header: string[] = [];
    for await (const rows of readCsv(once(text))) {
      header = rows[0]?.fields ?? [];
      break;
    }
    return { container: 'csv', format: isTiCsvHeader(header) ? 'ti-csv' : 'la-csv' };
  }
  if (first === '[') return { container: 'document', format: given };
  const nl = t.indexOf('\n');
  const firstLine = nl === -1 ? t : t.slice(0, nl);
  try {
    JSON.parse(firstLine);
    return { container: 'lines', format: given };
  } catch {
    return { container: 'document', format: given };
  }
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}
