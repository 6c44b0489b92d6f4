import type { Clock } from '../../core/clock.ts';
import type { Credentials } from '../../core/request.ts';
import type { Authentication } from '../../core/authentication.ts';
import type { SecurityStore } from '../../store/security-store.ts';
import type { CacheSettings } from '../cache/caching-authenticator.ts';
import { CachingAuthenticator } from '../cache/caching-authenticator.ts';
import { verifyPassword } from '../hashing/index.ts';
import { success, unsuccessful } from '../realm.ts';
import type { WatchedFile } from '../realms/file/watched-file.ts';
import type { Authenticator, AuthenticatorResult } from '../chain.ts';
import { SERVICE_ACCOUNTS, isServiceAccount, serviceAccountUser } from './accounts.ts';
import { decodeServiceToken } from './service-token.ts';

export const SERVICE_ACCOUNT_REALM = { name: '_service_account', type: '_service_account' } as const;

/**
 * `Authorization: Bearer <service token>`: the file tokens first, then the stored ones (ES's order).
 * Verified tokens are cached per token (`xpack.security.authc.service_token.cache.*`); a wrong or unknown
 * token for a service account ends the chain with ES's message.
 */
export class ServiceAccountAuthenticator implements Authenticator {
  readonly name = SERVICE_ACCOUNT_REALM.name;
  readonly label = 'ServiceAccount token';
  readonly #store: SecurityStore;
  readonly #file: WatchedFile<Map<string, string>>;
  readonly #auth: CachingAuthenticator;
  #lastSource = new Map<string, 'file' | 'index'>();

  constructor(store: SecurityStore, file: WatchedFile<Map<string, string>>, cache: CacheSettings, clock: Clock) {
    this.#store = store;
    this.#file = file;
    this.#auth = new CachingAuthenticator(cache, clock, async (key, secret) => {
      const [account, name] = splitKey(key);
      const fileHash = this.#file.value.get(key);
      if (fileHash !== undefined && (await verifyPassword(secret, fileHash))) {
        this.#lastSource.set(key, 'file');
        return success(serviceAccountUser(account));
      }
      const stored = await this.#store.getServiceToken(account, name);
      if (stored && (await verifyPassword(secret, stored.hash))) {
        this.#lastSource.set(key, 'index');
        return success(serviceAccountUser(account));
      }
      return unsuccessful('invalid service token');
    });
  }

  supports(c: Credentials): boolean {
    return c.kind === 'bearer' && decodeServiceToken(c.token) !== null;
  }

  async authenticate(c: Credentials): Promise<AuthenticatorResult> {
    if (c.kind !== 'bearer') return { status: 'continue' };
    const t = decodeServiceToken(c.token);
    if (!t) return { status: 'continue' };
    const failed = `failed to authenticate service account [${t.account}] with token name [${t.name}]`;
    if (!isServiceAccount(t.account)) return { status: 'terminate', message: `only [elastic] service accounts are supported, but received [${t.account}]`, failureReason: failed };
    const key = `${t.account}/${t.name}`;
    const r = await this.#auth.authenticate(key, t.secret);
    if (r.status !== 'success') return { status: 'terminate', message: 'invalid service token', failureReason: failed };
    const authentication: Authentication = {
      user: r.user,
      authenticatedBy: SERVICE_ACCOUNT_REALM,
      lookedUpBy: SERVICE_ACCOUNT_REALM,
      type: 'token',
      serviceAccount: { tokenName: t.name, tokenSource: this.#lastSource.get(key) ?? 'index', roleDescriptor: SERVICE_ACCOUNTS[t.account] },
    };
    return { status: 'success', authentication };
  }

  /** Drops cached tokens of an account: the names given, or all. */
  clearCache(account: string, names?: readonly string[]): void {
    this.#auth.invalidate(names?.map((n) => `${account}/${n}`));
  }
}

function splitKey(key: string): [string, string] {
  const i = key.lastIndexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}
