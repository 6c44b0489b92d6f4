import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Authentication } from '../core/authentication.ts';
import type { RoleDescriptor } from '../core/role-descriptor.ts';
import { EsError } from '../core/errors.ts';
import { makeUser } from '../core/user.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { AuthorizationEngine } from './engine.ts';
import { CompositeRoleResolver } from './roles/composite-role-resolver.ts';
import { deniedMessage } from './messages.ts';

const NATIVE = { name: 'default_native', type: 'native' };

function setup(fileRoles: Record<string, RoleDescriptor> = {}) {
  const store = new SqliteStore(':memory:');
  const resolver = new CompositeRoleResolver(store, { get: (n) => fileRoles[n], names: () => Object.keys(fileRoles) });
  return { store, engine: new AuthorizationEngine(resolver, store) };
}

const user = (username: string, roles: string[], realm = NATIVE): Authentication => ({
  user: makeUser(username, { roles }),
  authenticatedBy: realm,
  lookedUpBy: realm,
  type: 'realm',
});

async function rejects(p: Promise<unknown>, reason: string) {
  // The denial carries the action its message names (the anonymous user's 401 is built from it).
  const action = /^action \[([^\]]+)\]/.exec(reason)?.[1];
  await assert.rejects(p, (e: unknown) => e instanceof EsError && e.status === 403 && e.message === reason && e.action === action);
}

test('built-in, file and native roles resolve in that order; missing roles are reported', async () => {
  const { store, engine } = setup({ file_role: { cluster: ['monitor'] } });
  await store.updateRole('native_role', () => ({ name: 'native_role', descriptor: { cluster: ['manage_security'] } }));
  const { permission, missing } = await engine.userPermission(['viewer', 'file_role', 'native_role', 'ghost']);
  assert.deepEqual(permission.roleNames, ['file_role', 'native_role', 'viewer']);
  assert.deepEqual(missing, ['ghost']);
  assert.equal(permission.cluster('cluster:monitor/health'), true);
  assert.equal(permission.cluster('cluster:admin/xpack/security/user/put'), true);
});

test('served actions: cluster privileges, ES 403 messages with missing roles', async () => {
  const { engine } = setup();
  await engine.authorizeAction(user('su', ['superuser']), 'cluster:admin/xpack/security/user/put');
  await rejects(
    engine.authorizeAction(user('v', ['viewer', 'nope']), 'cluster:admin/xpack/security/user/put'),
    'action [cluster:admin/xpack/security/user/put] is unauthorized for user [v] with effective roles [viewer] (assigned roles [nope] were not found), this action is granted by the cluster privileges [manage_security,all]',
  );
});

test('everyone may authenticate, check and list their own privileges, and change their own password (native/reserved only)', async () => {
  const { engine } = setup();
  const joe = user('joe', []);
  await engine.authorizeAction(joe, 'cluster:admin/xpack/security/user/authenticate');
  await engine.authorizeAction(joe, 'cluster:admin/xpack/security/user/has_privileges', { targetUser: 'joe' });
  await engine.authorizeAction(joe, 'cluster:admin/xpack/security/user/list_privileges', { targetUser: 'joe' });
  await engine.authorizeAction(joe, 'cluster:admin/xpack/security/user/change_password', { targetUser: 'joe' });
  await assert.rejects(engine.authorizeAction(joe, 'cluster:admin/xpack/security/user/change_password', { targetUser: 'ann' }));
  const fileUser = user('fu', [], { name: 'file1', type: 'file' });
  await assert.rejects(engine.authorizeAction(fileUser, 'cluster:admin/xpack/security/user/change_password', { targetUser: 'fu' }));
});

test('manage_own_api_key: own keys by owner flag, by username and realm, or an API key reading itself', async () => {
  const { store, engine } = setup();
  await store.updateRole('own', () => ({ name: 'own', descriptor: { cluster: ['manage_own_api_key'] } }));
  const joe = user('joe', ['own']);
  const get = 'cluster:admin/xpack/security/api_key/get';
  await engine.authorizeAction(joe, 'cluster:admin/xpack/security/api_key/create', { apiKeys: { owner: true } });
  await engine.authorizeAction(joe, get, { apiKeys: { owner: false, username: 'joe', realmName: 'default_native' } });
  await rejects(
    engine.authorizeAction(joe, get, { apiKeys: { owner: false, username: 'ann', realmName: 'default_native' } }),
    'action [cluster:admin/xpack/security/api_key/get] is unauthorized for user [joe] with effective roles [own], this action is granted by the cluster privileges [read_security,manage_api_key,manage_security,all]',
  );
  const key: Authentication = {
    ...joe,
    type: 'api_key',
    authenticatedBy: { name: '_es_api_key', type: '_es_api_key' },
    lookedUpBy: { name: '_es_api_key', type: '_es_api_key' },
    apiKey: { id: 'k1', name: 'k', roleDescriptors: {}, limitedBy: { own: { cluster: ['manage_own_api_key'] } } },
  };
  await engine.authorizeAction(key, get, { apiKeys: { owner: false, ids: ['k1'] } });
  await rejects(
    engine.authorizeAction(key, get, { apiKeys: { owner: false, ids: ['k2'] } }),
    'action [cluster:admin/xpack/security/api_key/get] is unauthorized for API key id [k1] of user [joe], this action is granted by the cluster privileges [read_security,manage_api_key,manage_security,all]',
  );
});

