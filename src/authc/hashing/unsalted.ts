import { createHash } from 'node:crypto';
import { constantTimeEqual, type Secret } from '../../core/secret.ts';
import { javaUtf8 } from './java-text.ts';

/**
 * Elasticsearch's cache-only formats, kept because ES still resolves and verifies them:
 * `{SHA}` + base64(SHA-1(UTF-8 password)), `{MD5}` + base64(MD5(UTF-8 password)),
 * and `noop` (alias `clear_text`), which stores the password itself.
 * None of them may be used for stored passwords.
 */

export const SHA1_PREFIX = '{SHA}';
export const MD5_PREFIX = '{MD5}';

export type UnsaltedDigest = { readonly prefix: string; readonly algorithm: 'sha1' | 'md5' };
export const SHA1: UnsaltedDigest = { prefix: SHA1_PREFIX, algorithm: 'sha1' };
export const MD5: UnsaltedDigest = { prefix: MD5_PREFIX, algorithm: 'md5' };

function digest(password: Secret, kind: UnsaltedDigest): string {
  return createHash(kind.algorithm).update(javaUtf8(password.reveal())).digest('base64');
}

export async function hashUnsalted(password: Secret, kind: UnsaltedDigest): Promise<string> {
  return kind.prefix + digest(password, kind);
}

/** The synchronous check of passwords against one stored value (what a realm cache keeps). */
export function unsaltedVerifier(stored: string, kind: UnsaltedDigest): (password: Secret) => boolean {
  if (!stored.startsWith(kind.prefix)) return () => false;
  const expected = stored.slice(kind.prefix.length);
  return (password) => constantTimeEqual(digest(password, kind), expected);
}

export async function verifyUnsalted(password: Secret, stored: string, kind: UnsaltedDigest): Promise<boolean> {
  return unsaltedVerifier(stored, kind)(password);
}

/** `noop`: the "hash" is the password, compared in constant time. */
export async function hashNoop(password: Secret): Promise<string> {
  return password.reveal();
}

export function noopVerifier(stored: string): (password: Secret) => boolean {
  return (password) => constantTimeEqual(password.reveal(), stored);
}

export async function verifyNoop(password: Secret, stored: string): Promise<boolean> {
  return noopVerifier(stored)(password);
}
