import { randomBytes } from 'node:crypto';
import { Secret } from '../../core/secret.ts';

/** ES's service token: base64 of the bytes 00 01 00 01 then `namespace/service/name:secret`. */
const MAGIC = Buffer.from([0, 1, 0, 1]);

export interface ServiceTokenParts {
  readonly account: string;
  readonly name: string;
  readonly secret: Secret;
}

export function encodeServiceToken(account: string, name: string, secret: Secret): Secret {
  return new Secret(Buffer.concat([MAGIC, Buffer.from(`${account}/${name}:${secret.reveal()}`, 'utf8')]).toString('base64'));
}

/** The parts of a bearer value if it is a service token, else null. */
export function decodeServiceToken(value: Secret): ServiceTokenParts | null {
  const raw = Buffer.from(value.reveal(), 'base64');
  if (raw.length <= MAGIC.length || !raw.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const text = raw.subarray(MAGIC.length).toString('utf8');
  const colon = text.indexOf(':');
  const m = /^([^/]+\/[^/]+)\/([^/:]+)$/.exec(colon < 0 ? '' : text.slice(0, colon));
  if (!m) return null;
  return { account: m[1], name: m[2], secret: new Secret(text.slice(colon + 1)) };
}

/** A new token secret: 128 random bits as 22 URL-safe base64 characters, as ES generates them. */
export function newServiceTokenSecret(): Secret {
  return new Secret(randomBytes(16).toString('base64url'));
}

/** ES's rule for token names. */
export function validTokenName(name: string): boolean {
  return /^[a-zA-Z0-9-][a-zA-Z0-9_-]{0,255}$/.test(name);
}

export const INVALID_TOKEN_NAME = (name: string) =>
  `invalid service token name [${name}]. service account token name must have at least 1 character and at most 256 characters that are alphanumeric (A-Z, a-z, 0-9) or hyphen (-) or underscore (_). It must not begin with an underscore (_).`;
