/**
 * The second line of defence on answers. For the read APIs (search, msearch, get, mget, explain, term vectors,
 * scroll, async search and the template variants) every index an answer names must be one the request was
 * authorized to read; the forward plan carries a ResponseCheck, the proxy reads the names out of the answer
 * (proxy/answer-indices.ts) and asks `permit` for each.
 *
 * Answers name concrete indices; authorization was decided on the request's names. A name passes when it is
 * one of the request's authorized names, or a member of an alias or data stream among them (an alias of data
 * streams: two levels). Requests that name no indices of their own (scroll, point in time, async search
 * results) pass a name the caller may read for the action: the name itself, or an alias or data stream
 * holding it. Remote-cluster names (`cluster:index`) never pass.
 *
 * Metadata may predate the answer (an alias changed or a data stream rolled over upstream within the cache
 * TTL): `recheck` asks again on freshly fetched metadata before an answer is withheld.
 */
import { EsError } from '../core/errors.ts';
import type { Permission } from './permission.ts';
import type { IndexMetadata } from './indices/metadata.ts';
import { isAuthorized } from './indices/authorized-names.ts';

/** Where an answer carries index names (see proxy/answer-indices.ts). */
export const AnswerShape = {
  /** `hits.hits[]` (with inner hits), top hits in aggregations, suggest options, shard failures. */
  search: 'search',
  /** `responses[]`, each a search answer. */
  msearch: 'msearch',
  /** `docs[]` (mget, mtermvectors). */
  docs: 'docs',
  /** The top-level `_index` (get, explain, termvectors). */
  doc: 'doc',
  /** `response`, a search answer (async search). */
  async: 'async',
} as const;
export type AnswerShape = (typeof AnswerShape)[keyof typeof AnswerShape];

export interface ResponseCheck {
  /** The action the request was authorized for (named in the audit event and the refusal). */
  readonly action: string;
  readonly shape: AnswerShape;
  /** The permission's role names (ES's effective roles, for the refusal). */
  readonly roles: readonly string[];
  /** Whether the answer may name `index`. */
  permit(index: string): boolean;
  /** Those of `refused` that freshly fetched metadata still refuses. */
  recheck(refused: readonly string[]): Promise<readonly string[]>;
}

const SEARCH = 'indices:data/read/search';
const GET = 'indices:data/read/get';

const SHAPES: Readonly<Record<string, AnswerShape>> = {
  [SEARCH]: AnswerShape.search,
  'indices:data/read/search/template': AnswerShape.search,
  'indices:data/read/scroll': AnswerShape.search,
  'indices:data/read/msearch': AnswerShape.msearch,
  'indices:data/read/msearch/template': AnswerShape.msearch,
  [GET]: AnswerShape.doc,
  'indices:data/read/explain': AnswerShape.doc,
  'indices:data/read/tv': AnswerShape.doc,
  'indices:data/read/mget': AnswerShape.docs,
  'indices:data/read/mtv': AnswerShape.docs,
  'indices:data/read/async_search/submit': AnswerShape.async,
  'indices:data/read/async_search/get': AnswerShape.async,
};

/**
 * The shape of a read API's answer, or null when its answer carries no documents of an index: `_count` and
 * `_cat/count` (which share the search action), `_render/template` (the rendered search, no documents),
 * `GET {index}/_source/{id}` (the bare source: no `_index` to check; the request named its one index).
 */
export function answerShapeOf(action: string, segments: readonly string[]): AnswerShape | null {
  const shape = SHAPES[action];
  if (shape === undefined) return null;
  if (segments[0] === '_cat' || segments[0] === '_render' || segments.includes('_count')) return null;
  if (action === GET && segments[1] === '_source') return null;
  return shape;
}

export interface ResponseScope {
  readonly permission: Permission;
  readonly action: string;
  readonly shape: AnswerShape;
  /**
   * The authorized names the request reaches, in groups (one per index expression or item; the arrays of
   * cached expansions are reused, so their sets are built once); null: the request names no indices.
   */
  readonly names: readonly (readonly string[])[] | null;
  readonly metadata: IndexMetadata;
  /** Fresh metadata, for `recheck`. */
  readonly fresh: () => Promise<IndexMetadata>;
}

