import type { HashAlgorithm } from './algorithm.ts';
import { declaredBcryptCost, hasBcryptPrefix } from './bcrypt.ts';
import { declaredIterations, PBKDF2_PREFIX, PBKDF2_STRETCH_PREFIX } from './pbkdf2.ts';
import {
  BCRYPT_BY_COST,
  MD5_ALGORITHM,
  PBKDF2_BY_ITERATIONS,
  PBKDF2_STRETCH_BY_ITERATIONS,
  SHA1_ALGORITHM,
  SSHA256,
} from './registry.ts';
import { SSHA256_PREFIX } from './ssha256.ts';
import { MD5_PREFIX, SHA1_PREFIX } from './unsalted.ts';

const FIXED_PREFIXES: readonly (readonly [string, HashAlgorithm])[] = [
  [SHA1_PREFIX, SHA1_ALGORITHM],
  [MD5_PREFIX, MD5_ALGORITHM],
  [SSHA256_PREFIX, SSHA256],
];

function withCost(table: ReadonlyMap<number, HashAlgorithm>, cost: number | null): HashAlgorithm | null {
  return cost === null ? null : (table.get(cost) ?? null);
}

/**
 * The algorithm a stored hash was made with, read from its prefix and declared cost, as ES's
 * `Hasher.resolveFromHash` does (it only looks that far: the rest is checked when verifying).
 * Null where ES would answer NOOP (no known prefix) or throw (a cost it has no hasher for, or unreadable).
 */
export function resolveFromHash(storedHash: string): HashAlgorithm | null {
  if (typeof storedHash !== 'string') return null;
  if (hasBcryptPrefix(storedHash)) return withCost(BCRYPT_BY_COST, declaredBcryptCost(storedHash));
  if (storedHash.startsWith(PBKDF2_STRETCH_PREFIX)) {
    return withCost(PBKDF2_STRETCH_BY_ITERATIONS, declaredIterations(storedHash, PBKDF2_STRETCH_PREFIX));
  }
  if (storedHash.startsWith(PBKDF2_PREFIX)) {
    return withCost(PBKDF2_BY_ITERATIONS, declaredIterations(storedHash, PBKDF2_PREFIX));
  }
  const fixed = FIXED_PREFIXES.find(([prefix]) => storedHash.startsWith(prefix));
  return fixed === undefined ? null : fixed[1];
}
