/**
 * readJsonDocument(chunks): a JSON document of any size → its records as units, without holding the document:
 * - `{"records": [ … ]}`: Azure Monitor resource logs through an event hub (Entra ID diagnostic settings);
 * - `{"@odata.context": …, "value": [ … ]}`: a Microsoft Graph page (signIns, directoryAudits, riskyUsers, users;
 *   the elements of a users page are parsed here and marked as users, see graph-user.ts markUsersPage);
 * - `{"type": "bundle", "objects": [ … ]}`: a STIX 2.1 bundle;
 * - `{"tables": [{"columns": [ … ], "rows": [[ … ]]}]}`: a Log Analytics query API result (rows become objects
 *   keyed by the column names);
 * - `[ … ]`: a JSON array export, one unit per element;
 * - any other object: one unit (a single pretty-printed record). Several documents may follow one another.
 * A scanner walks the structure down to those arrays and hands each element's text over whole; only the
 * scanner's position in the structure is kept (https://www.rfc-editor.org/rfc/rfc8259 grammar).
 */
import { IngestError } from './ingest-error.js';
import type { SourceUnit, UnitReader } from './source-unit.js';
import { isUsersContext, markUsersPage } from './graph-user.js';

/** Object keys whose array value holds the records. */
const RECORD_ARRAYS = new Set(['records', 'value', 'objects']);

interface Frame {
  readonly array: boolean;
  /** The current key of an object frame, '*' for an array frame. */
  key: string;
  /** Object: 'key' | 'colon' | 'value' | 'comma'; array: 'value' | 'comma'. */
  expect: 'key' | 'colon' | 'value' | 'comma';
}

type Role = 'unit' | 'meta' | 'columns' | 'ignore';

interface Capture {
  start: number;
  line: number;
  scan: number;
  depth: number;
  inString: boolean;
  primitive: boolean;
  role: Role;
  key: string;
}

