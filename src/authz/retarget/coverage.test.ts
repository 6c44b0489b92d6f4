import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RoleDescriptor } from '../../core/role-descriptor.ts';
import { RolePermission } from '../role-permission.ts';
import { LimitedPermission } from '../limited-permission.ts';
import { RESERVED_ROLES } from '../roles/reserved-roles.ts';
import { SCRIPT_WRITE_ACTIONS, PIPELINE_WRITE_ACTIONS } from './check.ts';

const perm = (...ds: RoleDescriptor[]) => new RolePermission(ds.map((_, i) => `r${i}`), ds);
const everywhere = (privileges: string[], extra: { query?: string; field_security?: { grant: string[] } } = {}) =>
  perm({ indices: [{ names: ['*'], privileges, ...extra }] });

test('coversEveryIndex: the superuser and `all` on * cover every write', () => {
  const superuser = new RolePermission(['superuser'], [RESERVED_ROLES.superuser!]);
  assert.equal(superuser.coversEveryIndex(SCRIPT_WRITE_ACTIONS), true);
  assert.equal(everywhere(['all']).coversEveryIndex(SCRIPT_WRITE_ACTIONS), true);
  assert.equal(perm({ indices: [{ names: ['/.*/'], privileges: ['all'], allow_restricted_indices: true }] }).coversEveryIndex(SCRIPT_WRITE_ACTIONS), true);
  // write + create_index cover what a script may do; write alone cannot auto-create the index a script names
  assert.equal(everywhere(['write', 'create_index']).coversEveryIndex(SCRIPT_WRITE_ACTIONS), true);
  assert.equal(everywhere(['write']).coversEveryIndex(SCRIPT_WRITE_ACTIONS), false);
  assert.equal(everywhere(['index', 'create_index']).coversEveryIndex(PIPELINE_WRITE_ACTIONS), true);
  assert.equal(everywhere(['index', 'create_index']).coversEveryIndex(SCRIPT_WRITE_ACTIONS), false, 'index does not grant delete');
});

test('coversEveryIndex: patterns short of every name and DLS/FLS do not cover', () => {
  assert.equal(perm({ indices: [{ names: ['logs-*'], privileges: ['all'], allow_restricted_indices: true }] }).coversEveryIndex(['indices:data/write/index']), false);
  assert.equal(perm({ indices: [{ names: ['*'], privileges: ['all'] }] }).coversEveryIndex(['indices:data/write/index']), true, 'restricted names are not required (the superuser has no writes there)');
  assert.equal(perm({ indices: [{ names: ['.*', '*'], privileges: ['read'] }] }).coversEveryIndex(['indices:data/write/index']), false);
  assert.equal(perm({ indices: [{ names: ['a*', 'b*', '*x'], privileges: ['all'], allow_restricted_indices: true }] }).coversEveryIndex(['indices:data/write/index']), false);
  assert.equal(everywhere(['all'], { query: '{"term":{"a":1}}' }).coversEveryIndex(['indices:data/write/index']), false);
  assert.equal(everywhere(['all'], { field_security: { grant: ['a'] } }).coversEveryIndex(['indices:data/write/index']), false);
  assert.equal(perm({}).coversEveryIndex(['indices:data/write/index']), false);
  // actions may come from different groups that each reach every name
  const split = perm(
    { indices: [{ names: ['*'], privileges: ['write'], allow_restricted_indices: true }] },
    { indices: [{ names: ['**'], privileges: ['create_index'], allow_restricted_indices: true }] },
  );
  assert.equal(split.coversEveryIndex(SCRIPT_WRITE_ACTIONS), true);
});

test('coversEveryIndex of an API key: both its own descriptors and its limited-by roles must cover', () => {
  const all = everywhere(['all']);
  const narrow = perm({ indices: [{ names: ['logs-*'], privileges: ['all'] }] });
  assert.equal(new LimitedPermission(all, all).coversEveryIndex(SCRIPT_WRITE_ACTIONS), true);
  assert.equal(new LimitedPermission(narrow, all).coversEveryIndex(SCRIPT_WRITE_ACTIONS), false, 'a key limited to logs-* by its own descriptors');
  assert.equal(new LimitedPermission(all, narrow).coversEveryIndex(SCRIPT_WRITE_ACTIONS), false, 'a key of an owner limited to logs-*');
});
