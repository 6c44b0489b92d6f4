import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLUSTER_PRIVILEGE_NAMES, clusterPrivilegesThatGrant, resolveClusterPrivilege } from './cluster-privileges.ts';
import { INDEX_PRIVILEGE_NAMES, indexPrivilegesThatGrant, isFailureStorePrivilege, resolveIndexPrivilege } from './index-privileges.ts';
import { RolePermission } from '../role-permission.ts';
import { validateRoleDescriptor } from '../roles/role-descriptor-validator.ts';

test('ES 9.1.5 cluster privileges monitor_esql and monitor_stats: known, with their actions', () => {
  assert.ok(resolveClusterPrivilege('monitor_esql'));
  assert.ok(resolveClusterPrivilege('monitor_stats'));
  assert.deepEqual(clusterPrivilegesThatGrant('cluster:monitor/xpack/esql/list_queries'), ['monitor_esql', 'monitor', 'manage', 'all']);
  assert.deepEqual(clusterPrivilegesThatGrant('cluster:monitor/stats[n]'), ['monitor_stats', 'monitor', 'manage', 'all']);
  assert.equal(clusterPrivilegesThatGrant('cluster:monitor/health').includes('monitor_stats'), false);
  assert.deepEqual(validateRoleDescriptor({ cluster: ['monitor_esql', 'monitor_stats'] }), []);
});

test("the cluster privilege list is in ES 9.1.5's order: manage_api_key implies manage_own_api_key", () => {
  const i = (n: string) => CLUSTER_PRIVILEGE_NAMES.indexOf(n);
  // ES: ... manage_watcher, monitor_data_frame_transforms, monitor_transform, manage_api_key, manage_ingest_pipelines ...
  assert.ok(i('monitor_transform') < i('manage_api_key') && i('manage_api_key') < i('manage_ingest_pipelines'));
  assert.ok(i('monitor_esql') < i('monitor_inference') && i('monitor_stats') < i('monitor_text_structure'));
  assert.deepEqual(CLUSTER_PRIVILEGE_NAMES.slice(-4), ['manage_security', 'monitor', 'manage', 'all']);
});

test('failure store index privileges: accepted, granting nothing on data indices', () => {
  for (const n of ['read_failure_store', 'manage_failure_store']) {
    assert.ok(INDEX_PRIVILEGE_NAMES.includes(n));
    assert.equal(isFailureStorePrivilege(n.toUpperCase()), true);
    assert.deepEqual(resolveIndexPrivilege(n), []);
  }
  assert.deepEqual(indexPrivilegesThatGrant('indices:data/read/search').filter(isFailureStorePrivilege), []);
  const names = [...INDEX_PRIVILEGE_NAMES];
  assert.deepEqual(names, [...names].sort());
  const failures = new RolePermission(['r'], [{ indices: [{ names: ['logs-*'], privileges: ['read_failure_store'] }] }]);
  assert.equal(failures.hasIndexPrivilege('logs-1', false, 'read_failure_store'), true);
  assert.equal(failures.hasIndexPrivilege('logs-1', false, 'read'), false);
  assert.equal(failures.hasIndexPrivilege('logs-1', false, 'manage_failure_store'), false);
  const reader = new RolePermission(['r'], [{ indices: [{ names: ['logs-*'], privileges: ['read', 'manage'] }] }]);
  assert.equal(reader.hasIndexPrivilege('logs-1', false, 'read_failure_store'), false);
  assert.equal(reader.hasIndexPrivilege('logs-1', false, 'manage_failure_store'), false);
  const all = new RolePermission(['r'], [{ indices: [{ names: ['logs-*'], privileges: ['all'] }] }]);
  assert.equal(all.hasIndexPrivilege('logs-1', false, 'read_failure_store'), true);
  assert.equal(all.hasIndexPrivilege('other', false, 'read_failure_store'), false);
});
