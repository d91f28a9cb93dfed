/**
 * The native fast path for NDJSON table rows (`--table T`, keys = T's column names): DuckDB reads the file
 * (read_json, gzip too) and converts every value with SQL that follows column-value.ts, in one INSERT … SELECT,
 * instead of JSON.parse and a conversion per value in JS. On the bench's sign-in file it loads about as fast as
 * DuckDB's own read_json into the same table; most of the time left is DuckDB writing the table's 86 columns.
 *
 * It exists for speed only; the JS path (ingest-files.ts) stays the reference and the fallback. The SQL accepts
 * only forms it converts exactly as the JS path does; for anything else it does not guess but gives up on the
 * whole file (nothing of the attempt is kept) and the JS path loads it, with its `file:line: column 'X': expected
 * T, got V` errors (strict) or quarantine (not strict). It gives up when:
 * - the file is not what strict JSON Lines allows: a line that is not JSON, not an object, a key twice, a byte
 *   order mark, bytes that are not UTF-8, a trailing comma, NaN/Infinity or \v \f (DuckDB's parser tolerates the
 *   last four, JSON.parse not), the number -0 for a real column (DuckDB reads 0);
 * - a key is not a column of the table (case-sensitive), or is a key `auto` detection reads as another format;
 * - a value is of the wrong type or in a form the SQL does not handle (it handles the common ones: ISO 8601
 *   datetimes with `T`/space, Z or offsets and up to 7 fraction digits, Kusto timespans, numbers and bools as text,
 *   JSON-in-string dynamic values, objects whose JSON text JSON.stringify would write the same way), or `Type` is
 *   null or missing in some rows (a null `Type` is '', a missing one the table's name: DuckDB reads both as NULL);
 * - DuckDB fails for any other reason (a line over 16 MB, memory). Names with glob characters are not tried.
 * The caller owns the transaction; after a give-up that `spoilt` it, it must be rolled back.
 */
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { createGunzip } from 'node:zlib';
import { ident, str } from '../kql/sql/sql-text.js';
import type { Column } from '../kql/plan/types.js';
import type { TableSchema } from '../kql/syntax/catalog.js';
import { INGESTION_TIME_COLUMN, type Store } from '../store/store.js';
import type { DetectedInput } from './detect-format.js';

/** The JS path would read the file differently, or reject something in it: the caller falls back to it. */
export class NativeGaveUp extends Error {
  override readonly name = 'NativeGaveUp';
  constructor(
    readonly file: string,
    reason: string,
    /** The INSERT ran: the caller's transaction is aborted or holds rows of the file, and must be rolled back. */
    readonly spoilt: boolean,
    /** A key beyond DuckDB's sample of the file: worth one more try with the whole file sampled. */
    readonly sampleAll = false,
  ) {
    super(`${file}: ${reason}`);
  }
}

/** Whether the fast path may take a file at all; the rest is decided by reading it. */
export function nativeCandidate(file: string, detected: DetectedInput, table: string | undefined, resumeFrom: number): boolean {
  if (table === undefined || detected.container !== 'lines' || resumeFrom > 0) return false;
  if (detected.format !== 'ndjson' && detected.format !== 'auto') return false;
  // read_json expands glob patterns: such a name could read other files.
  return !/[*?[\]{}]/.test(resolve(file));
}

export interface NativeLoad {
  readonly gzip: boolean;
  readonly format: DetectedInput['format'];
  readonly ingestedNs: bigint;
  /** Let DuckDB look at every line for the keys, not only its sample. */
  readonly sampleAll?: boolean;
  /** Called every ~200 ms while DuckDB reads the file: the part of it read so far (0–1) and the rows read. */
  readonly onProgress?: (read: number, rows: number) => void;
}

/**
 * Inserts the file's rows into `table` inside the caller's open transaction; returns the number of rows. Throws
 * NativeGaveUp when the JS path must load the file instead (the transaction may then be aborted).
 */
