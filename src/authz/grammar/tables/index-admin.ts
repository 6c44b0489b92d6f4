/** Index maintenance and lifecycle APIs: refresh, stats, rollover, resize, analyze, data streams. */
import type { ApiGrammar } from '../api.ts';
import { any, scalar, obj, arr, many, map, scalars, MAPPINGS, SETTINGS, ALIAS_MAP, ALIAS_KEYS } from './bodies.ts';
import { index } from '../nodes.ts';
import { STRICT_SINGLE } from '../../indices/options.ts';

const TIMEOUTS = 'cluster_manager_timeout master_timeout timeout';
const OPTS = 'allow_no_indices expand_wildcards ignore_unavailable';
const METRIC = (p: string) => [`GET /${p}`, `GET /{index}/${p}`, `GET /${p}/{metric}`, `GET /{index}/${p}/{metric}`];
const BOTH = (p: string) => [`POST,GET /${p}`, `POST,GET /{index}/${p}`];

const RESIZE_BODY = obj('resize request', { aliases: ALIAS_MAP(ALIAS_KEYS), settings: SETTINGS, max_primary_shard_size: scalar });
const ROLLOVER_BODY = obj('rollover request', { aliases: ALIAS_MAP(ALIAS_KEYS), conditions: map(scalar), mappings: MAPPINGS, settings: SETTINGS });
const ANALYZE_BODY = obj('analyze request', {
  ...scalars('analyzer explain field normalizer'),
  text: many(scalar),
  attributes: arr(scalar),
  char_filter: arr(any),
  filter: arr(any),
  token_filter: arr(any),
  tokenizer: any,
});
/** `_data_stream/_modify`: every data stream and index an action names must be granted the modify action. */
export const MODIFY_DATA_STREAM = 'indices:admin/data_stream/modify';
const MODIFIED = index({ actions: [MODIFY_DATA_STREAM], single: true, by: 'auto', options: STRICT_SINGLE });
const BACKING_INDEX_ACTION = obj('backing index action', { data_stream: MODIFIED, index: MODIFIED });
const MODIFY_BODY = obj('modify data stream request', { actions: arr(obj('data stream action', { add_backing_index: BACKING_INDEX_ACTION, remove_backing_index: BACKING_INDEX_ACTION })) });
const RESIZE_Q = `${TIMEOUTS} task_execution_timeout wait_for_active_shards wait_for_completion`;

export const INDEX_ADMIN_APIS: readonly ApiGrammar[] = [
  { name: 'indices.refresh', endpoints: BOTH('_refresh'), query: OPTS },
  { name: 'indices.flush', endpoints: BOTH('_flush'), query: `${OPTS} force wait_if_ongoing` },
  { name: 'indices.forcemerge', endpoints: BOTH('_forcemerge'), query: `${OPTS} flush max_num_segments only_expunge_deletes primary_only wait_for_completion` },
  { name: 'indices.clear_cache', endpoints: BOTH('_cache/clear'), query: `${OPTS} fielddata fields file query request` },
  { name: 'indices.stats', endpoints: METRIC('_stats'), query: 'completion_fields expand_wildcards fielddata_fields fields forbid_closed_indices groups include_segment_file_sizes include_unloaded_segments level' },
  { name: 'indices.segments', endpoints: METRIC('_segments'), query: `${OPTS} verbose` },
  { name: 'indices.recovery', endpoints: METRIC('_recovery'), query: `${OPTS} active_only detailed` },
  { name: 'indices.shard_stores', endpoints: METRIC('_shard_stores'), query: `${OPTS} status` },
  { name: 'indices.rollover', endpoints: ['POST /{index}/_rollover', 'POST /{index}/_rollover/{new_index}'], query: `${TIMEOUTS} dry_run lazy wait_for_active_shards`, body: ROLLOVER_BODY },
  { name: 'indices.shrink', endpoints: ['PUT,POST /{index}/_shrink/{target}'], query: `${RESIZE_Q} copy_settings`, body: RESIZE_BODY },
  { name: 'indices.split', endpoints: ['PUT,POST /{index}/_split/{target}'], query: `${RESIZE_Q} copy_settings`, body: RESIZE_BODY },
  { name: 'indices.clone', endpoints: ['PUT,POST /{index}/_clone/{target}'], query: RESIZE_Q, body: RESIZE_BODY },
  { name: 'indices.resolve_index', endpoints: ['GET /_resolve/index/{name}'], query: `${OPTS} mode` },
  { name: 'indices.analyze', endpoints: ['GET,POST /_analyze', 'GET,POST /{index}/_analyze'], body: ANALYZE_BODY },
  { name: 'indices.get_upgrade', endpoints: ['GET /_upgrade', 'GET /{index}/_upgrade'], engine: 'os', query: OPTS },
  { name: 'indices.create_data_stream', endpoints: ['PUT /_data_stream/{name}'], query: 'master_timeout timeout' },
  { name: 'indices.delete_data_stream', endpoints: ['DELETE /_data_stream/{name}'], query: 'expand_wildcards master_timeout' },
  { name: 'indices.get_data_stream', endpoints: ['GET /_data_stream', 'GET /_data_stream/{name}'], query: 'expand_wildcards include_defaults master_timeout verbose' },
  { name: 'indices.migrate_to_data_stream', endpoints: ['POST /_data_stream/_migrate/{name}'], engine: 'es', query: 'master_timeout timeout' },
  { name: 'indices.promote_data_stream', endpoints: ['POST /_data_stream/_promote/{name}'], engine: 'es', query: 'master_timeout' },
  { name: 'indices.modify_data_stream', endpoints: ['POST /_data_stream/_modify'], query: 'cluster_manager_timeout master_timeout timeout', body: MODIFY_BODY },
  { name: 'indices.data_streams_stats', endpoints: ['GET /_data_stream/_stats', 'GET /_data_stream/{name}/_stats'], query: 'expand_wildcards' },
];
