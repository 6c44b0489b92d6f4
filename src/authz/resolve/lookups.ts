/**
 * Documents a request reads from other indices while it runs, each authorized as the caller would be in ES
 * (ES runs them as the user): terms lookup, geo_shape/shape `indexed_shape`, percolate by id
 * (`indices:data/read/get`), more_like_this documents (`indices:data/read/mtv`), lookup runtime fields
 * (`indices:data/read/search`). Found by the DSL walker (authz/dsl), which refuses what it does not know.
 *
 * INTERIM: the resolvers pass whole bodies here; the request grammar will call `walkDsl` per marked position.
 * `request` bodies (count, explain, validate, by-query, field_caps, terms_enum, rank_eval, aliases, reindex
 * `source`) have their DSL fields walked strictly and any other field scanned for `{index, id}` shapes as before.
 */
import type { Lookup } from './types.ts';
import { isObject } from './context.ts';
import { walkDsl, DslKind, newFindings, LookupAction, type DslFindings } from '../dsl/index.ts';
import { refusedConstruct } from '../dsl/errors.ts';

export const GET_ACTION = LookupAction.get;
export const MTV_ACTION = LookupAction.mtv;

/** The shape of the body handed to `findLookups`. */
export const LookupShape = {
  /** A whole search body (`_search`, an `_msearch` body, a rendered template). */
  searchBody: 'search_body',
  /** A query (an alias `filter`, an SQL `filter`). */
  query: 'query',
  /** name → `{ filter, routing, … }` (the `aliases` of create index / rollover / templates). */
  aliasMap: 'alias_map',
  /** Index mappings (create index, rollover, put mapping): a `lookup` runtime field is refused. */
  mappings: 'mappings',
  /** Any other request body: its DSL fields (below) walked, the rest scanned. */
  request: 'request',
} as const;
export type LookupShape = (typeof LookupShape)[keyof typeof LookupShape];

/** Body fields of the non-search requests that hold DSL, by the kind they are walked as. */
const REQUEST_FIELDS: Readonly<Record<string, DslKind | 'aliases' | 'alias_map' | 'rank_eval' | 'templates'>> = {
  query: DslKind.query,
  post_filter: DslKind.query,
  index_filter: DslKind.query,
  filter: DslKind.query,
  aggs: DslKind.aggs,
  aggregations: DslKind.aggs,
  runtime_mappings: DslKind.runtimeMappings,
  script: DslKind.script,
  actions: 'aliases',
  aliases: 'alias_map',
  mappings: DslKind.mappings,
  requests: 'rank_eval',
  templates: 'templates',
};

export function findLookups(body: unknown, shape: LookupShape = LookupShape.request): Lookup[] {
  const f = newFindings();
  if (body === undefined || body === null) return f.lookups;
  switch (shape) {
    case LookupShape.searchBody:
      walkDsl(DslKind.searchBody, body, f, '');
      break;
    case LookupShape.query:
      walkDsl(DslKind.query, body, f, 'filter');
      break;
    case LookupShape.aliasMap:
      walkAliasMap(body, f);
      break;
    case LookupShape.mappings:
      walkDsl(DslKind.mappings, body, f, 'mappings');
      break;
    case LookupShape.request:
      walkRequest(body, f);
      break;
  }
  return f.lookups;
}

function walkRequest(body: unknown, f: DslFindings): void {
  if (!isObject(body)) return scan(body, f.lookups, 0);
  for (const k in body) {
    const v = body[k];
    const kind = Object.hasOwn(REQUEST_FIELDS, k) ? REQUEST_FIELDS[k] : undefined;
    if (v === null || v === undefined) continue;
    if (kind === undefined) scan(v, f.lookups, 0);
    else if (kind === 'aliases') walkAliasActions(v, f);
    else if (kind === 'alias_map') walkAliasMap(v, f);
    else if (kind === 'rank_eval') walkRankEval(v, f);
    else if (kind === 'templates') throw refusedConstruct('templated [_rank_eval] requests are rendered upstream, which the gateway cannot authorize', k);
    else walkDsl(kind, v, f, k);
  }
}

/** `_aliases` actions: the `filter` of each `add`. */
function walkAliasActions(actions: unknown, f: DslFindings): void {
  if (!Array.isArray(actions)) return scan(actions, f.lookups, 0);
  actions.forEach((a, i) => {
    if (!isObject(a)) return;
    for (const op in a) {
      const spec = a[op];
      if (isObject(spec) && spec.filter != null) walkDsl(DslKind.query, spec.filter, f, `actions[${i}].${op}.filter`);
    }
  });
}

function walkAliasMap(aliases: unknown, f: DslFindings): void {
  if (!isObject(aliases)) return;
  for (const name in aliases) {
    const spec = aliases[name];
    if (isObject(spec) && spec.filter != null) walkDsl(DslKind.query, spec.filter, f, `aliases.${name}.filter`);
  }
}

/** `_rank_eval` requests: each `request` is a search body; a `template_id` is refused (rendered upstream). */
function walkRankEval(requests: unknown, f: DslFindings): void {
  if (!Array.isArray(requests)) return scan(requests, f.lookups, 0);
  requests.forEach((r, i) => {
    if (!isObject(r)) return;
    if (r.template_id !== undefined) throw refusedConstruct('templated [_rank_eval] requests are rendered upstream, which the gateway cannot authorize', `requests[${i}]`);
    if (r.request != null) walkDsl(DslKind.searchBody, r.request, f, `requests[${i}].request`);
  });
}

/** The former whole-body scan, kept for fields the interim shapes do not type: `{index, id}` / `{_index, _id}`. */
function scan(v: unknown, out: Lookup[], depth: number): void {
  if (depth > 200) return;
  if (Array.isArray(v)) {
    for (const x of v) scan(x, out, depth + 1);
    return;
  }
  if (!isObject(v)) return;
  if (typeof v.index === 'string' && ('id' in v || 'path' in v)) out.push({ index: v.index, action: GET_ACTION });
  if (typeof v._index === 'string' && ('_id' in v || 'doc' in v)) out.push({ index: v._index, action: MTV_ACTION });
  for (const k in v) scan(v[k], out, depth + 1);
}

/** Point-in-time ids a search body uses (`pit.id`). */
export function pitIdsOf(body: unknown): string[] {
  if (!isObject(body) || !isObject(body.pit)) return [];
  const id = body.pit.id;
  return typeof id === 'string' ? [id] : [];
}
