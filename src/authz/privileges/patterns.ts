/**
 * ES's `Automatons.patterns`: a name pattern is either a simple wildcard (`*` any string, `?` one character,
 * `\` escapes the next character) or, between slashes, a Lucene regular expression (`/logs-[0-9]+/`).
 * Nothing here backtracks: plain names are a set, `prefix*` patterns a set of prefixes, other wildcards a
 * segment matcher (few) or part of one RE2 program (many), and regexes one RE2 program (with complement and
 * intersection of whole expressions as boolean operations on RE2 answers). Every test is linear in the name
 * for a bounded pattern (see pattern-limits.ts). Compiled sets are cached by their patterns.
 */
import { compileWildcard, literalOf, parseWildcard, type Wildcard } from '../../lib/patterns/wildcard.ts';
import { formulaPredicate, luceneToFormula, type Formula } from '../../lib/patterns/lucene-re2.ts';
import { BoundedMap } from '../../lib/bounded-map.ts';
import { prefixPredicate, re2Set, type Re2Source } from './pattern-parts.ts';

export type Predicate = (s: string) => boolean;

const NEVER: Predicate = () => false;
const ALWAYS: Predicate = () => true;
/** Up to this many inner wildcards are tested one by one; more become one RE2 program. */
const MAX_SEPARATE_WILDCARDS = 8;

/** ES's message for a pattern that starts with `/` but does not end with one. */
export function unterminatedRegexMessage(pattern: string): string {
  return `invalid pattern [${pattern}]. patterns starting with '/' indicate regular expression pattern and therefore must also end with '/'. other patterns (those that do not start with '/') will be treated as simple wildcard patterns`;
}

const cache = new BoundedMap<string, Predicate>(4096);

/** One predicate for a set of patterns (their union); `except` patterns are taken out. */
export function compilePatterns(patterns: Iterable<string>, except: Iterable<string> = []): Predicate {
  const include = [...new Set(patterns)];
  const exclude = [...new Set(except)];
  const key = include.join('\u0000') + '\u0001' + exclude.join('\u0000');
  let p = cache.get(key);
  if (!p) {
    const inc = union(include);
    const exc = union(exclude);
    p = inc === NEVER ? NEVER : exc === NEVER ? inc : exc === ALWAYS ? NEVER : (s) => inc(s) && !exc(s);
    cache.set(key, p);
  }
  return p;
}

function union(patterns: readonly string[]): Predicate {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  const wildcards: string[] = [];
  const regexSources: Re2Source[] = [];
  const formulas: Predicate[] = [];
  for (const p of patterns) {
    if (p.startsWith('/')) {
      if (p.length < 2 || !p.endsWith('/')) throw new Error(unterminatedRegexMessage(p));
      const f = regexFormula(p);
      if (f === null) continue; // refused when a role is created; a stored one grants nothing
      if (f.k === 're') regexSources.push(f);
      else formulas.push(lazy(() => formulaPredicate(f)));
      continue;
    }
    if (p === '*') return ALWAYS;
    const w = parseWildcard(p);
    const lit = literalOf(w);
    const prefix = w.segments.length === 2 && w.segments[1].length === 0 ? literalOf(parseWildcard(p.slice(0, -1))) : null;
    if (lit !== null) exact.add(lit);
    else if (prefix !== null) prefixes.push(prefix);
    else wildcards.push(p);
  }
  const tests: Predicate[] = [];
  if (wildcards.length > MAX_SEPARATE_WILDCARDS) regexSources.push(...wildcards.map((p) => wildcardRe2Source(parseWildcard(p))));
  else tests.push(...wildcards.map((p) => compileWildcard(p)));
  if (regexSources.some((r) => r.src === '.*')) return ALWAYS;
  const parts: Predicate[] = [];
  if (exact.size === 1) {
    const [only] = exact;
    parts.push((s) => s === only);
  } else if (exact.size > 1) parts.push((s) => exact.has(s));
  if (prefixes.length) parts.push(prefixPredicate(prefixes));
  parts.push(...tests, ...formulas);
  if (regexSources.length) parts.push(re2Set(regexSources));
  return anyOf(parts);
}

