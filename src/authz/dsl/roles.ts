/**
 * The vocabulary of the DSL table: what a field of a DSL object holds. Every field the table does not name is
 * an inert value (data the upstream validates; it can hold no query, script or document reference).
 */

/** The roles a field can have. */
export const Role = {
  inert: 'inert',
  /** One query. */
  query: 'query',
  /** A query or an array of queries. */
  queries: 'queries',
  /** name → query, or an array of queries (`filters`, `adjacency_matrix`). */
  namedQueries: 'named_queries',
  /** An `aggs` object (name → aggregation). */
  aggs: 'aggs',
  /** A script (`{source|id, lang, params}` or a string). */
  script: 'script',
  /** Any `script` key anywhere below is a script (interval filters, composite sources, value sources). */
  deepScripts: 'deep_scripts',
  /** An inner hits definition (or an array of them). */
  innerHits: 'inner_hits',
  sort: 'sort',
  highlight: 'highlight',
  /** name → { script }. */
  scriptFields: 'script_fields',
  runtimeMappings: 'runtime_mappings',
  /** OpenSearch `derived` fields (name → { type, script, … }). */
  derived: 'derived',
  collapse: 'collapse',
  rescore: 'rescore',
  /** The top-level `knn` section (an object or an array of them). */
  knn: 'knn',
  suggest: 'suggest',
  retriever: 'retriever',
  /** An array of retrievers (`rrf`), or of `{ retriever, weight, normalizer }` (`linear`). */
  retrievers: 'retrievers',
  /** A base64 query (`wrapper`). */
  wrapper: 'wrapper',
  /** more_like_this `like` / `unlike`: texts and documents, possibly in other indices. */
  like: 'like',
  /** `[{ _index, _id }]` (pinned query and retriever). */
  pinnedDocs: 'pinned_docs',
  /** function_score `functions`. */
  scoreFunctions: 'score_functions',
  /** function_score `script_score`: `{ script }`. */
  scriptScore: 'script_score',
  /** `{ field, script, filter, … }` (t_test `a`/`b`, weighted_avg `value`/`weight`, multi_terms `terms[]`). */
  valueSource: 'value_source',
  /** knn `query_vector_builder`: `{ lookup: { index, id, path } }` reads a vector from a document. */
  vectorBuilder: 'vector_builder',
  /** Refused: the gateway cannot see what it runs. */
  refuse: 'refuse',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

/** Which engine knows a type. */
export const Engines = { es: 'es', os: 'os', both: 'both' } as const;
export type Engines = (typeof Engines)[keyof typeof Engines];

export type Roles = Readonly<Record<string, Role>>;

/** The lookup actions: what a read of another document or index is authorized as. */
export const LookupAction = {
  get: 'indices:data/read/get',
  mtv: 'indices:data/read/mtv',
  search: 'indices:data/read/search',
} as const;
