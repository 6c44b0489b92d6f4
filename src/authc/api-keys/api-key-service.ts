import type { Authentication } from '../../core/authentication.ts';
import type { Clock } from '../../core/clock.ts';
import { EsError, illegalArgument } from '../../core/errors.ts';
import type { RoleDescriptors } from '../../core/role-descriptor.ts';
import type { ApiKeyRecord, SecurityStore } from '../../store/security-store.ts';
import type { RoleResolver } from '../../authz/role-resolver.ts';
import { hashPassword } from '../hashing/index.ts';
import type { ApiKeySettings } from './api-key-settings.ts';
import { encodeApiKey, newApiKeyId, newApiKeySecret } from './key-material.ts';
import { grantsAnyPrivileges, type KeyFields, type KeySelection } from './api-key-requests.ts';
import { apiKeyToJson } from './api-key-json.ts';
import type { ApiKeyQuery, Query } from '../../store/api-key-query.ts';
import { parseQueryRequest } from './query/parse-request.ts';
import { typedKeys } from './query/typed-keys.ts';

export interface BulkUpdateResult {
  readonly updated: string[];
  readonly noops: string[];
  readonly errors: Record<string, EsError>;
}

/**
 * The API key lifecycle, ES's rules: create (and grant), get, invalidate, update, bulk update. Every change
 * reaches the authenticator's cache through `onChange` before the call returns.
 */
export class ApiKeyService {
  readonly #store: SecurityStore;
  readonly #roles: RoleResolver;
  /** The owner's role names (with the anonymous roles while anonymous access is on, as ES snapshots them). */
  readonly #rolesOf: (auth: Authentication) => readonly string[];
  readonly #clock: Clock;
  readonly #settings: ApiKeySettings;
  readonly #onChange: (ids?: readonly string[]) => void;

  constructor(deps: { store: SecurityStore; roles: RoleResolver; rolesOf?: (auth: Authentication) => readonly string[]; clock: Clock; settings: ApiKeySettings; onChange: (ids?: readonly string[]) => void }) {
    this.#store = deps.store;
    this.#roles = deps.roles;
    this.#rolesOf = deps.rolesOf ?? ((a) => a.user.roles);
    this.#clock = deps.clock;
    this.#settings = deps.settings;
    this.#onChange = deps.onChange;
  }

