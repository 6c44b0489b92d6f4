import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Secret } from '../../core/secret.ts';
import { makeUser, type User } from '../../core/user.ts';
import { parseHashAlgorithm, type HashAlgorithm } from '../hashing/index.ts';
import { success, unsuccessful, type AuthenticationResult } from '../realm.ts';
import { CachingAuthenticator } from './caching-authenticator.ts';

const SSHA256 = parseHashAlgorithm('ssha256')!;
const TTL = 20 * 60_000;

interface Account {
  password: string;
  user: User;
}

/** A fake realm backend: an account table, a call log, and an optional gate holding verifications in flight. */
function harness(opts: { ttlMs?: number; maxUsers?: number; hashAlgo?: HashAlgorithm } = {}) {
  const clock = { t: 1_700_000_000_000, now: () => clock.t };
  const accounts = new Map<string, Account>();
  const calls: { username: string; password: string }[] = [];
  let gate: Promise<void> | null = null;
  let failWith: Error | null = null;
  const verify = async (username: string, password: Secret): Promise<AuthenticationResult> => {
    calls.push({ username, password: password.reveal() });
    // The backend reads the account when the call starts; the gate only delays the answer.
    const error = failWith;
    const a = accounts.get(username);
    const result = !a
      ? unsuccessful(`the user [${username}] was not found`)
      : a.password !== password.reveal()
        ? unsuccessful(`password authentication failed for [${username}]`)
        : success(a.user);
    if (gate) await gate;
    if (error) throw error;
    return result;
  };
  const auth = new CachingAuthenticator({ ttlMs: opts.ttlMs ?? TTL, maxUsers: opts.maxUsers ?? 100, hashAlgo: opts.hashAlgo ?? SSHA256 }, clock, verify);
  return {
    clock,
    accounts,
    calls,
    auth,
    add(username: string, password: string, fields: Partial<Omit<User, 'username'>> = {}) {
      accounts.set(username, { password, user: makeUser(username, { roles: ['r'], ...fields }) });
    },
    login: (username: string, password: string) => auth.authenticate(username, new Secret(password)),
    callsFor: (username: string) => calls.filter((c) => c.username === username).length,
    /** Holds every verification until the returned function is called. */
    hold(): () => void {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return () => {
        gate = null;
        release();
      };
    },
    failNextWith(e: Error | null) {
      failWith = e;
    },
  };
}

/** Lets pending promise callbacks run (hashing in the cache path is asynchronous). */
const settle = () => new Promise<void>((r) => setImmediate(r));

test('a success is cached: the same password again is answered without the backend', async () => {
  const h = harness();
  h.add('joe', 's3krit-password');
  const first = await h.login('joe', 's3krit-password');
  assert.equal(first.status, 'success');
  const second = await h.login('joe', 's3krit-password');
  assert.equal(second.status, 'success');
  assert.equal(second.status === 'success' && second.user.username, 'joe');
  assert.deepEqual(second, first);
  assert.equal(h.calls.length, 1);
  assert.equal(h.auth.size, 1);
});

test('an entry expires after the time-to-live since the verification', async () => {
  const h = harness();
  h.add('joe', 'pw-123456');
  await h.login('joe', 'pw-123456');
  h.clock.t += TTL - 1;
  assert.equal((await h.login('joe', 'pw-123456')).status, 'success');
  assert.equal(h.calls.length, 1);
  h.clock.t += 2;
  assert.equal((await h.login('joe', 'pw-123456')).status, 'success');
  assert.equal(h.calls.length, 2, 'expired: verified again');
  assert.equal((await h.login('joe', 'pw-123456')).status, 'success');
  assert.equal(h.calls.length, 2, 'and cached again');
});

test('only successes are cached: a failing verification is repeated every time', async () => {
  const h = harness();
  h.add('joe', 'right-password');
  for (let i = 1; i <= 3; i++) {
    const r = await h.login('joe', 'wrong-password');
    assert.deepEqual(r, { status: 'continue', message: 'password authentication failed for [joe]' });
    assert.equal(h.calls.length, i);
  }
  for (let i = 4; i <= 5; i++) {
    assert.equal((await h.login('nobody', 'whatever')).status, 'continue');
    assert.equal(h.calls.length, i);
  }
  assert.equal(h.auth.size, 0);
});

