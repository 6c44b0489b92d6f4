import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RoleDescriptor } from '../core/role-descriptor.ts';
import { RolePermission } from './role-permission.ts';
import { LimitedPermission } from './limited-permission.ts';
import { RESERVED_ROLES } from './roles/reserved-roles.ts';

const perm = (...ds: RoleDescriptor[]) => new RolePermission(ds.map((_, i) => `r${i}`), ds);

test('cluster privileges: named, raw action patterns, manage excludes security', () => {
  const p = perm({ cluster: ['monitor', 'cluster:admin/xpack/security/user/get'] });
  assert.equal(p.cluster('cluster:monitor/health'), true);
  assert.equal(p.cluster('cluster:admin/xpack/security/user/get'), true);
  assert.equal(p.cluster('cluster:admin/xpack/security/user/put'), false);
  const m = perm({ cluster: ['manage'] });
  assert.equal(m.cluster('cluster:admin/settings/update'), true);
  assert.equal(m.cluster('cluster:admin/xpack/security/user/put'), false);
  assert.equal(perm({ cluster: ['manage_security'] }).cluster('cluster:admin/xpack/security/user/put'), true);
  assert.equal(perm({ cluster: ['read_security'] }).cluster('cluster:admin/xpack/security/role/get'), true);
  assert.equal(perm({ cluster: ['read_security'] }).cluster('cluster:admin/xpack/security/role/put'), false);
  assert.equal(perm({}).cluster('cluster:monitor/health'), false);
});

test('manage_own_api_key grants API key actions only for own keys', () => {
  const p = perm({ cluster: ['manage_own_api_key'] });
  assert.equal(p.cluster('cluster:admin/xpack/security/api_key/create'), false);
  assert.equal(p.clusterIfOwnApiKey('cluster:admin/xpack/security/api_key/create'), true);
  assert.equal(p.clusterIfOwnApiKey('cluster:admin/xpack/security/user/get'), false);
});

test('index privileges: wildcards, regex names, restricted indices', () => {
  const p = perm({
    indices: [
      { names: ['logs-*'], privileges: ['read'] },
      { names: ['/metrics-[0-9]+/'], privileges: ['write'] },
      { names: ['.security*'], privileges: ['view_index_metadata'], allow_restricted_indices: true },
    ],
  });
  assert.equal(p.index('indices:data/read/search', 'logs-1', false), true);
  assert.equal(p.index('indices:data/write/index', 'logs-1', false), false);
  assert.equal(p.index('indices:data/write/bulk[s]', 'metrics-42', false), true);
  assert.equal(p.index('indices:data/write/bulk[s]', 'metrics-x', false), false);
  assert.equal(p.index('indices:admin/get', '.security-7', true), true);
  assert.equal(p.index('indices:data/read/search', '.security-7', true), false);
  const star = perm({ indices: [{ names: ['*'], privileges: ['all'] }] });
  assert.equal(star.index('indices:data/read/search', 'anything', false), true);
  assert.equal(star.index('indices:data/read/search', '.security-7', true), false, 'restricted names need allow_restricted_indices');
});

test('run_as and DLS/FLS', () => {
  const p = perm({ run_as: ['test-*'], indices: [{ names: ['secret'], privileges: ['read'], query: '{"match_all":{}}' }] });
  assert.equal(p.runAs('test-1'), true);
  assert.equal(p.runAs('root'), false);
  assert.equal(p.restrictsDocumentsOrFields('indices:data/read/search', 'secret'), true);
  const both = perm({ indices: [{ names: ['secret'], privileges: ['read'], query: '{"match_all":{}}' }] }, { indices: [{ names: ['*'], privileges: ['read'] }] });
  assert.equal(both.restrictsDocumentsOrFields('indices:data/read/search', 'secret'), false, 'an unrestricted role wins');
});

test('built-in roles: superuser, viewer, editor, kibana_system', () => {
  const su = new RolePermission(['superuser'], [RESERVED_ROLES.superuser]);
  assert.equal(su.cluster('cluster:admin/xpack/security/user/put'), true);
  assert.equal(su.index('indices:admin/create', 'x', false), true);
  assert.equal(su.index('indices:data/read/search', '.security', true), true);
  assert.equal(su.index('indices:data/write/index', '.security', true), false);
  assert.equal(su.runAs('anyone'), true);
  const viewer = new RolePermission(['viewer'], [RESERVED_ROLES.viewer]);
  assert.equal(viewer.index('indices:data/read/search', 'logs', false), true);
  assert.equal(viewer.index('indices:data/read/search', '.kibana', false), false);
  assert.equal(viewer.index('indices:data/write/index', 'logs', false), false);
  assert.equal(viewer.cluster('cluster:admin/xpack/security/user/put'), false);
  const editor = new RolePermission(['editor'], [RESERVED_ROLES.editor]);
  assert.equal(editor.index('indices:data/write/index', '.alerts-x', false), true);
  const ks = new RolePermission(['kibana_system'], [RESERVED_ROLES.kibana_system]);
  assert.equal(ks.cluster('cluster:monitor/health'), true);
  assert.equal(ks.index('indices:data/write/index', '.kibana_1', true), true);
  assert.equal(ks.index('indices:admin/rollover', 'metrics-x', false), true);
  assert.equal(ks.index('indices:admin/rollover', 'metrics-endpoint.metadata_current_default-1', false), false);
  const mu = new RolePermission(['monitoring_user'], [RESERVED_ROLES.monitoring_user]);
  assert.equal(mu.index('indices:data/read/search', 'metrics-kibana.stack', false), true);
  assert.equal(mu.index('indices:data/read/search', 'metrics-system', false), false);
  for (const [name, d] of Object.entries(RESERVED_ROLES)) assert.equal(d.metadata?._reserved, true, name);
});

