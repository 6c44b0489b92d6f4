import type { ProfileRecord } from '../../store/security-store.ts';
import { analyze } from '../../store/query.ts';

/** What `_suggest` asks: a name to match, and hints that rank (never filter) profiles. */
export interface SuggestRequest {
  readonly name: string;
  readonly size: number;
  readonly dataKeys: readonly string[];
  readonly hint?: { readonly uids?: readonly string[]; readonly label?: { readonly key: string; readonly values: readonly string[] } };
}

/**
 * ES's suggestion query, on enabled profiles: a `bool_prefix` multi-match of the name over username,
 * full name and email (each word exact or within ES's AUTO fuzziness, the last one also as a prefix), plus
 * hinted uids and labels as optional clauses that raise the score. Ordered by score, then most recently
 * synchronized.
 */
export function suggest(profiles: readonly ProfileRecord[], r: SuggestRequest): { total: number; hits: ProfileRecord[] } {
  const words = analyze(r.name);
  const scored = profiles
    .map((p) => ({ p, name: nameScore(p, words) }))
    .filter((x) => words.length === 0 || x.name > 0)
    .map(({ p, name }) => ({ p, score: name + hintScore(p, r.hint) }))
    .sort((a, b) => b.score - a.score || b.p.lastSynchronized - a.p.lastSynchronized);
  return { total: scored.length, hits: scored.slice(0, r.size).map((x) => x.p) };
}

function nameScore(p: ProfileRecord, words: readonly string[]): number {
  if (words.length === 0) return 0;
  const u = p.user;
  const terms = [u.username.toLowerCase(), ...analyze(u.username), ...analyze(u.fullName ?? ''), ...analyze(u.email ?? '')];
  let score = 0;
  words.forEach((w, i) => {
    const last = i === words.length - 1;
    let best = 0;
    for (const t of terms) {
      if (t === w) best = Math.max(best, 2);
      else if (last && t.startsWith(w)) best = Math.max(best, 1.5);
      else if (withinAutoFuzziness(w, t)) best = Math.max(best, 1);
    }
    score += best;
  });
  return score;
}

function hintScore(p: ProfileRecord, hint: SuggestRequest['hint']): number {
  if (!hint) return 0;
  let score = 0;
  if (hint.uids?.includes(p.uid)) score += 1;
  if (hint.label && leaves(p.labels[hint.label.key]).some((v) => hint.label!.values.includes(v))) score += 1;
  return score;
}

/** The leaf values of a flattened label, as strings. */
function leaves(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v.flatMap(leaves);
  if (typeof v === 'object') return Object.values(v).flatMap(leaves);
  return [String(v)];
}

/** ES's `fuzziness: AUTO`: no edit for words of 1–2 characters, one for 3–5, two beyond. */
function withinAutoFuzziness(word: string, term: string): boolean {
  const allowed = word.length <= 2 ? 0 : word.length <= 5 ? 1 : 2;
  if (allowed === 0 || Math.abs(word.length - term.length) > allowed) return false;
  return editDistance(word, term, allowed) <= allowed;
}

/** Damerau–Levenshtein (optimal string alignment) distance, as Lucene's fuzzy query counts transpositions. */
function editDistance(a: string, b: string, max: number): number {
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}
