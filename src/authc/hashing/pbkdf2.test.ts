import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pbkdf2Sync } from 'node:crypto';
import { Secret } from '../../core/secret.ts';
import { declaredIterations, hashPbkdf2, PLAIN, STRETCH, verifyPbkdf2, type Pbkdf2Variant } from './pbkdf2.ts';

const check = (password: string, stored: string, iterations: number, variant: Pbkdf2Variant = PLAIN) =>
  verifyPbkdf2(new Secret(password), stored, iterations, variant);

// Provenance: made with Python 3.11's hashlib while writing these tests (an implementation independent of
// node:crypto), random salts from os.urandom:
//   dk = hashlib.pbkdf2_hmac('sha512', password_bytes, salt, iterations, key_len)
//   prefix + str(iterations) + '$' + b64encode(salt) + '$' + b64encode(dk)
// where password_bytes is password.encode('utf-8') for {PBKDF2}, and for {PBKDF2_STRETCH}
// hashlib.sha512(password.encode('utf-8')).hexdigest().encode('ascii').
const PY_10000 = '{PBKDF2}10000$COWfIj8yGTUeUgn6lTlsHBxZ6mKMJNUQ/1leLnkF/78=$+YzBGqJjYZJZlDpWtj4pX/OlVeEZmfYXiKXsXz+cQUw=';
const PY_UNICODE = '{PBKDF2}1000$3mYEmjE6QZIkuvi4aTV3VwSm80bQxL8DSiQoQbwgHwI=$PPKPRNCD9dWpf7EIlndPDCdrX1Lupzb/h218tpo7Za4=';
const PY_KEY64 = // 16-byte salt, 64-byte key: ES derives both lengths from the stored text
  '{PBKDF2}1000$4xcL1GdnYFN2GrovG9ZHig==$ZH/wl3e9nnNGhFbxDP6gdDfQrN7+xVif9VdCn1VeeSy2ot+X5ASGFXKSKH+jPTSGaLhu1+ix4QiOMiV5dAMoHw==';
const PY_50000 = '{PBKDF2}50000$6NThYYO+lNbzPoNy/s/4IncWjH1oaO0mYEJ187h1fAs=$TwCetHrjEU2WV0sSBGyjooI0uqypfGE1goXRBq7AgvQ=';
const PY_STRETCH_1000 =
  '{PBKDF2_STRETCH}1000$k99zVNXxGQNOAXfqc7OgJ+tBoSKG4OD2ulOc4h6DmQA=$lUxJPhJJO/A+XkQ0i9mgJwcW5J4MhgS4gsEG8N/0vxw=';
const PY_STRETCH_10000 =
  '{PBKDF2_STRETCH}10000$i85BzbTDjWFk5DT5Mhcu8Ost6DWhcCclLdK8MYZy2UU=$5MDY+XhfBXrTA2vCQj6V0R0ZTMw+bLP9INOrp3PfDaY=';

test('verifies independently made {PBKDF2} vectors (HMAC-SHA512, UTF-8 password)', async () => {
  assert.equal(await check('p@ssw0rd-ES', PY_10000, 10000), true);
  assert.equal(await check('p@ssw0rd-es', PY_10000, 10000), false);
  assert.equal(await check('pässwörd', PY_UNICODE, 1000), true);
  assert.equal(await check('passwörd', PY_UNICODE, 1000), false);
  assert.equal(await check('longer-key', PY_KEY64, 1000), true);
  assert.equal(await check('p@ssw0rd-ES', PY_50000, 50000), true);
});

test('verifies {PBKDF2_STRETCH} vectors: PBKDF2 over the lower-case hex SHA-512 of the password', async () => {
  assert.equal(await check('p@ssw0rd-ES', PY_STRETCH_1000, 1000, STRETCH), true);
  assert.equal(await check('pässwörd', PY_STRETCH_10000, 10000, STRETCH), true);
  assert.equal(await check('p@ssw0rd-es', PY_STRETCH_1000, 1000, STRETCH), false);
  // The same salt and key under the other prefix is a different hash.
  const asPlain = PY_STRETCH_1000.replace('{PBKDF2_STRETCH}', '{PBKDF2}');
  assert.equal(await check('p@ssw0rd-ES', asPlain, 1000, PLAIN), false);
});

test('writes ES layout: iterations, 32-byte salt and 32-byte key in padded base64', async () => {
  for (const variant of [PLAIN, STRETCH]) {
    const hashed = await hashPbkdf2(new Secret('round trip'), 1000, variant);
    const [head, salt, key] = hashed.split('$');
    assert.equal(head, `${variant.prefix}1000`);
    assert.match(salt, /^[A-Za-z0-9+/]{43}=$/);
    assert.match(key, /^[A-Za-z0-9+/]{43}=$/);
    assert.equal(Buffer.from(salt, 'base64').length, 32);
    assert.equal(await check('round trip', hashed, 1000, variant), true);
    assert.equal(await check('round trap', hashed, 1000, variant), false);
  }
});

test('a hash is checked with its own iteration count only', async () => {
  assert.equal(await check('p@ssw0rd-ES', PY_10000, 1000), false);
  assert.equal(await check('p@ssw0rd-ES', PY_10000.replace('10000$', '010000$'), 10000), true); // parseInt reads 10000
});

test('a salt shorter than 8 bytes is refused even when the key is right (ES throws there)', async () => {
  const salt = Buffer.from('salt');
  const key = pbkdf2Sync('password', salt, 1000, 32, 'sha512');
  const stored = `{PBKDF2}1000$${salt.toString('base64')}$${key.toString('base64')}`;
  assert.equal(await check('password', stored, 1000), false);
  const salt8 = Buffer.from('saltsalt');
  const key8 = pbkdf2Sync('password', salt8, 1000, 32, 'sha512');
  assert.equal(await check('password', `{PBKDF2}1000$${salt8.toString('base64')}$${key8.toString('base64')}`, 1000), true);
});

test('malformed hashes are false, never an exception', async () => {
  const [, salt, key] = PY_UNICODE.split('$');
  const malformed = [
    '',
    '{PBKDF2}',
    '{PBKDF2}1000',
    '{PBKDF2}1000$',
    `{PBKDF2}1000$${salt}`,
    `{PBKDF2}1000$${salt}$`,
    `{PBKDF2}1000$${salt}$abc`, // key too short for a single 16-byte unit
    `{PBKDF2}1000$@@@@$${key}`,
    `{PBKDF2}1000$${salt.slice(1)}$${key}`,
    `{PBKDF2}abc$${salt}$${key}`,
    `{PBKDF2}1000$${salt}$${key}$`,
    `{PBKDF2}1000$${salt}$${'A'.repeat(2000)}`,
    `{PBKDF2_STRETCH}1000$${salt}$${key}`,
  ];
  for (const stored of malformed) assert.equal(await check('pässwörd', stored, 1000), false, stored);
});

test('declared iterations are the text between the prefix and the next $', () => {
  assert.equal(declaredIterations(PY_10000, '{PBKDF2}'), 10000);
  assert.equal(declaredIterations(PY_STRETCH_1000, '{PBKDF2_STRETCH}'), 1000);
  assert.equal(declaredIterations(PY_STRETCH_1000, '{PBKDF2}'), null);
  assert.equal(declaredIterations('{PBKDF2}10000', '{PBKDF2}'), null);
  assert.equal(declaredIterations('{PBKDF2}x$a$b', '{PBKDF2}'), null);
});
