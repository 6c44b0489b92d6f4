import { createHash, pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { constantTimeEqual, type Secret } from '../../core/secret.ts';
import { decodeJavaBase64, javaUtf8, parseJavaInt } from './java-text.ts';

/**
 * PBKDF2-HMAC-SHA512 in Elasticsearch's layout: `{PBKDF2}<iterations>$<base64 salt>$<base64 key>`.
 * ES writes a 32-byte random salt and a 32-byte (256-bit) key, both standard base64 with padding.
 * It reads any salt of at least 8 bytes, and derives the key length from the stored key text:
 * floor(chars * 3 / 64) * 16 bytes (a whole number of 16-byte units), compared as base64 text.
 *
 * `{PBKDF2_STRETCH}` is the same, except that the PBKDF2 password is the lower-case hex text of
 * SHA-512(UTF-8 password), 128 ASCII characters.
 *
 * node:crypto's async pbkdf2 runs in libuv's threadpool and never blocks the event loop.
 */

export const PBKDF2_PREFIX = '{PBKDF2}';
export const PBKDF2_STRETCH_PREFIX = '{PBKDF2_STRETCH}';

const SALT_BYTES = 32;
const KEY_BYTES = 32;
const MIN_SALT_BYTES = 8;
// Not in ES: a stored key longer than this (768 bytes, 12 SHA-512 blocks) is refused rather than computed.
const MAX_KEY_CHARS = 1024;

const pbkdf2Async = promisify(pbkdf2);
const randomBytesAsync = promisify(randomBytes);

export type Pbkdf2Variant = { readonly prefix: string; readonly stretch: boolean };
export const PLAIN: Pbkdf2Variant = { prefix: PBKDF2_PREFIX, stretch: false };
export const STRETCH: Pbkdf2Variant = { prefix: PBKDF2_STRETCH_PREFIX, stretch: true };

type StoredPbkdf2 = { readonly iterations: number; readonly salt: string; readonly key: string };

/** The bytes fed to PBKDF2 as its password. */
function keyMaterial(password: Secret, variant: Pbkdf2Variant): Buffer {
  const utf8 = javaUtf8(password.reveal());
  if (!variant.stretch) return utf8;
  return Buffer.from(createHash('sha512').update(utf8).digest('hex'), 'ascii');
}

/** The iteration count ES reads when it resolves a hash: the text between the prefix and the next `$`. */
export function declaredIterations(stored: string, prefix: string): number | null {
  if (!stored.startsWith(prefix)) return null;
  const end = stored.indexOf('$', prefix.length);
  return end === -1 ? null : parseJavaInt(stored.slice(prefix.length, end));
}

/** Splits at the first two `$` after the prefix; the key is everything after the second one. */
function parse(stored: string, prefix: string): StoredPbkdf2 | null {
  const iterations = declaredIterations(stored, prefix);
  if (iterations === null) return null;
  const first = stored.indexOf('$', prefix.length);
  const second = stored.indexOf('$', first + 1);
  if (second === -1) return null;
  return { iterations, salt: stored.slice(first + 1, second), key: stored.slice(second + 1) };
}

export async function hashPbkdf2(password: Secret, iterations: number, variant: Pbkdf2Variant): Promise<string> {
  const salt = await randomBytesAsync(SALT_BYTES);
  const key = await pbkdf2Async(keyMaterial(password, variant), salt, iterations, KEY_BYTES, 'sha512');
  return `${variant.prefix}${iterations}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Verifies a hash of this variant made with exactly `iterations` (what ES's per-cost hasher computes with). */
export async function verifyPbkdf2(
  password: Secret,
  stored: string,
  iterations: number,
  variant: Pbkdf2Variant,
): Promise<boolean> {
  const parts = parse(stored, variant.prefix);
  if (parts === null || parts.iterations !== iterations || parts.key.length > MAX_KEY_CHARS) return false;
  const keyBytes = Math.floor((parts.key.length * 3) / 64) * 16;
  const salt = decodeJavaBase64(parts.salt);
  if (keyBytes <= 0 || salt === null || salt.length < MIN_SALT_BYTES) return false;
  const key = await pbkdf2Async(keyMaterial(password, variant), salt, iterations, keyBytes, 'sha512');
  return constantTimeEqual(key.toString('base64'), parts.key);
}
