import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ProfileService } from './profile-service.ts';
import { SqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { realmAuthentication, type Authentication } from '../../core/authentication.ts';
import { makeUser } from '../../core/user.ts';

const base = (u: string) => `u_${createHash('sha256').update(u).digest('base64url')}`;
const auth = (username: string, realm: { name: string; type: string }, roles = ['viewer']): Authentication => realmAuthentication(makeUser(username, { roles }), realm);

test('the same username in two realms gets two profiles (the differentiator), each found again', async () => {
  let now = 1_000;
  const store = new SqliteStore(':memory:');
  const svc = new ProfileService({ store, clock: { now: () => now } });
  const native = await svc.activate(auth('sam', { name: 'default_native', type: 'native' }));
  const file = await svc.activate(auth('sam', { name: 'default_file', type: 'file' }));
  assert.deepEqual([native.uid, file.uid], [`${base('sam')}_0`, `${base('sam')}_1`]);
  assert.equal((await svc.activate(auth('sam', { name: 'other_file', type: 'file' }))).uid, file.uid, 'file realms match by type');
  now += 1_000;
  const same = await svc.activate(auth('sam', { name: 'default_native', type: 'native' }));
  assert.equal(same.seqNo, native.seqNo, 'unchanged within 30 s: no write');
  const changed = await svc.activate(auth('sam', { name: 'default_native', type: 'native' }, ['editor']));
  assert.deepEqual([changed.uid, changed.user.roles, changed.lastSynchronized], [native.uid, ['editor'], 2_000]);
  assert.ok(changed.seqNo > same.seqNo);
  await store.close();
});

test('API keys and service accounts have no profile; disabled profiles are re-enabled by activation', async () => {
  const store = new SqliteStore(':memory:');
  const svc = new ProfileService({ store, clock: { now: () => 5 } });
  const key = { ...auth('k', { name: '_es_api_key', type: '_es_api_key' }), type: 'api_key' as const };
  await assert.rejects(svc.activate(key), /profile is supported for user only, but subject is a \[api_key\]/);
  const p = await svc.activate(auth('ann', { name: 'default_native', type: 'native' }));
  await svc.setEnabled(p.uid, false);
  assert.equal((await svc.enabledSubjects([p.uid])).profiles.length, 0);
  assert.equal((await svc.activate(auth('ann', { name: 'default_native', type: 'native' }))).enabled, true);
  await assert.rejects(svc.setEnabled('u_nope_0', true), /\[profile_u_nope_0\]: document missing/);
  await store.close();
});
