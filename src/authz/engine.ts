import type { Authentication, ApiKeyInfo } from '../core/authentication.ts';
import type { RoleDescriptor, RoleDescriptors } from '../core/role-descriptor.ts';
import type { AppPrivilegeRecord, SecurityStore } from '../store/security-store.ts';
import type { ActionContext, Authorizer } from './authorizer.ts';
import type { PermissionSource } from './permission.ts';
import type { RoleResolver } from './role-resolver.ts';
import { RolePermission, type CompiledPermission } from './role-permission.ts';
import { LimitedPermission } from './limited-permission.ts';
import { denied } from './messages.ts';
import { EffectiveRoles } from './effective-roles.ts';

const SECURITY = 'cluster:admin/xpack/security/';
const AUTHENTICATE = `${SECURITY}user/authenticate`;
const CHANGE_PASSWORD = `${SECURITY}user/change_password`;
/** ES's "same user" actions: allowed on one's own account whatever the roles (RBACEngine.checkSameUserPermissions). */
const SAME_USER = new Set([CHANGE_PASSWORD, `${SECURITY}user/has_privileges`, `${SECURITY}user/list_privileges`]);
const CACHE_LIMIT = 10_000;
/** What `global: {application: {manage: …}}` grants, for the applications it names. */
const MANAGE_APPLICATION_ACTIONS = new Set([`${SECURITY}privilege/get`, `${SECURITY}privilege/put`, `${SECURITY}privilege/delete`]);

/**
 * The authorization engine: compiles a permission per set of role names (for API keys, per key) and caches it
 * until roles or application privileges change; decides served actions with ES's special rules.
 */
export class AuthorizationEngine implements Authorizer, PermissionSource {
  readonly #resolver: RoleResolver;
  readonly #store: SecurityStore;
  #generation = 0;
  #byRoles = new Map<string, Promise<UserPermission>>();
  #byApiKey = new Map<string, Promise<CompiledPermission>>();
  readonly #serviceAccounts = new Map<string, ApiKeyInfo>();
  #apiKeyInfos = new WeakMap<ApiKeyInfo, { generation: number; permission: Promise<CompiledPermission> }>();
  /** By the roles array itself: a cached authentication hands over the same array on every request. */
  #rolesArrays = new WeakMap<readonly string[], { generation: number; permission: Promise<UserPermission> }>();
  #appPrivileges: Promise<readonly AppPrivilegeRecord[]> | null = null;

  readonly #effectiveRoles: EffectiveRoles;

  constructor(resolver: RoleResolver, store: SecurityStore, effectiveRoles: EffectiveRoles = new EffectiveRoles()) {
    this.#resolver = resolver;
    this.#store = store;
    this.#effectiveRoles = effectiveRoles;
  }

  /** The role names a user's privileges come from (with the anonymous roles while anonymous access is on). */
  rolesOf(auth: Authentication): readonly string[] {
    return this.#effectiveRoles.of(auth);
  }

  /** Drops every compiled permission (a role or application privilege changed). */
  invalidate(): void {
    this.#generation++;
    this.#byRoles = new Map();
    this.#byApiKey = new Map();
    this.#apiKeyInfos = new WeakMap();
    this.#rolesArrays = new WeakMap();
    this.#appPrivileges = null;
  }

