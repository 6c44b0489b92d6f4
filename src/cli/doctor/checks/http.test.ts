// The HTTP-level classifiers: anonymous access, _authenticate, the API key's record, the user lookup, the clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Secret } from '../../../core/secret.ts';
import type { HttpResult } from '../probe.ts';
import { classifyAnonymous, offeredSchemes } from './anonymous.ts';
import { classifyAuthenticate, type AuthenticateFacts } from './authenticate.ts';
import { classifyApiKey } from './api-key.ts';
import { classifyUserLookup } from './user.ts';
import { classifyClock } from './clock.ts';

const res = (status: number, json: unknown, headers: Record<string, string | string[]> = {}): HttpResult => ({ ok: true, status, headers, text: JSON.stringify(json), json, sentAt: 0, receivedAt: 10 });
const esError = (reason: string, extra: Record<string, unknown> = {}) => res(401, { error: { type: 'security_exception', reason, ...extra }, status: 401 }, { 'www-authenticate': ['Basic realm="security", charset="UTF-8"', 'ApiKey'] });
const basic: AuthenticateFacts = { credential: { kind: 'basic', username: 'alice', password: new Secret('x'), from: 'U/P' }, apiKeyId: null, offered: ['Basic', 'ApiKey'] };
const key: AuthenticateFacts = { credential: { kind: 'api_key', value: new Secret('v'), from: 'K' }, apiKeyId: 'KEYID', offered: [] };

test('anonymous: 401 disabled (listing the offered schemes); 200 enabled; 403 vs 401 on GET / tells authz_exception', () => {
  const disabled = classifyAnonymous(esError('missing authentication credentials for REST request [/]'), null);
  assert.equal(disabled.status, 'ok');
  assert.match(disabled.message, /anonymous access is disabled.*offers Basic, ApiKey/);
  const anon = res(200, { username: '_anonymous', roles: ['viewer'], authentication_type: 'anonymous' });
  assert.match(classifyAnonymous(anon, res(200, {})).message, /enabled: requests without credentials run as \[_anonymous\] with roles \[viewer\]/);
  assert.match(classifyAnonymous(anon, res(403, {})).message, /authz_exception is true\), so a request without credentials gets 403, not 401/);
  assert.match(classifyAnonymous(anon, res(401, {})).message, /authz_exception is false, so it answers 401/);
  assert.match(classifyAnonymous(res(403, {}), null).message, /got 403/);
  assert.deepEqual(offeredSchemes(res(401, {}, { 'www-authenticate': 'Basic realm="security", charset="UTF-8", ApiKey' })), ['Basic', 'ApiKey']);
});

test('authenticate: success names the user, realm and authentication_type', () => {
  const r = classifyAuthenticate(res(200, { username: 'alice', roles: ['r1'], authentication_realm: { name: 'default_native', type: 'native' }, authentication_type: 'realm' }), basic);
  assert.equal(r.authenticated, true);
  assert.match(r.check.message, /authenticated as \[alice\] by realm default_native \(type native\); authentication_type: realm/);
  const k = classifyAuthenticate(res(200, { username: 'elastic', authentication_realm: { name: '_es_api_key', type: '_es_api_key' }, authentication_type: 'api_key', api_key: { id: 'KEYID', name: 'ci' } }), key);
  assert.match(k.check.message, /API key \[ci\] id \[KEYID\]/);
  const ignored = classifyAuthenticate(res(200, { username: '_anonymous', authentication_type: 'anonymous' }), basic);
  assert.equal(ignored.authenticated, false);
});

test('authenticate: each API key refusal is named', () => {
  const extra = (m: string) => esError('unable to authenticate with provided credentials and anonymous access is not allowed for this request', { additional_unsuccessful_credentials: `API key: ${m}` });
  assert.match(classifyAuthenticate(extra('api key is expired'), key).check.message, /API key \[KEYID\] has expired/);
  assert.match(classifyAuthenticate(extra('api key [KEYID] has been invalidated'), key).check.message, /has been invalidated/);
  assert.match(classifyAuthenticate(extra('unable to find apikey with id KEYID'), key).check.message, /no API key with id \[KEYID\] exists/);
  assert.match(classifyAuthenticate(extra('invalid credentials for API key [KEYID]'), key).check.message, /secret part is wrong/);
  assert.match(classifyAuthenticate(esError('invalid ApiKey value'), key).check.message, /could not read the header/);
});

