import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeUser } from '../../core/user.ts';
import type { Authentication } from '../../core/authentication.ts';
import { authenticationJson, realmRefJson } from './authenticate.ts';

// The field names ES 9.1.5 writes, in its order, recorded from the reference ES (es-ref.sh) for each kind of
// authentication: `_security/_authenticate` and the token API's `authentication`.
const ES_USER_FIELDS = ['username', 'roles', 'full_name', 'email', 'metadata', 'enabled', 'authentication_realm', 'lookup_realm', 'authentication_type'];
const ES_API_KEY_FIELDS = [...ES_USER_FIELDS, 'api_key'];
const ES_SERVICE_FIELDS = ['username', 'roles', 'full_name', 'email', 'token', 'metadata', 'enabled', 'authentication_realm', 'lookup_realm', 'authentication_type'];

/** A realm object as the authenticators carry it: with more than ES writes. */
const native = { name: 'default_native', type: 'native', order: -9007199254740990 } as const;

test('a realm user: ES 9 fields in ES order, realm refs without order', () => {
  const a: Authentication = { user: makeUser('joe', { roles: ['r1'] }), authenticatedBy: native, lookedUpBy: native, type: 'realm' };
  const json = authenticationJson(a, ['r1']);
  assert.deepEqual(Object.keys(json), ES_USER_FIELDS);
  assert.deepEqual(json.authentication_realm, { name: 'default_native', type: 'native' });
  assert.deepEqual(json.lookup_realm, { name: 'default_native', type: 'native' });
  assert.deepEqual(json.roles, ['r1']);
  assert.deepEqual(realmRefJson(native), { name: 'default_native', type: 'native' });
});

test('an API key: api_key carries managed_by, name and id (the Java client 9 requires managed_by)', () => {
  const ref = { name: '_es_api_key', type: '_es_api_key' };
  const a: Authentication = {
    user: makeUser('elastic', { metadata: { _reserved: true } }),
    authenticatedBy: ref,
    lookedUpBy: ref,
    type: 'api_key',
    apiKey: { id: 'k1', name: 'key-one', roleDescriptors: {}, limitedBy: {} },
  };
  const json = authenticationJson(a, []);
  assert.deepEqual(Object.keys(json), ES_API_KEY_FIELDS);
  assert.deepEqual(json.api_key, { managed_by: 'elasticsearch', name: 'key-one', id: 'k1' });
  assert.deepEqual(Object.keys(json.api_key as object), ['managed_by', 'name', 'id']);
});

test('a service account token: token {type, name} after email, as ES writes it', () => {
  const ref = { name: '_service_account', type: '_service_account' };
  const a: Authentication = {
    user: makeUser('elastic/fleet-server', { fullName: 'Service account - elastic/fleet-server', metadata: { _elastic_service_account: true } }),
    authenticatedBy: ref,
    lookedUpBy: ref,
    type: 'token',
    serviceAccount: { tokenName: 't1', tokenSource: 'index', roleDescriptor: {} as never },
  };
  const json = authenticationJson(a, []);
  assert.deepEqual(Object.keys(json), ES_SERVICE_FIELDS);
  assert.deepEqual(json.token, { type: '_service_account_index', name: 't1' });
});

test('run-as: the authenticating realm and the lookup realm differ, the shape does not', () => {
  const reserved = { name: 'reserved', type: 'reserved', order: Number.MIN_SAFE_INTEGER };
  const a: Authentication = { user: makeUser('joe'), authenticatedBy: reserved, lookedUpBy: native, type: 'realm', authenticatingUser: makeUser('elastic') };
  const json = authenticationJson(a, []);
  assert.deepEqual(Object.keys(json), ES_USER_FIELDS);
  assert.deepEqual([json.authentication_realm, json.lookup_realm], [{ name: 'reserved', type: 'reserved' }, { name: 'default_native', type: 'native' }]);
});