export async function insertNdjsonNative(store: Store, file: string, table: TableSchema, load: NativeLoad): Promise<number> {
  const source = readJsonSql(file, load);
  const keys = await fileKeys(store, file, source);
  const columns = new Map(table.columns.map((c) => [c.name, c]));
  const picked: Column[] = [];
  for (const k of keys) {
    const c = columns.get(k);
    if (!c) throw new NativeGaveUp(file, `key '${k}' is not a column of ${table.name}`, false);
    // `auto` reads records with lower-case keys (category, properties, value, …) as other formats.
    if (load.format === 'auto' && !/^[A-Z_]/.test(k)) throw new NativeGaveUp(file, `key '${k}' may make auto detection read the record as another format`, false);
    picked.push(c);
  }
  // Runs while DuckDB reads: the leniencies of DuckDB's parser that the values cannot show.
  const stop = { stopped: false };
  const negativeZero = picked.some((c) => c.type === 'real' || c.type === 'decimal');
  const scan = lenientJson(file, load.gzip, negativeZero, stop).catch((e: Error) => `cannot read it: ${e.message}`);
  try {
    const rows = await insert(store, file, table, picked, source, load);
    const lenient = await scan;
    if (lenient) throw new NativeGaveUp(file, lenient, true);
    return rows;
  } finally {
    stop.stopped = true;
  }
}

async function insert(store: Store, file: string, table: TableSchema, picked: readonly Column[], source: string, load: NativeLoad): Promise<number> {
  await store.ensureColumns(table.name, picked.map((c) => c.name));
  const names = picked.map((c) => ident(c.name));
  const values = picked.map((c, i) => `${columnSql(c, `v${i}`, `s${i}`, `t${i}`)} AS ${names[i]}`);
  // Each value's JSON text, its string and that trimmed (each once: the conversions look at them more than once).
  const inner = picked.map((c, i) => `${names[i]} AS v${i}, ${stringSql(names[i]!)} AS s${i}`);
  const trimmed = picked.map((c, i) => (c.type === 'dynamic' ? `, ${trimSql(`s${i}`)} AS t${i}` : '')).join('');
  const converted = `SELECT ${values.join(', ')} FROM (SELECT *${trimmed} FROM (SELECT ${inner.join(', ')} FROM ${source}))`;
  const into = `INSERT INTO ${ident(table.name)} (${[...names, ident(INGESTION_TIME_COLUMN)].join(', ')}) SELECT ${names.join(', ')}, make_timestamp_ns(${load.ingestedNs})`;
  // A table much wider than the file (its other columns get their defaults) is filled from a staging table of the
  // file's columns: DuckDB then appends whole row groups instead of merging read_json's small batches, which costs
  // in proportion to the table's width (500k sign-ins, 10 of 86 columns: 3.5 → 3.1 s; into a table of just the
  // 10 columns the staging table costs more than it saves: 0.94 → 1.1 s).
  const width = store.catalog.storedColumns?.(table.name)?.size ?? table.columns.length;
  const stage = width >= 2 * picked.length ? `temp.main.${ident(`kqlwatch_native_${table.name}`)}` : undefined;
  let rows: number;
  try {
    // Progress while DuckDB reads the file (then, with a staging table, once more when all of it is read).
    const read = async (sql: string) => (load.onProgress ? withProgress(store, load.onProgress, sql) : store.connection.runAndReadAll(sql));
    if (stage) {
      await read(`CREATE OR REPLACE TEMP TABLE ${stage} AS ${converted}`);
      if (load.onProgress) load.onProgress(1, Number((await store.connection.runAndReadAll(`SELECT count(*) FROM ${stage}`)).getRows()[0]![0]));
    }
    const result = stage ? await store.connection.runAndReadAll(`${into} FROM ${stage}`) : await read(`${into} FROM (${converted})`);
    rows = Number(result.getRows()[0]![0]);
    if (stage) await store.connection.run(`DROP TABLE ${stage}`);
  } catch (e) {
    const message = (e as Error).message.split('\n')[0]!;
    // A key DuckDB's sample did not have: if it is a column, sampling every line may still do.
    const unknown = /has unknown key "(.*)"/.exec(message);
    throw new NativeGaveUp(file, message, true, unknown !== null && !load.sampleAll && table.columns.some((c) => c.name === unknown[1]));
  }
  return rows;
}

