import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { SecurityStore, UserRecord } from './security-store.ts';
import type { UserQuery } from './user-query.ts';
import type { Query } from './query.ts';

const user = (username: string, extra: Partial<UserRecord> = {}): UserRecord => ({
  username,
  passwordHash: '{SSHA256}x',
  roles: ['viewer'],
  fullName: null,
  email: null,
  metadata: {},
  enabled: true,
  ...extra,
});
const q = (query: Query, extra: Partial<UserQuery> = {}): UserQuery => ({ query, from: 0, size: 10, sort: [], ...extra });
const names = (r: { users: readonly { user: UserRecord }[] }) => r.users.map((u) => u.user.username);

/** The query users part of the SecurityStore contract (see contract.ts). */
export function userQueryContract(name: string, open: () => Promise<SecurityStore>): void {
  describe(`SecurityStore contract, query users: ${name}`, () => {
    let store: SecurityStore;
    beforeEach(async () => {
      store = await open();
      await store.updateUser('ann', () => user('ann', { roles: ['viewer'], fullName: 'Ann Apis', email: 'ann@x.io' }));
      await store.updateUser('bob', () => user('bob', { roles: ['viewer', 'editor'], enabled: false }));
      await store.updateUser('cid', () => user('cid', { roles: [], fullName: "Cid O'Neil" }));
    });
    afterEach(async () => {
      await store.close();
    });

    it('matches keyword, multi-valued, boolean and text fields', async () => {
      assert.deepEqual(names(await store.queryUsers(q({ kind: 'all' }))), ['ann', 'bob', 'cid']);
      assert.deepEqual(names(await store.queryUsers(q({ kind: 'term', field: 'roles', value: 'editor' }))), ['bob']);
      assert.deepEqual(names(await store.queryUsers(q({ kind: 'term', field: 'enabled', value: false }))), ['bob']);
      assert.deepEqual(names(await store.queryUsers(q({ kind: 'term', field: 'full_name', value: 'ann' }))), ['ann'], 'a word of the text');
      assert.deepEqual(names(await store.queryUsers(q({ kind: 'term', field: 'full_name', value: 'Ann' }))), [], 'term is not analyzed');
      assert.deepEqual(names(await store.queryUsers(q({ kind: 'term', field: 'full_name', value: "o'neil" }))), ['cid']);
      assert.deepEqual(names(await store.queryUsers(q({ kind: 'wildcard', field: 'email', pattern: '*x.io' }))), ['ann']);
      assert.deepEqual(names(await store.queryUsers(q({ kind: 'exists', field: 'email' }))), ['ann']);
      assert.deepEqual(names(await store.queryUsers(q({ kind: 'prefix', field: 'username', value: 'b' }))), ['bob']);
      assert.deepEqual(names(await store.queryUsers(q({ kind: 'terms', field: 'roles', values: ['editor', 'none'] }))), ['bob']);
    });

    it('sorts multi-valued fields by their least (asc) or greatest (desc) value, pages and continues after', async () => {
      const asc = await store.queryUsers(q({ kind: 'all' }, { sort: [{ field: 'roles', order: 'asc' }, { field: 'username', order: 'asc' }] }));
      assert.deepEqual(names(asc), ['bob', 'ann', 'cid'], 'bob by editor; cid has no roles: last');
      assert.deepEqual(asc.users.map((u) => u.sort), [['editor', 'bob'], ['viewer', 'ann'], [null, 'cid']]);
      const page = await store.queryUsers(q({ kind: 'all' }, { sort: [{ field: 'username', order: 'desc' }], from: 1, size: 1 }));
      assert.equal(page.total, 3);
      assert.deepEqual(names(page), ['bob']);
      const next = await store.queryUsers(q({ kind: 'all' }, { sort: [{ field: 'username', order: 'asc' }], searchAfter: ['ann'] }));
      assert.deepEqual(names(next), ['bob', 'cid']);
    });
  });
}
