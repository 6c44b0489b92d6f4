/**
 * Restricted indices (ES's `RestrictedIndices`): the security and other internal system indices that no
 * index privilege reaches unless it says `allow_restricted_indices: true` — not by wildcard, not by name.
 * OpenSearch's own security index is restricted too, so a gateway user can never read its configuration.
 */
const EXACT: ReadonlySet<string> = new Set(['.security', '.opendistro_security']);
const PREFIXES: readonly string[] = [
  '.security-',
  '.security-tokens',
  '.security-profile',
  '.async-search',
  '.fleet-secrets',
  '.plugins-security',
];

export function isRestrictedIndex(name: string): boolean {
  if (name.charCodeAt(0) !== 0x2e /* . */) return false;
  if (EXACT.has(name)) return true;
  for (const p of PREFIXES) if (name.startsWith(p)) return true;
  return false;
}
