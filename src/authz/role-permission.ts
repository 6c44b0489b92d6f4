import type { RoleDescriptor } from '../core/role-descriptor.ts';
import type { AppPrivilegeRecord } from '../store/security-store.ts';
import type { Permission } from './permission.ts';
import { compilePatterns, subsetOf, wildcardSubsetOf, type PatternSet, type Predicate } from './privileges/patterns.ts';
import { MANAGE_OWN_API_KEY, resolveClusterPrivilege } from './privileges/cluster-privileges.ts';
import { isFailureStorePrivilege, resolveIndexPrivilege } from './privileges/index-privileges.ts';
import { isValidPrivilegeName } from './privileges/application-names.ts';
import { isRestrictedName, mayMatchRestricted } from './privileges/restricted-names.ts';
import { mergeIndexGroups, mergeApplications, type MergedIndexGroup, type MergedApplication } from './merge-privileges.ts';

/** The permission model beyond the forward-authorization interface: what `_has_privileges` and the engine need. */
export interface CompiledPermission extends Permission {
  /** Whether `action` (an API key action) would be allowed if the request is about the caller's own keys (`manage_own_api_key`). */
  clusterIfOwnApiKey(action: string): boolean;
  /** `_has_privileges`: whether the cluster privilege (named, or an action pattern) is implied. */
  hasClusterPrivilege(privilege: string): boolean;
  /** `_has_privileges`: whether the index privilege is granted on every name the index pattern may match. */
  hasIndexPrivilege(pattern: string, allowRestricted: boolean, privilege: string): boolean;
  /** `_has_privileges`: whether the application privilege (its actions, as stored) is granted on the resource (pattern). */
  hasApplicationPrivilege(application: string, resource: string, actions: readonly string[]): boolean;
  /** See Permission.coversEveryIndex. */
  coversEveryIndex(actions: readonly string[]): boolean;
  /** `global.application.manage`: whether application privileges of these applications (none named: all) may be managed. */
  manageApplications(applications: readonly string[]): boolean;
}

const CACHE_LIMIT = 4096;

interface IndexGroup {
  readonly match: Predicate;
  readonly names: readonly string[];
  readonly allowRestricted: boolean;
  readonly privileges: PatternSet;
  /** The privilege names as granted, lower case (failure store privileges are decided by name). */
  readonly named: ReadonlySet<string>;
  readonly actions: Predicate;
  readonly dlsFls: boolean;
}

interface AppEntry {
  readonly application: Predicate;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

interface ActionMatcher {
  readonly any: Predicate;
  readonly restricted: Predicate;
}

/**
 * What the roles of one subject allow, compiled once: cluster actions to one predicate, index groups merged as
 * ES merges them (by index names), and per index action one name predicate (cached), so a decision costs a
 * map lookup and a regex test however many roles there are.
 */
export class RolePermission implements CompiledPermission {
  readonly roleNames: readonly string[];
  readonly indexGroups: readonly MergedIndexGroup[];
  readonly applications: readonly MergedApplication[];
  readonly clusterNames: readonly string[];
  readonly runAsPatterns: readonly string[];
  readonly global: readonly Readonly<Record<string, unknown>>[];
  readonly #cluster: Predicate;
  readonly #clusterSets: readonly PatternSet[];
  readonly #manageOwnApiKey: boolean;
  readonly #ownApiKey: Predicate;
  readonly #groups: readonly IndexGroup[];
  readonly #apps: readonly AppEntry[];
  readonly #runAs: Predicate;
  readonly #byAction = new Map<string, ActionMatcher>();
  readonly #clusterCache = new Map<string, boolean>();
  readonly #indexCache = new Map<string, boolean>();

