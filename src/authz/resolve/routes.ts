/**
 * ES's REST endpoints (and OpenSearch's equivalents), each with how to read its action and indices.
 * A request that matches none is `unresolved`: only the cluster privilege `all` may send it.
 * Paths follow the REST spec (`rest-api-spec/api/*.json`); action names are ES's transport action names.
 */
import {
  STRICT_EXPAND_OPEN,
  STRICT_EXPAND_OPEN_CLOSED,
  STRICT_SINGLE,
  LENIENT_EXPAND_OPEN,
  type IndicesOptions,
} from '../indices/options.ts';
import { type ResolveContext, pathTarget, clusterResolution, indicesResolution, isObject, unresolved } from './context.ts';
import type { IndexTarget, Resolution } from './types.ts';
import { resolveBulk, resolveBulkSliced } from './bulk.ts';
import { resolveMget, resolveMsearch, resolveMsearchSliced, resolveReindex, resolveAliases, resolveCreateIndex, SEARCH_ACTION, SEARCH_TEMPLATE_ACTION } from './documents.ts';
import { resolveQueryLanguage } from './sql.ts';
import { pitIdsOf } from './lookups.ts';
import { pipelineParam } from '../retarget/check.ts';
import { resolveUpdateByQuery, resolveUpdate, guardSettings } from './scripted-writes.ts';
import { EsError } from '../../core/errors.ts';
import { MODIFY_DATA_STREAM } from '../grammar/tables/index-admin.ts';

export type BodyKind = 'none' | 'json' | 'ndjson';

export interface RouteSpec {
  readonly methods: readonly string[];
  readonly path: string;
  readonly body: BodyKind;
  readonly resolve: (ctx: ResolveContext) => Resolution;
  /** The same resolution a slice at a time (large NDJSON bodies), for callers that can wait. */
  readonly resolveSliced?: (ctx: ResolveContext) => Promise<Resolution>;
}

const R = (methods: string, path: string, resolve: (ctx: ResolveContext) => Resolution, body: BodyKind = 'none'): RouteSpec => ({
  methods: methods.split(','),
  path,
  body,
  resolve,
});
const C = (methods: string, path: string, action: string): RouteSpec => R(methods, path, () => clusterResolution(action));

/** An index action on the `{index}` path parameter (inserted at `insertAt` when absent). */
function I(
  methods: string,
  path: string,
  action: string | readonly string[],
  o: { opts?: IndicesOptions; insertAt?: number; wildcards?: boolean; body?: BodyKind; lookups?: boolean; changes?: boolean; cluster?: readonly string[]; param?: string } = {},
): RouteSpec {
  const actions = typeof action === 'string' ? [action] : action;
  return R(
    methods,
    path,
    (ctx) => {
      const target = pathTarget(ctx, actions, o.opts ?? STRICT_EXPAND_OPEN, { insertAt: o.insertAt, wildcards: o.wildcards, param: o.param });
      return indicesResolution(actions[0], [target], {
        changesMetadata: o.changes,
        clusterActions: o.cluster,
      });
    },
    o.body ?? (o.lookups ? 'json' : 'none'),
  );
}

const A = {
  search: SEARCH_ACTION,
  get: 'indices:data/read/get',
  index: 'indices:data/write/index',
  delete: 'indices:data/write/delete',
  update: 'indices:data/write/update',
  state: 'cluster:monitor/state',
} as const;

/** Search-shaped requests: lookups and point in time in the body, scroll capture. */
function searchRoute(methods: string, path: string, insertAt: number | undefined): RouteSpec {
  return R(
    methods,
    path,
    (ctx) => {
      const pit = pitIdsOf(ctx.json);
      const target = pathTarget(ctx, [A.search], STRICT_EXPAND_OPEN, { insertAt });
      const targets = pit.length > 0 && ctx.params.index === undefined ? [] : [target];
      return indicesResolution(A.search, targets, {
        pitIds: pit,
        capture: ctx.query.has('scroll') ? 'scroll' : undefined,
        anyIndex: targets.length === 0 ? A.search : undefined,
      });
    },
    'json',
  );
}

function searchTemplateRoute(methods: string, path: string, insertAt: number | undefined): RouteSpec {
  return R(
    methods,
    path,
    (ctx) => {
      const target = pathTarget(ctx, [A.search], STRICT_EXPAND_OPEN, { insertAt });
      return indicesResolution(SEARCH_TEMPLATE_ACTION, [target], {
        anyIndex: SEARCH_TEMPLATE_ACTION,
        templates: ctx.json === undefined ? [] : [ctx.json],
        capture: ctx.query.has('scroll') ? 'scroll' : undefined,
      });
    },
    'json',
  );
}

