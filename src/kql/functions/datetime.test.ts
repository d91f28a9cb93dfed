import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kqlValue, kql } from '../testing/run-kql.js';

// Documented examples (data-explorer/kusto/query/<page>.md), one `print` expression and its documented value each.
const EXAMPLES: readonly (readonly [page: string, expr: string, value: unknown])[] = [
  ['datetime-add-function', "datetime_add('year',1,make_datetime(2017,1,1))", '2018-01-01T00:00:00.0000000Z'],
  ['datetime-add-function', "datetime_add('quarter',1,make_datetime(2017,1,1))", '2017-04-01T00:00:00.0000000Z'],
  ['datetime-add-function', "datetime_add('week',1,make_datetime(2017,1,1))", '2017-01-08T00:00:00.0000000Z'],
  ['datetime-add-function', "datetime_add('second',1,make_datetime(2017,1,1))", '2017-01-01T00:00:01.0000000Z'],
  ['datetime-add-function', "datetime_add('year',-5,make_datetime(2017,1,1))", '2012-01-01T00:00:00.0000000Z'],
  ['datetime-add-function', "datetime_add('quarter',12,make_datetime(2017,1,1))", '2020-01-01T00:00:00.0000000Z'],
  ['datetime-add-function', "datetime_add('month',-15,make_datetime(2017,1,1))", '2015-10-01T00:00:00.0000000Z'],
  ['datetime-add-function', "datetime_add('week',100,make_datetime(2017,1,1))", '2018-12-02T00:00:00.0000000Z'],
  ['datetime-diff-function', "datetime_diff('year',datetime(2017-01-01),datetime(2000-12-31))", 17],
  ['datetime-diff-function', "datetime_diff('quarter',datetime(2017-07-01),datetime(2017-03-30))", 2],
  ['datetime-diff-function', "datetime_diff('month',datetime(2017-01-01),datetime(2015-12-30))", 13],
  ['datetime-diff-function', "datetime_diff('week',datetime(2017-10-29 00:00),datetime(2017-09-30 23:59))", 5],
  ['datetime-diff-function', "datetime_diff('day',datetime(2017-10-29 00:00),datetime(2017-09-30 23:59))", 29],
  ['datetime-diff-function', "datetime_diff('hour',datetime(2017-10-31 01:00),datetime(2017-10-30 23:59))", 2],
  ['datetime-diff-function', "datetime_diff('minute',datetime(2017-10-30 23:05:01),datetime(2017-10-30 23:00:59))", 5],
  ['datetime-diff-function', "datetime_diff('second',datetime(2017-10-30 23:00:10.100),datetime(2017-10-30 23:00:00.900))", 10],
  ['datetime-diff-function', "datetime_diff('millisecond',datetime(2017-10-30 23:00:00.200100),datetime(2017-10-30 23:00:00.100900))", 100],
  ['datetime-diff-function', "datetime_diff('microsecond',datetime(2017-10-30 23:00:00.1009001),datetime(2017-10-30 23:00:00.1008009))", 100],
  ['datetime-diff-function', "datetime_diff('nanosecond',datetime(2017-10-30 23:00:00.0000000),datetime(2017-10-30 23:00:00.0000007))", -700],
  ['datetime-part-function', 'datetime_part("year", datetime(2017-10-30 01:02:03.7654321))', 2017],
  ['datetime-part-function', 'datetime_part("quarter", datetime(2017-10-30 01:02:03.7654321))', 4],
  ['datetime-part-function', 'datetime_part("week_of_year", datetime(2017-10-30 01:02:03.7654321))', 44],
  ['datetime-part-function', 'datetime_part("dayOfYear", datetime(2017-10-30 01:02:03.7654321))', 303],
  ['datetime-part-function', 'datetime_part("millisecond", datetime(2017-10-30 01:02:03.7654321))', 765],
  ['datetime-part-function', 'datetime_part("microsecond", datetime(2017-10-30 01:02:03.7654321))', 765432],
  ['datetime-part-function', 'datetime_part("nanosecond", datetime(2017-10-30 01:02:03.7654321))', 765432100],
  ['bin-function', 'bin(4.5, 1)', 4],
  ['bin-function', 'bin(time(16d), 7d)', '14.00:00:00'],
  ['bin-function', 'bin(datetime(1970-05-11 13:45:07), 1d)', '1970-05-11T00:00:00.0000000Z'],
  ['bin-at-function', 'bin_at(6.5, 2.5, 7)', 4.5],
  ['bin-at-function', 'bin_at(time(1h), 1d, 12h)', '-12:00:00'],
  ['bin-at-function', 'bin_at(datetime(2017-05-15 10:20:00.0), 1d, datetime(1970-01-01 12:00:00.0))', '2017-05-14T12:00:00.0000000Z'],
  ['bin-at-function', 'bin_at(datetime(2017-05-17 10:20:00.0), 7d, datetime(2017-06-04 00:00:00.0))', '2017-05-14T00:00:00.0000000Z'],
  ['day-of-week-function', 'dayofweek(datetime(1947-11-30 10:00:05))', '00:00:00'],
  ['day-of-week-function', 'dayofweek(datetime(1970-05-11))', '1.00:00:00'],
  ['day-of-week-function', 'toint(dayofweek(datetime(1970-5-12))/1d)', 2],
  ['day-of-month-function', 'dayofmonth(datetime(2015-12-14))', 14],
  ['day-of-year-function', 'dayofyear(datetime(2015-12-14))', 348],
  ['hour-of-day-function', 'hourofday(datetime(2015-12-14 18:54))', 18],
  ['monthofyear-function', 'monthofyear(datetime("2015-12-14"))', 12],
  ['getyear-function', 'getyear(datetime(2015-10-12))', 2015],
  ['week-of-year-function', 'week_of_year(datetime(2020-12-31))', 53],
  ['week-of-year-function', 'week_of_year(datetime(2020-06-15))', 25],
  ['week-of-year-function', 'week_of_year(datetime(1970-01-01))', 1],
  ['week-of-year-function', 'week_of_year(datetime(2000-01-01))', 52],
  ['make-datetime-function', 'make_datetime(2017,10,01)', '2017-10-01T00:00:00.0000000Z'],
  ['make-datetime-function', 'make_datetime(2017,10,01,12,10)', '2017-10-01T12:10:00.0000000Z'],
  ['make-datetime-function', 'make_datetime(2017,10,01,12,11,0.1234567)', '2017-10-01T12:11:00.1234567Z'],
  ['format-datetime-function', "format_datetime(datetime(2017-01-29 09:00:05),'yy-MM-dd [HH:mm:ss]')", '17-01-29 [09:00:05]'],
  ['format-datetime-function', "format_datetime(datetime(2017-01-29 09:00:05), 'yyyy-M-dd [H:mm:ss]')", '2017-1-29 [9:00:05]'],
  ['format-datetime-function', "format_datetime(datetime(2017-01-29 09:00:05), 'yy-MM-dd [hh:mm:ss tt]')", '17-01-29 [09:00:05 AM]'],
  // The format-element table's own examples.
  ['format-datetime-function', "format_datetime(datetime(2009-06-15T13:45:30.6175425), 'fffffff|FFF|h|hh')", '6175425|617|1|01'],
  ['format-datetime-function', "format_datetime(datetime(2009-06-15T13:45:30.0001150), 'fffffff|FFFFFFF|F')", '0001150|000115|'],
  ['format-timespan-function', "format_timespan(totimespan('29.09:00:05.12345'), 'dd.hh:mm:ss:FF')", '29.09:00:05:12'],
  ['format-timespan-function', "format_timespan(totimespan('29.09:00:05.12345'), 'ddd.h:mm:ss [fffffff]')", '029.9:00:05 [1234500]'],
  ['make-timespan-function', 'make_timespan(1,12,30,55)', '1.12:30:55'],
  ['totimespan-function', 'totimespan("0.00:03:00")', '00:03:00'],
  ['totimespan-function', 'totimespan(4d)', '4.00:00:00'],
  ['totimespan-function', 'totimespan(5 * 2m)', '00:10:00'],
  ['unixtime-seconds-todatetime-function', 'unixtime_seconds_todatetime(1546300800)', '2019-01-01T00:00:00.0000000Z'],
  ['unixtime-milliseconds-todatetime-function', 'unixtime_milliseconds_todatetime(1546300800000)', '2019-01-01T00:00:00.0000000Z'],
  ['unixtime-microseconds-todatetime-function', 'unixtime_microseconds_todatetime(1546300800000000)', '2019-01-01T00:00:00.0000000Z'],
  ['unixtime-nanoseconds-todatetime-function', 'unixtime_nanoseconds_todatetime(1546300800000000000)', '2019-01-01T00:00:00.0000000Z'],
];

