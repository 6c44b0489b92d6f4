import type { DatabaseSync, StatementSync, SQLInputValue } from 'node:sqlite';
import type { ApiKeyFilter, ApiKeyRecord, Updater, UpdateResult } from '../security-store.ts';
import { updateRecord } from './transaction.ts';
import type { ApiKeyQuery } from '../api-key-query.ts';
import type { ApiKeyQueryResult } from '../security-store.ts';
import { after, column, orderBy, outValue, where } from './query-sql.ts';
import { runAggregations } from './api-key-aggs.ts';

const COLUMNS = 'id, name, type, hash, creation, expiration, invalidated, invalidation, username, realm, realm_type, metadata, role_descriptors, limited_by, creator, version';

export function rowToApiKey(r: Record<string, unknown>): ApiKeyRecord {
  return {
    id: r.id as string,
    name: (r.name as string | null) ?? null,
    type: r.type as 'rest' | 'cross_cluster',
    hash: r.hash as string,
    creation: r.creation as number,
    expiration: (r.expiration as number | null) ?? null,
    invalidated: r.invalidated === 1,
    invalidation: (r.invalidation as number | null) ?? null,
    username: r.username as string,
    realm: r.realm as string,
    realmType: r.realm_type as string,
    metadata: JSON.parse(r.metadata as string),
    roleDescriptors: JSON.parse(r.role_descriptors as string),
    limitedBy: JSON.parse(r.limited_by as string),
    creator: JSON.parse(r.creator as string),
    version: r.version as number,
  };
}

function toRow(k: ApiKeyRecord): SQLInputValue[] {
  return [
    k.id, k.name, k.type, k.hash, k.creation, k.expiration, k.invalidated ? 1 : 0, k.invalidation, k.username, k.realm, k.realmType,
    JSON.stringify(k.metadata), JSON.stringify(k.roleDescriptors), JSON.stringify(k.limitedBy), JSON.stringify(k.creator), k.version,
  ];
}

export class ApiKeysTable {
  readonly #db: DatabaseSync;
  readonly #get: StatementSync;
  readonly #insert: StatementSync;
  readonly #replace: StatementSync;
  readonly #delete: StatementSync;
  readonly #deleteRetired: StatementSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#get = db.prepare(`SELECT ${COLUMNS} FROM api_keys WHERE id = ?`);
    this.#insert = db.prepare(`INSERT INTO api_keys (${COLUMNS}) VALUES (${COLUMNS.split(',').map(() => '?').join(', ')})`);
    this.#replace = db.prepare(`INSERT OR REPLACE INTO api_keys (${COLUMNS}) VALUES (${COLUMNS.split(',').map(() => '?').join(', ')})`);
    this.#delete = db.prepare('DELETE FROM api_keys WHERE id = ?');
    this.#deleteRetired = db.prepare(
      'DELETE FROM api_keys WHERE (invalidated = 1 AND invalidation < ?1) OR (expiration IS NOT NULL AND expiration < ?1)',
    );
  }

  get db(): DatabaseSync {
    return this.#db;
  }

  get(id: string): ApiKeyRecord | null {
    const row = this.#get.get(id);
    return row ? rowToApiKey(row) : null;
  }

  create(key: ApiKeyRecord): void {
    this.#insert.run(...toRow(key));
  }

  update(id: string, updater: Updater<ApiKeyRecord>): UpdateResult<ApiKeyRecord> {
    return updateRecord(
      this.#db,
      () => this.get(id),
      (next) => this.#replace.run(...toRow({ ...next, id })),
      () => this.#delete.run(id),
      updater,
    );
  }

  find(f: ApiKeyFilter): ApiKeyRecord[] {
    const where: string[] = [];
    const args: SQLInputValue[] = [];
    if (f.ids) {
      if (f.ids.length === 0) return [];
      where.push(`id IN (${f.ids.map(() => '?').join(', ')})`);
      args.push(...f.ids);
    }
    if (f.name !== undefined) {
      if (f.name.includes('*')) {
        where.push('es_simple_match(name, ?)');
        args.push(f.name);
      } else {
        where.push('name = ?');
        args.push(f.name);
      }
    }
    if (f.username !== undefined) {
      where.push('username = ?');
      args.push(f.username);
    }
    if (f.realm !== undefined) {
      where.push('realm = ?');
      args.push(f.realm);
    }
    if (f.activeOnly) {
      where.push('invalidated = 0 AND (expiration IS NULL OR expiration > ?)');
      args.push(f.now ?? Date.now());
    }
    const sql = `SELECT ${COLUMNS} FROM api_keys${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY creation, id`;
    return this.#db.prepare(sql).all(...args).map(rowToApiKey);
  }

  query(q: ApiKeyQuery): ApiKeyQueryResult {
    const w = where(q.query);
    const total = Number(this.#db.prepare(`SELECT COUNT(*) AS n FROM api_keys WHERE ${w.text}`).get(...w.params)?.n ?? 0);
    const page = q.searchAfter ? { text: `(${w.text}) AND (${after(q.sort, q.searchAfter).text})`, params: [...w.params, ...after(q.sort, q.searchAfter).params] } : w;
    const order = orderBy(q.sort);
    const sortCols = q.sort.map((k, i) => {
      const c = column(k.field);
      return { text: `${c.text} AS s${i}`, params: c.params };
    });
    const extra = sortCols.length ? `, ${sortCols.map((c) => c.text).join(', ')}` : '';
    const rows = this.#db
      .prepare(`SELECT ${COLUMNS}${extra} FROM api_keys WHERE ${page.text} ORDER BY ${order.text} LIMIT ? OFFSET ?`)
      .all(...sortCols.flatMap((c) => c.params), ...page.params, ...order.params, q.size, q.from);
    const keys = rows.map((r) => ({ key: rowToApiKey(r), sort: q.sort.map((k, i) => outValue(k.field, r[`s${i}`])) }));
    const aggregations = Object.keys(q.aggs).length ? runAggregations(this.#db, w, q.aggs) : undefined;
    return { total, keys, aggregations };
  }

  deleteRetiredBefore(before: number): number {
    return Number(this.#deleteRetired.run(before).changes);
  }
}
