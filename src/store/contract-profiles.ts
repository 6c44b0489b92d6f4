import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { ProfileRecord, SecurityStore } from './security-store.ts';

const profile = (uid: string, username: string, extra: Partial<ProfileRecord> = {}): ProfileRecord => ({
  uid,
  enabled: true,
  lastSynchronized: 1_000,
  user: { username, roles: ['viewer'], realm: { name: 'default_native', type: 'native' }, email: null, fullName: 'Ann Example' },
  labels: {},
  data: {},
  seqNo: -1,
  primaryTerm: 0,
  ...extra,
});

/** The profile part of the SecurityStore contract (see contract.ts). */
export function profileContract(name: string, open: () => Promise<SecurityStore>, reopen?: () => Promise<SecurityStore>): void {
  describe(`SecurityStore contract, profiles: ${name}`, () => {
    let store: SecurityStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('creates profiles with sequence numbers from one counter, and reads them back', async () => {
      const a = await store.updateProfile('u_a_0', () => profile('u_a_0', 'ann'));
      const b = await store.updateProfile('u_b_0', () => profile('u_b_0', 'bob', { labels: { app: { x: 1 } } }));
      assert.equal(a.before, null);
      assert.deepEqual([a.after?.seqNo, a.after?.primaryTerm, b.after?.seqNo], [0, 1, 1]);
      const c = await store.updateProfile('u_a_0', (e) => ({ ...e!, data: { app: { theme: 'dark' } } }));
      assert.equal(c.before?.seqNo, 0);
      assert.equal(c.after?.seqNo, 2);
      assert.deepEqual((await store.getProfiles(['u_b_0', 'u_zz', 'u_a_0'])).map((p) => [p.uid, p.seqNo]), [['u_b_0', 1], ['u_a_0', 2]]);
      assert.deepEqual((await store.getProfiles(['u_a_0']))[0].data, { app: { theme: 'dark' } });
    });

    it('an updater returning undefined writes nothing (the sequence number stays)', async () => {
      await store.updateProfile('u_a_0', () => profile('u_a_0', 'ann'));
      const same = await store.updateProfile('u_a_0', () => undefined);
      assert.equal(same.after?.seqNo, 0);
      assert.equal((await store.getProfiles(['u_a_0']))[0].seqNo, 0);
    });

    it('finds profiles by username and realm, lists enabled ones', async () => {
      await store.updateProfile('u_a_0', () => profile('u_a_0', 'ann'));
      await store.updateProfile('u_a_1', () => profile('u_a_1', 'ann', { user: { ...profile('', 'ann').user, realm: { name: 'file1', type: 'file' } } }));
      await store.updateProfile('u_b_0', () => profile('u_b_0', 'bob', { enabled: false }));
      assert.deepEqual((await store.findProfiles('ann', 'native')).map((p) => p.uid), ['u_a_0']);
      assert.deepEqual((await store.findProfiles('ann', 'file', 'file1')).map((p) => p.uid), ['u_a_1']);
      assert.deepEqual((await store.findProfiles('ann', 'file', 'other')).map((p) => p.uid), []);
      assert.deepEqual((await store.listProfiles(true)).map((p) => p.uid), ['u_a_0', 'u_a_1']);
      assert.deepEqual((await store.listProfiles(false)).map((p) => p.uid), ['u_a_0', 'u_a_1', 'u_b_0']);
    });

    if (reopen) {
      it('an acknowledged profile write is there after reopening', async () => {
        await store.updateProfile('u_d_0', () => profile('u_d_0', 'dora', { labels: { k: 'v' } }));
        await store.close();
        store = await reopen();
        assert.deepEqual((await store.getProfiles(['u_d_0']))[0].labels, { k: 'v' });
      });
    }
  });
}