  /** POST|PUT /_security/api_key (and grant, for the granted user's authentication). */
  async create(owner: Authentication, fields: KeyFields): Promise<Record<string, unknown>> {
    if (owner.apiKey && grantsAnyPrivileges(fields.roleDescriptors)) {
      throw illegalArgument('creating derived api keys requires an explicit role descriptor that is empty (has no privileges)');
    }
    const now = this.#clock.now();
    const id = newApiKeyId();
    const secret = newApiKeySecret();
    const o = ownerOf(owner);
    const record: ApiKeyRecord = {
      id,
      name: fields.name ?? null,
      type: 'rest',
      hash: await hashPassword(secret, this.#settings.hashing),
      creation: now,
      expiration: fields.expiresInMs == null ? null : now + fields.expiresInMs,
      invalidated: false,
      invalidation: null,
      username: o.username,
      realm: o.realm,
      realmType: o.realmType,
      metadata: fields.metadata ?? {},
      roleDescriptors: fields.roleDescriptors ?? {},
      limitedBy: await this.#limitedBy(owner),
      creator: { fullName: owner.user.fullName, email: owner.user.email, metadata: owner.user.metadata },
      version: 1,
    };
    await this.#store.createApiKey(record);
    const out: Record<string, unknown> = { id, name: record.name };
    if (record.expiration !== null) out.expiration = record.expiration;
    out.api_key = secret.reveal();
    out.encoded = encodeApiKey(id, secret).reveal();
    return out;
  }

  /** GET /_security/api_key */
  async get(caller: Authentication, s: KeySelection & { activeOnly: boolean; withLimitedBy: boolean }): Promise<Record<string, unknown>> {
    const keys = await this.#select(caller, s, s.activeOnly);
    return { api_keys: keys.map((k) => apiKeyToJson(k, s.withLimitedBy)) };
  }

  /**
   * GET|POST /_security/_query/api_key. With `ownOnly` (the caller may manage only its own keys) the query is
   * restricted to keys owned by the caller (an API key: to itself), as ES does for `manage_own_api_key`.
   */
  async query(caller: Authentication, body: unknown, opts: { ownOnly: boolean; withLimitedBy: boolean; typedKeys?: boolean }): Promise<Record<string, unknown>> {
    const parsed = parseQueryRequest(body, this.#clock.now());
    let q: ApiKeyQuery = parsed;
    if (opts.ownOnly) {
      const o = ownerOf(caller);
      // An API key owns no other key: it sees itself only (ES's ManageOwnApiKeyClusterPrivilege).
      const owner: Query[] = caller.apiKey
        ? [{ kind: 'term', field: 'id', value: caller.apiKey.id }]
        : [
            { kind: 'term', field: 'username', value: o.username },
            { kind: 'term', field: 'realm_name', value: o.realm },
          ];
      q = { ...parsed, query: { kind: 'bool', must: [parsed.query, ...owner], should: [], mustNot: [], minimumShouldMatch: 0 } };
    }
    const r = await this.#store.queryApiKeys(q);
    const out: Record<string, unknown> = {
      total: r.total,
      count: r.keys.length,
      api_keys: r.keys.map(({ key, sort }) => ({ ...apiKeyToJson(key, opts.withLimitedBy), ...(q.sort.length ? { _sort: sort } : {}) })),
    };
    if (r.aggregations) out.aggregations = opts.typedKeys ? typedKeys(q.aggs, r.aggregations as Record<string, unknown>) : r.aggregations;
    return out;
  }

  /**
   * DELETE /_security/api_key. As ES 9, only keys not yet invalidated are selected, so a repeat invalidates
   * nothing and reports nothing; `previously_invalidated_api_keys` names only keys a concurrent call got first.
   */
  async invalidate(caller: Authentication, s: KeySelection): Promise<Record<string, unknown>> {
    const keys = (await this.#select(caller, s, false)).filter((k) => !k.invalidated);
    const invalidated: string[] = [];
    const previously: string[] = [];
    const now = this.#clock.now();
    for (const k of keys) {
      const { before } = await this.#store.updateApiKey(k.id, (e) => (e && !e.invalidated ? { ...e, invalidated: true, invalidation: now } : undefined));
      if (before && !before.invalidated) invalidated.push(k.id);
      else previously.push(k.id);
    }
    if (invalidated.length) this.#onChange(invalidated);
    return { invalidated_api_keys: invalidated, previously_invalidated_api_keys: previously, error_count: 0 };
  }

  /** PUT /_security/api_key/{id} */
  async update(caller: Authentication, id: string, fields: KeyFields): Promise<{ updated: boolean }> {
    const r = await this.bulkUpdate(caller, [id], fields);
    const error = r.errors[id];
    if (error) throw error;
    return { updated: r.updated.includes(id) };
  }

  /** POST /_security/api_key/_bulk_update: only the caller's own keys; limited_by refreshed from the owner's roles. */
  async bulkUpdate(caller: Authentication, ids: readonly string[], fields: KeyFields): Promise<BulkUpdateResult> {
    if (caller.apiKey) throw illegalArgument('authentication via API key not supported: only the owner user can update an API key');
    const o = ownerOf(caller);
    const limitedBy = await this.#limitedBy(caller);
    const now = this.#clock.now();
    const result: BulkUpdateResult = { updated: [], noops: [], errors: {} };
    for (const id of new Set(ids)) {
      try {
        let changed = false;
        await this.#store.updateApiKey(id, (k) => {
          if (!k || k.username !== o.username || k.realm !== o.realm) {
            throw new EsError('not_found', `no API key owned by requesting user found for ID [${id}]`);
          }
          if (k.invalidated) throw illegalArgument(`cannot update invalidated API key [${id}]`);
          if (k.expiration !== null && k.expiration <= now) throw illegalArgument(`cannot update expired API key [${id}]`);
          const next: ApiKeyRecord = {
            ...k,
            roleDescriptors: fields.roleDescriptors ?? k.roleDescriptors,
            metadata: fields.metadata ?? k.metadata,
            expiration: fields.expiresInMs === undefined ? k.expiration : fields.expiresInMs === null ? null : now + fields.expiresInMs,
            limitedBy,
            creator: { fullName: caller.user.fullName, email: caller.user.email, metadata: caller.user.metadata },
          };
          changed = !sameKeyContent(k, next) || fields.expiresInMs !== undefined;
          return changed ? { ...next, version: k.version + 1 } : undefined;
        });
        (changed ? result.updated : result.noops).push(id);
      } catch (e) {
        if (!(e instanceof EsError)) throw e;
        result.errors[id] = e;
      }
    }
    if (result.updated.length) this.#onChange(result.updated);
    return result;
  }

  /** Keys selected by id/name/username/realm, or the caller's own (`owner`); an API key may name itself. */
  async #select(caller: Authentication, s: KeySelection, activeOnly: boolean): Promise<ApiKeyRecord[]> {
    const own = s.owner ? ownerOf(caller) : undefined;
    const keys = await this.#store.findApiKeys({
      ids: s.ids,
      name: s.name === '*' ? undefined : s.name,
      username: own?.username ?? emptyToUndefined(s.username),
      realm: own?.realm ?? emptyToUndefined(s.realmName),
      activeOnly,
      now: this.#clock.now(),
    });
    return keys;
  }

  /** The owner's role descriptors at this moment: the snapshot a key is limited by. */
  async #limitedBy(auth: Authentication): Promise<RoleDescriptors> {
    if (auth.apiKey) return Object.keys(auth.apiKey.roleDescriptors).length ? auth.apiKey.roleDescriptors : auth.apiKey.limitedBy;
    return (await this.#roles.resolve(this.#rolesOf(auth))).descriptors;
  }
}

/** The owner a new key records: the effective user and the realm it was found in. */
export function ownerOf(a: Authentication): { username: string; realm: string; realmType: string } {
  if (a.apiKeyOwner) return a.apiKeyOwner;
  return { username: a.user.username, realm: a.lookedUpBy.name, realmType: a.lookedUpBy.type };
}

function sameKeyContent(a: ApiKeyRecord, b: ApiKeyRecord): boolean {
  return (
    JSON.stringify(a.roleDescriptors) === JSON.stringify(b.roleDescriptors) &&
    JSON.stringify(a.metadata) === JSON.stringify(b.metadata) &&
    JSON.stringify(a.limitedBy) === JSON.stringify(b.limitedBy) &&
    a.expiration === b.expiration &&
    JSON.stringify(a.creator) === JSON.stringify(b.creator)
  );
}

function emptyToUndefined(s: string | undefined): string | undefined {
  return s === undefined || s === '' ? undefined : s;
}
