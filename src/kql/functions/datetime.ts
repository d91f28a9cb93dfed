/**
 * Datetime and timespan functions (https://learn.microsoft.com/kusto/query/datetime-timespan-arithmetic).
 * now() and ago() are folded by the binder against the injected clock; they never read the wall clock.
 * datetime is TIMESTAMP_NS, timespan is BIGINT ticks (plan/types.ts); the longer lowerings are SQL macros in
 * runtime/macros-datetime.ts and the few TypeScript kernels are in runtime/udfs-datetime.ts.
 */
import { scalar, DOCS, type FunctionDef, type LowerContext, type SqlArg } from './define.js';
import { asText, isConstString } from './sql-helpers.js';
import { str } from '../sql/sql-text.js';
import { duckdbType, type KustoType } from '../plan/types.js';

const TICKS_TO_0001 = '621355968000000000';

const isInt = (t: KustoType) => t === 'int' || t === 'long';

/** The SQL of an optional argument, or a default. */
const opt = (a: SqlArg | undefined, dflt: string) => (a ? a.sql : dflt);

/**
 * bin(value, size): rounds down to a multiple of size; "a negative bin size will result in null"
 * (bin-function.md; traps §4.5). Timespans and longs floor exactly in integers (`//` alone truncates toward 0).
 */
function bin(args: readonly SqlArg[], ctx: LowerContext): string {
  const [v, size] = args as [SqlArg, SqlArg];
  const guard = (sql: string) => `CASE WHEN ${size.sql} > 0 THEN ${sql} END`;
  if (v.type === 'datetime') {
    // Align on 0001-01-01 like Kusto: floor ticks counted from there.
    const ticks = `(epoch_ns(${v.sql}) // 100 + ${TICKS_TO_0001})`;
    return guard(`make_timestamp_ns((kql_floordiv(${ticks}, ${size.sql}) * ${size.sql} - ${TICKS_TO_0001}) * 100)`);
  }
  if (v.type === 'timespan') return guard(`(kql_floordiv(${v.sql}, ${size.sql}) * ${size.sql})`);
  if (isInt(v.type) && isInt(size.type)) return guard(`CAST(kql_floordiv(${v.sql}, ${size.sql}) * ${size.sql} AS ${duckdbType(ctx.resultType)})`);
  return guard(`CAST(floor(${v.sql} / ${size.sql}) * ${size.sql} AS ${duckdbType(ctx.resultType)})`);
}

/** bin_at(value, size, fixed_point): bins aligned so that fixed_point starts a bin (bin-at-function.md). */
function binAt(args: readonly SqlArg[], ctx: LowerContext): string {
  const [v, size, fixed] = args as [SqlArg, SqlArg, SqlArg];
  const guard = (sql: string) => `CASE WHEN ${size.sql} > 0 THEN ${sql} END`;
  if (v.type === 'datetime') {
    const span = `(${size.sql} * 100)`;
    return guard(`make_timestamp_ns(epoch_ns(${fixed.sql}) + kql_floordiv(epoch_ns(${v.sql}) - epoch_ns(${fixed.sql}), ${span}) * ${span})`);
  }
  if (v.type === 'timespan') return guard(`(${fixed.sql} + kql_floordiv(${v.sql} - ${fixed.sql}, ${size.sql}) * ${size.sql})`);
  if (isInt(v.type) && isInt(size.type) && isInt(fixed.type)) {
    return guard(`CAST(${fixed.sql} + kql_floordiv(${v.sql} - ${fixed.sql}, ${size.sql}) * ${size.sql} AS ${duckdbType(ctx.resultType)})`);
  }
  return guard(`CAST(${fixed.sql} + floor((${v.sql} - ${fixed.sql}) / ${size.sql}) * ${size.sql} AS ${duckdbType(ctx.resultType)})`);
}

