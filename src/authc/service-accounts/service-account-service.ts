import { randomUUID } from 'node:crypto';
import type { Clock } from '../../core/clock.ts';
import { EsError } from '../../core/errors.ts';
import type { Secret } from '../../core/secret.ts';
import type { SecurityStore } from '../../store/security-store.ts';
import { hashPassword, type HashAlgorithm } from '../hashing/index.ts';
import type { WatchedFile } from '../realms/file/watched-file.ts';
import { INVALID_TOKEN_NAME, encodeServiceToken, newServiceTokenSecret, validTokenName } from './service-token.ts';

/** Service account tokens kept in the store (the API's), beside the read-only ones of the `service_tokens` file. */
export class ServiceAccountService {
  readonly #store: SecurityStore;
  readonly #file: WatchedFile<Map<string, string>>;
  readonly #hasher: HashAlgorithm;
  readonly #clock: Clock;
  readonly #onChange: (account: string, names?: readonly string[]) => void;

  constructor(deps: { store: SecurityStore; file: WatchedFile<Map<string, string>>; hasher: HashAlgorithm; clock: Clock; onChange: (account: string, names?: readonly string[]) => void }) {
    this.#store = deps.store;
    this.#file = deps.file;
    this.#hasher = deps.hasher;
    this.#clock = deps.clock;
    this.#onChange = deps.onChange;
  }

  async createToken(account: string, name: string | undefined, creator: string): Promise<{ name: string; value: Secret }> {
    const tokenName = name ?? `token_${randomUUID().replaceAll('-', '')}`;
    if (!validTokenName(tokenName)) throw new EsError('illegal_argument', INVALID_TOKEN_NAME(tokenName));
    const secret = newServiceTokenSecret();
    const created = await this.#store.createServiceToken({
      account,
      name: tokenName,
      hash: await hashPassword(secret, this.#hasher),
      creation: this.#clock.now(),
      creator,
    });
    if (!created) throw new EsError('version_conflict', `service account token [${account}/${tokenName}] already exists`, { type: 'version_conflict_engine_exception' });
    return { name: tokenName, value: encodeServiceToken(account, tokenName, secret) };
  }

  async deleteToken(account: string, name: string): Promise<boolean> {
    const found = await this.#store.deleteServiceToken(account, name);
    this.#onChange(account, [name]);
    return found;
  }

  async listTokens(account: string): Promise<{ stored: string[]; file: string[] }> {
    const stored = (await this.#store.listServiceTokens(account)).map((t) => t.name);
    const file = [...this.#file.value.keys()].filter((k) => k.startsWith(`${account}/`)).map((k) => k.slice(account.length + 1)).sort();
    return { stored, file };
  }

  clearCache(account: string, names?: readonly string[]): void {
    this.#onChange(account, names);
  }
}
