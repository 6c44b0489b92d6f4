/** Cluster, nodes, tasks and snapshot APIs (cluster privileges). */
import type { ApiGrammar } from '../api.ts';
import { any, scalar, obj, arr, many, scalars, SETTINGS } from './bodies.ts';

const TIMEOUTS = 'cluster_manager_timeout master_timeout timeout';
const CM = 'cluster_manager_timeout master_timeout';
/** The `_nodes/<what>` endpoint family, with and without node ids, metrics and index metrics. */
const NODES = (what: string) => ['', '/{metric}', '/{metric}/{index_metric}'].flatMap((m) => [`GET /_nodes/${what}${m}`, `GET /_nodes/{node_id}/${what}${m}`]);

export const CLUSTER_APIS: readonly ApiGrammar[] = [
  { name: 'cluster.health', endpoints: ['GET /_cluster/health', 'GET /_cluster/health/{index}'], query: 'awareness_attribute cluster_manager_timeout expand_wildcards level local master_timeout timeout wait_for_active_shards wait_for_events wait_for_no_initializing_shards wait_for_no_relocating_shards wait_for_nodes wait_for_status' },
  { name: 'cluster.state', endpoints: ['GET /_cluster/state', 'GET /_cluster/state/{metric}', 'GET /_cluster/state/{metric}/{index}'], query: 'allow_no_indices cluster_manager_timeout expand_wildcards flat_settings ignore_unavailable local master_timeout wait_for_metadata_version wait_for_timeout' },
  { name: 'cluster.stats', endpoints: ['GET /_cluster/stats', 'GET /_cluster/stats/nodes/{node_id}'], query: 'flat_settings include_remotes timeout' },
  { name: 'cluster.get_settings', endpoints: ['GET /_cluster/settings'], query: `${TIMEOUTS} flat_settings include_defaults` },
  { name: 'cluster.put_settings', endpoints: ['PUT /_cluster/settings'], query: `${TIMEOUTS} flat_settings`, body: obj('cluster settings', { persistent: SETTINGS, transient: SETTINGS }) },
  { name: 'cluster.pending_tasks', endpoints: ['GET /_cluster/pending_tasks'], query: `${CM} local` },
  { name: 'cluster.reroute', endpoints: ['POST /_cluster/reroute'], query: `${TIMEOUTS} dry_run explain metric retry_failed`, body: obj('reroute request', { commands: arr(any) }) },
  { name: 'cluster.allocation_explain', endpoints: ['GET,POST /_cluster/allocation/explain'], query: 'current_node include_disk_info include_yes_decisions index master_timeout primary shard', body: obj('allocation explain request', scalars('index shard primary current_node')) },
  { name: 'cluster.post_voting_config_exclusions', endpoints: ['POST /_cluster/voting_config_exclusions'], query: 'master_timeout node_ids node_names timeout' },
  { name: 'cluster.delete_voting_config_exclusions', endpoints: ['DELETE /_cluster/voting_config_exclusions'], query: 'master_timeout wait_for_removal' },
  { name: 'cluster.remote_info', endpoints: ['GET /_remote/info'] },
  { name: 'nodes.info', endpoints: ['GET /_nodes', 'GET /_nodes/{node_id}', 'GET /_nodes/{node_id}/{metric}', 'GET /_nodes/{node_id}/info/{metric}'], query: 'flat_settings timeout' },
  { name: 'nodes.stats', endpoints: NODES('stats'), query: 'completion_fields fielddata_fields fields groups include_segment_file_sizes include_unloaded_segments level timeout types' },
  { name: 'nodes.hot_threads', endpoints: NODES('hot_threads'), query: 'ignore_idle_threads interval snapshots sort threads timeout type' },
  { name: 'nodes.usage', endpoints: NODES('usage'), query: 'timeout' },
  { name: 'nodes.reload_secure_settings', endpoints: ['POST /_nodes/reload_secure_settings', 'POST /_nodes/{node_id}/reload_secure_settings'], query: 'timeout', body: obj('reload secure settings request', { secure_settings_password: scalar }) },
  { name: 'tasks.list', endpoints: ['GET /_tasks'], query: 'actions detailed group_by nodes parent_task_id timeout wait_for_completion' },
  { name: 'tasks.get', endpoints: ['GET /_tasks/{task_id}'], query: 'timeout wait_for_completion' },
  { name: 'tasks.cancel', endpoints: ['POST /_tasks/_cancel', 'POST /_tasks/{task_id}/_cancel'], query: 'actions nodes parent_task_id wait_for_completion' },
  { name: 'snapshot.create_repository', endpoints: ['PUT,POST /_snapshot/{repository}'], query: `${TIMEOUTS} verify`, body: obj('repository', { type: scalar, settings: SETTINGS }) },
  { name: 'snapshot.get_repository', endpoints: ['GET /_snapshot', 'GET /_snapshot/{repository}'], query: `${CM} local` },
  { name: 'snapshot.delete_repository', endpoints: ['DELETE /_snapshot/{repository}'], query: TIMEOUTS },
  { name: 'snapshot.verify_repository', endpoints: ['POST /_snapshot/{repository}/_verify'], query: TIMEOUTS },
  { name: 'snapshot.cleanup_repository', endpoints: ['POST /_snapshot/{repository}/_cleanup'], query: TIMEOUTS },
  {
    name: 'snapshot.create',
    endpoints: ['PUT,POST /_snapshot/{repository}/{snapshot}'],
    query: `${CM} wait_for_completion`,
    body: obj('snapshot', { indices: many(scalar), feature_states: arr(scalar), metadata: any, ...scalars('expand_wildcards ignore_unavailable include_global_state partial') }),
  },
  { name: 'snapshot.get', endpoints: ['GET /_snapshot/{repository}/{snapshot}'], query: `${CM} after from_sort_value ignore_unavailable include_repository index_details index_names offset order size slm_policy_filter sort state verbose` },
  { name: 'snapshot.delete', endpoints: ['DELETE /_snapshot/{repository}/{snapshot}'], query: `${CM} wait_for_completion` },
  {
    name: 'snapshot.restore',
    endpoints: ['POST /_snapshot/{repository}/{snapshot}/_restore'],
    query: `${CM} wait_for_completion`,
    body: obj('restore request', {
      indices: many(scalar),
      feature_states: arr(scalar),
      ignore_index_settings: many(scalar),
      index_settings: SETTINGS,
      ...scalars('ignore_unavailable include_aliases include_global_state partial rename_pattern rename_replacement rename_alias_pattern rename_alias_replacement storage_type source_remote_store_repository source_remote_translog_repository wait_for_completion'),
    }),
  },
  { name: 'snapshot.status', endpoints: ['GET /_snapshot/_status', 'GET /_snapshot/{repository}/_status', 'GET /_snapshot/{repository}/{snapshot}/_status'], query: `${CM} ignore_unavailable` },
  { name: 'snapshot.clone', endpoints: ['PUT /_snapshot/{repository}/{snapshot}/_clone/{target_snapshot}'], query: CM, body: obj('clone snapshot request', { indices: many(scalar) }) },
];
