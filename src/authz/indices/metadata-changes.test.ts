import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mayChangeMetadata } from './metadata-changes.ts';
import type { Resolution } from '../resolve/types.ts';

const r = (kind: Resolution['kind'], action: string, changesMetadata?: boolean): Resolution => ({ kind, action, targets: [], changesMetadata });

test('requests that create, delete, open, close or re-alias indices drop the metadata cache; reads do not', () => {
  for (const action of [
    'indices:admin/create',
    'indices:admin/delete',
    'indices:admin/aliases',
    'indices:admin/rollover',
    'indices:admin/resize',
    'indices:admin/close',
    'indices:admin/open',
    'indices:admin/data_stream/create',
    'indices:admin/data_stream/delete',
    'indices:data/write/reindex',
    'indices:admin/settings/update',
  ]) {
    assert.equal(mayChangeMetadata(r('indices', action), 'PUT'), true, action);
  }
  assert.equal(mayChangeMetadata(r('cluster', 'cluster:admin/snapshot/restore'), 'POST'), true, 'a restore creates indices');
  for (const action of ['indices:data/read/search', 'indices:admin/aliases/get', 'indices:admin/data_stream/get', 'indices:data/write/index', 'cluster:monitor/health']) {
    assert.equal(mayChangeMetadata(r('indices', action), 'GET'), false, action);
  }
  assert.equal(mayChangeMetadata(r('indices', 'indices:data/read/x', true), 'GET'), true, 'the routes table may say so itself');
  assert.equal(mayChangeMetadata(r('unresolved', 'POST /_x'), 'POST'), true, 'what the gateway does not know may change anything');
  assert.equal(mayChangeMetadata(r('unresolved', 'GET /_x'), 'GET'), false);
});
