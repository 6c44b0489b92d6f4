/**
 * Authorization of forwarded requests, as ES's AuthorizationService decides them: cluster actions by
 * cluster privileges; index actions by resolving every index expression against the upstream's metadata
 * (wildcards keep only authorized names, explicit names must be authorized); composite requests (`_bulk`,
 * `_mget`, `_msearch`) item by item, with 403 items in an otherwise successful answer. The result is a plan:
 * the canonical, rewritten request to send (or the answer to give without sending anything).
 */
import { mayChangeMetadata } from './indices/metadata-changes.ts';
import type { Authentication } from '../core/authentication.ts';
import { EsError } from '../core/errors.ts';
import type { Clock } from '../core/clock.ts';
import { systemClock } from '../core/clock.ts';
import type { Permission, PermissionSource } from './permission.ts';
import type { IndexMetadataProvider } from './indices/metadata-source.ts';
import type { IndexMetadata } from './indices/metadata.ts';
import { expandExpression, isAuthorized, anyAuthorized, NO_INDICES, type Expansion } from './indices/authorized-names.ts';
import { resolveDateMath } from './indices/date-math.ts';
import { isRestrictedIndex } from './indices/restricted.ts';
import type { IndexTarget, Resolution, Lookup, BulkItem, MgetItem, MsearchItem } from './resolve/types.ts';
import { formatTarget, encodeSegment } from './resolve/canonical.ts';
import { bulkItemAction } from './resolve/bulk.ts';
import { MGET_ITEM_ACTION, SEARCH_ACTION } from './resolve/documents.ts';
import { findLookups } from './resolve/lookups.ts';
import { NEWLINE } from './resolve/ndjson.ts';
import { SearchContextRegistry, ownerKey } from './forward-contexts.ts';
import { denied as deniedError, deniedMessage } from './messages.ts';

/** OpenSearch's default `http.max_initial_line_length` is 4 KiB: keep the request line under it. */
const MAX_TARGET_LENGTH = 3_900;
const AUTO_CREATE = 'indices:admin/auto_create';
const CREATE_INDEX = 'indices:admin/create';
/** A representative action per index privilege, for ES's "an alias may not grant more than its indices" rule. */
const ALIAS_PROBES = ['indices:data/read/search', 'indices:data/write/index', 'indices:data/write/delete', 'indices:data/write/update', 'indices:admin/mapping/put', 'indices:admin/delete', 'indices:monitor/stats'];

export interface ForwardRequest {
  readonly method: string;
  readonly segments: readonly string[];
  readonly query: ReadonlyMap<string, string>;
  /** `formatTarget(segments, query)`, when the caller has it: sent as is when the decision rewrites nothing. */
  readonly canonical?: string;
  /**
   * The caller passes the same Resolution object for every repeat of this request target (a RequestShape's):
   * its plan may then be kept and reused while the permission and the metadata snapshot are the same.
   */
  readonly shared?: boolean;
}

/** What to do with a request that is allowed. */
export interface ForwardPlan {
  /** The canonical request target to send. */
  readonly path: string;
  /** A replacement body (rewritten JSON or NDJSON); undefined sends the request's own. */
  readonly body?: Buffer;
  /** An answer given without forwarding (every item was denied). */
  readonly respond?: { readonly status: number; readonly body: unknown };
  /** Folds the denied items back into the upstream's answer, in their original positions. */
  readonly merge?: (upstream: unknown) => unknown;
  /** Remember the response's scroll / point-in-time id (or SQL cursor) as the caller's. */
  readonly capture?: 'scroll' | 'pit';
  /** Run after a successful answer: the request changed indices, aliases or data streams. */
  readonly changesMetadata: boolean;
  /** Ids the caller released (clear scroll, close PIT). */
  readonly releases: readonly string[];
  /** Items refused inside `_bulk`, `_mget` or `_msearch` (answered with 403 items), once per action and index, for the audit trail. */
  readonly deniedItems?: readonly DeniedItem[];
}

