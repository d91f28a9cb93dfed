/**
 * Rule durations → milliseconds. Sentinel's ARM API writes ISO 8601 (`PT5H`, `P1D`, `PT15M`); the public
 * Azure-Sentinel YAML writes `<number><m|h|d>` (`15m`, `1h`, `5d`), and its validator also accepts .NET TimeSpan
 * text (`01:00:00`, `1.00:00:00`) — see Azure-Sentinel .script/tests/detectionTemplateSchemaValidation/Models/
 * ScheduledTemplateTimeSpanConverter.cs. KQL timespan literals (`30d`, `10m`) are read by kqlTimespan.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Milliseconds, or undefined when the text is none of the accepted forms. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const short = /^(\d+)\s*([mhd])$/.exec(text);
  if (short) return Number(short[1]) * { m: MINUTE, h: HOUR, d: DAY }[short[2] as 'm' | 'h' | 'd'];
  const iso = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(text);
  if (iso && text.length > 1 && !/T$/i.test(text)) {
    const [, w, d, h, m, s] = iso.map((x) => (x === undefined ? 0 : Number(x)));
    return Math.round(w! * 7 * DAY + d! * DAY + h! * HOUR + m! * MINUTE + s! * 1000);
  }
  const span = /^(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/.exec(text);
  if (span) {
    const [, d, h, m, s, f] = span;
    return Number(d ?? 0) * DAY + Number(h) * HOUR + Number(m) * MINUTE + Number(s ?? 0) * 1000 + Math.round(Number(`0.${f ?? 0}`) * 1000);
  }
  return undefined;
}

/** The shortest `<n><m|h|d>` text for a whole number of minutes, otherwise ISO 8601. */
export function formatDuration(ms: number): string {
  if (ms > 0 && ms % DAY === 0) return `${ms / DAY}d`;
  if (ms > 0 && ms % HOUR === 0) return `${ms / HOUR}h`;
  if (ms > 0 && ms % MINUTE === 0) return `${ms / MINUTE}m`;
  return `PT${ms / 1000}S`;
}

const KQL_UNITS: Record<string, number> = {
  d: DAY, day: DAY, days: DAY,
  h: HOUR, hr: HOUR, hrs: HOUR, hour: HOUR, hours: HOUR,
  m: MINUTE, min: MINUTE, minute: MINUTE, minutes: MINUTE,
  s: 1000, sec: 1000, second: 1000, seconds: 1000,
  ms: 1, milli: 1, millis: 1, millisecond: 1, milliseconds: 1,
};

/** A KQL timespan literal (`30d`, `1.5h`, `10min`; https://learn.microsoft.com/kusto/query/scalar-data-types/timespan) → ms. */
export function kqlTimespan(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([a-z]+)$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = KQL_UNITS[m[2]!.toLowerCase()];
  return unit === undefined ? undefined : Number(m[1]) * unit;
}

export const DURATION = { MINUTE, HOUR, DAY } as const;
