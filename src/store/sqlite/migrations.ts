/** Numbered schema migrations; `PRAGMA user_version` records how many have run. Append only. */
export const MIGRATIONS: readonly string[] = [
  // 1: native users and reserved-user state
  `CREATE TABLE users (
     username TEXT PRIMARY KEY NOT NULL,
     doc      TEXT NOT NULL
   ) STRICT;
   CREATE TABLE reserved_users (
     username      TEXT PRIMARY KEY NOT NULL,
     password_hash TEXT,
     enabled       INTEGER NOT NULL
   ) STRICT;`,
];
