/** Search APIs: search, scroll, msearch, templates, count, explain, validate, field caps, PIT, query languages. */
import type { ApiGrammar } from '../api.ts';
import { any, scalar, obj, arr, many, map, idx, refused, scalars, byResolver, QUERY, SEARCH_BODY, RUNTIME, TEMPLATE_BODY, queryOnly } from './bodies.ts';

const SEARCH_Q =
  '_source _source_exclude_vectors _source_excludes _source_includes allow_no_indices allow_partial_search_results analyze_wildcard analyzer batched_reduce_size cancel_after_time_interval ccs_minimize_roundtrips default_operator df docvalue_fields expand_wildcards explain force_synthetic_source from ignore_throttled ignore_unavailable include_named_queries_score lenient max_concurrent_shard_requests phase_took pre_filter_shard_size preference q request_cache rest_total_hits_as_int routing scroll search_pipeline search_type seq_no_primary_term size sort stats stored_fields suggest_field suggest_mode suggest_size suggest_text terminate_after timeout track_scores track_total_hits typed_keys verbose_pipeline version';
const Q_PARAMS = 'analyze_wildcard analyzer default_operator df lenient q';
const SQL_Q = 'format sanitize';
const NO_PROJECT_ROUTING = { project_routing: { refused: 'project routing is not authorized by the gateway' } } as const;

const SQL_BODY = obj('sql request', {
  ...scalars('query fetch_size cursor columnar time_zone field_multi_value_leniency index_using_frozen keep_alive keep_on_completion page_timeout request_timeout wait_for_completion_timeout allow_partial_search_results mode client_id version binary_format'),
  filter: QUERY,
  params: any,
  parameters: any,
  runtime_mappings: RUNTIME,
  catalog: refused('cross-cluster catalogs are not authorized by the gateway'),
  project_routing: refused('project routing is not authorized by the gateway'),
});
const ESQL_BODY = obj('esql request', {
  ...scalars('query columnar time_zone locale profile include_ccs_metadata include_execution_metadata'),
  filter: QUERY,
  params: any,
  tables: refused('inline ES|QL tables are not supported by the gateway'),
  project_routing: refused('project routing is not authorized by the gateway'),
});
const PPL_BODY = obj('ppl request', { ...scalars('query fetch_size'), filter: QUERY });

const RANK_EVAL_BODY = obj('rank_eval request', {
  requests: arr(obj('request', { id: scalar, request: SEARCH_BODY, ratings: arr(obj('rating', scalars('_index _id rating'))), summary_fields: arr(scalar), template_id: refused('search templates in rank_eval are not rendered by the gateway'), params: refused('search templates in rank_eval are not rendered by the gateway') })),
  metric: map(map(any)),
  templates: refused('search templates in rank_eval are not rendered by the gateway'),
  max_concurrent_searches: scalar,
});

