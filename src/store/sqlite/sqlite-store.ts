import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { registerWildcardFunctions } from './wildcard-functions.ts';
import { registerTextFunctions } from './text-functions.ts';
import { ProfilesTable } from './profiles-table.ts';
import { queryUsers } from './users-query.ts';
import type { UserQuery, UserQueryResult } from '../user-query.ts';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ApiKeyQuery } from '../api-key-query.ts';
import type { ApiKeyQueryResult, ApiKeyFilter, ApiKeyRecord, AppPrivilegeRecord, ReservedUserRecord, RoleRecord, SecurityStore, Updater, UpdateResult, UserRecord } from '../security-store.ts';
import { RolesTable } from './roles-table.ts';
import { TokensTable } from './tokens-table.ts';
import type { ProfileRecord, TokenRecord, ServiceTokenRecord, StoreChanges } from '../security-store.ts';
import { ApiKeysTable } from './api-keys-table.ts';
import { AppPrivilegesTable } from './app-privileges-table.ts';
import { transaction } from './transaction.ts';
import { MIGRATIONS } from './migrations.ts';
import { followChanges } from './change-log.ts';

/**
 * The embedded backend: one SQLite file in the data dir, WAL journal, synchronous=FULL so that an
 * acknowledged write survives a crash of the process (and of the machine). Statements are prepared once.
 */
export class SqliteStore implements SecurityStore {
  readonly #db: DatabaseSync;
  readonly #stmt: Record<string, StatementSync>;
  readonly #roles: RolesTable;
  readonly #apiKeys: ApiKeysTable;
  readonly #tokens: TokensTable;
  readonly #appPrivileges: AppPrivilegesTable;
  readonly #profiles: ProfilesTable;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    this.#db = new DatabaseSync(path);
    this.#db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;');
    registerWildcardFunctions(this.#db);
    registerTextFunctions(this.#db);
    migrate(this.#db);
    this.#profiles = new ProfilesTable(this.#db);
    this.#roles = new RolesTable(this.#db);
    this.#apiKeys = new ApiKeysTable(this.#db);
    this.#tokens = new TokensTable(this.#db);
    this.#appPrivileges = new AppPrivilegesTable(this.#db);
    this.#stmt = {
      getUser: this.#db.prepare('SELECT doc FROM users WHERE username = ?'),
      allUsers: this.#db.prepare('SELECT doc FROM users ORDER BY username'),
      putUser: this.#db.prepare('INSERT INTO users (username, doc) VALUES (?, ?) ON CONFLICT(username) DO UPDATE SET doc = excluded.doc'),
      deleteUser: this.#db.prepare('DELETE FROM users WHERE username = ?'),
      getReserved: this.#db.prepare('SELECT username, password_hash, enabled FROM reserved_users WHERE username = ?'),
      putReserved: this.#db.prepare(
        'INSERT INTO reserved_users (username, password_hash, enabled) VALUES (?, ?, ?) ON CONFLICT(username) DO UPDATE SET password_hash = excluded.password_hash, enabled = excluded.enabled',
      ),
      deleteReserved: this.#db.prepare('DELETE FROM reserved_users WHERE username = ?'),
    };
  }

  async getUser(username: string): Promise<UserRecord | null> {
    return this.#readUser(username);
  }

  async listUsers(usernames?: readonly string[]): Promise<UserRecord[]> {
    if (usernames === undefined) return this.#stmt.allUsers.all().map((r) => JSON.parse(r.doc as string) as UserRecord);
    return [...new Set(usernames)].sort().flatMap((u) => this.#readUser(u) ?? []);
  }

  async updateUser(username: string, updater: Updater<UserRecord>): Promise<UpdateResult<UserRecord>> {
    return transaction(this.#db, () => {
      const before = this.#readUser(username);
      const next = updater(before);
      if (next === undefined) return { before, after: before };
      if (next === null) this.#stmt.deleteUser.run(username);
      else this.#stmt.putUser.run(username, JSON.stringify({ ...next, username }));
      return { before, after: next === null ? null : { ...next, username } };
    });
  }

  async queryUsers(query: UserQuery): Promise<UserQueryResult> {
    return queryUsers(this.#db, query);
  }

  async getProfiles(uids: readonly string[]): Promise<ProfileRecord[]> {
    return this.#profiles.get(uids);
  }

  async findProfiles(username: string, realmType: string, realmName?: string): Promise<ProfileRecord[]> {
    return this.#profiles.find(username, realmType, realmName);
  }

  async listProfiles(enabledOnly: boolean): Promise<ProfileRecord[]> {
    return this.#profiles.list(enabledOnly);
  }

  async updateProfile(uid: string, updater: Updater<ProfileRecord>): Promise<UpdateResult<ProfileRecord>> {
    return this.#profiles.update(uid, updater);
  }

  async getReservedUser(username: string): Promise<ReservedUserRecord | null> {
    return this.#readReserved(username);
  }

  async updateReservedUser(username: string, updater: Updater<ReservedUserRecord>): Promise<UpdateResult<ReservedUserRecord>> {
    return transaction(this.#db, () => {
      const before = this.#readReserved(username);
      const next = updater(before);
      if (next === undefined) return { before, after: before };
      if (next === null) this.#stmt.deleteReserved.run(username);
      else this.#stmt.putReserved.run(username, next.passwordHash, next.enabled ? 1 : 0);
      return { before, after: next === null ? null : { ...next, username } };
    });
  }

