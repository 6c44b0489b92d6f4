/**
 * Where security data lives. Every backend passes the same contract suite (contract.ts).
 * Writes take an updater function: the backend runs it inside a transaction (SQLite) or retries it on a
 * version conflict (a cluster backend), so read-modify-write is always atomic.
 */
export interface UserRecord {
  readonly username: string;
  /** Stored hash in one of ES's formats; null only while a user is being created without one (never stored). */
  readonly passwordHash: string;
  readonly roles: readonly string[];
  readonly fullName: string | null;
  readonly email: string | null;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly enabled: boolean;
}

/** State the reserved realm keeps for a built-in user: a password hash once one is set, and enabled. */
export interface ReservedUserRecord {
  readonly username: string;
  readonly passwordHash: string | null;
  readonly enabled: boolean;
}

import type { RoleDescriptor, RoleDescriptors } from '../core/role-descriptor.ts';
import type { ApiKeyQuery } from './api-key-query.ts';
import type { UserQuery, UserQueryResult } from './user-query.ts';

/** One page of the query API: the total, the keys with their sort values, and ES-shaped aggregations. */
export interface ApiKeyQueryResult {
  readonly total: number;
  readonly keys: readonly { readonly key: ApiKeyRecord; readonly sort: readonly unknown[] }[];
  readonly aggregations?: Readonly<Record<string, unknown>>;
}

/** A role kept in the store (the native roles store): its name and descriptor. */
export interface RoleRecord {
  readonly name: string;
  readonly descriptor: RoleDescriptor;
}

/** An API key as stored: never the secret, only its hash. Times are epoch milliseconds. */
export interface ApiKeyRecord {
  readonly id: string;
  readonly name: string | null;
  readonly type: 'rest' | 'cross_cluster';
  /** Hash of the secret (salted SHA-256 by default). */
  readonly hash: string;
  readonly creation: number;
  readonly expiration: number | null;
  readonly invalidated: boolean;
  readonly invalidation: number | null;
  readonly username: string;
  readonly realm: string;
  readonly realmType: string;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly roleDescriptors: RoleDescriptors;
  readonly limitedBy: RoleDescriptors;
  /** The owner's details when the key was created, as `_authenticate` shows them for the key. */
  readonly creator: { readonly fullName: string | null; readonly email: string | null; readonly metadata: Readonly<Record<string, unknown>> };
  /** Incremented on each update (ES's API key document version). */
  readonly version: number;
}

/** Filters of the get/invalidate API key APIs. `name` may hold `*` wildcards. */
export interface ApiKeyFilter {
  readonly ids?: readonly string[];
  readonly name?: string;
  readonly username?: string;
  readonly realm?: string;
  /** Only keys neither invalidated nor expired at `now`. */
  readonly activeOnly?: boolean;
  readonly now?: number;
}

/** An application privilege (`PUT /_security/privilege`): a named set of actions of one application. */
export interface AppPrivilegeRecord {
  readonly application: string;
  readonly name: string;
  readonly actions: readonly string[];
  readonly metadata: Readonly<Record<string, unknown>>;
}

/**
 * An OAuth2-style token pair. Only SHA-256 hashes of the token strings are stored (they are 256-bit random
 * values, so an unsalted hash is safe and makes the lookup one index probe).
 */
export interface TokenRecord {
  readonly accessHash: string;
  readonly refreshHash: string | null;
  /** The authentication the token stands for, as JSON (user, realms, type). */
  readonly authentication: Readonly<Record<string, unknown>>;
  readonly username: string;
  readonly realm: string;
  /** The user and realm of the client that created the token (only it may refresh it). */
  readonly client: { readonly username: string; readonly realm: string };
  readonly creation: number;
  readonly expiration: number;
  readonly refreshExpiration: number | null;
  readonly invalidated: boolean;
  readonly refreshInvalidated: boolean;
  readonly refreshedAt: number | null;
  /** The pair a refresh produced, encrypted with a key derived from the refresh token (for retries within 30 s). */
  readonly superseding: string | null;
}

/** A service account token kept in the store (ES's index-backed service tokens). */
export interface ServiceTokenRecord {
  /** `namespace/service`. */
  readonly account: string;
  readonly name: string;
  readonly hash: string;
  readonly creation: number;
  readonly creator: string;
}

/** The user a profile belongs to, as last synchronized by profile activation. */
export interface ProfileUser {
  readonly username: string;
  readonly roles: readonly string[];
  readonly realm: { readonly name: string; readonly type: string; readonly domain?: string };
  readonly email: string | null;
  readonly fullName: string | null;
}

/** A user profile (ES's `.security-profile` document). Times are epoch milliseconds. */
export interface ProfileRecord {
  readonly uid: string;
  readonly enabled: boolean;
  readonly lastSynchronized: number;
  readonly user: ProfileUser;
  readonly labels: Readonly<Record<string, unknown>>;
  readonly data: Readonly<Record<string, unknown>>;
  /**
   * ES's document version (`_seq_no`, `_primary_term`). The store assigns the sequence number on each
   * write, from one counter over all profiles as ES's one-shard index does; the primary term is always 1.
   */
  readonly seqNo: number;
  readonly primaryTerm: number;
}

