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
import { resolveDateMath, DateMathError } from './indices/date-math.ts';
import { isRestrictedIndex } from './indices/restricted.ts';
import type { IndexTarget, Resolution, Lookup, BulkItem, MgetItem, MsearchItem, Retarget } from './resolve/types.ts';
import { formatTarget, encodeSegment } from './resolve/canonical.ts';
import { bulkItemAction } from './resolve/bulk.ts';
import { MGET_ITEM_ACTION, SEARCH_ACTION } from './resolve/documents.ts';
import { findLookups, LookupShape, pitIdsOf } from './resolve/lookups.ts';
import { NEWLINE } from './resolve/ndjson.ts';
import { Slice } from '../lib/slices.ts';
import { SearchContextRegistry, ownerKey } from './forward-contexts.ts';
import { denied as deniedError, deniedMessage } from './messages.ts';
import { answerShapeOf, checkedFilterPath, responseCheck, type ResponseCheck } from './response-check.ts';
import { unmetRetarget, pipelineRetarget, type UnmetRetarget } from './retarget/check.ts';
import type { PipelineSource } from './retarget/pipelines.ts';

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
  /** An answer given without forwarding (every item was denied): a value, or items written one by one. */
  readonly respond?: { readonly status: number; readonly body?: unknown; readonly items?: ItemAnswers };
  /** The denied items to fold back into the upstream's answer, in their original positions. */
  readonly merge?: ItemAnswers;
  /** Remember the response's scroll / point-in-time id (or SQL cursor) as the caller's. */
  readonly capture?: 'scroll' | 'pit';
  /** Run after a successful answer: the request changed indices, aliases or data streams. */
  readonly changesMetadata: boolean;
  /** Ids the caller released (clear scroll, close PIT). */
  readonly releases: readonly string[];
  /** Read APIs: the indices the answer may name (the second line of defence, see response-check.ts). */
  readonly checkResponse?: ResponseCheck;
  /** Items refused inside `_bulk`, `_mget` or `_msearch` (answered with 403 items), once per action and index, for the audit trail. */
  readonly deniedItems?: readonly DeniedItem[];
  /** Get-aliases answers: the JSON answer is filtered to the aliases the caller may see (see Resolution.aliasAnswer). */
  readonly filterAliases?: { readonly visible: (alias: string) => boolean; readonly dropEmpty: boolean };
}

/**
 * The answers of a composite request's items that are given here (denials), by position; the others come
 * from the upstream's answer, in order. Produced one at a time, so a million denied items are never one value.
 */
export interface ItemAnswers {
  /** The answer's array: `items` (bulk), `docs` (mget), `responses` (msearch). */
  readonly key: 'items' | 'docs' | 'responses';
  readonly count: number;
  /** Item n's local answer, or null when the upstream answers it. */
  local(n: number): unknown | null;
  /** Top-level fields of an answer made here alone. */
  readonly head?: Readonly<Record<string, unknown>>;
  /** Top-level fields set on the answer (bulk: `errors: true`). */
  readonly set?: Readonly<Record<string, unknown>>;
}

/** The whole answer as one value (tests and small answers). */
export function answersValue(a: ItemAnswers, upstream?: { readonly [k: string]: unknown }): Record<string, unknown> {
  const theirs = (upstream?.[a.key] as unknown[] | undefined) ?? [];
  let j = 0;
  const list = Array.from({ length: a.count }, (_, n) => a.local(n) ?? theirs[j++] ?? null);
  return { ...(upstream ?? a.head), ...a.set, [a.key]: list };
}

/** One refused item of a composite request: the item's action, its index and ES's request class for it. */
export interface DeniedItem {
  readonly action: string;
  readonly index: string;
  readonly requestName: string;
}

