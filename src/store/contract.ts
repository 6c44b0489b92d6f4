import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiKeyRecord, SecurityStore, UserRecord } from './security-store.ts';

const key = (id: string, extra: Partial<ApiKeyRecord> = {}): ApiKeyRecord => ({
  id,
  name: `key-${id}`,
  type: 'rest',
  hash: '{SSHA256}abc',
  creation: 1_000,
  expiration: null,
  invalidated: false,
  invalidation: null,
  username: 'joe',
  realm: 'default_native',
  realmType: 'native',
  metadata: { team: 'a' },
  roleDescriptors: { r: { cluster: ['monitor'] } },
  limitedBy: { superuser: { cluster: ['all'] } },
  creator: { fullName: 'Joe', email: null, metadata: {} },
  version: 1,
  ...extra,
});

const user = (username: string, extra: Partial<UserRecord> = {}): UserRecord => ({
  username,
  passwordHash: '$2a$10$abcdefghijklmnopqrstuu5Nl3bYbKrxo7W5xsFQ2hbCWVg6N3a5m',
  roles: ['viewer'],
  fullName: null,
  email: null,
  metadata: {},
  enabled: true,
  ...extra,
});

/** The behaviour every SecurityStore backend must have. `open` may be called again to reopen the same data. */
export function storeContract(name: string, open: () => Promise<SecurityStore>, reopen?: () => Promise<SecurityStore>): void {
  describe(`SecurityStore contract: ${name}`, () => {
    let store: SecurityStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('creates, reads and reports before/after', async () => {
      const r = await store.updateUser('jacknich', () => user('jacknich', { fullName: 'Jack Nicholson' }));
      assert.equal(r.before, null);
      assert.equal(r.after?.fullName, 'Jack Nicholson');
      assert.deepEqual(await store.getUser('jacknich'), user('jacknich', { fullName: 'Jack Nicholson' }));
      assert.equal(await store.getUser('nobody'), null);
    });

    it('updates from the existing record', async () => {
      await store.updateUser('a', () => user('a'));
      const r = await store.updateUser('a', (e) => ({ ...e!, roles: [...e!.roles, 'editor'] }));
      assert.deepEqual(r.before?.roles, ['viewer']);
      assert.deepEqual((await store.getUser('a'))?.roles, ['viewer', 'editor']);
    });

    it('an updater returning undefined writes nothing; null deletes', async () => {
      await store.updateUser('a', () => user('a'));
      const same = await store.updateUser('a', () => undefined);
      assert.deepEqual(same.after, same.before);
      const gone = await store.updateUser('a', () => null);
      assert.equal(gone.after, null);
      assert.equal(await store.getUser('a'), null);
    });

    it('an updater that throws changes nothing', async () => {
      await store.updateUser('a', () => user('a'));
      await assert.rejects(store.updateUser('a', () => {
        throw new Error('no');
      }), /no/);
      assert.deepEqual((await store.getUser('a'))?.roles, ['viewer']);
    });

    it('lists all users sorted, or the ones named', async () => {
      for (const u of ['c', 'a', 'b']) await store.updateUser(u, () => user(u));
      assert.deepEqual((await store.listUsers()).map((u) => u.username), ['a', 'b', 'c']);
      assert.deepEqual((await store.listUsers(['c', 'x', 'a'])).map((u) => u.username), ['a', 'c']);
    });

    it('keeps metadata and unicode intact', async () => {
      const md = { deep: { list: [1, 'two', null], ok: true }, 'ключ': 'значение' };
      await store.updateUser('ü', () => user('ü', { metadata: md, email: 'u@example.com' }));
      assert.deepEqual((await store.getUser('ü'))?.metadata, md);
    });

    it('stores reserved-user state', async () => {
      assert.equal(await store.getReservedUser('elastic'), null);
      await store.updateReservedUser('elastic', () => ({ username: 'elastic', passwordHash: '{SSHA256}x', enabled: true }));
      await store.updateReservedUser('elastic', (e) => ({ ...e!, enabled: false }));
      assert.deepEqual(await store.getReservedUser('elastic'), { username: 'elastic', passwordHash: '{SSHA256}x', enabled: false });
    });

    it('stores roles by name', async () => {
      await store.updateRole('reader', () => ({ name: 'reader', descriptor: { cluster: [], indices: [{ names: ['logs-*'], privileges: ['read'] }] } }));
      await store.updateRole('admin', () => ({ name: 'admin', descriptor: { cluster: ['all'] } }));
      assert.deepEqual((await store.getRole('reader'))?.descriptor.indices, [{ names: ['logs-*'], privileges: ['read'] }]);
      assert.deepEqual((await store.listRoles()).map((r) => r.name), ['admin', 'reader']);
      assert.deepEqual((await store.listRoles(['reader', 'nope'])).map((r) => r.name), ['reader']);
      await store.updateRole('admin', () => null);
      assert.equal(await store.getRole('admin'), null);
    });

    it('creates, reads, updates and finds API keys', async () => {
      await store.createApiKey(key('k1'));
      await store.createApiKey(key('k2', { name: 'other', username: 'ann', creation: 2_000, expiration: 5_000 }));
      await store.createApiKey(key('k3', { name: 'key-three', invalidated: true, invalidation: 3_000, creation: 3_000 }));
      await assert.rejects(store.createApiKey(key('k1')), 'ids are unique');
      assert.deepEqual(await store.getApiKey('k1'), key('k1'));
      assert.deepEqual((await store.findApiKeys({ name: 'key-*' })).map((k) => k.id), ['k1', 'k3']);
      assert.deepEqual((await store.findApiKeys({ username: 'ann' })).map((k) => k.id), ['k2']);
      assert.deepEqual((await store.findApiKeys({ ids: ['k3', 'k2', 'zz'] })).map((k) => k.id), ['k2', 'k3']);
      assert.deepEqual((await store.findApiKeys({ activeOnly: true, now: 4_000 })).map((k) => k.id), ['k1', 'k2']);
      assert.deepEqual((await store.findApiKeys({ activeOnly: true, now: 6_000 })).map((k) => k.id), ['k1']);
      const u = await store.updateApiKey('k1', (k) => ({ ...k!, metadata: { team: 'b' }, version: k!.version + 1 }));
      assert.equal(u.after?.version, 2);
      assert.deepEqual((await store.getApiKey('k1'))?.metadata, { team: 'b' });
      assert.equal(await store.deleteApiKeysRetiredBefore(5_500), 2, 'the invalidated and the expired one');
      assert.deepEqual((await store.findApiKeys({})).map((k) => k.id), ['k1']);
    });

    it('API key name wildcards do not treat other characters as patterns', async () => {
      await store.createApiKey(key('a', { name: 'a?b' }));
      await store.createApiKey(key('b', { name: 'axb' }));
      await store.createApiKey(key('c', { name: 'x[1]' }));
      assert.deepEqual((await store.findApiKeys({ name: 'a?b' })).map((k) => k.id), ['a']);
      assert.deepEqual((await store.findApiKeys({ name: 'a?*' })).map((k) => k.id), ['a']);
      assert.deepEqual((await store.findApiKeys({ name: 'x[1]*' })).map((k) => k.id), ['c']);
    });

    it('stores application privileges by application and name', async () => {
      const p = (application: string, name: string, actions: string[]) => ({ application, name, actions, metadata: { k: name } });
      const created = await store.updateAppPrivilege('app', 'read', () => p('app', 'read', ['data:read/*']));
      assert.equal(created.before, null);
      await store.updateAppPrivilege('app', 'write', () => p('app', 'write', ['data:write/*']));
      await store.updateAppPrivilege('other', 'read', () => p('other', 'read', ['*']));
      assert.deepEqual((await store.listAppPrivileges()).map((r) => `${r.application}/${r.name}`), ['app/read', 'app/write', 'other/read']);
      assert.deepEqual((await store.listAppPrivileges(['other', 'nope'])).map((r) => r.actions), [['*']]);
      const updated = await store.updateAppPrivilege('app', 'read', (e) => ({ ...e!, actions: ['x:y'] }));
      assert.deepEqual(updated.before?.actions, ['data:read/*']);
      assert.deepEqual((await store.listAppPrivileges(['app']))[0], p('app', 'read', ['x:y']));
      const removed = await store.updateAppPrivilege('app', 'read', () => null);
      assert.equal(removed.after, null);
      assert.deepEqual((await store.listAppPrivileges(['app'])).map((r) => r.name), ['write']);
    });

    it('stores token pairs by hash and finds them by owner', async () => {
      const t = {
        accessHash: 'a1',
        refreshHash: 'r1',
        authentication: { user: { username: 'joe' } },
        username: 'joe',
        realm: 'default_native',
        client: { username: 'kibana_system', realm: 'reserved' },
        creation: 1,
        expiration: 1_000,
        refreshExpiration: 5_000,
        invalidated: false,
        refreshInvalidated: false,
        refreshedAt: null,
        superseding: null,
      };
      await store.createToken(t);
      await store.createToken({ ...t, accessHash: 'a2', refreshHash: null, username: 'ann', refreshExpiration: null, expiration: 2_000 });
      assert.deepEqual(await store.getTokenByAccess('a1'), t);
      assert.equal((await store.getTokenByRefresh('r1'))?.accessHash, 'a1');
      assert.equal(await store.getTokenByRefresh('nope'), null);
      assert.deepEqual((await store.findTokens({ username: 'joe' })).map((x) => x.accessHash), ['a1']);
      await store.updateToken('a1', (x) => ({ ...x!, invalidated: true }));
      assert.equal((await store.getTokenByAccess('a1'))?.invalidated, true);
      assert.equal(await store.deleteTokensExpiredBefore(3_000), 1, 'the access-only token expired; the pair lives until its refresh expiry');
      assert.equal(await store.getTokenByAccess('a2'), null);
    });

    it('stores service tokens once per account and name', async () => {
      const t = { account: 'elastic/fleet-server', name: 'one', hash: '{PBKDF2_STRETCH}x', creation: 1, creator: 'elastic' };
      assert.equal(await store.createServiceToken(t), true);
      assert.equal(await store.createServiceToken({ ...t, hash: 'other' }), false, 'a second token of the same name is refused');
      await store.createServiceToken({ ...t, name: 'two' });
      assert.deepEqual((await store.listServiceTokens('elastic/fleet-server')).map((x) => x.name), ['one', 'two']);
      assert.equal((await store.getServiceToken('elastic/fleet-server', 'one'))?.hash, '{PBKDF2_STRETCH}x');
      assert.equal(await store.deleteServiceToken('elastic/fleet-server', 'one'), true);
      assert.equal(await store.deleteServiceToken('elastic/fleet-server', 'one'), false);
    });

    if (reopen) {
      it('tells about writes made by another process', async () => {
        let calls = 0;
        const stop = store.watchExternalChanges(() => calls++, 10);
        const other = await reopen();
        await other.updateUser('elsewhere', () => user('elsewhere'));
        await other.close();
        await new Promise((r) => setTimeout(r, 60));
        stop();
        assert.ok(calls >= 1, 'listener called after an external write');
      });

      it('what was acknowledged is there after reopening', async () => {
        await store.updateUser('durable', () => user('durable'));
        await store.close();
        store = await reopen();
        assert.equal((await store.getUser('durable'))?.username, 'durable');
      });
    }
  });
}
