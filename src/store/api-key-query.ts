/**
 * The API key query, backend-neutral: what the query API's parser produces and each store backend
 * evaluates. Fields are the query API's documented names (`name`, `username`, `realm_name`, `creation`,
 * `expiration`, `invalidated`, `invalidation`, `type`, `id`, `metadata.<path>`).
 */
export type Field = string;
export type Value = string | number | boolean;

export type Query =
  | { readonly kind: 'all' }
  | { readonly kind: 'none' }
  | { readonly kind: 'term'; readonly field: Field; readonly value: Value; readonly caseInsensitive?: boolean }
  | { readonly kind: 'terms'; readonly field: Field; readonly values: readonly Value[] }
  | { readonly kind: 'prefix'; readonly field: Field; readonly value: string; readonly caseInsensitive?: boolean }
  | { readonly kind: 'wildcard'; readonly field: Field; readonly pattern: string; readonly caseInsensitive?: boolean }
  | { readonly kind: 'range'; readonly field: Field; readonly gt?: Value; readonly gte?: Value; readonly lt?: Value; readonly lte?: Value }
  | { readonly kind: 'exists'; readonly field: Field }
  | { readonly kind: 'bool'; readonly must: readonly Query[]; readonly should: readonly Query[]; readonly mustNot: readonly Query[]; readonly minimumShouldMatch: number };

export interface SortKey {
  readonly field: Field;
  readonly order: 'asc' | 'desc';
}

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
  if (Object.hasOwn(QUERY_FIELDS, field)) return QUERY_FIELDS[field];
  if (field.startsWith('metadata.') && field.length > 'metadata.'.length) return 'keyword';
  return null;
}
