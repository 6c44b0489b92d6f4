/**
 * The search request body of Elasticsearch 9 and OpenSearch 2.19, and the typed sections inside it:
 * suggesters, retrievers, rescorers, runtime and derived field types. Checked against the official clients
 * (`SearchRequest`, `Search_RequestBody`, `RetrieverContainer`, `SearchRescore`, `MappingRuntimeFieldType`).
 */
import { Role, Engines, type Roles } from './roles.ts';

export interface FieldSpec {
  readonly role: Role;
  readonly engines: Engines;
  /** For `refuse`: why. */
  readonly reason?: string;
}

const B = Engines.both;
const f = (role: Role, engines: Engines = B, reason?: string): FieldSpec => ({ role, engines, reason });
const inert = (engines: Engines = B): FieldSpec => f(Role.inert, engines);

/** Every top-level field of a search request body; any other is ES's 400. */
export const SEARCH_BODY_FIELDS: Readonly<Record<string, FieldSpec>> = {
  query: f(Role.query),
  post_filter: f(Role.query),
  aggs: f(Role.aggs),
  aggregations: f(Role.aggs),
  suggest: f(Role.suggest),
  sort: f(Role.sort),
  highlight: f(Role.highlight),
  collapse: f(Role.collapse),
  rescore: f(Role.rescore),
  knn: f(Role.knn, Engines.es),
  retriever: f(Role.retriever, Engines.es),
  rank: inert(Engines.es),
  runtime_mappings: f(Role.runtimeMappings, Engines.es),
  derived: f(Role.derived, Engines.os),
  script_fields: f(Role.scriptFields),
  ext: f(Role.refuse, B, 'search extensions ([ext]) run plugin code the gateway cannot authorize'),
  search_pipeline: f(Role.refuse, Engines.os, 'an inline [search_pipeline] runs processors the gateway cannot authorize'),
  project_routing: f(Role.refuse, Engines.es, 'cross-project search ([project_routing]) reaches clusters the gateway does not authorize'),
  pit: inert(),
  search_after: inert(),
  docvalue_fields: inert(),
  stored_fields: inert(),
  fields: inert(),
  _source: inert(),
  indices_boost: inert(),
  stats: inert(),
  from: inert(),
  size: inert(),
  timeout: inert(),
  terminate_after: inert(),
  min_score: inert(),
  track_scores: inert(),
  track_total_hits: inert(),
  explain: inert(),
  version: inert(),
  seq_no_primary_term: inert(),
  profile: inert(),
  slice: inert(),
  include_named_queries_score: inert(Engines.os),
  verbose_pipeline: inert(Engines.os),
};

export interface TypeSpec {
  readonly engines: Engines;
  readonly params: Roles;
}

const t = (params: Roles, engines: Engines = B): TypeSpec => ({ engines, params });

/** Suggesters: `{ <name>: { text | prefix | regex, <type>: { … } } }`. A phrase `collate` runs a template query. */
export const SUGGESTERS: Readonly<Record<string, TypeSpec>> = {
  term: t({}),
  phrase: t({ collate: Role.refuse }),
  completion: t({}),
};

/** Retrievers (Elasticsearch). */
export const RETRIEVERS: Readonly<Record<string, TypeSpec>> = {
  standard: t({ query: Role.query, filter: Role.queries, sort: Role.sort, collapse: Role.collapse }, Engines.es),
  knn: t({ filter: Role.queries, query_vector_builder: Role.vectorBuilder }, Engines.es),
  rrf: t({ retrievers: Role.retrievers, filter: Role.queries }, Engines.es),
  linear: t({ retrievers: Role.retrievers, filter: Role.queries }, Engines.es),
  text_similarity_reranker: t({ retriever: Role.retriever, filter: Role.queries }, Engines.es),
  rule: t({ retriever: Role.retriever, retrievers: Role.retrievers, filter: Role.queries }, Engines.es),
  rescorer: t({ retriever: Role.retriever, rescore: Role.rescore, filter: Role.queries }, Engines.es),
  pinned: t({ retriever: Role.retriever, docs: Role.pinnedDocs, filter: Role.queries }, Engines.es),
  diversify: t({ retriever: Role.retriever, filter: Role.queries, query_vector_builder: Role.vectorBuilder }, Engines.es),
};

/** Rescorers: `{ window_size, <type>: { … } }`. */
export const RESCORERS: Readonly<Record<string, TypeSpec>> = {
  query: t({ rescore_query: Role.query }),
  learning_to_rank: t({}, Engines.es),
  script: t({ script: Role.script }, Engines.es),
};

/** The top-level `knn` section (Elasticsearch). */
export const KNN_SECTION: Roles = { filter: Role.queries, inner_hits: Role.innerHits, query_vector_builder: Role.vectorBuilder };

/** Runtime field types (`runtime_mappings`, mapping `runtime`); `lookup` reads `target_index`. */
export const RUNTIME_FIELD_TYPES: Readonly<Record<string, Engines>> = {
  boolean: Engines.es,
  composite: Engines.es,
  date: Engines.es,
  double: Engines.es,
  geo_point: Engines.es,
  geo_shape: Engines.es,
  ip: Engines.es,
  keyword: Engines.es,
  long: Engines.es,
  lookup: Engines.es,
};

/** OpenSearch derived field types (`derived` in a search body or a mapping). */
export const DERIVED_FIELD_TYPES: Readonly<Record<string, Engines>> = {
  boolean: Engines.os,
  date: Engines.os,
  double: Engines.os,
  float: Engines.os,
  geo_point: Engines.os,
  ip: Engines.os,
  keyword: Engines.os,
  long: Engines.os,
  object: Engines.os,
  text: Engines.os,
};