/** startofX/endofX(date [, offset]) through the kql_* macros (startofweek-function.md: weeks start on Sunday). */
const period = (macro: string) => ([d, off]: readonly SqlArg[]) => `${macro}(${d!.sql}, ${opt(off, '0')})`;

const asInt = (sql: string) => `CAST(${sql} AS INTEGER)`;

/** Epoch number → datetime: integers stay exact in integer arithmetic, reals are split (unixtime-*.md). */
function fromUnix(unitNs: number): (args: readonly SqlArg[]) => string {
  return ([x]) => (isInt(x!.type)
    ? `kql_unix_long_to_dt(${x!.sql}, ${unitNs})`
    : `kql_unix_real_to_dt(CAST(${x!.sql} AS DOUBLE), ${unitNs})`);
}

/** totimespan (totimespan-function.md): strings are parsed; a number is taken as ticks, like tolong(timespan). */
function toTimespan([a]: readonly SqlArg[]): string {
  switch (a!.type) {
    case 'timespan':
      return a!.sql;
    case 'string':
      return `kql_parse_timespan(${a!.sql})`;
    case 'dynamic':
      return `kql_parse_timespan(json_extract_string(${a!.sql}, '$'))`;
    case 'int':
    case 'long':
      return `CAST(${a!.sql} AS BIGINT)`;
    case 'real':
    case 'decimal':
      return `CAST(round(${a!.sql}) AS BIGINT)`;
    default:
      return 'CAST(NULL AS BIGINT)';
  }
}

// ---- format_datetime / format_timespan -------------------------------------------------------------------------

/** A piece of a .NET-style custom format: a literal, or a run of one format letter. */
type FormatToken = { readonly lit: string } | { readonly letter: string; readonly count: number };

/**
 * Splits a format into tokens. Format letters are those of format-datetime-function.md / format-timespan-function.md
 * (d f F h H m M s y t); a run of one letter is one element ("yyyy"); everything else, the documented delimiters
 * included, is copied; '…' / "…" quote literal text and \ escapes one character, as in .NET custom formats.
 */
export function tokenizeFormat(fmt: string, letters: string): FormatToken[] {
  const out: FormatToken[] = [];
  let lit = '';
  const flush = () => {
    if (lit !== '') out.push({ lit });
    lit = '';
  };
  for (let i = 0; i < fmt.length; ) {
    const ch = fmt[i]!;
    if (ch === "'" || ch === '"') {
      const end = fmt.indexOf(ch, i + 1);
      lit += end < 0 ? fmt.slice(i + 1) : fmt.slice(i + 1, end);
      i = end < 0 ? fmt.length : end + 1;
    } else if (ch === '\\' && i + 1 < fmt.length) {
      lit += fmt[i + 1];
      i += 2;
    } else if (letters.includes(ch)) {
      let j = i;
      while (j < fmt.length && fmt[j] === ch) j++;
      flush();
      out.push({ letter: ch, count: j - i });
      i = j;
    } else {
      lit += ch;
      i++;
    }
  }
  flush();
  return out;
}

const DATETIME_LETTERS = 'dfFhHmMsyt';
const TIMESPAN_LETTERS = 'dfFhHms';
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];

/** The parts a format element reads, as SQL expressions. */
interface Parts<T> {
  year: T; month: T; day: T; hour: T; minute: T; second: T; frac7: T; weekday: T;
}

/** Renders one element as SQL: how to pad, take fraction digits, and name days and months. */
interface Render<T> {
  pad(v: T, n: number): T;
  /** First n of the 7 fraction digits; trimmed of trailing zeros (and possibly empty) when `trim`. */
  frac(v: T, n: number, trim: boolean): T;
  hour12(h: T): T;
  ampm(h: T, n: number): T;
  mod100(y: T): T;
  dayName(w: T, full: boolean): T;
  monthName(m: T, full: boolean): T;
  lit(s: string): T;
}

