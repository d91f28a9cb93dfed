/**
 * parseSourceDatetime(text): the timestamps real exports write → nanoseconds since the epoch, UTC. Beyond the ISO
 * 8601 forms Kusto reads (parseDatetime), Entra ID and Log Analytics exports write a few more:
 * - risk categories' envelope `time`: `4/14/2025 11:35:37 AM` (US month/day order, 12-hour clock, UTC);
 * - Log Analytics portal CSV: `5/25/2023, 4:32:49.469 AM` (same, with a comma and a fraction);
 * - a one-digit hour inside ISO text: `2025-04-14T3:15:37.008Z` (UserRiskEvents `activityDateTime`).
 * Text without a zone is UTC (these exports are UTC); an offset is converted to UTC.
 */
import { parseDatetime } from '../kql/format/parse-datetime.js';

const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,7})?)?\s*([AaPp][Mm])?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const ONE_DIGIT_HOUR = /^(\d{4}-\d{2}-\d{2}[Tt ])(\d)(:\d{2}.*)$/;

export function parseSourceDatetime(text: string): bigint | undefined {
  const iso = parseDatetime(text);
  if (iso !== undefined) return iso;
  const t = text.trim();
  const oneDigit = ONE_DIGIT_HOUR.exec(t);
  if (oneDigit) return parseDatetime(`${oneDigit[1]}0${oneDigit[2]}${oneDigit[3]}`);
  const m = US.exec(t);
  if (!m) return undefined;
  let hour = +m[4]!;
  const ampm = m[8]?.toUpperCase();
  if (ampm) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (ampm === 'PM' ? 12 : 0);
  }
  const pad = (n: number | string) => String(n).padStart(2, '0');
  const iso8601 = `${m[3]}-${pad(m[1]!)}-${pad(m[2]!)}T${pad(hour)}:${m[5]}:${m[6] ?? '00'}${m[7] ?? ''}${m[9] ?? 'Z'}`;
  return parseDatetime(iso8601);
}
