/**
 * A Lucene regular expression as RE2 programs: linear-time matching, whatever the pattern. Everything but
 * complement (`~`) and intersection (`&`) translates to RE2 syntax directly. Those two have no RE2 form,
 * but where they apply to whole strings — the whole expression, a whole alternative of `|`, a whole operand
 * of `&`, as in ES's own `/~(([.]|ilm-history-).*)/` or `/@&~(\..*)/` — they are boolean operations on the
 * answers of RE2 programs. Anywhere else (`logs-~(x)`, `(a&b)*`) the expression is refused: no JS RegExp
 * fallback, ever. Whole-string anchoring as in Lucene.
 */
import { RE2JS } from 're2js';
import { parseLuceneRegexp, type Node, type Range } from './lucene-regexp.ts';
import { intervalSource } from './numeric-interval.ts';

export type Formula =
  /** `prefix`: a literal every matching string starts with ('' when none is known), for prefiltering. */
  | { readonly k: 're'; readonly src: string; readonly prefix: string }
  | { readonly k: 'not'; readonly f: Formula }
  | { readonly k: 'and'; readonly fs: readonly Formula[] }
  | { readonly k: 'or'; readonly fs: readonly Formula[] };

/** A construct this gateway cannot match in linear time (refused when a role is created). */
export class UnsupportedRegexp extends Error {}

/**
 * The largest expression accepted, in RE2 instructions after counted repeats and intervals are expanded
 * (estimated): the counterpart of Lucene's determinize work limit of 10,000 (ES's default), which makes
 * ES reject `(a{1000}){1000}`-like patterns as too complex.
 */
export const MAX_REGEX_COST = 10_000;
/** RE2's own limit for `{n,m}` counts. */
export const MAX_REPEAT = 1000;

const NOT_WHOLE = (op: string) =>
  `the ${op} is only supported on a whole expression, a whole alternative of [|] or a whole operand of [&] (it cannot be matched in linear time elsewhere)`;

interface Emitted {
  readonly src: string;
  readonly cost: number;
}

/** Parses and translates one Lucene regexp (the text between the slashes). Throws LuceneSyntaxError or UnsupportedRegexp. */
export function luceneToFormula(source: string): Formula {
  const budget = { cost: 0 };
  return formula(parseLuceneRegexp(source), budget);
}

function formula(n: Node, budget: { cost: number }): Formula {
  if (n.t === 'compl') return { k: 'not', f: formula(n.e, budget) };
  if (n.t === 'inter') return { k: 'and', fs: n.parts.map((p) => formula(p, budget)) };
  if (n.t === 'union') {
    const fs = n.alts.map((a) => formula(a, budget));
    if (fs.every((f) => f.k === 're')) return { k: 're', src: fs.map((f) => (f as { src: string }).src).join('|'), prefix: '' };
    return { k: 'or', fs };
  }
  const e = emit(n);
  budget.cost += e.cost;
  if (budget.cost > MAX_REGEX_COST) throw new UnsupportedRegexp(`the regular expression is too complex (more than ${MAX_REGEX_COST} states)`);
  return { k: 're', src: e.src, prefix: literalPrefix(n) };
}

/** The literal a node's strings all start with (leading strings of a concatenation). */
function literalPrefix(n: Node): string {
  if (n.t === 'string') return n.s;
  if (n.t !== 'concat') return '';
  let out = '';
  for (const p of n.parts) {
    if (p.t !== 'string') break;
    out += p.s;
  }
  return out;
}

function emit(n: Node): Emitted {
  switch (n.t) {
    case 'string':
      return { src: [...n.s].map(quote).join(''), cost: n.s.length };
    case 'any':
      return { src: '.', cost: 1 };
    case 'none':
      return { src: NOTHING, cost: 1 };
    case 'anystring':
      return { src: '.*', cost: 2 };
    case 'class':
      return { src: n.ranges.length ? `[${n.ranges.map(range).join('')}]` : NOTHING, cost: 1 };
    case 'interval': {
      const src = intervalSource(n.min, n.max, n.digits);
      return { src, cost: src.length };
    }
    case 'concat': {
      const parts = n.parts.map(emit);
      return { src: parts.map((p) => p.src).join(''), cost: sum(parts) };
    }
    case 'union': {
      const alts = n.alts.map(emit);
      return { src: `(?:${alts.map((p) => p.src).join('|')})`, cost: sum(alts) };
    }
    case 'repeat':
      return repeat(n.e, n.min, n.max);
    case 'compl':
      throw new UnsupportedRegexp(NOT_WHOLE('complement operator [~]'));
    case 'inter':
      throw new UnsupportedRegexp(NOT_WHOLE('intersection operator [&]'));
  }
}

function repeat(inner: Node, min: number, max: number): Emitted {
  if (max !== -1 && min > max) return { src: NOTHING, cost: 1 };
  if (min > MAX_REPEAT || max > MAX_REPEAT) throw new UnsupportedRegexp(`repetition counts above ${MAX_REPEAT} are not supported`);
  const e = emit(inner);
  const op = max === -1 ? (min === 0 ? '*' : min === 1 ? '+' : `{${min},}`) : min === 0 && max === 1 ? '?' : min === max ? `{${min}}` : `{${min},${max}}`;
  const copies = Math.max(1, min, max === -1 ? min + 1 : max);
  if (e.cost * copies > MAX_REGEX_COST) throw new UnsupportedRegexp(`the regular expression is too complex (more than ${MAX_REGEX_COST} states)`);
  return { src: `(?:${e.src})${op}`, cost: e.cost * copies };
}

const sum = (es: readonly Emitted[]) => es.reduce((a, e) => a + e.cost, 0);

/** Matches no character: the empty language. */
const NOTHING = '[^\\x{0}-\\x{10FFFF}]';

function quote(ch: string): string {
  return /^[A-Za-z0-9_]$/.test(ch) ? ch : `\\x{${ch.codePointAt(0)!.toString(16)}}`;
}

function range([a, b]: Range): string {
  const h = (c: number) => `\\x{${c.toString(16)}}`;
  return a === b ? h(a) : `${h(a)}-${h(b)}`;
}

/** One anchored RE2 program for a whole-string alternative of sources. `.` matches every character. */
export function compileRe2(sources: readonly string[]): RE2JS {
  return RE2JS.compile(`^(?:${sources.join('|')})$`, RE2JS.DOTALL);
}

/** A predicate evaluating a formula: each RE2 leaf compiled once. */
export function formulaPredicate(f: Formula): (s: string) => boolean {
  switch (f.k) {
    case 're': {
      const re = compileRe2([f.src]);
      return (s) => re.test(s);
    }
    case 'not': {
      const p = formulaPredicate(f.f);
      return (s) => !p(s);
    }
    case 'and': {
      const ps = f.fs.map(formulaPredicate);
      return (s) => ps.every((p) => p(s));
    }
    case 'or': {
      const ps = f.fs.map(formulaPredicate);
      return (s) => ps.some((p) => p(s));
    }
  }
}
