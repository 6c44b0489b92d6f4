/**
 * Where security data lives. Every backend passes the same contract suite (contract.ts).
 * Writes take an updater function: the backend runs it inside a transaction (SQLite) or retries it on a
 * version conflict (a cluster backend), so read-modify-write is always atomic.
 */
export interface UserRecord {
  readonly username: string;
  /** Stored hash in one of ES's formats; null only while a user is being created without one (never stored). */
  readonly passwordHash: string;
  readonly roles: readonly string[];
  readonly fullName: string | null;
  readonly email: string | null;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly enabled: boolean;
}

/** State the reserved realm keeps for a built-in user: a password hash once one is set, and enabled. */
export interface ReservedUserRecord {
  readonly username: string;
  readonly passwordHash: string | null;
  readonly enabled: boolean;
}

/** Updater result: the new record, `null` to delete, or `undefined` to leave the record as it is. */
export type Updater<T> = (existing: T | null) => T | null | undefined;

export interface UpdateResult<T> {
  readonly before: T | null;
  readonly after: T | null;
}

export interface SecurityStore {
  getUser(username: string): Promise<UserRecord | null>;
  /** All native users, or those named (missing names are left out), sorted by username. */
  listUsers(usernames?: readonly string[]): Promise<UserRecord[]>;
  updateUser(username: string, updater: Updater<UserRecord>): Promise<UpdateResult<UserRecord>>;

  getReservedUser(username: string): Promise<ReservedUserRecord | null>;
  updateReservedUser(username: string, updater: Updater<ReservedUserRecord>): Promise<UpdateResult<ReservedUserRecord>>;

  /**
   * Calls `listener` when another process (e.g. `portcullis reset-password`) has written to the store, so
   * caches can be dropped. Returns a function that stops watching.
   */
  watchExternalChanges(listener: () => void, intervalMs?: number): () => void;

  close(): Promise<void>;
}