function renderDatetimeElement<T>(tok: { letter: string; count: number }, p: Parts<T>, r: Render<T>): T {
  const n = tok.count;
  switch (tok.letter) {
    case 'd': return n <= 2 ? r.pad(p.day, n) : r.dayName(p.weekday, n > 3);
    case 'M': return n <= 2 ? r.pad(p.month, n) : r.monthName(p.month, n > 3);
    case 'y': return n <= 2 ? r.pad(r.mod100(p.year), n) : r.pad(p.year, n);
    case 'h': return r.pad(r.hour12(p.hour), Math.min(n, 2));
    case 'H': return r.pad(p.hour, Math.min(n, 2));
    case 'm': return r.pad(p.minute, Math.min(n, 2));
    case 's': return r.pad(p.second, Math.min(n, 2));
    case 'f': return r.frac(p.frac7, Math.min(n, 7), false);
    case 'F': return r.frac(p.frac7, Math.min(n, 7), true);
    case 't': return r.ampm(p.hour, n);
    default: return r.lit(tok.letter.repeat(n));
  }
}

/** Timespan elements (format-timespan-function.md); the doc example also uses h/hh for the hours. */
function renderTimespanElement<T>(tok: { letter: string; count: number }, days: T, p: Parts<T>, r: Render<T>): T {
  const n = tok.count;
  switch (tok.letter) {
    case 'd': return r.pad(days, Math.min(n, 8));
    case 'h':
    case 'H': return r.pad(p.hour, Math.min(n, 2));
    case 'm': return r.pad(p.minute, Math.min(n, 2));
    case 's': return r.pad(p.second, Math.min(n, 2));
    case 'f': return r.frac(p.frac7, Math.min(n, 7), false);
    case 'F': return r.frac(p.frac7, Math.min(n, 7), true);
    default: return r.lit(tok.letter.repeat(n));
  }
}

const SQL_RENDER: Render<string> = {
  pad: (v, n) => (n <= 1 ? `CAST(${v} AS VARCHAR)` : `lpad(CAST(${v} AS VARCHAR), ${n}, '0')`),
  frac: (v, n, trim) => {
    const digits = `left(lpad(CAST(${v} AS VARCHAR), 7, '0'), ${n})`;
    return trim ? `rtrim(${digits}, '0')` : digits;
  },
  hour12: (h) => `(CASE WHEN ${h} % 12 = 0 THEN 12 ELSE ${h} % 12 END)`,
  ampm: (h, n) => `(CASE WHEN ${h} < 12 THEN ${str(n === 1 ? 'A' : 'AM')} ELSE ${str(n === 1 ? 'P' : 'PM')} END)`,
  mod100: (y) => `(${y} % 100)`,
  dayName: (w, full) => `(${str(JSON.stringify(DAY_NAMES.map((d) => (full ? d : d.slice(0, 3)))))}::VARCHAR[])[${w} + 1]`,
  monthName: (m, full) => `(${str(JSON.stringify(MONTH_NAMES.map((d) => (full ? d : d.slice(0, 3)))))}::VARCHAR[])[${m}]`,
  lit: (s) => str(s),
};

function sqlConcat(pieces: string[]): string {
  return pieces.length === 0 ? `''` : pieces.length === 1 ? pieces[0]! : `(${pieces.join(' || ')})`;
}

/** format_datetime with a constant format, inlined as SQL (format-datetime-function.md). */
function formatDatetimeSql(d: string, fmt: string): string {
  const p: Parts<string> = {
    year: `year(${d})`, month: `month(${d})`, day: `day(${d})`, hour: `hour(${d})`, minute: `minute(${d})`,
    second: `second(${d})`, frac7: `(kql_dt_subsec_ns(${d}) // 100)`, weekday: `dayofweek(${d})`,
  };
  const pieces = tokenizeFormat(fmt, DATETIME_LETTERS).map((t) => ('lit' in t ? str(t.lit) : renderDatetimeElement(t, p, SQL_RENDER)));
  return `CASE WHEN ${d} IS NOT NULL THEN ${sqlConcat(pieces)} ELSE '' END`;
}