/** Single-document writes: the op_type decides the item action (create_doc may only create). */
function indexDoc(methods: string, path: string, create: boolean | 'param'): RouteSpec {
  return R(methods, path, (ctx) => {
    const opType = ctx.query.get('op_type');
    const isCreate = create === true || (create === 'param' && (opType === 'create' || (opType === undefined && ctx.params.id === undefined)));
    const actions = [A.index, isCreate ? 'indices:data/write/index:op_type/create' : 'indices:data/write/index:op_type/index'];
    return indicesResolution(A.index, [pathTarget(ctx, actions, STRICT_SINGLE, { wildcards: false })], { retargets: pipelineParam(ctx.query, 'index') });
  });
}

function scrollRoute(methods: string, path: string, clear: boolean): RouteSpec {
  return R(
    methods,
    path,
    (ctx) => {
      const ids: string[] = [];
      const fromPath = ctx.params.scroll_id ?? ctx.query.get('scroll_id');
      if (fromPath !== undefined) ids.push(...(clear ? fromPath.split(',') : [fromPath]));
      const b = ctx.json;
      if (isObject(b)) {
        const v = b.scroll_id;
        if (typeof v === 'string') ids.push(...(clear ? v.split(',') : [v]));
        else if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') ids.push(x);
      } else if (typeof b === 'string') ids.push(b);
      if (ids.includes('_all')) return unresolved(ctx);
      const action = clear ? 'indices:data/read/scroll/clear' : 'indices:data/read/scroll';
      return indicesResolution(action, [], { scrollIds: ids, capture: clear ? undefined : 'scroll' });
    },
    'json',
  );
}

function pitClose(methods: string, path: string): RouteSpec {
  return R(
    methods,
    path,
    (ctx) => {
      const b = ctx.json;
      const ids: string[] = [];
      if (isObject(b)) {
        for (const key of ['id', 'pit_id']) {
          const v = b[key];
          if (typeof v === 'string') ids.push(v);
          else if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') ids.push(x);
        }
      }
      return indicesResolution('indices:data/read/close_point_in_time', [], { pitIds: ids });
    },
    'json',
  );
}

const open = (action: string) => (): Resolution => ({ kind: 'open', action, targets: [] });

/** Data streams are named in `{name}`. */
const DS_OPTS: IndicesOptions = { ...STRICT_EXPAND_OPEN, hidden: false, dataStreamsOnly: true };
const DS = (methods: string, path: string, action: string, o: { changes?: boolean; insertAt?: number } = {}) =>
  I(methods, path, action, { param: 'name', opts: DS_OPTS, insertAt: o.insertAt ?? 1, changes: o.changes });

