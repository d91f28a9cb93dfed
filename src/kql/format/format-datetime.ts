/**
 * Nanoseconds since the Unix epoch → Kusto's datetime text: ISO 8601 UTC with a 7-digit fraction (ticks) and
 * `Z`, e.g. `2024-01-01T10:00:00.0000000Z` (https://learn.microsoft.com/kusto/query/scalar-data-types/datetime).
 */
import { civilFromDays } from './calendar.js';

const NS_PER_SECOND = 1_000_000_000n;

export function formatDatetime(ns: bigint): string {
  let seconds = ns / NS_PER_SECOND;
  let rest = ns % NS_PER_SECOND;
  // BigInt division truncates toward zero; datetimes before 1970 need the floor.
  if (rest < 0n) {
    rest += NS_PER_SECOND;
    seconds -= 1n;
  }
  const s = Number(seconds);
  const days = Math.floor(s / 86400);
  const secondOfDay = s - days * 86400;
  const { year, month, day } = civilFromDays(days);
  return (
    pad(year, 4) + '-' + pad(month, 2) + '-' + pad(day, 2) + 'T' +
    pad(Math.floor(secondOfDay / 3600), 2) + ':' + pad(Math.floor(secondOfDay / 60) % 60, 2) + ':' +
    pad(secondOfDay % 60, 2) + '.' + (rest / 100n).toString().padStart(7, '0') + 'Z'
  );
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
