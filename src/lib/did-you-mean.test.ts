import { test } from 'node:test';
import assert from 'node:assert/strict';
import { didYouMean, similarity } from './did-you-mean.ts';

test('suggestions as Elasticsearch makes them (its own test cases)', () => {
  assert.equal(didYouMean('foo', []), '');
  assert.equal(didYouMean('foo', ['bar', 'baz']), '');
  assert.equal(didYouMean('foo', ['bar', 'fop']), ' did you mean [fop]?');
  assert.equal(didYouMean('foo', ['bar', 'fop', 'fou', 'baz']), ' did you mean any of [fop, fou]?');
  assert.equal(didYouMean('id', ['ids', 'name', 'owner', 'realm_name', 'username']), ' did you mean [ids]?');
});

test('similarity is 1 - distance / longer length', () => {
  assert.equal(similarity('id', 'ids'), 1 - 1 / 3);
  assert.equal(similarity('', ''), 1);
  assert.equal(similarity('abc', 'xyz'), 0);
});