const ROUTES: readonly RouteSpec[] = [
  // root and info
  C('GET,HEAD', '/', 'cluster:monitor/main'),
  R('GET', '/_cat', open('cluster:monitor/main')),

  // documents
  indexDoc('PUT,POST', '/{index}/_doc/{id}', 'param'),
  indexDoc('POST', '/{index}/_doc', 'param'),
  indexDoc('PUT,POST', '/{index}/_create/{id}', true),
  I('GET,HEAD', '/{index}/_doc/{id}', A.get, { opts: STRICT_SINGLE, wildcards: false }),
  I('GET,HEAD', '/{index}/_source/{id}', A.get, { opts: STRICT_SINGLE, wildcards: false }),
  I('DELETE', '/{index}/_doc/{id}', A.delete, { opts: STRICT_SINGLE, wildcards: false }),
  R('POST', '/{index}/_update/{id}', resolveUpdate, 'json'),
  R('GET,POST', '/_mget', resolveMget, 'json'),
  R('GET,POST', '/{index}/_mget', resolveMget, 'json'),
  { ...R('POST,PUT', '/_bulk', resolveBulk, 'ndjson'), resolveSliced: resolveBulkSliced },
  { ...R('POST,PUT', '/{index}/_bulk', resolveBulk, 'ndjson'), resolveSliced: resolveBulkSliced },
  I('GET,POST', '/{index}/_termvectors', 'indices:data/read/tv', { opts: STRICT_SINGLE, wildcards: false }),
  I('GET,POST', '/{index}/_termvectors/{id}', 'indices:data/read/tv', { opts: STRICT_SINGLE, wildcards: false }),
  R('GET,POST', '/_mtermvectors', (ctx) => mtermvectors(ctx), 'json'),
  R('GET,POST', '/{index}/_mtermvectors', (ctx) => mtermvectors(ctx), 'json'),
  R('POST', '/_reindex', resolveReindex, 'json'),
  R('POST', '/{index}/_update_by_query', resolveUpdateByQuery, 'json'),
  I('POST', '/{index}/_delete_by_query', ['indices:data/write/delete/byquery', A.search], { lookups: true }),
  C('POST', '/_reindex/{task_id}/_rethrottle', 'cluster:admin/reindex/rethrottle'),
  C('POST', '/_update_by_query/{task_id}/_rethrottle', 'cluster:admin/reindex/rethrottle'),
  C('POST', '/_delete_by_query/{task_id}/_rethrottle', 'cluster:admin/reindex/rethrottle'),

  // search
  searchRoute('GET,POST', '/_search', 0),
  searchRoute('GET,POST', '/{index}/_search', undefined),
  scrollRoute('GET,POST', '/_search/scroll', false),
  scrollRoute('GET,POST', '/_search/scroll/{scroll_id}', false),
  scrollRoute('DELETE', '/_search/scroll', true),
  scrollRoute('DELETE', '/_search/scroll/{scroll_id}', true),
  { ...R('GET,POST', '/_msearch', (ctx) => resolveMsearch(ctx, false), 'ndjson'), resolveSliced: (ctx) => resolveMsearchSliced(ctx, false) },
  { ...R('GET,POST', '/{index}/_msearch', (ctx) => resolveMsearch(ctx, false), 'ndjson'), resolveSliced: (ctx) => resolveMsearchSliced(ctx, false) },
  searchTemplateRoute('GET,POST', '/_search/template', 0),
  searchTemplateRoute('GET,POST', '/{index}/_search/template', undefined),
  { ...R('GET,POST', '/_msearch/template', (ctx) => resolveMsearch(ctx, true), 'ndjson'), resolveSliced: (ctx) => resolveMsearchSliced(ctx, true) },
  { ...R('GET,POST', '/{index}/_msearch/template', (ctx) => resolveMsearch(ctx, true), 'ndjson'), resolveSliced: (ctx) => resolveMsearchSliced(ctx, true) },
  R('GET,POST', '/_render/template', (ctx) => indicesResolution(SEARCH_TEMPLATE_ACTION, [], { anyIndex: SEARCH_TEMPLATE_ACTION }), 'json'),
  R('GET,POST', '/_render/template/{id}', () => indicesResolution(SEARCH_TEMPLATE_ACTION, [], { anyIndex: SEARCH_TEMPLATE_ACTION }), 'json'),
  I('GET,POST', '/_count', A.search, { insertAt: 0, lookups: true }),
  I('GET,POST', '/{index}/_count', A.search, { lookups: true }),
  I('GET,POST', '/{index}/_explain/{id}', 'indices:data/read/explain', { opts: STRICT_SINGLE, wildcards: false, lookups: true }),
  I('GET,POST', '/_validate/query', 'indices:admin/validate/query', { insertAt: 0, lookups: true }),
  I('GET,POST', '/{index}/_validate/query', 'indices:admin/validate/query', { lookups: true }),
  I('GET,POST', '/_field_caps', 'indices:data/read/field_caps', { insertAt: 0, lookups: true }),
  I('GET,POST', '/{index}/_field_caps', 'indices:data/read/field_caps', { lookups: true }),
  I('GET,POST', '/_search_shards', 'indices:admin/shards/search_shards', { insertAt: 0 }),
  I('GET,POST', '/{index}/_search_shards', 'indices:admin/shards/search_shards'),
  I('GET,POST', '/{index}/_terms_enum', 'indices:data/read/xpack/termsenum/list', { lookups: true }),
  I('GET,POST', '/_rank_eval', 'indices:data/read/rank_eval', { insertAt: 0, lookups: true }),
  I('GET,POST', '/{index}/_rank_eval', 'indices:data/read/rank_eval', { lookups: true }),
  // point in time: ES (`_pit`) and OpenSearch (`_search/point_in_time`)
  R('POST', '/{index}/_pit', (ctx) => indicesResolution('indices:data/read/open_point_in_time', [pathTarget(ctx, ['indices:data/read/open_point_in_time'], STRICT_EXPAND_OPEN)], { capture: 'pit' })),
  R('POST', '/{index}/_search/point_in_time', (ctx) => indicesResolution('indices:data/read/open_point_in_time', [pathTarget(ctx, ['indices:data/read/open_point_in_time'], STRICT_EXPAND_OPEN)], { capture: 'pit' })),
  pitClose('DELETE', '/_pit'),
  pitClose('DELETE', '/_search/point_in_time'),
  // query languages
  R('GET,POST', '/_sql', (ctx) => resolveQueryLanguage(ctx, 'sql'), 'json'),
  R('GET,POST', '/_plugins/_sql', (ctx) => resolveQueryLanguage(ctx, 'sql'), 'json'),
  R('GET,POST', '/_opendistro/_sql', (ctx) => resolveQueryLanguage(ctx, 'sql'), 'json'),
  R('POST', '/_query', (ctx) => resolveQueryLanguage(ctx, 'esql'), 'json'),
  R('POST', '/_plugins/_ppl', (ctx) => resolveQueryLanguage(ctx, 'ppl'), 'json'),
  R('POST', '/_sql/close', (ctx) => indicesResolution('indices:data/read/sql/close_cursor', [], { scrollIds: isObject(ctx.json) && typeof ctx.json.cursor === 'string' ? [ctx.json.cursor] : [] }), 'json'),
  R('POST', '/_plugins/_sql/close', (ctx) => indicesResolution('indices:data/read/sql/close_cursor', [], { scrollIds: isObject(ctx.json) && typeof ctx.json.cursor === 'string' ? [ctx.json.cursor] : [] }), 'json'),

  // index management
  guardSettings(R('PUT', '/{index}', resolveCreateIndex, 'json'), 'indices.create', (b) => b.settings),
  I('DELETE', '/{index}', 'indices:admin/delete', { opts: { ...STRICT_EXPAND_OPEN_CLOSED, aliases: false }, changes: true }),
  I('GET,HEAD', '/{index}', 'indices:admin/get', { opts: STRICT_EXPAND_OPEN_CLOSED }),
  I('POST', '/{index}/_open', 'indices:admin/open', { opts: { ...STRICT_EXPAND_OPEN_CLOSED, open: false, aliases: false }, changes: true }),
  I('POST', '/{index}/_close', 'indices:admin/close', { opts: { ...STRICT_EXPAND_OPEN, aliases: false }, changes: true }),
  I('PUT', '/{index}/_block/{block}', 'indices:admin/block/add', { changes: true }),
  I('GET', '/_mapping', 'indices:admin/mappings/get', { insertAt: 0, opts: STRICT_EXPAND_OPEN_CLOSED }),
  I('GET', '/{index}/_mapping', 'indices:admin/mappings/get', { opts: STRICT_EXPAND_OPEN_CLOSED }),
  I('PUT,POST', '/{index}/_mapping', 'indices:admin/mapping/put'),
  I('GET', '/_mapping/field/{fields}', 'indices:admin/mappings/fields/get', { insertAt: 0 }),
  I('GET', '/{index}/_mapping/field/{fields}', 'indices:admin/mappings/fields/get'),
  I('GET', '/_settings', 'indices:monitor/settings/get', { insertAt: 0, opts: STRICT_EXPAND_OPEN_CLOSED }),
  I('GET', '/_settings/{name}', 'indices:monitor/settings/get', { insertAt: 0, opts: STRICT_EXPAND_OPEN_CLOSED }),
  I('GET', '/{index}/_settings', 'indices:monitor/settings/get', { opts: STRICT_EXPAND_OPEN_CLOSED }),
  I('GET', '/{index}/_settings/{name}', 'indices:monitor/settings/get', { opts: STRICT_EXPAND_OPEN_CLOSED }),
  guardSettings(I('PUT', '/_settings', 'indices:admin/settings/update', { insertAt: 0, changes: true }), 'indices.put_settings'),
  guardSettings(I('PUT', '/{index}/_settings', 'indices:admin/settings/update', { changes: true }), 'indices.put_settings'),
  R('GET,HEAD', '/_alias', getAliases),
  R('GET,HEAD', '/_alias/{name}', getAliases),
  R('GET,HEAD', '/{index}/_alias', getAliases),
  R('GET,HEAD', '/{index}/_alias/{name}', getAliases),
  R('GET', '/_aliases', getAliases),
  R('GET', '/{index}/_aliases', getAliases),
  R('POST', '/_aliases', resolveAliases, 'json'),
  aliasWrite('PUT,POST', '/{index}/_alias/{name}'),
  aliasWrite('PUT,POST', '/{index}/_aliases/{name}'),
  aliasWrite('DELETE', '/{index}/_alias/{name}'),
  aliasWrite('DELETE', '/{index}/_aliases/{name}'),
  ...['refresh', 'flush', 'forcemerge', 'cache/clear'].flatMap((op) => {
    const action = `indices:admin/${op}`;
    const p = `_${op === 'cache/clear' ? 'cache/clear' : op}`;
    return [I('POST,GET', `/${p}`, action, { insertAt: 0 }), I('POST,GET', `/{index}/${p}`, action)];
  }),
  ...(
    [
      ['_stats', 'indices:monitor/stats'],
      ['_segments', 'indices:monitor/segments'],
      ['_recovery', 'indices:monitor/recovery'],
      ['_shard_stores', 'indices:monitor/shard_stores'],
    ] as const
  ).flatMap(([p, action]) => [
    I('GET', `/${p}`, action, { insertAt: 0, opts: STRICT_EXPAND_OPEN_CLOSED }),
    I('GET', `/{index}/${p}`, action, { opts: STRICT_EXPAND_OPEN_CLOSED }),
    I('GET', `/${p}/{metric}`, action, { insertAt: 0, opts: STRICT_EXPAND_OPEN_CLOSED }),
    I('GET', `/{index}/${p}/{metric}`, action, { opts: STRICT_EXPAND_OPEN_CLOSED }),
  ]),
  guardSettings(R('POST', '/{index}/_rollover', (ctx) => rollover(ctx), 'json'), 'indices.rollover', (b) => b.settings),
  guardSettings(R('POST', '/{index}/_rollover/{new_index}', (ctx) => rollover(ctx), 'json'), 'indices.rollover', (b) => b.settings),
  ...['_shrink', '_split', '_clone'].map((op) => guardSettings(R('PUT,POST', `/{index}/${op}/{target}`, (ctx) => resize(ctx), 'json'), `indices.${op.slice(1)}`, (b) => b.settings)),
  I('GET', '/_resolve/index/{name}', 'indices:admin/resolve/index', { param: 'name', opts: STRICT_EXPAND_OPEN }),
  I('GET,POST', '/_analyze', 'indices:admin/analyze', { insertAt: 0, opts: STRICT_SINGLE }),
  I('GET,POST', '/{index}/_analyze', 'indices:admin/analyze', { opts: STRICT_SINGLE, wildcards: false }),
  I('GET', '/_upgrade', 'indices:monitor/upgrade', { insertAt: 0 }),
  I('GET', '/{index}/_upgrade', 'indices:monitor/upgrade'),
  // data streams
  DS('PUT', '/_data_stream/{name}', 'indices:admin/data_stream/create', { changes: true }),
  DS('DELETE', '/_data_stream/{name}', 'indices:admin/data_stream/delete', { changes: true }),
  DS('GET', '/_data_stream', 'indices:admin/data_stream/get'),
  DS('GET', '/_data_stream/{name}', 'indices:admin/data_stream/get'),
  DS('GET', '/_data_stream/_stats', 'indices:monitor/data_stream/stats'),
  DS('GET', '/_data_stream/{name}/_stats', 'indices:monitor/data_stream/stats'),
  // ES's migrate (an alias becomes a data stream) and promote (a replicated data stream becomes a regular one): one name each.
  I('POST', '/_data_stream/_migrate/{name}', 'indices:admin/data_stream/migrate', { param: 'name', opts: STRICT_SINGLE, wildcards: false, changes: true }),
  I('POST', '/_data_stream/_promote/{name}', 'indices:admin/data_stream/promote', { param: 'name', opts: STRICT_SINGLE, wildcards: false, changes: true }),
  // The data streams and indices the body's actions name are targets the grammar adds (`auto`).
  R('POST', '/_data_stream/_modify', () => indicesResolution(MODIFY_DATA_STREAM, [], { changesMetadata: true, anyIndex: MODIFY_DATA_STREAM }), 'json'),

  // templates, ingest, scripts (cluster privileges)
  guardSettings(C('PUT,POST', '/_template/{name}', 'indices:admin/template/put'), 'indices.put_template', (b) => b.settings),
  C('GET,HEAD', '/_template', 'indices:admin/template/get'),
  C('GET,HEAD', '/_template/{name}', 'indices:admin/template/get'),
  C('DELETE', '/_template/{name}', 'indices:admin/template/delete'),
  guardSettings(C('PUT,POST', '/_index_template/{name}', 'indices:admin/index_template/put'), 'indices.put_index_template', (b) => (isObject(b.template) ? b.template.settings : undefined)),
  C('GET,HEAD', '/_index_template', 'indices:admin/index_template/get'),
  C('GET,HEAD', '/_index_template/{name}', 'indices:admin/index_template/get'),
  C('DELETE', '/_index_template/{name}', 'indices:admin/index_template/delete'),
  C('POST', '/_index_template/_simulate', 'indices:admin/index_template/simulate'),
  C('POST', '/_index_template/_simulate/{name}', 'indices:admin/index_template/simulate'),
  C('POST', '/_index_template/_simulate_index/{name}', 'indices:admin/index_template/simulate_index'),
  guardSettings(C('PUT,POST', '/_component_template/{name}', 'cluster:admin/component_template/put'), 'cluster.put_component_template', (b) => (isObject(b.template) ? b.template.settings : undefined)),
  C('GET,HEAD', '/_component_template', 'cluster:admin/component_template/get'),
  C('GET,HEAD', '/_component_template/{name}', 'cluster:admin/component_template/get'),
  C('DELETE', '/_component_template/{name}', 'cluster:admin/component_template/delete'),
  C('PUT', '/_ingest/pipeline/{id}', 'cluster:admin/ingest/pipeline/put'),
  C('GET', '/_ingest/pipeline', 'cluster:admin/ingest/pipeline/get'),
  C('GET', '/_ingest/pipeline/{id}', 'cluster:admin/ingest/pipeline/get'),
  C('DELETE', '/_ingest/pipeline/{id}', 'cluster:admin/ingest/pipeline/delete'),
  C('GET,POST', '/_ingest/pipeline/_simulate', 'cluster:admin/ingest/pipeline/simulate'),
  C('GET,POST', '/_ingest/pipeline/{id}/_simulate', 'cluster:admin/ingest/pipeline/simulate'),
  C('GET', '/_ingest/processor/grok', 'cluster:admin/ingest/processor/grok/get'),
  C('PUT,POST', '/_scripts/{id}', 'cluster:admin/script/put'),
  C('PUT,POST', '/_scripts/{id}/{context}', 'cluster:admin/script/put'),
  C('GET', '/_scripts/{id}', 'cluster:admin/script/get'),
  C('DELETE', '/_scripts/{id}', 'cluster:admin/script/delete'),
  C('GET', '/_script_context', 'cluster:admin/script_context/get'),
  C('GET', '/_script_language', 'cluster:admin/script_language/get'),
  C('GET,POST', '/_scripts/painless/_execute', 'cluster:admin/scripts/painless/execute'),

  // cluster
  C('GET', '/_cluster/health', 'cluster:monitor/health'),
  C('GET', '/_cluster/health/{index}', 'cluster:monitor/health'),
  C('GET', '/_cluster/state', A.state),
  C('GET', '/_cluster/state/{metric}', A.state),
  C('GET', '/_cluster/state/{metric}/{index}', A.state),
  C('GET', '/_cluster/stats', 'cluster:monitor/stats'),
  C('GET', '/_cluster/stats/nodes/{node_id}', 'cluster:monitor/stats'),
  C('GET', '/_cluster/settings', 'cluster:monitor/settings'),
  C('PUT', '/_cluster/settings', 'cluster:admin/settings/update'),
  C('GET', '/_cluster/pending_tasks', 'cluster:monitor/task'),
  C('POST', '/_cluster/reroute', 'cluster:admin/reroute'),
  C('GET,POST', '/_cluster/allocation/explain', 'cluster:monitor/allocation/explain'),
  C('POST', '/_cluster/voting_config_exclusions', 'cluster:admin/voting_config/add_exclusions'),
  C('DELETE', '/_cluster/voting_config_exclusions', 'cluster:admin/voting_config/clear_exclusions'),
  C('GET', '/_remote/info', 'cluster:monitor/remote/info'),
  C('GET', '/_nodes', 'cluster:monitor/nodes/info'),
  C('GET', '/_nodes/{node_id}', 'cluster:monitor/nodes/info'),
  C('GET', '/_nodes/{node_id}/{metric}', 'cluster:monitor/nodes/info'),
  C('GET', '/_nodes/{node_id}/info/{metric}', 'cluster:monitor/nodes/info'),
  ...['stats', 'hot_threads', 'usage'].flatMap((what) => {
    const action = `cluster:monitor/nodes/${what}`;
    return [
      C('GET', `/_nodes/${what}`, action),
      C('GET', `/_nodes/{node_id}/${what}`, action),
      C('GET', `/_nodes/${what}/{metric}`, action),
      C('GET', `/_nodes/{node_id}/${what}/{metric}`, action),
      C('GET', `/_nodes/${what}/{metric}/{index_metric}`, action),
      C('GET', `/_nodes/{node_id}/${what}/{metric}/{index_metric}`, action),
    ];
  }),
  C('POST', '/_nodes/reload_secure_settings', 'cluster:admin/nodes/reload_secure_settings'),
  C('POST', '/_nodes/{node_id}/reload_secure_settings', 'cluster:admin/nodes/reload_secure_settings'),
  C('GET', '/_tasks', 'cluster:monitor/tasks/lists'),
  C('GET', '/_tasks/{task_id}', 'cluster:monitor/task/get'),
  C('POST', '/_tasks/_cancel', 'cluster:admin/tasks/cancel'),
  C('POST', '/_tasks/{task_id}/_cancel', 'cluster:admin/tasks/cancel'),
  // snapshots
  C('PUT,POST', '/_snapshot/{repository}', 'cluster:admin/repository/put'),
  C('GET', '/_snapshot', 'cluster:admin/repository/get'),
  C('GET', '/_snapshot/{repository}', 'cluster:admin/repository/get'),
  C('DELETE', '/_snapshot/{repository}', 'cluster:admin/repository/delete'),
  C('POST', '/_snapshot/{repository}/_verify', 'cluster:admin/repository/verify'),
  C('POST', '/_snapshot/{repository}/_cleanup', 'cluster:admin/repository/_cleanup'),
  C('PUT,POST', '/_snapshot/{repository}/{snapshot}', 'cluster:admin/snapshot/create'),
  C('GET', '/_snapshot/{repository}/{snapshot}', 'cluster:admin/snapshot/get'),
  C('DELETE', '/_snapshot/{repository}/{snapshot}', 'cluster:admin/snapshot/delete'),
  C('POST', '/_snapshot/{repository}/{snapshot}/_restore', 'cluster:admin/snapshot/restore'),
  C('GET', '/_snapshot/_status', 'cluster:admin/snapshot/status'),
  C('GET', '/_snapshot/{repository}/_status', 'cluster:admin/snapshot/status'),
  C('GET', '/_snapshot/{repository}/{snapshot}/_status', 'cluster:admin/snapshot/status'),
  C('PUT', '/_snapshot/{repository}/{snapshot}/_clone/{target_snapshot}', 'cluster:admin/snapshot/clone'),

  // _cat
  ...catRoutes(),
];

