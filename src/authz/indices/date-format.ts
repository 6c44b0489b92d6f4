/**
 * Java's `DateTimeFormatter.ofPattern(pattern, Locale.ROOT)` for formatting, as ES's date math index names use
 * it (`<logs-{now/d{yyyy.MM.dd|+12:00}}>`). The pattern is tokenized as java.time's DateTimeFormatterBuilder
 * reads it (letters, `'quoted'` text, `[optional]` sections, `p` padding, reserved `#{}`), and each field is
 * printed by @js-joda/core (the port of java.time) where it implements the field; the fields it leaves to its
 * locale plugin (text, localized week fields) are printed here with the ROOT locale's values, which ES answers
 * with: `MMM` and `MMMM` are `Dec`, `EEEE` is `Mon`, `a` and `B` are `PM`, `G` is `CE`, `QQQ` is `Q4`, weeks
 * start on Sunday with minimal days 1. Zone names (`z`, `v`) are refused (never a guess).
 * Errors carry java.time's own messages.
 */
import { DateTimeFormatter, type ZonedDateTime } from '@js-joda/core';
import { namedFormat } from './date-formats-named.ts';

export type Printer = (t: ZonedDateTime) => string;

/** java.time's pattern error (ES reports `Invalid format: [pattern]: message`). */
export class PatternError extends Error {}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const LETTERS = new Set('GuyDMLdQqYwWEecFaBhKkHmsSAnNVvzOXxZgp');
/** Letters js-joda prints exactly as java.time does (by count rules checked here or by js-joda). */
const JODA = new Set('MLdHhKkmsSAnNXxZV');

const cache = new Map<string, Printer>();

export function compilePattern(pattern: string): Printer {
  let p = cache.get(pattern);
  if (p === undefined) {
    p = compile(pattern);
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, p);
  }
  return p;
}

function compile(input: string): Printer {
  // ES: a leading `8` marked java.time patterns in 7.x and is still accepted; named formats come first.
  const pattern = input.length > 1 && input[0] === '8' ? input.slice(1) : input;
  const named = namedFormat(pattern);
  if (named === 'refused') throw new PatternError(`the named format [${pattern}] prints a ':' and cannot name an index`);
  if (named) return named;
  const parts: Printer[] = [];
  let optional = 0;
  let pad = 0;
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i];
    if (isLetter(c)) {
      let j = i;
      while (j < pattern.length && pattern[j] === c) j++;
      const count = j - i;
      i = j;
      if (c === 'p') {
        if (i >= pattern.length || !isLetter(pattern[i])) throw new PatternError(`Pad letter 'p' must be followed by valid pad pattern: ${pattern}`);
        pad = count;
        continue;
      }
      if (!LETTERS.has(c)) throw new PatternError(`Unknown pattern letter: ${c}`);
      const field = fieldPrinter(c, count);
      const width = pad;
      pad = 0;
      parts.push(width > 0 ? (t) => padded(field(t), width) : field);
    } else if (c === "'") {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= pattern.length) throw new PatternError(`Pattern ends with an incomplete string literal: ${pattern}`);
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += pattern[j++];
      }
      const literal = j === i + 1 ? "'" : text;
      parts.push(() => literal);
      i = j + 1;
    } else if (c === '[') {
      optional++;
      i++;
    } else if (c === ']') {
      if (optional === 0) throw new PatternError('Pattern invalid as it contains ] without previous [');
      optional--;
      i++;
    } else if (c === '{' || c === '}' || c === '#') {
      throw new PatternError(`Pattern includes reserved character: '${c}'`);
    } else {
      parts.push(() => c);
      i++;
    }
  }
  return (t) => parts.map((p) => p(t)).join('');
}