test('API keys: the key descriptors are limited by limited_by', async () => {
  const { engine } = setup();
  const key = (roleDescriptors: Record<string, RoleDescriptor>): Authentication => ({
    ...user('joe', []),
    type: 'api_key',
    apiKey: { id: 'k', name: null, roleDescriptors, limitedBy: { owner: { cluster: ['monitor', 'manage_security'] } } },
  });
  await engine.authorizeAction(key({}), 'cluster:admin/xpack/security/user/put');
  await engine.authorizeAction(key({ r: { cluster: ['all'] } }), 'cluster:admin/xpack/security/user/put');
  await assert.rejects(engine.authorizeAction(key({ r: { cluster: ['monitor'] } }), 'cluster:admin/xpack/security/user/put'));
  await assert.rejects(engine.authorizeAction(key({ r: { cluster: ['all'] } }), 'cluster:admin/settings/update'));
});

test('compiled permissions are cached per role set and dropped on invalidate', async () => {
  const { store, engine } = setup();
  await store.updateRole('r', () => ({ name: 'r', descriptor: { cluster: ['monitor'] } }));
  const a = await engine.userPermission(['r', 'viewer']);
  assert.equal(await engine.userPermission(['viewer', 'r', 'r']), a, 'same set, same compiled permission');
  await store.updateRole('r', () => ({ name: 'r', descriptor: { cluster: ['manage_security'] } }));
  engine.invalidate();
  const b = await engine.userPermission(['r', 'viewer']);
  assert.notEqual(b, a);
  assert.equal(b.permission.cluster('cluster:admin/xpack/security/user/put'), true);
});

test('the same roles array reuses its permission until invalidate; a failed compile is not kept', async () => {
  const store = new SqliteStore(':memory:');
  let down = true;
  const resolver = {
    resolve: async (names: readonly string[]) => {
      if (down) throw new Error('store unavailable');
      return { descriptors: Object.fromEntries(names.map((n) => [n, { cluster: ['monitor'] }])), missing: [] };
    },
  };
  const engine = new AuthorizationEngine(resolver, store);
  const roles = ['r'];
  const auth = user('u', roles);
  await assert.rejects(engine.permissionFor(auth), /store unavailable/);
  await assert.rejects(engine.permissionFor(auth), /store unavailable/);
  down = false;
  const first = await engine.permissionFor(auth);
  assert.equal(first.cluster('cluster:monitor/health'), true);
  assert.equal(await engine.permissionFor(auth), first);
  engine.invalidate();
  assert.notEqual(await engine.permissionFor(auth), first);
});

test('deniedMessage: index actions, run-as, context', () => {
  const runAs: Authentication = { ...user('bob', ['r1']), authenticatingUser: makeUser('admin', { roles: ['superuser'] }) };
  assert.equal(
    deniedMessage(user('joe', ['r1']), 'indices:data/read/search', { effectiveRoles: ['r1'], context: 'on indices [logs]' }),
    'action [indices:data/read/search] is unauthorized for user [joe] with effective roles [r1] on indices [logs], this action is granted by the index privileges [read,all]',
  );
  assert.equal(
    deniedMessage(runAs, 'indices:data/write/index', { effectiveRoles: [] }),
    'action [indices:data/write/index] is unauthorized for user [admin] run as [bob] with effective roles [] (assigned roles [r1] were not found), this action is granted by the index privileges [create_doc,create,index,write,all]',
  );
  assert.equal(
    deniedMessage(user('joe', ['b', 'a']), 'cluster:monitor/health'),
    'action [cluster:monitor/health] is unauthorized for user [joe] with assigned roles [b,a], this action is granted by the cluster privileges [monitor,manage,all]',
  );
});
