import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedMap } from './bounded-map.ts';

test('keeps at most maxSize entries, evicting the least recently used', () => {
  const map = new BoundedMap<string, number>(2);
  map.set('a', 1);
  map.set('b', 2);
  assert.equal(map.get('a'), 1); // a is now the most recent
  map.set('c', 3); // evicts b
  assert.equal(map.size, 2);
  assert.equal(map.get('b'), undefined);
  assert.equal(map.get('a'), 1);
  assert.equal(map.get('c'), 3);
});

test('setting an existing key replaces its value and refreshes it', () => {
  const map = new BoundedMap<string, number>(2);
  map.set('a', 1);
  map.set('b', 2);
  map.set('a', 10);
  map.set('c', 3); // evicts b, not a
  assert.equal(map.get('a'), 10);
  assert.equal(map.get('b'), undefined);
});

test('delete and clear remove entries; size zero keeps nothing', () => {
  const map = new BoundedMap<string, number>(3);
  map.set('a', 1);
  map.set('b', 2);
  map.delete('a');
  assert.equal(map.get('a'), undefined);
  assert.equal(map.size, 1);
  map.clear();
  assert.equal(map.size, 0);
  const none = new BoundedMap<string, number>(0);
  none.set('a', 1);
  assert.equal(none.get('a'), undefined);
  assert.equal(none.size, 0);
});

test('an entry used while many others are placed after it is never the one evicted', () => {
  const map = new BoundedMap<string, number>(100);
  map.set('hot', 0);
  for (let i = 0; i < 1000; i++) {
    map.set(`cold${i}`, i);
    assert.equal(map.get('hot'), 0, `after ${i} insertions`);
  }
  assert.equal(map.size, 100);
  assert.equal(map.get('cold0'), undefined);
  assert.equal(map.get('cold999'), 999);
});
