import { randomBytes } from 'node:crypto';
import { Secret } from '../../core/secret.ts';

/** A key id: 20 URL-safe base64 characters (120 random bits), the length ES's ids have. */
export function newApiKeyId(): string {
  return randomBytes(15).toString('base64url');
}

/** A key secret: 128 random bits as 22 URL-safe base64 characters, as ES generates them. */
export function newApiKeySecret(): Secret {
  return new Secret(randomBytes(16).toString('base64url'));
}

/** The `encoded` value clients send after `ApiKey `: base64 of `id:secret`. */
export function encodeApiKey(id: string, secret: Secret): Secret {
  return new Secret(Buffer.from(`${id}:${secret.reveal()}`, 'utf8').toString('base64'));
}
