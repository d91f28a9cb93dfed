/**
 * openInput(file): a file's text as a stream of chunks, gunzipped when its first bytes are gzip's magic number
 * (whatever its name: storage exports are often `PT1H.json` either way), UTF-8 decoded, with a leading
 * byte-order mark dropped. `bytesRead()` counts the file's own (compressed) bytes, for the progress line.
 * Memory stays bounded by the stream buffers whatever the file's size.
 */
import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { StringDecoder } from 'node:string_decoder';
import { IngestError } from './ingest-error.js';

export interface Input {
  readonly size: number;
  readonly gzip: boolean;
  chunks(): AsyncGenerator<string>;
  bytesRead(): number;
}

const HIGH_WATER = 1 << 20;

/** The first bytes of a file (fewer when it is shorter). */
export function fileHead(file: string, n: number): Buffer {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw new IngestError(`cannot read '${file}': ${(e as Error).message}`);
  }
  try {
    const buf = Buffer.alloc(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

export function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

export function openInput(file: string): Input {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (e) {
    throw new IngestError(`cannot read '${file}': ${(e as Error).message}`);
  }
  const gzip = isGzip(fileHead(file, 2));
  let read = 0;
  return {
    size,
    gzip,
    bytesRead: () => read,
    async *chunks() {
      const raw = createReadStream(file, { highWaterMark: HIGH_WATER });
      raw.on('data', (b) => (read += (b as Buffer).length));
      const source = gzip ? raw.pipe(createGunzip({ chunkSize: HIGH_WATER })) : raw;
      if (gzip) raw.on('error', (e) => source.destroy(e));
      const decoder = new StringDecoder('utf8');
      let first = true;
      try {
        for await (const b of source) {
          let text = decoder.write(b as Buffer);
          if (first && text.length > 0) {
            if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
            first = false;
          }
          if (text.length > 0) yield text;
        }
        const rest = decoder.end();
        if (rest) yield rest;
      } catch (e) {
        throw new IngestError(`cannot read '${file}'${gzip ? ' (gzip)' : ''}: ${(e as Error).message}`);
      } finally {
        raw.destroy();
      }
    },
  };
}

/** The first `chars` characters of a file's text (gunzipped), for format detection. */
export async function textHead(file: string, chars = 64 * 1024): Promise<string> {
  let text = '';
  for await (const chunk of openInput(file).chunks()) {
    text += chunk;
    if (text.length >= chars) break;
  }
  return text;
}