test('authenticate: wrong password vs unknown user, as far as the server and the helper lookup allow', () => {
  const refused = esError('unable to authenticate user [alice] for REST request [/_security/_authenticate]');
  assert.match(classifyAuthenticate(refused, basic).check.message, /either the password is wrong or no realm has this user/);
  assert.match(classifyAuthenticate(refused, { ...basic, user: 'exists' }).check.message, /the password of \[alice\] is wrong/);
  assert.match(classifyAuthenticate(refused, { ...basic, user: 'missing' }).check.message, /no realm knows the user \[alice\]/);
  assert.match(classifyAuthenticate(refused, { ...basic, user: 'disabled' }).check.message, /exists but is disabled/);
  const elastic = esError('unable to authenticate user [elastic] for REST request [/]');
  const e = classifyAuthenticate(elastic, { ...basic, credential: { kind: 'basic', username: 'elastic', password: new Secret('x'), from: 'U/P' } });
  assert.match(e.check.message, /password of \[elastic\] is wrong \(the user exists: it is a built-in user\)/);
  assert.match(e.check.fix!, /reset-password -u elastic/);
});

test('authenticate: no credentials, credentials the server did not see, a 401 from a proxy, an unsendable header', () => {
  const missing = esError('missing authentication credentials for REST request [/_security/_authenticate]');
  assert.match(classifyAuthenticate(missing, { ...basic, credential: { kind: 'none', from: '' } }).check.message, /no credentials were sent/);
  assert.match(classifyAuthenticate(missing, basic).check.message, /saw no credentials.*offers Basic, ApiKey/);
  assert.match(classifyAuthenticate(res(401, undefined), basic).check.message, /did not come from Elasticsearch/);
  assert.match(classifyAuthenticate({ ok: false, code: 'ERR_INVALID_CHAR', message: 'Invalid character in header content ["authorization"]' }, key).check.message, /cannot be sent at all/);
});

test('api key record: expired, invalidated, expiring soon, fine, unknown, unreadable', () => {
  const now = Date.parse('2024-05-01T00:00:00Z');
  const rec = (over: Record<string, unknown>) => res(200, { api_keys: [{ id: 'K', name: 'ci', username: 'elastic', realm: 'reserved', invalidated: false, ...over }] });
  assert.match(classifyApiKey('K', rec({ expiration: now - 5_000 }), now, 'PORTCULLIS_DOCTOR_API_KEY').message, /expired at 2024-04-30T23:59:55.000Z \(5 s ago/);
  assert.match(classifyApiKey('K', rec({ invalidated: true, invalidation: now }), now, 'PORTCULLIS_DOCTOR_API_KEY').message, /was invalidated on 2024-05-01/);
  assert.equal(classifyApiKey('K', rec({ expiration: now + 86_400_000 }), now, 'the key itself').status, 'warn');
  assert.equal(classifyApiKey('K', rec({ expiration: now + 30 * 86_400_000 }), now, 'the key itself').status, 'ok');
  assert.match(classifyApiKey('K', rec({}), now, 'the key itself').message, /never expires/);
  assert.equal(classifyApiKey('K', res(200, { api_keys: [] }), now, 'PORTCULLIS_DOCTOR_API_KEY').status, 'fail');
  assert.equal(classifyApiKey('K', res(403, {}), now, 'PORTCULLIS_DOCTOR_API_KEY').status, 'warn');
});

test('user lookup: exists, disabled, missing', () => {
  assert.equal(classifyUserLookup('alice', res(200, { alice: { enabled: true, roles: ['r'] } })).fact, 'exists');
  assert.equal(classifyUserLookup('alice', res(200, { alice: { enabled: false } })).fact, 'disabled');
  assert.equal(classifyUserLookup('bob', res(404, {})).fact, 'missing');
  assert.equal(classifyUserLookup('bob', res(403, {})).fact, undefined);
});

test('clock: within 30 s is fine; beyond, the direction and the impact on expiry are explained; no Date header is not a problem', () => {
  const server = Date.parse('2024-05-01T12:00:00Z');
  const date = new Date(server).toUTCString();
  assert.equal(classifyClock(date, server + 5_000, server + 5_100).status, 'ok');
  const ahead = classifyClock(date, server + 600_000, server + 600_100);
  assert.equal(ahead.status, 'warn');
  assert.match(ahead.message, /10 min ahead of the server's/);
  assert.match(ahead.message, /expires by the server's time/);
  assert.match(classifyClock(date, server - 7_200_000, server - 7_199_900).message, /2 h behind/);
  assert.match(classifyClock(undefined, 0, 1).message, /not checked/);
});

test('a server without security (no _security endpoints) is named as such, not as a credentials problem', () => {
  const noHandler = res(400, { error: 'no handler found for uri [/_security/_authenticate] and method [GET]' });
  assert.match(classifyAuthenticate(noHandler, key).check.message, /no security layer/);
  assert.match(classifyAnonymous(noHandler, null).message, /no security layer/);
});
