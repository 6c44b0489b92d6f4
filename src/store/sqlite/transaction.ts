import type { DatabaseSync } from 'node:sqlite';
import type { Updater, UpdateResult } from '../security-store.ts';

/** Runs fn in an IMMEDIATE transaction; an exception (from an updater too) rolls it back. */
export function transaction<T>(db: DatabaseSync, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (e) {
    db.exec('ROLLBACK');
    throw e;
  }
}

/** Read-modify-write of one record inside a transaction, with the updater's three answers. */
export function updateRecord<T>(db: DatabaseSync, read: () => T | null, write: (next: T) => void, remove: () => void, updater: Updater<T>): UpdateResult<T> {
  return transaction(db, () => {
    const before = read();
    const next = updater(before);
    if (next === undefined) return { before, after: before };
    if (next === null) remove();
    else write(next);
    return { before, after: next };
  });
}
