import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endAt, keyAt, parseJson, valueAt } from './json-positions.ts';

test('positions of keys and values as ES reports them (1-based line and column of the token)', () => {
  const o = parseJson('{"name":"diff-x","colour":"red"}') as Record<string, unknown>;
  assert.deepEqual(o, { name: 'diff-x', colour: 'red' });
  assert.equal(keyAt(o, 'colour'), '[1:18]');
  assert.equal(valueAt(o, 'name'), '[1:9]');
});

test('nested objects and arrays, escapes and new lines', () => {
  const text = '{\n  "a": ["x\\"]", {"b": 1}],\n  "r": { "c" : [ "m" ] }\n}';
  const o = parseJson(text) as { a: [string, Record<string, unknown>]; r: Record<string, unknown> };
  assert.equal(keyAt(o, 'a'), '[2:3]');
  assert.equal(keyAt(o.a[1], 'b'), '[2:18]');
  assert.equal(keyAt(o, 'r'), '[3:3]');
  assert.equal(valueAt(o.r, 'c'), '[3:16]');
  assert.equal(endAt(o.r), '[3:24]');
  assert.equal(endAt(o), '[4:1]');
});

test('objects not parsed here fall back to [1:2]; invalid JSON throws as JSON.parse', () => {
  assert.equal(keyAt({ a: 1 }, 'a'), '[1:2]');
  assert.equal(keyAt(parseJson('{"a":1}'), 'zz'), '[1:2]');
  assert.throws(() => parseJson('{"a":'), SyntaxError);
  assert.equal(parseJson('5'), 5);
});
