import type { Clock } from '../../core/clock.ts';
import type { Secret } from '../../core/secret.ts';
import type { User } from '../../core/user.ts';
import { hashPassword, type HashAlgorithm } from '../hashing/index.ts';
import { success, unsuccessful, type AuthenticationResult } from '../realm.ts';
import { CredentialCache } from './credential-cache.ts';

interface Cached {
  readonly user: User;
  /** The password as hashed with `cache.hash_algo` (never the clear value). */
  readonly hash: string;
}

export interface CacheSettings {
  readonly ttlMs: number;
  readonly maxUsers: number;
  readonly hashAlgo: HashAlgorithm;
}

/**
 * ES's CachingUsernamePasswordRealm behaviour around a realm's slow verification:
 * only successes are cached; a cached entry is used only if the presented password matches its hash;
 * concurrent first attempts for one user share one verification; invalidation drops a user alone,
 * and a verification that was in flight when the invalidation happened is not cached.
 */
export class CachingAuthenticator {
  readonly #cache: CredentialCache<Cached>;
  readonly #inFlight = new Map<string, { readonly attempt: Promise<AuthenticationResult>; readonly password: Secret }>();
  readonly #hashAlgo: HashAlgorithm;
  readonly #verify: (username: string, password: Secret) => Promise<AuthenticationResult>;
  #generation = 0;

  constructor(settings: CacheSettings, clock: Clock, verify: (username: string, password: Secret) => Promise<AuthenticationResult>) {
    this.#cache = new CredentialCache({ ttlMs: settings.ttlMs, maxSize: settings.maxUsers, clock });
    this.#hashAlgo = settings.hashAlgo;
    this.#verify = verify;
  }

  async authenticate(username: string, password: Secret): Promise<AuthenticationResult> {
    const hit = await this.#fromCache(username, password);
    if (hit) return hit;
    const pending = this.#inFlight.get(username);
    if (pending) {
      const result = await pending.attempt.catch(() => undefined);
      // The same credentials share the one answer, success or failure; others verify on their own.
      if (result && result.status !== 'success' && password.equals(pending.password)) return result;
      const shared = await this.#fromCache(username, password);
      if (shared) return shared;
    }
    const entry = { attempt: this.#verifyAndCache(username, password), password };
    this.#inFlight.set(username, entry);
    try {
      return await entry.attempt;
    } finally {
      if (this.#inFlight.get(username) === entry) this.#inFlight.delete(username);
    }
  }

  invalidate(usernames?: readonly string[]): void {
    this.#generation++;
    if (usernames === undefined) this.#cache.clear();
    else for (const u of usernames) this.#cache.delete(u);
  }

  get size(): number {
    return this.#cache.size;
  }

  async #fromCache(username: string, password: Secret): Promise<AuthenticationResult | null> {
    const entry = this.#cache.get(username);
    if (!entry) return null;
    if (await this.#hashAlgo.verify(password, entry.hash)) return entry.user.enabled ? success(entry.user) : unsuccessful(`user [${username}] is disabled`);
    return null;
  }

  async #verifyAndCache(username: string, password: Secret): Promise<AuthenticationResult> {
    const generation = this.#generation;
    const result = await this.#verify(username, password);
    if (result.status === 'success' && this.#cache.enabled) {
      const hash = await hashPassword(password, this.#hashAlgo);
      if (generation === this.#generation) this.#cache.set(username, { user: result.user, hash });
    }
    return result;
  }
}