/** Runs `sql` with DuckDB's progress tracking on (and its printing off), reporting it every 200 ms. */
async function withProgress(store: Store, onProgress: (read: number, rows: number) => void, sql: string) {
  const { connection } = store;
  const setting = async (name: string) => String((await connection.runAndReadAll(`SELECT current_setting(${str(name)})`)).getRows()[0]![0]);
  const before = [await setting('enable_progress_bar'), await setting('enable_progress_bar_print')];
  await connection.run('SET enable_progress_bar = true');
  await connection.run('SET enable_progress_bar_print = false');
  const timer = setInterval(() => {
    const p = connection.progress;
    if (p.percentage >= 0) onProgress(Math.min(1, p.percentage / 100), Number(p.rows_processed));
  }, 200);
  try {
    return await connection.runAndReadAll(sql);
  } finally {
    clearInterval(timer);
    // After a failure the transaction is aborted and takes no SET: tracking then stays on, printing off.
    await connection.run(`SET enable_progress_bar = ${before[0]}`).catch(() => undefined);
    await connection.run(`SET enable_progress_bar_print = ${before[1]}`).catch(() => undefined);
  }
}

function readJsonSql(file: string, load: NativeLoad): string {
  // maximum_depth 1: every top-level value stays JSON text (no type inference), so SQL sees strings, numbers and
  // nulls apart. With detected (not given) columns, DuckDB fails on a key its sample did not have.
  return `read_json(${str(resolve(file))}, format = 'newline_delimited', records = true, maximum_depth = 1, ` +
    `map_inference_threshold = -1, compression = '${load.gzip ? 'gzip' : 'uncompressed'}'${load.sampleAll ? ', sample_size = -1' : ''})`;
}