function aliasWrite(methods: string, path: string): RouteSpec {
  return R(
    methods,
    path,
    (ctx) => {
      const put = ctx.method !== 'DELETE';
      const indices = pathTarget(ctx, ['indices:admin/aliases'], { ...STRICT_EXPAND_OPEN_CLOSED, allowNoIndices: false });
      const aliasOpts = put ? STRICT_SINGLE : { ...STRICT_EXPAND_OPEN_CLOSED, ignoreUnavailable: true };
      const alias = pathTarget(ctx, ['indices:admin/aliases'], aliasOpts, { param: 'name', wildcards: !put });
      return indicesResolution('indices:admin/aliases', [indices, alias], {
        changesMetadata: true,
        aliasAdds: put ? ctx.params.name.split(',').map((a) => ({ target: 0, alias: a })) : undefined,
      });
    },
    'json',
  );
}

/** `_rollover`: the alias or data stream, the new index (when named), and the aliases the body adds to it. */
function rollover(ctx: ResolveContext): Resolution {
  const alias = pathTarget(ctx, ['indices:admin/rollover'], STRICT_SINGLE, { wildcards: false });
  const targets = [alias];
  if (ctx.params.new_index !== undefined) targets.push(pathTarget(ctx, ['indices:admin/rollover', 'indices:admin/create'], STRICT_SINGLE, { param: 'new_index', wildcards: false }));
  // The aliases the new index gets: as `POST /_aliases` adds (named without a generated index: the rollover's next one).
  const adds = bodyAliases(ctx, targets, targets.length - 1, targets.length === 1);
  return indicesResolution('indices:admin/rollover', targets, { changesMetadata: true, ...adds });
}

