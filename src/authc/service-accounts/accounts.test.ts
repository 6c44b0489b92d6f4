import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SERVICE_ACCOUNTS, isServiceAccount } from './accounts.ts';
import { RolePermission } from '../../authz/role-permission.ts';
import { validateRoleDescriptor } from '../../authz/roles/role-descriptor-validator.ts';

const permission = (account: string) => new RolePermission([account], [SERVICE_ACCOUNTS[account]]);

test("ES 9.1.5's four built-in service accounts, each descriptor valid as a role", () => {
  assert.deepEqual(Object.keys(SERVICE_ACCOUNTS).sort(), ['elastic/auto-ops', 'elastic/fleet-server', 'elastic/fleet-server-remote', 'elastic/kibana']);
  for (const [name, d] of Object.entries(SERVICE_ACCOUNTS)) {
    assert.equal(isServiceAccount(name), true);
    // metadata `_reserved` is ES's mark of a built-in descriptor, refused only in user-written roles
    assert.deepEqual(validateRoleDescriptor({ ...d, metadata: {} }), [], name);
  }
});

test('elastic/fleet-server is allowed what Fleet Server needs on ES 9.1.5', () => {
  const p = permission('elastic/fleet-server');
  assert.equal(p.index('indices:data/write/bulk', 'logs-app-default', false), true);
  assert.equal(p.index('indices:data/write/bulk', 'logs', false), true); // ES 9 adds `logs` and `logs.*`
  assert.equal(p.index('indices:data/write/index', '.fleet-agents-7', true), true);
  assert.equal(p.index('indices:data/read/search', 'agentless-x', false), true);
  assert.equal(p.index('indices:data/write/index', '.fleet-secrets', true), false); // read only
  assert.equal(p.cluster('cluster:admin/xpack/connector/sync_job/post'), true);
  assert.equal(p.cluster('cluster:admin/xpack/security/user/put'), false);
});

test('elastic/kibana: Lucene regex names and remote entries that grant nothing locally', () => {
  const k = permission('elastic/kibana');
  assert.equal(k.index('indices:admin/delete', '.kibana_1', true), true);
  assert.equal(k.index('indices:admin/mappings/get', 'anything', false), true); // view_index_metadata on *
  assert.equal(k.index('indices:data/write/index', 'anything', false), false);
  assert.equal(k.cluster('cluster:admin/xpack/security/profile/activate'), true);
  assert.equal(k.cluster('cluster:admin/xpack/security/user/put'), false);
  assert.ok((SERVICE_ACCOUNTS['elastic/kibana'].remote_indices?.length ?? 0) > 0);
  const remote = new RolePermission(['x'], [{ remote_indices: SERVICE_ACCOUNTS['elastic/kibana'].remote_indices }]);
  assert.equal(remote.index('indices:data/read/search', 'apm-1', false), false);
});
