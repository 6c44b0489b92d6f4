/**
 * `Warning` response headers against a `do` step's `warnings`, `warnings_regex`, `allowed_warnings`
 * and `allowed_warnings_regex`. As in the YAML runner, a response may carry only the warnings the
 * step expects or allows, and must carry every expected one.
 */
import { javaRegex } from './regex.ts';

export interface WarningSpec {
  expected: readonly string[];
  expectedRegex: readonly string[];
  allowed: readonly string[];
  allowedRegex: readonly string[];
}

export interface ParsedWarning {
  header: string;
  /** The quoted text as sent (escaped); regexes match this. */
  raw: string;
  /** The text unescaped and percent-decoded; plain expectations match this. */
  text: string;
}

/** Splits header values into single warnings: `299 Elasticsearch-9.0.0-abc "text" ["date"]`. */
export function splitWarningHeaders(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const value of values) {
    let start = 0;
    let quoted = false;
    for (let i = 0; i < value.length; i++) {
      const c = value[i];
      if (c === '\\' && quoted) i++;
      else if (c === '"') quoted = !quoted;
      else if (c === ',' && !quoted) {
        // A comma outside quotes separates warnings only when a new `NNN agent` follows.
        if (/^\s*\d{3} \S/.test(value.slice(i + 1))) {
          out.push(value.slice(start, i).trim());
          start = i + 1;
        }
      }
    }
    const last = value.slice(start).trim();
    if (last) out.push(last);
  }
  return out;
}

const ES_WARNING = /^\d{3} Elasticsearch-\S+ "((?:[^"\\]|\\.)*)"(?: "[^"]*")?$/;

/** Parses one warning in Elasticsearch's format; null when the header does not follow it. */
export function parseWarning(header: string): ParsedWarning | null {
  const m = ES_WARNING.exec(header);
  if (!m) return null;
  const raw = m[1];
  const unescaped = raw.replace(/\\(.)/g, '$1');
  let text = unescaped;
  try {
    text = decodeURIComponent(unescaped.replace(/%(?![0-9A-Fa-f]{2})/g, '%25'));
  } catch {
    text = unescaped;
  }
  return { header, raw, text };
}

/** Returns null when the warnings fit the spec, else a message listing what went wrong. */
export function checkWarnings(headerValues: readonly string[], spec: WarningSpec): string | null {
  const expected = new Set(spec.expected);
  const expectedRegex = spec.expectedRegex.map((r) => ({ src: r, re: javaRegex(r, false) }));
  const allowedRegex = spec.allowedRegex.map((r) => javaRegex(r, false));
  const unexpected: string[] = [];
  const unmatched: string[] = [];
  for (const header of splitWarningHeaders(headerValues)) {
    const w = parseWarning(header);
    if (!w) {
      unmatched.push(header);
      continue;
    }
    if (spec.allowed.includes(w.text)) continue;
    if (expected.delete(w.text)) continue;
    const i = expectedRegex.findIndex((x) => fullMatch(x.re, w.raw) || fullMatch(x.re, w.text));
    if (i >= 0) {
      expectedRegex.splice(i, 1);
      continue;
    }
    if (allowedRegex.some((re) => fullMatch(re, w.raw) || fullMatch(re, w.text))) continue;
    unexpected.push(header);
  }
  const problems: string[] = [];
  if (unexpected.length) problems.push(`got unexpected warning header(s) [${unexpected.join(' | ')}]`);
  if (unmatched.length) problems.push(`got warning header(s) not in Elasticsearch's format [${unmatched.join(' | ')}]`);
  if (expected.size) problems.push(`did not get expected warning header(s) [${[...expected].join(' | ')}]`);
  if (expectedRegex.length) problems.push(`no warning header matched [${expectedRegex.map((x) => x.src).join(' | ')}]`);
  return problems.length ? problems.join('; ') : null;
}

/** Java's Matcher.matches(): the whole string. */
function fullMatch(re: RegExp, s: string): boolean {
  const anchored = new RegExp(`^(?:${re.source})$`, re.flags);
  return anchored.test(s);
}