function resize(ctx: ResolveContext): Resolution {
  const source = pathTarget(ctx, ['indices:admin/resize'], STRICT_SINGLE, { wildcards: false });
  const target = pathTarget(ctx, ['indices:admin/resize', 'indices:admin/create'], STRICT_SINGLE, { param: 'target', wildcards: false });
  const targets = [source, target];
  return indicesResolution('indices:admin/resize', targets, { changesMetadata: true, ...bodyAliases(ctx, targets, 1, false) });
}

/** A body's `aliases` object: each alias name is an alias add on the target at `index` (filters are walked by the grammar). */
function bodyAliases(ctx: ResolveContext, targets: IndexTarget[], index: number, rollover: boolean): Pick<Resolution, 'aliasAdds'> {
  const aliases = isObject(ctx.json) && isObject(ctx.json.aliases) ? ctx.json.aliases : {};
  const names = Object.keys(aliases);
  for (const a of names) targets.push({ expression: a, actions: ['indices:admin/aliases'], options: STRICT_SINGLE, wildcards: false, where: { in: 'fixed' } });
  return { aliasAdds: names.map((alias) => ({ target: index, alias, ...(rollover ? { rollover } : {}) })) };
}

function mtermvectors(ctx: ResolveContext): Resolution {
  const names = new Set<string>();
  if (ctx.params.index !== undefined) names.add(ctx.params.index);
  const b = ctx.json;
  if (isObject(b) && Array.isArray(b.docs)) for (const d of b.docs) if (isObject(d) && typeof d._index === 'string') names.add(d._index);
  const targets = [...names].map((n) => ({ expression: n, actions: ['indices:data/read/mtv'], options: STRICT_SINGLE, wildcards: false, where: { in: 'fixed' } as const }));
  return indicesResolution('indices:data/read/mtv', targets, { anyIndex: 'indices:data/read/mtv' });
}