/** format_timespan with a constant format, inlined as SQL (format-timespan-function.md). */
function formatTimespanSql(t: string, fmt: string): string {
  const a = `abs(${t})`;
  const p: Parts<string> = {
    year: '0', month: '0', day: '0', hour: `((${a} // 36000000000) % 24)`, minute: `((${a} // 600000000) % 60)`,
    second: `((${a} // 10000000) % 60)`, frac7: `(${a} % 10000000)`, weekday: '0',
  };
  const days = `(${a} // 864000000000)`;
  const pieces = tokenizeFormat(fmt, TIMESPAN_LETTERS).map((tok) => ('lit' in tok ? str(tok.lit) : renderTimespanElement(tok, days, p, SQL_RENDER)));
  return `CASE WHEN ${t} IS NOT NULL THEN ${sqlConcat(pieces)} ELSE '' END`;
}

// Microsoft's binder requires the format to be a literal (KS131 "The expression must be a literal"), so it is
// always known here and the whole format compiles to one SQL concatenation.
function formatDatetime([d, f]: readonly SqlArg[]): string {
  if (!isConstString(f!)) throw new Error('format_datetime() needs a constant format');
  return formatDatetimeSql(d!.sql, f.constant);
}

function formatTimespan([t, f]: readonly SqlArg[]): string {
  if (!isConstString(f!)) throw new Error('format_timespan() needs a constant format');
  return formatTimespanSql(t!.sql, f.constant);
}

// ---- make_datetime / make_timespan ---------------------------------------------------------------------------

/** make_datetime(y, m, d [, h, min [, s]]) (make-datetime-function.md). */
function makeDatetime(args: readonly SqlArg[]): string {
  const [y, mo, d, h, mi, s] = args;
  // The binder also accepts one argument (a datetime or its text): it is that datetime.
  if (args.length === 1) return y!.type === 'datetime' ? y!.sql : `kql_todatetime(CAST(${y!.sql} AS VARCHAR))`;
  return `kql_make_datetime(${y!.sql}, ${mo!.sql}, ${d!.sql}, ${opt(h, '0')}, ${opt(mi, '0')}, ${opt(s, '0')})`;
}

/** make_timespan(h, m) | (h, m, s) | (d, h, m, s) (make-timespan-function.md). */
function makeTimespan(args: readonly SqlArg[]): string {
  const a = args.map((x) => x.sql);
  if (a.length === 2) return `kql_make_timespan(0, ${a[0]}, ${a[1]}, 0)`;
  if (a.length === 3) return `kql_make_timespan(0, ${a[0]}, ${a[1]}, ${a[2]})`;
  return `kql_make_timespan(${a[0]}, ${a[1]}, ${a[2]}, ${a[3]})`;
}