for (const [page, expr, value] of EXAMPLES) {
  test(`${page}: ${expr}`, async () => {
    assert.deepEqual(await kqlValue(`print ${expr}`), value);
  });
}

// startof*/endof* examples all print three rows for offsets -1, 0, 1 of datetime(2017-01-01 10:10:17).
const PERIODS: readonly (readonly [fn: string, rows: readonly string[]])[] = [
  ['startofday', ['2016-12-31T00:00:00.0000000Z', '2017-01-01T00:00:00.0000000Z', '2017-01-02T00:00:00.0000000Z']],
  ['startofweek', ['2016-12-25T00:00:00.0000000Z', '2017-01-01T00:00:00.0000000Z', '2017-01-08T00:00:00.0000000Z']],
  ['startofmonth', ['2016-12-01T00:00:00.0000000Z', '2017-01-01T00:00:00.0000000Z', '2017-02-01T00:00:00.0000000Z']],
  ['startofyear', ['2016-01-01T00:00:00.0000000Z', '2017-01-01T00:00:00.0000000Z', '2018-01-01T00:00:00.0000000Z']],
  ['endofday', ['2016-12-31T23:59:59.9999999Z', '2017-01-01T23:59:59.9999999Z', '2017-01-02T23:59:59.9999999Z']],
  ['endofweek', ['2016-12-31T23:59:59.9999999Z', '2017-01-07T23:59:59.9999999Z', '2017-01-14T23:59:59.9999999Z']],
  ['endofmonth', ['2016-12-31T23:59:59.9999999Z', '2017-01-31T23:59:59.9999999Z', '2017-02-28T23:59:59.9999999Z']],
  ['endofyear', ['2016-12-31T23:59:59.9999999Z', '2017-12-31T23:59:59.9999999Z', '2018-12-31T23:59:59.9999999Z']],
];

