import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactRequestBody } from './redact-body.ts';

const R = '::es_redacted::';

test('_security bodies: every credential key redacted at any depth, case-insensitively', () => {
  const body = JSON.stringify({ Password: 'a', nested: [{ refresh_token: 'b' }], access_token: 'c', api_key: { name: 'n', role_descriptors: {} }, id: 'x' });
  assert.deepEqual(JSON.parse(redactRequestBody('/_security/oauth2/token', body)), {
    Password: R,
    nested: [{ refresh_token: R }],
    access_token: R,
    api_key: { name: 'n', role_descriptors: {} },
    id: 'x',
  });
  assert.equal(JSON.parse(redactRequestBody('/_security/api_key', '{"api_key":"raw"}')).api_key, R);
});

test('a _security body that is not JSON is withheld whole; elsewhere it is kept as sent', () => {
  assert.equal(redactRequestBody('/_security/user/x', 'password=abc'), R);
  assert.equal(redactRequestBody('/_bulk', '{"index":{}}\n{"a":1}\n'), '{"index":{}}\n{"a":1}\n');
});

test('other paths: only unambiguous credential keys (a document field named "content" or "token" is data)', () => {
  assert.deepEqual(JSON.parse(redactRequestBody('/_nodes/reload_secure_settings', '{"secure_settings_password":"p"}')), { secure_settings_password: R });
  assert.deepEqual(JSON.parse(redactRequestBody('/idx/_search', '{"query":{"match":{"content":"x","token":"y"}}}')), { query: { match: { content: 'x', token: 'y' } } });
});

test('empty bodies stay empty', () => {
  assert.equal(redactRequestBody('/_security/user/x', '   '), '');
});
