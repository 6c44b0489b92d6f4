import { createRequire } from 'node:module';
import { constantTimeEqual, type Secret } from '../../core/secret.ts';
import { javaUtf8, parseJavaInt } from './java-text.ts';

/**
 * bcrypt as Elasticsearch's (jBCrypt-derived) `BCrypt` class does it:
 * - writes `$2a$NN$` + 22 salt chars + 31 hash chars (bcrypt's own base64 alphabet);
 * - reads the minor versions `a`, `b` and `y` alike: the key is the UTF-8 password plus a NUL, of which the
 *   first 72 bytes count, whatever the minor letter. That is exactly native bcrypt's `$2b$` rule, so all
 *   computing is done as `$2b$` and the stored minor letter is put back before comparing.
 * (Native `$2a$` would differ for passwords of 255 bytes or more, where OpenBSD's old length wraps.)
 * The native module runs in libuv's threadpool and never blocks the event loop.
 */

type NativeBcrypt = {
  genSalt(rounds: number, minor: 'a' | 'b'): Promise<string>;
  hash(data: Buffer, salt: string): Promise<string>;
};
const native = createRequire(import.meta.url)('bcrypt') as NativeBcrypt;

// `$2` minor `$` two-digit cost `$` 22 salt chars and 31 hash chars, in bcrypt's alphabet.
const BCRYPT_FORMAT = /^\$2([aby])\$(\d\d)\$([./A-Za-z0-9]{22})[./A-Za-z0-9]{31}$/;
const MIN_ROUNDS = 4;
const MAX_ROUNDS = 30; // jBCrypt's limit; ES only resolves 4..14 from a stored hash

/** ES's prefix test: `$2` + one of a, b, y + `$`. */
export function hasBcryptPrefix(stored: string): boolean {
  return /^\$2[aby]\$/.test(stored);
}

/**
 * The cost ES reads when it resolves a hash: whatever lies between the 4-character prefix and the last 54
 * characters (`$` + 53 salt-and-hash chars), parsed as an int. Null where ES would throw.
 */
export function declaredBcryptCost(stored: string): number | null {
  if (!hasBcryptPrefix(stored) || stored.length < 4 + 54) return null;
  return parseJavaInt(stored.slice(4, stored.length - 54));
}

export async function hashBcrypt(password: Secret, cost: number): Promise<string> {
  const salt = await native.genSalt(cost, 'b');
  const hashed = await native.hash(javaUtf8(password.reveal()), salt);
  return '$2a$' + hashed.slice('$2b$'.length);
}

export async function verifyBcrypt(password: Secret, stored: string): Promise<boolean> {
  const match = BCRYPT_FORMAT.exec(stored);
  if (match === null) return false;
  const [, minor, cost, salt] = match;
  if (Number(cost) < MIN_ROUNDS || Number(cost) > MAX_ROUNDS) return false;
  const computed = await native.hash(javaUtf8(password.reveal()), `$2b$${cost}$${salt}`);
  return constantTimeEqual(`$2${minor}$` + computed.slice('$2b$'.length), stored);
}
