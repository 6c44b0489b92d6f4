import type { Clock } from '../../../core/clock.ts';
import type { Credentials } from '../../../core/request.ts';
import type { Secret } from '../../../core/secret.ts';
import type { User } from '../../../core/user.ts';
import type { SecurityStore } from '../../../store/security-store.ts';
import { verifyPassword } from '../../hashing/index.ts';
import { CachingAuthenticator, type CacheSettings } from '../../cache/caching-authenticator.ts';
import { success, terminate, unsuccessful, type AuthenticationResult, type Realm } from '../../realm.ts';
import { RESERVED_REALM, isReservedUsername, reservedUser } from './reserved-users.ts';

/**
 * The built-in users. Always first in the chain when enabled. A reserved username is this realm's alone:
 * a wrong password, a disabled user or one whose password was never set ends the chain (terminate).
 */
export class ReservedRealm implements Realm {
  readonly name = RESERVED_REALM.name;
  readonly type = RESERVED_REALM.type;
  readonly order = Number.NEGATIVE_INFINITY;
  readonly #store: SecurityStore;
  readonly #auth: CachingAuthenticator;

  constructor(store: SecurityStore, cache: CacheSettings, clock: Clock) {
    this.#store = store;
    this.#auth = new CachingAuthenticator(cache, clock, (u, p) => this.#verify(u, p));
  }

  supports(c: Credentials): boolean {
    return c.kind === 'basic';
  }

  async authenticate(c: Credentials): Promise<AuthenticationResult> {
    if (c.kind !== 'basic' || !isReservedUsername(c.username)) return unsuccessful();
    const result = await this.#auth.authenticate(c.username, c.password);
    return result.status === 'success' ? result : terminate(`failed to authenticate user [${c.username}]`);
  }

  async lookupUser(username: string): Promise<User | null> {
    if (!isReservedUsername(username)) return null;
    const rec = await this.#store.getReservedUser(username);
    return reservedUser(username, rec?.enabled ?? true);
  }

  clearCache(usernames?: readonly string[]): void {
    this.#auth.invalidate(usernames);
  }

  async #verify(username: string, password: Secret): Promise<AuthenticationResult> {
    const rec = await this.#store.getReservedUser(username);
    if (!rec?.passwordHash) return terminate(`the password of reserved user [${username}] has not been set`);
    if (!(await verifyPassword(password, rec.passwordHash))) return terminate(`failed to authenticate user [${username}]`);
    if (!rec.enabled) return terminate(`user [${username}] is disabled`);
    return success(reservedUser(username, true));
  }
}
