/**
 * Ticks of 100 ns → Kusto's timespan text `[-][d.]hh:mm:ss[.fffffff]`: the day part only when non-zero, the
 * 7-digit fraction only when non-zero (`00:03:00`, `1.02:00:00`, `00:00:00.5000000`), as Kusto prints them
 * (https://learn.microsoft.com/kusto/query/scalar-data-types/timespan).
 */
import { TICKS } from '../plan/types.js';

export function formatTimespan(ticks: bigint): string {
  const sign = ticks < 0n ? '-' : '';
  let t = ticks < 0n ? -ticks : ticks;
  const days = t / TICKS.day;
  t %= TICKS.day;
  const hours = t / TICKS.hour;
  t %= TICKS.hour;
  const minutes = t / TICKS.minute;
  t %= TICKS.minute;
  const seconds = t / TICKS.second;
  const fraction = t % TICKS.second;
  return (
    sign + (days > 0n ? days.toString() + '.' : '') +
    pad2(hours) + ':' + pad2(minutes) + ':' + pad2(seconds) +
    (fraction > 0n ? '.' + fraction.toString().padStart(7, '0') : '')
  );
}

function pad2(n: bigint): string {
  return n.toString().padStart(2, '0');
}
