/**
 * Parsers for the display strings in the docs' output tables: datetimes in the formats the docs use
 * (`2017-10-01 00:00:00.0000000`, ISO with `Z`, bare dates, `02/17/2016 08:40:01`), timespans
 * (`[-][d.]hh:mm:ss[.fffffff]`, https://learn.microsoft.com/kusto/query/scalar-data-types/timespan),
 * numbers (thousands separators, NaN/Infinity) and a lenient JSON reader for dynamic cells.
 */

const TICKS_PER_MS = 10_000n;
const TICKS_PER_SECOND = 10_000_000n;

/** Seven fraction digits → ticks; shorter fractions are padded, longer ones cut (Kusto keeps 100 ns). */
function fractionTicks(fraction: string | undefined): bigint {
  if (!fraction) return 0n;
  return BigInt((fraction + '0000000').slice(0, 7));
}

function utcTicks(y: number, mo: number, d: number, h: number, mi: number, s: number): bigint | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  if (date.getUTCDate() !== d) return undefined; // 2023-02-30 and the like
  return BigInt(date.getTime()) * TICKS_PER_MS;
}

const ISO_LIKE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*([AP]M)?)?$/i;

/**
 * A datetime display string → ticks (100 ns) since the Unix epoch, or undefined when it is not a datetime.
 * A value without a zone is UTC (Kusto datetimes are UTC). `MM/DD/YYYY` is read month first, as the docs'
 * `parse` examples print it.
 */
export function parseDocDatetime(text: string): bigint | undefined {
  const s = text.trim();
  let m = ISO_LIKE.exec(s);
  if (m) {
    const base = utcTicks(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
    if (base === undefined) return undefined;
    return base + fractionTicks(m[7]) - zoneOffsetTicks(m[8]);
  }
  m = US_DATE.exec(s);
  if (m) {
    let hour = +(m[4] ?? 0);
    const meridiem = m[8]?.toUpperCase();
    if (meridiem !== undefined) {
      if (hour < 1 || hour > 12) return undefined;
      hour = (hour % 12) + (meridiem === 'PM' ? 12 : 0);
    }
    const base = utcTicks(+m[3]!, +m[1]!, +m[2]!, hour, +(m[5] ?? 0), +(m[6] ?? 0));
    return base === undefined ? undefined : base + fractionTicks(m[7]);
  }
  return undefined;
}

function zoneOffsetTicks(zone: string | undefined): bigint {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0n;
  const sign = zone.startsWith('-') ? -1n : 1n;
  const digits = zone.slice(1).replace(':', '');
  const hours = BigInt(digits.slice(0, 2));
  const minutes = BigInt(digits.slice(2, 4) || '0');
  return sign * (hours * 3600n + minutes * 60n) * TICKS_PER_SECOND;
}

const TIMESPAN = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/;

/** A timespan display string `[-][d.]hh:mm:ss[.fffffff]` → ticks, or undefined. */
export function parseDocTimespan(text: string): bigint | undefined {
  const m = TIMESPAN.exec(text.trim());
  if (!m) return undefined;
  const [, minus, days, hh, mm, ss, fraction] = m;
  if (+mm! > 59 || +ss! > 59) return undefined;
  const seconds = BigInt(days ?? 0) * 86400n + BigInt(hh!) * 3600n + BigInt(mm!) * 60n + BigInt(ss!);
  const ticks = seconds * TICKS_PER_SECOND + fractionTicks(fraction);
  return minus ? -ticks : ticks;
}

/** A number as the docs print it: the value and how precisely it was written. */
export interface DocNumber {
  readonly value: number;
  /** The digits as written, when they are an integer (exact comparison with longs). */
  readonly integer?: bigint;
  /** Half a unit of the last written digit: `7.389056` → 5e-7, `100` → 0.5, `1.5E+20` → 5e19. */
  readonly halfUnit: number;
}

const NUMBER = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/;
const THOUSANDS = /^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** A numeric display string → DocNumber, or undefined. Strips thousands separators; knows NaN and ±Infinity. */
export function parseDocNumber(text: string): DocNumber | undefined {
  let s = text.trim();
  if (/^nan$/i.test(s)) return { value: NaN, halfUnit: 0 };
  if (/^\+?(infinity|inf|∞)$/i.test(s)) return { value: Infinity, halfUnit: 0 };
  if (/^-(infinity|inf|∞)$/i.test(s)) return { value: -Infinity, halfUnit: 0 };
  if (THOUSANDS.test(s)) s = s.replace(/,/g, '');
  const m = NUMBER.exec(s);
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) return undefined;
  const decimals = m[3]?.length ?? 0;
  const exponent = m[4] === undefined ? 0 : Number(m[4]);
  const value = Number(s);
  if (Number.isNaN(value)) return undefined;
  const integer = m[3] === undefined && m[4] === undefined ? BigInt(m[1] + m[2]!) : undefined;
  return { value, halfUnit: 0.5 * 10 ** (exponent - decimals), ...(integer === undefined ? {} : { integer }) };
}