test('a cached entry answers only its own password: a wrong one goes to the backend, the right one still does not', async () => {
  const h = harness();
  h.add('joe', 'right-password');
  await h.login('joe', 'right-password');
  assert.equal(h.calls.length, 1);

  const wrong = await h.login('joe', 'wrong-password');
  assert.equal(wrong.status, 'continue');
  assert.equal(h.calls.length, 2, 'the wrong password was checked by the backend');
  assert.deepEqual(h.calls[1], { username: 'joe', password: 'wrong-password' });

  assert.equal((await h.login('joe', 'right-password')).status, 'success');
  assert.equal(h.calls.length, 2, 'the cached entry survived the wrong attempt');
  assert.equal((await h.login('joe', 'right-password ')).status, 'continue', 'no trimming: a trailing space is another password');
  assert.equal((await h.login('JOE', 'right-password')).status, 'continue', 'user names are exact');
});

test('after a password change in the backend, the new password replaces the cached one', async () => {
  const h = harness();
  h.add('joe', 'old-password');
  await h.login('joe', 'old-password');
  h.add('joe', 'new-password'); // changed elsewhere, cache not told
  assert.equal((await h.login('joe', 'new-password')).status, 'success');
  assert.equal(h.calls.length, 2);
  assert.equal((await h.login('joe', 'new-password')).status, 'success');
  assert.equal(h.calls.length, 2, 'the new password is now cached');
  assert.equal((await h.login('joe', 'old-password')).status, 'continue', 'the old password is no longer honoured from the cache');
  assert.equal(h.calls.length, 3);
});

test('50 concurrent first attempts for one user share one backend verification', async () => {
  const h = harness();
  h.add('joe', 's3krit-password');
  const release = h.hold();
  const attempts = Array.from({ length: 50 }, () => h.login('joe', 's3krit-password'));
  await settle();
  assert.equal(h.calls.length, 1, 'only one verification is in flight');
  release();
  const results = await Promise.all(attempts);
  assert.equal(h.calls.length, 1);
  for (const r of results) assert.equal(r.status === 'success' && r.user.username, 'joe');
});

test('concurrent attempts with different passwords are each judged on their own password', async () => {
  const h = harness();
  h.add('joe', 'right-password');
  const release = h.hold();
  const right = Array.from({ length: 10 }, () => h.login('joe', 'right-password'));
  const wrong = Array.from({ length: 10 }, () => h.login('joe', 'wrong-password'));
  await settle();
  release();
  assert.deepEqual((await Promise.all(right)).map((r) => r.status), Array(10).fill('success'));
  assert.deepEqual((await Promise.all(wrong)).map((r) => r.status), Array(10).fill('continue'));
  assert.equal(h.calls.filter((c) => c.password === 'right-password').length, 1);
});

test('concurrent attempts for different users do not wait for each other or share results', async () => {
  const h = harness();
  h.add('joe', 'joe-password');
  h.add('jane', 'jane-password');
  const [joe, jane] = await Promise.all([h.login('joe', 'joe-password'), h.login('jane', 'jane-password')]);
  assert.equal(joe.status === 'success' && joe.user.username, 'joe');
  assert.equal(jane.status === 'success' && jane.user.username, 'jane');
  assert.equal(h.callsFor('joe'), 1);
  assert.equal(h.callsFor('jane'), 1);
  assert.equal((await h.login('jane', 'joe-password')).status, 'continue');
});

test('invalidate(user) drops that user only; invalidate() drops everyone', async () => {
  const h = harness();
  h.add('joe', 'joe-password');
  h.add('jane', 'jane-password');
  await h.login('joe', 'joe-password');
  await h.login('jane', 'jane-password');
  assert.equal(h.auth.size, 2);

  h.auth.invalidate(['joe']);
  assert.equal(h.auth.size, 1);
  await h.login('joe', 'joe-password');
  await h.login('jane', 'jane-password');
  assert.equal(h.callsFor('joe'), 2, 'joe verified again');
  assert.equal(h.callsFor('jane'), 1, 'jane still cached');

  h.auth.invalidate(['nobody']);
  h.auth.invalidate([]);
  await h.login('jane', 'jane-password');
  assert.equal(h.callsFor('jane'), 1);

  h.auth.invalidate();
  assert.equal(h.auth.size, 0);
  await h.login('joe', 'joe-password');
  await h.login('jane', 'jane-password');
  assert.equal(h.callsFor('joe'), 3);
  assert.equal(h.callsFor('jane'), 2);
});

test('after invalidate, a removed password is no longer accepted from the cache', async () => {
  const h = harness();
  h.add('joe', 'old-password');
  await h.login('joe', 'old-password');
  h.add('joe', 'new-password');
  h.auth.invalidate(['joe']);
  assert.equal((await h.login('joe', 'old-password')).status, 'continue');
});

