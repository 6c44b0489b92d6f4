/**
 * The suggestion Elasticsearch's object parsers append to "unknown field" errors: the known fields whose
 * Levenshtein similarity (1 − distance / longer length, as Lucene computes it) to the unknown one is over
 * 0.5, most similar first, then by name: ` did you mean [x]?` or ` did you mean any of [x, y]?`.
 */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

export function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - distance(a, b) / longest;
}

export function didYouMean(unknown: string, candidates: readonly string[]): string {
  const scored = candidates.map((c) => ({ c, s: similarity(unknown, c) })).filter((x) => x.s > 0.5);
  if (scored.length === 0) return '';
  scored.sort((x, y) => y.s - x.s || (x.c < y.c ? -1 : 1));
  return scored.length === 1 ? ` did you mean [${scored[0].c}]?` : ` did you mean any of [${scored.map((x) => x.c).join(', ')}]?`;
}
