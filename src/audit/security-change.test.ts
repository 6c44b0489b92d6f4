import { test } from 'node:test';
import assert from 'node:assert/strict';
import { securityChanges, SECURITY_CHANGE_ACTIONS } from './security-change.ts';

const S = 'cluster:admin/xpack/security/';
const change = (action: string, body: unknown = undefined, params: Record<string, string> = {}, path = '/_security/x', result?: unknown) =>
  securityChanges({ action: `${S}${action}`, path, params, body, result });

test('put_user: the user without its password, with has_password', () => {
  const [c] = change('user/put', { password: 'pw-123456', roles: ['admin', 'other_role1'], full_name: 'Jack Sparrow', email: 'jack@blackpearl.com', enabled: false, metadata: { cunning: 10 } }, { username: 'user1' });
  assert.deepEqual(c, {
    action: 'put_user',
    field: 'put',
    value: { user: { name: 'user1', enabled: false, roles: ['admin', 'other_role1'], full_name: 'Jack Sparrow', email: 'jack@blackpearl.com', has_password: true, metadata: { cunning: 10 } } },
  });
  const [plain] = change('user/put', { roles: [] }, { username: 'u2' });
  assert.deepEqual(plain.value, { user: { name: 'u2', enabled: true, roles: [], has_password: false } });
});

test('change_password, enable/disable, delete_user', () => {
  assert.deepEqual(change('user/change_password', { password: 'x' }, { username: 'user1' })[0], { action: 'change_password', field: 'change', value: { password: { user: { name: 'user1' } } } });
  const own = securityChanges({ action: `${S}user/change_password`, path: '/_security/user/_password', params: {}, body: {}, username: 'me' });
  assert.deepEqual(own[0].value, { password: { user: { name: 'me' } } });
  assert.equal(change('user/set_enabled', undefined, { username: 'u' }, '/_security/user/u/_enable')[0].action, 'change_enable_user');
  assert.deepEqual(change('user/set_enabled', undefined, { username: 'u' }, '/_security/user/u/_disable')[0].value, { disable: { user: { name: 'u' } } });
  assert.deepEqual(change('user/delete', undefined, { username: 'jacknich' })[0], { action: 'delete_user', field: 'delete', value: { user: { name: 'jacknich' } } });
});

test('create_apikey: id from the reply (never the secret), name, type, expiration and descriptors', () => {
  const body = {
    name: 'test-api-key-1',
    expiration: '10d',
    role_descriptors: { r1: { cluster: ['monitor'], indices: [{ names: ['index-a*'], privileges: ['read'], field_security: { grant: ['f*'], except: ['f1'] }, query: { term: { a: 1 } } }] } },
    metadata: { application: 'my-application' },
  };
  const [c] = change('api_key/create', body, {}, '/_security/api_key', { id: 'KEYID', name: 'test-api-key-1', api_key: 'SECRET-VALUE', encoded: 'ENCODED-VALUE' });
  assert.equal(c.action, 'create_apikey');
  assert.equal(c.field, 'create');
  assert.deepEqual(c.value, {
    apikey: {
      id: 'KEYID',
      name: 'test-api-key-1',
      type: 'rest',
      expiration: '10d',
      role_descriptors: [
        {
          cluster: ['monitor'],
          indices: [{ names: ['index-a*'], privileges: ['read'], field_security: { grant: ['f*'], except: ['f1'] }, query: '{"term":{"a":1}}' }],
          applications: [],
          run_as: [],
        },
      ],
      metadata: { application: 'my-application' },
    },
  });
  assert.equal(JSON.stringify(c).includes('SECRET-VALUE') || JSON.stringify(c).includes('ENCODED-VALUE'), false);
});

