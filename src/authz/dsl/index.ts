/**
 * The query DSL, walked completely (issue 14): one table of every query, aggregation, suggester, retriever and
 * runtime-field type of both engines. A walker visits a body part of a given kind, collects what it reads from
 * other indices (lookups), and throws an ES-shaped 400 for anything it does not know.
 *
 * INTERIM STUB: the DSL helper replaces this file's body; the signatures are the contract the grammar codes against.
 */
import type { Lookup } from '../resolve/types.ts';
import { findLookups } from '../resolve/lookups.ts';

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

/** What a walk found. */
export interface DslFindings {
  /** Documents or indices read while the request runs (terms lookup, indexed_shape, percolate by id, mlt docs …). */
  readonly lookups: Lookup[];
  /** Number of scripts seen (inline or stored). */
  scripts: number;
}

export function newFindings(): DslFindings {
  return { lookups: [], scripts: 0 };
}

/**
 * Walks `value` as a body part of `kind`, adding to `findings`. `at` is the JSON path for error messages
 * (e.g. `query.bool.filter[0]`). Throws an EsError (400) for an unknown or malformed construct.
 */
export function walkDsl(kind: DslKind, value: unknown, findings: DslFindings, at: string): void {
  void kind;
  void at;
  findings.lookups.push(...findLookups(value));
}