/** One refused item of a composite request: the item's action, its index and ES's request class for it. */
export interface DeniedItem {
  readonly action: string;
  readonly index: string;
  readonly requestName: string;
}

/** The denied items, once per action and index. */
function distinctItems(items: readonly DeniedItem[]): DeniedItem[] {
  const seen = new Map<string, DeniedItem>();
  for (const i of items) seen.set(`${i.action}\u0000${i.index}`, i);
  return [...seen.values()];
}

export interface ForwardAuthorizerDeps {
  readonly permissions: PermissionSource;
  readonly metadata: IndexMetadataProvider;
  readonly contexts: SearchContextRegistry;
  /** Renders a search template upstream (`_render/template`) so the lookups it expands to can be checked. */
  readonly renderTemplate?: (template: unknown) => Promise<unknown>;
  readonly clock?: Clock;
  /**
   * Longest request target to send (OpenSearch's and ES's `http.max_initial_line_length` is 4 KiB by default;
   * raise both together to let very long authorized index lists through).
   */
  readonly maxRequestTarget?: number;
}

/** The narrow extras the gateway uses when the permission offers them (the engine's does). */
interface PermissionExtras {
  hasClusterPrivilege?(privilege: string): boolean;
}

export class ForwardAuthorizer {
  readonly #d: ForwardAuthorizerDeps;
  readonly #clock: Clock;
  /** Plans of shared resolutions, by resolution and permission, with the metadata snapshot they were made on. */
  readonly #plans = new WeakMap<Resolution, WeakMap<Permission, { metadata: IndexMetadata | null; plan: ForwardPlan }>>();

  constructor(deps: ForwardAuthorizerDeps) {
    this.#d = deps;
    this.#clock = deps.clock ?? systemClock;
  }

  get maxRequestTarget(): number {
    return this.#d.maxRequestTarget ?? MAX_TARGET_LENGTH;
  }

  get contexts(): SearchContextRegistry {
    return this.#d.contexts;
  }

  invalidateMetadata(): void {
    this.#d.metadata.invalidate();
  }

