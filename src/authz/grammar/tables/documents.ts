/** Document APIs: single documents, mget, bulk, term vectors, reindex and by-query writes. */
import type { ApiGrammar } from '../api.ts';
import { any, scalar, obj, arr, many, map, idx, refused, scalars, byResolver, QUERY, SCRIPT, SEARCH_BODY, TERMVECTORS_BODY, MTERMVECTORS_BODY } from './bodies.ts';

const SOURCE_Q = '_source _source_excludes _source_includes';
const GET_Q = `${SOURCE_Q} preference realtime refresh routing stored_fields version version_type`;
const WRITE_Q = 'if_primary_term if_seq_no include_source_on_error refresh require_alias require_data_stream routing timeout version version_type wait_for_active_shards pipeline';
const BY_QUERY_Q = `${SOURCE_Q} allow_no_indices analyze_wildcard analyzer conflicts default_operator df expand_wildcards from ignore_unavailable lenient max_docs preference q refresh request_cache requests_per_second routing scroll scroll_size search_timeout search_type size slices sort stats terminate_after timeout version wait_for_active_shards wait_for_completion`;

export const UPDATE_BODY = obj('update request', { doc: any, upsert: any, script: SCRIPT, _source: any, ...scalars('doc_as_upsert scripted_upsert detect_noop') });

export const MGET_BODY = obj('mget request', {
  docs: arr(obj('doc', { _index: idx(byResolver(['indices:data/read/mget[shard]'], true)), _id: scalar, _source: any, stored_fields: many(scalar), ...scalars('routing _routing version version_type') })),
  ids: arr(scalar),
});

const REINDEX_BODY = obj('reindex', {
  ...scalars('conflicts max_docs size'),
  script: SCRIPT,
  source: obj('source', { index: idx(byResolver(['indices:data/read/search'])), remote: refused('reindex from a remote cluster needs the cluster privilege [all]') }, { rest: SEARCH_BODY }),
  dest: obj('dest', { index: idx(byResolver(['indices:data/write/index'], true)), ...scalars('op_type pipeline routing version_type type') }),
});

const BY_QUERY_BODY = (name: string, script: boolean) => obj(name, { ...scalars('conflicts max_docs'), ...(script ? { script: SCRIPT } : {}) }, { rest: SEARCH_BODY });

export const DOCUMENT_APIS: readonly ApiGrammar[] = [
  { name: 'info', endpoints: ['GET /'] },
  { name: 'ping', endpoints: ['HEAD /'] },
  { name: 'index', endpoints: ['PUT,POST /{index}/_doc/{id}', 'POST /{index}/_doc'], query: `${WRITE_Q} op_type`, body: any },
  { name: 'create', endpoints: ['PUT,POST /{index}/_create/{id}'], query: WRITE_Q, body: any },
  { name: 'get', endpoints: ['GET /{index}/_doc/{id}'], query: `${GET_Q} _source_exclude_vectors force_synthetic_source` },
  { name: 'exists', endpoints: ['HEAD /{index}/_doc/{id}'], query: GET_Q },
  { name: 'get_source', endpoints: ['GET /{index}/_source/{id}'], query: GET_Q },
  { name: 'exists_source', endpoints: ['HEAD /{index}/_source/{id}'], query: GET_Q },
  { name: 'delete', endpoints: ['DELETE /{index}/_doc/{id}'], query: 'if_primary_term if_seq_no refresh routing timeout version version_type wait_for_active_shards' },
  { name: 'update', endpoints: ['POST /{index}/_update/{id}'], query: `${SOURCE_Q} if_primary_term if_seq_no include_source_on_error lang refresh require_alias retry_on_conflict routing timeout wait_for_active_shards`, body: UPDATE_BODY },
  { name: 'mget', endpoints: ['GET,POST /_mget', 'GET,POST /{index}/_mget'], query: `${SOURCE_Q} force_synthetic_source preference realtime refresh routing stored_fields`, body: MGET_BODY },
  { name: 'bulk', endpoints: ['POST,PUT /_bulk', 'POST,PUT /{index}/_bulk'], query: `${SOURCE_Q} include_source_on_error list_executed_pipelines pipeline refresh require_alias require_data_stream routing timeout type wait_for_active_shards`, body: { ndjson: 'bulk' } },
  { name: 'termvectors', endpoints: ['GET,POST /{index}/_termvectors', 'GET,POST /{index}/_termvectors/{id}'], query: 'field_statistics fields offsets payloads positions preference realtime routing term_statistics version version_type', body: TERMVECTORS_BODY },
  { name: 'mtermvectors', endpoints: ['GET,POST /_mtermvectors', 'GET,POST /{index}/_mtermvectors'], query: 'field_statistics fields ids offsets payloads positions preference realtime routing term_statistics version version_type', body: MTERMVECTORS_BODY },
  { name: 'reindex', endpoints: ['POST /_reindex'], query: 'max_docs refresh requests_per_second require_alias scroll slices timeout wait_for_active_shards wait_for_completion', body: REINDEX_BODY },
  { name: 'update_by_query', endpoints: ['POST /{index}/_update_by_query'], query: `${BY_QUERY_Q} pipeline version_type`, body: BY_QUERY_BODY('update_by_query', true) },
  { name: 'delete_by_query', endpoints: ['POST /{index}/_delete_by_query'], query: BY_QUERY_Q, body: BY_QUERY_BODY('delete_by_query', false) },
  { name: 'reindex_rethrottle', endpoints: ['POST /_reindex/{task_id}/_rethrottle'], query: 'group_by requests_per_second' },
  { name: 'update_by_query_rethrottle', endpoints: ['POST /_update_by_query/{task_id}/_rethrottle'], query: 'requests_per_second' },
  { name: 'delete_by_query_rethrottle', endpoints: ['POST /_delete_by_query/{task_id}/_rethrottle'], query: 'requests_per_second' },
];

/** `_bulk` lines: the action/metadata line of each op, and the source line of an update. */
const BULK_META = obj('bulk action', {
  _index: idx(byResolver(['indices:data/write/bulk[s]'], true)),
  ...scalars('_id routing _routing if_seq_no if_primary_term version version_type pipeline require_alias require_data_stream retry_on_conflict _retry_on_conflict op_type list_executed_pipelines'),
  dynamic_templates: map(scalar),
  _source: any,
});
export const BULK_ACTION_LINE = obj('bulk action line', { index: BULK_META, create: BULK_META, update: BULK_META, delete: BULK_META });
export const BULK_UPDATE_LINE = UPDATE_BODY;
export { QUERY };