test('grant: create_apikey with a grant object that says has_password / has_access_token only', () => {
  const [c] = change('api_key/grant', { grant_type: 'password', username: 'joe', password: 'pw-secret', run_as: 'bob', api_key: { name: 'k' } });
  assert.deepEqual(c.value.grant, { type: 'password', user: { name: 'joe', has_password: true }, run_as: 'bob' });
  const [t] = change('api_key/grant', { grant_type: 'access_token', access_token: 'tok-secret', api_key: { name: 'k' } });
  assert.deepEqual(t.value.grant, { type: 'access_token', has_access_token: true });
  assert.equal(JSON.stringify([c, t]).includes('secret'), false);
});

test('change_apikey, change_apikeys, invalidate_apikeys', () => {
  assert.deepEqual(change('api_key/update', { metadata: {} }, { id: 'K1' })[0], {
    action: 'change_apikey',
    field: 'change',
    value: { apikey: { id: 'K1', type: 'rest', metadata: {}, expiration: null } },
  });
  assert.deepEqual(change('api_key/update', { ids: ['a', 'b'], expiration: '1d' })[0], {
    action: 'change_apikeys',
    field: 'change',
    value: { apikeys: { ids: ['a', 'b'], type: 'rest', expiration: '1d' } },
  });
  assert.deepEqual(change('api_key/invalidate', { owner: false, username: 'myuser', realm_name: 'native1' })[0], {
    action: 'invalidate_apikeys',
    field: 'invalidate',
    value: { apikeys: { owned_by_authenticated_user: false, user: { name: 'myuser', realm: 'native1' } } },
  });
  assert.deepEqual(change('api_key/invalidate', { id: 'x', ids: ['y'] })[0].value, { apikeys: { ids: ['y', 'x'], owned_by_authenticated_user: false } });
});

test('roles, role mappings, privileges, service tokens', () => {
  assert.deepEqual(change('role/put', { cluster: ['all'], indices: [{ names: ['apm*'], privileges: ['all'], allow_restricted_indices: true }] }, { name: 'test_role' })[0].value, {
    role: { name: 'test_role', role_descriptor: { cluster: ['all'], indices: [{ names: ['apm*'], privileges: ['all'], allow_restricted_indices: true }], applications: [], run_as: [] } },
  });
  assert.deepEqual(change('role/delete', undefined, { name: 'my_admin_role' })[0].value, { role: { name: 'my_admin_role' } });
  assert.deepEqual(change('role/bulk_delete', { names: ['a', 'b'] }).map((c) => c.value), [{ role: { name: 'a' } }, { role: { name: 'b' } }]);
  assert.equal(change('role/bulk_put', { roles: { a: {}, b: {} } }).length, 2);
  assert.deepEqual(change('role_mapping/put', { roles: ['user'], rules: { field: { username: '*' } }, enabled: true, metadata: { version: 1 } }, { name: 'mapping1' })[0].value, {
    role_mapping: { name: 'mapping1', roles: ['user'], rules: { field: { username: '*' } }, enabled: true, metadata: { version: 1 } },
  });
  assert.deepEqual(change('privilege/put', { myapp: { read: { actions: ['data:read/*'], metadata: { d: 1 } } } })[0].value, {
    privileges: [{ application: 'myapp', name: 'read', actions: ['data:read/*'], metadata: { d: 1 } }],
  });
  assert.deepEqual(change('privilege/delete', undefined, { application: 'myapp', name: 'read,write' })[0].value, { privileges: { application: 'myapp', privileges: ['read', 'write'] } });
  const [tok] = securityChanges({
    action: `${S}service_account/token/create`,
    path: '/',
    params: { namespace: 'elastic', service: 'fleet-server' },
    body: undefined,
    result: { created: true, token: { name: 'token1', value: 'AAEAAWVsYXN0aWMv-SECRET' } },
  });
  assert.deepEqual(tok, { action: 'create_service_token', field: 'create', value: { service_token: { namespace: 'elastic', service: 'fleet-server', name: 'token1' } } });
});

test('actions that change nothing give no event', () => {
  assert.deepEqual(change('user/get'), []);
  assert.deepEqual(securityChanges({ action: 'indices:data/read/search', path: '/', params: {}, body: {} }), []);
  assert.ok(SECURITY_CHANGE_ACTIONS.has(`${S}user/put`));
});