/** A bulk request's denied items (the action each was denied for, by position), once per action and index. */
function bulkDenials(items: readonly BulkItem[], denied: readonly (string | null)[], names: readonly string[]): DeniedItem[] {
  const seen = new Map<string, DeniedItem>();
  for (let n = 0; n < items.length; n++) {
    const action = denied[n];
    if (action !== null) seen.set(`${action}\u0000${names[n]}`, { action, index: names[n], requestName: 'BulkItemRequest' });
  }
  return [...seen.values()];
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
  /**
   * Renders a search template (in the gateway; stored templates are loaded from the upstream) to the search body
   * that is then authorized and forwarded in its place (`_search/template` → `_search`, `_msearch/template` → `_msearch`).
   */
  readonly renderTemplate?: (template: unknown) => Promise<unknown>;
  /** Ingest pipeline definitions, to tell whether a pipeline a write runs through may change its index. */
  readonly pipelines?: PipelineSource;
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
    this.#d.pipelines?.invalidate();
  }

  /** @internal */
  get pipelines(): PipelineSource | undefined {
    return this.#d.pipelines;
  }

  #freshInFlight: Promise<IndexMetadata> | null = null;
  #freshQueued: Promise<IndexMetadata> | null = null;

  /**
   * Metadata fetched after this call, for an answer that names an index the snapshot did not place in the
   * request's reach (an alias changed or a data stream rolled over upstream since). Refusals share fetches:
   * one in flight and at most one queued behind it, so they cannot flood the upstream.
   */
  freshMetadata(): Promise<IndexMetadata> {
    if (this.#freshQueued) return this.#freshQueued;
    const inFlight = this.#freshInFlight;
    if (!inFlight) return this.#fetchFresh();
    // The fetch in flight started before this answer arrived: the next one must start after it.
    const queued = inFlight.then(noop, noop).then(() => {
      this.#freshQueued = null;
      return this.#fetchFresh();
    });
    this.#freshQueued = queued;
    return queued;
  }

  #fetchFresh(): Promise<IndexMetadata> {
    this.#d.metadata.invalidate();
    const p = this.#d.metadata.current();
    this.#freshInFlight = p;
    const done = () => {
      if (this.#freshInFlight === p) this.#freshInFlight = null;
    };
    p.then(done, done);
    return p;
  }

  async plan(auth: Authentication, req: ForwardRequest, r: Resolution, body?: unknown): Promise<ForwardPlan> {
    const permission = await this.#d.permissions.permissionFor(auth);
    const metadata = r.kind === 'indices' ? await this.#d.metadata.current() : null;
    const reusable = req.shared === true && body === undefined && decidedWithoutContext(r);
    if (reusable) {
      const kept = this.#plans.get(r)?.get(permission);
      if (kept && kept.metadata === metadata) return kept.plan;
    }
    try {
      return await this.#decide(auth, permission, req, r, metadata, body, reusable);
    } catch (e) {
      if (e instanceof DateMathError) throw dateMathDenial(auth, permission, r.action, e);
      throw e;
    }
  }

  async #decide(auth: Authentication, permission: Permission, req: ForwardRequest, r: Resolution, metadata: IndexMetadata | null, body: unknown, reusable: boolean): Promise<ForwardPlan> {
    const d = new Decision(this, auth, permission, req, r, metadata, this.#clock.now(), body);
    try {
      const plan = await d.run();
      if (reusable && !d.consultedPipelines) this.#keep(r, permission, metadata, plan);
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

function noop(): void {}

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
  /** The authorized names the request reads (what its answer may name); #byContext: it reads by scroll / PIT id too. */
  readonly #readNames: (readonly string[])[] = [];
  #byContext = false;
  readonly #messages = new Map<string, string>();
  /** Pipeline definitions were read: the plan depends on them and is not kept. */
  consultedPipelines = false;

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
        if (r.retargets?.length) await this.#checkRetargets(r.retargets, []);
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
    if (r.renameSegment) {
      const { from, to } = r.renameSegment;
      this.#segments = this.#segments.map((s) => (s === from ? to : s));
      this.#targetChanged = true;
    }
    const expansions = r.targets.map((t) => this.#target(t));
    this.#checkAliasAdds(expansions);
    this.#checkLookups(r.lookups ?? []);
    let rendered: unknown;
    for (const t of r.templates ?? []) {
      rendered = await this.#a.render(t);
      this.#checkRendered(rendered);
    }
    if (r.anyIndex && !(await this.#anyIndex(r.anyIndex, expansions))) throw this.#denied(r.anyIndex);
    if (r.items?.kind === 'bulk') return this.#bulk(r.items.items);
    await this.#checkRetargets(r.retargets ?? [], r.targets.flatMap((t, n) => (t.actions.some(writesDocuments) ? expansions[n].names : [])));
    if (r.items?.kind === 'mget') return this.#mget(r.items.items, r.items.body);
    if (r.items?.kind === 'msearch') return this.#msearch(r.items.items);
    if (rendered !== undefined) {
      this.#dropTemplateSegment();
      return this.#plan({ capture: r.capture, body: Buffer.from(JSON.stringify(rendered)) });
    }
    return this.#plan({ capture: r.capture, releases: r.action.endsWith('/clear') || r.action.includes('close') ? [...(r.scrollIds ?? []), ...(r.pitIds ?? [])] : [] });
  }

  /** What a rendered template reads: its lookups, and point-in-time ids (the caller's own only). */
  #checkRendered(rendered: unknown): void {
    this.#checkLookups(findLookups(rendered, LookupShape.searchBody));
    const owner = ownerKey(this.#auth);
    for (const id of pitIdsOf(rendered)) if (!this.#a.contexts.owns(owner, id)) throw contextMissing(id);
  }

  /** A rendered template is sent as the search it renders to: `…/_search/template` → `…/_search`. */
  #dropTemplateSegment(): void {
    if (this.#segments[this.#segments.length - 1] !== 'template') return;
    this.#segments = this.#segments.slice(0, -1);
    this.#targetChanged = true;
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
    if (e.denied.length > 0) throw t.aliasNames ? this.#denied(t.actions[0]) : this.#deniedOn(t.actions, e.denied);
    if (e.names.length === 0 && !t.options.allowNoIndices) throw indexNotFound(t.expression || '_all');
    this.#checkDls(t.actions[0], e);
    this.#checkAutoCreate(t, e);
    this.#readNames.push(e.names);
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
    for (const { target, alias, rollover } of this.#r.aliasAdds ?? []) {
      const named = expansions[target]?.names ?? [];
      const indices = rollover ? named.flatMap((n) => (this.#md!.get(n)?.indices ?? [n]).map(nextRolloverName)) : named;
      for (const action of ALIAS_PROBES) {
        if (!isAuthorized(this.#p, [action], alias, this.#md!)) continue;
        if (indices.some((i) => !isAuthorized(this.#p, [action], i, this.#md!))) {
          throw new EsError('forbidden', 'Adding an alias is not allowed when the alias has more permissions than any of the indices', { action: this.#r.action });
        }
      }
    }
  }

  async #anyIndex(action: string, expansions: Expansion[]): Promise<boolean> {
    if (expansions.some((e) => e.names.length > 0)) return true;
    const items = this.#r.items;
    if (items) {
      const slice = new Slice();
      const seen = new Set<string>();
      for (let n = 0; n < items.items.length; n++) {
        if (n % 1024 === 0) await slice.tick();
        const it = items.items[n];
        if (!('index' in it) || seen.has(it.index)) continue;
        if (seen.size < 4096) seen.add(it.index);
        const name = resolveDateMath((it as BulkItem | MgetItem).index, this.#now);
        if (isAuthorized(this.#p, [action], name, this.#md!)) return true;
      }
    }
    return anyAuthorized(this.#p, [action], this.#md!);
  }

  /** Writes a script or pipeline may send to any index: only for callers holding the write actions everywhere. */
  async #checkRetargets(retargets: readonly Retarget[], written: readonly string[]): Promise<void> {
    if (retargets.length === 0 && written.length === 0) return;
    const { unmet, consulted } = await unmetRetarget({ permission: this.#p, retargets, written, metadata: this.#md, pipelines: this.#a.pipelines });
    if (consulted) this.consultedPipelines = true;
    if (unmet) throw this.#retargetDenied(unmet);
  }

  #retargetDenied(u: UnmetRetarget): EsError {
    const subject = deniedMessage(this.#auth, this.#r.action, { effectiveRoles: this.#p.roleNames }).split(', this action is granted by')[0];
    const reason = `${subject}, because ${u.reason}; the gateway forwards such a request only when [${u.actions.join(',')}] are granted on every index, restricted indices included`;
    return new EsError('forbidden', reason, { action: this.#r.action });
  }

  // ---- composite requests

  async #bulk(items: readonly BulkItem[]): Promise<ForwardPlan> {
    const slice = new Slice();
    const denied: (string | null)[] = new Array(items.length);
    const names: string[] = new Array(items.length);
    const verdicts = new Map<string, string | null>();
    let deniedCount = 0;
    for (let n = 0; n < items.length; n++) {
      if (n % 256 === 0) await slice.tick();
      const item = items[n];
      const name = item.index.includes('<') ? resolveDateMath(item.index, this.#now) : item.index;
      names[n] = name;
      const key = `${item.op}${item.script ? '+script' : ''}\u0000${name}`;
      let verdict = verdicts.get(key);
      if (verdict === undefined) verdicts.set(key, (verdict = this.#bulkVerdict(item, name)));
      denied[n] = verdict;
      if (verdict !== null) deniedCount++;
    }
    const answers: ItemAnswers = {
      key: 'items',
      count: items.length,
      set: { errors: true },
      head: { took: 0 },
      local: (n) => (denied[n] === null ? null : { [items[n].op]: { _index: names[n], _id: items[n].id, status: 403, error: { type: 'security_exception', reason: this.#message(denied[n]!, [names[n]]) } } }),
    };
    const deniedItems = bulkDenials(items, denied, names);
    if (deniedCount === items.length) return this.#plan({ respond: { status: 200, items: answers }, deniedItems });
    await this.#checkRetargets(...(await bulkWrites(items, denied, names, slice)));
    const body = await bulkBody(items, denied, names, slice);
    return this.#plan({ body, merge: deniedCount === 0 ? undefined : answers, dropFilterPath: deniedCount > 0, deniedItems });
  }

  /** The action a bulk item is denied for, or null. */
  #bulkVerdict(item: BulkItem, name: string): string | null {
    const action = bulkItemAction(item.op);
    if (name.includes(':') || !isAuthorized(this.#p, [action], name, this.#md!)) return action;
    const create = item.op !== 'delete' ? this.#autoCreate(name, AUTO_CREATE) : null;
    if (create) return create;
    // A scripted update may delete the document (`ctx.op = "delete"`): it needs delete on the index too.
    if (item.script && !isAuthorized(this.#p, [DELETE_ACTION], name, this.#md!)) return DELETE_ACTION;
    return null;
  }

  #mget(items: readonly MgetItem[], body: Record<string, unknown>): ForwardPlan {
    const errors: (unknown | null)[] = [];
    const denied: DeniedItem[] = [];
    const docs: Record<string, unknown>[] = [];
    const read: string[] = [];
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
      read.push(name);
    }
    this.#readNames.push(read);
    const deniedCount = errors.filter((e) => e !== null).length;
    const answers: ItemAnswers = { key: 'docs', count: items.length, local: (n) => errors[n] };
    if (deniedCount === items.length) return this.#plan({ respond: { status: 200, items: answers }, deniedItems: denied });
    const rest = Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'ids' && k !== 'docs'));
    const newBody = Buffer.from(JSON.stringify({ ...rest, docs }));
    return this.#plan({ body: newBody, merge: deniedCount === 0 ? undefined : answers, dropFilterPath: deniedCount > 0, deniedItems: denied });
  }

  /** The header and body line to send for an msearch item (indices authorized and rewritten, a template rendered), or the item's error. */
  async #msearchItem(item: MsearchItem, targets: Map<string, Buffer | EsError>): Promise<{ header: Buffer; bodyLine: Buffer } | EsError> {
    try {
      const owner = ownerKey(this.#auth);
      for (const id of item.pitIds) if (!this.#a.contexts.owns(owner, id)) throw contextMissing(id);
      // Items with the same header have the same index decision (a large msearch repeats a few headers).
      const key = JSON.stringify(item.header) + (item.pitIds.length > 0 ? '\u0000pit' : '');
      let header = targets.get(key);
      if (header === undefined) {
        header = this.#msearchHeader(item);
        if (targets.size < 4096) targets.set(key, header);
      }
      if (header instanceof EsError) return header;
      this.#checkLookups(item.lookups);
      if (!item.template) return { header, bodyLine: item.bodyLine };
      const rendered = await this.#a.render(item.body);
      this.#checkRendered(rendered);
      return { header, bodyLine: Buffer.from(JSON.stringify(rendered)) };
    } catch (e) {
      if (e instanceof EsError) return e;
      throw e;
    }
  }

  #msearchHeader(item: MsearchItem): Buffer | EsError {
    try {
      const header = { ...item.header };
      if (item.pitIds.length > 0) this.#byContext = true;
      if (!(item.pitIds.length > 0 && item.target.expression === '')) {
        const e = this.#expand(item.target);
        if (e.denied.length > 0) throw this.#deniedOn(item.target.actions, e.denied);
        if (e.names.length === 0 && !item.target.options.allowNoIndices) throw indexNotFound(item.target.expression || '_all');
        this.#checkDls(SEARCH_ACTION, e);
        this.#readNames.push(e.names);
        const field = item.target.where.in === 'body' ? String(item.target.where.pointer[0]) : 'index';
        if (e.rewrite || header[field] === undefined) {
          delete header.indices;
          delete header.index;
          header.index = e.rewrite ? e.expression : item.target.expression || '_all';
        }
      }
      return Buffer.from(JSON.stringify(header));
    } catch (e) {
      if (e instanceof EsError) return e;
      throw e;
    }
  }

  async #msearch(items: readonly MsearchItem[]): Promise<ForwardPlan> {
    const slice = new Slice();
    const targets = new Map<string, Buffer | EsError>();
    const errors: (EsError | null)[] = new Array(items.length);
    const out: Buffer[] = [];
    const denied: DeniedItem[] = [];
    let deniedCount = 0;
    for (let n = 0; n < items.length; n++) {
      if (n % 256 === 0) await slice.tick();
      const res = await this.#msearchItem(items[n], targets);
      if (res instanceof EsError) {
        errors[n] = res;
        deniedCount++;
        if (res.status === 403 && denied.length < 10_000) denied.push({ action: res.action ?? SEARCH_ACTION, index: items[n].target.expression || '_all', requestName: 'SearchRequest' });
        continue;
      }
      errors[n] = null;
      out.push(res.header, NEWLINE, res.bodyLine, NEWLINE);
    }
    const answers: ItemAnswers = {
      key: 'responses',
      count: items.length,
      head: { took: 0 },
      local: (n) => {
        const e = errors[n];
        return e === null ? null : { error: errorObject(e.type, e.message), status: e.status };
      },
    };
    if (deniedCount === items.length) return this.#plan({ respond: { status: 200, items: answers }, deniedItems: denied });
    // The path index no longer matters: every header names its indices.
    if (this.#segments[0] !== '_msearch') {
      this.#segments = this.#segments.slice(1);
      this.#targetChanged = true;
    }
    if (items.some((it) => it.template)) this.#dropTemplateSegment();
    return this.#plan({ body: await concatSliced(out, slice), merge: deniedCount === 0 ? undefined : answers, dropFilterPath: deniedCount > 0, deniedItems: denied });
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
    const checkResponse = o.respond ? undefined : this.#responseCheck();
    const filterPath = checkResponse ? this.#query.get('filter_path') : undefined;
    if (filterPath !== undefined) {
      const checked = checkedFilterPath(filterPath);
      if (checked !== filterPath) {
        this.#query = new Map(this.#query).set('filter_path', checked);
        this.#targetChanged = true;
      }
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
      checkResponse,
      ...(o.deniedItems?.length ? { deniedItems: distinctItems(o.deniedItems) } : {}),
      ...this.#aliasFilter(),
    };
  }

  #aliasFilter(): Pick<ForwardPlan, 'filterAliases'> {
    const a = this.#r.aliasAnswer;
    if (!a || this.#req.method === 'HEAD' || !this.#md) return {};
    const p = this.#p;
    const md = this.#md;
    return { filterAliases: { visible: (alias) => isAuthorized(p, [a.action], alias, md), dropEmpty: a.dropEmpty } };
  }

  #responseCheck(): ResponseCheck | undefined {
    const shape = this.#md && this.#req.method !== 'HEAD' ? answerShapeOf(this.#r.action, this.#req.segments) : null;
    if (shape === null) return undefined;
    const byContext = this.#byContext || (this.#r.scrollIds?.length ?? 0) > 0 || (this.#r.pitIds?.length ?? 0) > 0;
    const a = this.#a;
    return responseCheck({ permission: this.#p, action: this.#r.action, shape, names: byContext ? null : this.#readNames, metadata: this.#md!, fresh: () => a.freshMetadata() });
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
    if (names?.length === 1) {
      // Item denials repeat: one string per (action, index) however many items.
      const key = `${action}\u0000${names[0]}`;
      let m = this.#messages.get(key);
      if (m === undefined) {
        m = deniedMessage(this.#auth, action, { effectiveRoles: this.#p.roleNames, context: indicesContext(names) });
        if (this.#messages.size < 4096) this.#messages.set(key, m);
      }
      return m;
    }
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

/**
 * ES resolves date math while it authorizes: an expression it cannot resolve is a 403 for the request's
 * action, with the resolver's error as `caused_by` (and as the root cause when it is one of ES's own).
 */
function dateMathDenial(auth: Authentication, p: Permission, action: string, e: DateMathError): EsError {
  const denial = deniedError(auth, action, { effectiveRoles: p.roleNames });
  const cause = { type: e.type, reason: e.message, ...(e.causedBy ? { caused_by: e.causedBy } : {}) };
  return new EsError('forbidden', denial.message, { action, fields: { caused_by: cause }, rootCause: e.esException ? { type: e.type, reason: e.message } : { type: 'security_exception', reason: denial.message } });
}

/** The index rollover creates after `index` (ES: the name's `-N` suffix incremented, six digits). */
function nextRolloverName(index: string): string {
  const m = /^(.*-)(\d+)$/.exec(index);
  return m ? m[1] + String(Number(m[2]) + 1).padStart(6, '0') : index;
}

const DELETE_ACTION = 'indices:data/write/delete';

/** The pipelines the forwarded bulk items name, and the names they write (whose default pipelines run). */
async function bulkWrites(items: readonly BulkItem[], denied: readonly (string | null)[], names: readonly string[], slice: Slice): Promise<[Retarget[], string[]]> {
  const pipelines = new Set<string>();
  const written = new Set<string>();
  for (let n = 0; n < items.length; n++) {
    if (n % 1024 === 0) await slice.tick();
    const item = items[n];
    if (denied[n] !== null || item.op === 'delete') continue;
    written.add(names[n]);
    if (item.pipeline !== undefined && item.pipeline !== '' && item.pipeline !== '_none') pipelines.add(item.pipeline);
  }
  return [[...pipelines].map((id) => pipelineRetarget(id, 'a [_bulk] item')), [...written]];
}

/** Actions whose writes run through the target's default and final pipelines. */
function writesDocuments(action: string): boolean {
  return action === 'indices:data/write/index' || action === 'indices:data/write/update' || action === 'indices:data/write/update/byquery';
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

/**
 * The bulk body to forward: the allowed items' lines as they came (adjacent ones as one range of the body),
 * an action line re-serialized only where its index was rewritten (date math).
 */
async function bulkBody(items: readonly BulkItem[], denied: readonly (string | null)[], names: readonly string[], slice: Slice): Promise<Buffer> {
  const pieces: Buffer[] = [];
  let raw: Buffer | null = null;
  let from = -1;
  let to = -1;
  const flush = () => {
    if (raw && from >= 0) pieces.push(raw.subarray(from, to));
    from = -1;
  };
  /** Adds raw[start, end) and a newline (the body's own when it follows). */
  const range = (body: Buffer, start: number, end: number) => {
    if (body !== raw || start !== to) flush();
    raw = body;
    if (from < 0) from = start;
    if (body[end] === 0x0a) to = end + 1;
    else {
      to = end;
      flush();
      pieces.push(NEWLINE);
    }
  };
  for (let n = 0; n < items.length; n++) {
    if (n % 1024 === 0) await slice.tick();
    if (denied[n] !== null) continue;
    const item = items[n];
    if (item.rewriteIndex || names[n] !== item.index) {
      flush();
      const meta = { ...((item.actionObject ?? {})[item.op] as Record<string, unknown>), _index: names[n] };
      pieces.push(Buffer.from(JSON.stringify({ [item.op]: meta })), NEWLINE);
    } else range(item.raw, item.actionStart, item.actionEnd);
    if (item.sourceStart >= 0) range(item.raw, item.sourceStart, item.sourceEnd);
  }
  flush();
  return concatSliced(pieces, slice);
}

/** Buffer.concat, copying a few MiB per turn of the event loop. */
async function concatSliced(pieces: readonly Buffer[], slice: Slice): Promise<Buffer> {
  if (pieces.length === 1) return pieces[0];
  let total = 0;
  for (const p of pieces) total += p.length;
  const out = Buffer.allocUnsafe(total);
  let at = 0;
  for (let i = 0; i < pieces.length; i++) {
    if (i % 1024 === 0) await slice.tick();
    at += pieces[i].copy(out, at);
  }
  return out;
}

export { NO_INDICES, encodeSegment };
