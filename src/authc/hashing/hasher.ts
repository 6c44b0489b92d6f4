import type { Secret } from '../../core/secret.ts';
import type { HashAlgorithm } from './algorithm.ts';
import { resolveFromHash } from './resolve.ts';

/** Hashes a password in the algorithm's stored format (the format ES itself writes). */
export function hashPassword(password: Secret, algorithm: HashAlgorithm): Promise<string> {
  return algorithm.hash(password);
}

/**
 * Verifies a password against a stored hash, the algorithm read from the hash's prefix (ES's `Hasher.verifyHash`).
 * Unlike ES, a value with no known prefix is never compared as clear text: it is `false`.
 * Never throws; malformed hashes are `false`.
 */
export async function verifyPassword(password: Secret, storedHash: string): Promise<boolean> {
  const algorithm = resolveFromHash(storedHash);
  return algorithm === null ? false : algorithm.verify(password, storedHash);
}