for (const [fn, rows] of PERIODS) {
  test(`${fn}-function: offsets -1, 0, 1`, async () => {
    const r = await kql(`range offset from -1 to 1 step 1 | project v = ${fn}(datetime(2017-01-01 10:10:17), offset)`);
    assert.deepEqual(r.rows, rows.map((v) => [v]));
  });
}

test('startofweek-function: Monday-based weeks by shifting a day', async () => {
  const r = await kql(`let startofweekFromMonday = (dateArg: datetime) {
    datetime_add('day', 1, startofweek(datetime_add('day', -1, dateArg)))
  };
  datatable(Date: datetime)[datetime(2025, 6, 14), datetime(2025, 6, 15), datetime(2025, 6, 16), datetime(2025, 6, 17)]
  | extend MondayWeek=startofweekFromMonday(Date) | project MondayWeek`);
  assert.deepEqual(r.rows.map((x) => x[0]), ['2025-06-09T00:00:00.0000000Z', '2025-06-09T00:00:00.0000000Z',
    '2025-06-16T00:00:00.0000000Z', '2025-06-16T00:00:00.0000000Z']);
});

test('bin-at-function: summarize by bin_at keeps the column name and aligns on the fixed point', async () => {
  const r = await kql(`datatable(Date:datetime, NumOfEvents:int)[
    datetime(2018-02-24T15:14),3, datetime(2018-02-24T15:24),4, datetime(2018-02-23T16:14),4,
    datetime(2018-02-23T17:29),4, datetime(2018-02-26T15:14),5]
    | summarize TotalEvents=sum(NumOfEvents) by bin_at(Date, 1d, datetime(2018-02-24 15:14:00.0000000)) | sort by Date asc`);
  assert.deepEqual(r.columns, ['Date', 'TotalEvents']);
  assert.deepEqual(r.rows, [['2018-02-23T15:14:00.0000000Z', 8], ['2018-02-24T15:14:00.0000000Z', 7], ['2018-02-26T15:14:00.0000000Z', 5]]);
});

