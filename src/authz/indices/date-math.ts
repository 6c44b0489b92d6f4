/**
 * Date math index names (`<logs-{now/d}>`, `<logs-{now-1M/M{yyyy.MM|Europe/Paris}}>`), resolved as ES's
 * DateMathExpressionResolver resolves them: static text with `{math{format|zone}}` placeholders, `\` escapes,
 * default format `uuuu.MM.dd`, UTC. The math is ES's (`now`, `+`/`-` with y M w d h H m s, `/` rounding in
 * the zone) on java.time's ZonedDateTime (@js-joda/core); the format is any java.time pattern (date-format.ts)
 * and the zone any java.time zone id (@js-joda/timezone), with ES's mapping of deprecated short ids.
 * The gateway forwards the resolved name, so what it authorized is what the upstream writes or reads.
 * What ES refuses is refused with ES's message (a DateMathError, which the authorizer reports as ES does).
 */
import { Instant, ZoneId, ZoneOffset, ZonedDateTime, DayOfWeek, LocalTime, LocalDate, DateTimeFormatter, TemporalAdjusters, type TemporalAccessor, ChronoField } from '@js-joda/core';
import '@js-joda/timezone';
import { compilePattern, PatternError, type Printer } from './date-format.ts';

export interface Cause {
  readonly type: string;
  readonly reason: string;
  readonly caused_by?: Cause;
}

/**
 * ES's failure, as it reports it: `type`/`reason` of the cause, `esException` when the cause is one of ES's own
 * exceptions (then it is the root cause; otherwise the security exception is).
 */
export class DateMathError extends Error {
  readonly type: string;
  readonly causedBy: Cause | undefined;
  readonly esException: boolean;
  constructor(type: string, reason: string, esException: boolean, causedBy?: Cause) {
    super(reason);
    this.type = type;
    this.esException = esException;
    this.causedBy = causedBy;
  }
}

const parseError = (reason: string) => new DateMathError('parse_exception', reason, true);
const DEFAULT_FORMAT = 'uuuu.MM.dd';
/** ES's DateUtils: short ids it maps itself (with a deprecation warning); every other id is java.time's, normalized. */
const SHORT_ZONES: Readonly<Record<string, string>> = { EST: '-05:00', HST: '-10:00', MST: '-07:00', ROC: 'Asia/Taipei', Eire: 'Europe/London' };

export function isDateMath(expression: string): boolean {
  return expression.length > 1 && expression.charCodeAt(0) === 0x3c && expression.charCodeAt(expression.length - 1) === 0x3e;
}

/** Resolves `<...>`; other names come back unchanged. `now` is the request's start (epoch milliseconds). */
export function resolveDateMath(expression: string, now: number): string {
  if (!isDateMath(expression)) return expression;
  const inner = expression.slice(1); // ES quotes the expression without its `<`, with its `>`
  const invalid = (what: string) => parseError(`invalid dynamic name expression [${inner}]. ${what}`);
  let out = '';
  let placeholder: string | null = null; // the text of the open `{…}`
  let inFormat = false;
  let escape = false;
  for (let i = 1; i < expression.length - 1; i++) {
    const c = expression[i];
    const escaped = escape;
    escape = false;
    if (c === '\\') {
      if (escaped) out += c; // an escaped backslash is literal text, even inside a placeholder (as ES)
      else escape = true;
      continue;
    }
    if (placeholder === null) {
      if (c === '{' && !escaped) placeholder = '';
      else if (c === '}' && !escaped) throw invalid(`invalid character at position [${i}]. \`{\` and \`}\` are reserved characters and should be escaped when used as part of the index name using \`\\\` (e.g. \`\\{text\\}\`)`);
      else out += c;
      continue;
    }
    if (c === '{') {
      if (inFormat && escaped) placeholder += c;
      else if (!inFormat) {
        inFormat = true;
        placeholder += c;
      } else throw invalid(`invalid character in placeholder at position [${i}]`);
    } else if (c === '}') {
      if (inFormat && escaped) placeholder += c;
      else if (inFormat) {
        inFormat = false;
        placeholder += c;
      } else {
        out += evaluate(placeholder, now);
        placeholder = null;
      }
    } else placeholder += c;
  }
  if (placeholder !== null) throw invalid('date math placeholder is open ended');
  if (out === '') throw parseError('nothing captured');
  return out;
}

/** One placeholder's text: `math` or `math{format}` or `math{format|zone}`. */
function evaluate(text: string, now: number): string {
  const open = text.indexOf('{');
  let math = text;
  let format = DEFAULT_FORMAT;
  let zone: ZoneId = ZoneOffset.UTC;
  if (open >= 0) {
    if (text.lastIndexOf('}') !== text.length - 1) throw parseError(`invalid dynamic name expression [${text}]. missing closing \`}\` for date math format`);
    if (open === text.length - 2) throw parseError(`invalid dynamic name expression [${text}]. missing date format`);
    math = text.slice(0, open);
    const spec = text.slice(open + 1, -1);
    const bar = spec.indexOf('|');
    format = bar >= 0 ? spec.slice(0, bar) : spec;
    if (bar >= 0) zone = zoneOf(spec.slice(bar + 1));
  }
  const printer = printerFor(format);
  const start = math.startsWith('now') ? ZonedDateTime.ofInstant(Instant.ofEpochMilli(now), zone) : parseDate(math, format, zone);
  const bar = math.indexOf('||');
  const rest = math.startsWith('now') ? math.slice(3) : bar >= 0 ? math.slice(bar + 2) : '';
  return printer(applyMath(start, rest));
}