const ALIASES_GET = 'indices:admin/aliases/get';
/** ES's get-aliases indices: every state, hidden ones too. */
const ALIAS_INDICES: IndicesOptions = { ...STRICT_EXPAND_OPEN_CLOSED, hidden: true };
/** Alias names: wildcards match the aliases the caller is granted; a named alias it is not granted is ES's 403. */
const ALIAS_NAMES: IndicesOptions = { ...STRICT_EXPAND_OPEN_CLOSED, hidden: true, aliasesOnly: true };

/**
 * `GET /[{index}/]_alias[/{name}]` (and `_aliases`): the indices are expanded as usual; each alias named without
 * a wildcard must be granted (a 403 naming no index, as ES's); the answer keeps only the aliases the caller may
 * see (proxy/alias-answer.ts), which is what ES's replacement of the alias names by the granted ones gives.
 */
function getAliases(ctx: ResolveContext): Resolution {
  if (ctx.params.index !== undefined && ctx.segments.includes('_aliases')) {
    // ES 9 (and OpenSearch) serve no GET on `/{index}/_aliases`: ES's own answer.
    throw new EsError('method_not_allowed', `Incorrect HTTP method for uri [/${ctx.segments.map(encodeURIComponent).join('/')}] and method [${ctx.method}], allowed: [PUT]`);
  }
  const indices = pathTarget(ctx, [ALIASES_GET], ALIAS_INDICES, { insertAt: 0 });
  const named = ctx.params.name;
  const explicit = (named ?? '').split(',').filter((n) => n !== '' && !n.includes('*') && n !== '_all' && !n.startsWith('-'));
  const aliases: IndexTarget[] = explicit.map((n) => ({ expression: n, actions: [ALIASES_GET], options: STRICT_SINGLE, wildcards: false, where: { in: 'fixed' }, aliasNames: true }));
  const rename = ctx.segments.includes('_aliases') ? { renameSegment: { from: '_aliases', to: '_alias' } } : {};
  return indicesResolution(ALIASES_GET, [indices, ...aliases], { aliasAnswer: { action: ALIASES_GET, dropEmpty: named !== undefined }, ...rename });
}

