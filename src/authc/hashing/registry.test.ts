import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALGORITHM_NAMES, parseHashAlgorithm, resolveFromHash } from './index.ts';

// ES's Hasher enum, lower-cased, without the unsalted `sha256` that ES never resolves by name.
const ES_NAMES = [
  'bcrypt', 'bcrypt4', 'bcrypt5', 'bcrypt6', 'bcrypt7', 'bcrypt8', 'bcrypt9', 'bcrypt10', 'bcrypt11', 'bcrypt12',
  'bcrypt13', 'bcrypt14', 'pbkdf2', 'pbkdf2_1000', 'pbkdf2_10000', 'pbkdf2_50000', 'pbkdf2_100000', 'pbkdf2_500000',
  'pbkdf2_1000000', 'pbkdf2_stretch', 'pbkdf2_stretch_1000', 'pbkdf2_stretch_10000', 'pbkdf2_stretch_50000',
  'pbkdf2_stretch_100000', 'pbkdf2_stretch_500000', 'pbkdf2_stretch_1000000', 'sha1', 'md5', 'ssha256', 'noop',
];

const nameOf = (name: string) => parseHashAlgorithm(name)?.name ?? null;

test('ALGORITHM_NAMES lists ES names in ES order, and each one parses', () => {
  assert.deepEqual([...ALGORITHM_NAMES], ES_NAMES);
  for (const name of ALGORITHM_NAMES) assert.notEqual(parseHashAlgorithm(name), null, name);
});

test('parses case-insensitively; default-cost names and clear_text are aliases', () => {
  assert.equal(nameOf('BCRYPT'), 'bcrypt');
  assert.equal(parseHashAlgorithm('BCrypt12')?.cost, 12);
  assert.equal(parseHashAlgorithm('bcrypt10'), parseHashAlgorithm('bcrypt'));
  assert.equal(parseHashAlgorithm('PBKDF2_10000'), parseHashAlgorithm('pbkdf2'));
  assert.equal(parseHashAlgorithm('pbkdf2_stretch_10000'), parseHashAlgorithm('pbkdf2_stretch'));
  assert.equal(parseHashAlgorithm('Clear_Text'), parseHashAlgorithm('noop'));
  assert.equal(parseHashAlgorithm('pbkdf2')?.cost, 10000);
  assert.equal(parseHashAlgorithm('pbkdf2_stretch_1000000')?.family, 'pbkdf2_stretch');
});

test('unknown names are null', () => {
  for (const name of ['', 'sha256', 'bcrypt3', 'bcrypt15', 'pbkdf2_2000', 'pbkdf2_stretch_5', 'argon2', ' bcrypt']) {
    assert.equal(parseHashAlgorithm(name), null, name);
  }
});

test('usage flags follow ES lists: stored passwords, stored tokens, cache', () => {
  const where = (flag: 'forStoredPasswords' | 'forStoredTokens' | 'forCache') =>
    ALGORITHM_NAMES.filter((n) => parseHashAlgorithm(n)?.[flag]);
  const storedPasswords = ES_NAMES.filter((n) => n.startsWith('bcrypt') || n.startsWith('pbkdf2'));
  assert.deepEqual(where('forStoredPasswords'), storedPasswords);
  assert.deepEqual(where('forStoredTokens'), [...storedPasswords, 'ssha256']);
  assert.deepEqual(where('forCache'), ES_NAMES);
  assert.equal(parseHashAlgorithm('noop')?.forStoredPasswords, false);
});

