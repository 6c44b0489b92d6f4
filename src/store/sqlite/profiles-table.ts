import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ProfileRecord, Updater, UpdateResult } from '../security-store.ts';
import { transaction } from './transaction.ts';

const COLUMNS = 'uid, enabled, last_synchronized, seq_no, doc';

/** The profiles table: indexed columns for lookups, the user, labels and data as JSON in `doc`. */
export class ProfilesTable {
  readonly #db: DatabaseSync;
  readonly #get: StatementSync;
  readonly #find: StatementSync;
  readonly #findNamed: StatementSync;
  readonly #all: StatementSync;
  readonly #enabled: StatementSync;
  readonly #nextSeqNo: StatementSync;
  readonly #put: StatementSync;
  readonly #delete: StatementSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#get = db.prepare(`SELECT ${COLUMNS} FROM profiles WHERE uid = ?`);
    this.#find = db.prepare(`SELECT ${COLUMNS} FROM profiles WHERE username = ? AND realm_type = ? ORDER BY uid`);
    this.#findNamed = db.prepare(`SELECT ${COLUMNS} FROM profiles WHERE username = ? AND realm_type = ? AND realm_name = ? ORDER BY uid`);
    this.#all = db.prepare(`SELECT ${COLUMNS} FROM profiles ORDER BY uid`);
    this.#enabled = db.prepare(`SELECT ${COLUMNS} FROM profiles WHERE enabled = 1 ORDER BY uid`);
    this.#nextSeqNo = db.prepare('SELECT coalesce(max(seq_no), -1) + 1 AS n FROM profiles');
    this.#put = db.prepare(
      `INSERT INTO profiles (uid, username, realm_type, realm_name, enabled, last_synchronized, seq_no, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(uid) DO UPDATE SET username = excluded.username, realm_type = excluded.realm_type, realm_name = excluded.realm_name,
         enabled = excluded.enabled, last_synchronized = excluded.last_synchronized, seq_no = excluded.seq_no, doc = excluded.doc`,
    );
    this.#delete = db.prepare('DELETE FROM profiles WHERE uid = ?');
  }

  get(uids: readonly string[]): ProfileRecord[] {
    return uids.flatMap((uid) => {
      const row = this.#get.get(uid);
      return row ? [toRecord(row)] : [];
    });
  }

  find(username: string, realmType: string, realmName?: string): ProfileRecord[] {
    const rows = realmName === undefined ? this.#find.all(username, realmType) : this.#findNamed.all(username, realmType, realmName);
    return rows.map(toRecord);
  }

  list(enabledOnly: boolean): ProfileRecord[] {
    return (enabledOnly ? this.#enabled : this.#all).all().map(toRecord);
  }

  update(uid: string, updater: Updater<ProfileRecord>): UpdateResult<ProfileRecord> {
    return transaction(this.#db, () => {
      const row = this.#get.get(uid);
      const before = row ? toRecord(row) : null;
      const next = updater(before);
      if (next === undefined) return { before, after: before };
      if (next === null) {
        this.#delete.run(uid);
        return { before, after: null };
      }
      const seqNo = Number(this.#nextSeqNo.get()?.n ?? 0);
      const after: ProfileRecord = { ...next, uid, seqNo, primaryTerm: 1 };
      const doc = JSON.stringify({ user: after.user, labels: after.labels, data: after.data });
      const u = after.user;
      this.#put.run(uid, u.username, u.realm.type, u.realm.name, after.enabled ? 1 : 0, after.lastSynchronized, seqNo, doc);
      return { before, after };
    });
  }
}

function toRecord(row: Record<string, unknown>): ProfileRecord {
  const doc = JSON.parse(row.doc as string) as Pick<ProfileRecord, 'user' | 'labels' | 'data'>;
  return {
    uid: row.uid as string,
    enabled: row.enabled === 1,
    lastSynchronized: Number(row.last_synchronized),
    user: doc.user,
    labels: doc.labels,
    data: doc.data,
    seqNo: Number(row.seq_no),
    primaryTerm: 1,
  };
}
