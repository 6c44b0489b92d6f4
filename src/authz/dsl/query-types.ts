/**
 * Every query type of Elasticsearch 9 and OpenSearch 2.19 (with its common plugins: k-NN, neural search, LTR),
 * checked against the official clients' `QueryDslQueryContainer` / `QueryContainer` (see dsl-table.test.ts).
 * For each: where its sub-queries, scripts and references to other documents are; every other field is inert.
 */
import { Role, Engines, type Roles } from './roles.ts';

/** What the value under a field name holds, for field-keyed queries (`{ "terms": { "<field>": value } }`). */
export const FieldValue = {
  /** An array of terms, or a terms lookup `{ index, id, path, routing }` (a get on that index). */
  terms: 'terms',
  /** `{ shape | indexed_shape: { index (default `shapes`), id, path, routing }, relation }`. */
  shape: 'shape',
  /** `{ terms, minimum_should_match_field | minimum_should_match_script }`. */
  termsSet: 'terms_set',
  /** Interval rules: scripts in their filters. */
  intervals: 'intervals',
  /** OpenSearch k-NN / neural: `{ vector | query_text, k, filter }`. */
  vector: 'vector',
} as const;
export type FieldValue = (typeof FieldValue)[keyof typeof FieldValue];

export interface QuerySpec {
  readonly engines: Engines;
  /** `leaf`: every field inert; `object`: named parameters; `field`: keyed by a field name; `knn`: either form. */
  readonly form: 'leaf' | 'object' | 'field' | 'knn' | 'percolate';
  /** Parameters with a role (unlisted ones are inert). */
  readonly params?: Roles;
  /** Field-keyed queries: what the field's value holds. */
  readonly value?: FieldValue;
  /** Refused, with the reason said in the 400. */
  readonly refuse?: string;
}

const leaf = (engines: Engines = Engines.both): QuerySpec => ({ engines, form: 'leaf' });
const obj = (params: Roles, engines: Engines = Engines.both): QuerySpec => ({ engines, form: 'object', params });
const field = (value: FieldValue, engines: Engines = Engines.both): QuerySpec => ({ engines, form: 'field', value });
const refused = (engines: Engines, refuse: string): QuerySpec => ({ engines, form: 'leaf', refuse });

const Q = Role.query;
const QS = Role.queries;
const spanPair = obj({ big: Q, little: Q });

export const QUERY_TYPES: Readonly<Record<string, QuerySpec>> = {
  // compound
  bool: obj({ must: QS, filter: QS, should: QS, must_not: QS }),
  boosting: obj({ positive: Q, negative: Q }),
  constant_score: obj({ filter: Q }),
  dis_max: obj({ queries: QS }),
  function_score: obj({ query: Q, filter: Q, functions: Role.scoreFunctions, script_score: Role.scriptScore }),
  script_score: obj({ query: Q, script: Role.script }),
  hybrid: obj({ queries: QS, filter: Q }, Engines.os),
  pinned: obj({ organic: Q, docs: Role.pinnedDocs }, Engines.es),
  rule: obj({ organic: Q }, Engines.es),
  wrapper: obj({ query: Role.wrapper }),
  // joining (the same index: no lookup)
  nested: obj({ query: Q, inner_hits: Role.innerHits }),
  has_child: obj({ query: Q, inner_hits: Role.innerHits }),
  has_parent: obj({ query: Q, inner_hits: Role.innerHits }),
  parent_id: leaf(),
  // reading other documents
  terms: field(FieldValue.terms),
  geo_shape: field(FieldValue.shape),
  shape: field(FieldValue.shape, Engines.es),
  xy_shape: field(FieldValue.shape, Engines.os),
  more_like_this: obj({ like: Role.like, unlike: Role.like, docs: Role.like }),
  percolate: { engines: Engines.both, form: 'percolate' },
  // scripts
  script: obj({ script: Role.script }),
  terms_set: field(FieldValue.termsSet),
  intervals: field(FieldValue.intervals),
  // spans
  span_containing: spanPair,
  span_within: spanPair,
  span_first: obj({ match: Q }),
  span_multi: obj({ match: Q }),
  span_near: obj({ clauses: QS }),
  span_or: obj({ clauses: QS }),
  span_not: obj({ include: Q, exclude: Q }),
  span_field_masking: obj({ query: Q }, Engines.es),
  field_masking_span: obj({ query: Q }, Engines.os),
  span_term: leaf(),
  // vectors and inference
  knn: { engines: Engines.both, form: 'knn', params: { filter: QS, inner_hits: Role.innerHits, query_vector_builder: Role.vectorBuilder } },
  neural: field(FieldValue.vector, Engines.os),
  neural_sparse: leaf(Engines.os),
  semantic: leaf(Engines.es),
  sparse_vector: leaf(Engines.es),
  text_expansion: leaf(Engines.es),
  weighted_tokens: leaf(Engines.es),
  // full text and term level
  match: leaf(),
  match_all: leaf(),
  match_none: leaf(),
  match_bool_prefix: leaf(),
  match_phrase: leaf(),
  match_phrase_prefix: leaf(),
  multi_match: leaf(),
  combined_fields: leaf(),
  common: leaf(),
  query_string: leaf(),
  simple_query_string: leaf(),
  term: leaf(),
  ids: leaf(),
  exists: leaf(),
  prefix: leaf(),
  regexp: leaf(),
  wildcard: leaf(),
  fuzzy: leaf(),
  range: leaf(),
  type: leaf(),
  distance_feature: leaf(),
  rank_feature: leaf(),
  // geo
  geo_bounding_box: leaf(),
  geo_distance: leaf(),
  geo_polygon: leaf(),
  geo_grid: leaf(Engines.es),
  // run what the gateway cannot see
  agentic: refused(Engines.os, 'an [agentic] query runs a query written by an agent, which the gateway cannot authorize'),
  template: refused(Engines.os, 'a [template] query is completed by search pipeline processors, which the gateway cannot authorize'),
  sltr: refused(Engines.os, 'an [sltr] query runs the stored feature queries of a learning-to-rank store, which the gateway cannot authorize'),
};
