import type { Clock } from '../../core/clock.ts';
import type { Credentials } from '../../core/request.ts';
import type { Secret } from '../../core/secret.ts';
import { makeUser } from '../../core/user.ts';
import type { Authentication } from '../../core/authentication.ts';
import type { ApiKeyRecord, SecurityStore } from '../../store/security-store.ts';
import { hashPassword, verifyPassword, type Verifier } from '../hashing/index.ts';
import { CredentialCache } from '../cache/credential-cache.ts';
import type { Authenticator, AuthenticatorResult } from '../chain.ts';
import type { ApiKeySettings } from './api-key-settings.ts';

export const API_KEY_REALM = { name: '_es_api_key', type: '_es_api_key' } as const;

interface CachedKey {
  readonly record: ApiKeyRecord;
  /** Checks a presented secret against its hash made with `cache.hash_algo` once it had been verified. */
  readonly check: Verifier;
  readonly authentication: Authentication;
}

/**
 * `Authorization: ApiKey base64(id:secret)`. A verified key is cached by id (bounded by `cache.max_keys`,
 * expiring after `cache.ttl`); only successes are cached, so random wrong keys cannot grow memory. Expiry
 * is checked on every request, and invalidation or update drops the id from the cache at once.
 */
export class ApiKeyAuthenticator implements Authenticator {
  readonly name = API_KEY_REALM.name;
  readonly label = 'API key';
  readonly #store: SecurityStore;
  readonly #clock: Clock;
  readonly #settings: ApiKeySettings;
  readonly #cache: CredentialCache<CachedKey>;
  #generation = 0;

  constructor(store: SecurityStore, settings: ApiKeySettings, clock: Clock) {
    this.#store = store;
    this.#settings = settings;
    this.#clock = clock;
    this.#cache = new CredentialCache({ ttlMs: settings.cacheTtlMs, maxSize: settings.cacheMaxKeys, clock });
  }

  supports(c: Credentials): boolean {
    return c.kind === 'api_key' && this.#settings.enabled;
  }

  async authenticate(c: Credentials): Promise<AuthenticatorResult> {
    if (c.kind !== 'api_key') return { status: 'continue' };
    if (c.invalid !== undefined) return { status: 'continue', message: c.invalid };
    const cached = this.#cache.get(c.id);
    if (cached && (await cached.check(c.key))) return this.#check(cached.record, cached.authentication);
    const generation = this.#generation;
    const record = await this.#store.getApiKey(c.id);
    if (!record) return { status: 'continue', message: `unable to find apikey with id ${c.id}` };
    if (!(await verifyPassword(c.key, record.hash))) return { status: 'continue', message: `invalid credentials for API key [${c.id}]` };
    const authentication = authenticationFor(record);
    const result = this.#check(record, authentication);
    if (result.status === 'success' && this.#cache.enabled) await this.#remember(c.key, record, authentication, generation);
    return result;
  }

  /** Drops cached keys: the ids given, or all. */
  invalidate(ids?: readonly string[]): void {
    this.#generation++;
    if (ids === undefined) this.#cache.clear();
    else for (const id of ids) this.#cache.delete(id);
  }

  get cacheSize(): number {
    return this.#cache.size;
  }

  #check(record: ApiKeyRecord, authentication: Authentication): AuthenticatorResult {
    if (record.invalidated) return { status: 'continue', message: `api key [${record.id}] has been invalidated` };
    if (record.expiration !== null && record.expiration <= this.#clock.now()) return { status: 'continue', message: 'api key is expired' };
    return { status: 'success', authentication };
  }

  async #remember(secret: Secret, record: ApiKeyRecord, authentication: Authentication, generation: number): Promise<void> {
    const secretHash = await hashPassword(secret, this.#settings.cacheHash);
    if (generation === this.#generation) this.#cache.set(record.id, { record, check: this.#settings.cacheHash.verifier(secretHash), authentication });
  }
}

/** The authentication an API key gives: its owner, no roles of their own, realm `_es_api_key`. */
export function authenticationFor(record: ApiKeyRecord): Authentication {
  const user = makeUser(record.username, { roles: [], fullName: record.creator.fullName, email: record.creator.email, metadata: record.creator.metadata });
  return {
    user,
    authenticatedBy: API_KEY_REALM,
    lookedUpBy: API_KEY_REALM,
    type: 'api_key',
    apiKey: { id: record.id, name: record.name, roleDescriptors: record.roleDescriptors, limitedBy: record.limitedBy },
    apiKeyOwner: { username: record.username, realm: record.realm, realmType: record.realmType },
  };
}
