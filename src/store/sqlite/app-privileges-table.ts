import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { AppPrivilegeRecord, Updater, UpdateResult } from '../security-store.ts';
import { updateRecord } from './transaction.ts';

/** Application privileges, one row per (application, name); the record is kept as JSON. */
export class AppPrivilegesTable {
  readonly #db: DatabaseSync;
  readonly #get: StatementSync;
  readonly #all: StatementSync;
  readonly #byApp: StatementSync;
  readonly #put: StatementSync;
  readonly #delete: StatementSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#get = db.prepare('SELECT doc FROM app_privileges WHERE application = ? AND name = ?');
    this.#all = db.prepare('SELECT doc FROM app_privileges ORDER BY application, name');
    this.#byApp = db.prepare('SELECT doc FROM app_privileges WHERE application = ? ORDER BY name');
    this.#put = db.prepare(
      'INSERT INTO app_privileges (application, name, doc) VALUES (?, ?, ?) ON CONFLICT(application, name) DO UPDATE SET doc = excluded.doc',
    );
    this.#delete = db.prepare('DELETE FROM app_privileges WHERE application = ? AND name = ?');
  }

  get(application: string, name: string): AppPrivilegeRecord | null {
    const row = this.#get.get(application, name);
    return row ? (JSON.parse(row.doc as string) as AppPrivilegeRecord) : null;
  }

  list(applications?: readonly string[]): AppPrivilegeRecord[] {
    const parse = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.parse(r.doc as string) as AppPrivilegeRecord);
    if (applications === undefined) return parse(this.#all.all());
    return [...new Set(applications)].sort().flatMap((a) => parse(this.#byApp.all(a)));
  }

  update(application: string, name: string, updater: Updater<AppPrivilegeRecord>): UpdateResult<AppPrivilegeRecord> {
    return updateRecord(
      this.#db,
      () => this.get(application, name),
      (next) => this.#put.run(application, name, JSON.stringify(next)),
      () => this.#delete.run(application, name),
      (e) => {
        const next = updater(e);
        return next ? { ...next, application, name } : next;
      },
    );
  }
}
