/**
 * The building blocks of a compiled pattern set (patterns.ts): prefix look-ups and RE2 programs grouped by
 * the literal their strings start with. A name is only run through the programs whose literal it starts
 * with (plus one program for the regexes without a literal prefix), and each program is compiled on first
 * use: a role with a hundred `/events-<n>-[0-9]+/` patterns costs a trie walk for most names.
 */
import type { RE2JS } from 're2js';
import { compileRe2 } from '../../lib/patterns/lucene-re2.ts';

export type Predicate = (s: string) => boolean;

/** Up to this many prefixes are tested one by one; more are looked up by length. */
const MAX_SEPARATE_PREFIXES = 8;

/** An RE2 source with the literal every string it matches starts with ('' when none). */
export interface Re2Source {
  readonly src: string;
  readonly prefix: string;
}

/** Whether a string starts with one of the prefixes ('' is a prefix of everything). */
export function prefixPredicate(prefixes: readonly string[]): Predicate {
  if (prefixes.includes('')) return () => true;
  if (prefixes.length === 1) {
    const [only] = prefixes;
    return (s) => s.startsWith(only);
  }
  if (prefixes.length <= MAX_SEPARATE_PREFIXES) return (s) => prefixes.some((p) => s.startsWith(p));
  const byPrefix = trieOf(prefixes.map((p) => [p, true] as const));
  return (s) => matchingPrefixes(byPrefix, s, () => true);
}

/** One predicate for many RE2 sources: grouped by literal prefix, each group one lazily compiled program. */
export function re2Set(sources: readonly Re2Source[]): Predicate {
  const groups = new Map<string, string[]>();
  for (const { src, prefix } of sources) {
    let g = groups.get(prefix);
    if (!g) groups.set(prefix, (g = []));
    g.push(src);
  }
  const general = groups.has('') ? lazyProgram(groups.get('')!) : null;
  groups.delete('');
  if (groups.size === 0) return general ?? (() => false);
  const byPrefix = trieOf([...groups].map(([prefix, srcs]) => [prefix, lazyProgram(srcs)] as const));
  return (s) => matchingPrefixes(byPrefix, s, (p) => p(s)) || (general !== null && general(s));
}

/** A character trie of prefixes: a look-up walks the string once, without slicing it. */
interface Trie<V> {
  readonly next: Map<number, Trie<V>>;
  value: V | undefined;
}

function trieOf<V>(entries: readonly (readonly [string, V])[]): Trie<V> {
  const root: Trie<V> = { next: new Map(), value: undefined };
  for (const [k, v] of entries) {
    let node = root;
    for (let i = 0; i < k.length; i++) {
      const c = k.charCodeAt(i);
      let child = node.next.get(c);
      if (!child) node.next.set(c, (child = { next: new Map(), value: undefined }));
      node = child;
    }
    node.value = v;
  }
  return root;
}

/** Whether `test` holds for the value of one of the keys `s` starts with (shortest first). */
function matchingPrefixes<V>(root: Trie<V>, s: string, test: (v: V) => boolean): boolean {
  let node: Trie<V> | undefined = root;
  for (let i = 0; ; i++) {
    if (node.value !== undefined && test(node.value)) return true;
    if (i === s.length) return false;
    node = node.next.get(s.charCodeAt(i));
    if (node === undefined) return false;
  }
}

/** An RE2 program compiled on first use; a source RE2 rejects (never expected: they are generated) is dropped alone. */
function lazyProgram(sources: readonly string[]): Predicate {
  let programs: readonly RE2JS[] | null = null;
  return (s) => {
    programs ??= compileAll(sources);
    for (const re of programs) if (re.test(s)) return true;
    return false;
  };
}

function compileAll(sources: readonly string[]): RE2JS[] {
  try {
    return [compileRe2(sources)];
  } catch {
    return sources.flatMap((src) => {
      try {
        return [compileRe2([src])];
      } catch {
        return [];
      }
    });
  }
}
