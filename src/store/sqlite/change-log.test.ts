import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { SqliteStore } from './sqlite-store.ts';
import { LOGGED_TABLES } from './change-log.ts';
import type { StoreChanges } from '../security-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'portcullis-changes-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const user = (username: string) => ({ username, passwordHash: 'x', roles: [], fullName: null, email: null, metadata: {}, enabled: true });
const key = (id: string) => ({
  id, name: id, type: 'rest' as const, hash: 'h', creation: 1, expiration: null, invalidated: false, invalidation: null, username: 'u', realm: 'r', realmType: 'native',
  metadata: {}, roleDescriptors: {}, limitedBy: {}, creator: { fullName: null, email: null, metadata: {} }, version: 1,
});

/** Two stores on one file (two processes), the first one watching with a short interval. */
function pair() {
  const path = join(dir, `s-${n++}.db`);
  const watched = new SqliteStore(path);
  const other = new SqliteStore(path);
  const seen: StoreChanges[] = [];
  const stop = watched.watchExternalChanges((c) => seen.push(c), 5);
  const next = async () => {
    const start = seen.length;
    for (let i = 0; i < 200 && seen.length === start; i++) await new Promise((r) => setTimeout(r, 5));
    return seen.splice(start);
  };
  const close = async () => {
    stop();
    await watched.close();
    await other.close();
  };
  return { path, watched, other, seen, next, close };
}

describe('change log', () => {
  it('logs every table the schema has (a new table without triggers fails here)', () => {
    const path = join(dir, `t-${n++}.db`);
    void new SqliteStore(path).close();
    const probe = new DatabaseSync(path);
    const tables = probe.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('changes', 'sqlite_sequence')").all().map((r) => r.name as string);
    const triggers = new Set(probe.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all().map((r) => r.name as string));
    probe.close();
    assert.deepEqual(tables.sort(), Object.keys(LOGGED_TABLES).sort());
    for (const t of tables) for (const op of ['insert', 'update', 'delete']) assert.ok(triggers.has(`${t}_${op}_logged`), `${t} ${op}`);
  });

  it('tells another process which records changed, by kind and id', async () => {
    const p = pair();
    try {
      await p.other.createApiKey(key('k1'));
      assert.deepEqual(await p.next(), [[{ kind: 'api_key', id: 'k1' }]]);
      await p.other.updateApiKey('k1', (k) => ({ ...k!, invalidated: true }));
      assert.deepEqual(await p.next(), [[{ kind: 'api_key', id: 'k1' }]], 'once per record, however many rows a statement wrote');
      await p.other.createServiceToken({ account: 'elastic/fleet-server', name: 't1', hash: 'h', creation: 1, creator: 'elastic' });
      await p.other.deleteServiceToken('elastic/fleet-server', 't1');
      await p.other.updateUser('joe', () => user('joe'));
      await p.other.updateRole('r1', () => ({ name: 'r1', descriptor: {} as never }));
      await p.other.updateAppPrivilege('app', 'read', () => ({ application: 'app', name: 'read', actions: ['a'], metadata: {} }));
      // one poll may see one or several commits: collect until all are reported
      const seen = new Set<string>();
      while (seen.size < 4) for (const c of (await p.next()).flat()) seen.add(c === 'all' ? 'all' : `${c.kind}:${c.id}`);
      assert.deepEqual([...seen].sort(), ['app_privilege:app/read', 'role:r1', 'service_token:elastic/fleet-server/t1', 'user:joe']);
    } finally {
      await p.close();
    }
  });

  it('says nothing for the process’s own writes', async () => {
    const p = pair();
    try {
      await p.watched.updateUser('self', () => user('self'));
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(p.seen, []);
    } finally {
      await p.close();
    }
  });

  it('answers "all" when the log cannot say: a gap (pruned rows), too many changes, a write without a log row', async () => {
    const p = pair();
    try {
      const raw = new DatabaseSync(p.path);
      raw.exec('PRAGMA busy_timeout = 5000');
      await p.other.updateUser('a', () => user('a'));
      await p.other.updateUser('b', () => user('b'));
      raw.exec("DELETE FROM changes WHERE id = 'a'"); // as if pruned before the watcher read it
      assert.deepEqual((await p.next()).at(-1), 'all');
      raw.exec('BEGIN');
      for (let i = 0; i < 1001; i++) raw.prepare('INSERT INTO users (username, doc) VALUES (?, ?)').run(`bulk${i}`, '{}');
      raw.exec('COMMIT');
      assert.deepEqual(await p.next(), ['all']);
      raw.exec('DROP TRIGGER users_insert_logged');
      raw.prepare('INSERT INTO users (username, doc) VALUES (?, ?)').run('unlogged', '{}');
      assert.deepEqual(await p.next(), ['all']);
      raw.close();
    } finally {
      await p.close();
    }
  });

  it('keeps the log bounded', async () => {
    const path = join(dir, `b-${n++}.db`);
    const store = new SqliteStore(path);
    await store.close();
    const raw = new DatabaseSync(path);
    raw.exec('BEGIN');
    for (let i = 0; i < 10_050; i++) raw.prepare("INSERT INTO changes (kind, id) VALUES ('user', ?)").run(String(i));
    raw.exec('COMMIT');
    assert.equal(raw.prepare('SELECT count(*) AS c FROM changes').get()?.c, 10_000);
    raw.close();
  });
});
