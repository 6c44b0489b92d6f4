import { compilePatterns, subsetOf, type PatternSet, type Predicate } from './patterns.ts';

/**
 * ES's named cluster privileges (ClusterPrivilegeResolver): each is a set of cluster action patterns, some
 * minus exclusions. `manage_own_api_key` is special: it grants API key actions on the caller's own keys only,
 * which the engine decides (see engine.ts); as a pattern set it is the API key actions.
 */
const SECURITY = 'cluster:admin/xpack/security/';
const ALL_CLUSTER = ['cluster:*', 'indices:admin/template/*', 'indices:admin/index_template/*'];
const CONNECTOR_SECRETS_READ = ['cluster:admin/xpack/connector/secret/get'];
const CONNECTOR_SECRETS_WRITE = ['cluster:admin/xpack/connector/secret/delete', 'cluster:admin/xpack/connector/secret/post', 'cluster:admin/xpack/connector/secret/put'];
const REMOTE_CLUSTER_COMMON = [
  'cluster:internal/remote_cluster/handshake',
  'cluster:internal/remote_cluster/nodes',
  'cluster:internal/admin/tasks/ban',
  'cluster:internal/admin/tasks/cancel_child',
  'cluster:monitor/xpack/info',
];

export const MANAGE_OWN_API_KEY = 'manage_own_api_key';