export const SEARCH_APIS: readonly ApiGrammar[] = [
  { name: 'search', endpoints: ['GET,POST /_search', 'GET,POST /{index}/_search'], query: SEARCH_Q, body: SEARCH_BODY },
  { name: 'scroll', endpoints: ['GET,POST /_search/scroll', 'GET,POST /_search/scroll/{scroll_id}'], query: 'rest_total_hits_as_int scroll', params: { scroll_id: 'resolver' }, body: obj('scroll request', { scroll: scalar, scroll_id: scalar, rest_total_hits_as_int: scalar }) },
  { name: 'clear_scroll', endpoints: ['DELETE /_search/scroll', 'DELETE /_search/scroll/{scroll_id}'], body: obj('clear scroll request', { scroll_id: many(scalar) }) },
  { name: 'msearch', endpoints: ['GET,POST /_msearch', 'GET,POST /{index}/_msearch'], query: 'allow_no_indices allow_partial_results ccs_minimize_roundtrips expand_wildcards ignore_throttled ignore_unavailable include_named_queries_score max_concurrent_searches max_concurrent_shard_requests pre_filter_shard_size rest_total_hits_as_int routing search_type typed_keys', params: NO_PROJECT_ROUTING, body: { ndjson: 'msearch' } },
  { name: 'search_template', endpoints: ['GET,POST /_search/template', 'GET,POST /{index}/_search/template'], query: 'allow_no_indices ccs_minimize_roundtrips expand_wildcards explain ignore_throttled ignore_unavailable phase_took preference profile rest_total_hits_as_int routing scroll search_pipeline search_type typed_keys', body: TEMPLATE_BODY },
  { name: 'msearch_template', endpoints: ['GET,POST /_msearch/template', 'GET,POST /{index}/_msearch/template'], query: 'ccs_minimize_roundtrips max_concurrent_searches rest_total_hits_as_int search_type typed_keys', params: NO_PROJECT_ROUTING, body: { ndjson: 'msearch_template' } },
  { name: 'render_search_template', endpoints: ['GET,POST /_render/template', 'GET,POST /_render/template/{id}'], body: TEMPLATE_BODY },
  { name: 'count', endpoints: ['GET,POST /_count', 'GET,POST /{index}/_count'], query: `${Q_PARAMS} allow_no_indices expand_wildcards ignore_throttled ignore_unavailable min_score preference routing terminate_after`, body: queryOnly('count request') },
  { name: 'explain', endpoints: ['GET,POST /{index}/_explain/{id}'], query: `${Q_PARAMS} _source _source_excludes _source_includes preference routing stored_fields`, body: queryOnly('explain request') },
  { name: 'indices.validate_query', endpoints: ['GET,POST /_validate/query', 'GET,POST /{index}/_validate/query'], query: `${Q_PARAMS} all_shards allow_no_indices expand_wildcards explain ignore_unavailable rewrite`, body: queryOnly('validate query request') },
  { name: 'field_caps', endpoints: ['GET,POST /_field_caps', 'GET,POST /{index}/_field_caps'], query: 'allow_no_indices expand_wildcards fields filters ignore_unavailable include_empty_fields include_unmapped types', body: obj('field_caps request', { fields: many(scalar), index_filter: QUERY, runtime_mappings: RUNTIME }) },
  { name: 'search_shards', endpoints: ['GET,POST /_search_shards', 'GET,POST /{index}/_search_shards'], query: 'allow_no_indices expand_wildcards ignore_unavailable local master_timeout preference routing' },
  { name: 'terms_enum', endpoints: ['GET,POST /{index}/_terms_enum'], engine: 'es', body: obj('terms_enum request', { ...scalars('field size timeout case_insensitive string search_after'), index_filter: QUERY }) },
  { name: 'rank_eval', endpoints: ['GET,POST /_rank_eval', 'GET,POST /{index}/_rank_eval'], query: 'allow_no_indices expand_wildcards ignore_unavailable search_type', body: RANK_EVAL_BODY },
  { name: 'open_point_in_time', endpoints: ['POST /{index}/_pit'], engine: 'es', query: 'allow_partial_search_results expand_wildcards ignore_unavailable keep_alive max_concurrent_shard_requests preference routing', body: obj('open point in time request', { index_filter: QUERY }) },
  { name: 'create_pit', endpoints: ['POST /{index}/_search/point_in_time'], engine: 'os', query: 'allow_no_indices allow_partial_pit_creation expand_wildcards ignore_throttled ignore_unavailable keep_alive preference routing' },
  { name: 'close_point_in_time', endpoints: ['DELETE /_pit'], engine: 'es', body: obj('close point in time request', { id: scalar }) },
  { name: 'delete_pit', endpoints: ['DELETE /_search/point_in_time'], engine: 'os', body: obj('delete pit request', { pit_id: many(scalar) }) },
  { name: 'sql.query', endpoints: ['GET,POST /_sql', 'GET,POST /_plugins/_sql', 'GET,POST /_opendistro/_sql'], query: SQL_Q, body: SQL_BODY },
  { name: 'esql.query', endpoints: ['POST /_query'], engine: 'es', query: 'allow_partial_results delimiter drop_null_columns format', body: ESQL_BODY },
  { name: 'ppl.query', endpoints: ['POST /_plugins/_ppl'], engine: 'os', query: SQL_Q, body: PPL_BODY },
  { name: 'sql.clear_cursor', endpoints: ['POST /_sql/close'], engine: 'es', body: obj('clear cursor request', { cursor: scalar }) },
  { name: 'sql.close', endpoints: ['POST /_plugins/_sql/close'], engine: 'os', query: SQL_Q, body: obj('close cursor request', { cursor: scalar }) },
];

/** `_msearch` lines: the header of each search (its index names are authorized by the msearch reader). */
export const MSEARCH_HEADER = obj('msearch header', {
  index: idx(byResolver(['indices:data/read/search'])),
  indices: idx(byResolver(['indices:data/read/search'])),
  ...scalars('expand_wildcards ignore_unavailable allow_no_indices ignore_throttled search_type routing preference request_cache ccs_minimize_roundtrips allow_partial_search_results cancel_after_time_interval phase_took'),
  type: any,
  types: any,
});
export const MSEARCH_BODY_LINE = SEARCH_BODY;
export const MSEARCH_TEMPLATE_LINE = TEMPLATE_BODY;