test('datetime-local-to-utc-function: zones, and a wall time in the spring-forward gap', async () => {
  const r = await kql(`datatable(local_dt: datetime, tz: string)[
    datetime(2020-02-02 20:02:20), 'US/Pacific', datetime(2020-02-02 20:02:20), 'America/Chicago',
    datetime(2020-02-02 20:02:20), 'Europe/Paris'] | project datetime_local_to_utc(local_dt, tz)`);
  assert.deepEqual(r.rows.map((x) => x[0]), ['2020-02-03T04:02:20.0000000Z', '2020-02-03T02:02:20.0000000Z', '2020-02-02T19:02:20.0000000Z']);
  const gap = await kql(`range Local from datetime(2022-03-27 01:00:00) to datetime(2022-03-27 04:00:00) step 1h
    | extend UTC=datetime_local_to_utc(Local, 'Europe/Brussels') | extend BackToLocal=datetime_utc_to_local(UTC, 'Europe/Brussels')
    | extend diff=Local-BackToLocal | project UTC, diff`);
  assert.deepEqual(gap.rows, [
    ['2022-03-27T00:00:00.0000000Z', '00:00:00'], ['2022-03-27T00:00:00.0000000Z', '01:00:00'],
    ['2022-03-27T01:00:00.0000000Z', '00:00:00'], ['2022-03-27T02:00:00.0000000Z', '00:00:00'],
  ]);
});

test('datetime-utc-to-local-function: Pacific minus Canberra is -17h in July', async () => {
  assert.equal(await kqlValue(`print datetime_utc_to_local(datetime(2022-07-11 22:18:48.4678620), 'US/Pacific')
    - datetime_utc_to_local(datetime(2022-07-11 22:18:48.4678620), 'Australia/Canberra')`), '-17:00:00');
  assert.equal(await kqlValue(`print datetime_utc_to_local(datetime(2022-07-11 22:18:48.4678620), 'US/Pacific')`), '2022-07-11T15:18:48.4678620Z');
});

// Edge cases the pages state in prose.
const EDGES: readonly (readonly [why: string, expr: string, value: unknown])[] = [
  ['bin: a negative bin size gives null', 'bin(7, -1)', null],
  ['bin rounds down, also below zero', 'bin(-1h, 1d)', '-1.00:00:00'],
  ['datetime_diff weeks start on Sunday', "datetime_diff('week', datetime(2017-10-29), datetime(2017-10-28))", 1],
  ['datetime_add months clamp to the month end and keep 100 ns digits', "datetime_add('month', 1, datetime(2017-01-31 00:00:00.1234567))", '2017-02-28T00:00:00.1234567Z'],
  ['make_datetime: an invalid date is null', 'make_datetime(2017, 2, 29)', null],
  ['make_timespan: hour out of range is null', 'make_timespan(25, 0)', null],
  ['make_timespan(hour, minute)', 'make_timespan(1, 30)', '01:30:00'],
  ['totimespan: negative clock text', 'totimespan("-00:30:00")', '-00:30:00'],
  ['totimespan: a timespan literal as text', 'totimespan("1.5h")', '01:30:00'],
  ['totimespan: not a timespan is null', 'totimespan("abc")', null],
  ['unixtime seconds as a real keep the fraction', 'unixtime_seconds_todatetime(1546300800.5)', '2019-01-01T00:00:00.5000000Z'],
  ['datetime_part of a pre-1970 fraction', 'datetime_part("nanosecond", datetime(1960-01-01 00:00:00.1234567))', 123456700],
];

for (const [why, expr, value] of EDGES) {
  test(why, async () => {
    assert.deepEqual(await kqlValue(`print ${expr}`), value);
  });
}
