/**
 * ES's `Automatons.patterns`: a name pattern is either a simple wildcard (`*` any string, `?` one character,
 * `\` escapes the next character) or, between slashes, a Lucene regular expression (`/logs-[0-9]+/`).
 * Here each set of patterns becomes one anchored JS RegExp, so a check costs one regex test.
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
export function compilePatterns(patterns: Iterable<string>, except: Iterable<string> = []): Predicate {
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
export function isPattern(name: string): boolean {
  return name.includes('*') || name.includes('?') || name.startsWith('/');
}

/**
 * Language inclusion for the action patterns privileges are made of (literals and `prefix*`), as
 * `Operations.subsetOf` answers it for ES's automatons: whether every string `sub` matches, `sup` matches.
 */
export interface PatternSet {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

export function subsetOf(sub: PatternSet, sup: PatternSet): boolean {
  return sub.include.every((b) => {
    if (!sup.include.some((a) => covers(a, b))) return false;
    // b must not reach into sup's exclusions, unless sub excludes that part itself.
    return sup.exclude.every((e) => !overlaps(b, e) || sub.exclude.some((x) => covers(x, e) || covers(x, b)));
  });
}

function prefixOf(p: string): { prefix: string; open: boolean } {
  const i = p.search(/[*?]/);
  if (i < 0) return { prefix: p, open: false };
  return { prefix: p.slice(0, i), open: true };
}

/** Whether every string matched by `b` is matched by `a` (for literal and trailing-wildcard patterns). */
function covers(a: string, b: string): boolean {
  const pa = prefixOf(a);
  const pb = prefixOf(b);
  if (!pa.open) return !pb.open && pa.prefix === pb.prefix;
  if (a !== pa.prefix + '*') return a === b;
  return pb.prefix.startsWith(pa.prefix);
}

function overlaps(a: string, b: string): boolean {
  const pa = prefixOf(a);
  const pb = prefixOf(b);
  if (!pa.open && !pb.open) return pa.prefix === pb.prefix;
  if (pa.open && pb.open) return pa.prefix.startsWith(pb.prefix) || pb.prefix.startsWith(pa.prefix);
  const [lit, open] = pa.open ? [pb.prefix, pa.prefix] : [pa.prefix, pb.prefix];
  return lit.startsWith(open);
}

/**
 * Whether every name the wildcard pattern `sub` matches is matched by the wildcard pattern `sup` (`*` and `?`
 * only; exact for one `sup`). A regex on either side is only compared for equality, or `sub` tested when it
 * is a plain name.
 */
export function wildcardSubsetOf(sub: string, sup: string): boolean {
  if (sub === sup) return true;
  if (sup.startsWith('/') || sub.startsWith('/')) return !isPattern(sub) && compilePatterns([sup])(sub);
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (sub.length + 1) + j;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (j === sup.length) r = i === sub.length;
    else if (sup[j] === '*') r = go(i, j + 1) || (i < sub.length && go(i + 1, j));
    else if (i === sub.length) r = false;
    else if (sup[j] === '?') r = sub[i] !== '*' && go(i + 1, j + 1);
    else if (sup[j] === '\\' && j + 1 < sup.length) r = sub[i] === sup[j + 1] && sub[i] !== '*' && sub[i] !== '?' && go(i + 1, j + 2);
    else r = sub[i] === sup[j] && sub[i] !== '*' && sub[i] !== '?' && go(i + 1, j + 1);
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}
