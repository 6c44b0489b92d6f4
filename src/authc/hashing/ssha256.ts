import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Secret } from '../../core/secret.ts';
import { decodeJavaBase64, javaUtf8 } from './java-text.ts';

/**
 * Elasticsearch's salted SHA-256: `{SSHA256}` + base64(8-byte salt) (12 chars, padded) + base64(SHA-256(UTF-8 password ‖ salt)).
 * Unlike LDAP's {SSHA256}, the salt comes first and is encoded on its own.
 * ES reads the salt as the first 12 characters after the prefix, whatever bytes they decode to.
 */

export const SSHA256_PREFIX = '{SSHA256}';
const SALT_BYTES = 8;
const SALT_CHARS = 12;

const randomBytesAsync = promisify(randomBytes);

function digestBase64(password: Secret, salt: Buffer): string {
  return hash('sha256', Buffer.concat([javaUtf8(password.reveal()), salt]), 'base64');
}

/**
 * The digest as bytes, for a constant-time compare. Asking Node's one-shot `hash` for base64 and decoding
 * that is measurably cheaper than asking it for a Buffer (about 0.6 µs against 1.4 µs on Node 24 here).
 */
function digestBytes(password: Secret, salt: Buffer): Buffer {
  return Buffer.from(digestBase64(password, salt), 'base64');
}

export async function hashSsha256(password: Secret): Promise<string> {
  const salt = await randomBytesAsync(SALT_BYTES);
  return SSHA256_PREFIX + salt.toString('base64') + digestBase64(password, salt);
}

/**
 * Reads a stored value once (salt and digest decoded) and returns the synchronous check of a password
 * against it: the cached-credential hot path, one SHA-256 and a constant-time compare of two 32-byte
 * digests (the length of a digest is public, so comparing bytes directly leaks nothing). A malformed
 * value gives a check that is always false.
 */
export function ssha256Verifier(stored: string): (password: Secret) => boolean {
  if (!stored.startsWith(SSHA256_PREFIX)) return never;
  const body = stored.slice(SSHA256_PREFIX.length);
  const salt = body.length >= SALT_CHARS ? decodeJavaBase64(body.slice(0, SALT_CHARS)) : null;
  // ES compares the encoded digests, so only the canonical (padded, 44-character) encoding can match.
  const encoded = body.slice(SALT_CHARS);
  const expected = encoded.length === 44 ? decodeJavaBase64(encoded) : null;
  if (salt === null || expected === null || expected.length !== 32 || expected.toString('base64') !== encoded) return never;
  return (password) => timingSafeEqual(expected, digestBytes(password, salt));
}

export async function verifySsha256(password: Secret, stored: string): Promise<boolean> {
  return ssha256Verifier(stored)(password);
}

const never = (): boolean => false;
