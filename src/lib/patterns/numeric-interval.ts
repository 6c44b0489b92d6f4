/**
 * Lucene's decimal interval `<min-max>` as a regular expression (RE2 syntax), as `Automata.makeDecimalInterval`
 * defines it: with `digits` > 0 the strings have exactly that many digits (zero-padded); with 0, any number
 * of leading zeros is allowed. The expression has O(digits²) alternatives.
 */
export function intervalSource(min: number, max: number, digits: number): string {
  if (digits > 0) {
    const width = Math.max(digits, String(max).length);
    return `(?:${rangeOfWidth(String(min).padStart(width, '0'), String(max).padStart(width, '0'))})`;
  }
  const alts: string[] = [];
  for (let len = String(min).length; len <= String(max).length; len++) {
    const lo = Math.max(min, len === 1 ? 0 : 10 ** (len - 1));
    const hi = Math.min(max, 10 ** len - 1);
    if (lo <= hi) alts.push(rangeOfWidth(String(lo), String(hi)));
  }
  return `0*(?:${alts.join('|')})`;
}

/** Digit strings of a's length between a and b (same length, a ≤ b), as alternatives. */
function rangeOfWidth(a: string, b: string): string {
  if (a.length === 0) return '';
  if (a === b) return a;
  const rest = a.length - 1;
  const all = (n: number) => (n === 0 ? '' : n === 1 ? '[0-9]' : `[0-9]{${n}}`);
  const span = (x: number, y: number) => (x === y ? String(x) : `[${x}-${y}]`);
  const [a0, b0] = [Number(a[0]), Number(b[0])];
  const aTail = a.slice(1);
  const bTail = b.slice(1);
  if (a0 === b0) return `${a0}(?:${rangeOfWidth(aTail, bTail)})`;
  const zeros = /^0*$/.test(aTail);
  const nines = /^9*$/.test(bTail);
  const alts: string[] = [];
  const from = zeros ? a0 : a0 + 1;
  const to = nines ? b0 : b0 - 1;
  if (!zeros) alts.push(`${a0}(?:${rangeOfWidth(aTail, '9'.repeat(rest))})`);
  if (from <= to) alts.push(span(from, to) + all(rest));
  if (!nines) alts.push(`${b0}(?:${rangeOfWidth('0'.repeat(rest), bTail)})`);
  return alts.join('|');
}