// Provenance: Elasticsearch's HasherTests#testResolveFromHash (hash strings and the hasher each resolves to).
const ES_RESOLVE: readonly (readonly [string, string])[] = [
  ['$2a$10$1oZj.8KmlwiCy4DWKvDH3OU0Ko4WRF4FknyvCh3j/ZtaRCNYA6Xzm', 'bcrypt'],
  ['$2a$04$GwJtIQiGMHASEYphMiCpjeZh1cDyYC5U.DKfNKa4i/y0IbOvc2LiG', 'bcrypt4'],
  ['$2a$05$xLmwSB7Nw7PcqP.6hXdc4eUZbT.4.iAZ3CTPzSaUibrrYjC6Vwq1m', 'bcrypt5'],
  ['$2a$09$.VCWA3yFVdd6gfI526TUrufb4TvxMuhW0jIuMfhd4/fy1Ak/zrSFe', 'bcrypt9'],
  ['$2a$14$lFyXmX7p9/FHr7W4nxTnfuCkjAoBHv6awQlv8jlKZ/YCMI65i38e6', 'bcrypt14'],
  ['{PBKDF2}1000$oNl3JWiDZhXqhrpk9Kl+T0tKpVNNV3UHNxENPePpo2M=$g9lERDX5op20eX534bHdQy7ySRwobxwtaxxsz3AYPIU=', 'pbkdf2_1000'],
  ['{PBKDF2}10000$UrwrHBY4GA1na9KxRpoFkUiICTeZe+mMZCZOg6bRSLc=$1Wl32wRQ9Q3Sv1IFoNwgSrUa5YifLv0MoxAO6leyip8=', 'pbkdf2'],
  ['{PBKDF2}1000000$UuyhtjDEzWmE2wyY80akZKPWWpy2r2X50so41YML82U=$WFasYLelqbjQwt3EqFlUcwHiC38EZC45Iu/Iz0xL1GQ=', 'pbkdf2_1000000'],
  [
    '{PBKDF2_STRETCH}1000$sTyix9e0zNINzq2aDZ+GD5+QlO94xVyf/bv4pWNhBxo=$4KuzGPy9HXnhY3ANHn8rcIRQuJHPB6cEtLwnOhDI5d4=',
    'pbkdf2_stretch_1000',
  ],
  [
    '{PBKDF2_STRETCH}10000$8M9+Ww0xkdY250CROEutsd8UP6CrJESw7ZAFu1NGORo=$ai0gxBPtHTfZU/nbNGwL5zjC+eo2/ANQM17L/tllVeo=',
    'pbkdf2_stretch',
  ],
  [
    '{PBKDF2_STRETCH}500000$4dpTEbu4jfjhDOjWY6xdsnxuQs4dg4QbNzZJ0Z1Tm4s=$Us/yrlCxVaW7mz0go1qIygFqGgcfUMgCZfIl2AvI4I8=',
    'pbkdf2_stretch_500000',
  ],
];

test('resolveFromHash reads the algorithm from the prefix and declared cost, as ES does', () => {
  for (const [hash, name] of ES_RESOLVE) assert.equal(resolveFromHash(hash)?.name, name, hash);
  assert.equal(resolveFromHash('$2y$12$0313KXrdhWp6HLREsKxW/OWJQCxy2uYprv44b8MBk6dOj3PY6WSFG')?.name, 'bcrypt12');
  assert.equal(resolveFromHash('{SHA}F/WZ9PxtuIpP2yyadrWdU4eK0og=')?.name, 'sha1');
  assert.equal(resolveFromHash('{MD5}/xLPwn16Kxbx8lcgISJZEQ==')?.name, 'md5');
  assert.equal(resolveFromHash('{SSHA256}ADhzos8yK4A=XiXVilKfO3rLUgmFqIapRvAWvDdNU0XrISiUO33GIF0=')?.name, 'ssha256');
  assert.equal(resolveFromHash('{PBKDF2}01000$x$y')?.name, 'pbkdf2_1000'); // Integer.parseInt reads 1000
});

test('resolveFromHash is null where ES answers NOOP or cannot resolve', () => {
  const body = '1oZj.8KmlwiCy4DWKvDH3OU0Ko4WRF4FknyvCh3j/ZtaRCNYA6Xzm';
  const unresolved = [
    'notavalidhashformat', // ES: NOOP (compared as clear text); here: not a hash
    '',
    '$2$10$' + body,
    '$2a$15$' + body, // ES has no bcrypt15 hasher
    '$2a$03$' + body,
    '$2a$10$short',
    '{PBKDF2}2000$c2FsdHNhbHQ=$abc', // ES has no pbkdf2_2000 hasher
    '{PBKDF2}10000',
    '{PBKDF2}ten$a$b',
    '{pbkdf2}10000$a$b',
    '{SHA256}XohImNooBHFR0OVvjcYpJ3NgPQ1qq73WKhHvch0VQtg=',
  ];
  for (const hash of unresolved) assert.equal(resolveFromHash(hash), null, hash);
});