export async function* readJsonDocument(chunks: AsyncIterable<string>, file: string): UnitReader {
  let buf = '';
  let pos = 0;
  let line = 1;
  const stack: Frame[] = [];
  let cap: Capture | undefined;
  // Per root document: its top-level scalar/object members, and whether it had record arrays.
  let meta: Record<string, unknown> = {};
  let rootLine = 1;
  let rootHadRecords = false;
  let columns: string[] | undefined;
  let out: SourceUnit[] = [];

  const fail = (what: string): never => {
    throw new IngestError(`${file}:${line}: not valid JSON (${what})`);
  };

  const path = (): string => stack.map((f) => f.key).join('/');

  const roleOf = (): Role => {
    const p = path();
    if (stack.length === 1 && stack[0]!.array) return 'unit';
    if (stack.length === 2 && RECORD_ARRAYS.has(stack[0]!.key) && stack[1]!.array) return 'unit';
    if (p === 'tables/*/rows/*') return 'unit';
    if (p === 'tables/*/columns') return 'columns';
    if (stack.length === 1) return 'meta';
    return 'ignore';
  };

  const descends = (c: number): boolean => {
    if (stack.length === 0) return c === 123 || c === 91;
    if (c !== 91 && c !== 123) return false;
    const p = path();
    if (stack.length === 1 && !stack[0]!.array && c === 91 && (RECORD_ARRAYS.has(stack[0]!.key) || stack[0]!.key === 'tables')) return true;
    return (p === 'tables/*' && c === 123) || (p === 'tables/*/rows' && c === 91);
  };

  const finishCapture = (text: string, c: Capture): void => {
    if (c.role === 'unit') {
      if (columns && path() === 'tables/*/rows/*') {
        const row = parse(text, c.line);
        out.push({ line: c.line, value: Array.isArray(row) ? zip(columns, row) : row });
      } else if (stack[0]?.key === 'value' && isUsersContext(meta['@odata.context'])) {
        // A Graph users page: its elements are users whatever their $select kept (graph-user.ts). One that is not
        // valid JSON stays text, to be set aside with the reason like any other unit.
        let user: unknown;
        try {
          user = JSON.parse(text);
        } catch {
          user = undefined;
        }
        if (user === undefined) {
          out.push({ line: c.line, text });
        } else {
          markUsersPage(meta['@odata.context'], [user]);
          out.push({ line: c.line, value: user });
        }
      } else {
        out.push({ line: c.line, text });
      }
      rootHadRecords = true;
    } else if (c.role === 'columns') {
      const cols = parse(text, c.line);
      columns = Array.isArray(cols) ? cols.map((x) => String((x as { name?: unknown })?.name ?? '')) : undefined;
    } else if (c.role === 'meta') {
      meta[c.key] = parse(text, c.line);
    }
  };

  const parse = (text: string, at: number): unknown => {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new IngestError(`${file}:${at}: not valid JSON (${(e as Error).message})`);
    }
  };

  /** After a value ends in the current frame (or at the root). */
  const valueDone = (): void => {
    const top = stack[stack.length - 1];
    if (top) top.expect = 'comma';
  };

  for await (const chunk of chunks) {
    const keep = cap ? cap.start : pos;
    buf = (keep < buf.length ? buf.slice(keep) : '') + chunk;
    if (cap) {
      cap.scan -= cap.start;
      cap.start = 0;
    }
    pos = cap ? cap.scan : 0;
    const n = buf.length;
    scan: for (;;) {
      if (cap) {
        // Inlined for performance: every byte of every record passes through this loop.
        let i = cap.scan;
        let depth = cap.depth;
        let inString = cap.inString;
        let done = false;
        if (cap.primitive) {
          while (i < n) {
            const ch = buf.charCodeAt(i);
            if (ch === 44 || ch === 93 || ch === 125 || ch === 32 || ch === 10 || ch === 13 || ch === 9) {
              done = true;
              break;
            }
            i++;
          }
        } else {
          while (i < n) {
            if (inString) {
              const q = buf.indexOf('"', i);
              if (q === -1) {
                i = n;
                break;
              }
              let bs = 0;
              for (let k = q - 1; buf.charCodeAt(k) === 92; k--) bs++;
              i = q + 1;
              if (bs % 2 === 0) {
                inString = false;
                if (depth === 0) {
                  done = true;
                  break;
                }
              }
              continue;
            }
            const ch = buf.charCodeAt(i++);
            if (ch === 34) inString = true;
            else if (ch === 123 || ch === 91) depth++;
            else if (ch === 125 || ch === 93) {
              if (--depth === 0) {
                done = true;
                break;
              }
            } else if (ch === 10) line++;
          }
        }
        if (!done) {
          cap.scan = i;
          cap.depth = depth;
          cap.inString = inString;
          break scan;
        }
        const c = cap;
        cap = undefined;
        finishCapture(buf.slice(c.start, i), c);
        pos = i;
        valueDone();
        if (out.length >= 256) {
          yield out;
          out = [];
        }
        continue;
      }
      // Outside any capture: walk the structure.
      while (pos < n) {
        const ch = buf.charCodeAt(pos);
        if (ch === 10) line++;
        else if (ch !== 32 && ch !== 9 && ch !== 13) break;
        pos++;
      }
      if (pos >= n) break scan;
      const ch = buf.charCodeAt(pos);
      const top = stack[stack.length - 1];
      if (!top || top.expect === 'value') {
        if (top?.array && ch === 93) {
          // An empty array: `[]`.
          stack.pop();
          pos++;
          valueDone();
          continue;
        }
        if (!top) {
          rootLine = line;
          rootHadRecords = false;
          meta = {};
          columns = undefined;
        }
        if (descends(ch)) {
          stack.push({ array: ch === 91, key: ch === 91 ? '*' : '', expect: ch === 91 ? 'value' : 'key' });
          pos++;
          continue;
        }
        cap = { start: pos, line, scan: pos, depth: 0, inString: false, primitive: false, role: roleOf(), key: top?.key ?? '' };
        if (ch === 34) {
          cap.inString = true;
          cap.scan = pos + 1;
        } else if (ch !== 123 && ch !== 91) {
          cap.primitive = true;
        }
        continue;
      }
      if (top.expect === 'key') {
        if (ch === 125) {
          closeFrame();
          continue;
        }
        if (ch !== 34) fail(`expected a key, found '${buf[pos]}'`);
        const end = stringEnd(buf, pos + 1);
        if (end === -1) break scan;
        top.key = JSON.parse(buf.slice(pos, end + 1)) as string;
        top.expect = 'colon';
        pos = end + 1;
        continue;
      }
      if (top.expect === 'colon') {
        if (ch !== 58) fail(`expected ':', found '${buf[pos]}'`);
        top.expect = 'value';
        pos++;
        continue;
      }
      // expect comma or the end of the frame
      if (ch === 44) {
        top.expect = top.array ? 'value' : 'key';
        pos++;
        continue;
      }
      if ((top.array && ch === 93) || (!top.array && ch === 125)) {
        closeFrame();
        continue;
      }
      fail(`expected ',' or '${top.array ? ']' : '}'}', found '${buf[pos]}'`);
    }
    if (out.length > 0) {
      yield out;
      out = [];
    }
  }
  if (cap?.primitive) {
    const c = cap;
    cap = undefined;
    finishCapture(buf.slice(c.start), c);
    valueDone();
  }
  if (cap || stack.length > 0) fail('the file ends inside a value');
  if (out.length > 0) yield out;

  function closeFrame(): void {
    stack.pop();
    pos++;
    if (stack.length === 0) {
      // The end of a root document: an object that held no record array is itself the record.
      if (!rootHadRecords && Object.keys(meta).length > 0) out.push({ line: rootLine, value: meta });
    } else {
      valueDone();
    }
  }
}

/** Index of the quote that ends a string whose text starts at `from`, or -1 when the buffer ends first. */
function stringEnd(buf: string, from: number): number {
  for (let i = from; ; ) {
    const q = buf.indexOf('"', i);
    if (q === -1) return -1;
    let bs = 0;
    for (let k = q - 1; buf.charCodeAt(k) === 92; k--) bs++;
    if (bs % 2 === 0) return q;
    i = q + 1;
  }
}

function zip(columns: readonly string[], row: readonly unknown[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  columns.forEach((c, i) => (o[c] = row[i]));
  return o;
}