  async getRole(name: string): Promise<RoleRecord | null> {
    return this.#roles.get(name);
  }

  async listRoles(names?: readonly string[]): Promise<RoleRecord[]> {
    return this.#roles.list(names);
  }

  async updateRole(name: string, updater: Updater<RoleRecord>): Promise<UpdateResult<RoleRecord>> {
    return this.#roles.update(name, updater);
  }

  async getApiKey(id: string): Promise<ApiKeyRecord | null> {
    return this.#apiKeys.get(id);
  }

  async createApiKey(key: ApiKeyRecord): Promise<void> {
    this.#apiKeys.create(key);
  }

  async updateApiKey(id: string, updater: Updater<ApiKeyRecord>): Promise<UpdateResult<ApiKeyRecord>> {
    return this.#apiKeys.update(id, updater);
  }

  async findApiKeys(filter: ApiKeyFilter): Promise<ApiKeyRecord[]> {
    return this.#apiKeys.find(filter);
  }

  async queryApiKeys(query: ApiKeyQuery): Promise<ApiKeyQueryResult> {
    return this.#apiKeys.query(query);
  }

  async deleteApiKeysRetiredBefore(before: number): Promise<number> {
    return this.#apiKeys.deleteRetiredBefore(before);
  }

  /** The API keys table, for the query API's compiled SQL (SQLite backend only). */
  get apiKeysTable(): ApiKeysTable {
    return this.#apiKeys;
  }

  async listAppPrivileges(applications?: readonly string[]): Promise<AppPrivilegeRecord[]> {
    return this.#appPrivileges.list(applications);
  }

  async updateAppPrivilege(application: string, name: string, updater: Updater<AppPrivilegeRecord>): Promise<UpdateResult<AppPrivilegeRecord>> {
    return this.#appPrivileges.update(application, name, updater);
  }

  async createServiceToken(t: ServiceTokenRecord): Promise<boolean> {
    const r = this.#db
      .prepare('INSERT INTO service_tokens (account, name, hash, creation, creator) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run(t.account, t.name, t.hash, t.creation, t.creator);
    return Number(r.changes) === 1;
  }

  async getServiceToken(account: string, name: string): Promise<ServiceTokenRecord | null> {
    const row = this.#db.prepare('SELECT account, name, hash, creation, creator FROM service_tokens WHERE account = ? AND name = ?').get(account, name);
    return row ? (row as unknown as ServiceTokenRecord) : null;
  }

  async listServiceTokens(account: string): Promise<ServiceTokenRecord[]> {
    return this.#db.prepare('SELECT account, name, hash, creation, creator FROM service_tokens WHERE account = ? ORDER BY name').all(account) as unknown as ServiceTokenRecord[];
  }

  async deleteServiceToken(account: string, name: string): Promise<boolean> {
    return Number(this.#db.prepare('DELETE FROM service_tokens WHERE account = ? AND name = ?').run(account, name).changes) === 1;
  }

  async getTokenByAccess(accessHash: string): Promise<TokenRecord | null> {
    return this.#tokens.byAccess(accessHash);
  }

  async getTokenByRefresh(refreshHash: string): Promise<TokenRecord | null> {
    return this.#tokens.byRefresh(refreshHash);
  }

  async createToken(token: TokenRecord): Promise<void> {
    this.#tokens.create(token);
  }

  async updateToken(accessHash: string, updater: Updater<TokenRecord>): Promise<UpdateResult<TokenRecord>> {
    return this.#tokens.update(accessHash, updater);
  }

  async findTokens(filter: { readonly username?: string; readonly realm?: string }): Promise<TokenRecord[]> {
    return this.#tokens.find(filter);
  }

  async deleteTokensExpiredBefore(before: number): Promise<number> {
    return this.#tokens.deleteExpiredBefore(before);
  }

  watchExternalChanges(listener: (changes: StoreChanges) => void, intervalMs = 1000): () => void {
    return followChanges(this.#db, listener, intervalMs);
  }

  async close(): Promise<void> {
    if (this.#db.isOpen) this.#db.close();
  }

  #readUser(username: string): UserRecord | null {
    const row = this.#stmt.getUser.get(username);
    return row ? (JSON.parse(row.doc as string) as UserRecord) : null;
  }

  #readReserved(username: string): ReservedUserRecord | null {
    const row = this.#stmt.getReserved.get(username);
    if (!row) return null;
    return { username: row.username as string, passwordHash: (row.password_hash as string | null) ?? null, enabled: row.enabled === 1 };
  }
}

function migrate(db: DatabaseSync): void {
  const current = (db.prepare('PRAGMA user_version').get()?.user_version as number) ?? 0;
  if (current > MIGRATIONS.length) {
    throw new Error(`the data dir was written by a newer Portcullis (schema ${current}, this version knows ${MIGRATIONS.length})`);
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    transaction(db, () => {
      db.exec(MIGRATIONS[v]);
      db.exec(`PRAGMA user_version = ${v + 1}`);
    });
  }
}
