/**
 * Lucene's regular expression syntax (`org.apache.lucene.util.automaton.RegExp`) with every optional
 * construct on, as ES reads the `/…/` patterns of roles (`RegExp.ALL | DEPRECATED_COMPLEMENT`), parsed into
 * a tree. Precedence, lowest first: `|` union, `&` intersection, concatenation, the postfix repeats
 * `? * + {n} {n,} {n,m}`, the prefix `~` complement; atoms are a character (`\` escapes any), `.`, `#` (the
 * empty language), `@` (any string), `"literal"`, `()` (the empty string), `(group)`, `[class]`, `[^class]`,
 * `\d \D \s \S \w \W`, `<n-m>` (a decimal interval) and `<name>` (a named automaton, which ES never defines).
 * Errors carry Lucene's messages. The parser is iterative where Lucene recurses per character, and bounds
 * group nesting, so a long pattern cannot exhaust the stack.
 */

export type Range = readonly [number, number];

export type Node =
  | { readonly t: 'union'; readonly alts: readonly Node[] }
  | { readonly t: 'inter'; readonly parts: readonly Node[] }
  | { readonly t: 'concat'; readonly parts: readonly Node[] }
  | { readonly t: 'repeat'; readonly e: Node; readonly min: number; readonly max: number } // max -1: unbounded
  | { readonly t: 'compl'; readonly e: Node }
  | { readonly t: 'class'; readonly ranges: readonly Range[] } // code point ranges (negation already applied)
  | { readonly t: 'any' }
  | { readonly t: 'none' }
  | { readonly t: 'anystring' }
  | { readonly t: 'string'; readonly s: string }
  | { readonly t: 'interval'; readonly min: number; readonly max: number; readonly digits: number };

export class LuceneSyntaxError extends Error {}

/** Groups nested deeper than this are refused (Lucene has no limit, but recursion would). */
export const MAX_NESTING = 100;
const MAX_CODE_POINT = 0x10ffff;

const PREDEFINED: Readonly<Record<string, readonly Range[]>> = {
  d: [[0x30, 0x39]],
  s: [[0x09, 0x0a], [0x0d, 0x0d], [0x20, 0x20]],
  w: [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]],
};

export function parseLuceneRegexp(source: string): Node {
  if (source === '') return { t: 'string', s: '' };
  const p = new Parser(source);
  const e = p.union(0);
  if (p.more()) throw new LuceneSyntaxError(`end-of-string expected at position ${p.pos}`);
  return e;
}

class Parser {
  readonly s: string;
  pos = 0;
  constructor(s: string) {
    this.s = s;
  }
  more(): boolean {
    return this.pos < this.s.length;
  }
  peek(chars: string): boolean {
    return this.more() && chars.includes(String.fromCodePoint(this.s.codePointAt(this.pos)!));
  }
  match(c: string): boolean {
    if (this.more() && this.s.codePointAt(this.pos) === c.codePointAt(0)) {
      this.pos += c.length;
      return true;
    }
    return false;
  }
  next(): number {
    if (!this.more()) throw new LuceneSyntaxError('unexpected end-of-string');
    const c = this.s.codePointAt(this.pos)!;
    this.pos += c > 0xffff ? 2 : 1;
    return c;
  }

  union(depth: number): Node {
    const alts = [this.inter(depth)];
    while (this.match('|')) alts.push(this.inter(depth));
    return alts.length === 1 ? alts[0] : { t: 'union', alts };
  }

  inter(depth: number): Node {
    const parts = [this.concat(depth)];
    while (this.match('&')) parts.push(this.concat(depth));
    return parts.length === 1 ? parts[0] : { t: 'inter', parts };
  }

  concat(depth: number): Node {
    const parts = [this.repeat(depth)];
    while (this.more() && !this.peek(')|&')) parts.push(this.repeat(depth));
    return parts.length === 1 ? parts[0] : { t: 'concat', parts };
  }

  repeat(depth: number): Node {
    let e = this.compl(depth);
    while (this.peek('?*+{')) {
      if (this.match('?')) e = { t: 'repeat', e, min: 0, max: 1 };
      else if (this.match('*')) e = { t: 'repeat', e, min: 0, max: -1 };
      else if (this.match('+')) e = { t: 'repeat', e, min: 1, max: -1 };
      else {
        this.match('{');
        const n = this.integer();
        let m = n;
        if (this.match(',')) m = this.peek('0123456789') ? this.integer() : -1;
        if (!this.match('}')) throw new LuceneSyntaxError(`expected '}' at position ${this.pos}`);
        e = { t: 'repeat', e, min: n, max: m };
      }
    }
    return e;
  }

