import { compilePatterns, wildcardSubsetOf } from './patterns.ts';

/**
 * ES's restricted indices: its own system indices (the security index first), which only index privileges
 * with `allow_restricted_indices: true` reach. Used by `_has_privileges`; forward authorization gets the
 * flag from request resolution.
 */
export const RESTRICTED_INDEX_PATTERNS: readonly string[] = [
  '.security',
  '.security-*',
  '.async-search*',
  '.tasks*',
  '.fleet-*',
  '.ml-config*',
  '.ml-meta*',
  '.ml-inference-*',
  '.watches*',
  '.triggered_watches*',
  '.geoip_databases*',
  '.snapshot-blob-cache*',
  '.transform-internal-*',
  '.logstash*',
  '.enrich-*',
  '.synonyms*',
  '.query-rules*',
  '.kibana_*',
  '.reporting-*',
  '.apm-agent-configuration*',
  '.apm-custom-link*',
  '.apm-source-map*',
];

export const isRestrictedName = compilePatterns(RESTRICTED_INDEX_PATTERNS);

/** Whether a requested index pattern may name a restricted index. */
export function mayMatchRestricted(pattern: string): boolean {
  if (!pattern.includes('*') && !pattern.includes('?') && !pattern.startsWith('/')) return isRestrictedName(pattern);
  if (pattern.startsWith('/')) return true;
  return RESTRICTED_INDEX_PATTERNS.some((r) => overlap(pattern, r));
}

/** Two trailing-or-inner wildcard patterns overlap when their literal prefixes agree. */
function overlap(a: string, b: string): boolean {
  if (wildcardSubsetOf(a, b) || wildcardSubsetOf(b, a)) return true;
  const pa = a.split(/[*?]/)[0];
  const pb = b.split(/[*?]/)[0];
  return pa.startsWith(pb) || pb.startsWith(pa);
}
