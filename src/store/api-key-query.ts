/**
 * The API key query, backend-neutral: what the query API's parser produces and each store backend
 * evaluates. Fields are the query API's documented names (`name`, `username`, `realm_name`, `creation`,
 * `expiration`, `invalidated`, `invalidation`, `type`, `id`, `metadata.<path>`).
 */
import type { Field, Query, QueryFields, SortKey, Value } from './query.ts';
import { kindOf } from './query.ts';

export type { Field, Query, SortKey, Value } from './query.ts';

export type Aggregation =
  | { readonly kind: 'terms'; readonly field: Field; readonly size: number; readonly sub: Aggregations }
  | { readonly kind: 'range'; readonly field: Field; readonly ranges: readonly { key?: string; from?: number; to?: number }[]; readonly dates: boolean }
  | { readonly kind: 'missing'; readonly field: Field }
  | { readonly kind: 'cardinality'; readonly field: Field }
  | { readonly kind: 'value_count'; readonly field: Field }
  | { readonly kind: 'composite'; readonly sources: readonly { name: string; field: Field }[]; readonly size: number; readonly after?: Readonly<Record<string, Value | null>> }
  | { readonly kind: 'filter'; readonly filter: Query; readonly sub: Aggregations }
  | { readonly kind: 'filters'; readonly filters: Readonly<Record<string, Query>>; readonly sub: Aggregations };

export type Aggregations = Readonly<Record<string, Aggregation>>;

export interface ApiKeyQuery {
  readonly query: Query;
  readonly from: number;
  readonly size: number;
  readonly sort: readonly SortKey[];
  readonly searchAfter?: readonly Value[];
  readonly aggs: Aggregations;
}

/** Field kinds, for parsing values (dates are epoch milliseconds; booleans are true/false). */
export const QUERY_FIELDS: Readonly<Record<string, 'keyword' | 'date' | 'boolean'>> = {
  id: 'keyword',
  type: 'keyword',
  name: 'keyword',
  username: 'keyword',
  realm_name: 'keyword',
  creation: 'date',
  expiration: 'date',
  invalidated: 'boolean',
  invalidation: 'date',
};

export function fieldKind(field: Field): 'keyword' | 'date' | 'boolean' | null {
  return kindOf(API_KEY_FIELDS, field) as 'keyword' | 'date' | 'boolean' | null;
}

/** The query API key API's fields, for the shared query parser. */
export const API_KEY_FIELDS: QueryFields = {
  fields: QUERY_FIELDS,
  flattened: 'metadata',
  defaultFields: ['name', 'username', 'realm_name', 'type'],
  ids: (values) => ({ kind: 'terms', field: 'id', values }),
  docSort: 'creation',
};
