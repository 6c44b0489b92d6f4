/**
 * The query users API (`_query/user`), backend-neutral: the native users' fields as ES's user field name
 * translator allows them (`username`, `roles`, `enabled`, `full_name`, `email`), evaluated by each store.
 */
import type { Query, QueryFields, SortKey, Value } from './query.ts';
import type { UserRecord } from './security-store.ts';

/** ES indexes a native user as the document `user-<username>`: the `ids` query names those. */
const DOC_ID_PREFIX = 'user-';

export const USER_FIELDS: QueryFields = {
  fields: { username: 'keyword', roles: 'keyword', enabled: 'boolean', full_name: 'text', email: 'text' },
  unsortable: new Set(['full_name', 'email']),
  defaultFields: ['username', 'roles', 'enabled', 'full_name', 'email'],
  ids: (values) => ({
    kind: 'terms',
    field: 'username',
    values: values.filter((v) => v.startsWith(DOC_ID_PREFIX)).map((v) => v.slice(DOC_ID_PREFIX.length)),
  }),
  docSort: 'username',
};

export interface UserQuery {
  readonly query: Query;
  readonly from: number;
  readonly size: number;
  readonly sort: readonly SortKey[];
  readonly searchAfter?: readonly Value[];
}

/** One page: the total and the users with their sort values. */
export interface UserQueryResult {
  readonly total: number;
  readonly users: readonly { readonly user: UserRecord; readonly sort: readonly unknown[] }[];
}
