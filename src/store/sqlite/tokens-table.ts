import type { DatabaseSync, StatementSync, SQLInputValue } from 'node:sqlite';
import type { TokenRecord, Updater, UpdateResult } from '../security-store.ts';
import { updateRecord } from './transaction.ts';

/** Tokens: indexed columns for lookup and cleanup, the rest as one JSON document. */
export class TokensTable {
  readonly #db: DatabaseSync;
  readonly #byAccess: StatementSync;
  readonly #byRefresh: StatementSync;
  readonly #put: StatementSync;
  readonly #delete: StatementSync;
  readonly #deleteExpired: StatementSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#byAccess = db.prepare('SELECT doc FROM tokens WHERE access_hash = ?');
    this.#byRefresh = db.prepare('SELECT doc FROM tokens WHERE refresh_hash = ?');
    this.#put = db.prepare(
      'INSERT INTO tokens (access_hash, refresh_hash, username, realm, expires_at, doc) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(access_hash) DO UPDATE SET doc = excluded.doc',
    );
    this.#delete = db.prepare('DELETE FROM tokens WHERE access_hash = ?');
    this.#deleteExpired = db.prepare('DELETE FROM tokens WHERE expires_at < ?');
  }

  byAccess(hash: string): TokenRecord | null {
    const row = this.#byAccess.get(hash);
    return row ? (JSON.parse(row.doc as string) as TokenRecord) : null;
  }

  byRefresh(hash: string): TokenRecord | null {
    const row = this.#byRefresh.get(hash);
    return row ? (JSON.parse(row.doc as string) as TokenRecord) : null;
  }

  create(t: TokenRecord): void {
    this.#db.prepare('INSERT INTO tokens (access_hash, refresh_hash, username, realm, expires_at, doc) VALUES (?, ?, ?, ?, ?, ?)').run(...row(t));
  }

  update(accessHash: string, updater: Updater<TokenRecord>): UpdateResult<TokenRecord> {
    return updateRecord(
      this.#db,
      () => this.byAccess(accessHash),
      (next) => this.#put.run(...row({ ...next, accessHash })),
      () => this.#delete.run(accessHash),
      updater,
    );
  }

  find(f: { username?: string; realm?: string }): TokenRecord[] {
    const where: string[] = [];
    const args: SQLInputValue[] = [];
    if (f.username !== undefined) {
      where.push('username = ?');
      args.push(f.username);
    }
    if (f.realm !== undefined) {
      where.push('realm = ?');
      args.push(f.realm);
    }
    const sql = `SELECT doc FROM tokens${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    return this.#db.prepare(sql).all(...args).map((r) => JSON.parse(r.doc as string) as TokenRecord);
  }

  deleteExpiredBefore(before: number): number {
    return Number(this.#deleteExpired.run(before).changes);
  }
}

function row(t: TokenRecord): SQLInputValue[] {
  return [t.accessHash, t.refreshHash, t.username, t.realm, t.refreshExpiration ?? t.expiration, JSON.stringify(t)];
}
