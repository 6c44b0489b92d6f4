import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Secret } from '../../core/secret.ts';
import { ALGORITHM_NAMES, hashPassword, parseHashAlgorithm, resolveFromHash, verifyPassword, type HashAlgorithm } from './index.ts';

const DISTINCT: readonly HashAlgorithm[] = [...new Set(ALGORITHM_NAMES.map((n) => parseHashAlgorithm(n)!))];
const HASHED = DISTINCT.filter((a) => a.family !== 'noop');
const PASSWORD = 'correct-horse-battery-staple';

test('every algorithm round-trips through hashPassword and verifyPassword; a wrong password fails', async () => {
  await Promise.all(
    HASHED.map(async (algorithm) => {
      const stored = await hashPassword(new Secret(PASSWORD), algorithm);
      assert.equal(resolveFromHash(stored), algorithm, algorithm.name);
      assert.equal(await verifyPassword(new Secret(PASSWORD), stored), true, algorithm.name);
      assert.equal(await verifyPassword(new Secret(PASSWORD + '!'), stored), false, algorithm.name);
      assert.equal(await algorithm.verify(new Secret(PASSWORD), stored), true, algorithm.name);
    }),
  );
});

test('a stored hash never contains the clear password (noop, cache-only, is the exception)', async () => {
  for (const algorithm of HASHED) {
    const stored = await hashPassword(new Secret(PASSWORD), algorithm);
    assert.equal(stored.includes(PASSWORD), false, algorithm.name);
  }
  const noop = parseHashAlgorithm('noop')!;
  assert.equal(noop.forStoredPasswords, false);
  assert.equal(await hashPassword(new Secret(PASSWORD), noop), PASSWORD);
});

test('verifyPassword never treats an unrecognised value as clear text; noop verifies only when asked for', async () => {
  const noop = parseHashAlgorithm('noop')!;
  const stored = await hashPassword(new Secret(PASSWORD), noop);
  assert.equal(await verifyPassword(new Secret(PASSWORD), stored), false);
  assert.equal(await noop.verify(new Secret(PASSWORD), stored), true);
  assert.equal(await noop.verify(new Secret('other'), stored), false);
});

test('an algorithm verifies only its own hashes', async () => {
  const stored = await hashPassword(new Secret(PASSWORD), parseHashAlgorithm('pbkdf2_1000')!);
  assert.equal(await parseHashAlgorithm('pbkdf2_stretch_1000')!.verify(new Secret(PASSWORD), stored), false);
  assert.equal(await parseHashAlgorithm('pbkdf2_50000')!.verify(new Secret(PASSWORD), stored), false);
  assert.equal(await parseHashAlgorithm('ssha256')!.verify(new Secret(PASSWORD), stored), false);
  // bcrypt reads its cost from the hash, as ES's bcrypt hashers do
  const bcrypt4 = await hashPassword(new Secret(PASSWORD), parseHashAlgorithm('bcrypt4')!);
  assert.equal(await parseHashAlgorithm('bcrypt')!.verify(new Secret(PASSWORD), bcrypt4), true);
});

test('malformed stored hashes are false and never throw', async () => {
  const malformed: unknown[] = [
    '', ' ', 'notavalidhashformat', '$2a$', '$2a$10$', '$2a$99$' + 'a'.repeat(53), '$2b$1', '{PBKDF2}',
    '{PBKDF2}10000$$', '{PBKDF2}10000$$$', '{PBKDF2}99999999999$a$b', '{PBKDF2_STRETCH}1000$%%%%$abc', '{SSHA256}',
    '{SSHA256}!!!!!!!!!!!!', '{SHA}', '{MD5}', '\u0000', '\ud800', null, undefined, 42, {},
  ];
  for (const stored of malformed) {
    assert.equal(await verifyPassword(new Secret(PASSWORD), stored as string), false, String(stored));
    assert.doesNotThrow(() => resolveFromHash(stored as string));
    for (const algorithm of DISTINCT) {
      assert.equal(await algorithm.verify(new Secret(PASSWORD), stored as string), false, algorithm.name);
    }
  }
});

test('20 concurrent bcrypt verifications leave the event loop free', async () => {
  const stored = await hashPassword(new Secret(PASSWORD), parseHashAlgorithm('bcrypt')!);
  let ticks = 0;
  let ticksAtFirstResult = -1;
  const timer = setInterval(() => ticks++, 1);
  try {
    const pending = Array.from({ length: 20 }, (_, i) =>
      verifyPassword(new Secret(i % 2 === 0 ? PASSWORD : 'wrong'), stored).then((ok) => {
        if (ticksAtFirstResult === -1) ticksAtFirstResult = ticks;
        return ok;
      }),
    );
    const results = await Promise.all(pending);
    assert.deepEqual(results, Array.from({ length: 20 }, (_, i) => i % 2 === 0));
  } finally {
    clearInterval(timer);
  }
  // Work done on the event loop would starve the timer until it finished: no tick before the first result.
  assert.ok(ticksAtFirstResult >= 1, `ticks before the first result: ${ticksAtFirstResult}`);
  assert.ok(ticks >= 10, `ticks during the verifications: ${ticks}`);
});

test('every algorithm’s verifier agrees with verify; the cheap cache-only ones answer synchronously', async () => {
  const synchronous = new Set(['ssha256', 'sha1', 'md5', 'noop']);
  for (const algorithm of DISTINCT) {
    const stored = await algorithm.hash(new Secret(PASSWORD));
    const verifier = algorithm.verifier(stored);
    const right = verifier(new Secret(PASSWORD));
    const wrong = verifier(new Secret(PASSWORD + '!'));
    assert.equal(typeof right === 'boolean', synchronous.has(algorithm.family), algorithm.name);
    assert.equal(await right, true, algorithm.name);
    assert.equal(await wrong, false, algorithm.name);
  }
});

test('a verifier compiled from a malformed value is false and never throws', async () => {
  for (const stored of ['', '{SSHA256}', '{SSHA256}!!!!!!!!!!!!', '{SHA}', '{MD5}', '\ud800', null, undefined, 42, {}]) {
    for (const algorithm of DISTINCT.filter((a) => a.family !== 'noop')) {
      const verifier = algorithm.verifier(stored as string);
      assert.equal(await verifier(new Secret(PASSWORD)), false, `${algorithm.name} ${String(stored)}`);
    }
  }
});