/** The top-level keys DuckDB finds in its sample of the file, all of type JSON, on a connection of its own. */
async function fileKeys(store: Store, file: string, source: string): Promise<string[]> {
  // Its own connection: a failure here must not abort the caller's transaction.
  const connection = await store.instance.connect();
  try {
    const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
    const rows = described.getRows().map((r) => [String(r[0]), String(r[1])] as const);
    const keys: string[] = [];
    const lower = new Set<string>();
    for (const [name, type] of rows) {
      if (type !== 'JSON') throw new NativeGaveUp(file, `DuckDB read key '${name}' as ${type}`, false);
      lower.add(name.toLowerCase());
      keys.push(name);
    }
    // Keys that differ only in case come out renamed (`abc`, `abc_1`): no way to tell them from real names.
    for (const k of keys) {
      const m = /^(.*)_\d+$/.exec(k);
      if (m && lower.has(m[1]!.toLowerCase())) throw new NativeGaveUp(file, `keys that differ only in case ('${k}')`, false);
    }
    if (keys.length === 0) throw new NativeGaveUp(file, 'no keys', false);
    return keys;
  } catch (e) {
    if (e instanceof NativeGaveUp) throw e;
    throw new NativeGaveUp(file, (e as Error).message.split('\n')[0]!, false);
  } finally {
    connection.closeSync();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Conversions. `v` is the value's JSON text as DuckDB writes it back (minified; NULL for null and for a missing
// key, which every column type treats alike, except the `Type` column below). Each CASE either yields exactly what
// column-value.ts/value-fit.ts `tableValue` yields or calls error(), which makes the INSERT fail and the caller
// fall back to the JS path.

/** The characters JS String.prototype.trim removes (WhiteSpace and LineTerminator). */
const JS_SPACE = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** JSON number text as DuckDB writes it (no NaN/Infinity, which its parser accepts). */
const JSON_NUMBER = '-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?';
/** column-value.ts INTEGER and REAL. */
const INTEGER_TEXT = '[+-]?[0-9]+';
const REAL_TEXT = '[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?';
/**
 * The part of parse-datetime.ts's ISO 8601 that DuckDB's cast reads exactly: fields in range, `T`/`t`/space,
 * no space before the zone (upper-cased before the cast). Day-of-month and range are checked by the cast itself.
 */
const DATETIME =
  '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([Tt ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,7})?)?)?' +
  '([Zz]|[+-]([01][0-9]|2[0-3]):?[0-5][0-9])?';
/** parse-timespan.ts, with at most 7 digits of days so the ticks fit a BIGINT. */
const TIMESPAN = '(-)?(([0-9]{1,7})\\.)?([01]?[0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])(\\.([0-9]{1,7}))?';
const TIMESPAN_PARTS = `['neg', 'x', 'd', 'h', 'm', 's', 'y', 'f']`;
/** A JSON string token (in DuckDB's minified text). */
const JSON_STRING = '"(?:[^"\\\\]|\\\\.)*"';
/**
 * A number JSON.stringify writes back exactly as DuckDB wrote it: an integer of up to 15 digits, or a plain
 * decimal of at most 15 significant digits, ≥ 1e-6, without trailing zeros. Both write a double's shortest
 * round-trip digits, and a decimal of ≤ 15 significant digits is the only one of that length for its double.
 */
const CANONICAL_NUMBER = [
  '0|-?[1-9][0-9]{0,14}',
  ...Array.from({ length: 14 }, (_, k) => `-?[1-9][0-9]{${k}}\\.[0-9]{0,${13 - k}}[1-9]`),
  '-?0\\.0{0,5}[1-9]([0-9]{0,13}[1-9])?',
].join('|');

/** The value of JSON text `v` when it is a string, else NULL. Without a backslash it is the text between the quotes. */
export function stringSql(v: string): string {
  return `CASE WHEN starts_with(${v}, '"') THEN (CASE WHEN contains(${v}, '\\') THEN json_extract_string(${v}, '$') ELSE ${v}[2:-2] END) END`;
}

/** String `s` trimmed as JS String.prototype.trim does (most strings have nothing to trim: checked first). */
export function trimSql(s: string): string {
  const space = str(JS_SPACE);
  return `CASE WHEN ${s} <> '' AND (contains(${space}, ${s}[1]) OR contains(${space}, ${s}[-1])) THEN trim(${s}, ${space}) ELSE ${s} END`;
}

/**
 * The SQL that converts JSON text `v` for column `c`, or fails; `s` is stringSql of `v`, `t` trimSql of `s` (used
 * for dynamic columns). Exported for tests.
 */
export function columnSql(c: Column, v: string, s: string, t: string): string {
  const fail = `error(${str(`native ingest gives up: column '${c.name}'`)})`;
  const isString = `${s} IS NOT NULL`;
  const empty = `${v} = '""'`;
  switch (c.type) {
    case 'string':
      // A null `Type` is '' but a missing one is the table's name: NULL cannot tell them apart.
      return `CASE WHEN ${v} IS NULL THEN ${c.name === 'Type' ? fail : `''`} WHEN ${isString} THEN ${s} ELSE ${fail} END`;
    case 'guid':
      return `CASE WHEN ${v} IS NULL OR ${empty} THEN NULL WHEN ${isString} AND regexp_full_match(${s}, '${GUID}') THEN lower(${s}) ELSE ${fail} END`;
    case 'int':
    case 'long': {
      const sql = c.type === 'int' ? 'INTEGER' : 'BIGINT';
      // A JSON number must be a safe integer for long (JSON.parse has rounded larger ones); CAST fails out of range.
      const number = c.type === 'int'
        ? `CAST(${v} AS INTEGER)`
        : `CASE WHEN abs(CAST(${v} AS HUGEINT)) <= 9007199254740991 THEN CAST(${v} AS BIGINT) ELSE ${fail} END`;
      return `CASE WHEN ${v} IS NULL OR ${empty} THEN NULL WHEN regexp_full_match(${v}, '-?[0-9]+') THEN ${number} ` +
        `WHEN ${isString} AND regexp_full_match(${s}, '${INTEGER_TEXT}') THEN CAST(${s} AS ${sql}) ELSE ${fail} END`;
    }
    case 'real':
    case 'decimal':
      return `CASE WHEN ${v} IS NULL OR ${empty} THEN NULL WHEN regexp_full_match(${v}, '${JSON_NUMBER}') THEN CAST(${v} AS DOUBLE) ` +
        `WHEN ${v} = '"NaN"' THEN 'NaN'::DOUBLE WHEN ${v} IN ('"Infinity"', '"+Infinity"') THEN 'Infinity'::DOUBLE ` +
        `WHEN ${v} = '"-Infinity"' THEN '-Infinity'::DOUBLE ` +
        `WHEN ${isString} AND regexp_full_match(${s}, '${REAL_TEXT}') THEN CAST(${s} AS DOUBLE) ELSE ${fail} END`;
    case 'bool':
      return `CASE WHEN ${v} IS NULL OR ${empty} THEN NULL WHEN ${v} = 'true' THEN true WHEN ${v} = 'false' THEN false ` +
        `WHEN ${isString} AND lower(${s}) = 'true' THEN true WHEN ${isString} AND lower(${s}) = 'false' THEN false ELSE ${fail} END`;
    case 'datetime':
      return `CASE WHEN ${v} IS NULL OR ${empty} THEN NULL ` +
        `WHEN ${isString} AND regexp_full_match(${s}, '${DATETIME}') THEN CAST(upper(${s}) AS TIMESTAMP_NS) ELSE ${fail} END`;
    case 'timespan': {
      const p = `regexp_extract(${s}, '^${TIMESPAN}$', ${TIMESPAN_PARTS})`;
      const ticks =
        `(CAST(coalesce(nullif(${p}.d, ''), '0') AS BIGINT) * 864000000000 + CAST(${p}.h AS BIGINT) * 36000000000 + ` +
        `CAST(${p}.m AS BIGINT) * 600000000 + CAST(${p}.s AS BIGINT) * 10000000 + CAST(rpad(${p}.f, 7, '0') AS BIGINT))`;
      return `CASE WHEN ${v} IS NULL OR ${empty} THEN NULL ` +
        `WHEN ${isString} AND regexp_full_match(${s}, '${TIMESPAN}') THEN (CASE WHEN ${p}.neg = '-' THEN -${ticks} ELSE ${ticks} END) ` +
        `ELSE ${fail} END`;
    }
    case 'dynamic':
      return dynamicValue(v, s, t, fail);
  }
}

/**
 * column-value.ts `dynamic`: a string holding JSON object/array text is stored as that text (trimmed, as is); any
 * other value as JSON.stringify writes it, which is DuckDB's minified text when the checks below hold.
 */
function dynamicValue(v: string, s: string, t: string, fail: string): string {
  const looksJson = `((starts_with(${t}, '{') AND ends_with(${t}, '}')) OR (starts_with(${t}, '[') AND ends_with(${t}, ']')))`;
  return `CASE WHEN ${v} IS NULL THEN NULL ` +
    `WHEN ${s} IS NOT NULL THEN (CASE ` +
    `WHEN ${looksJson} THEN (CASE WHEN ${strictJson(t)} THEN CAST(${t} AS JSON) ELSE ${fail} END) ` +
    `WHEN NOT contains(${v}, '\\u') THEN CAST(${v} AS JSON) ELSE ${fail} END) ` +
    `WHEN ${v} IN ('true', 'false') OR regexp_full_match(${v}, '${CANONICAL_NUMBER}') THEN CAST(${v} AS JSON) ` +
    `WHEN (starts_with(${v}, '{') OR starts_with(${v}, '[')) AND ${stringifiesAlike(v)} THEN CAST(${v} AS JSON) ` +
    `ELSE ${fail} END`;
}

/**
 * Text DuckDB finds valid JSON that JSON.parse also accepts: none of DuckDB's leniencies outside strings (NaN,
 * Infinity, a comma before a closing bracket: after a comma comes a value or a key). Text DuckDB finds invalid is
 * not stored either way: give up.
 */
function strictJson(t: string): string {
  const value = `${JSON_STRING}|[-0-9{\\[]|true|false|null`;
  return `(json_valid(${t}) AND regexp_full_match(${t}, '(?:${value}|[ \\t\\n\\r}\\]:.eE+]|,[ \\t\\n\\r]*(?:${value}))*'))`;
}

/**
 * DuckDB's minified text of an object or array is what JSON.stringify(JSON.parse(it)) gives when it has no \\u
 * escapes (DuckDB writes them upper-case, JS lower-case), only numbers both write alike (each read whole: it ends
 * at `,`, `]` or `}`), no integer-like keys (JS puts them first) and no key twice in one object (JS keeps the last).
 */
function stringifiesAlike(v: string): string {
  const distinct = (keys: string) => `len(list_distinct(${keys})) = len(${keys})`;
  return `(regexp_full_match(${v}, '(?:"(?:[^"\\\\]|\\\\[^u])*"|[{}\\[\\],:]|true|false|null|(?:${CANONICAL_NUMBER})[,\\]}])*') ` +
    `AND NOT regexp_matches(${v}, '[{,]"[0-9]+":') ` +
    `AND (NOT starts_with(${v}, '{') OR ${distinct(`json_keys(${v})`)}) ` +
    `AND coalesce(list_bool_and(list_transform(json_keys(${v}, '$..*'), lambda k: ${distinct('k')})), true))`;
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * What DuckDB's JSON parser tolerates and JSON.parse rejects, found in the raw bytes: a comma before `}` or `]`
 * (also inside a string, where it is harmless: then the JS path loads the file all the same), and \v or \f; with
 * `negativeZero` (a real column is in the file) also the number -0, which DuckDB reads as 0.
 */
async function lenientJson(file: string, gzip: boolean, negativeZero: boolean, stop: { readonly stopped: boolean }): Promise<string | undefined> {
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  const source = gzip ? raw.pipe(createGunzip({ chunkSize: 1 << 20 })) : raw;
  if (gzip) raw.on('error', (e) => source.destroy(e));
  let commaBefore = false;
  let minusAtEnd = false;
  try {
    for await (const chunk of source) {
      if (stop.stopped) return undefined;
      const b = chunk as Buffer;
      if (b.indexOf(0x0b) >= 0 || b.indexOf(0x0c) >= 0) return 'a \\v or \\f character';
      for (const close of [0x7d, 0x5d]) {
        for (let i = b.indexOf(close); i >= 0; i = b.indexOf(close, i + 1)) {
          let j = i - 1;
          while (j >= 0 && isJsonSpace(b[j]!)) j--;
          if (j >= 0 ? b[j] === 0x2c : commaBefore) return 'a comma before a closing bracket';
        }
      }
      if (negativeZero && (hasNegativeZero(b) || (minusAtEnd && b[0] === 0x30))) return 'the number -0 (DuckDB reads it as 0, JSON.parse as -0)';
      minusAtEnd = b[b.length - 1] === 0x2d;
      let j = b.length - 1;
      while (j >= 0 && isJsonSpace(b[j]!)) j--;
      if (j >= 0) commaBefore = b[j] === 0x2c;
    }
  } finally {
    raw.destroy();
  }
  return undefined;
}

/**
 * The JSON number `-0`: `-0` after `:`, `,`, `[` or white space and not followed by a digit, `.` or an exponent
 * (also inside a string, or cut by the end of the buffer: then the JS path loads the file).
 */
function hasNegativeZero(b: Buffer): boolean {
  for (let i = b.indexOf('-0'); i >= 0; i = b.indexOf('-0', i + 2)) {
    const before = b[i - 1];
    if (before !== undefined && before !== 0x3a && before !== 0x2c && before !== 0x5b && !isJsonSpace(before)) continue;
    const next = b[i + 2];
    if (next === undefined || !((next >= 0x30 && next <= 0x39) || next === 0x2e || next === 0x65 || next === 0x45)) return true;
  }
  return false;
}

function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
