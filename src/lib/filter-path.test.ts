import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterPath } from './filter-path.ts';

const MAIN = { name: 'n', cluster_name: 'c', version: { number: '9.1.5', build_flavor: 'default' }, tagline: 't' };

test('inclusions as ES applies them (GET /?filter_path=version.number on the reference: {"version":{"number":"9.1.5"}})', () => {
  assert.deepEqual(filterPath(MAIN, 'version.number'), { version: { number: '9.1.5' } });
  assert.deepEqual(filterPath(MAIN, 'name,version'), { name: 'n', version: MAIN.version });
  assert.deepEqual(filterPath(MAIN, 'version.*'), { version: MAIN.version });
  assert.deepEqual(filterPath(MAIN, '*name'), { name: 'n', cluster_name: 'c' });
  assert.deepEqual(filterPath(MAIN, 'nothing.here'), {});
  assert.deepEqual(filterPath(MAIN, '**.number'), { version: { number: '9.1.5' } });
  assert.deepEqual(filterPath({ a: { b: { c: 1, d: 2 } } }, 'a.**'), { a: { b: { c: 1, d: 2 } } });
});

test('arrays are transparent; emptied elements are dropped', () => {
  const keys = { api_keys: [{ id: '1', name: 'a' }, { id: '2', name: 'b' }], total: 2 };
  assert.deepEqual(filterPath(keys, 'api_keys.id'), { api_keys: [{ id: '1' }, { id: '2' }] });
  assert.deepEqual(filterPath(keys, 'api_keys.nope'), {});
});

test('exclusions remove what they match, after the inclusions', () => {
  assert.deepEqual(filterPath(MAIN, '-version'), { name: 'n', cluster_name: 'c', tagline: 't' });
  assert.deepEqual(filterPath(MAIN, 'version,-version.build_flavor'), { version: { number: '9.1.5' } });
  assert.deepEqual(filterPath({ a: [{ b: 1, c: 2 }] }, '-a.b'), { a: [{ c: 2 }] });
  assert.deepEqual(filterPath(MAIN, '-**.number'), { ...MAIN, version: { build_flavor: 'default' } });
});