export function responseCheck(scope: ResponseScope): ResponseCheck {
  let permit: ((name: string) => boolean) | null = null;
  const on = (md: IndexMetadata) => (scope.names === null ? readable(scope.permission, looseAction(scope.action), md) : within(scope.names, md));
  return {
    action: scope.action,
    shape: scope.shape,
    roles: scope.permission.roleNames,
    permit: (name) => !name.includes(':') && (permit ??= on(scope.metadata))(name),
    recheck: async (refused) => {
      const md = await scope.fresh();
      if (md === scope.metadata) return refused;
      const again = on(md);
      return refused.filter((n) => n.includes(':') || !again(n));
    },
  };
}

/** Scroll, point-in-time and async-search answers are search answers: the caller must be able to search the name. */
function looseAction(action: string): string {
  return action === 'indices:data/read/scroll' || action.startsWith('indices:data/read/async_search/') || action.startsWith('indices:data/read/msearch') ? SEARCH : action;
}

// ---- within the request's names

const groupSets = new WeakMap<readonly string[], { metadata: IndexMetadata; set: ReadonlySet<string> }>();

function within(groups: readonly (readonly string[])[], md: IndexMetadata): (name: string) => boolean {
  const sets = groups.map((g) => groupSet(g, md));
  if (sets.length === 1) {
    const only = sets[0];
    return (name) => only.has(name);
  }
  return (name) => sets.some((s) => s.has(name));
}

/** The names and their members (aliases → indices or data streams → backing indices). */
function groupSet(names: readonly string[], md: IndexMetadata): ReadonlySet<string> {
  const kept = groupSets.get(names);
  if (kept && kept.metadata === md) return kept.set;
  const set = new Set<string>();
  for (const n of names) addWithMembers(set, n, md, 2);
  groupSets.set(names, { metadata: md, set });
  return set;
}

function addWithMembers(set: Set<string>, name: string, md: IndexMetadata, depth: number): void {
  set.add(name);
  if (depth === 0) return;
  const a = md.get(name);
  if (a) for (const member of a.indices) addWithMembers(set, member, md, depth - 1);
}

// ---- whatever the caller may read

const parentMaps = new WeakMap<IndexMetadata, ReadonlyMap<string, readonly string[]>>();

/** Member → the aliases and data streams that hold it, once per metadata snapshot. */
function parentsOf(md: IndexMetadata): ReadonlyMap<string, readonly string[]> {
  let m = parentMaps.get(md);
  if (!m) {
    const out = new Map<string, string[]>();
    for (const a of md.entries) {
      for (const member of a.indices) {
        const list = out.get(member);
        if (list) list.push(a.name);
        else out.set(member, [a.name]);
      }
    }
    parentMaps.set(md, (m = out));
  }
  return m;
}

function readable(p: Permission, action: string, md: IndexMetadata): (name: string) => boolean {
  const actions = [action];
  const parents = parentsOf(md);
  const ok = (name: string, depth: number): boolean => {
    if (isAuthorized(p, actions, name, md)) return true;
    if (depth === 0) return false;
    return (parents.get(name) ?? []).some((parent) => ok(parent, depth - 1));
  };
  return (name) => ok(name, 2);
}

// ---- filter_path

/**
 * `filter_path` of a checked request, as sent upstream: with includes, `_index` and `**._index` are added so
 * the answer keeps the names the check reads (the client then sees them too: a deviation from ES); an
 * exclusion that would remove `_index` and leave the documents is refused (400), as the check could not work.
 */
export function checkedFilterPath(value: string): string {
  const parts = value.split(',').map((p) => p.trim()).filter((p) => p !== '');
  for (const p of parts) {
    if (p[0] !== '-') continue;
    const last = p.slice(1).split('.').pop() ?? '';
    if (globMatches(last, '_index')) {
      throw new EsError('illegal_argument', `filter_path [${p}] would remove the [_index] of documents from the answer; the gateway checks every answer of this API by it: leave the exclusion out`);
    }
  }
  if (!parts.some((p) => p[0] !== '-')) return value;
  return `${value},_index,**._index`;
}

function globMatches(pattern: string, name: string): boolean {
  if (!pattern.includes('*')) return pattern === name;
  const re = new RegExp('^' + pattern.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return re.test(name);
}
