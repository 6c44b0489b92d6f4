/**
 * ES's named date formats (`date`, `basic_date`, `week_date`, `epoch_millis` …) as date math index names print
 * them: the ones whose output can be an index name (date parts, the hour, epoch values). The named formats
 * that print minutes or offsets write a `:` (a remote cluster expression for ES): they are refused.
 */
import { IsoFields, type ZonedDateTime } from '@js-joda/core';

type Printer = (t: ZonedDateTime) => string;

const p2 = (n: number) => String(n).padStart(2, '0');
const year = (t: ZonedDateTime) => String(t.year()).padStart(4, '0');
const isoYear = (t: ZonedDateTime) => String(t.get(IsoFields.WEEK_BASED_YEAR)).padStart(4, '0');
const isoWeek = (t: ZonedDateTime) => p2(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
const ymd = (t: ZonedDateTime) => `${year(t)}-${p2(t.monthValue())}-${p2(t.dayOfMonth())}`;
const ordinal = (t: ZonedDateTime) => String(t.dayOfYear()).padStart(3, '0');

const PRINTERS: Readonly<Record<string, Printer>> = {
  date: ymd,
  year_month_day: ymd,
  basic_date: (t) => `${year(t)}${p2(t.monthValue())}${p2(t.dayOfMonth())}`,
  year_month: (t) => `${year(t)}-${p2(t.monthValue())}`,
  year: year,
  ordinal_date: (t) => `${year(t)}-${ordinal(t)}`,
  basic_ordinal_date: (t) => `${year(t)}${ordinal(t)}`,
  week_date: (t) => `${isoYear(t)}-W${isoWeek(t)}-${t.dayOfWeek().value()}`,
  basic_week_date: (t) => `${isoYear(t)}W${isoWeek(t)}${t.dayOfWeek().value()}`,
  weekyear: isoYear,
  weekyear_week: (t) => `${isoYear(t)}-W${isoWeek(t)}`,
  weekyear_week_day: (t) => `${isoYear(t)}-W${isoWeek(t)}-${t.dayOfWeek().value()}`,
  date_hour: (t) => `${ymd(t)}T${p2(t.hour())}`,
  epoch_millis: (t) => String(t.toInstant().toEpochMilli()),
  epoch_second: (t) => String(t.toInstant().epochSecond()),
};

/** Named formats that print a `:` (minutes, seconds or an offset): useless in an index name. */
const WITH_COLON = new Set(
  'basic_date_time basic_date_time_no_millis basic_ordinal_date_time basic_ordinal_date_time_no_millis basic_time basic_time_no_millis basic_t_time basic_t_time_no_millis basic_week_date_time basic_week_date_time_no_millis date_hour_minute date_hour_minute_second date_hour_minute_second_fraction date_hour_minute_second_millis date_optional_time date_time date_time_no_millis hour_minute hour_minute_second hour_minute_second_fraction hour_minute_second_millis ordinal_date_time ordinal_date_time_no_millis time time_no_millis t_time t_time_no_millis week_date_time week_date_time_no_millis iso8601 hour'
    .split(' ')
    .flatMap((n) => [n, `strict_${n}`]),
);

/** The printer of a named format (`strict_` variants print the same), null when `name` is not one. */
export function namedFormat(name: string): Printer | 'refused' | null {
  const base = name.startsWith('strict_') ? name.slice(7) : name;
  const p = PRINTERS[base];
  if (p) return p;
  return WITH_COLON.has(name) || name === 'strict_date_optional_time_nanos' ? 'refused' : null;
}
