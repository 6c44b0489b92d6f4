import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { SecurityStore, UserRecord } from './security-store.ts';

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