const DEFINITIONS: Readonly<Record<string, PatternSet>> = {
  none: set([]),
  all: set(ALL_CLUSTER),
  monitor: set(['cluster:monitor/*', 'indices:admin/template/get', 'cluster:admin/component_template/get', 'indices:admin/index_template/get']),
  monitor_connector: set([
    'cluster:admin/xpack/connector/get',
    'cluster:admin/xpack/connector/list',
    'cluster:admin/xpack/connector/sync_job/get',
    'cluster:admin/xpack/connector/sync_job/list',
  ]),
  monitor_inference: set(['cluster:monitor/xpack/inference*', 'cluster:monitor/xpack/ml/trained_models/deployment/infer']),
  monitor_ml: set(['cluster:monitor/xpack/ml/*']),
  monitor_text_structure: set(['cluster:monitor/text_structure/*']),
  monitor_data_frame_transforms: set(['cluster:monitor/data_frame/*', 'cluster:monitor/transform/*']),
  monitor_transform: set(['cluster:monitor/data_frame/*', 'cluster:monitor/transform/*']),
  monitor_watcher: set(['cluster:monitor/xpack/watcher/*']),
  monitor_rollup: set(['cluster:monitor/xpack/rollup/*']),
  monitor_enrich: set(['cluster:monitor/xpack/enrich/*', 'cluster:admin/xpack/enrich/get']),
  monitor_esql: set(['cluster:monitor/xpack/esql/*']),
  monitor_stats: set(['cluster:monitor/stats*']),
  manage: set(ALL_CLUSTER, [`${SECURITY}*`]),
  manage_connector: set(['cluster:admin/xpack/connector/*'], [...CONNECTOR_SECRETS_READ, ...CONNECTOR_SECRETS_WRITE]),
  manage_inference: set([
    'cluster:admin/xpack/inference/*',
    'cluster:monitor/xpack/inference*',
    'cluster:admin/xpack/ml/trained_models/deployment/start',
    'cluster:admin/xpack/ml/trained_models/deployment/stop',
    'cluster:monitor/xpack/ml/trained_models/deployment/infer',
  ]),
  manage_ml: set(['cluster:admin/xpack/ml/*', 'cluster:monitor/xpack/ml/*']),
  manage_data_frame_transforms: set(['cluster:admin/data_frame/*', 'cluster:monitor/data_frame/*', 'cluster:monitor/transform/*', 'cluster:admin/transform/*']),
  manage_transform: set(['cluster:admin/data_frame/*', 'cluster:monitor/data_frame/*', 'cluster:monitor/transform/*', 'cluster:admin/transform/*']),
  manage_token: set([`${SECURITY}token/*`]),
  manage_watcher: set(['cluster:admin/xpack/watcher/*', 'cluster:monitor/xpack/watcher/*']),
  manage_index_templates: set(['indices:admin/template/*', 'indices:admin/index_template/*', 'cluster:admin/component_template/*']),
  manage_ingest_pipelines: set(['cluster:admin/ingest/pipeline/*']),
  read_pipeline: set(['cluster:admin/ingest/pipeline/get', 'cluster:admin/ingest/pipeline/simulate']),
  transport_client: set(['cluster:monitor/nodes/liveness', 'cluster:monitor/state']),
  manage_security: set([`${SECURITY}*`], [`${SECURITY}delegate_pki`]),
  read_security: set([
    `${SECURITY}api_key/get`,
    `${SECURITY}api_key/query`,
    `${SECURITY}privilege/builtin/get`,
    `${SECURITY}privilege/get`,
    `${SECURITY}profile/get`,
    `${SECURITY}profile/has_privileges`,
    `${SECURITY}profile/suggest`,
    `${SECURITY}role/get`,
    `${SECURITY}role/query`,
    `${SECURITY}role_mapping/get`,
    `${SECURITY}service_account/get`,
    `${SECURITY}service_account/credential/get*`,
    `${SECURITY}user/get`,
    `${SECURITY}user/query`,
    `${SECURITY}user/list_privileges`,
    `${SECURITY}user/has_privileges`,
    `${SECURITY}settings/get`,
  ]),
  manage_saml: set([`${SECURITY}saml/*`, `${SECURITY}token/invalidate`, `${SECURITY}token/refresh`, 'cluster:monitor/xpack/security/saml/metadata']),
  manage_oidc: set([`${SECURITY}oidc/*`]),
  manage_api_key: set([`${SECURITY}api_key/*`]),
  grant_api_key: set([`${SECURITY}api_key/grant*`]),
  manage_service_account: set([`${SECURITY}service_account/*`]),
  manage_user_profile: set([`${SECURITY}profile/*`]),
  manage_pipeline: set(['cluster:admin/ingest/pipeline/*']),
  manage_rollup: set(['cluster:admin/xpack/rollup/*', 'cluster:monitor/xpack/rollup/*']),
  manage_autoscaling: set(['cluster:admin/autoscaling/*']),
  manage_ccr: set(['cluster:admin/xpack/ccr/*', 'cluster:monitor/state', `${SECURITY}user/has_privileges`]),
  read_ccr: set(['cluster:monitor/state', `${SECURITY}user/has_privileges`]),
  create_snapshot: set(['cluster:admin/snapshot/create', 'cluster:admin/snapshot/status*', 'cluster:admin/snapshot/get', 'cluster:admin/snapshot/status', 'cluster:admin/repository/get']),
  monitor_snapshot: set(['cluster:admin/snapshot/status*', 'cluster:admin/snapshot/get', 'cluster:admin/snapshot/status', 'cluster:admin/repository/get']),
  manage_ilm: set(['cluster:admin/ilm/*']),
  read_ilm: set(['cluster:admin/ilm/get', 'cluster:admin/ilm/operation_mode/get']),
  manage_slm: set(['cluster:admin/slm/*', 'cluster:admin/ilm/start', 'cluster:admin/ilm/stop', 'cluster:admin/ilm/operation_mode/get']),
  read_slm: set(['cluster:admin/slm/status', 'cluster:admin/slm/get', 'cluster:admin/ilm/operation_mode/get']),
  delegate_pki: set([`${SECURITY}delegate_pki`, `${SECURITY}token/invalidate`]),
  [MANAGE_OWN_API_KEY]: set([`${SECURITY}api_key/*`]),
  manage_enrich: set(['cluster:admin/xpack/enrich/*', 'cluster:monitor/xpack/enrich/*']),
  manage_logstash_pipelines: set(['cluster:admin/logstash/pipeline/*']),
  read_fleet_secrets: set(['cluster:admin/fleet/secrets/get']),
  write_fleet_secrets: set(['cluster:admin/fleet/secrets/post', 'cluster:admin/fleet/secrets/delete']),
  cancel_task: set(['cluster:admin/tasks/cancel*']),
  manage_search_application: set(['cluster:admin/xpack/application/search_application/*']),
  manage_search_synonyms: set(['cluster:admin/synonyms/*', 'cluster:admin/synonyms_sets/*', 'cluster:admin/synonym_rules/*']),
  manage_behavioral_analytics: set(['cluster:admin/xpack/application/analytics/*']),
  post_behavioral_analytics_event: set(['cluster:admin/xpack/application/analytics/post_event']),
  manage_search_query_rules: set(['cluster:admin/xpack/query_rules/*']),
  cross_cluster_search: set([
    ...REMOTE_CLUSTER_COMMON,
    'cluster:monitor/xpack/enrich/esql/resolve_policy',
    'cluster:internal:data/read/esql/open_exchange',
    'cluster:internal:data/read/esql/exchange',
  ]),
  cross_cluster_replication: set([...REMOTE_CLUSTER_COMMON, 'cluster:monitor/state']),
  read_connector_secrets: set(CONNECTOR_SECRETS_READ),
  write_connector_secrets: set(CONNECTOR_SECRETS_WRITE),
  monitor_data_stream_global_retention: set([]),
  manage_data_stream_global_retention: set([]),
};

