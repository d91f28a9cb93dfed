/**
 * ISO 8601 text → nanoseconds since the Unix epoch, UTC, at Kusto's 100 ns precision
 * (https://learn.microsoft.com/kusto/query/scalar-data-types/datetime). Text without a zone is UTC, as in Kusto;
 * an offset is converted to UTC. Up to 7 fraction digits (ticks); more would silently lose precision, so they fail.
 */
import { daysFromCivil, daysInMonth } from './calendar.js';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

/** Nanoseconds since 1970-01-01T00:00:00Z, or undefined when the text is not an ISO 8601 datetime. */
export function parseDatetime(text: string): bigint | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const year = +m[1]!, month = +m[2]!, day = +m[3]!;
  const hour = m[4] ? +m[4] : 0, minute = m[5] ? +m[5] : 0, second = m[6] ? +m[6] : 0;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetSeconds = 0;
  if (m[9]) {
    const oh = +m[10]!, om = +m[11]!;
    if (oh > 23 || om > 59) return undefined;
    offsetSeconds = (m[9] === '-' ? -1 : 1) * (oh * 3600 + om * 60);
  }
  const seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds;
  const fractionNs = m[7] ? BigInt(m[7].padEnd(9, '0')) : 0n;
  return BigInt(seconds) * 1_000_000_000n + fractionNs;
}
