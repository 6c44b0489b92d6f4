import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Secret } from '../../core/secret.ts';
import { hashSsha256, ssha256Verifier, verifySsha256 } from './ssha256.ts';

const check = (password: string, stored: string) => verifySsha256(new Secret(password), stored);

// Provenance: made with Python 3.11's hashlib while writing these tests, salt = os.urandom(8):
//   '{SSHA256}' + b64encode(salt) + b64encode(hashlib.sha256(password.encode('utf-8') + salt).digest())
const PY_ASCII = '{SSHA256}ADhzos8yK4A=XiXVilKfO3rLUgmFqIapRvAWvDdNU0XrISiUO33GIF0='; // 'ssha-secret'
const PY_UNICODE = '{SSHA256}qOFRJKi9VbQ=CMQvQFo2YF8VojOrKLrJDZE9tZwDN0ZyD2V+0j3Ibd0='; // 'pässwörd'

test('verifies independently made vectors: salt first, each part base64 on its own', async () => {
  assert.equal(await check('ssha-secret', PY_ASCII), true);
  assert.equal(await check('ssha-secreT', PY_ASCII), false);
  assert.equal(await check('pässwörd', PY_UNICODE), true);
  assert.equal(await check('passwörd', PY_UNICODE), false);
});

test('writes {SSHA256} + 12 chars of 8-byte salt + 44 chars of digest', async () => {
  const hashed = await hashSsha256(new Secret('round trip'));
  assert.match(hashed, /^\{SSHA256\}[A-Za-z0-9+/]{11}=[A-Za-z0-9+/]{43}=$/);
  assert.equal(Buffer.from(hashed.slice(9, 21), 'base64').length, 8);
  assert.equal(await check('round trip', hashed), true);
  assert.equal(await check('round trap', hashed), false);
  assert.notEqual(await hashSsha256(new Secret('round trip')), hashed); // salted
});

test('malformed hashes are false, never an exception', async () => {
  const malformed = [
    '',
    '{SSHA256}',
    '{SSHA256}ADhzos8yK4A',
    '{SSHA256}ADhzos8yK4A=',
    '{SSHA256}ADhz=s8yK4A=XiXVilKfO3rLUgmFqIapRvAWvDdNU0XrISiUO33GIF0=',
    PY_ASCII.slice(0, -1),
    PY_ASCII.replace('{SSHA256}', '{SSHA}'),
    PY_ASCII.replace('{SSHA256}', '{ssha256}'),
  ];
  for (const stored of malformed) assert.equal(await check('ssha-secret', stored), false, stored);
});

test('the verifier reads the stored value once and answers synchronously, as verify does', async () => {
  const verifier = ssha256Verifier(PY_ASCII);
  assert.equal(verifier(new Secret('ssha-secret')), true);
  assert.equal(verifier(new Secret('ssha-secreT')), false);
  assert.equal(ssha256Verifier(PY_UNICODE)(new Secret('pässwörd')), true);
  const hashed = await hashSsha256(new Secret('compiled'));
  assert.equal(ssha256Verifier(hashed)(new Secret('compiled')), true);
});

test('a verifier compiled from a malformed value is always false', () => {
  for (const stored of ['', '{SSHA256}', '{SSHA256}ADhzos8yK4A=', PY_ASCII.slice(0, -1), PY_ASCII.replace('{SSHA256}', '{SSHA}')]) {
    const verifier = ssha256Verifier(stored);
    assert.equal(verifier(new Secret('ssha-secret')), false, stored);
    assert.equal(verifier(new Secret('')), false, stored);
  }
});