function anyOf(parts: readonly Predicate[]): Predicate {
  if (parts.length === 0) return NEVER;
  if (parts.length === 1) return parts[0];
  if (parts.length === 2) {
    const [a, b] = parts;
    return (s) => a(s) || b(s);
  }
  return (s) => parts.some((q) => q(s));
}

/** The formula of a `/regex/` pattern, or null when it is invalid or cannot be matched in linear time. */
function regexFormula(pattern: string): Formula | null {
  try {
    return luceneToFormula(pattern.slice(1, -1));
  } catch {
    return null;
  }
}

/** A wildcard as RE2 source (`*` any string, `?` one character, the rest literal), with its literal prefix. */
function wildcardRe2Source(w: Wildcard): Re2Source {
  const src = w.segments.map((seg) => seg.map((c) => (c < 0 ? '.' : `\\x{${c.toString(16)}}`)).join('')).join('.*');
  const first = w.segments[0];
  const end = first.indexOf(-1);
  return { src, prefix: String.fromCharCode(...(end < 0 ? first : first.slice(0, end))) };
}

/** A predicate built on first use (RE2 programs are costly to compile and many sets are never tested). */
function lazy(build: () => Predicate): Predicate {
  let p: Predicate | null = null;
  return (s) => (p ??= build())(s);
}

/**
 * Why a role pattern cannot be used, or null: a `/regex/` that does not parse as Lucene's syntax, or that
 * this gateway cannot match in linear time (complement or intersection inside a concatenation or a repeat,
 * counted repeats above 1,000, more than 10,000 states).
 */
export function regexProblem(pattern: string): string | null {
  if (!pattern.startsWith('/')) return null;
  if (pattern.length < 2 || !pattern.endsWith('/')) return unterminatedRegexMessage(pattern);
  try {
    const f = luceneToFormula(pattern.slice(1, -1));
    formulaPredicate(f);
    return null;
  } catch (e) {
    return `invalid regular expression pattern [${pattern}]: ${(e as Error).message}`;
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
/**
 * The most table cells one inclusion check may fill (about half a millisecond): beyond it (a 2,048-character
 * role pattern against a 128-character requested one, say) the answer is "not covered", which can only make
 * `_has_privileges` say false. Ordinary patterns (names up to 255 characters, role patterns of tens) stay far below.
 */
export const MAX_SUBSET_CELLS = 262_144;

export function wildcardSubsetOf(sub: string, sup: string): boolean {
  if (sub === sup) return true;
  if (sup.startsWith('/') || sub.startsWith('/')) return !isPattern(sub) && compilePatterns([sup])(sub);
  // Tokens of sup (escapes resolved); then one row per token over the positions of sub, from the end:
  // O(|sub| × |sup|) steps and O(|sub|) memory, no recursion.
  const tokens: number[] = []; // -1 `*`, -2 `?`, else a literal character code
  for (let j = 0; j < sup.length; j++) {
    const c = sup.charCodeAt(j);
    if (c === 0x2a) tokens.push(-1);
    else if (c === 0x3f) tokens.push(-2);
    else if (c === 0x5c && j + 1 < sup.length) tokens.push(sup.charCodeAt(++j));
    else tokens.push(c);
  }
  const n = sub.length;
  if ((n + 1) * tokens.length > MAX_SUBSET_CELLS) return false; // not shown to be covered: the safe answer
  let next = new Uint8Array(n + 1);
  let cur = new Uint8Array(n + 1);
  next[n] = 1;
  for (let t = tokens.length - 1; t >= 0; t--) {
    const tok = tokens[t];
    cur.fill(0);
    for (let i = n; i >= 0; i--) {
      if (tok === -1) cur[i] = next[i] || (i < n && cur[i + 1]) ? 1 : 0;
      else if (i === n) cur[i] = 0;
      else {
        const c = sub.charCodeAt(i);
        const ok = tok === -2 ? c !== 0x2a : c === tok && c !== 0x2a && c !== 0x3f;
        cur[i] = ok && next[i + 1] ? 1 : 0;
      }
    }
    [next, cur] = [cur, next];
  }
  return next[0] === 1;
}
