import { compilePatterns, subsetOf, type Predicate } from './patterns.ts';

/**
 * ES's named index privileges (IndexPrivilege): each a set of index action patterns. The failure store ones
 * (`read_failure_store`, `manage_failure_store`) grant their actions on a data stream's failure store only
 * (the `::failures` selector), which the gateway does not serve: they are accepted in roles and grant nothing
 * on the data indices, as in ES (FAILURE_STORE_ONLY).
 */
const MONITOR = ['indices:monitor/*'];
const DEFINITIONS: Readonly<Record<string, readonly string[]>> = {
  none: [],
  all: ['indices:*', 'internal:transport/proxy/indices:*'],
  read: ['indices:data/read/*', 'indices:admin/resolve/index', 'indices:admin/resolve/cluster'],
  read_cross_cluster: [
    'internal:transport/proxy/indices:data/read/*',
    'indices:admin/shards/search_shards',
    'indices:admin/search/search_shards',
    'indices:admin/resolve/cluster',
    'indices:data/read/esql',
    'indices:data/read/esql/compute',
  ],
  create: ['indices:data/write/index*', 'indices:data/write/bulk*', 'indices:data/write/simulate/bulk*'],
  index: ['indices:data/write/index*', 'indices:data/write/bulk*', 'indices:data/write/update*', 'indices:data/write/simulate/bulk*'],
  delete: ['indices:data/write/delete*', 'indices:data/write/bulk*'],
  write: ['indices:data/write/*', 'indices:admin/mapping/auto_put'],
  create_doc: [
    'indices:data/write/index',
    'indices:data/write/index[*',
    'indices:data/write/index:op_type/create',
    'indices:data/write/bulk*',
    'indices:data/write/simulate/bulk*',
  ],
  monitor: MONITOR,
  manage: [...MONITOR, 'indices:admin/*', 'indices:data/read/field_caps*', 'indices:data/read/xpack/rollup/get/index/caps*'],
  delete_index: ['indices:admin/delete', 'indices:admin/data_stream/delete'],
  create_index: ['indices:admin/create', 'indices:admin/auto_create', 'indices:admin/data_stream/create'],
  view_index_metadata: [
    'indices:admin/aliases/get',
    'indices:admin/get',
    'indices:admin/mappings/fields/get*',
    'indices:admin/mappings/get',
    'indices:admin/shards/search_shards',
    'indices:admin/search/search_shards',
    'indices:admin/validate/query*',
    'indices:monitor/settings/get',
    'indices:admin/ilm/explain',
    'indices:admin/data_stream/lifecycle/get',
    'indices:admin/data_stream/lifecycle/explain',
    'indices:admin/data_stream/get',
    'indices:admin/resolve/index',
    'indices:admin/resolve/cluster',
    'indices:data/read/field_caps*',
    'indices:data/read/xpack/rollup/get/index/caps*',
    'indices:monitor/transform/checkpoint*',
    'indices:monitor/get/metering/stats',
    'indices:admin/get/metering/stats',
  ],
  manage_follow_index: [
    'indices:admin/xpack/ccr/put_follow',
    'indices:admin/xpack/ccr/unfollow',
    'indices:admin/close*',
    'indices:admin/data_stream/promote',
    'indices:admin/rollover',
  ],
  manage_leader_index: ['indices:admin/xpack/ccr/forget_follower*'],
  manage_ilm: ['indices:admin/ilm/*'],
  manage_data_stream_lifecycle: ['indices:admin/data_stream/lifecycle/*'],
  maintenance: ['indices:admin/refresh*', 'indices:admin/flush*', 'indices:admin/synced_flush', 'indices:admin/forcemerge*'],
  auto_configure: ['indices:admin/mapping/auto_put', 'indices:admin/auto_create'],
  cross_cluster_replication: [
    'indices:data/read/xpack/ccr/shard_changes*',
    'indices:monitor/stats*',
    'indices:admin/seq_no/add_retention_lease*',
    'indices:admin/seq_no/remove_retention_lease*',
    'indices:admin/seq_no/renew_retention_lease*',
  ],
  cross_cluster_replication_internal: [
    'indices:internal/admin/ccr/restore/session/clear*',
    'indices:internal/admin/ccr/restore/file_chunk/get*',
    'indices:internal/admin/ccr/restore/session/put*',
    'internal:transport/proxy/indices:internal/admin/ccr/restore/session/clear*',
    'internal:transport/proxy/indices:internal/admin/ccr/restore/file_chunk/get*',
  ],
};

/** ES's order for "granted by" lists: least privileged first (by how many others each implies), then by name. */
/** Named privileges whose actions apply to failure stores only (ES's IndexComponentSelectorPredicate.FAILURES). */
const FAILURE_STORE_ONLY: Readonly<Record<string, readonly string[]>> = {
  read_failure_store: ['indices:data/read/*', 'indices:admin/resolve/index'],
  manage_failure_store: DEFINITIONS.manage,
};

export const INDEX_PRIVILEGE_ORDER: readonly string[] = (() => {
  const names = Object.keys(DEFINITIONS);
  const count = (n: string) => names.filter((o) => o !== n && subsetOf({ include: DEFINITIONS[o], exclude: [] }, { include: DEFINITIONS[n], exclude: [] })).length;
  const counts = new Map(names.map((n) => [n, count(n)]));
  return names.sort((a, b) => counts.get(a)! - counts.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
})();

export const INDEX_PRIVILEGE_NAMES: readonly string[] = [...Object.keys(DEFINITIONS), ...Object.keys(FAILURE_STORE_ONLY)].sort();

const PREDICATES = new Map<string, Predicate>(Object.entries(DEFINITIONS).map(([n, p]) => [n, compilePatterns(p)]));
const IS_INDEX_ACTION = PREDICATES.get('all')!;

export function isIndexAction(name: string): boolean {
  return IS_INDEX_ACTION(name);
}

/** The action patterns an index privilege name stands for, or null when ES would reject it. */
export function resolveIndexPrivilege(name: string): readonly string[] | null {
  const n = name.toLowerCase();
  if (isIndexAction(n)) return [`${n}*`];
  if (Object.hasOwn(FAILURE_STORE_ONLY, n)) return [];
  return DEFINITIONS[n] ?? null;
}

export function unknownIndexPrivilegeMessage(name: string): string {
  return `unknown index privilege [${name.toLowerCase()}]. a privilege must be either one of the predefined fixed indices privileges [${INDEX_PRIVILEGE_NAMES.join(',')}] or a pattern over one of the available index actions`;
}

export function indexPrivilegesThatGrant(action: string): string[] {
  return INDEX_PRIVILEGE_ORDER.filter((n) => PREDICATES.get(n)!(action));
}

/** Whether the name is a failure store privilege (granted only by itself or `all`, on the `::failures` selector). */
export function isFailureStorePrivilege(name: string): boolean {
  return Object.hasOwn(FAILURE_STORE_ONLY, name.toLowerCase());
}

export function isNamedIndexPrivilege(name: string): boolean {
  const n = name.toLowerCase();
  return Object.hasOwn(DEFINITIONS, n) || Object.hasOwn(FAILURE_STORE_ONLY, n);
}