function printerFor(format: string): Printer {
  try {
    return compilePattern(format);
  } catch (e) {
    if (!(e instanceof PatternError)) throw e;
    return () => {
      throw new DateMathError('illegal_argument_exception', `Invalid format: [${format}]: ${e.message}`, false, { type: 'illegal_argument_exception', reason: e.message });
    };
  }
}

/** ES's `DateUtils.of`: a java.time zone id, normalized (`Etc/UTC` is `Z`), errors as java.time words them. */
export function zoneOf(id: string): ZoneId {
  const mapped = SHORT_ZONES[id];
  try {
    return mapped !== undefined ? ZoneId.of(mapped) : ZoneId.of(id).normalized();
  } catch (e) {
    throw zoneError(id, (e as Error).message);
  }
}

function zoneError(id: string, message: string): DateMathError {
  if (id.length <= 1 || id[0] === '+' || id[0] === '-') {
    const range = /Zone offset \w+ not in valid range.*$/.exec(message);
    return new DateMathError('date_time_exception', range ? range[0] : `Invalid ID for ZoneOffset, invalid format: ${id}`, false);
  }
  if (!/^[A-Za-z][A-Za-z0-9~/._+-]+$/.test(id)) return new DateMathError('date_time_exception', `Invalid ID for region-based ZoneId, invalid format: ${id}`, false);
  return new DateMathError('zone_rules_exception', `Unknown time-zone ID: ${id}`, false);
}

/** A date before `||` (or the whole text), read with the placeholder's format: dates and date-times only. */
function parseDate(text: string, format: string, zone: ZoneId): ZonedDateTime {
  const bar = text.indexOf('||');
  const date = bar >= 0 ? text.slice(0, bar) : text;
  if (date === '') throw parseError('cannot parse empty datetime');
  const what = `failed to parse date field [${date}] with format [${format}]`;
  const failed = (why: string) =>
    new DateMathError('parse_exception', `${what}: [${what}]`, true, { type: 'illegal_argument_exception', reason: what, caused_by: { type: 'date_time_parse_exception', reason: why } });
  let parsed: TemporalAccessor;
  try {
    parsed = DateTimeFormatter.ofPattern(format).parse(date);
  } catch (e) {
    throw failed((e as Error).message.replace(/: [^]*, at index: \d+$/, ''));
  }
  const field = (f: ChronoField, dflt: number) => (parsed.isSupported(f) ? parsed.get(f) : dflt);
  if (!parsed.isSupported(ChronoField.YEAR)) throw failed(`Text '${date}' could not be parsed: no year`);
  const day = LocalDate.of(parsed.get(ChronoField.YEAR), field(ChronoField.MONTH_OF_YEAR, 1), field(ChronoField.DAY_OF_MONTH, 1));
  const time = LocalTime.of(field(ChronoField.HOUR_OF_DAY, 0), field(ChronoField.MINUTE_OF_HOUR, 0), field(ChronoField.SECOND_OF_MINUTE, 0));
  return ZonedDateTime.of(day, time, zone);
}

/** ES's JavaDateMathParser.parseMath (rounding down). */
function applyMath(start: ZonedDateTime, math: string): ZonedDateTime {
  let t = start;
  let i = 0;
  while (i < math.length) {
    const c = math[i++];
    const round = c === '/';
    if (!round && c !== '+' && c !== '-') throw parseError(`operator not supported for date math [${math}]`);
    const sign = c === '-' ? -1 : 1;
    if (i >= math.length) throw parseError(`truncated date math [${math}]`);
    let num = 1;
    if (isDigit(math[i])) {
      const from = i;
      while (i < math.length && isDigit(math[i])) i++;
      if (i >= math.length) throw parseError(`truncated date math [${math}]`);
      num = Number(math.slice(from, i));
      if (num > 2_147_483_647) throw new DateMathError('number_format_exception', `For input string: "${math.slice(from, i)}"`, false);
    }
    if (round && num !== 1) throw parseError(`rounding \`/\` can only be used on single unit types [${math}]`);
    const unit = math[i++];
    t = round ? roundDown(t, unit, math) : plus(t, sign * num, unit, math);
  }
  return t;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function roundDown(t: ZonedDateTime, unit: string, math: string): ZonedDateTime {
  switch (unit) {
    case 'y':
      return t.withDayOfYear(1).with(LocalTime.MIDNIGHT);
    case 'M':
      return t.withDayOfMonth(1).with(LocalTime.MIDNIGHT);
    case 'w':
      return t.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).with(LocalTime.MIDNIGHT);
    case 'd':
      return t.with(LocalTime.MIDNIGHT);
    case 'h':
    case 'H':
      return t.withMinute(0).withSecond(0).withNano(0);
    case 'm':
      return t.withSecond(0).withNano(0);
    case 's':
      return t.withNano(0);
    default:
      throw parseError(`unit [${unit}] not supported for date math [${math}]`);
  }
}

function plus(t: ZonedDateTime, n: number, unit: string, math: string): ZonedDateTime {
  switch (unit) {
    case 'y':
      return t.plusYears(n);
    case 'M':
      return t.plusMonths(n);
    case 'w':
      return t.plusWeeks(n);
    case 'd':
      return t.plusDays(n);
    case 'h':
    case 'H':
      return t.plusHours(n);
    case 'm':
      return t.plusMinutes(n);
    case 's':
      return t.plusSeconds(n);
    default:
      throw parseError(`unit [${unit}] not supported for date math [${math}]`);
  }
}
