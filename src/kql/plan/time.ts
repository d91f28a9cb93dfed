/**
 * Datetime text ↔ nanoseconds since the Unix epoch, at Kusto's 100 ns precision (scalar-data-types/datetime.md).
 * JavaScript's Date keeps only milliseconds, so the fraction is handled here.
 */

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Parses ISO 8601 (and Kusto's space-separated form); other forms (RFC 822/850) through Date. Null if invalid. */
export function parseDatetimeNs(text: string): bigint | null {
  const s = text.trim();
  const m = ISO.exec(s);
  if (m) {
    const [, y, mo, d, h, mi, se, frac, zone] = m;
    const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(se ?? 0));
    if (Number.isNaN(ms)) return null;
    if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return null;
    let ns = BigInt(ms) * 1000000n;
    if (frac) ns += BigInt((frac + '000000000').slice(0, 9));
    if (zone && zone.toUpperCase() !== 'Z') {
      const sign = zone[0] === '-' ? -1n : 1n;
      const digits = zone.slice(1).replace(':', '');
      const offMin = BigInt(Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
      ns -= sign * offMin * 60000000000n;
    }
    return ns;
  }
  const ms = Date.parse(s.includes('GMT') || /[+-]\d{4}$/.test(s) || /Z$/i.test(s) ? s : s + ' GMT');
  if (Number.isNaN(ms)) return null;
  return BigInt(ms) * 1000000n;
}

/** "2024-01-02T03:04:05.1234567Z": Kusto's rendering of a datetime. */
export function formatDatetimeNs(ns: bigint): string {
  const ms = ns >= 0n ? ns / 1000000n : -((-ns + 999999n) / 1000000n);
  const sub = ns - ms * 1000000n; // 0..999999 ns past the millisecond
  const d = new Date(Number(ms));
  const base = d.toISOString().slice(0, 19);
  const fraction = (String(d.getUTCMilliseconds()).padStart(3, '0') + String(sub).padStart(6, '0')).slice(0, 7);
  return `${base}.${fraction}Z`;
}

/** "[-][d.]hh:mm:ss[.fffffff]": Kusto's rendering of a timespan given in ticks. */
export function formatTimespanTicks(ticks: bigint): string {
  const neg = ticks < 0n;
  let t = neg ? -ticks : ticks;
  const days = t / 864000000000n;
  t %= 864000000000n;
  const h = t / 36000000000n;
  t %= 36000000000n;
  const m = t / 600000000n;
  t %= 600000000n;
  const s = t / 10000000n;
  const f = t % 10000000n;
  const two = (x: bigint) => String(x).padStart(2, '0');
  return (neg ? '-' : '') + (days > 0n ? `${days}.` : '') + `${two(h)}:${two(m)}:${two(s)}` + (f > 0n ? '.' + String(f).padStart(7, '0') : '');
}
