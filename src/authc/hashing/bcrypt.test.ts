import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Secret } from '../../core/secret.ts';
import { declaredBcryptCost, hashBcrypt, verifyBcrypt } from './bcrypt.ts';

const check = (password: string, stored: string) => verifyBcrypt(new Secret(password), stored);
const BODY = 'OLrfKSXQJxohtFnkU.VZCO1gKywaTSFi4KPHqhuyY3qetAbI8v6/S'; // 53 chars of bcrypt alphabet

// Provenance: Elasticsearch's HasherTests#testBcryptFromExternalSources (hashes made by Python bcrypt, PHP and
// bcrypt-generator.com, with their passwords). Test data only.
const ES_EXTERNAL: readonly (readonly [string, string, boolean])[] = [
  ['$2b$12$0313KXrdhWp6HLREsKxW/OWJQCxy2uYprv44b8MBk6dOj3PY6WSFG', 'my-password', true],
  ['$2b$12$0313KXrdhWp6HLREsKxW/OWJQCxy2uYprv44b8MBk6dOj3PY6WSFG', 'not-the-password', false],
  ['$2b$12$4bf6s1NIUhyA5FtLn1UrpuZTByjNCC7f0r5OFJP9ra8U2LtcpcK7C', 'changeme', true],
  ['$2b$12$4bf6s1NIUhyA5FtLn1UrpuZTByjNCC7f0r5OFJP9ra8U2LtcpcK7C', 'changed-it', false],
  ['$2b$09$OLrfKSXQJxohtFnkU.VZCO1gKywaTSFi4KPHqhuyY3qetAbI8v6/S', 'NjJmOWRmMjJmODEyZmQ1NjFhNWVmZmIwOWMwNjk4MmMK', true],
  ['$2b$09$OLrfKSXQJxohtFnkU.VZCO1gKywaTSFi4KPHqhuyY3qetAbI8v6/S', 'nJjMowrMmJjModeYzMq1nJfHnwvMzMiWowmWnJK4mMmk', false],
  ['$2b$14$azbTD0EotrQtoSsxFpbx/.HG8hCAojDFmN4hsD8khuevk/9j0yPlK', 'python 3.9.6; bcrypt 3.2.0', true],
  ['$2a$06$aQVRp5ajsIn3fzx2MnXKy.KlhxFLHaCOh8jSElqCtmYFbRkmTy..C', 'https://bcrypt-generator.com/', true],
  ['$2y$10$flKBxak./o.7Hql0il/98ejdZyob67TmPhHbRy3qOnMtCBosAVSRy', 'php', true],
];

// Provenance: `htpasswd -nbB -C <cost> u <password>` from Debian 12's apache2-utils (APR's bcrypt, an
// implementation independent of both jBCrypt and node's bcrypt), run while writing these tests.
const UNICODE = '$2y$05$rAZdK5oabUZ/DYFGE.FKve0FtvhEo2Ss/r/HbWVaKfnt..tamJV/W'; // 'pässwörd-ünïcödé'
const X100 = '$2y$04$DVlZE67f5gMe6B23b5sMaOn33jTxUdnT4ENaYpEkanSwk1tRreOVW'; // 'x' × 100
const X72 = '$2y$04$CW/hIKMDkH3/KE7le.5wOuIyAnD.JH9Smad3gTS6r8dFw3fiqi.yu'; // 'x' × 72
const E_ACUTE40 = '$2y$04$ROi.xAHJKEiWe8qlDd.FIu0GGFOTp/oh5iTXW2fhF3wHgME9JEZC.'; // 'é' × 40 (80 UTF-8 bytes)

test('verifies the hashes Elasticsearch tests against, from external bcrypt implementations', async () => {
  const results = await Promise.all(ES_EXTERNAL.map(([hash, password]) => check(password, hash)));
  assert.deepEqual(results, ES_EXTERNAL.map(([, , expected]) => expected));
});

test('verifies htpasswd hashes of a non-ASCII password, as UTF-8', async () => {
  assert.equal(await check('pässwörd-ünïcödé', UNICODE), true);
  assert.equal(await check('passwörd-ünïcödé', UNICODE), false);
});

test('only the first 72 bytes count, as in ES (no wrap-around for long passwords under $2a$)', async () => {
  assert.equal(await check('x'.repeat(100), X100), true);
  assert.equal(await check('x'.repeat(72), X100), true);
  assert.equal(await check('x'.repeat(300), X100), true);
  assert.equal(await check('x'.repeat(71), X100), false);
  assert.equal(await check('x'.repeat(72), X72), true);
  assert.equal(await check('é'.repeat(36), E_ACUTE40), true); // 72 bytes
  assert.equal(await check('é'.repeat(35), E_ACUTE40), false);
});

test('reads minor versions a, b and y alike, as ES does', async () => {
  const digest = X100.slice(4);
  for (const minor of ['a', 'b', 'y']) {
    assert.equal(await check('x'.repeat(100), `$2${minor}$${digest}`), true, minor);
  }
  const long = 'é'.repeat(150); // 300 bytes: native $2a$ would wrap its length byte here; ES does not
  const ours = await hashBcrypt(new Secret(long), 4);
  assert.equal(await check(long, ours), true);
  assert.equal(await check(long, '$2b$' + ours.slice(4)), true);
  assert.equal(await check('é'.repeat(36), ours), true);
});

test('writes $2a$ with a two-digit cost, as ES does', async () => {
  const hashed = await hashBcrypt(new Secret('some password'), 5);
  assert.match(hashed, /^\$2a\$05\$[./A-Za-z0-9]{53}$/);
  assert.equal(await check('some password', hashed), true);
  assert.equal(await check('some passwore', hashed), false);
});

test('malformed or unsupported hashes are false, never an exception', async () => {
  const malformed = [
    '',
    '$2a$10$short',
    `$2$10$${BODY}`, // no minor letter: ES does not read it as bcrypt
    `$2x$10$${BODY}`,
    `$2a$03$${BODY}`, // below bcrypt's minimum cost
    `$2a$31$${BODY}`,
    `$2a$1a$${BODY}`,
    `$2a$10$${BODY}x`,
    `$2a$10$${BODY.slice(0, 52)}!`,
    `$2a$10${BODY}`,
  ];
  for (const stored of malformed) assert.equal(await check('x', stored), false, stored);
});

test('declared cost is read as ES reads it: between the prefix and the last 54 characters', () => {
  assert.equal(declaredBcryptCost(`$2a$10$${BODY}`), 10);
  assert.equal(declaredBcryptCost(`$2y$04$${BODY}`), 4);
  assert.equal(declaredBcryptCost(`$2b$15$${BODY}`), 15);
  assert.equal(declaredBcryptCost('$2a$10$short'), null);
  assert.equal(declaredBcryptCost(`$2a$1a$${BODY}`), null);
  assert.equal(declaredBcryptCost(`{PBKDF2}10$${BODY}`), null);
});
