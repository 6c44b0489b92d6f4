import type { DatabaseSync } from 'node:sqlite';
import type { UserRecord } from '../security-store.ts';
import type { UserQuery, UserQueryResult } from '../user-query.ts';
import { after, orderBy, outValue, sortValue, where, type Sql, type SqlSchema } from './query-sql.ts';

const field = (path: string) => `json_extract(doc, '$.${path}')`;
/** A text field's words (es_analyze, text-functions.ts) as a set of values. */
const words = (path: string) => `json_each(es_analyze(${field(path)}))`;

/** The users table (`username`, and the record as JSON in `doc`) for the shared query compiler. */
export const USER_SQL: SqlSchema = {
  fields: {
    username: { expr: 'username', kind: 'keyword', notNull: true },
    roles: { expr: field('roles'), kind: 'keyword', each: `json_each(doc, '$.roles')` },
    enabled: { expr: field('enabled'), kind: 'boolean' },
    full_name: { expr: field('fullName'), kind: 'text', each: words('fullName') },
    email: { expr: field('email'), kind: 'text', each: words('email') },
  },
  tieBreaker: 'username',
  defaultSort: [{ field: 'username', order: 'asc' }],
};

/** Runs a query users request: the total of matches and one sorted page. */
export function queryUsers(db: DatabaseSync, q: UserQuery): UserQueryResult {
  const w = where(q.query, USER_SQL);
  const total = Number(db.prepare(`SELECT COUNT(*) AS n FROM users WHERE ${w.text}`).get(...w.params)?.n ?? 0);
  let page: Sql = w;
  if (q.searchAfter) {
    const a = after(q.sort, q.searchAfter, USER_SQL);
    page = { text: `(${w.text}) AND (${a.text})`, params: [...w.params, ...a.params] };
  }
  const order = orderBy(q.sort, USER_SQL);
  const sortCols = q.sort.map((k, i) => {
    const c = sortValue(k, USER_SQL);
    return { text: `${c.text} AS s${i}`, params: c.params };
  });
  const extra = sortCols.map((c) => `, ${c.text}`).join('');
  const rows = db
    .prepare(`SELECT doc${extra} FROM users WHERE ${page.text} ORDER BY ${order.text} LIMIT ? OFFSET ?`)
    .all(...sortCols.flatMap((c) => c.params), ...page.params, ...order.params, q.size, q.from);
  return {
    total,
    users: rows.map((r) => ({ user: JSON.parse(r.doc as string) as UserRecord, sort: q.sort.map((k, i) => outValue(k.field, r[`s${i}`], USER_SQL)) })),
  };
}
