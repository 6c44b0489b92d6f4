/**
 * Wildcard matching without backtracking. A pattern is cut at its `*`s into segments; the first segment is
 * matched at the start, the last one at the end, the others each at their leftmost place in between (which
 * is correct for segments of fixed length: the earliest end leaves the most room for the rest).
 *
 * The leftmost place of a floating segment is found by bit-parallel shift-and (one pass over the string,
 * ⌈|segment|/32⌉ word operations per character), so a whole match costs O(|s| × ⌈longest segment/32⌉ +
 * |pattern|) — linear for patterns up to 32 characters between stars, and never a backtracking search
 * (`*0*0*0*0*0*0*0*0*0*x` against a 255-character name: a few hundred steps).
 * `?` stands for one code point, as in ES's automatons; a surrogate pair is never split by `*` or `?`
 * (strings holding surrogates take a direct scan of the same worst-case order, |s| × |segment|).
 */

/** Which characters are special: ES's `Automatons.wildcard` (`*`, `?`, `\` escape) or `Regex.simpleMatch` (`*` only). */
export interface WildcardSyntax {
  readonly question: boolean;
  readonly escape: boolean;
}

export const ES_WILDCARD: WildcardSyntax = { question: true, escape: true };
export const STAR_ONLY: WildcardSyntax = { question: false, escape: false };

/** A segment: literal UTF-16 units, `ANY` for one code point. */
type Segment = readonly number[];
const ANY = -1;

/** Shift-and tables of a floating segment: per character the bit positions it may fill, in 32-bit words. */
interface Searcher {
  readonly words: number;
  readonly masks: ReadonlyMap<number, Uint32Array>;
  readonly any: Uint32Array;
  readonly hasAny: boolean;
}

export interface Wildcard {
  readonly segments: readonly Segment[];
  /** Search tables for the floating (middle) segments, index-aligned with `segments`. */
  readonly searchers: readonly (Searcher | null)[];
  /** True when the pattern has at least one `*` (then the first and last segments are anchored at the ends). */
  readonly star: boolean;
}

/** Comparisons made by the matchers since the last reset (for tests that bound the work). */
export const wildcardWork = { steps: 0 };

export function parseWildcard(pattern: string, syntax: WildcardSyntax = ES_WILDCARD): Wildcard {
  const segments: number[][] = [[]];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === 0x2a) segments.push([]);
    else if (c === 0x3f && syntax.question) segments[segments.length - 1].push(ANY);
    else if (c === 0x5c && syntax.escape && i + 1 < pattern.length) segments[segments.length - 1].push(pattern.charCodeAt(++i));
    else segments[segments.length - 1].push(c);
  }
  const searchers = segments.map((seg, i) => (i > 0 && i < segments.length - 1 && seg.length > 0 ? searcher(seg) : null));
  return { segments, searchers, star: segments.length > 1 };
}

function searcher(seg: Segment): Searcher {
  const words = Math.ceil(seg.length / 32);
  const any = new Uint32Array(words);
  const masks = new Map<number, Uint32Array>();
  seg.forEach((c, k) => {
    const [w, bit] = [k >>> 5, 1 << (k & 31)];
    if (c === ANY) any[w] |= bit;
    else {
      let m = masks.get(c);
      if (!m) masks.set(c, (m = new Uint32Array(words)));
      m[w] |= bit;
    }
  });
  for (const m of masks.values()) for (let w = 0; w < words; w++) m[w] |= any[w];
  return { words, masks, any, hasAny: any.some((x) => x !== 0) };
}

/** The end of the leftmost occurrence of the segment in s[from, to), or -1: one pass, no backtracking. */
function search(seg: Segment, t: Searcher, s: string, from: number, to: number): number {
  const { words, masks, any } = t;
  const last = seg.length - 1;
  const lastWord = last >>> 5;
  const lastBit = 1 << (last & 31);
  const d = new Uint32Array(words);
  for (let i = from; i < to; i++) {
    const m = masks.get(s.charCodeAt(i)) ?? any;
    let carry = 1;
    for (let w = 0; w < words; w++) {
      wildcardWork.steps++;
      const v = d[w];
      d[w] = ((v << 1) | carry) & m[w];
      carry = v >>> 31;
    }
    if (d[lastWord] & lastBit) return i + 1;
  }
  return -1;
}