/** `_cat/aliases[/{name}]`: rows of aliases only, so the names are rewritten to the granted aliases. */
function catAliases(ctx: ResolveContext): Resolution {
  const t = pathTarget(ctx, [ALIASES_GET], ALIAS_NAMES, { param: 'name', insertAt: 2 });
  return indicesResolution(ALIASES_GET, [{ ...t, aliasNames: true }]);
}

/**
 * `_cat/shards/{index}`: as ES, the table comes from the cluster state (`cluster:monitor/state`), so wildcards are
 * sent as they are; each name without a wildcard must be granted `indices:monitor/stats` (ES's 403 otherwise).
 */
function catShards(ctx: ResolveContext): Resolution {
  const value = ctx.params.index;
  const named = value.split(',').filter((n) => n !== '' && !n.includes('*') && n !== '_all' && !n.startsWith('-'));
  const targets: IndexTarget[] = named.map((n) => ({ expression: n, actions: ['indices:monitor/stats'], options: STRICT_SINGLE, wildcards: false, where: { in: 'fixed' } }));
  if (targets.length === 0) return clusterResolution(A.state);
  return indicesResolution('indices:monitor/stats', targets, { clusterActions: [A.state] });
}

function catRoutes(): RouteSpec[] {
  const monitor = (what: string, action: string) => [C('GET', `/_cat/${what}`, action)];
  const indexed = (what: string, action: string | readonly string[], opts: IndicesOptions, cluster?: readonly string[], param = 'index') => [
    I('GET', `/_cat/${what}`, action, { insertAt: 2, opts, cluster, param }),
    I('GET', `/_cat/${what}/{${param}}`, action, { opts, cluster, param }),
  ];
  return [
    // ES reads the settings first (its 403 names `indices:monitor/settings/get`), then the stats.
    ...indexed('indices', ['indices:monitor/settings/get', 'indices:monitor/stats'], { ...STRICT_EXPAND_OPEN_CLOSED }, [A.state, 'cluster:monitor/health']),
    // ES lists the shards of the cluster state (every index a wildcard matches); only named indices need the stats.
    C('GET', '/_cat/shards', A.state),
    R('GET', '/_cat/shards/{index}', catShards),
    ...indexed('segments', 'indices:monitor/segments', STRICT_EXPAND_OPEN, [A.state]),
    // Closed indices have shards to recover (ES lists them).
    ...indexed('recovery', 'indices:monitor/recovery', STRICT_EXPAND_OPEN_CLOSED),
    ...indexed('count', A.search, STRICT_EXPAND_OPEN),
    R('GET', '/_cat/aliases', catAliases),
    R('GET', '/_cat/aliases/{name}', catAliases),
    ...monitor('health', 'cluster:monitor/health'),
    ...monitor('nodes', 'cluster:monitor/nodes/info'),
    ...monitor('master', A.state),
    ...monitor('cluster_manager', A.state),
    ...monitor('allocation', 'cluster:monitor/nodes/stats'),
    C('GET', '/_cat/allocation/{node_id}', 'cluster:monitor/nodes/stats'),
    ...monitor('thread_pool', 'cluster:monitor/nodes/stats'),
    C('GET', '/_cat/thread_pool/{pattern}', 'cluster:monitor/nodes/stats'),
    ...monitor('plugins', 'cluster:monitor/nodes/info'),
    ...monitor('templates', A.state),
    C('GET', '/_cat/templates/{name}', A.state),
    ...monitor('tasks', 'cluster:monitor/tasks/lists'),
    ...monitor('pending_tasks', 'cluster:monitor/task'),
    ...monitor('nodeattrs', 'cluster:monitor/nodes/info'),
    ...monitor('repositories', 'cluster:admin/repository/get'),
    ...monitor('snapshots', 'cluster:admin/snapshot/get'),
    C('GET', '/_cat/snapshots/{repository}', 'cluster:admin/snapshot/get'),
    ...monitor('fielddata', 'cluster:monitor/nodes/stats'),
    C('GET', '/_cat/fielddata/{fields}', 'cluster:monitor/nodes/stats'),
  ];
}

export { ROUTES };