  async plan(auth: Authentication, req: ForwardRequest, r: Resolution, body?: unknown): Promise<ForwardPlan> {
    const permission = await this.#d.permissions.permissionFor(auth);
    const metadata = r.kind === 'indices' ? await this.#d.metadata.current() : null;
    const reusable = req.shared === true && body === undefined && decidedWithoutContext(r);
    if (reusable) {
      const kept = this.#plans.get(r)?.get(permission);
      if (kept && kept.metadata === metadata) return kept.plan;
    }
    const d = new Decision(this, auth, permission, req, r, metadata, this.#clock.now(), body);
    try {
      const plan = await d.run();
      if (reusable) this.#keep(r, permission, metadata, plan);
      return plan;
    } catch (e) {
      if (e instanceof MissingIndex && metadata) {
        // A name the cached metadata does not know: look again before calling it an auto-create.
        this.#d.metadata.invalidate();
        const fresh = await this.#d.metadata.current();
        return new Decision(this, auth, permission, req, r, fresh, this.#clock.now(), body, true).run();
      }
      throw e;
    }
  }

  #keep(r: Resolution, permission: Permission, metadata: IndexMetadata | null, plan: ForwardPlan): void {
    let byPermission = this.#plans.get(r);
    if (!byPermission) this.#plans.set(r, (byPermission = new WeakMap()));
    byPermission.set(permission, { metadata, plan: Object.freeze(plan) });
  }

  /** @internal */
  render(template: unknown): Promise<unknown> {
    if (!this.#d.renderTemplate) throw new EsError('illegal_argument', 'search templates cannot be checked: no renderer');
    return this.#d.renderTemplate(template);
  }
}

class MissingIndex extends Error {}

/**
 * A decision that depends only on the resolution, the permission and the metadata: no clock (date math), no
 * caller identity (scroll and point-in-time ownership), no upstream call (templates), no body (items).
 * Denials are thrown, never kept, so the caller's name in a denial message is never reused.
 */
function decidedWithoutContext(r: Resolution): boolean {
  if (r.kind !== 'indices') return true;
  if (r.items || r.body !== undefined || r.refusal !== undefined || r.scrollIds?.length || r.pitIds?.length || r.templates?.length) return false;
  if (r.targets.some((t) => t.expression.includes('<'))) return false;
  return !(r.lookups ?? []).some((l) => l.index.includes('<'));
}

/** One request's decision. */
class Decision {
  readonly #a: ForwardAuthorizer;
  readonly #auth: Authentication;
  readonly #p: Permission;
  readonly #req: ForwardRequest;
  readonly #r: Resolution;
  readonly #md: IndexMetadata | null;
  readonly #now: number;
  readonly #body: unknown;
  readonly #fresh: boolean;
  /** The request's own segments and query until the decision changes them (then copies). */
  #segments: readonly string[];
  #query: ReadonlyMap<string, string>;
  #targetChanged = false;
  #insert: { at: number; value: Expansion } | null = null;
  #rewritePath: { segment: number; value: Expansion }[] = [];
  #bodyChanged = false;
  #createsIndex = false;

  constructor(a: ForwardAuthorizer, auth: Authentication, p: Permission, req: ForwardRequest, r: Resolution, md: IndexMetadata | null, now: number, body: unknown, fresh = false) {
    this.#a = a;
    this.#auth = auth;
    this.#p = p;
    this.#req = req;
    this.#r = r;
    this.#md = md;
    this.#now = now;
    this.#body = body;
    this.#fresh = fresh;
    this.#segments = req.segments;
    this.#query = req.query;
  }

  async run(): Promise<ForwardPlan> {
    const r = this.#r;
    switch (r.kind) {
      case 'open':
        return this.#plan();
      case 'unresolved':
        if (!this.#clusterAll()) throw this.#denied(r.action, undefined, 'all');
        return this.#plan();
      case 'cluster':
        if (!this.#p.cluster(r.action)) throw this.#denied(r.action);
        return this.#plan();
    }
    if (r.refusal) throw new EsError('illegal_argument', r.refusal);
    for (const c of r.clusterActions ?? []) if (!this.#p.cluster(c)) throw this.#denied(c);
    if (r.scrollIds?.length || r.pitIds?.length) {
      const owner = ownerKey(this.#auth);
      for (const id of [...(r.scrollIds ?? []), ...(r.pitIds ?? [])]) {
        if (!this.#a.contexts.owns(owner, id)) throw contextMissing(id);
      }
    }
    const expansions = r.targets.map((t) => this.#target(t));
    this.#checkAliasAdds(expansions);
    this.#checkLookups(r.lookups ?? []);
    for (const t of r.templates ?? []) this.#checkLookups(findLookups(await this.#a.render(t)));
    if (r.anyIndex && !this.#anyIndex(r.anyIndex, expansions)) throw this.#denied(r.anyIndex);
    if (r.items?.kind === 'bulk') return this.#bulk(r.items.items);
    if (r.items?.kind === 'mget') return this.#mget(r.items.items, r.items.body);
    if (r.items?.kind === 'msearch') return this.#msearch(r.items.items);
    return this.#plan({ capture: r.capture, releases: r.action.endsWith('/clear') || r.action.includes('close') ? [...(r.scrollIds ?? []), ...(r.pitIds ?? [])] : [] });
  }

  // ---- index targets

  #expand(t: IndexTarget): Expansion {
    for (const part of t.expression.split(',')) {
      if (part.includes(':')) throw this.#denied(t.actions[0], [part]); // remote cluster expressions: never through local privileges
    }
    return expandExpression(this.#p, t.actions, t.expression, t.options, this.#md!, this.#now, t.wildcards);
  }

  #target(t: IndexTarget): Expansion {
    const e = this.#expand(t);
    if (e.denied.length > 0) throw this.#deniedOn(t.actions, e.denied);
    if (e.names.length === 0 && !t.options.allowNoIndices) throw indexNotFound(t.expression || '_all');
    this.#checkDls(t.actions[0], e);
    this.#checkAutoCreate(t, e);
    if (e.rewrite) {
      const w = t.where;
      if (w.in === 'path') this.#rewritePath.push({ segment: w.segment, value: e });
      else if (w.in === 'path-insert') this.#insert = { at: w.at, value: e };
      else if (w.in === 'body') this.#setBody(w.pointer, e.expression);
      else if (e.dropped > 0 || t.expression.includes('<') || e.names.length === 0) {
        // Not rewritable (a query language statement): every name it reaches must be authorized.
        throw this.#deniedOn(t.actions, [t.expression]);
      }
    }
    if (t.actions.includes('indices:admin/create') || t.actions.includes('indices:admin/data_stream/create')) this.#createsIndex = true;
    return e;
  }

  #checkAutoCreate(t: IndexTarget, e: Expansion): void {
    if (!t.actions.some((a) => a.startsWith('indices:data/write/index') || a === 'indices:data/write/update')) return;
    for (const name of e.names) {
      // A single update's upsert creates the index with `indices:admin/create` (ES's TransportUpdateAction).
      const missing = this.#autoCreate(name, t.actions.includes('indices:data/write/update') ? CREATE_INDEX : AUTO_CREATE);
      if (missing) throw this.#denied(missing, [name]);
    }
  }

  /** A write to a name that does not exist creates it: ES then also requires `required`. Returns it when lacking. */
  #autoCreate(name: string, required: string): string | null {
    if (this.#md!.get(name)) return null;
    if (isAuthorized(this.#p, [required], name, this.#md!)) {
      this.#createsIndex = true;
      return null;
    }
    if (!this.#fresh) throw new MissingIndex();
    return required;
  }

  #checkDls(action: string, e: Expansion): void {
    const names = dlsNames(this.#p, action, e);
    if (names.length > 0) throw dlsRefusal(action, names);
  }

  #checkLookups(lookups: readonly Lookup[]): void {
    for (const l of lookups) {
      const name = resolveDateMath(l.index, this.#now);
      if (name.includes('*') || name.includes(':') || name.includes(',') || !isAuthorized(this.#p, [l.action], name, this.#md!)) {
        throw this.#deniedOn([l.action], [name]);
      }
      if (this.#p.restrictsDocumentsOrFields(l.action, name)) throw dlsRefusal(l.action, [name]);
    }
  }

  /** ES: adding an alias must not give the alias more privileges than the indices it points to. */
  #checkAliasAdds(expansions: Expansion[]): void {
    for (const { target, alias } of this.#r.aliasAdds ?? []) {
      const indices = expansions[target]?.names ?? [];
      for (const action of ALIAS_PROBES) {
        if (!isAuthorized(this.#p, [action], alias, this.#md!)) continue;
        if (indices.some((i) => !isAuthorized(this.#p, [action], i, this.#md!))) {
          throw new EsError('forbidden', 'Adding an alias is not allowed when the alias has more permissions than any of the indices', { action: this.#r.action });
        }
      }
    }
  }

  #anyIndex(action: string, expansions: Expansion[]): boolean {
    if (expansions.some((e) => e.names.length > 0)) return true;
    const items = this.#r.items;
    if (items) {
      for (const it of items.items) {
        const name = 'index' in it ? resolveDateMath((it as BulkItem | MgetItem).index, this.#now) : null;
        if (name && isAuthorized(this.#p, [action], name, this.#md!)) return true;
      }
    }
    return anyAuthorized(this.#p, [action], this.#md!);
  }

  // ---- composite requests

  #bulk(items: readonly BulkItem[]): ForwardPlan {
    const errors: (unknown | null)[] = [];
    const denied: DeniedItem[] = [];
    const out: Buffer[] = [];
    items.forEach((item) => {
      const name = resolveDateMath(item.index, this.#now);
      const action = bulkItemAction(item.op);
      let deniedAction: string | null = null;
      if (name.includes(':') || !isAuthorized(this.#p, [action], name, this.#md!)) deniedAction = action;
      else if (item.op !== 'delete') deniedAction = this.#autoCreate(name, AUTO_CREATE);
      if (deniedAction) {
        errors.push({ [item.op]: { _index: name, _id: item.id, status: 403, error: { type: 'security_exception', reason: this.#message(deniedAction, [name]) } } });
        denied.push({ action: deniedAction, index: name, requestName: 'BulkItemRequest' });
        return;
      }
      errors.push(null);
      let action0 = item.lines[0];
      if (item.rewriteIndex || name !== item.index) {
        const meta = { ...(item.actionObject[item.op] as Record<string, unknown>), _index: name };
        action0 = Buffer.from(JSON.stringify({ [item.op]: meta }));
      }
      out.push(action0, NEWLINE);
      if (item.lines[1]) out.push(item.lines[1], NEWLINE);
    });
    const deniedCount = errors.filter((e) => e !== null).length;
    if (deniedCount === items.length) {
      return this.#plan({ respond: { status: 200, body: { took: 0, errors: true, items: errors } }, deniedItems: denied });
    }
    const merge = deniedCount === 0 ? undefined : (upstream: unknown) => {
      const u = upstream as { items?: unknown[]; errors?: boolean };
      if (!Array.isArray(u?.items)) return upstream;
      return { ...u, errors: true, items: interleave(errors, u.items) };
    };
    return this.#plan({ body: Buffer.concat(out), merge, dropFilterPath: deniedCount > 0, deniedItems: denied });
  }

  #mget(items: readonly MgetItem[], body: Record<string, unknown>): ForwardPlan {
    const errors: (unknown | null)[] = [];
    const denied: DeniedItem[] = [];
    const docs: Record<string, unknown>[] = [];
    for (const item of items) {
      const name = resolveDateMath(item.index, this.#now);
      if (name.includes(':') || !isAuthorized(this.#p, [MGET_ITEM_ACTION], name, this.#md!)) {
        errors.push({ _index: name, _id: item.id, error: errorObject('security_exception', this.#message(MGET_ITEM_ACTION, [name])) });
        denied.push({ action: MGET_ITEM_ACTION, index: name, requestName: 'MultiGetShardRequest' });
        continue;
      }
      if (this.#p.restrictsDocumentsOrFields(MGET_ITEM_ACTION, name)) throw dlsRefusal(MGET_ITEM_ACTION, [name]);
      errors.push(null);
      docs.push({ ...item.doc, _index: name });
    }
    const deniedCount = errors.filter((e) => e !== null).length;
    if (deniedCount === items.length) return this.#plan({ respond: { status: 200, body: { docs: errors } }, deniedItems: denied });
    const rest = Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'ids' && k !== 'docs'));
    const newBody = Buffer.from(JSON.stringify({ ...rest, docs }));
    const merge = deniedCount === 0 ? undefined : (upstream: unknown) => {
      const u = upstream as { docs?: unknown[] };
      return Array.isArray(u?.docs) ? { ...u, docs: interleave(errors, u.docs) } : upstream;
    };
    return this.#plan({ body: newBody, merge, dropFilterPath: deniedCount > 0, deniedItems: denied });
  }

  async #msearchItem(item: MsearchItem): Promise<{ header: Record<string, unknown> } | { error: EsError }> {
    try {
      const owner = ownerKey(this.#auth);
      for (const id of item.pitIds) if (!this.#a.contexts.owns(owner, id)) throw contextMissing(id);
      const header = { ...item.header };
      if (!(item.pitIds.length > 0 && item.target.expression === '')) {
        const e = this.#expand(item.target);
        if (e.denied.length > 0) throw this.#deniedOn(item.target.actions, e.denied);
        if (e.names.length === 0 && !item.target.options.allowNoIndices) throw indexNotFound(item.target.expression || '_all');
        this.#checkDls(SEARCH_ACTION, e);
        const field = item.target.where.in === 'body' ? String(item.target.where.pointer[0]) : 'index';
        if (e.rewrite || header[field] === undefined) {
          delete header.indices;
          delete header.index;
          header.index = e.rewrite ? e.expression : item.target.expression || '_all';
        }
      }
      this.#checkLookups(item.lookups);
      if (item.template) this.#checkLookups(findLookups(await this.#a.render(item.body)));
      return { header };
    } catch (e) {
      if (e instanceof EsError) return { error: e };
      throw e;
    }
  }

  async #msearch(items: readonly MsearchItem[]): Promise<ForwardPlan> {
    const results = await Promise.all(items.map((i) => this.#msearchItem(i)));
    const errors: (unknown | null)[] = [];
    const denied: DeniedItem[] = [];
    const out: Buffer[] = [];
    results.forEach((res, n) => {
      if ('error' in res) {
        errors.push({ error: errorObject(res.error.type, res.error.message), status: res.error.status });
        if (res.error.status === 403) denied.push({ action: res.error.action ?? SEARCH_ACTION, index: items[n].target.expression || '_all', requestName: 'SearchRequest' });
        return;
      }
      errors.push(null);
      out.push(Buffer.from(JSON.stringify(res.header)), NEWLINE, items[n].bodyLine, NEWLINE);
    });
    const deniedCount = errors.filter((e) => e !== null).length;
    if (deniedCount === items.length) return this.#plan({ respond: { status: 200, body: { took: 0, responses: errors } }, deniedItems: denied });
    const merge = deniedCount === 0 ? undefined : (upstream: unknown) => {
      const u = upstream as { responses?: unknown[] };
      return Array.isArray(u?.responses) ? { ...u, responses: interleave(errors, u.responses) } : upstream;
    };
    // The path index no longer matters: every header names its indices.
    if (this.#segments[0] !== '_msearch') {
      this.#segments = this.#segments.slice(1);
      this.#targetChanged = true;
    }
    return this.#plan({ body: Buffer.concat(out), merge, dropFilterPath: deniedCount > 0, deniedItems: denied });
  }

  // ---- output

  #setBody(pointer: readonly (string | number)[], value: string): void {
    let node = this.#body as Record<string | number, unknown>;
    for (let i = 0; i < pointer.length - 1; i++) node = node[pointer[i]] as Record<string | number, unknown>;
    node[pointer[pointer.length - 1]] = value;
    this.#bodyChanged = true;
  }

  #plan(
    o: { body?: Buffer; respond?: ForwardPlan['respond']; merge?: ForwardPlan['merge']; capture?: ForwardPlan['capture']; releases?: readonly string[]; dropFilterPath?: boolean; deniedItems?: readonly DeniedItem[] } = {},
  ): ForwardPlan {
    if (o.dropFilterPath && this.#query.has('filter_path')) {
      const query = new Map(this.#query);
      query.delete('filter_path');
      this.#query = query;
      this.#targetChanged = true;
    }
    const path = this.#path();
    const body = o.body ?? (this.#bodyChanged ? Buffer.from(JSON.stringify(this.#body)) : undefined);
    return {
      path,
      body,
      respond: o.respond,
      merge: o.merge,
      capture: o.capture,
      changesMetadata: this.#createsIndex || mayChangeMetadata(this.#r, this.#req.method),
      releases: o.releases ?? [],
      ...(o.deniedItems?.length ? { deniedItems: distinctItems(o.deniedItems) } : {}),
    };
  }

  #path(): string {
    const full = (compact: boolean) => {
      const segs = this.#segments.map(encodeSegment);
      for (const { segment, value } of this.#rewritePath) segs[segment] = encodedExpression(value, compact);
      if (this.#insert) segs.splice(this.#insert.at, 0, encodedExpression(this.#insert.value, compact));
      const query = formatTarget([], this.#query);
      return '/' + segs.join('/') + query.slice(1);
    };
    const max = this.#a.maxRequestTarget;
    const unchanged = !this.#targetChanged && this.#rewritePath.length === 0 && !this.#insert;
    const exact = unchanged && this.#req.canonical !== undefined ? this.#req.canonical : full(false);
    if (exact.length <= max) return exact;
    const compact = full(true);
    if (compact.length <= max) return compact;
    throw new EsError('illegal_argument', `the request reaches too many indices to forward (${exact.length} characters of request target); name fewer indices or a narrower pattern`);
  }

  // ---- denials

  #message(action: string, names?: readonly string[]): string {
    return deniedMessage(this.#auth, action, { effectiveRoles: this.#p.roleNames, context: names && names.length ? indicesContext(names) : undefined });
  }

  #deniedOn(actions: readonly string[], names: readonly string[]): EsError {
    // Name the first action the names lack, as ES names the action it checked.
    const action = actions.find((a) => names.some((n) => !isAuthorized(this.#p, [a], n, this.#md!))) ?? actions[0];
    return this.#denied(action, names);
  }

  #denied(action: string, names?: readonly string[], grantedBy?: string): EsError {
    if (grantedBy) {
      const base = deniedMessage(this.#auth, action, { effectiveRoles: this.#p.roleNames });
      return new EsError('forbidden', `${base}, this action is granted by the cluster privileges [${grantedBy}]`, { action });
    }
    return deniedError(this.#auth, action, { effectiveRoles: this.#p.roleNames, context: names && names.length ? indicesContext(names) : undefined });
  }

  #clusterAll(): boolean {
    const x = this.#p as Permission & PermissionExtras;
    if (typeof x.hasClusterPrivilege === 'function') return x.hasClusterPrivilege('all');
    return this.#p.cluster('cluster:admin/portcullis/unresolved') && this.#p.cluster('cluster:admin/xpack/security/portcullis/unresolved');
  }
}

/** ES's `on indices [a,b]` / `on restricted indices [.security]` text. */
export function indicesContext(names: readonly string[]): string {
  const regular = names.filter((n) => !isRestrictedIndex(n));
  const restricted = names.filter((n) => isRestrictedIndex(n));
  let s = regular.length ? `on indices [${regular.join(',')}]` : '';
  if (restricted.length) s += `${s ? ' and' : 'on'} restricted indices [${restricted.join(',')}]`;
  return s;
}

const encodedCache = new WeakMap<Expansion, { exact?: string; compact?: string }>();

/** The expansion as a path segment, encoded once per cached expansion (long lists are not re-encoded per request). */
function encodedExpression(e: Expansion, compact: boolean): string {
  let c = encodedCache.get(e);
  if (!c) encodedCache.set(e, (c = {}));
  if (compact && e.compact) return (c.compact ??= encodeSegment(e.compact));
  return (c.exact ??= encodeSegment(e.expression));
}

const dlsCache = new WeakMap<Expansion, Map<string, string[]>>();

function dlsNames(p: Permission, action: string, e: Expansion): string[] {
  let byAction = dlsCache.get(e);
  if (!byAction) dlsCache.set(e, (byAction = new Map()));
  let names = byAction.get(action);
  if (!names) {
    names = e.names.filter((n) => p.restrictsDocumentsOrFields(action, n));
    byAction.set(action, names);
  }
  return names;
}

function dlsRefusal(action: string, names: readonly string[]): EsError {
  return new EsError(
    'forbidden',
    `action [${action}] ${indicesContext(names)} is subject to field or document level security, which the gateway does not enforce; the request is refused`,
  );
}

function contextMissing(id: string): EsError {
  return new EsError('not_found', `No search context found for id [${id}]`, { type: 'search_context_missing_exception', status: 404 });
}

function indexNotFound(expression: string): EsError {
  return new EsError('not_found', `no such index [${expression}]`, {
    type: 'index_not_found_exception',
    status: 404,
    fields: { 'resource.type': 'index_or_alias', 'resource.id': expression, index_uuid: '_na_', index: expression },
  });
}

function errorObject(type: string, reason: string): Record<string, unknown> {
  return { root_cause: [{ type, reason }], type, reason };
}

/** Puts the upstream's answers into the positions that were forwarded, denials into theirs. */
function interleave(local: readonly (unknown | null)[], upstream: readonly unknown[]): unknown[] {
  let j = 0;
  return local.map((x) => (x === null ? upstream[j++] : x));
}

export { NO_INDICES, encodeSegment };
