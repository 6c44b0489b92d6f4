// No credential ever reaches an audit event: every event type is built from inputs that carry secrets
// (wrapped in Secret, inside bodies, in credential headers a careless caller might pass), and every output
// form (the event, the log line, the index document) is scanned for them, raw and encoded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Secret } from '../core/secret.ts';
import type { Authentication } from '../core/authentication.ts';
import * as build from './events.ts';
import { completeEvent, indexDocument, logfileLine } from './format.ts';
import { securityChanges } from './security-change.ts';
import { apiKeyAuth, request, runAsAuth } from './testing.ts';
import type { BuiltEvent } from './events.ts';

const PASSWORD = 'Pa55w0rd-never-logged';
const API_KEY_SECRET = 'ui2lp2axTNmsyakw9tvNnw';
const TOKEN = 'dGhpcyBpcyBhIHRva2VuIHNlY3JldA-tok';
const HASH = '$2a$10$abcdefghijklmnopqrstuv.hash';
const SECRETS = [PASSWORD, API_KEY_SECRET, TOKEN, HASH];
const ENCODED_KEY = Buffer.from(`VuaCfGcBCdbkQm-e5aOx:${API_KEY_SECRET}`).toString('base64');
const BASIC = Buffer.from(`elastic:${PASSWORD}`).toString('base64');
const FORBIDDEN = [...SECRETS, ENCODED_KEY, BASIC, ...SECRETS.map((s) => Buffer.from(s).toString('base64'))];

/** A request whose headers include the credential headers a careless caller might copy in. */
const hostile = request({
  uri: '/_security/user/joe?pretty',
  headers: {
    authorization: `Basic ${BASIC}`,
    'es-secondary-authorization': `ApiKey ${ENCODED_KEY}`,
    cookie: `sid=${TOKEN}`,
    'x-opaque-id': 'job-1',
  },
});

/** Authentications carrying secrets where a careless builder might look (metadata, extra properties). */
const withSecrets = (a: Authentication): Authentication =>
  ({ ...a, credentials: { password: new Secret(PASSWORD) }, token: new Secret(TOKEN), user: { ...a.user, metadata: { note: 'ok' } } }) as Authentication;

const bodies = {
  putUser: { password: PASSWORD, password_hash: HASH, roles: ['r'], metadata: { team: 'a' } },
  grant: { grant_type: 'password', username: 'joe', password: PASSWORD, access_token: TOKEN, api_key: { name: 'k' } },
  token: { grant_type: 'refresh_token', refresh_token: TOKEN },
  createKeyReply: { id: 'KID', name: 'k', api_key: API_KEY_SECRET, encoded: ENCODED_KEY },
  serviceTokenReply: { created: true, token: { name: 't1', value: TOKEN } },
};

function everyEvent(): BuiltEvent[] {
  const a = withSecrets(apiKeyAuth());
  const ra = withSecrets(runAsAuth());
  const body = (o: unknown) => ({ body: JSON.stringify(o), emitBody: true });
  const S = 'cluster:admin/xpack/security/';
  const changes = [
    securityChanges({ action: `${S}user/put`, path: '/_security/user/joe', params: { username: 'joe' }, body: bodies.putUser }),
    securityChanges({ action: `${S}user/change_password`, path: '/_security/user/joe/_password', params: { username: 'joe' }, body: { password: PASSWORD } }),
    securityChanges({ action: `${S}api_key/create`, path: '/_security/api_key', params: {}, body: { name: 'k' }, result: bodies.createKeyReply }),
    securityChanges({ action: `${S}api_key/grant`, path: '/_security/api_key/grant', params: {}, body: bodies.grant, result: bodies.createKeyReply }),
    securityChanges({ action: `${S}service_account/token/create`, path: '/', params: { namespace: 'elastic', service: 'fleet-server' }, body: {}, result: bodies.serviceTokenReply }),
  ].flat();
  return [
    build.authenticationSuccess(hostile, a, body(bodies.putUser)),
    build.authenticationSuccess(request({ uri: '/_security/oauth2/token' }), ra, body(bodies.token)),
    build.authenticationSuccess(request({ uri: '/_security/api_key/grant' }), ra, body(bodies.grant)),
    build.authenticationSuccess(request({ uri: '/_security/user/x' }), ra, { body: `password=${PASSWORD}`, emitBody: true }),
    build.authenticationSuccess(request({ uri: '/_nodes/reload_secure_settings' }), ra, body({ secure_settings_password: PASSWORD })),
    build.authenticationFailed(hostile, { principal: 'elastic', reason: 'password authentication failed for [elastic]' }),
    build.realmAuthenticationFailed(hostile, { realm: 'native1', principal: 'elastic' }),
    build.anonymousAccessDenied(hostile),
    build.tamperedRequest(hostile),
    build.accessGranted(hostile, a, { action: 'indices:data/read/search', indices: ['logs'] }),
    build.accessDenied(hostile, ra, { action: 'indices:data/read/search' }),
    build.runAsGranted(hostile, ra, { action: 'indices:data/read/search' }),
    build.runAsDenied(hostile, ra, {}),
    build.connectionGranted({ address: '10.0.0.1', rule: 'allow 10.0.0.0/8' }),
    build.connectionDenied({ address: '10.0.0.1', rule: 'deny _all' }),
    ...changes.map((c) => build.securityConfigChange(hostile, c)),
  ];
}

test('every event type, built from inputs full of secrets, holds none of them in any output form', () => {
  const events = everyEvent();
  const actions = new Set(events.map((b) => b.event['event.action']));
  for (const expected of [
    'authentication_success', 'authentication_failed', 'realm_authentication_failed', 'anonymous_access_denied', 'tampered_request',
    'access_granted', 'access_denied', 'run_as_granted', 'run_as_denied', 'connection_granted', 'connection_denied',
    'put_user', 'change_password', 'create_apikey', 'create_service_token',
  ]) assert.ok(actions.has(expected), `missing ${expected}`);
  for (const b of events) {
    const e = completeEvent(b.event, Date.now(), { 'node.id': 'n' });
    const outputs = [JSON.stringify(e), logfileLine(e), JSON.stringify(indexDocument(e))];
    for (const out of outputs) {
      for (const s of FORBIDDEN) assert.equal(out.includes(s), false, `${b.event['event.action']} leaks ${s.slice(0, 6)}…: ${out}`);
      assert.equal(/authorization|cookie/i.test(out), false, `${b.event['event.action']} copied a credential header`);
    }
  }
});

test('bodies are recorded with their credentials redacted, and non-JSON security bodies withheld', () => {
  const [success, token, grant, form] = everyEvent();
  assert.match(String(success.event['request.body']), /"password":"::es_redacted::","password_hash":"::es_redacted::"/);
  assert.match(String(token.event['request.body']), /"refresh_token":"::es_redacted::"/);
  assert.match(String(grant.event['request.body']), /"api_key":\{"name":"k"\}/, 'a descriptor object under a secret-named key is kept, searched');
  assert.equal(form.event['request.body'], '::es_redacted::');
});
