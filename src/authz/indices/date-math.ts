/**
 * Date math index names (`<logs-{now/d}>`, `<logs-{now-1M/M{yyyy.MM|+01:00}}>`), resolved as ES resolves
 * them: static text with `{expr{format|zone}}` parts, `\{` `\}` escapes, default format `uuuu.MM.dd`, UTC.
 * The gateway forwards the resolved name, so what it authorized is what the upstream writes or reads.
 * Anything it cannot resolve exactly is an error (a 400), never a guess.
 */
import { EsError } from '../../core/errors.ts';

export function isDateMath(expression: string): boolean {
  return expression.length > 2 && expression.charCodeAt(0) === 0x3c && expression.charCodeAt(expression.length - 1) === 0x3e;
}

/** Resolves `<...>`; other names come back unchanged. */
export function resolveDateMath(expression: string, now: number): string {
  if (!isDateMath(expression)) return expression;
  const text = expression.slice(1, -1);
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      if (i + 1 >= text.length) throw invalid(expression, 'invalid escape');
      out += text[i + 1];
      i += 2;
    } else if (c === '{') {
      const end = closingBrace(text, i, expression);
      out += evaluate(text.slice(i + 1, end), now, expression);
      i = end + 1;
    } else if (c === '}') {
      throw invalid(expression, 'invalid character at position [' + i + ']');
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function closingBrace(text: string, open: number, expression: string): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  throw invalid(expression, 'missing closing brace');
}

function evaluate(part: string, now: number, expression: string): string {
  const inner = part.indexOf('{');
  let math = part;
  let format = 'uuuu.MM.dd';
  let zone = 'UTC';
  if (inner >= 0) {
    if (!part.endsWith('}')) throw invalid(expression, 'invalid format specification');
    math = part.slice(0, inner);
    const spec = part.slice(inner + 1, -1);
    const bar = spec.indexOf('|');
    format = (bar >= 0 ? spec.slice(0, bar) : spec) || format;
    if (bar >= 0) zone = spec.slice(bar + 1) || zone;
  }
  if (!math.startsWith('now')) throw invalid(expression, 'date math must start with [now]');
  const t = applyMath(wallClock(now, zone, expression), math.slice(3), expression);
  return formatDate(t, format, expression);
}

interface Parts {
  y: number;
  M: number; // 1-12
  d: number;
  h: number;
  m: number;
  s: number;
  ms: number;
}

function wallClock(now: number, zone: string, expression: string): Parts {
  const offset = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (zone === 'UTC' || zone === 'Z' || offset) {
    const shift = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) * 60_000 : 0;
    const d = new Date(now + shift);
    return { y: d.getUTCFullYear(), M: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), m: d.getUTCMinutes(), s: d.getUTCSeconds(), ms: d.getUTCMilliseconds() };
  }
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  } catch {
    throw invalid(expression, `unknown time zone [${zone}]`);
  }
  const p = Object.fromEntries(fmt.formatToParts(new Date(now)).map((x) => [x.type, x.value]));
  return { y: Number(p.year), M: Number(p.month), d: Number(p.day), h: Number(p.hour) % 24, m: Number(p.minute), s: Number(p.second), ms: now % 1000 };
}

function applyMath(t: Parts, math: string, expression: string): Parts {
  let i = 0;
  let r = { ...t };
  while (i < math.length) {
    const op = math[i++];
    if (op === '/') {
      const unit = math[i++];
      r = round(r, unit, expression);
      continue;
    }
    if (op !== '+' && op !== '-') throw invalid(expression, `operator not supported for date math [${math}]`);
    const start = i;
    while (i < math.length && math[i] >= '0' && math[i] <= '9') i++;
    const n = start === i ? 1 : Number(math.slice(start, i));
    const unit = math[i++];
    r = add(r, (op === '-' ? -1 : 1) * n, unit, expression);
  }
  return r;
}

function normalize(p: Parts): Parts {
  const d = new Date(Date.UTC(p.y, p.M - 1, p.d, p.h, p.m, p.s, p.ms));
  return { y: d.getUTCFullYear(), M: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), m: d.getUTCMinutes(), s: d.getUTCSeconds(), ms: d.getUTCMilliseconds() };
}

function daysIn(y: number, M: number): number {
  return new Date(Date.UTC(y, M, 0)).getUTCDate();
}

function add(p: Parts, n: number, unit: string | undefined, expression: string): Parts {
  switch (unit) {
    case 'y': {
      const y = p.y + n;
      return { ...p, y, d: Math.min(p.d, daysIn(y, p.M)) };
    }
    case 'M': {
      const total = p.y * 12 + (p.M - 1) + n;
      const y = Math.floor(total / 12);
      const M = (total % 12) + 1;
      return { ...p, y, M, d: Math.min(p.d, daysIn(y, M)) };
    }
    case 'w':
      return normalize({ ...p, d: p.d + 7 * n });
    case 'd':
      return normalize({ ...p, d: p.d + n });
    case 'h':
    case 'H':
      return normalize({ ...p, h: p.h + n });
    case 'm':
      return normalize({ ...p, m: p.m + n });
    case 's':
      return normalize({ ...p, s: p.s + n });
    default:
      throw invalid(expression, `unit [${unit ?? ''}] not supported for date math`);
  }
}

function round(p: Parts, unit: string | undefined, expression: string): Parts {
  switch (unit) {
    case 'y':
      return { y: p.y, M: 1, d: 1, h: 0, m: 0, s: 0, ms: 0 };
    case 'M':
      return { ...p, d: 1, h: 0, m: 0, s: 0, ms: 0 };
    case 'w': {
      const dow = (new Date(Date.UTC(p.y, p.M - 1, p.d)).getUTCDay() + 6) % 7; // Monday = 0
      return normalize({ ...p, d: p.d - dow, h: 0, m: 0, s: 0, ms: 0 });
    }
    case 'd':
      return { ...p, h: 0, m: 0, s: 0, ms: 0 };
    case 'h':
    case 'H':
      return { ...p, m: 0, s: 0, ms: 0 };
    case 'm':
      return { ...p, s: 0, ms: 0 };
    case 's':
      return { ...p, ms: 0 };
    default:
      throw invalid(expression, `rounding unit [${unit ?? ''}] not supported for date math`);
  }
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** The subset of Java's DateTimeFormatter letters used in index names; anything else is refused. */
function formatDate(p: Parts, format: string, expression: string): string {
  let out = '';
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    if (c === "'") {
      const end = format.indexOf("'", i + 1);
      if (end < 0) throw invalid(expression, 'unterminated quote in date format');
      out += end === i + 1 ? "'" : format.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < format.length && format[j] === c) j++;
    const width = j - i;
    i = j;
    if (!/[A-Za-z]/.test(c)) {
      out += c.repeat(width);
      continue;
    }
    switch (c) {
      case 'y':
      case 'u':
        out += width === 2 ? pad(p.y % 100, 2) : pad(p.y, width);
        break;
      case 'M':
        out += pad(p.M, width);
        break;
      case 'd':
        out += pad(p.d, width);
        break;
      case 'H':
        out += pad(p.h, width);
        break;
      case 'm':
        out += pad(p.m, width);
        break;
      case 's':
        out += pad(p.s, width);
        break;
      case 'S':
        out += pad(p.ms, 3).slice(0, width).padEnd(width, '0');
        break;
      default:
        throw invalid(expression, `unsupported date format pattern [${format}]`);
    }
  }
  return out;
}

function invalid(expression: string, why: string): EsError {
  return new EsError('illegal_argument', `invalid date math expression [${expression}]: ${why}`, { type: 'elasticsearch_parse_exception', status: 400 });
}
