import type { Clock } from '../../core/clock.ts';
import type { Secret } from '../../core/secret.ts';
import type { User } from '../../core/user.ts';
import { hashPassword, type HashAlgorithm, type Verifier } from '../hashing/index.ts';
import { success, unsuccessful, type AuthenticationResult } from '../realm.ts';
import { CredentialCache } from './credential-cache.ts';

interface Cached {
  /** The answer for the user, made once. */
  readonly result: AuthenticationResult;
  /** Checks a presented password against its hash made with `cache.hash_algo` (never the clear value, unless `noop`). */
  readonly check: Verifier;
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

  /** A cache hit with a synchronous `cache.hash_algo` (the default ssha256) answers without waiting on anything. */
  authenticate(username: string, password: Secret): Promise<AuthenticationResult> {
    const hit = this.#fromCache(username, password);
    if (hit === null) return this.#miss(username, password);
    if (hit instanceof Promise) return hit.then((r) => r ?? this.#miss(username, password));
    return Promise.resolve(hit);
  }

  async #miss(username: string, password: Secret): Promise<AuthenticationResult> {
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

  #fromCache(username: string, password: Secret): AuthenticationResult | null | Promise<AuthenticationResult | null> {
    const entry = this.#cache.get(username);
    if (!entry) return null;
    const ok = entry.check(password);
    if (typeof ok === 'boolean') return ok ? entry.result : null;
    return ok.then((v) => (v ? entry.result : null));
  }

  async #verifyAndCache(username: string, password: Secret): Promise<AuthenticationResult> {
    const generation = this.#generation;
    const result = await this.#verify(username, password);
    if (result.status === 'success' && this.#cache.enabled) {
      const hash = await hashPassword(password, this.#hashAlgo);
      const user = result.user;
      const answer = user.enabled ? success(user) : unsuccessful(`user [${username}] is disabled`);
      if (generation === this.#generation) this.#cache.set(username, { result: answer, check: this.#hashAlgo.verifier(hash) });
    }
    return result;
  }
}
