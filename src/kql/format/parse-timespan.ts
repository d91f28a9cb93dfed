/**
 * Kusto timespan text `[-][d.]hh:mm:ss[.fffffff]` → ticks of 100 ns
 * (https://learn.microsoft.com/kusto/query/scalar-data-types/timespan).
 */
import { TICKS } from '../plan/types.js';

const TIMESPAN = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/;

/** Ticks, or undefined when the text is not a timespan in Kusto's constant form. */
export function parseTimespan(text: string): bigint | undefined {
  const m = TIMESPAN.exec(text);
  if (!m) return undefined;
  const hours = +m[3]!, minutes = +m[4]!, seconds = +m[5]!;
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const ticks =
    BigInt(m[2] ?? '0') * TICKS.day +
    BigInt(hours) * TICKS.hour +
    BigInt(minutes) * TICKS.minute +
    BigInt(seconds) * TICKS.second +
    BigInt((m[6] ?? '').padEnd(7, '0'));
  return m[1] ? -ticks : ticks;
}
