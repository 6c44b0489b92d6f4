// The field-name table: every key Portcullis writes is one of Elasticsearch's logfile audit keys (or the one
// documented extension), in ES's order; and the events of ES's documentation examples come out with the
// same keys in the same order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ES_LOGFILE_FIELDS, EXTENSION_FIELDS, LIST_FIELDS, OBJECT_FIELDS } from './fields.ts';
import * as build from './events.ts';
import { completeEvent, logfileLine, esLogTimestamp } from './format.ts';
import { securityChanges } from './security-change.ts';
import { apiKeyAuth, realmAuth, request, runAsAuth } from './testing.ts';

/** ES 8's audit log layout (log4j2.properties, `appender.audit_rolling.layout.pattern`), in order. */
const ES_KEYS = `type timestamp cluster.name cluster.uuid node.name node.id host.name host.ip event.type event.action
authentication.type user.name user.run_by.name user.run_as.name user.realm user.realm_domain user.run_by.realm
user.run_by.realm_domain user.run_as.realm user.run_as.realm_domain user.roles apikey.id apikey.name
authentication.token.name authentication.token.type cross_cluster_access origin.type origin.address realm
realm_domain url.path url.query request.method request.body request.id action request.name indices opaque_id
trace.id x_forwarded_for transport.profile rule put delete change create invalidate`.split(/\s+/);

test('the field table is exactly ES 8\'s audit layout, in order', () => {
  assert.deepEqual([...ES_LOGFILE_FIELDS], ES_KEYS);
  assert.deepEqual([...EXTENSION_FIELDS], ['event.reason']);
});

const node = { 'node.id': '0RMNyghkQYCc_gVd1G6tZQ' };
const T = Date.parse('2020-12-30T20:10:15.510Z');
const keysOf = (line: string) => Object.keys(JSON.parse(line));

const cases: [string, ReturnType<typeof build.anonymousAccessDenied>, string[]][] = [
  [
    'authentication_failed',
    build.authenticationFailed(request({ uri: '/_security/user/user1?pretty' }), { principal: 'elastic' }),
    'type timestamp node.id event.type event.action user.name origin.type origin.address url.path url.query request.method request.id'.split(' '),
  ],
  [
    'anonymous_access_denied',
    build.anonymousAccessDenied(request({ uri: '/twitter/_async_search?pretty' })),
    'type timestamp node.id event.type event.action origin.type origin.address url.path url.query request.method request.id'.split(' '),
  ],
  [
    'authentication_success',
    build.authenticationSuccess(request(), realmAuth()),
    'type timestamp node.id event.type event.action authentication.type user.name user.realm origin.type origin.address realm url.path url.query request.method request.id'.split(' '),
  ],
  [
    'realm_authentication_failed',
    build.realmAuthenticationFailed(request({ uri: '/_security/user/user1?pretty' }), { realm: 'myTestRealm1', principal: 'elastic' }),
    'type timestamp node.id event.type event.action user.name origin.type origin.address realm url.path url.query request.method request.id'.split(' '),
  ],
  [
    'access_denied',
    build.accessDenied(request(), realmAuth('user1', ['test_role'], { name: 'default_native', type: 'native' }), {
      action: 'indices:admin/auto_create',
      requestName: 'CreateIndexRequest',
      indices: ['<index-{now/d+1d}>'],
    }),
    'type timestamp node.id event.type event.action authentication.type user.name user.realm user.roles origin.type origin.address request.id action request.name indices'.split(' '),
  ],
  [
    'run_as_granted',
    build.runAsGranted(request(), { ...runAsAuth(), authenticatingUser: realmAuth().user, authenticatedBy: { name: 'reserved', type: 'reserved' } }, {
      action: 'indices:data/read/search',
      requestName: 'SearchRequest',
      indices: ['alias1'],
      roles: ['superuser'],
    }),
    'type timestamp node.id event.type event.action user.name user.run_as.name user.realm user.run_as.realm user.roles origin.type origin.address request.id action request.name indices'.split(' '),
  ],
  [
    'connection_denied',
    build.connectionDenied({ address: '10.10.0.20', port: 52314, rule: 'deny 10.10.0.0/16' }),
    'type timestamp node.id event.type event.action origin.type origin.address transport.profile rule'.split(' '),
  ],
  [
    'tampered_request',
    build.tamperedRequest(request({ uri: '/twitter/_async_search?pretty' })),
    'type timestamp node.id event.type event.action origin.type origin.address url.path url.query request.method request.id'.split(' '),
  ],
];

for (const [name, built, expected] of cases) {
  test(`${name}: the keys and their order of ES's documented example`, () => {
    const line = logfileLine(completeEvent(built.event, T, node));
    assert.deepEqual(keysOf(line), expected);
    assert.equal(JSON.parse(line)['event.action'], name);
  });
}

test('security_config_change events: event.type, event.action, request.id and one change object, no origin', () => {
  const [change] = securityChanges({ action: 'cluster:admin/xpack/security/user/set_enabled', path: '/_security/user/user1/_disable', params: { username: 'user1' }, body: undefined });
  const line = logfileLine(completeEvent(build.securityConfigChange({ id: 'qvLIgw_eTvyK3cgV-GaLVg' }, change).event, T, node));
  assert.deepEqual(keysOf(line), ['type', 'timestamp', 'node.id', 'event.type', 'event.action', 'request.id', 'change']);
  const j = JSON.parse(line);
  assert.equal(j['event.type'], 'security_config_change');
  assert.equal(j['event.action'], 'change_disable_user');
  assert.deepEqual(j.change, { disable: { user: { name: 'user1' } } });
});

test('values have ES\'s types and formats: lists and change objects are JSON, the rest strings', () => {
  const all = [
    ...cases.map(([, b]) => b.event),
    build.authenticationSuccess(request(), apiKeyAuth()).event,
    build.accessGranted(request(), runAsAuth(), { action: 'indices:data/read/search', indices: ['a'] }).event,
  ].map((e) => JSON.parse(logfileLine(completeEvent(e, T, node))));
  for (const j of all) {
    assert.equal(j.type, 'audit');
    assert.equal(j.timestamp, '2020-12-30T20:10:15,510+0000');
    for (const [k, v] of Object.entries(j)) {
      assert.ok((ES_KEYS as string[]).includes(k) || (EXTENSION_FIELDS as readonly string[]).includes(k), `unknown key ${k}`);
      if (LIST_FIELDS.has(k)) assert.ok(Array.isArray(v) && v.every((x) => typeof x === 'string'), k);
      else if (OBJECT_FIELDS.has(k)) assert.equal(typeof v, 'object', k);
      else assert.equal(typeof v, 'string', k);
    }
  }
  assert.equal(all[2]['authentication.type'], 'REALM');
  assert.equal(all[2]['origin.address'], '[::1]:51014');
  assert.equal(all[cases.length]['authentication.type'], 'API_KEY');
});

test('the log timestamp is ES\'s pattern, in UTC', () => {
  assert.equal(esLogTimestamp('2024-05-01T07:08:09.012Z'), '2024-05-01T07:08:09,012+0000');
});
