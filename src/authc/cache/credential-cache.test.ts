import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CredentialCache } from './credential-cache.ts';

function fakeClock(start = 1_000_000) {
  const clock = { t: start, now: () => clock.t };
  return clock;
}

test('a value is kept until its time-to-live has passed since it was written', () => {
  const clock = fakeClock();
  const cache = new CredentialCache<string>({ ttlMs: 1000, maxSize: 10, clock });
  cache.set('joe', 'v1');
  assert.equal(cache.get('joe'), 'v1');
  clock.t += 999;
  assert.equal(cache.get('joe'), 'v1');
  clock.t += 2;
  assert.equal(cache.get('joe'), undefined);
  assert.equal(cache.size, 0, 'an expired entry is dropped when read');
});

test('expiry counts from the write, not from the last read', () => {
  const clock = fakeClock();
  const cache = new CredentialCache<string>({ ttlMs: 1000, maxSize: 10, clock });
  cache.set('joe', 'v1');
  for (let i = 0; i < 9; i++) {
    clock.t += 100;
    assert.equal(cache.get('joe'), 'v1');
  }
  clock.t += 101;
  assert.equal(cache.get('joe'), undefined);
});

test('writing again restarts the time-to-live', () => {
  const clock = fakeClock();
  const cache = new CredentialCache<string>({ ttlMs: 1000, maxSize: 10, clock });
  cache.set('joe', 'v1');
  clock.t += 800;
  cache.set('joe', 'v2');
  clock.t += 800;
  assert.equal(cache.get('joe'), 'v2');
  assert.equal(cache.size, 1);
});

test('beyond the maximum size the least recently used entry is evicted', () => {
  const clock = fakeClock();
  const cache = new CredentialCache<number>({ ttlMs: 60_000, maxSize: 3, clock });
  cache.set('a', 1);
  cache.set('b', 2);
  cache.set('c', 3);
  assert.equal(cache.get('a'), 1, 'reading a makes b the least recently used');
  cache.set('d', 4);
  assert.equal(cache.size, 3);
  assert.equal(cache.get('b'), undefined);
  assert.equal(cache.get('a'), 1);
  assert.equal(cache.get('c'), 3);
  assert.equal(cache.get('d'), 4);

  cache.set('c', 30); // rewriting c makes it the most recent
  cache.set('e', 5); // evicts a (read before c and d were read)
  assert.equal(cache.get('a'), undefined);
  assert.deepEqual(['c', 'd', 'e'].map((k) => cache.get(k)), [30, 4, 5]);
});

test('a cache of size one keeps only the last entry', () => {
  const cache = new CredentialCache<string>({ ttlMs: 1000, maxSize: 1, clock: fakeClock() });
  cache.set('a', 'A');
  cache.set('b', 'B');
  assert.equal(cache.get('a'), undefined);
  assert.equal(cache.get('b'), 'B');
  assert.equal(cache.size, 1);
});

test('delete drops one key; clear drops all', () => {
  const cache = new CredentialCache<string>({ ttlMs: 1000, maxSize: 10, clock: fakeClock() });
  cache.set('joe', 'J');
  cache.set('jane', 'N');
  cache.delete('joe');
  cache.delete('nobody');
  assert.equal(cache.get('joe'), undefined);
  assert.equal(cache.get('jane'), 'N');
  cache.clear();
  assert.equal(cache.size, 0);
  assert.equal(cache.get('jane'), undefined);
});

test('a time-to-live or a maximum size of 0 disables the cache', () => {
  for (const [ttlMs, maxSize] of [
    [0, 10],
    [1000, 0],
    [-1, 10],
  ]) {
    const cache = new CredentialCache<string>({ ttlMs, maxSize, clock: fakeClock() });
    assert.equal(cache.enabled, false, `${ttlMs}/${maxSize}`);
    cache.set('joe', 'J');
    assert.equal(cache.get('joe'), undefined);
    assert.equal(cache.size, 0);
  }
  assert.equal(new CredentialCache({ ttlMs: 1, maxSize: 1, clock: fakeClock() }).enabled, true);
});

test('keys are exact: no case folding or trimming of user names', () => {
  const cache = new CredentialCache<string>({ ttlMs: 1000, maxSize: 10, clock: fakeClock() });
  cache.set('Joe', 'upper');
  assert.equal(cache.get('joe'), undefined);
  assert.equal(cache.get('Joe '), undefined);
  assert.equal(cache.get('Joe'), 'upper');
});
