/**
 * TEST ORACLE ONLY: the JS-RegExp pattern compiler this gateway used before linear-time matching (commit
 * b991a78), kept to check that the new matcher agrees with it on ordinary patterns. It backtracks: never
 * import it outside tests, never feed it the ReDoS corpus.
 */
export type Predicate = (s: string) => boolean;

const NEVER: Predicate = () => false;
const ALWAYS: Predicate = () => true;

/** The JS regex source for one ES pattern; throws ES's message for `/unterminated`. */
export function patternSource(pattern: string): string {
  if (pattern.startsWith('/')) {
    if (pattern.length < 2 || !pattern.endsWith('/')) {
      throw new Error(
        `invalid pattern [${pattern}]. patterns starting with '/' indicate regular expression pattern and therefore must also end with '/'. other patterns (those that do not start with '/') will be treated as simple wildcard patterns`,
      );
    }
    return luceneRegexSource(pattern.slice(1, -1));
  }
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') out += '[\\s\\S]*';
    else if (c === '?') out += '[\\s\\S]';
    else if (c === '\\' && i + 1 < pattern.length) out += escapeRegex(pattern[++i]);
    else out += escapeRegex(c);
  }
  return out;
}

/**
 * Lucene's regexp syntax, close enough for index names: `@` is any string, `#` the empty language,
 * `<a-b>` a numeric range, `"…"` a literal, `A&B` an intersection and `~X` a complement (exact when it ends
 * the expression, as in ES's built-in roles: `/~(([.]|ilm-history-).*)/`).
 */
function luceneRegexSource(re: string): string {
  const parts = splitTopLevel(re, '&');
  if (parts.length === 1) return lucenePart(re);
  return parts.map((p) => `(?=(?:${lucenePart(p)})$)`).join('') + '[\\s\\S]*';
}

function splitTopLevel(re: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === sep && depth === 0) {
      out.push(re.slice(start, i));
      start = i + 1;
    }
  }
  out.push(re.slice(start));
  return out;
}

/** The end of the atom starting at `i` (a group, a class, an escape or one character). */
function atomEnd(re: string, i: number): number {
  if (re[i] === '\\') return i + 2;
  const close = re[i] === '(' ? ')' : re[i] === '[' ? ']' : null;
  if (!close) return i + 1;
  let depth = 0;
  for (let j = i; j < re.length; j++) {
    if (re[j] === '\\') j++;
    else if (re[j] === re[i] && close === ')') depth++;
    else if (re[j] === close && (close === ']' || --depth === 0)) return j + 1;
  }
  return re.length;
}

function lucenePart(re: string): string {
  let out = '';
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\' && i + 1 < re.length) out += '\\' + re[++i];
    else if (c === '~') {
      const end = atomEnd(re, i + 1);
      out += `(?!(?:${lucenePart(re.slice(i + 1, end))})$)[\\s\\S]*`;
      i = end - 1;
    } else if (c === '@') out += '[\\s\\S]*';
    else if (c === '#') out += '(?!)';
    else if (c === '<') {
      const end = re.indexOf('>', i);
      const m = end > 0 ? /^(\d+)-(\d+)$/.exec(re.slice(i + 1, end)) : null;
      if (m) {
        out += numericRange(Number(m[1]), Number(m[2]));
        i = end;
      } else out += '<';
    } else if (c === '"') {
      const end = re.indexOf('"', i + 1);
      out += escapeRegex(end > 0 ? re.slice(i + 1, end) : re.slice(i + 1));
      i = end > 0 ? end : re.length;
    } else if (c === '[') {
      const end = atomEnd(re, i);
      out += re.slice(i, end);
      i = end - 1;
    } else out += c;
  }
  return out;
}

function numericRange(from: number, to: number): string {
  const values: string[] = [];
  for (let n = Math.min(from, to); n <= Math.max(from, to) && values.length < 10_000; n++) values.push(String(n));
  return `0*(?:${values.join('|')})`;
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** One predicate for a set of patterns (their union); `except` patterns are taken out. */
export function legacyCompilePatterns(patterns: Iterable<string>, except: Iterable<string> = []): Predicate {
  const include = union([...patterns]);
  const exclude = union([...except]);
  if (include === null) return NEVER;
  if (exclude === null) return include.source === '^(?:[\\s\\S]*)$' ? ALWAYS : (s) => include.test(s);
  return (s) => include.test(s) && !exclude.test(s);
}

function union(patterns: string[]): RegExp | null {
  if (patterns.length === 0) return null;
  const parts = [...new Set(patterns)].map(patternSource);
  try {
    return new RegExp(`^(?:${parts.join('|')})$`);
  } catch {
    // A Lucene regex JS rejects: keep the patterns JS accepts (the others never match).
    const ok = parts.filter((p) => {
      try {
        new RegExp(p);
        return true;
      } catch {
        return false;
      }
    });
    return ok.length ? new RegExp(`^(?:${ok.join('|')})$`) : /(?!)/;
  }
}

/** Whether `pattern` is a simple wildcard or regex pattern (not a plain name). */
