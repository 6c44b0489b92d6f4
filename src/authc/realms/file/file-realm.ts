import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Clock } from '../../../core/clock.ts';
import type { Credentials } from '../../../core/request.ts';
import type { Secret } from '../../../core/secret.ts';
import { makeUser, type User } from '../../../core/user.ts';
import { verifyPassword } from '../../hashing/index.ts';
import { CachingAuthenticator, type CacheSettings } from '../../cache/caching-authenticator.ts';
import { success, unsuccessful, type AuthenticationResult, type Realm } from '../../realm.ts';
import { WatchedFile } from './watched-file.ts';
import { parseUsersFile, parseUsersRolesFile } from './users-files.ts';

export const FILE_TYPE = 'file';

/**
 * Users in the config dir's `users` and `users_roles` files (ES's file realm), reloaded when the files
 * change; a change drops the cached credentials of every file user.
 */
export class FileRealm implements Realm {
  readonly type = FILE_TYPE;
  readonly name: string;
  readonly order: number;
  readonly #users: WatchedFile<Map<string, string>>;
  readonly #roles: WatchedFile<Map<string, string[]>>;
  readonly #auth: CachingAuthenticator;

  constructor(name: string, order: number, configDir: string, cache: CacheSettings, clock: Clock, log: Logger) {
    this.name = name;
    this.order = order;
    this.#auth = new CachingAuthenticator(cache, clock, (u, p) => this.#verify(u, p));
    const flog = log.child({ realm: name });
    const onChange = () => this.#auth.invalidate();
    this.#users = new WatchedFile({
      path: join(configDir, 'users'),
      parse: (t) => {
        const r = parseUsersFile(t);
        return 'error' in r ? r : { value: r.users };
      },
      empty: new Map(),
      log: flog,
      onChange,
    });
    this.#roles = new WatchedFile({
      path: join(configDir, 'users_roles'),
      parse: (t) => {
        const r = parseUsersRolesFile(t);
        return 'error' in r ? r : { value: r.roles };
      },
      empty: new Map(),
      log: flog,
      onChange,
    });
  }

  supports(c: Credentials): boolean {
    return c.kind === 'basic';
  }

  async authenticate(c: Credentials): Promise<AuthenticationResult> {
    if (c.kind !== 'basic') return unsuccessful();
    return this.#auth.authenticate(c.username, c.password);
  }

  async lookupUser(username: string): Promise<User | null> {
    return this.#users.value.has(username) ? this.#user(username) : null;
  }

  clearCache(usernames?: readonly string[]): void {
    this.#auth.invalidate(usernames);
  }

  /** As ES's file realm: the cached users and the users in the file. */
  async usageStats(): Promise<Record<string, unknown>> {
    return { cache: { size: this.#auth.size }, size: this.#users.value.size };
  }

  close(): void {
    this.#users.close();
    this.#roles.close();
  }

  #user(username: string): User {
    return makeUser(username, { roles: this.#roles.value.get(username) ?? [] });
  }

  async #verify(username: string, password: Secret): Promise<AuthenticationResult> {
    const hash = this.#users.value.get(username);
    if (hash === undefined) return unsuccessful(`the user [${username}] was not found in the users file`);
    if (!(await verifyPassword(password, hash))) return unsuccessful(`password authentication failed for [${username}]`);
    return success(this.#user(username));
  }
}
