/**
 * SQL macros for the datetime, math and aggregate families (installed as TEMP macros by macros.ts).
 * datetime is TIMESTAMP_NS and timespan is BIGINT ticks of 100 ns (plan/types.ts; traps §4.1): arithmetic goes
 * through epoch_ns, because TIMESTAMP_NS + INTERVAL and date_trunc drop to µs TIMESTAMP.
 */

export const datetimeMacros: readonly string[] = [
  // todatetime-function.md / datetime.md: ISO 8601 first, then the US and RFC 822/850 forms Kusto also reads
  // ('02/17/2016 08:40:01', '12-02-2022' as month-day-year, 'Sat, 8 Nov 2014 13:05:03 GMT').
  `kql_todatetime(s) AS coalesce(TRY_CAST(TRY_CAST(nullif(trim(s), '') AS TIMESTAMPTZ) AS TIMESTAMP_NS),
     TRY_CAST(try_strptime(trim(s), ['%m/%d/%Y %H:%M:%S', '%m/%d/%Y %H:%M', '%m/%d/%Y', '%m-%d-%Y %H:%M:%S', '%m-%d-%Y',
       '%a, %d %b %Y %H:%M:%S GMT', '%a, %d %b %y %H:%M:%S GMT', '%A, %d-%b-%y %H:%M:%S GMT']) AS TIMESTAMP_NS))`,
  // Integer floor division (DuckDB `//` truncates toward zero; traps §12.1). Kusto's bin/datetime_diff floor.
  `kql_floordiv(a, b) AS (a - (((a % b) + b) % b)) // b`,
  // A datetime shifted by a calendar interval, keeping the sub-µs digits that `+ INTERVAL` drops (traps §4.1).
  `kql_dt_add_interval(d, iv) AS make_timestamp_ns(epoch_ns(CAST(d AS TIMESTAMP) + iv) + (epoch_ns(d) - epoch_ns(CAST(d AS TIMESTAMP))))`,
  // startof*/endof* with an offset in the function's unit (startofday-function.md …). Weeks start on Sunday
  // (startofweek-function.md; traps §4.6): DuckDB's dayofweek counts Sunday as 0.
  `kql_startofday(d, n) AS CAST(CAST(d AS DATE) + CAST(n AS INTEGER) AS TIMESTAMP_NS)`,
  `kql_startofweek(d, n) AS CAST(CAST(d AS DATE) - CAST(dayofweek(d) AS INTEGER) + CAST(7 * n AS INTEGER) AS TIMESTAMP_NS)`,
  `kql_startofmonth(d, n) AS CAST(CAST(date_trunc('month', CAST(d AS DATE)) AS DATE) + to_months(CAST(n AS INTEGER)) AS TIMESTAMP_NS)`,
  `kql_startofyear(d, n) AS CAST(make_date(CAST(year(d) + n AS BIGINT), 1, 1) AS TIMESTAMP_NS)`,
  // endof* = the next period's start minus one tick (endofday-function.md: 23:59:59.9999999).
  `kql_endofday(d, n) AS make_timestamp_ns(epoch_ns(kql_startofday(d, n + 1)) - 100)`,
  `kql_endofweek(d, n) AS make_timestamp_ns(epoch_ns(kql_startofweek(d, n + 1)) - 100)`,
  `kql_endofmonth(d, n) AS make_timestamp_ns(epoch_ns(kql_startofmonth(d, n + 1)) - 100)`,
  `kql_endofyear(d, n) AS make_timestamp_ns(epoch_ns(kql_startofyear(d, n + 1)) - 100)`,
  // datetime_diff counts period boundaries crossed (datetime-diff-function.md; traps §4.7): floor each side to
  // the unit and subtract. Units below a day are exact tick floors; weeks are Sunday-based like startofweek.
  `kql_dt_floor_diff(a, b, unit_ns) AS kql_floordiv(epoch_ns(a), unit_ns) - kql_floordiv(epoch_ns(b), unit_ns)`,
  `kql_dt_diff_part(p, a, b) AS CASE lower(p)
     WHEN 'year' THEN year(a) - year(b)
     WHEN 'quarter' THEN (year(a) * 4 + quarter(a)) - (year(b) * 4 + quarter(b))
     WHEN 'month' THEN (year(a) * 12 + month(a)) - (year(b) * 12 + month(b))
     WHEN 'week' THEN (CAST(kql_startofweek(a, 0) AS DATE) - CAST(kql_startofweek(b, 0) AS DATE)) // 7
     WHEN 'day' THEN CAST(a AS DATE) - CAST(b AS DATE)
     WHEN 'hour' THEN kql_dt_floor_diff(a, b, 3600000000000)
     WHEN 'minute' THEN kql_dt_floor_diff(a, b, 60000000000)
     WHEN 'second' THEN kql_dt_floor_diff(a, b, 1000000000)
     WHEN 'millisecond' THEN kql_dt_floor_diff(a, b, 1000000)
     WHEN 'microsecond' THEN kql_dt_floor_diff(a, b, 1000)
     WHEN 'nanosecond' THEN epoch_ns(a) - epoch_ns(b)
   END`,
  // datetime_add (datetime-add-function.md): calendar units through INTERVAL (month ends clamp), the rest in ticks.
  // Nanoseconds are truncated to whole 100 ns ticks, Kusto's resolution (scalar-data-types/datetime.md).
  `kql_dt_add_part(p, n, d) AS CASE lower(p)
     WHEN 'year' THEN kql_dt_add_interval(d, to_months(CAST(n * 12 AS INTEGER)))
     WHEN 'quarter' THEN kql_dt_add_interval(d, to_months(CAST(n * 3 AS INTEGER)))
     WHEN 'month' THEN kql_dt_add_interval(d, to_months(CAST(n AS INTEGER)))
     WHEN 'week' THEN make_timestamp_ns(epoch_ns(d) + n * 604800000000000)
     WHEN 'day' THEN make_timestamp_ns(epoch_ns(d) + n * 86400000000000)
     WHEN 'hour' THEN make_timestamp_ns(epoch_ns(d) + n * 3600000000000)
     WHEN 'minute' THEN make_timestamp_ns(epoch_ns(d) + n * 60000000000)
     WHEN 'second' THEN make_timestamp_ns(epoch_ns(d) + n * 1000000000)
     WHEN 'millisecond' THEN make_timestamp_ns(epoch_ns(d) + n * 1000000)
     WHEN 'microsecond' THEN make_timestamp_ns(epoch_ns(d) + n * 1000)
     WHEN 'nanosecond' THEN make_timestamp_ns(epoch_ns(d) + (n // 100) * 100)
   END`,
  // Nanoseconds into the current second, at tick resolution, for negative epochs too.
  `kql_dt_subsec_ns(d) AS ((epoch_ns(d) % 1000000000) + 1000000000) % 1000000000`,
  // datetime_part (datetime-part-function.md): part names are case-insensitive; week_of_year is ISO 8601.
  `kql_dt_part(p, d) AS CAST(CASE lower(p)
     WHEN 'year' THEN year(d)
     WHEN 'quarter' THEN quarter(d)
     WHEN 'month' THEN month(d)
     WHEN 'week_of_year' THEN weekofyear(d)
     WHEN 'day' THEN day(d)
     WHEN 'dayofyear' THEN dayofyear(d)
     WHEN 'hour' THEN hour(d)
     WHEN 'minute' THEN minute(d)
     WHEN 'second' THEN second(d)
     WHEN 'millisecond' THEN kql_dt_subsec_ns(d) // 1000000
     WHEN 'microsecond' THEN kql_dt_subsec_ns(d) // 1000
     WHEN 'nanosecond' THEN kql_dt_subsec_ns(d)
   END AS INTEGER)`,
  // make_datetime (make-datetime-function.md): out-of-range parts give null; seconds carry 7 decimals.
  `kql_make_datetime(y, mo, d, h, mi, s) AS CASE
     WHEN y BETWEEN 1 AND 9999 AND h BETWEEN 0 AND 23 AND mi BETWEEN 0 AND 59 AND s >= 0 AND s < 60
     THEN make_timestamp_ns(epoch_ns(try(make_timestamp(CAST(y AS BIGINT), CAST(mo AS BIGINT), CAST(d AS BIGINT), CAST(h AS BIGINT), CAST(mi AS BIGINT), 0)))
       + CAST(round(s * 10000000) AS BIGINT) * 100)
   END`,
  // make_timespan (make-timespan-function.md): "If the creation is successful … Otherwise, the result will be null".
  `kql_make_timespan(d, h, mi, s) AS CASE
     WHEN h BETWEEN 0 AND 23 AND mi BETWEEN 0 AND 59 AND s >= 0 AND s < 60
     THEN ((CAST(d AS BIGINT) * 24 + h) * 60 + mi) * 600000000 + CAST(round(s * 10000000) AS BIGINT)
   END`,
  // Epoch numbers to datetime (unixtime-*-todatetime-function.md): reals split into whole and fractional parts so
  // the whole part stays exact; results are kept to whole ticks.
  `kql_unix_real_to_dt(x, unit_ns) AS make_timestamp_ns(CAST(trunc(x) AS BIGINT) * unit_ns
     + CAST(round((x - trunc(x)) * unit_ns / 100) AS BIGINT) * 100)`,
  `kql_unix_long_to_dt(x, unit_ns) AS make_timestamp_ns(CAST(kql_floordiv(CAST(x AS HUGEINT) * unit_ns, 100) * 100 AS BIGINT))`,
  // Time zones through ICU (timezone.md). Offsets are applied to epoch_ns so the 100 ns digits survive.
  // utc → local: the zone's offset at that instant.
  `kql_tz_offset_ns(u, tz) AS (epoch_us(timezone(tz, CAST(CAST(u AS TIMESTAMP) AS TIMESTAMPTZ))) - epoch_us(CAST(CAST(u AS TIMESTAMP) AS TIMESTAMPTZ))) * 1000`,
  `kql_utc_to_local(d, tz) AS make_timestamp_ns(epoch_ns(d) + kql_tz_offset_ns(d, tz))`,
  // local → utc: a wall time inside a spring-forward gap takes the offset in force after the gap, as the
  // datetime-local-to-utc-function.md example shows (Brussels 02:00 on 2022-03-27 → 00:00 UTC); ICU alone would
  // give 01:00. Taking the offset at ICU's instant does exactly that and is a no-op for ordinary wall times.
  `kql_local_to_utc(d, tz) AS make_timestamp_ns(epoch_ns(d)
     - kql_tz_offset_ns(CAST(timezone(tz, CAST(d AS TIMESTAMP)) AS TIMESTAMP), tz))`,
  // totimespan(string) (totimespan-function.md): [-][d.]hh:mm[:ss[.fffffff]], a bare day count, or a timespan
  // literal such as 2d, 1.5h, 30m, 10s, 100ms, 10microsecond, 1tick (scalar-data-types/timespan.md).
  `kql_ts_clock(s) AS regexp_extract(s, '^\\s*(-)?(?:(\\d+)\\.)?(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,7}))?)?\\s*$',
     ['neg', 'd', 'h', 'm', 's', 'f'])`,
  `kql_ts_literal(s) AS regexp_extract(lower(s), '^\\s*(-?\\d+(?:\\.\\d+)?)\\s*(d|days?|h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?|ms|millis?|milliseconds?|microseconds?|ticks?)?\\s*$',
     ['n', 'u'])`,
  `kql_ts_unit(u) AS CASE
     WHEN u = '' OR u LIKE 'd%' THEN 864000000000
     WHEN u LIKE 'h%' THEN 36000000000
     WHEN u IN ('m', 'min', 'mins', 'minute', 'minutes') THEN 600000000
     WHEN u LIKE 's%' THEN 10000000
     WHEN u IN ('ms', 'milli', 'millis', 'millisecond', 'milliseconds') THEN 10000
     WHEN u LIKE 'micro%' THEN 10
     WHEN u LIKE 'tick%' THEN 1 END`,
  `kql_parse_timespan_clock(c) AS CASE WHEN c.h <> '' AND CAST(c.h AS INTEGER) < 24 AND CAST(c.m AS INTEGER) < 60
       AND (c.s = '' OR CAST(c.s AS INTEGER) < 60)
     THEN (CASE WHEN c.neg = '-' THEN -1 ELSE 1 END) * (
       coalesce(TRY_CAST(nullif(c.d, '') AS BIGINT), 0) * 864000000000 + CAST(c.h AS BIGINT) * 36000000000
       + CAST(c.m AS BIGINT) * 600000000 + coalesce(TRY_CAST(nullif(c.s, '') AS BIGINT), 0) * 10000000
       + coalesce(TRY_CAST(nullif(rpad(c.f, 7, '0'), '0000000') AS BIGINT), 0)) END`,
  `kql_parse_timespan_literal(l) AS CASE WHEN l.n <> '' THEN CAST(round(CAST(l.n AS DOUBLE) * kql_ts_unit(l.u)) AS BIGINT) END`,
  `kql_parse_timespan(s) AS coalesce(kql_parse_timespan_clock(kql_ts_clock(s)), kql_parse_timespan_literal(kql_ts_literal(s)))`,
  // binary_shift_left (binary-shift-left-function.md) on a 64-bit long wraps like C#: shift count masked to 6 bits,
  // bits shifted past bit 63 dropped. DuckDB's << raises on overflow, so shift in HUGEINT and fold back.
  `kql_shl(a, n) AS CAST((((CAST(a AS HUGEINT) & ((CAST(1 AS HUGEINT) << (64 - (n & 63))) - 1)) << (n & 63))
     + CAST('9223372036854775808' AS HUGEINT)) % CAST('18446744073709551616' AS HUGEINT)
     - CAST('9223372036854775808' AS HUGEINT) AS BIGINT)`,
  `kql_shr(a, n) AS a >> (n & 63)`,
  // Nearest-rank percentile (percentiles-aggregation-function.md "Nearest-rank percentile") over a sorted list:
  // the smallest value with at least P% of the data ≤ it; P = 0 is the minimum.
  `kql_nearest_rank(sorted, p) AS CASE WHEN len(sorted) = 0 THEN NULL
     ELSE sorted[CAST(greatest(1, least(len(sorted), ceil(p * len(sorted) / 100.0))) AS BIGINT)] END`,
];
