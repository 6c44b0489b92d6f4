import { createHash, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { constantTimeEqual, type Secret } from '../../core/secret.ts';
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

function digest(password: Secret, salt: Buffer): string {
  return createHash('sha256').update(javaUtf8(password.reveal())).update(salt).digest('base64');
}

export async function hashSsha256(password: Secret): Promise<string> {
  const salt = await randomBytesAsync(SALT_BYTES);
  return SSHA256_PREFIX + salt.toString('base64') + digest(password, salt);
}

export async function verifySsha256(password: Secret, stored: string): Promise<boolean> {
  if (!stored.startsWith(SSHA256_PREFIX)) return false;
  const body = stored.slice(SSHA256_PREFIX.length);
  const salt = body.length >= SALT_CHARS ? decodeJavaBase64(body.slice(0, SALT_CHARS)) : null;
  if (salt === null) return false;
  return constantTimeEqual(digest(password, salt), body.slice(SALT_CHARS));
}
