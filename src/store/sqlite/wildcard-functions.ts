import type { DatabaseSync } from 'node:sqlite';
import { compileWildcard, ES_WILDCARD, STAR_ONLY, type WildcardSyntax } from '../../lib/patterns/wildcard.ts';
import { BoundedMap } from '../../lib/bounded-map.ts';

/**
 * SQL functions for wildcard filters, in place of SQLite's GLOB: GLOB scans a floating segment naively
 * (|value| × |segment| per row: `*a?a?…b*` cost ~170 ms per 1,000 keys), while these run the gateway's
 * one-pass matcher. `es_wildcard(value, pattern)` is Lucene's wildcard query (`*`, `?`, `\` escapes);
 * `es_simple_match(value, pattern)` ES's `Regex.simpleMatch` (`*` only), for the API key name filter.
 */
export function registerWildcardFunctions(db: DatabaseSync): void {
  const define = (name: string, syntax: WildcardSyntax) => {
    const compiled = new BoundedMap<string, (s: string) => boolean>(256);
    db.function(name, { deterministic: true }, (value, pattern) => {
      if (value === null || value === undefined || typeof pattern !== 'string') return 0;
      let m = compiled.get(pattern);
      if (!m) compiled.set(pattern, (m = compileWildcard(pattern, syntax)));
      return m(typeof value === 'string' ? value : String(value)) ? 1 : 0;
    });
  };
  define('es_wildcard', ES_WILDCARD);
  define('es_simple_match', STAR_ONLY);
}
