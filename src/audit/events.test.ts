import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as build from './events.ts';
import { restUriFields, traceId } from './request-fields.ts';
import { apiKeyAuth, realmAuth, request, runAsAuth } from './testing.ts';

test('the URI splits into url.path and url.query as ES splits it (fragment dropped, encoding kept)', () => {
  assert.deepEqual(restUriFields('/idx/_search?q=a%20b&pretty', 'post'), { 'url.path': '/idx/_search', 'url.query': 'q=a%20b&pretty', 'request.method': 'POST' });
  assert.deepEqual(restUriFields('/', 'GET'), { 'url.path': '/', 'request.method': 'GET' });
  assert.deepEqual(restUriFields('/a#frag', 'GET'), { 'url.path': '/a', 'request.method': 'GET' });
  assert.deepEqual(restUriFields('/a?x=1#f', 'GET'), { 'url.path': '/a', 'url.query': 'x=1', 'request.method': 'GET' });
  assert.deepEqual(restUriFields('/a?', 'GET'), { 'url.path': '/a', 'url.query': '', 'request.method': 'GET' });
});

test('opaque_id, trace.id (from traceparent) and x_forwarded_for come from the request headers', () => {
  const e = build.anonymousAccessDenied(
    request({ headers: { 'x-opaque-id': 'job-42', traceparent: '00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01', 'x-forwarded-for': '1.2.3.4, 10.0.0.1' } }),
  ).event;
  assert.equal(e.opaque_id, 'job-42');
  assert.equal(e['trace.id'], '0af7651916cd43dd8448eb211c80319c');
  assert.equal(e.x_forwarded_for, '1.2.3.4, 10.0.0.1');
  assert.equal(traceId('garbage'), undefined);
  assert.equal(traceId(undefined), undefined);
});

test('origin.address: IPv4 as ip:port, IPv6 bracketed; no port when unknown', () => {
  assert.equal(build.anonymousAccessDenied(request({ remoteAddress: '10.0.0.5', remotePort: 9 })).event['origin.address'], '10.0.0.5:9');
  assert.equal(build.anonymousAccessDenied(request({ remoteAddress: '::1', remotePort: 9 })).event['origin.address'], '[::1]:9');
  assert.equal(build.anonymousAccessDenied(request({ remoteAddress: '127.0.0.1', remotePort: undefined })).event['origin.address'], '127.0.0.1');
});

test('authentication_success names the realm that authenticated; user.realm is the effective user\'s', () => {
  const e = build.authenticationSuccess(request(), realmAuth('joe', ['r'], { name: 'native1', type: 'native' })).event;
  assert.equal(e.realm, 'native1');
  assert.equal(e['user.realm'], 'native1');
  assert.equal(e['user.name'], 'joe');
  assert.equal(e['authentication.type'], 'REALM');
  assert.equal(e['user.roles'], undefined, 'roles belong to authorization events');
});

test('API keys: apikey.id and apikey.name, user.realm is the owner\'s realm, realm is _es_api_key', () => {
  const e = build.authenticationSuccess(request(), apiKeyAuth()).event;
  assert.equal(e['apikey.id'], 'VuaCfGcBCdbkQm-e5aOx');
  assert.equal(e['apikey.name'], 'my-key');
  assert.equal(e['user.realm'], 'reserved');
  assert.equal(e.realm, '_es_api_key');
  assert.equal(e['authentication.type'], 'API_KEY');
  const unnamed = build.authenticationSuccess(request(), { ...apiKeyAuth(), apiKey: { ...apiKeyAuth().apiKey!, name: null } }).event;
  assert.equal('apikey.name' in unnamed, false);
});

test('run-as: other events name the effective user and user.run_by.*; run-as events name user.run_as.*', () => {
  const a = runAsAuth();
  const g = build.accessGranted(request(), a, { action: 'indices:data/read/search', indices: ['logs'] }).event;
  assert.equal(g['user.name'], 'jacknich');
  assert.equal(g['user.realm'], 'default_file');
  assert.equal(g['user.run_by.name'], 'admin');
  assert.equal(g['user.run_by.realm'], 'default_native');
  assert.deepEqual(g['user.roles'], ['reader']);
  const r = build.runAsGranted(request(), a, { action: 'indices:data/read/search' }).event;
  assert.equal(r['user.name'], 'admin');
  assert.equal(r['user.realm'], 'default_native');
  assert.equal(r['user.run_as.name'], 'jacknich');
  assert.equal(r['user.run_as.realm'], 'default_file');
  assert.equal(r['event.type'], 'transport');
  const denied = build.runAsDenied(request(), realmAuth('admin'), { runAs: 'ghost' });
  assert.equal(denied.event['event.type'], 'rest', 'refused before the request was resolved');
  assert.equal(denied.event['user.run_as.name'], 'ghost');
  assert.equal('user.run_as.realm' in denied.event, false, 'the target was not found');
  assert.equal(denied.filter!.user, 'ghost');
});

test('access events carry action, indices, request.name and the roles; filter info mirrors them', () => {
  const b = build.accessDenied(request(), realmAuth('joe', ['a', 'b']), { action: 'indices:data/write/bulk', indices: ['x', 'y'], requestName: 'BulkRequest', roles: ['only'] });
  assert.equal(b.event['event.type'], 'transport');
  assert.equal(b.event.action, 'indices:data/write/bulk');
  assert.deepEqual(b.event.indices, ['x', 'y']);
  assert.deepEqual(b.event['user.roles'], ['only']);
  assert.equal(b.event['request.name'], 'BulkRequest');
  assert.deepEqual(b.filter, { user: 'joe', realm: 'reserved', action: 'indices:data/write/bulk', roles: ['only'], indices: ['x', 'y'] });
  const none = build.accessGranted(request(), realmAuth(), { action: 'cluster:monitor/main' });
  assert.equal('indices' in none.event, false);
});

test('authentication failures: principal and reason when known, nothing else about the credentials', () => {
  const f = build.authenticationFailed(request(), { principal: 'VuaCfGcBCdbkQm-e5aOx', reason: 'api key is expired' }).event;
  assert.equal(f['user.name'], 'VuaCfGcBCdbkQm-e5aOx');
  assert.equal(f['event.reason'], 'api key is expired');
  const bare = build.authenticationFailed(request()).event;
  assert.equal('user.name' in bare, false);
  const realm = build.realmAuthenticationFailed(request(), { realm: 'native1', principal: 'bob', reason: 'the user [bob] was not found' });
  assert.equal(realm.event.realm, 'native1');
  assert.deepEqual(realm.filter, { user: 'bob', realm: 'native1', action: '', roles: [''], indices: [''] });
});

test('request.body only with emit_request_body, and redacted', () => {
  const r = request({ uri: '/_security/user/joe' });
  const body = JSON.stringify({ password: 'x-secret-1', roles: ['a'] });
  assert.equal('request.body' in build.authenticationSuccess(r, realmAuth(), { body }).event, false);
  const e = build.authenticationSuccess(r, realmAuth(), { body, emitBody: true }).event;
  assert.equal(e['request.body'], '{"password":"::es_redacted::","roles":["a"]}');
});