test('a verification in flight when invalidate() happens is not cached afterwards', async () => {
  for (const invalidate of [(h: ReturnType<typeof harness>) => h.auth.invalidate(['joe']), (h: ReturnType<typeof harness>) => h.auth.invalidate()]) {
    const h = harness();
    h.add('joe', 'old-password');
    const release = h.hold();
    const inFlight = h.login('joe', 'old-password');
    await settle();
    h.add('joe', 'new-password'); // the password changes while the old one is being checked...
    invalidate(h); // ...and the change invalidates the cache
    release();
    assert.equal((await inFlight).status, 'success', 'the in-flight attempt answers with what it saw');
    assert.equal(h.auth.size, 0, 'but its result is not cached');
    assert.equal((await h.login('joe', 'old-password')).status, 'continue', 'the old password is refused');
    assert.equal(h.calls.length, 2);
  }
});

test('an attempt arriving after invalidate() does not reuse a verification that started before it', async () => {
  const h = harness();
  h.add('joe', 'old-password');
  const release = h.hold();
  const before = h.login('joe', 'old-password');
  await settle();
  h.add('joe', 'new-password');
  h.auth.invalidate(['joe']);
  const after = h.login('joe', 'old-password');
  await settle();
  release();
  assert.equal((await before).status, 'success');
  assert.equal((await after).status, 'continue');
  assert.equal(h.calls.length, 2);
});

test('a disabled user is never answered as a success from the cache', async () => {
  const h = harness();
  h.add('joe', 'pw-123456', { enabled: false });
  await h.login('joe', 'pw-123456');
  const again = await h.login('joe', 'pw-123456');
  if (again.status === 'success') assert.equal(h.calls.length, 2, 'a success for a disabled user must come from the backend');
  else assert.deepEqual(again, { status: 'continue', message: 'user [joe] is disabled' });
});

test('a failure of the backend is passed on and not cached', async () => {
  const h = harness();
  h.add('joe', 'pw-123456');
  h.failNextWith(new Error('store unavailable'));
  await assert.rejects(h.login('joe', 'pw-123456'), /store unavailable/);
  h.failNextWith(null);
  assert.equal((await h.login('joe', 'pw-123456')).status, 'success');
  assert.equal(h.calls.length, 2);
});

test('max users bounds the cache: the least recently used user is verified again', async () => {
  const h = harness({ maxUsers: 2 });
  for (const u of ['a', 'b', 'c']) h.add(u, `${u}-password`);
  await h.login('a', 'a-password');
  await h.login('b', 'b-password');
  await h.login('a', 'a-password'); // a is now the most recently used
  await h.login('c', 'c-password'); // evicts b
  assert.equal(h.auth.size, 2);
  await h.login('a', 'a-password');
  await h.login('c', 'c-password');
  assert.deepEqual([h.callsFor('a'), h.callsFor('c')], [1, 1]);
  await h.login('b', 'b-password');
  assert.equal(h.callsFor('b'), 2);
});

test('a time-to-live of 0 disables caching: every attempt is verified', async () => {
  const h = harness({ ttlMs: 0 });
  h.add('joe', 'pw-123456');
  for (let i = 1; i <= 3; i++) {
    assert.equal((await h.login('joe', 'pw-123456')).status, 'success');
    assert.equal(h.calls.length, i);
  }
  assert.equal(h.auth.size, 0);
});

test('every cache hash algorithm ES allows (noop included) lets a cached entry be reused', async () => {
  for (const name of ['noop', 'ssha256', 'sha1', 'md5', 'pbkdf2_1000', 'bcrypt4']) {
    const h = harness({ hashAlgo: parseHashAlgorithm(name)! });
    h.add('joe', 'pw-123456');
    await h.login('joe', 'pw-123456');
    assert.equal((await h.login('joe', 'pw-123456')).status, 'success', name);
    assert.equal(h.calls.length, 1, name);
  }
});

test('concurrent attempts with the same wrong password share the one failed verification', async () => {
  const h = harness();
  h.add('joe', 'right-password');
  const release = h.hold();
  const attempts = Array.from({ length: 50 }, () => h.login('joe', 'wrong-password'));
  await settle();
  release();
  const results = await Promise.all(attempts);
  assert.ok(results.every((r) => r.status === 'continue'));
  assert.equal(h.calls.length, 1);
});
