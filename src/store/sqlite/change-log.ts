/**
 * The change log: which records other processes on the same SQLite file changed. Triggers append
 * (kind, id) rows in the writing statement's own transaction; a poller follows them with a cursor.
 *
 * Cost: one `PRAGMA data_version` per interval (it only changes when another connection committed);
 * only then one indexed range read. Nothing is read per request.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { ChangeKind, StoreChange, StoreChanges } from '../security-store.ts';

/**
 * Every table's writes, by the kind and the id caches know a record by (`row` is `NEW` or `OLD`). A table
 * missing here fails a test (sqlite-store.test.ts), so no write path (the API, the CLI, retention) can
 * change security data unlogged.
 */
export const LOGGED_TABLES: Readonly<Record<string, { readonly kind: ChangeKind; readonly id: (row: string) => string }>> = {
  users: { kind: 'user', id: (r) => `${r}.username` },
  reserved_users: { kind: 'reserved_user', id: (r) => `${r}.username` },
  roles: { kind: 'role', id: (r) => `${r}.name` },
  api_keys: { kind: 'api_key', id: (r) => `${r}.id` },
  app_privileges: { kind: 'app_privilege', id: (r) => `${r}.application || '/' || ${r}.name` },
  tokens: { kind: 'token', id: (r) => `${r}.access_hash` },
  service_tokens: { kind: 'service_token', id: (r) => `${r}.account || '/' || ${r}.name` },
  profiles: { kind: 'profile', id: (r) => `${r}.uid` },
};

/** How many changes the log keeps; a process that falls further behind drops all its caches. */
export const CHANGE_LOG_SIZE = 10_000;
/** More changes than this in one poll are answered with "all" (dropping everything is then cheaper). */
const MAX_PRECISE = 1_000;

/** The triggers that log one table's writes (a migration that adds a table adds its triggers). */
export function loggedTriggers(table: string): string[] {
  const { kind, id } = LOGGED_TABLES[table];
  const log = (row: string) => `INSERT INTO changes (kind, id) VALUES ('${kind}', ${id(row)});`;
  return [
    `CREATE TRIGGER ${table}_insert_logged AFTER INSERT ON ${table} BEGIN ${log('NEW')} END;`,
    `CREATE TRIGGER ${table}_update_logged AFTER UPDATE ON ${table} BEGIN ${log('OLD')} ${log('NEW')} END;`,
    `CREATE TRIGGER ${table}_delete_logged AFTER DELETE ON ${table} BEGIN ${log('OLD')} END;`,
  ];
}

/** The migration that creates the log and the triggers of the tables that existed then (`tables`). */
export function changeLogSchema(tables: readonly string[]): string {
  const triggers = tables.flatMap(loggedTriggers);
  return [
    `CREATE TABLE changes (
       seq  INTEGER PRIMARY KEY AUTOINCREMENT,
       kind TEXT NOT NULL,
       id   TEXT NOT NULL
     ) STRICT;`,
    `CREATE TRIGGER changes_bounded AFTER INSERT ON changes BEGIN DELETE FROM changes WHERE seq <= NEW.seq - ${CHANGE_LOG_SIZE}; END;`,
    ...triggers,
  ].join('\n');
}

/**
 * Polls for commits of other connections every `intervalMs` and tells `listener` what they changed: the
 * records, or `all` when the log cannot say (the process fell more than the log's size behind, or a write
 * left no log row). Returns a function that stops polling.
 */
export function followChanges(db: DatabaseSync, listener: (changes: StoreChanges) => void, intervalMs: number): () => void {
  const version = db.prepare('PRAGMA data_version');
  const since = db.prepare('SELECT seq, kind, id FROM changes WHERE seq > ? ORDER BY seq LIMIT ?');
  const head = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'changes'");
  // The cursor and the version are read in one snapshot, so no commit falls between them.
  let { cursor, last } = snapshot(db, () => ({ cursor: Number(head.get()?.seq ?? 0), last: version.get()?.data_version }));
  const poll = () => {
    if (!db.isOpen || version.get()?.data_version === last) return;
    const read = snapshot(db, () => ({ rows: since.all(cursor, MAX_PRECISE + 1), last: version.get()?.data_version, head: Number(head.get()?.seq ?? 0) }));
    last = read.last;
    const rows = read.rows.map((r) => ({ seq: Number(r.seq), kind: r.kind as ChangeKind, id: r.id as string }));
    const complete = rows.length > 0 && rows.length <= MAX_PRECISE && rows[0].seq === cursor + 1;
    cursor = Math.max(cursor, read.head);
    listener(complete ? distinct(rows) : 'all');
  };
  const timer = setInterval(() => {
    try {
      poll();
    } catch {
      // The file was busy (the next tick reads again from the same cursor), or a listener failed (a bug).
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

function distinct(rows: readonly StoreChange[]): StoreChange[] {
  const seen = new Map<string, StoreChange>();
  for (const { kind, id } of rows) seen.set(`${kind}\u0000${id}`, { kind, id });
  return [...seen.values()];
}

/** Runs reads in one read transaction (WAL: one consistent snapshot). */
function snapshot<T>(db: DatabaseSync, read: () => T): T {
  db.exec('BEGIN');
  try {
    return read();
  } finally {
    db.exec('COMMIT');
  }
}
