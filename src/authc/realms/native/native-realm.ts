import type { Clock } from '../../../core/clock.ts';
import type { Credentials } from '../../../core/request.ts';
import type { Secret } from '../../../core/secret.ts';
import { makeUser, type User } from '../../../core/user.ts';
import type { SecurityStore, UserRecord } from '../../../store/security-store.ts';
import { verifyPassword } from '../../hashing/index.ts';
import { CachingAuthenticator, type CacheSettings } from '../../cache/caching-authenticator.ts';
import { success, unsuccessful, type AuthenticationResult, type Realm } from '../../realm.ts';

export const NATIVE_TYPE = 'native';

export function userFromRecord(r: UserRecord): User {
  return makeUser(r.username, { roles: r.roles, fullName: r.fullName, email: r.email, metadata: r.metadata, enabled: r.enabled });
}

/** Users kept in the security store (ES's `native` realm, `default_native` unless configured). */
export class NativeRealm implements Realm {
  readonly type = NATIVE_TYPE;
  readonly name: string;
  readonly order: number;
  readonly #store: SecurityStore;
  readonly #auth: CachingAuthenticator;

  constructor(name: string, order: number, store: SecurityStore, cache: CacheSettings, clock: Clock) {
    this.name = name;
    this.order = order;
    this.#store = store;
    this.#auth = new CachingAuthenticator(cache, clock, (u, p) => this.#verify(u, p));
  }

  supports(c: Credentials): boolean {
    return c.kind === 'basic';
  }

  async authenticate(c: Credentials): Promise<AuthenticationResult> {
    if (c.kind !== 'basic') return unsuccessful();
    return this.#auth.authenticate(c.username, c.password);
  }

  async lookupUser(username: string): Promise<User | null> {
    const r = await this.#store.getUser(username);
    return r ? userFromRecord(r) : null;
  }

  clearCache(usernames?: readonly string[]): void {
    this.#auth.invalidate(usernames);
  }

  /** As ES's native realm: the cached users and the users in the store. */
  async usageStats(): Promise<Record<string, unknown>> {
    return { cache: { size: this.#auth.size }, size: (await this.#store.listUsers()).length };
  }

  async #verify(username: string, password: Secret): Promise<AuthenticationResult> {
    const r = await this.#store.getUser(username);
    if (!r) return unsuccessful(`the user [${username}] was not found`);
    if (!(await verifyPassword(password, r.passwordHash))) return unsuccessful(`password authentication failed for [${username}]`);
    if (!r.enabled) return unsuccessful(`user [${username}] is disabled`);
    return success(userFromRecord(r));
  }
}
