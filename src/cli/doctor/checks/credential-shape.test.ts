import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Secret } from '../../../core/secret.ts';
import { classifyShape, apiKeyShape, bearerShape, basicShape, headerShape } from './credential-shape.ts';

const ID = 'VuaCfGcBCdbkQm-e5aOx';
const KEY = 'ui2lp2axTNmsyakw9tvNnw';
const ENCODED = Buffer.from(`${ID}:${KEY}`).toString('base64');
const K = 'ELASTICSEARCH_API_KEY';

test('API key: the encoded value is fine, and named by its id', () => {
  const s = apiKeyShape(ENCODED, K);
  assert.equal(s.check.status, 'ok');
  assert.match(s.check.message, new RegExp(`key id \\[${ID}\\]`));
  assert.equal(s.corrected, undefined);
});

test('API key: the id alone, the secret alone', () => {
  assert.match(apiKeyShape(ID, K).check.message, /id alone/);
  assert.equal(apiKeyShape(ID, K).check.status, 'fail');
  assert.match(apiKeyShape(KEY, K).check.message, /raw "api_key" secret alone/);
  assert.match(apiKeyShape(KEY, K).check.fix!, /"encoded" value/);
});

test('API key: id:key in plain text gets the base64 form as its correction', () => {
  const s = apiKeyShape(`${ID}:${KEY}`, K);
  assert.equal(s.check.status, 'fail');
  assert.match(s.check.message, /plain text/);
  assert.equal(s.corrected!.header, `ApiKey ${ENCODED}`);
});

test('API key: whitespace, a trailing newline and an included prefix are named, and trimmed in the correction', () => {
  const nl = apiKeyShape(`${ENCODED}\n`, K);
  assert.match(nl.check.message, /line break/);
  assert.equal(nl.corrected!.header, `ApiKey ${ENCODED}`);
  assert.match(apiKeyShape(` ${ENCODED}`, K).check.message, /starts with whitespace/);
  const prefixed = apiKeyShape(`ApiKey ${ENCODED}`, K);
  assert.match(prefixed.check.message, /includes the "ApiKey " prefix/);
  assert.equal(prefixed.corrected!.header, `ApiKey ${ENCODED}`);
  assert.match(apiKeyShape(`Bearer ${ENCODED}`, K).check.message, /"Bearer " prefix/);
});

test('API key variable holding a token: a JWT or opaque base64 is sent as Bearer in the correction', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqb2UifQ.c2lnbmF0dXJl';
  assert.equal(apiKeyShape(jwt, K).corrected!.header, `Bearer ${jwt}`);
  const token = Buffer.from(Array.from({ length: 40 }, (_, i) => (i * 37) % 256)).toString('base64');
  const t = apiKeyShape(token, K);
  assert.match(t.check.message, /access token/);
  assert.equal(t.corrected!.header, `Bearer ${token}`);
});

test('bearer variable holding an API key: ApiKey is the right scheme', () => {
  const s = bearerShape(ENCODED, 'ELASTICSEARCH_BEARER_TOKEN');
  assert.match(s.check.message, /"Authorization: ApiKey", not "Bearer"/);
  assert.equal(s.corrected!.header, `ApiKey ${ENCODED}`);
  assert.equal(bearerShape('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqb2UifQ.c2ln', 'B').check.status, 'ok');
});

test('basic: a password with a trailing newline is a warning with a trimmed correction; ":" in a username fails', () => {
  const s = basicShape('joe', 'secret-pw\n', 'U/P');
  assert.equal(s.check.status, 'warn');
  assert.match(s.check.message, /ELASTICSEARCH_PASSWORD contains a line break/);
  assert.equal(s.corrected!.header, `Basic ${Buffer.from('joe:secret-pw').toString('base64')}`);
  assert.equal(basicShape('a:b', 'pw', 'U/P').check.status, 'fail');
  assert.equal(basicShape('joe', 'pw', 'U/P').check.status, 'ok');
});

test('raw header: Basic without base64, an unknown scheme, no scheme', () => {
  const H = 'ELASTICSEARCH_AUTH_HEADER';
  const plain = headerShape('Basic joe:secret-pw', H);
  assert.match(plain.check.message, /plain text: Basic needs base64/);
  assert.equal(plain.corrected!.header, `Basic ${Buffer.from('joe:secret-pw').toString('base64')}`);
  assert.equal(headerShape(`Basic ${Buffer.from('joe:pw').toString('base64')}`, H).check.status, 'ok');
  assert.match(headerShape('Token abc', H).check.message, /"Token" scheme/);
  assert.equal(headerShape(ENCODED, H).corrected!.header, `ApiKey ${ENCODED}`);
  assert.match(headerShape(`ApiKey ${ID}`, H).check.message, /id alone/);
  assert.equal(headerShape(`Bearer ${ENCODED}`, H).corrected!.header, `ApiKey ${ENCODED}`);
});

test('no message ever contains the secret part of a value', () => {
  const values = [ENCODED, `${ID}:${KEY}`, KEY, `${ENCODED}\n`, `ApiKey ${ENCODED}`];
  for (const v of values) {
    for (const c of [classifyShape({ kind: 'api_key', value: new Secret(v), from: K }), classifyShape({ kind: 'bearer', value: new Secret(v), from: 'B' })]) {
      const text = `${c.check.message} ${c.check.fix ?? ''}`;
      assert.equal(text.includes(KEY), false, text);
      assert.equal(text.includes(ENCODED), false, text);
    }
  }
});