function set(include: readonly string[], exclude: readonly string[] = []): PatternSet {
  return { include, exclude };
}

/**
 * How many other named privileges each one implies. `manage_own_api_key` implies nothing (it is not an action
 * set in ES); it is implied by those covering every API key action, as in ES's order.
 */
function impliesCount(name: string): number {
  if (name === MANAGE_OWN_API_KEY) return 0;
  let n = 0;
  for (const other of Object.keys(DEFINITIONS)) {
    if (other !== name && subsetOf(DEFINITIONS[other], DEFINITIONS[name])) n++;
  }
  return n;
}

/** ES's order: least privileged first (by how many others each implies), then by name. */
export const CLUSTER_PRIVILEGE_NAMES: readonly string[] = (() => {
  const counts = new Map(Object.keys(DEFINITIONS).map((n) => [n, impliesCount(n)]));
  return [...counts.keys()].sort((a, b) => counts.get(a)! - counts.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
})();

const PREDICATES = new Map<string, Predicate>(Object.entries(DEFINITIONS).map(([n, d]) => [n, compilePatterns(d.include, d.exclude)]));

/** Raw cluster action patterns are allowed where they match ES's cluster actions. */
const IS_CLUSTER_ACTION = compilePatterns(ALL_CLUSTER);

export function isClusterAction(name: string): boolean {
  return IS_CLUSTER_ACTION(name);
}

/** The action patterns a cluster privilege name stands for, or null when ES would reject the name. */
export function resolveClusterPrivilege(name: string): PatternSet | null {
  const n = name.toLowerCase();
  if (isClusterAction(n)) return set([`${n}*`]);
  return DEFINITIONS[n] ?? null;
}

export function unknownClusterPrivilegeMessage(name: string): string {
  return `unknown cluster privilege [${name.toLowerCase()}]. a privilege must be either one of the predefined cluster privilege names [${CLUSTER_PRIVILEGE_NAMES.join(',')}] or a pattern over one of the available cluster actions`;
}

/** Named cluster privileges granting `action`, in ES's order (least privileged first). `ownApiKey`: the request is about the caller's own API keys. */
export function clusterPrivilegesThatGrant(action: string, ownApiKey = false): string[] {
  return CLUSTER_PRIVILEGE_NAMES.filter((n) => (n === MANAGE_OWN_API_KEY ? ownApiKey && PREDICATES.get(n)!(action) : PREDICATES.get(n)!(action)));
}

export function isNamedClusterPrivilege(name: string): boolean {
  return Object.hasOwn(DEFINITIONS, name.toLowerCase());
}