  constructor(roleNames: readonly string[], descriptors: readonly RoleDescriptor[], appPrivileges: readonly AppPrivilegeRecord[] = []) {
    this.roleNames = [...roleNames].sort();
    const cluster = new Set<string>();
    for (const d of descriptors) for (const c of d.cluster ?? []) cluster.add(c);
    this.clusterNames = [...cluster].sort();
    const sets = [...cluster].flatMap((c) => (c.toLowerCase() === MANAGE_OWN_API_KEY ? [] : [resolveClusterPrivilege(c)].filter((s): s is PatternSet => s !== null)));
    this.#clusterSets = sets;
    this.#cluster = unionOfSets(sets);
    this.#manageOwnApiKey = [...cluster].some((c) => c.toLowerCase() === MANAGE_OWN_API_KEY);
    this.#ownApiKey = compilePatterns(['cluster:admin/xpack/security/api_key/*']);
    this.indexGroups = mergeIndexGroups(descriptors);
    this.#groups = this.indexGroups.map(compileGroup);
    this.applications = mergeApplications(descriptors);
    this.#apps = this.applications.flatMap((a) => compileApplication(a, appPrivileges));
    this.runAsPatterns = [...new Set(descriptors.flatMap((d) => d.run_as ?? []))].sort();
    this.#runAs = compilePatterns(this.runAsPatterns);
    this.global = descriptors.flatMap((d) => (d.global && Object.keys(d.global).length ? [d.global] : []));
  }

