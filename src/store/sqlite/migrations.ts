import { changeLogSchema, loggedTriggers } from './change-log.ts';

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
  // 2: roles and API keys
  `CREATE TABLE roles (
     name TEXT PRIMARY KEY NOT NULL,
     doc  TEXT NOT NULL
   ) STRICT;
   CREATE TABLE api_keys (
     id           TEXT PRIMARY KEY NOT NULL,
     name         TEXT,
     type         TEXT NOT NULL,
     hash         TEXT NOT NULL,
     creation     INTEGER NOT NULL,
     expiration   INTEGER,
     invalidated  INTEGER NOT NULL,
     invalidation INTEGER,
     username     TEXT NOT NULL,
     realm        TEXT NOT NULL,
     realm_type   TEXT NOT NULL,
     metadata     TEXT NOT NULL,
     role_descriptors TEXT NOT NULL,
     limited_by   TEXT NOT NULL,
     creator      TEXT NOT NULL,
     version      INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX api_keys_name ON api_keys (name);
   CREATE INDEX api_keys_owner ON api_keys (username, realm);
   CREATE INDEX api_keys_creation ON api_keys (creation);
   CREATE INDEX api_keys_expiration ON api_keys (expiration);
   CREATE INDEX api_keys_retired ON api_keys (invalidated, invalidation);`,
  // 3: application privileges
  `CREATE TABLE app_privileges (
     application TEXT NOT NULL,
     name        TEXT NOT NULL,
     doc         TEXT NOT NULL,
     PRIMARY KEY (application, name)
   ) STRICT;`,
  // 4: OAuth2 tokens
  `CREATE TABLE tokens (
     access_hash   TEXT PRIMARY KEY NOT NULL,
     refresh_hash  TEXT UNIQUE,
     username      TEXT NOT NULL,
     realm         TEXT NOT NULL,
     expires_at    INTEGER NOT NULL,
     doc           TEXT NOT NULL
   ) STRICT;
   CREATE INDEX tokens_owner ON tokens (username, realm);
   CREATE INDEX tokens_expiry ON tokens (expires_at);`,
  // 5: service account tokens
  `CREATE TABLE service_tokens (
     account  TEXT NOT NULL,
     name     TEXT NOT NULL,
     hash     TEXT NOT NULL,
     creation INTEGER NOT NULL,
     creator  TEXT NOT NULL,
     PRIMARY KEY (account, name)
   ) STRICT;`,
  // 6: the change log other processes on the same file follow (change-log.ts)
  changeLogSchema(['users', 'reserved_users', 'roles', 'api_keys', 'app_privileges', 'tokens', 'service_tokens']),
  // 7: user profiles (ES's .security-profile index); seq_no is the document's _seq_no
  [
    `CREATE TABLE profiles (
       uid               TEXT PRIMARY KEY NOT NULL,
       username          TEXT NOT NULL,
       realm_type        TEXT NOT NULL,
       realm_name        TEXT NOT NULL,
       enabled           INTEGER NOT NULL,
       last_synchronized INTEGER NOT NULL,
       seq_no            INTEGER NOT NULL,
       doc               TEXT NOT NULL
     ) STRICT;`,
    'CREATE INDEX profiles_user ON profiles (username, realm_type, realm_name);',
    'CREATE INDEX profiles_seq_no ON profiles (seq_no);',
    ...loggedTriggers('profiles'),
  ].join('\n'),
];