/**
 * A JSON value read leniently from a docs cell. Numbers keep their text (for the decimal-places tolerance);
 * `...` inside an array stands for elements the docs left out.
 */
export type DocJson =
  | { readonly kind: 'null' }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'number'; readonly value: number; readonly text: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'array'; readonly items: readonly DocJson[] }
  | { readonly kind: 'object'; readonly entries: ReadonlyMap<string, DocJson> }
  | { readonly kind: 'ellipsis' };

/**
 * Parses JSON as the docs print dynamic values. Beyond strict JSON it accepts single-quoted strings
 * (`{'a': 1}`, Kusto's dynamic literal style), bare words as strings (`[yes, no]`), NaN/Infinity, trailing
 * commas, and `...`/`.....` as an ellipsis array element. Returns undefined when the text is not such a value.
 */
export function parseDocJson(text: string): DocJson | undefined {
  const p = new LenientJson(text);
  try {
    p.skipSpace();
    const v = p.value();
    p.skipSpace();
    return p.atEnd() ? v : undefined;
  } catch {
    return undefined;
  }
}

class LenientJson {
  private i = 0;
  constructor(private readonly s: string) {}

  atEnd(): boolean {
    return this.i >= this.s.length;
  }

  skipSpace(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }

  private fail(): never {
    throw new Error(`unexpected input at ${this.i}`);
  }

  value(): DocJson {
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"' || c === "'") return { kind: 'string', value: this.string() };
    if (c === '.' && this.s.startsWith('..', this.i)) {
      while (this.s[this.i] === '.') this.i++;
      return { kind: 'ellipsis' };
    }
    const num = /^-?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|NaN|Infinity)/.exec(this.s.slice(this.i));
    if (num) {
      this.i += num[0].length;
      return { kind: 'number', value: Number(num[0]), text: num[0] };
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.s.slice(this.i));
    if (word) {
      this.i += word[0].length;
      if (word[0] === 'true' || word[0] === 'false') return { kind: 'bool', value: word[0] === 'true' };
      if (word[0] === 'null') return { kind: 'null' };
      return { kind: 'string', value: word[0] };
    }
    return this.fail();
  }

  private array(): DocJson {
    this.i++; // [
    const items: DocJson[] = [];
    for (;;) {
      this.skipSpace();
      if (this.s[this.i] === ']') {
        this.i++;
        return { kind: 'array', items };
      }
      const item = this.value();
      // `... ... ...` is one gap.
      if (!(item.kind === 'ellipsis' && items[items.length - 1]?.kind === 'ellipsis')) items.push(item);
      this.skipSpace();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== ']' && item.kind !== 'ellipsis') this.fail();
    }
  }

  private object(): DocJson {
    this.i++; // {
    const entries = new Map<string, DocJson>();
    for (;;) {
      this.skipSpace();
      if (this.s[this.i] === '}') {
        this.i++;
        return { kind: 'object', entries };
      }
      const c = this.s[this.i];
      let key: string;
      if (c === '"' || c === "'") key = this.string();
      else {
        const word = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(this.s.slice(this.i));
        if (!word) this.fail();
        key = word[0];
        this.i += key.length;
      }
      this.skipSpace();
      if (this.s[this.i] !== ':') this.fail();
      this.i++;
      this.skipSpace();
      entries.set(key, this.value());
      this.skipSpace();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== '}') this.fail();
    }
  }

  private string(): string {
    const quote = this.s[this.i]!;
    this.i++;
    let out = '';
    while (this.i < this.s.length) {
      const c = this.s[this.i]!;
      if (c === quote) {
        this.i++;
        return out;
      }
      if (c === '\\') {
        const e = this.s[this.i + 1];
        this.i += 2;
        switch (e) {
          case 'n': out += '\n'; break;
          case 't': out += '\t'; break;
          case 'r': out += '\r'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'u': {
            const hex = this.s.slice(this.i, this.i + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail();
            out += String.fromCharCode(parseInt(hex, 16));
            this.i += 4;
            break;
          }
          case undefined: this.fail(); break;
          default: out += e; // \" \' \\ \/
        }
        continue;
      }
      out += c;
      this.i++;
    }
    return this.fail();
  }
}
