import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { Secret } from '../../core/secret.ts';

/**
 * A new token string: 256 random bits in padded standard base64 (44 characters), the alphabet and length ES's
 * tokens have. Tokens issued before in unpadded URL-safe base64 stay valid: a token is looked up by the
 * hash of the string presented, whatever its alphabet, until it expires.
 */
export function newTokenString(): Secret {
  return new Secret(randomBytes(32).toString('base64'));
}

/** The stored form of a token string: its SHA-256 (hex). */
export function tokenHash(token: Secret): string {
  return createHash('sha256').update(token.reveal()).digest('hex');
}

function keyFrom(refreshToken: Secret): Buffer {
  return Buffer.from(hkdfSync('sha256', refreshToken.reveal(), 'portcullis-refresh', 'superseding-token-pair', 32));
}

/**
 * The pair a refresh produced, sealed with a key only the holder of the refresh token can derive
 * (AES-256-GCM), so a retry within the window gets the same pair back without storing it in clear.
 */
export function sealPair(refreshToken: Secret, pair: { access: Secret; refresh: Secret }): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(refreshToken), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify([pair.access.reveal(), pair.refresh.reveal()]), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function openPair(refreshToken: Secret, sealed: string): { access: Secret; refresh: Secret } | null {
  try {
    const raw = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(refreshToken), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    const [access, refresh] = JSON.parse(text) as [string, string];
    return { access: new Secret(access), refresh: new Secret(refresh) };
  } catch {
    return null;
  }
}
