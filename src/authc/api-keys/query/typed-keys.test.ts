import { test } from 'node:test';
import assert from 'node:assert/strict';
import { typedKeys } from './typed-keys.ts';
import type { Aggregations } from '../../../store/api-key-query.ts';

test('typed_keys names each aggregation type#name, inside buckets too', () => {
  const aggs: Aggregations = {
    names: { kind: 'terms', field: 'name', size: 10, sub: { users: { kind: 'cardinality', field: 'username' } } },
    flags: { kind: 'terms', field: 'invalidated', size: 10, sub: {} },
    dates: { kind: 'range', field: 'creation', ranges: [], dates: true },
    only: { kind: 'filter', filter: { kind: 'all' }, sub: { n: { kind: 'value_count', field: 'id' } } },
  };
  const out = typedKeys(aggs, {
    names: { buckets: [{ key: 'a', doc_count: 1, users: { value: 1 } }] },
    flags: { buckets: [] },
    dates: { buckets: [] },
    only: { doc_count: 3, n: { value: 3 } },
  });
  assert.deepEqual(out, {
    'sterms#names': { buckets: [{ key: 'a', doc_count: 1, 'cardinality#users': { value: 1 } }] },
    'lterms#flags': { buckets: [] },
    'date_range#dates': { buckets: [] },
    'filter#only': { doc_count: 3, 'value_count#n': { value: 3 } },
  });
});
