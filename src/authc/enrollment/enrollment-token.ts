import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { Secret } from '../../core/secret.ts';
import type { Clock } from '../../core/clock.ts';
import type { SecurityStore } from '../../store/security-store.ts';
import { hashPassword, type HashAlgorithm } from '../hashing/index.ts';
import { newApiKeyId, newApiKeySecret } from '../api-keys/key-material.ts';

/**
 * Enrollment tokens as Elasticsearch 8 makes them: base64 (URL alphabet, padded) of the JSON
 * `{"ver","adr","fgr","key"}` — the version, the HTTP addresses to reach, the HTTP CA's SHA-256 fingerprint
 * and `id:secret` of an API key that expires after 30 minutes and may only call the enroll API of its scope.
 */
export const ENROLL_ACTIONS = {
  kibana: 'cluster:admin/xpack/security/enroll/kibana',
  node: 'cluster:admin/xpack/security/enroll/node',
} as const;
export type EnrollmentScope = keyof typeof ENROLL_ACTIONS;

export const ENROLLMENT_KEY_LIFETIME_MS = 30 * 60 * 1000;

export interface EnrollmentToken {
  readonly version: string;
  readonly addresses: readonly string[];
  readonly fingerprint: string;
  /** `id:secret` of the API key. */
  readonly apiKey: Secret;
}

export function encodeEnrollmentToken(t: EnrollmentToken): Secret {
  const json = JSON.stringify({ ver: t.version, adr: t.addresses, fgr: t.fingerprint, key: t.apiKey.reveal() });
  return new Secret(Buffer.from(json, 'utf8').toString('base64').replaceAll('+', '-').replaceAll('/', '_'));
}

/** The inverse of `encodeEnrollmentToken`; null for anything that is not one. */
export function decodeEnrollmentToken(encoded: string): EnrollmentToken | null {
  try {
    const v = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Record<string, unknown>;
    const { ver, adr, fgr, key } = v;
    if (typeof ver !== 'string' || typeof fgr !== 'string' || typeof key !== 'string') return null;
    if (!Array.isArray(adr) || !adr.every((a) => typeof a === 'string')) return null;
    return { version: ver, addresses: adr, fingerprint: fgr, apiKey: new Secret(key) };
  } catch {
    return null;
  }
}

/** The enrollment API key's owner: Elasticsearch's internal `_xpack_security` user, as for keys its node makes. */
const OWNER = { username: '_xpack_security', realm: '__attach', realmType: '__attach' } as const;
const OWNER_ROLE = { _xpack_security: { cluster: ['all'], indices: [{ names: ['*'], privileges: ['all'], allow_restricted_indices: true }] } };

/** Stores the API key an enrollment token carries and returns `id:secret`. */
export async function createEnrollmentApiKey(store: SecurityStore, hashing: HashAlgorithm, clock: Clock, scope: EnrollmentScope): Promise<Secret> {
  const id = newApiKeyId();
  const secret = newApiKeySecret();
  const now = clock.now();
  await store.createApiKey({
    id,
    name: `enrollment_token_API_key_${randomBytes(15).toString('base64url')}`,
    type: 'rest',
    hash: await hashPassword(secret, hashing),
    creation: now,
    expiration: now + ENROLLMENT_KEY_LIFETIME_MS,
    invalidated: false,
    invalidation: null,
    ...OWNER,
    metadata: {},
    roleDescriptors: { create_enrollment_token: { cluster: [ENROLL_ACTIONS[scope]] } },
    limitedBy: OWNER_ROLE,
    creator: { fullName: null, email: null, metadata: {} },
    version: 1,
  });
  return new Secret(`${id}:${secret.reveal()}`);
}

function hostPort(host: string, port: number): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

const WILDCARDS: ReadonlySet<string> = new Set(['0.0.0.0', '::', '']);

/**
 * The addresses a token names, as Elasticsearch filters its bound ones: wildcards dropped, loopback only
 * when nothing else is left, IPv4 before IPv6, no duplicates. A wildcard listen address stands for every
 * interface's address.
 */
export function tokenAddresses(listenHost: string, port: number, interfaces = networkInterfaces()): string[] {
  const hosts = WILDCARDS.has(listenHost)
    ? Object.values(interfaces).flatMap((list) => (list ?? []).map((i) => i.address.replace(/%.*$/, '')))
    : [listenHost.replace(/^\[|\]$/g, '')];
  const outside = hosts.filter((h) => !isLoopback(h) && !WILDCARDS.has(h) && !/^fe80:/i.test(h));
  const chosen = outside.length > 0 ? outside : hosts.filter(isLoopback);
  const v4First = [...chosen].sort((a, b) => Number(isIP(a) === 6) - Number(isIP(b) === 6));
  return [...new Set(v4First.map((h) => hostPort(h, port)))];
}
