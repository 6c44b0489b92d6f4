// Tokens with an injected clock: expiry, refresh once, the 30-second retry window, invalidation.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { realmAuthentication } from '../../core/authentication.ts';
import { makeUser } from '../../core/user.ts';
import { TokenService, REFRESH_RETRY_WINDOW_MS, REFRESH_LIFETIME_MS } from './token-service.ts';
import { tokenHash } from './token-material.ts';
import { Secret } from '../../core/secret.ts';

function setup() {
  let now = Date.UTC(2026, 5, 1);
  const store = new SqliteStore(':memory:');
  const tokens = new TokenService(store, { now: () => now }, 20 * 60_000);
  const joe = realmAuthentication(makeUser('joe', { roles: ['viewer'] }), { name: 'default_native', type: 'native' });
  const client = realmAuthentication(makeUser('kibana_system', { roles: ['kibana_system'] }), { name: 'reserved', type: 'reserved' });
  return { store, tokens, joe, client, advance: (ms: number) => (now += ms) };
}

describe('token service', () => {
  it('a password-grant token authenticates as the user until it expires after 20 minutes', async () => {
    const t = setup();
    const issued = await t.tokens.create(t.joe, t.client, true);
    assert.equal(issued.expiresInSeconds, 1200);
    assert.ok(issued.refresh);
    const a = await t.tokens.authenticate(issued.access);
    assert.equal(a.ok && a.authentication.user.username, 'joe');
    assert.equal(a.ok && a.authentication.type, 'token');
    t.advance(20 * 60_000);
    assert.deepEqual(await t.tokens.authenticate(issued.access), { ok: false, reason: 'expired' });
    const stored = await t.store.getTokenByAccess(tokenHash(issued.access));
    assert.ok(stored && !JSON.stringify(stored).includes(issued.access.reveal()), 'only hashes are stored');
  });

  it('a refresh token works once; a repeat within 30 s returns the same pair, later it is refused', async () => {
    const t = setup();
    const first = await t.tokens.create(t.joe, t.client, true);
    const a = await t.tokens.refresh(first.refresh!, t.client);
    t.advance(REFRESH_RETRY_WINDOW_MS);
    const b = await t.tokens.refresh(first.refresh!, t.client);
    assert.equal(b.access.reveal(), a.access.reveal());
    assert.equal(b.refresh!.reveal(), a.refresh!.reveal());
    assert.ok(b.expiresInSeconds <= 1200 - 30);
    t.advance(1);
    await assert.rejects(t.tokens.refresh(first.refresh!, t.client), /token has already been refreshed/);
    const next = await t.tokens.authenticate(a.access);
    assert.equal(next.ok && next.authentication.user.username, 'joe', 'the new token stands for the same user');
  });

  it('only the creating client may refresh; refresh tokens expire after 24 hours', async () => {
    const t = setup();
    const issued = await t.tokens.create(t.joe, t.client, true);
    await assert.rejects(t.tokens.refresh(issued.refresh!, t.joe), /tokens must be refreshed by the creating client/);
    t.advance(REFRESH_LIFETIME_MS);
    await assert.rejects(t.tokens.refresh(issued.refresh!, t.client), /refresh token is expired/);
  });

  it('client_credentials tokens have no refresh token', async () => {
    const t = setup();
    const issued = await t.tokens.create(t.client, t.client, false);
    assert.equal(issued.refresh, null);
  });

  it('invalidation by token, refresh token and user; counts previously invalidated', async () => {
    const t = setup();
    const a = await t.tokens.create(t.joe, t.client, true);
    const b = await t.tokens.create(t.joe, t.client, true);
    assert.deepEqual(await t.tokens.invalidate({ token: a.access }), { invalidated: 1, previously: 0, found: true });
    assert.deepEqual(await t.tokens.invalidate({ token: a.access }), { invalidated: 0, previously: 1, found: true });
    assert.deepEqual(await t.tokens.invalidate({ token: new Secret('not-a-token') }), { invalidated: 0, previously: 0, found: false });
    assert.deepEqual(await t.tokens.authenticate(a.access), { ok: false, reason: 'expired' });
    assert.deepEqual(await t.tokens.invalidate({ refreshToken: b.refresh! }), { invalidated: 1, previously: 0, found: true });
    await assert.rejects(t.tokens.refresh(b.refresh!, t.client), /token has been invalidated/);
    assert.equal((await t.tokens.authenticate(b.access)).ok, true, 'invalidating the refresh token leaves the access token');
    // By user, as ES: the pairs still active, each half counted (a: refresh new, access again; b: the reverse).
    const c = await t.tokens.create(t.joe, t.client, false);
    assert.deepEqual(await t.tokens.invalidate({ username: 'joe' }), { invalidated: 3, previously: 2, found: true });
    assert.deepEqual(await t.tokens.invalidate({ username: 'joe' }), { invalidated: 0, previously: 0, found: true }, 'nothing active is left');
    assert.deepEqual(await t.tokens.authenticate(c.access), { ok: false, reason: 'expired' });
  });
});
