/**
 * The query DSL, walked completely (issue 14): one table of every query, aggregation, suggester, retriever,
 * rescorer and runtime-field type of both engines (query-types.ts, agg-types.ts, search-types.ts). A walker
 * visits a body part of a given kind, collects what it reads from other indices (lookups), counts scripts, and
 * throws an ES-shaped 400 for anything it does not know or cannot authorize.
 */
import { newState, type DslFindings } from './state.ts';
import { walkQuery } from './queries.ts';
import { walkAggs } from './aggs.ts';
import { walkSearchBody } from './search-body.ts';
import { walkRuntimeMappings, walkMappings, walkScript } from './fields.ts';

export { newFindings, Limits, type DslFindings } from './state.ts';
export { LookupAction } from './roles.ts';

/** The kinds of body parts the DSL walker understands. */
export const DslKind = {
  /** A query (`{ "match": … }`). */
  query: 'query',
  /** An `aggs` / `aggregations` object (name → aggregation). */
  aggs: 'aggs',
  /** A whole search request body (`_search`, an `_msearch` body line, a rendered template, a rank_eval request). */
  searchBody: 'search_body',
  /** `runtime_mappings` (name → runtime field). */
  runtimeMappings: 'runtime_mappings',
  /** Index mappings (`properties`, `runtime`, `dynamic_templates` …), as in create index / put mapping / templates. */
  mappings: 'mappings',
  /** A script (`{ "source" | "id", "lang", "params" }` or a bare string). */
  script: 'script',
} as const;
export type DslKind = (typeof DslKind)[keyof typeof DslKind];

/**
 * Walks `value` as a body part of `kind`, adding to `findings`. `at` is the JSON path for error messages
 * (e.g. `query.bool.filter[0]`). Throws an EsError (400) for an unknown or malformed construct.
 */
export function walkDsl(kind: DslKind, value: unknown, findings: DslFindings, at: string): void {
  const s = newState(findings);
  switch (kind) {
    case DslKind.query:
      return walkQuery(value, s, at);
    case DslKind.aggs:
      return walkAggs(value, s, at);
    case DslKind.searchBody:
      return walkSearchBody(value, s, at);
    case DslKind.runtimeMappings:
      return walkRuntimeMappings(value, s, at, false);
    case DslKind.mappings:
      return walkMappings(value, s, at);
    case DslKind.script:
      return walkScript(value, s, at);
  }
}
