import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterData, mergeData } from './profile-json.ts';

const data = { app1: { theme: 'dark', n: 1, deep: { a: 1, b: 2 } }, app2: { z: 2 }, other: 3 };

test('data keys select applications, dotted paths and wildcards select inside; none selects nothing', () => {
  assert.deepEqual(filterData(data, []), {});
  assert.deepEqual(filterData(data, ['*']), data);
  assert.deepEqual(filterData(data, ['app1']), { app1: data.app1 });
  assert.deepEqual(filterData(data, ['app1.deep.b', 'app2']), { app1: { deep: { b: 2 } }, app2: { z: 2 } });
  assert.deepEqual(filterData(data, ['app*']), { app1: data.app1, app2: data.app2 });
  assert.deepEqual(filterData(data, ['app1.nothing']), {});
});

test('updates merge objects key by key; other values (null too) replace', () => {
  assert.deepEqual(mergeData(data, { app1: { n: null, deep: { c: 3 } }, other: { now: 'object' } }), {
    app1: { theme: 'dark', n: null, deep: { a: 1, b: 2, c: 3 } },
    app2: { z: 2 },
    other: { now: 'object' },
  });
});
