/** `_mget`, `_msearch`, `_msearch/template`, `_reindex`, `_aliases`, create-index: the APIs whose bodies name indices. */
import { EsError } from '../../core/errors.ts';
import { indicesOptions, STRICT_EXPAND_OPEN, STRICT_SINGLE, STRICT_EXPAND_OPEN_CLOSED } from '../indices/options.ts';
import { parseStrictJsonBytes } from './strict-json.ts';
import { splitLines, isBlank } from './ndjson.ts';
import { findLookups, pitIdsOf, LookupShape } from './lookups.ts';
import type { IndexTarget, MgetItem, MsearchItem, Resolution, Lookup } from './types.ts';
import { type ResolveContext, isObject, indexField, indicesResolution, queryParams, pathTarget } from './context.ts';

export const MGET_ACTION = 'indices:data/read/mget';
export const MGET_ITEM_ACTION = 'indices:data/read/mget[shard]';
export const SEARCH_ACTION = 'indices:data/read/search';
export const MSEARCH_ACTION = 'indices:data/read/msearch';
export const SEARCH_TEMPLATE_ACTION = 'indices:data/read/search/template';
export const MSEARCH_TEMPLATE_ACTION = 'indices:data/read/msearch/template';
export const ALIASES_ACTION = 'indices:admin/aliases';
export const DELETE_INDEX_ACTION = 'indices:admin/delete';
export const CREATE_INDEX_ACTION = 'indices:admin/create';

export function resolveMget(ctx: ResolveContext): Resolution {
  const body = ctx.json;
  if (!isObject(body)) throw new EsError('validation', 'Validation Failed: 1: no documents to get;');
  const defaultIndex = ctx.params.index;
  const items: MgetItem[] = [];
  if (Array.isArray(body.docs)) {
    body.docs.forEach((doc, n) => {
      if (!isObject(doc)) throw new EsError('illegal_argument', 'docs array element should include an object');
      const index = doc._index ?? defaultIndex;
      if (typeof index !== 'string' || index === '') throw new EsError('validation', `Validation Failed: 1: index is missing for doc ${n};`);
      items.push({ index, id: doc._id, doc });
    });
  } else if (Array.isArray(body.ids)) {
    if (defaultIndex === undefined) throw new EsError('validation', 'Validation Failed: 1: index is missing for doc 0;');
    for (const id of body.ids) items.push({ index: defaultIndex, id, doc: { _id: id } });
  } else if (body.docs !== undefined || body.ids !== undefined) {
    throw new EsError('parse', 'docs and ids must be arrays');
  }
  if (items.length === 0) throw new EsError('validation', 'Validation Failed: 1: no documents to get;');
  return indicesResolution(MGET_ACTION, [], { items: { kind: 'mget', items, body }, anyIndex: MGET_ACTION });
}

const HEADER_KEYS = new Set([
  'index', 'indices', 'expand_wildcards', 'ignore_unavailable', 'allow_no_indices', 'ignore_throttled', 'search_type', 'routing',
  'preference', 'request_cache', 'ccs_minimize_roundtrips', 'allow_partial_search_results', 'type', 'types', 'cancel_after_time_interval', 'phase_took',
]);

export function resolveMsearch(ctx: ResolveContext, template: boolean): Resolution {
  const lines = splitLines(ctx.raw ?? Buffer.alloc(0));
  const items: MsearchItem[] = [];
  const action = template ? MSEARCH_TEMPLATE_ACTION : MSEARCH_ACTION;
  let i = 0;
  while (i < lines.length) {
    const headerLine = lines[i];
    const header = isBlank(headerLine) ? {} : parseStrictJsonBytes(headerLine);
    if (!isObject(header)) throw new EsError('illegal_argument', 'header must be an object');
    for (const k of Object.keys(header)) {
      if (!HEADER_KEYS.has(k)) throw new EsError('illegal_argument', `key [${k}] is not supported in the metadata section`);
    }
    if (header.index !== undefined && header.indices !== undefined) throw new EsError('illegal_argument', 'msearch header may name [index] or [indices], not both');
    i++;
    if (i >= lines.length) {
      if (isBlank(headerLine)) break;
      throw new EsError('illegal_argument', 'The msearch request must be terminated by a newline [\n]');
    }
    const bodyLine = lines[i++];
    const body = isBlank(bodyLine) ? {} : parseStrictJsonBytes(bodyLine);
    const field = header.index !== undefined ? 'index' : 'indices';
    const named = header[field];
    const expression = named === undefined ? (ctx.params.index ?? '') : indexField(named);
    if (expression === null) throw new EsError('illegal_argument', `[${field}] must be a string or an array of strings`);
    const headerOptions = {
      get: (n: string) => (header[n] !== undefined ? String(header[n]) : ctx.query.get(n)),
    };
    const target: IndexTarget = {
      expression,
      actions: [SEARCH_ACTION],
      options: indicesOptions(headerOptions, STRICT_EXPAND_OPEN),
      wildcards: true,
      where: { in: 'body', pointer: [field] },
    };
    items.push({ header, body, bodyLine, target, lookups: template ? [] : findLookups(body, LookupShape.searchBody), template, pitIds: pitIdsOf(body) });
  }
  if (items.length === 0) throw new EsError('validation', 'Validation Failed: 1: no requests added;');
  return indicesResolution(action, [], { items: { kind: 'msearch', items }, anyIndex: action });
}

