import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EffectiveRoles } from './effective-roles.ts';
import { realmAuthentication, type Authentication } from '../core/authentication.ts';
import { makeUser } from '../core/user.ts';

const native = { name: 'native', type: 'native' };
const alice = realmAuthentication(makeUser('alice', { roles: ['reader'] }), native);

test('with anonymous access on, a realm user also holds the anonymous roles (one array per user array)', () => {
  const roles = new EffectiveRoles(['anon_a', 'anon_b']);
  assert.deepEqual(roles.of(alice), ['reader', 'anon_a', 'anon_b']);
  assert.equal(roles.of(alice), roles.of({ ...alice }), 'the same own array gives the same effective array');
  assert.deepEqual(alice.user.roles, ['reader'], 'the user is not changed');
  const runAs: Authentication = { ...alice, user: makeUser('bob', { roles: [] }), authenticatingUser: alice.user };
  assert.deepEqual(roles.of(runAs), ['anon_a', 'anon_b'], 'the run-as target too');
});

test('API keys, service accounts and the anonymous user itself keep their own roles; without anonymous access nothing changes', () => {
  const roles = new EffectiveRoles(['anon']);
  const key: Authentication = { ...alice, type: 'api_key', apiKey: { id: 'k', name: 'n', roleDescriptors: {}, limitedBy: {} } } as Authentication;
  assert.equal(roles.of(key), key.user.roles);
  const sa = { ...alice, serviceAccount: { tokenName: 't', tokenSource: 'index', roleDescriptor: {} } } as unknown as Authentication;
  assert.equal(roles.of(sa), sa.user.roles);
  const anon: Authentication = { user: makeUser('anonymous', { roles: ['anon'] }), authenticatedBy: native, lookedUpBy: native, type: 'anonymous' };
  assert.deepEqual(roles.of(anon), ['anon']);
  assert.equal(new EffectiveRoles().of(alice), alice.user.roles);
});