test('API keys: the intersection of the key role descriptors and limited_by', () => {
  const limitedBy = perm({ cluster: ['monitor', 'manage_security'], indices: [{ names: ['logs-*'], privileges: ['all'] }] });
  const key = perm({ cluster: ['all'], indices: [{ names: ['*'], privileges: ['read'] }] });
  const p = new LimitedPermission(key, limitedBy);
  assert.equal(p.cluster('cluster:monitor/health'), true);
  assert.equal(p.cluster('cluster:admin/settings/update'), false);
  assert.equal(p.index('indices:data/read/search', 'logs-1', false), true);
  assert.equal(p.index('indices:data/write/index', 'logs-1', false), false);
  assert.equal(p.index('indices:data/read/search', 'other', false), false);
  assert.equal(p.hasClusterPrivilege('monitor'), true);
  assert.equal(p.hasClusterPrivilege('manage'), false);
});

test('has_privileges checks: implied cluster privileges, index patterns, applications', () => {
  const p = new RolePermission(
    ['r'],
    [
      {
        cluster: ['manage', 'manage_security'],
        indices: [{ names: ['test-*'], privileges: ['read', 'write'] }],
        applications: [{ application: 'app', privileges: ['read'], resources: ['object/*'] }],
      },
    ],
    [{ application: 'app', name: 'read', actions: ['data:read/*'], metadata: {} }],
  );
  assert.equal(p.hasClusterPrivilege('monitor'), true);
  assert.equal(p.hasClusterPrivilege('manage_security'), true);
  assert.equal(p.hasClusterPrivilege('all'), false);
  assert.equal(p.hasClusterPrivilege('cluster:monitor/health'), true);
  assert.equal(p.hasIndexPrivilege('test-1', false, 'read'), true);
  assert.equal(p.hasIndexPrivilege('test-*', false, 'index'), true);
  assert.equal(p.hasIndexPrivilege('test-*', false, 'manage'), false);
  assert.equal(p.hasIndexPrivilege('*', false, 'read'), false);
  assert.equal(p.hasApplicationPrivilege('app', 'object/1', ['data:read/*']), true);
  assert.equal(p.hasApplicationPrivilege('app', 'object/1', ['data:write/x']), false);
  assert.equal(p.hasApplicationPrivilege('app', 'other', ['data:read/*']), false);
  assert.equal(p.hasApplicationPrivilege('app', 'object/1', []), false, 'an undefined privilege (no actions) is not held');
  const star = perm({ applications: [{ application: 'app', privileges: ['*'], resources: ['*'] }] });
  assert.equal(star.hasApplicationPrivilege('app', 'object/1', []), true, 'except by a grant of every action (as ES)');
});

test('decisions are cheap and do not grow with the number of roles', () => {
  const make = (n: number) =>
    perm(...Array.from({ length: n }, (_, i) => ({ cluster: [`cluster:monitor/x${i}`], indices: [{ names: [`logs-${i}-*`, `/m${i}-[0-9]+/`], privileges: ['read', 'write'] }] })));
  const timings: number[] = [];
  for (const n of [1, 20, 100]) {
    const p = make(n);
    const names = Array.from({ length: 50 }, (_, i) => `logs-${i % n}-${i}`);
    p.index('indices:data/read/search', names[0], false);
    const start = process.hrtime.bigint();
    const rounds = 20_000;
    for (let i = 0; i < rounds; i++) {
      p.cluster('cluster:monitor/health');
      p.index('indices:data/read/search', names[i % names.length], false);
    }
    timings.push(Number(process.hrtime.bigint() - start) / rounds / 1000);
  }
  for (const t of timings) assert.ok(t < 5, `a decision took ${t.toFixed(3)} µs`);
  assert.ok(timings[2] < timings[0] * 10 + 1, `100 roles: ${timings.join(', ')} µs`);
});