  integer(): number {
    const start = this.pos;
    while (this.peek('0123456789')) this.pos++;
    if (start === this.pos) throw new LuceneSyntaxError(`integer expected at position ${this.pos}`);
    const n = Number(this.s.slice(start, this.pos));
    if (n > 0x7fffffff) throw new LuceneSyntaxError(`For input string: "${this.s.slice(start, this.pos)}"`);
    return n;
  }

  compl(depth: number): Node {
    let count = 0;
    while (this.match('~')) count++;
    let e = this.charClass(depth);
    for (; count > 0; count--) e = { t: 'compl', e };
    return e;
  }

  charClass(depth: number): Node {
    if (!this.match('[')) return this.simple(depth);
    const negate = this.match('^');
    const ranges: Range[] = [...this.classItem()];
    while (this.more() && !this.peek(']')) ranges.push(...this.classItem());
    if (!this.match(']')) throw new LuceneSyntaxError(`expected ']' at position ${this.pos}`);
    return { t: 'class', ranges: negate ? complement(ranges) : normalize(ranges) };
  }

  classItem(): readonly Range[] {
    const pre = this.predefined();
    if (pre) return pre;
    const from = this.charExp();
    if (!this.match('-')) return [[from, from]];
    const to = this.charExp();
    if (from > to) throw new LuceneSyntaxError(`invalid range: from (${from}) cannot be > to (${to})`);
    return [[from, to]];
  }

  /** `\d \D \s \S \w \W`, or null (having consumed a `\` that escapes the next character). */
  predefined(): readonly Range[] | null {
    if (!this.match('\\')) return null;
    if (this.peek('dDsSwW')) {
      const c = String.fromCharCode(this.next());
      const base = PREDEFINED[c.toLowerCase()];
      return c === c.toLowerCase() ? base : complement(base);
    }
    if (this.match('\\')) return [[0x5c, 0x5c]];
    if (this.more() && /[a-zA-Z]/.test(this.s[this.pos])) throw new LuceneSyntaxError(`invalid character class \\${this.s[this.pos]}`);
    this.escaped = true;
    return null;
  }

  /** Set by `predefined` when it consumed a `\` that escapes the next character. */
  escaped = false;

  charExp(): number {
    if (this.escaped) this.escaped = false;
    else this.match('\\');
    return this.next();
  }

  simple(depth: number): Node {
    if (this.match('.')) return { t: 'any' };
    if (this.match('#')) return { t: 'none' };
    if (this.match('@')) return { t: 'anystring' };
    if (this.match('"')) {
      const start = this.pos;
      while (this.more() && !this.peek('"')) this.next();
      if (!this.match('"')) throw new LuceneSyntaxError(`expected '"' at position ${this.pos}`);
      return { t: 'string', s: this.s.slice(start, this.pos - 1) };
    }
    if (this.match('(')) {
      if (this.match(')')) return { t: 'string', s: '' };
      if (depth >= MAX_NESTING) throw new LuceneSyntaxError(`groups nested deeper than ${MAX_NESTING} at position ${this.pos}`);
      const e = this.union(depth + 1);
      if (!this.match(')')) throw new LuceneSyntaxError(`expected ')' at position ${this.pos}`);
      return e;
    }
    if (this.match('<')) return this.interval();
    const pre = this.predefined();
    if (pre) return { t: 'class', ranges: pre };
    return { t: 'string', s: String.fromCodePoint(this.charExp()) };
  }

  interval(): Node {
    const start = this.pos;
    while (this.more() && !this.peek('>')) this.next();
    if (!this.match('>')) throw new LuceneSyntaxError(`expected '>' at position ${this.pos}`);
    const body = this.s.slice(start, this.pos - 1);
    const m = /^(\d+)-(\d+)$/.exec(body);
    if (!body.includes('-')) throw new LuceneSyntaxError(`'${body}' not found`); // a named automaton: ES defines none
    if (!m || Number(m[1]) > 0x7fffffff || Number(m[2]) > 0x7fffffff) throw new LuceneSyntaxError(`interval syntax error at position ${this.pos - 1}`);
    const [a, b] = [Number(m[1]), Number(m[2])];
    return { t: 'interval', min: Math.min(a, b), max: Math.max(a, b), digits: m[1].length === m[2].length ? m[1].length : 0 };
  }
}

function normalize(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function complement(ranges: readonly Range[]): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [a, b] of normalize(ranges)) {
    if (a > next) out.push([next, a - 1]);
    next = b + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}