  async permissionFor(auth: Authentication): Promise<CompiledPermission> {
    if (auth.apiKey) return this.#apiKeyPermission(auth.apiKey);
    if (auth.serviceAccount) return this.#apiKeyPermission(this.#serviceAccountInfo(auth.user.username, auth.serviceAccount.roleDescriptor));
    return (await this.userPermission(this.#effectiveRoles.of(auth))).permission;
  }

  /** The permission of a set of role names, with the names that were not found. */
  userPermission(roles: readonly string[]): Promise<UserPermission> {
    const hit = this.#rolesArrays.get(roles);
    if (hit && hit.generation === this.#generation) return hit.permission;
    const permission = this.#byRoleNames(roles);
    const entry = { generation: this.#generation, permission };
    this.#rolesArrays.set(roles, entry);
    onFailure(permission, () => this.#rolesArrays.get(roles) === entry && this.#rolesArrays.delete(roles));
    return permission;
  }

  #byRoleNames(roles: readonly string[]): Promise<UserPermission> {
    const names = [...new Set(roles)].sort();
    const key = names.join('\u0000');
    let p = this.#byRoles.get(key);
    if (!p) {
      p = this.#compileRoles(names);
      this.#remember(this.#byRoles, key, p);
    }
    return p;
  }

  async authorizeAction(auth: Authentication, action: string, context: ActionContext = {}): Promise<void> {
    if (action === AUTHENTICATE) return;
    if (isSameUserAction(auth, action, context)) return;
    const permission = await this.permissionFor(auth);
    if (permission.cluster(action)) return;
    if (context.applications && MANAGE_APPLICATION_ACTIONS.has(action) && permission.manageApplications(context.applications)) return;
    const own = ownsApiKeys(auth, action, context);
    if (own && permission.clusterIfOwnApiKey(action)) return;
    throw denied(auth, action, { effectiveRoles: permission.roleNames, ownApiKey: own });
  }

  /** All stored application privileges (they resolve role application privileges to actions). */
  appPrivileges(): Promise<readonly AppPrivilegeRecord[]> {
    this.#appPrivileges ??= this.#store.listAppPrivileges().catch((e) => {
      this.#appPrivileges = null;
      throw e;
    });
    return this.#appPrivileges;
  }

  async #compileRoles(names: readonly string[]): Promise<UserPermission> {
    const [resolved, apps] = await Promise.all([this.#resolver.resolve(names), this.appPrivileges()]);
    const found = names.filter((n) => Object.hasOwn(resolved.descriptors, n));
    return { permission: new RolePermission(found, found.map((n) => resolved.descriptors[n]), apps), missing: resolved.missing };
  }

  /** A service account's privileges are its role descriptor alone, compiled like a key limited by it. */
  #serviceAccountInfo(principal: string, descriptor: RoleDescriptor): ApiKeyInfo {
    let info = this.#serviceAccounts.get(principal);
    if (!info) {
      info = { id: `_service_account/${principal}`, name: null, roleDescriptors: {}, limitedBy: { [principal]: descriptor } };
      this.#serviceAccounts.set(principal, info);
    }
    return info;
  }

  #apiKeyPermission(key: ApiKeyInfo): Promise<CompiledPermission> {
    const hit = this.#apiKeyInfos.get(key);
    if (hit && hit.generation === this.#generation) return hit.permission;
    const cacheKey = `${key.id}\u0000${JSON.stringify(key.roleDescriptors)}\u0000${JSON.stringify(key.limitedBy)}`;
    let p = this.#byApiKey.get(cacheKey);
    if (!p) {
      p = this.#compileApiKey(key);
      this.#remember(this.#byApiKey, cacheKey, p);
    }
    const entry = { generation: this.#generation, permission: p };
    this.#apiKeyInfos.set(key, entry);
    onFailure(p, () => this.#apiKeyInfos.get(key) === entry && this.#apiKeyInfos.delete(key));
    return p;
  }

  async #compileApiKey(key: ApiKeyInfo): Promise<CompiledPermission> {
    const apps = await this.appPrivileges();
    const compile = (d: RoleDescriptors) => new RolePermission(Object.keys(d), Object.values(d), apps);
    const limitedBy = compile(key.limitedBy);
    return Object.keys(key.roleDescriptors).length === 0 ? limitedBy : new LimitedPermission(compile(key.roleDescriptors), limitedBy);
  }

  /** Keeps a compiled permission until roles change; one that failed (the store was down) is compiled anew next time. */
  #remember<V>(cache: Map<string, Promise<V>>, key: string, value: Promise<V>): void {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, value);
    onFailure(value, () => cache.get(key) === value && cache.delete(key));
  }
}

/** Runs `forget` if `p` rejects; the rejection itself still reaches whoever awaits `p`. */
function onFailure(p: Promise<unknown>, forget: () => unknown): void {
  p.catch(forget);
}

export interface UserPermission {
  readonly permission: RolePermission;
  /** Assigned role names found nowhere. */
  readonly missing: readonly string[];
}

function isSameUserAction(auth: Authentication, action: string, context: ActionContext): boolean {
  if (!SAME_USER.has(action) || context.targetUser !== auth.user.username) return false;
  if (action !== CHANGE_PASSWORD) return true;
  if (auth.apiKey || auth.type === 'api_key' || auth.type === 'token') return false;
  const realm = auth.authenticatingUser ? auth.lookedUpBy : auth.authenticatedBy;
  return realm.type === 'native' || realm.type === 'reserved';
}

/** ES's ManageOwnApiKeyClusterPrivilege: whether the request is about the caller's own API keys. */
function ownsApiKeys(auth: Authentication, action: string, context: ActionContext): boolean {
  const keys = context.apiKeys;
  if (!keys || !action.startsWith(`${SECURITY}api_key/`)) return false;
  if (keys.creating) return true;
  // An API key owns no other key, not even its owner's: it may only name itself (ES's ManageOwnApiKeyClusterPrivilege).
  if (auth.apiKey) return keys.ids?.length === 1 && keys.ids[0] === auth.apiKey.id && !keys.username && !keys.realmName;
  if (keys.owner) return true;
  const realm = auth.authenticatingUser ? auth.lookedUpBy : auth.authenticatedBy;
  return keys.username === auth.user.username && keys.realmName === realm.name;
}