/** Whether the pattern has no special character at all (it matches only itself, unescaped). */
export function literalOf(w: Wildcard): string | null {
  if (w.star || w.segments[0].includes(ANY)) return null;
  return String.fromCharCode(...w.segments[0]);
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Where `seg` matching at `i` ends, or -1 (never past `limit`). */
function forward(seg: Segment, s: string, i: number, limit: number): number {
  for (let k = 0; k < seg.length; k++) {
    wildcardWork.steps++;
    if (i >= limit) return -1;
    const c = seg[k];
    if (c === ANY) i += isHigh(s.charCodeAt(i)) && i + 1 < limit && isLow(s.charCodeAt(i + 1)) ? 2 : 1;
    else if (s.charCodeAt(i) === c) i++;
    else return -1;
  }
  return i;
}

/** Where `seg` matching so as to end at `end` starts, or -1 (never before `floor`). */
function backward(seg: Segment, s: string, end: number, floor: number): number {
  let i = end;
  for (let k = seg.length - 1; k >= 0; k--) {
    wildcardWork.steps++;
    if (i <= floor) return -1;
    const c = seg[k];
    if (c === ANY) i -= isLow(s.charCodeAt(i - 1)) && i - 2 >= floor && isHigh(s.charCodeAt(i - 2)) ? 2 : 1;
    else if (s.charCodeAt(i - 1) === c) i--;
    else return -1;
  }
  return i;
}

const SURROGATE = /[\ud800-\udfff]/;

/** Whether position `i` splits a surrogate pair. */
const splits = (s: string, i: number) => i > 0 && isLow(s.charCodeAt(i)) && isHigh(s.charCodeAt(i - 1));

export function matchWildcard(w: Wildcard, s: string): boolean {
  const segs = w.segments;
  if (!w.star) return forward(segs[0], s, 0, s.length) === s.length;
  let surrogates: boolean | null = null;
  let pos = forward(segs[0], s, 0, s.length);
  if (pos < 0) return false;
  const last = segs[segs.length - 1];
  const end = backward(last, s, s.length, pos);
  if (end < 0 || splits(s, end)) return false;
  for (let m = 1; m < segs.length - 1; m++) {
    const seg = segs[m];
    if (seg.length === 0) continue;
    let found = -1;
    const t = w.searchers[m]!;
    if (t.hasAny && surrogates === null) surrogates = SURROGATE.test(s);
    if (!t.hasAny || !surrogates) found = search(seg, t, s, pos, end);
    else {
      for (let k = pos; k + seg.length <= end; k++) {
        if (splits(s, k)) continue;
        found = forward(seg, s, k, end);
        if (found >= 0) break;
      }
    }
    if (found < 0) return false;
    pos = found;
  }
  return pos <= end;
}

/**
 * A predicate for one pattern, with the common shapes on string built-ins: `name`, `prefix*`, `*suffix`,
 * `*infix*`. Every shape is linear in the tested string (given a bounded pattern).
 */
export function compileWildcard(pattern: string, syntax: WildcardSyntax = ES_WILDCARD): (s: string) => boolean {
  const w = parseWildcard(pattern, syntax);
  const lit = (seg: Segment) => (seg.includes(ANY) ? null : String.fromCharCode(...seg));
  const segs = w.segments;
  if (!w.star) {
    const l = lit(segs[0]);
    if (l !== null) return (s) => s === l;
  } else if (segs.length === 2) {
    const [a, b] = [lit(segs[0]), lit(segs[1])];
    if (a !== null && b === '') return a === '' ? () => true : (s) => s.startsWith(a);
    if (a === '' && b !== null) return (s) => s.endsWith(b);
    if (a !== null && b !== null) return (s) => s.length >= a.length + b.length && s.startsWith(a) && s.endsWith(b);
  } else if (segs.length === 3 && segs[0].length === 0 && segs[2].length === 0) {
    const m = lit(segs[1]);
    if (m !== null) return (s) => s.includes(m);
  }
  return (s) => matchWildcard(w, s);
}