  cluster(action: string): boolean {
    let v = this.#clusterCache.get(action);
    if (v === undefined) {
      v = this.#cluster(action);
      remember(this.#clusterCache, action, v);
    }
    return v;
  }

  clusterIfOwnApiKey(action: string): boolean {
    return this.cluster(action) || (this.#manageOwnApiKey && this.#ownApiKey(action));
  }

  index(action: string, name: string, restricted: boolean): boolean {
    const key = `${restricted ? 'r' : 'n'}\u0000${action}\u0000${name}`;
    let v = this.#indexCache.get(key);
    if (v === undefined) {
      const m = this.#matcher(action);
      v = restricted ? m.restricted(name) : m.any(name);
      remember(this.#indexCache, key, v);
    }
    return v;
  }

  runAs(username: string): boolean {
    return this.#runAs(username);
  }

  coversEveryIndex(actions: readonly string[]): boolean {
    const everywhere = this.#groups.filter((g) => !g.dlsFls && g.names.some(matchesEveryName));
    return actions.every((a) => everywhere.some((g) => g.actions(a)));
  }

  restrictsDocumentsOrFields(action: string, name: string): boolean {
    const granting = this.#groups.filter((g) => g.actions(action) && g.match(name) && (g.allowRestricted || !isRestrictedName(name)));
    return granting.length > 0 && granting.every((g) => g.dlsFls);
  }

  hasClusterPrivilege(privilege: string): boolean {
    const n = privilege.toLowerCase();
    if (n === MANAGE_OWN_API_KEY && this.#manageOwnApiKey) return true;
    const wanted = resolveClusterPrivilege(n);
    if (!wanted) return false;
    if (wanted.include.length === 0) return true;
    return wanted.include.every((p) => this.#clusterSets.some((s) => subsetOf({ include: [p], exclude: wanted.exclude }, s)));
  }

  hasIndexPrivilege(pattern: string, allowRestricted: boolean, privilege: string): boolean {
    const wanted = resolveIndexPrivilege(privilege);
    if (!wanted) return false;
    const concrete = !/[*?]/.test(pattern) && !pattern.startsWith('/');
    const restrictedName = concrete && isRestrictedName(pattern);
    const reachesRestricted = concrete ? restrictedName : allowRestricted && mayMatchRestricted(pattern);
    const granted: string[] = [];
    const named = new Set<string>();
    for (const g of this.#groups) {
      if (reachesRestricted && !g.allowRestricted) continue;
      const covered = concrete ? g.match(pattern) : g.names.some((n) => wildcardSubsetOf(pattern, n));
      if (covered) granted.push(...g.privileges.include);
      if (covered) g.named.forEach((n) => named.add(n));
    }
    // Failure store access (ES's FAILURES selector) comes only from `all` or the privilege itself.
    if (isFailureStorePrivilege(privilege)) return named.has('all') || named.has(privilege.toLowerCase());
    if (wanted.length === 0) return true;
    return granted.length > 0 && subsetOf({ include: wanted, exclude: [] }, { include: granted, exclude: [] });
  }

  hasApplicationPrivilege(application: string, resource: string, actions: readonly string[]): boolean {
    const allowed: string[] = [];
    let matched = false;
    for (const e of this.#apps) {
      if (!e.application(application)) continue;
      if (!e.resources.some((r) => wildcardSubsetOf(resource, r))) continue;
      matched = true;
      allowed.push(...e.actions);
    }
    if (!matched) return false;
    // A privilege that is not defined has no actions: only a grant of every action covers it (as ES).
    if (actions.length === 0) return allowed.includes('*');
    return actions.every((a) => allowed.some((p) => wildcardSubsetOf(a, p)));
  }

  manageApplications(applications: readonly string[]): boolean {
    const patterns = this.global.flatMap((g) => {
      const manage = (g.application as { manage?: { applications?: unknown } } | undefined)?.manage?.applications;
      return Array.isArray(manage) ? (manage as string[]) : [];
    });
    if (patterns.length === 0) return false;
    if (applications.length === 0) return patterns.includes('*');
    const match = compilePatterns(patterns);
    return applications.every((a) => match(a));
  }

  #matcher(action: string): ActionMatcher {
    let m = this.#byAction.get(action);
    if (!m) {
      // One regex per action over the names of every group granting it: a test costs the same for 1 or 100 roles.
      const granting = this.#groups.filter((g) => g.actions(action));
      const any = compilePatterns(granting.flatMap((g) => g.names));
      const restricted = compilePatterns(granting.filter((g) => g.allowRestricted).flatMap((g) => g.names));
      m = { any, restricted };
      remember(this.#byAction, action, m);
    }
    return m;
  }
}

/** A role name pattern that matches every name: only stars, or a Lucene regex of any string (dot-star, `@`). */
export function matchesEveryName(pattern: string): boolean {
  return /^\*+$/.test(pattern) || pattern === '/.*/' || pattern === '/@/';
}

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}

function unionOfSets(sets: readonly PatternSet[]): Predicate {
  const withExclusions = sets.filter((s) => s.exclude.length > 0).map((s) => compilePatterns(s.include, s.exclude));
  const plain = compilePatterns(sets.filter((s) => s.exclude.length === 0).flatMap((s) => s.include));
  if (withExclusions.length === 0) return plain;
  return (a) => plain(a) || withExclusions.some((p) => p(a));
}

/** Index privilege sets recur across roles (`read`, `all` …): their action predicates are compiled once. */
const ACTIONS_BY_PRIVILEGES = new Map<string, { include: string[]; actions: Predicate }>();

function privilegeActions(privileges: readonly string[]): { include: string[]; actions: Predicate } {
  const key = [...privileges].map((p) => p.toLowerCase()).sort().join(',');
  let hit = ACTIONS_BY_PRIVILEGES.get(key);
  if (!hit) {
    const include = privileges.flatMap((p) => resolveIndexPrivilege(p) ?? []);
    hit = { include, actions: compilePatterns(include) };
    if (ACTIONS_BY_PRIVILEGES.size < CACHE_LIMIT) ACTIONS_BY_PRIVILEGES.set(key, hit);
  }
  return hit;
}

function compileGroup(g: MergedIndexGroup): IndexGroup {
  const { include, actions } = privilegeActions(g.privileges);
  return {
    match: compilePatterns(g.names),
    names: g.names,
    allowRestricted: g.allow_restricted_indices,
    privileges: { include, exclude: [] },
    named: new Set(g.privileges.map((p) => p.toLowerCase())),
    actions,
    dlsFls: (g.field_security?.length ?? 0) > 0 || (g.query?.length ?? 0) > 0,
  };
}

/**
 * ES's ApplicationPrivilege.get: an application pattern stands for the stored applications it matches; each
 * privilege name becomes the actions stored for it, and a name that is not a privilege name is an action itself.
 */
function compileApplication(a: MergedApplication, stored: readonly AppPrivilegeRecord[]): AppEntry[] {
  const resolve = (app: string): string[] =>
    a.privileges.flatMap((p) => (isValidPrivilegeName(p) ? (stored.find((s) => s.application === app && s.name === p)?.actions ?? []) : [p]));
  if (a.application.includes('*')) {
    const matches = compilePatterns([a.application]);
    const apps = [...new Set(stored.map((s) => s.application).filter((n) => matches(n)))];
    if (apps.length === 0) return [{ application: matches, actions: resolve(a.application), resources: a.resources }];
    const rawOnly = a.privileges.filter((p) => !isValidPrivilegeName(p));
    return [
      ...apps.map((app) => ({ application: (n: string) => n === app, actions: resolve(app), resources: a.resources })),
      // applications with no stored privileges still get the raw actions of the pattern
      { application: (n: string) => matches(n) && !apps.includes(n), actions: rawOnly, resources: a.resources },
    ];
  }
  return [{ application: (n: string) => n === a.application, actions: resolve(a.application), resources: a.resources }];
}
