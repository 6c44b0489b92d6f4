import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { RoleRecord, Updater, UpdateResult } from '../security-store.ts';
import { updateRecord } from './transaction.ts';

export class RolesTable {
  readonly #db: DatabaseSync;
  readonly #get: StatementSync;
  readonly #all: StatementSync;
  readonly #put: StatementSync;
  readonly #delete: StatementSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#get = db.prepare('SELECT name, doc FROM roles WHERE name = ?');
    this.#all = db.prepare('SELECT name, doc FROM roles ORDER BY name');
    this.#put = db.prepare('INSERT INTO roles (name, doc) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET doc = excluded.doc');
    this.#delete = db.prepare('DELETE FROM roles WHERE name = ?');
  }

  get(name: string): RoleRecord | null {
    const row = this.#get.get(name);
    return row ? { name: row.name as string, descriptor: JSON.parse(row.doc as string) } : null;
  }

  list(names?: readonly string[]): RoleRecord[] {
    if (names === undefined) return this.#all.all().map((r) => ({ name: r.name as string, descriptor: JSON.parse(r.doc as string) }));
    return [...new Set(names)].sort().flatMap((n) => this.get(n) ?? []);
  }

  update(name: string, updater: Updater<RoleRecord>): UpdateResult<RoleRecord> {
    return updateRecord(
      this.#db,
      () => this.get(name),
      (next) => this.#put.run(name, JSON.stringify(next.descriptor)),
      () => this.#delete.run(name),
      (e) => {
        const next = updater(e);
        return next ? { ...next, name } : next;
      },
    );
  }
}