/** The kinds of records another process may change, as the change feed names them. */
export const CHANGE_KINDS = ['user', 'reserved_user', 'role', 'api_key', 'app_privilege', 'token', 'service_token', 'profile'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * One changed record: users and roles by name, API keys by id, tokens by access hash, application privileges
 * as `application/name`, service tokens as `namespace/service/name`.
 */
export interface StoreChange {
  readonly kind: ChangeKind;
  readonly id: string;
}

/** What another process changed since the last call: these records, or `all` when that is not known. */
export type StoreChanges = 'all' | readonly StoreChange[];

/** Updater result: the new record, `null` to delete, or `undefined` to leave the record as it is. */
export type Updater<T> = (existing: T | null) => T | null | undefined;

export interface UpdateResult<T> {
  readonly before: T | null;
  readonly after: T | null;
}

export interface SecurityStore {
  getUser(username: string): Promise<UserRecord | null>;
  /** All native users, or those named (missing names are left out), sorted by username. */
  listUsers(usernames?: readonly string[]): Promise<UserRecord[]>;
  updateUser(username: string, updater: Updater<UserRecord>): Promise<UpdateResult<UserRecord>>;

  /** The query users API: native users matching a query, one sorted page. */
  queryUsers(query: UserQuery): Promise<UserQueryResult>;

  getReservedUser(username: string): Promise<ReservedUserRecord | null>;
  updateReservedUser(username: string, updater: Updater<ReservedUserRecord>): Promise<UpdateResult<ReservedUserRecord>>;

  getRole(name: string): Promise<RoleRecord | null>;
  /** All roles, or those named (missing ones left out), sorted by name. */
  listRoles(names?: readonly string[]): Promise<RoleRecord[]>;
  updateRole(name: string, updater: Updater<RoleRecord>): Promise<UpdateResult<RoleRecord>>;

  getApiKey(id: string): Promise<ApiKeyRecord | null>;
  /** Inserts a new key; fails if the id exists. */
  createApiKey(key: ApiKeyRecord): Promise<void>;
  updateApiKey(id: string, updater: Updater<ApiKeyRecord>): Promise<UpdateResult<ApiKeyRecord>>;
  findApiKeys(filter: ApiKeyFilter): Promise<ApiKeyRecord[]>;
  queryApiKeys(query: ApiKeyQuery): Promise<ApiKeyQueryResult>;
  /** Removes keys invalidated or expired before `before`; returns how many. */
  deleteApiKeysRetiredBefore(before: number): Promise<number>;

  /** Application privileges of the named applications (all when omitted), sorted by application then name. */
  listAppPrivileges(applications?: readonly string[]): Promise<AppPrivilegeRecord[]>;
  updateAppPrivilege(application: string, name: string, updater: Updater<AppPrivilegeRecord>): Promise<UpdateResult<AppPrivilegeRecord>>;

  /** Adds a service token; false when the account already has a token of that name. */
  createServiceToken(token: ServiceTokenRecord): Promise<boolean>;
  getServiceToken(account: string, name: string): Promise<ServiceTokenRecord | null>;
  listServiceTokens(account: string): Promise<ServiceTokenRecord[]>;
  deleteServiceToken(account: string, name: string): Promise<boolean>;

  getTokenByAccess(accessHash: string): Promise<TokenRecord | null>;
  getTokenByRefresh(refreshHash: string): Promise<TokenRecord | null>;
  createToken(token: TokenRecord): Promise<void>;
  updateToken(accessHash: string, updater: Updater<TokenRecord>): Promise<UpdateResult<TokenRecord>>;
  findTokens(filter: { readonly username?: string; readonly realm?: string }): Promise<TokenRecord[]>;
  /** Removes token pairs whose refresh (or access, without refresh) expired before `before`. */
  deleteTokensExpiredBefore(before: number): Promise<number>;

  /** The profiles of these uids that exist, in the order asked. */
  getProfiles(uids: readonly string[]): Promise<ProfileRecord[]>;
  /** Profiles of a username from realms of this type (and this name, when given), by uid. */
  findProfiles(username: string, realmType: string, realmName?: string): Promise<ProfileRecord[]>;
  /** All profiles (enabled ones only, when asked), by uid. */
  listProfiles(enabledOnly: boolean): Promise<ProfileRecord[]>;
  /** Read-modify-write of one profile; a write gets the next sequence number (the updater's is ignored). */
  updateProfile(uid: string, updater: Updater<ProfileRecord>): Promise<UpdateResult<ProfileRecord>>;

  /**
   * Calls `listener` with what another process (another gateway on the same data, `portcullis
   * reset-password`) has written to the store, within `intervalMs` (1 s by default) of its commit, so
   * caches can drop those records. Returns a function that stops watching.
   */
  watchExternalChanges(listener: (changes: StoreChanges) => void, intervalMs?: number): () => void;

  close(): Promise<void>;
}