function isLetter(c: string): boolean {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

function padded(s: string, width: number): string {
  if (s.length > width) throw new PatternError(`Cannot print as output of ${s.length} characters exceeds pad width of ${width}`);
  return s.padStart(width, ' ');
}

const tooMany = (c: string) => new PatternError(`Too many pattern letters: ${c}`);

function fieldPrinter(c: string, n: number): Printer {
  switch (c) {
    case 'u':
    case 'y':
      return yearPrinter(c, n);
    case 'G':
      if (n > 5) throw tooMany(c);
      return (t) => (t.year() > 0 ? 'CE' : 'BCE');
    case 'M':
    case 'L':
      if (n > 5) throw tooMany(c);
      if (n === 3 || n === 4) return (t) => MONTHS[t.monthValue() - 1];
      if (n === 5) return (t) => String(t.monthValue());
      return joda(c.repeat(n));
    case 'Q':
    case 'q':
      if (n > 5) throw tooMany(c);
      if (n === 3 || n === 4) return (t) => `Q${quarter(t)}`;
      if (n === 5) return (t) => String(quarter(t));
      return (t) => String(quarter(t)).padStart(n, '0');
    case 'E':
      if (n > 5) throw tooMany(c);
      return dayText(n);
    case 'e':
    case 'c':
      if (n > 5) throw tooMany(c);
      if (c === 'c' && n === 2) throw new PatternError(`Invalid pattern "cc"`);
      if (n >= 3) return dayText(n);
      return (t) => String(sundayDay(t)).padStart(n, '0');
    case 'a':
      if (n > 1) throw tooMany(c);
      return (t) => (t.hour() < 12 ? 'AM' : 'PM');
    case 'B':
      if (n !== 1 && n !== 4 && n !== 5) throw new PatternError(`Wrong number of pattern letters: ${c}`);
      return (t) => (t.hour() < 12 ? 'AM' : 'PM');
    case 'Y':
      return weekYearPrinter(n);
    case 'w':
      if (n > 2) throw tooMany(c);
      return (t) => String(weekOfWeekYear(t)).padStart(n, '0');
    case 'W':
      if (n > 1) throw tooMany(c);
      return (t) => String(weekOfMonth(t));
    case 'F':
      if (n > 1) throw tooMany(c);
      return (t) => String(Math.floor((t.dayOfMonth() - 1) / 7) + 1);
    case 'D':
      if (n > 3) throw tooMany(c);
      return (t) => String(t.dayOfYear()).padStart(n, '0');
    case 'g':
      return (t) => signed(t.toLocalDate().toEpochDay() + 40_587, n, false); // modified Julian day
    case 'O':
      if (n !== 1 && n !== 4) throw new PatternError(`Pattern letter count must be 1 or 4: ${c}`);
      return (t) => gmtOffset(t.offset().totalSeconds(), n === 4);
    case 'Z':
      if (n === 4) return (t) => gmtOffset(t.offset().totalSeconds(), true);
      return joda(c.repeat(n));
    case 'z':
    case 'v':
      if (c === 'z' && n > 4) throw tooMany(c);
      if (c === 'v' && n !== 1 && n !== 4) throw new PatternError(`Wrong number of pattern letters: ${c}`);
      throw new PatternError(`the gateway does not format time zone names (pattern letter ${c}): use VV, O, X, x or Z`);
    default:
      if (!JODA.has(c)) throw new PatternError(`Unknown pattern letter: ${c}`);
      return joda(c.repeat(n));
  }
}

function joda(letters: string): Printer {
  let f: DateTimeFormatter;
  try {
    f = DateTimeFormatter.ofPattern(letters);
  } catch (e) {
    throw new PatternError((e as Error).message);
  }
  return (t) => t.format(f);
}

/** `u` and `y`: two letters print the last two digits; four or more pad and sign beyond the width (EXCEEDS_PAD). */
function yearPrinter(c: string, n: number): Printer {
  if (n > 19) throw new PatternError(`The minimum width must be from 1 to 19 inclusive but was ${n}`);
  const value = (t: ZonedDateTime) => (c === 'y' && t.year() <= 0 ? 1 - t.year() : t.year());
  if (n === 2) return (t) => String(((value(t) % 100) + 100) % 100).padStart(2, '0');
  return (t) => signed(value(t), n, n >= 4);
}

function weekYearPrinter(n: number): Printer {
  if (n > 19) throw new PatternError(`The minimum width must be from 1 to 19 inclusive but was ${n}`);
  if (n === 2) return (t) => String(((weekBasedYear(t) % 100) + 100) % 100).padStart(2, '0');
  return (t) => signed(weekBasedYear(t), n, n >= 4);
}

/** java.time's SignStyle.NORMAL (a minus only) or EXCEEDS_PAD (a plus too when wider than `width`). */
function signed(v: number, width: number, exceedsPad: boolean): string {
  const digits = String(Math.abs(v)).padStart(width, '0');
  if (v < 0) return '-' + digits;
  return exceedsPad && digits.length > width ? '+' + digits : digits;
}

function quarter(t: ZonedDateTime): number {
  return Math.floor((t.monthValue() - 1) / 3) + 1;
}

function dayText(n: number): Printer {
  return (t) => {
    const d = DAYS[t.dayOfWeek().value() - 1];
    return n === 5 ? d[0] : d;
  };
}

// ROOT locale week definition: weeks start on Sunday, the first week has at least one day.
function sundayDay(t: ZonedDateTime): number {
  return (t.dayOfWeek().value() % 7) + 1;
}

/** Week of the year for a day-of-year and its weekday (1 = Sunday): week 1 holds January 1st. */
function weekOf(dayOfYear: number, sunday: number): number {
  const startOfFirstWeek = ((1 - (dayOfYear - (sunday - 1))) % 7 + 7) % 7; // offset of Jan 1 within its week
  return Math.floor((dayOfYear - 1 + startOfFirstWeek) / 7) + 1;
}

function weekOfMonth(t: ZonedDateTime): number {
  return weekOf(t.dayOfMonth(), sundayDay(t));
}

function weekOfWeekYear(t: ZonedDateTime): number {
  const w = weekOf(t.dayOfYear(), sundayDay(t));
  // With minimal days 1, the days after the last Saturday of the year belong to week 1 of the next year.
  const daysLeft = t.toLocalDate().lengthOfYear() - t.dayOfYear();
  return daysLeft < 7 - sundayDay(t) ? 1 : w;
}

function weekBasedYear(t: ZonedDateTime): number {
  return weekOfWeekYear(t) === 1 && t.monthValue() === 12 ? t.year() + 1 : t.year();
}

/** `O` / `OOOO` / `ZZZZ`: `GMT`, `GMT+1`, `GMT+01:00` (with `:ss` when there are seconds). */
function gmtOffset(total: number, full: boolean): string {
  if (total === 0) return 'GMT';
  const sign = total < 0 ? '-' : '+';
  const abs = Math.abs(total);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  if (full) return `GMT${sign}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}${s ? ':' + String(s).padStart(2, '0') : ''}`;
  return `GMT${sign}${h}${m || s ? ':' + String(m).padStart(2, '0') : ''}${s ? ':' + String(s).padStart(2, '0') : ''}`;
}
