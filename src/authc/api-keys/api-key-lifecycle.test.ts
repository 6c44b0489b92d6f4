// The API key lifecycle in-process, with an injected clock: expiry, invalidation and update reach the
// authenticator's cache at once; wrong keys are never cached.
import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { SqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { parseHashAlgorithm } from '../hashing/index.ts';
import { Secret } from '../../core/secret.ts';
import { makeUser } from '../../core/user.ts';
import { realmAuthentication } from '../../core/authentication.ts';
import type { RequestInfo } from '../../core/request.ts';
import type { RoleResolver } from '../../authz/role-resolver.ts';
import { ApiKeyAuthenticator } from './api-key-authenticator.ts';
import { ApiKeyService } from './api-key-service.ts';
import type { ApiKeySettings } from './api-key-settings.ts';

const DAY = 86_400_000;
const request: RequestInfo = { id: 'r', method: 'GET', uri: '/', path: '/', remoteAddress: '127.0.0.1', headers: {} };

function setup() {
  let now = Date.UTC(2026, 0, 1);
  const clock = { now: () => now };
  const store = new SqliteStore(':memory:');
  const settings: ApiKeySettings = {
    enabled: true,
    cacheTtlMs: DAY,
    cacheMaxKeys: 1000,
    cacheHash: parseHashAlgorithm('ssha256')!,
    hashing: parseHashAlgorithm('ssha256')!,
    retentionMs: 7 * DAY,
    deleteIntervalMs: DAY,
  };
  const roles: RoleResolver = { resolve: async (names) => ({ descriptors: Object.fromEntries(names.map((n) => [n, { cluster: ['monitor'] }])), missing: [] }) };
  const authenticator = new ApiKeyAuthenticator(store, settings, clock);
  const service = new ApiKeyService({ store, roles, clock, settings, onChange: (ids) => authenticator.invalidate(ids) });
  const owner = realmAuthentication(makeUser('joe', { roles: ['ops'], fullName: 'Joe' }), { name: 'default_native', type: 'native' });
  const auth = async (encoded: string) => {
    const [id, key] = Buffer.from(encoded, 'base64').toString().split(':');
    return authenticator.authenticate({ kind: 'api_key', id, key: new Secret(key) });
  };
  return { store, service, authenticator, owner, auth, advance: (ms: number) => (now += ms), clock };
}

describe('API key lifecycle', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => {
    t = setup();
  });

  it('creates a key with ES-shaped id and secret and a limited_by snapshot of the owner roles', async () => {
    const r = await t.service.create(t.owner, { name: 'k', expiresInMs: 90 * DAY });
    assert.match(r.id as string, /^[A-Za-z0-9_-]{20}$/);
    assert.match(r.api_key as string, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(r.encoded, Buffer.from(`${r.id}:${r.api_key}`).toString('base64'));
    assert.equal(r.expiration, t.clock.now() + 90 * DAY);
    const stored = await t.store.getApiKey(r.id as string);
    assert.deepEqual(stored?.limitedBy, { ops: { cluster: ['monitor'] } });
    assert.ok(!stored?.hash.includes(r.api_key as string), 'only a hash is stored');
    assert.match(stored!.hash, /^\{SSHA256\}/);
    const a = await t.auth(r.encoded as string);
    assert.equal(a.status, 'success');
    if (a.status === 'success') {
      assert.equal(a.authentication.user.username, 'joe');
      assert.deepEqual(a.authentication.user.roles, []);
      assert.equal(a.authentication.type, 'api_key');
      assert.deepEqual(a.authentication.apiKey?.name, 'k');
    }
  });

  it('an expired key stops working at the instant it expires, cached or not', async () => {
    const r = await t.service.create(t.owner, { name: 'short', expiresInMs: 1000 });
    assert.equal((await t.auth(r.encoded as string)).status, 'success');
    assert.equal(t.authenticator.cacheSize, 1);
    t.advance(999);
    assert.equal((await t.auth(r.encoded as string)).status, 'success');
    t.advance(1);
    assert.deepEqual(await t.auth(r.encoded as string), { status: 'continue', message: 'api key is expired' });
  });

  it('invalidation reaches the cache at once', async () => {
    const r = await t.service.create(t.owner, { name: 'inv' });
    await t.auth(r.encoded as string);
    const res = await t.service.invalidate(t.owner, { ids: [r.id as string], owner: false });
    assert.deepEqual(res, { invalidated_api_keys: [r.id], previously_invalidated_api_keys: [], error_count: 0 });
    assert.deepEqual(await t.auth(r.encoded as string), { status: 'continue', message: `api key [${r.id}] has been invalidated` });
    const again = await t.service.invalidate(t.owner, { ids: [r.id as string], owner: false });
    // ES 9 selects only keys not yet invalidated: a repeat reports nothing.
    assert.deepEqual(again, { invalidated_api_keys: [], previously_invalidated_api_keys: [], error_count: 0 });
  });

  it('wrong secrets and unknown ids are refused and never cached', async () => {
    const r = await t.service.create(t.owner, { name: 'x' });
    const wrong = Buffer.from(`${r.id}:not-the-secret-at-all!`).toString('base64');
    assert.deepEqual(await t.auth(wrong), { status: 'continue', message: `invalid credentials for API key [${r.id}]` });
    assert.deepEqual(await t.auth(Buffer.from('nope:nope').toString('base64')), { status: 'continue', message: 'unable to find apikey with id nope' });
    for (let i = 0; i < 2000; i++) await t.auth(Buffer.from(`id${i}:secret${i}`).toString('base64'));
    assert.equal(t.authenticator.cacheSize, 0, 'failures leave nothing behind');
    assert.equal((await t.auth(r.encoded as string)).status, 'success');
  });

  it('update changes metadata and descriptors, refreshes limited_by, and is a noop when nothing changes', async () => {
    const r = await t.service.create(t.owner, { name: 'u', metadata: { a: 1 } });
    await t.auth(r.encoded as string);
    assert.deepEqual(await t.service.update(t.owner, r.id as string, {}), { updated: false });
    assert.deepEqual(await t.service.update(t.owner, r.id as string, { metadata: { a: 2 }, roleDescriptors: { r: { cluster: ['monitor'] } } }), { updated: true });
    const k = await t.store.getApiKey(r.id as string);
    assert.deepEqual(k?.metadata, { a: 2 });
    assert.equal(k?.version, 2);
    const a = await t.auth(r.encoded as string);
    assert.equal(a.status === 'success' && a.authentication.apiKey?.roleDescriptors.r !== undefined, true, 'the cache saw the update');
  });

  it('only the owner updates; invalidated and expired keys are refused with ES errors', async () => {
    const mine = await t.service.create(t.owner, { name: 'm', expiresInMs: 10 });
    const other = realmAuthentication(makeUser('ann', { roles: [] }), { name: 'default_native', type: 'native' });
    await assert.rejects(t.service.update(other, mine.id as string, {}), /no API key owned by requesting user found for ID/);
    t.advance(11);
    await assert.rejects(t.service.update(t.owner, mine.id as string, {}), /cannot update expired API key/);
    const second = await t.service.create(t.owner, { name: 'n' });
    await t.service.invalidate(t.owner, { ids: [second.id as string], owner: false });
    const bulk = await t.service.bulkUpdate(t.owner, [second.id as string, 'missing-id'], { metadata: {} });
    assert.deepEqual(Object.keys(bulk.errors).sort(), ['missing-id', second.id].sort());
    assert.equal(bulk.errors[second.id as string].message, `cannot update invalidated API key [${second.id}]`);
  });

  it('a key cannot derive a key with privileges, only an explicitly empty one', async () => {
    const r = await t.service.create(t.owner, { name: 'parent' });
    const a = await t.auth(r.encoded as string);
    assert.equal(a.status, 'success');
    if (a.status !== 'success') return;
    await assert.rejects(t.service.create(a.authentication, { name: 'child' }), /creating derived api keys requires an explicit role descriptor that is empty/);
    await assert.rejects(t.service.create(a.authentication, { name: 'child', roleDescriptors: { r: { cluster: ['all'] } } }), /derived/);
    const child = await t.service.create(a.authentication, { name: 'child', roleDescriptors: { empty: {} } });
    const k = await t.store.getApiKey(child.id as string);
    assert.equal(k?.username, 'joe', 'owned by the parent key owner');
  });

  it('retention removes keys retired longer ago than the period, and only those', async () => {
    const old = await t.service.create(t.owner, { name: 'old' });
    const live = await t.service.create(t.owner, { name: 'live' });
    await t.service.invalidate(t.owner, { ids: [old.id as string], owner: false });
    t.advance(6 * DAY);
    assert.equal(await t.store.deleteApiKeysRetiredBefore(t.clock.now() - 7 * DAY), 0);
    t.advance(2 * DAY);
    assert.equal(await t.store.deleteApiKeysRetiredBefore(t.clock.now() - 7 * DAY), 1);
    assert.equal(await t.store.getApiKey(old.id as string), null);
    assert.ok(await t.store.getApiKey(live.id as string));
  });

  it('get and query select by owner, name wildcard and active state', async () => {
    const a = await t.service.create(t.owner, { name: 'app-1' });
    t.advance(1);
    await t.service.create(t.owner, { name: 'app-2', expiresInMs: 5 });
    await t.service.create(t.owner, { name: 'other' });
    t.advance(10);
    const byName = (await t.service.get(t.owner, { name: 'app-*', owner: false, activeOnly: false, withLimitedBy: false })).api_keys as { name: string }[];
    assert.deepEqual(byName.map((k) => k.name), ['app-1', 'app-2']);
    const active = (await t.service.get(t.owner, { name: 'app-*', owner: true, activeOnly: true, withLimitedBy: true })).api_keys as { id: string; limited_by: unknown }[];
    assert.deepEqual(active.map((k) => k.id), [a.id]);
    assert.deepEqual(active[0].limited_by, [{ ops: { cluster: ['monitor'], transient_metadata: { enabled: true } } }]);
    const q = await t.service.query(t.owner, { query: { wildcard: { name: 'app*' } }, sort: ['name'] }, { ownOnly: true, withLimitedBy: false });
    assert.equal(q.total, 2);
    assert.deepEqual((q.api_keys as { _sort: unknown[] }[]).map((k) => k._sort), [['app-1'], ['app-2']]);
  });
});