export const REINDEX_ACTION = 'indices:data/write/reindex';
export const INDEX_ACTION = 'indices:data/write/index';

export function resolveReindex(ctx: ResolveContext): Resolution {
  const body = ctx.json;
  if (!isObject(body) || !isObject(body.source) || !isObject(body.dest)) {
    throw new EsError('validation', 'Validation Failed: 1: use _all if you really want to copy from all existing indexes;');
  }
  if (body.source.remote !== undefined) {
    return { kind: 'unresolved', action: REINDEX_ACTION, targets: [] }; // reindex from a remote cluster: cluster `all` only
  }
  const source = indexField(body.source.index);
  if (source === null || source === '') throw new EsError('validation', 'Validation Failed: 1: use _all if you really want to copy from all existing indexes;');
  const dest = body.dest.index;
  if (typeof dest !== 'string' || dest === '') throw new EsError('validation', 'Validation Failed: 1: index must be specified;');
  const options = indicesOptions(queryParams(ctx), STRICT_EXPAND_OPEN);
  const targets: IndexTarget[] = [
    { expression: source, actions: [SEARCH_ACTION], options, wildcards: true, where: { in: 'body', pointer: ['source', 'index'] } },
    { expression: dest, actions: [INDEX_ACTION], options: STRICT_SINGLE, wildcards: false, where: { in: 'body', pointer: ['dest', 'index'] } },
  ];
  return indicesResolution(REINDEX_ACTION, targets, { anyIndex: REINDEX_ACTION, lookups: findLookups(body.source), body, changesMetadata: true });
}

/** `POST /_aliases`: every add/remove/remove_index action's indices and aliases. */
export function resolveAliases(ctx: ResolveContext): Resolution {
  const body = ctx.json;
  if (!isObject(body) || !Array.isArray(body.actions) || body.actions.length === 0) {
    throw new EsError('validation', 'Validation Failed: 1: No action specified;');
  }
  const targets: IndexTarget[] = [];
  const aliasAdds: { target: number; alias: string }[] = [];
  body.actions.forEach((entry, n) => {
    if (!isObject(entry) || Object.keys(entry).length !== 1) throw new EsError('illegal_argument', `[aliases] action [${n}] must have exactly one of add, remove, remove_index`);
    const op = Object.keys(entry)[0];
    const spec = entry[op];
    if (!isObject(spec) || !['add', 'remove', 'remove_index'].includes(op)) throw new EsError('illegal_argument', `Unknown action [${op}]`);
    const indexKey = spec.index !== undefined ? 'index' : 'indices';
    if (spec.index !== undefined && spec.indices !== undefined) throw new EsError('illegal_argument', '[index] and [indices] may not both be set');
    const indices = indexField(spec[indexKey]);
    if (indices === null || indices === '') throw new EsError('validation', 'Validation Failed: 1: One of [index] or [indices] is required;');
    const defaults = op === 'remove_index' ? { ...STRICT_EXPAND_OPEN_CLOSED, aliases: false } : { ...STRICT_EXPAND_OPEN_CLOSED, allowNoIndices: false };
    const actions = op === 'remove_index' ? [DELETE_INDEX_ACTION] : [ALIASES_ACTION];
    targets.push({ expression: indices, actions, options: defaults, wildcards: true, where: { in: 'body', pointer: ['actions', n, op, indexKey] } });
    const indexTarget = targets.length - 1;
    if (op === 'remove_index') return;
    const aliasKey = spec.alias !== undefined ? 'alias' : 'aliases';
    const aliases = indexField(spec[aliasKey]);
    if (aliases === null || aliases === '') throw new EsError('validation', 'Validation Failed: 1: One of [alias] or [aliases] is required;');
    if (op === 'add') {
      for (const alias of aliases.split(',')) {
        targets.push({ expression: alias, actions: [ALIASES_ACTION], options: STRICT_SINGLE, wildcards: false, where: { in: 'fixed' } });
        aliasAdds.push({ target: indexTarget, alias });
      }
    } else {
      targets.push({ expression: aliases, actions: [ALIASES_ACTION], options: { ...STRICT_EXPAND_OPEN_CLOSED, ignoreUnavailable: true }, wildcards: true, where: { in: 'body', pointer: ['actions', n, op, aliasKey] } });
    }
  });
  return indicesResolution(ALIASES_ACTION, targets, { lookups: findLookups(body), aliasAdds, body, changesMetadata: true });
}

/** `PUT /{index}`: the index, and the aliases its body creates. */
export function resolveCreateIndex(ctx: ResolveContext): Resolution {
  const index = pathTarget(ctx, [CREATE_INDEX_ACTION], STRICT_SINGLE, { wildcards: false });
  const targets: IndexTarget[] = [index];
  const aliasAdds: { target: number; alias: string }[] = [];
  const lookups: Lookup[] = [];
  const body = ctx.json;
  if (isObject(body) && isObject(body.aliases)) {
    for (const alias of Object.keys(body.aliases)) {
      targets.push({ expression: alias, actions: [ALIASES_ACTION], options: STRICT_SINGLE, wildcards: false, where: { in: 'fixed' } });
      aliasAdds.push({ target: 0, alias });
    }
    lookups.push(...findLookups(body.aliases, LookupShape.aliasMap));
  }
  if (isObject(body)) lookups.push(...findLookups(body.mappings, LookupShape.mappings));
  return indicesResolution(CREATE_INDEX_ACTION, targets, { aliasAdds, lookups, changesMetadata: true });
}