export const datetimeFunctions = [
  scalar('bin', { doc: DOCS + 'bin-function', sql: bin, aliases: ['floor'] }),
  scalar('bin_at', { doc: DOCS + 'bin-at-function', sql: binAt }),
  scalar('startofday', { doc: DOCS + 'startofday-function', sql: period('kql_startofday') }),
  scalar('startofweek', { doc: DOCS + 'startofweek-function', sql: period('kql_startofweek') }),
  scalar('startofmonth', { doc: DOCS + 'startofmonth-function', sql: period('kql_startofmonth') }),
  scalar('startofyear', { doc: DOCS + 'startofyear-function', sql: period('kql_startofyear') }),
  scalar('endofday', { doc: DOCS + 'endofday-function', sql: period('kql_endofday') }),
  scalar('endofweek', { doc: DOCS + 'endofweek-function', sql: period('kql_endofweek') }),
  scalar('endofmonth', { doc: DOCS + 'endofmonth-function', sql: period('kql_endofmonth') }),
  scalar('endofyear', { doc: DOCS + 'endofyear-function', sql: period('kql_endofyear') }),
  scalar('datetime_add', { doc: DOCS + 'datetime-add-function', sql: ([p, n, d]) => `kql_dt_add_part(${p!.sql}, ${n!.sql}, ${d!.sql})` }),
  scalar('datetime_diff', {
    doc: DOCS + 'datetime-diff-function',
    sql: ([p, a, b]) => `CAST(kql_dt_diff_part(${p!.sql}, ${a!.sql}, ${b!.sql}) AS BIGINT)`,
  }),
  scalar('datetime_part', { doc: DOCS + 'datetime-part-function', sql: ([p, d]) => `kql_dt_part(${p!.sql}, ${d!.sql})`, aliases: ['datepart'] }),
  // dayofweek: "number of days since the preceding Sunday, as a timespan" (dayofweek-function.md).
  scalar('dayofweek', { doc: DOCS + 'dayofweek-function', sql: ([d]) => `(CAST(dayofweek(${d!.sql}) AS BIGINT) * 864000000000)` }),
  scalar('dayofmonth', { doc: DOCS + 'dayofmonth-function', sql: ([d]) => asInt(`day(${d!.sql})`) }),
  scalar('dayofyear', { doc: DOCS + 'dayofyear-function', sql: ([d]) => asInt(`dayofyear(${d!.sql})`) }),
  scalar('hourofday', { doc: DOCS + 'hourofday-function', sql: ([d]) => asInt(`hour(${d!.sql})`) }),
  scalar('monthofyear', { doc: DOCS + 'monthofyear-function', sql: ([d]) => asInt(`month(${d!.sql})`) }),
  scalar('getmonth', { doc: DOCS + 'getmonth-function', sql: ([d]) => asInt(`month(${d!.sql})`) }),
  scalar('getyear', { doc: DOCS + 'getyear-function', sql: ([d]) => asInt(`year(${d!.sql})`) }),
  // ISO 8601 weeks: week 1 holds the year's first Thursday (week-of-year-function.md); DuckDB's weekofyear is ISO.
  scalar('week_of_year', { doc: DOCS + 'week-of-year-function', sql: ([d]) => asInt(`weekofyear(${d!.sql})`), aliases: ['weekofyear'] }),
  scalar('make_datetime', { doc: DOCS + 'make-datetime-function', sql: makeDatetime }),
  scalar('make_timespan', { doc: DOCS + 'make-timespan-function', sql: makeTimespan }),
  scalar('format_datetime', { doc: DOCS + 'format-datetime-function', sql: formatDatetime }),
  scalar('format_timespan', { doc: DOCS + 'format-timespan-function', sql: formatTimespan }),
  scalar('totimespan', { doc: DOCS + 'totimespan-function', sql: toTimespan, aliases: ['totime'] }),
  scalar('unixtime_seconds_todatetime', { doc: DOCS + 'unixtime-seconds-todatetime-function', sql: fromUnix(1e9) }),
  scalar('unixtime_milliseconds_todatetime', { doc: DOCS + 'unixtime-milliseconds-todatetime-function', sql: fromUnix(1e6) }),
  scalar('unixtime_microseconds_todatetime', { doc: DOCS + 'unixtime-microseconds-todatetime-function', sql: fromUnix(1e3) }),
  scalar('unixtime_nanoseconds_todatetime', { doc: DOCS + 'unixtime-nanoseconds-todatetime-function', sql: fromUnix(1) }),
  scalar('datetime_utc_to_local', { doc: DOCS + 'datetime-utc-to-local-function', sql: ([d, tz]) => `kql_utc_to_local(${d!.sql}, ${asText(tz!)})` }),
  scalar('datetime_local_to_utc', { doc: DOCS + 'datetime-local-to-utc-function', sql: ([d, tz]) => `kql_local_to_utc(${d!.sql}, ${asText(tz!)})` }),
] as const satisfies readonly FunctionDef[];
