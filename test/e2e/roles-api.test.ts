// The roles API end to end: every endpoint, ES's 400s for invalid descriptors, built-in and file roles,
// and roles enforced on served actions (a manage_security user manages users, a viewer may not).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startGateway, type Gateway } from '../support/gateway.ts';

const PW = 'elastic-test-password';
const admin: [string, string] = ['elastic', PW];

const FILE_ROLES = `
file_monitor:
  cluster: [ "MONITOR", "read_security" ]
bad_file_role:
  cluster: [ "not_a_privilege" ]
`;

describe('roles API', () => {
  let gw: Gateway;
  const req = (method: string, path: string, body?: unknown, auth: [string, string] = admin) => gw.request(method, path, { auth, body });
  const putUser = (name: string, roles: string[]) => req('PUT', `/_security/user/${name}`, { password: `${name}-password`, roles });
  const as = (name: string): [string, string] => [name, `${name}-password`];

  before(async () => {
    gw = await startGateway({ elasticPassword: PW, files: { 'roles.yml': FILE_ROLES } });
  });
  after(async () => {
    await gw.stop();
    gw.cleanup();
  });

  it('put creates, then updates; get returns the descriptor as ES writes it', async () => {
    const body = { cluster: ['all'], metadata: { key1: 'val1' }, indices: [{ names: '*', privileges: ['all'], query: { term: { a: 1 } } }], description: 'admins' };
    assert.deepEqual((await req('PUT', '/_security/role/admin_role', body)).json, { role: { created: true } });
    assert.deepEqual((await req('POST', '/_security/role/admin_role', body)).json, { role: { created: false } });
    const r = await req('GET', '/_security/role/admin_role');
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, {
      admin_role: {
        cluster: ['all'],
        indices: [{ names: ['*'], privileges: ['all'], query: '{"term":{"a":1}}', allow_restricted_indices: false }],
        applications: [],
        run_as: [],
        metadata: { key1: 'val1' },
        transient_metadata: { enabled: true },
        description: 'admins',
      },
    });
  });

  it('get: all roles include the built-in ones with _reserved metadata; several; missing is 404 {}', async () => {
    const all = (await req('GET', '/_security/role')).json;
    for (const name of ['superuser', 'viewer', 'editor', 'kibana_system', 'monitoring_user', 'ingest_admin', 'admin_role']) assert.ok(all[name], name);
    assert.equal(all.viewer.metadata._reserved, true);
    assert.deepEqual(all.superuser.cluster, ['all']);
    assert.equal(all.file_monitor, undefined, 'file roles are not listed by the API, as in ES');
    const two = await req('GET', '/_security/role/admin_role,superuser,ghost');
    assert.deepEqual(Object.keys(two.json).sort(), ['admin_role', 'superuser']);
    const missing = await req('GET', '/_security/role/ghost,phantom');
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, {});
  });

  it('invalid descriptors are ES 400s', async () => {
    const cases: [string, unknown, string, string | RegExp][] = [
      ['superuser', { cluster: ['all'] }, 'action_request_validation_exception', 'Validation Failed: 1: Role [superuser] is reserved and may not be used.;'],
      ['r1', { cluster: ['foo'] }, 'action_request_validation_exception', /^Validation Failed: 1: unknown cluster privilege \[foo\]\. a privilege must be either one of the predefined cluster privilege names \[manage_own_api_key,.*,monitor,manage,all\] or a pattern over one of the available cluster actions;$/],
      ['r2', { indices: [{ names: ['x'], privileges: ['bar'] }] }, 'action_request_validation_exception', /^Validation Failed: 1: unknown index privilege \[bar\]\. a privilege must be either one of the predefined fixed indices privileges \[all,.*\] or a pattern over one of the available index actions;$/],
      ['r3', { shoe_size: 9 }, 'parse_exception', 'failed to parse role [r3]. unexpected field [shoe_size]'],
      ['r4', { cluster: 'all' }, 'parse_exception', 'failed to parse role [r4]'],
      ['r5', { indices: [{ names: 'x' }] }, 'parse_exception', 'failed to parse indices privileges for role [r5]. missing required [privileges] field'],
      ['r6', { metadata: { _x: 1 } }, 'action_request_validation_exception', 'Validation Failed: 1: role descriptor metadata keys may not start with [_];'],
      ['r7', { indices: [{ names: 'i', privileges: ['read'], query: { terms: { f: { index: 'i', id: '1', path: 'p' } } } }] }, 'parse_exception', /failed to parse field 'query'/],
      ['r8', { run_as: [1] }, 'parse_exception', 'failed to parse role [r8]'],
    ];
    for (const [name, body, type, reason] of cases) {
      const r = await req('PUT', `/_security/role/${name}`, body);
      assert.equal(r.status, 400, `${name}: ${r.text}`);
      assert.equal(r.json.error.type, type, name);
      if (typeof reason === 'string') assert.equal(r.json.error.reason, reason, name);
      else assert.match(r.json.error.reason, reason, name);
    }
    const none = await req('PUT', '/_security/role/nobody');
    assert.equal(none.status, 400);
  });

  it('delete: found, then 404; built-in roles cannot be deleted', async () => {
    await req('PUT', '/_security/role/temp', { cluster: ['monitor'] });
    assert.deepEqual((await req('DELETE', '/_security/role/temp')).json, { found: true });
    const again = await req('DELETE', '/_security/role/temp');
    assert.equal(again.status, 404);
    assert.deepEqual(again.json, { found: false });
    const reserved = await req('DELETE', '/_security/role/superuser');
    assert.equal(reserved.status, 400);
    assert.equal(reserved.json.error.reason, 'role [superuser] is a reserved role and cannot be deleted');
  });

  it('bulk put and bulk delete', async () => {
    const put = await req('POST', '/_security/role', { roles: { b1: { cluster: ['monitor'] }, b2: { cluster: ['manage_security'] }, bad: { cluster: ['nope'] } } });
    assert.equal(put.status, 200);
    assert.deepEqual(put.json.created, ['b1', 'b2']);
    assert.equal(put.json.errors.count, 1);
    assert.equal(put.json.errors.details.bad.type, 'action_request_validation_exception');
    const again = await req('POST', '/_security/role', { roles: { b1: { cluster: ['monitor'] }, b2: { cluster: ['monitor'] } } });
    assert.deepEqual(again.json, { updated: ['b2'], noop: ['b1'] });
    const del = await req('DELETE', '/_security/role', { names: ['b1', 'b2', 'ghost'] });
    assert.deepEqual(del.json, { deleted: ['b1', 'b2'], not_found: ['ghost'] });
  });

  it('query roles: native roles only, with from, size and sort', async () => {
    await req('POST', '/_security/role', { roles: { q1: { description: 'first', metadata: { team: 'a' } }, q2: { metadata: { team: 'b' } }, q3: { metadata: { team: 'a' } } } });
    const all = await req('POST', '/_security/_query/role', { query: { match_all: {} }, sort: ['name'] });
    assert.equal(all.json.total, all.json.count);
    assert.ok(all.json.roles.every((r: { name: string }) => !['superuser', 'viewer'].includes(r.name)));
    const teamA = await req('POST', '/_security/_query/role', { query: { term: { 'metadata.team': 'a' } }, sort: [{ name: 'desc' }], size: 1 });
    assert.equal(teamA.json.total, 2);
    assert.equal(teamA.json.count, 1);
    assert.equal(teamA.json.roles[0].name, 'q3');
    assert.deepEqual(teamA.json.roles[0]._sort, ['q3']);
    const page = await req('POST', '/_security/_query/role', { query: { prefix: { name: 'q' } }, sort: ['name'], from: 1 });
    assert.deepEqual(page.json.roles.map((r: { name: string }) => r.name), ['q2', 'q3']);
    const get = await req('GET', '/_security/_query/role');
    assert.equal(get.status, 200);
    const bad = await req('POST', '/_security/_query/role', { from: -1 });
    assert.equal(bad.status, 400);
  });

  it('clear cache answers like ES', async () => {
    const r = await req('POST', '/_security/role/admin_role,q1/_clear_cache');
    assert.equal(r.status, 200);
    assert.deepEqual(r.json._nodes, { total: 1, successful: 1, failed: 0 });
  });

  it('a manage_security user (not superuser) manages users; a viewer may not', async () => {
    await req('PUT', '/_security/role/user_admin', { cluster: ['manage_security'] });
    await putUser('mgr', ['user_admin', 'ghost_role']);
    await putUser('looker', ['viewer']);
    const created = await req('PUT', '/_security/user/made_by_mgr', { password: 'some-password', roles: [] }, as('mgr'));
    assert.equal(created.status, 200, created.text);
    assert.equal((await req('GET', '/_security/user/made_by_mgr', undefined, as('mgr'))).status, 200);
    assert.equal((await req('DELETE', '/_security/user/made_by_mgr', undefined, as('mgr'))).status, 200);
    const denied = await req('PUT', '/_security/user/nope', { password: 'some-password', roles: [] }, as('looker'));
    assert.equal(denied.status, 403);
    assert.equal(denied.json.error.type, 'security_exception');
    assert.equal(
      denied.json.error.reason,
      'action [cluster:admin/xpack/security/user/put] is unauthorized for user [looker] with effective roles [viewer], this action is granted by the cluster privileges [manage_security,all]',
    );
    const roleDenied = await req('GET', '/_security/role', undefined, as('looker'));
    assert.equal(
      roleDenied.json.error.reason,
      'action [cluster:admin/xpack/security/role/get] is unauthorized for user [looker] with effective roles [viewer], this action is granted by the cluster privileges [read_security,manage_security,all]',
    );
    // every user may authenticate and change their own password
    assert.equal((await req('GET', '/_security/_authenticate', undefined, as('looker'))).status, 200);
    assert.equal((await req('POST', '/_security/user/looker/_password', { password: 'looker-password' }, as('looker'))).status, 200);
  });

  it('missing assigned roles are named in the 403', async () => {
    await putUser('ghosted', ['ghost_role', 'viewer']);
    const r = await req('GET', '/_security/user', undefined, as('ghosted'));
    assert.equal(r.status, 403);
    assert.equal(
      r.json.error.reason,
      'action [cluster:admin/xpack/security/user/get] is unauthorized for user [ghosted] with effective roles [viewer] (assigned roles [ghost_role] were not found), this action is granted by the cluster privileges [read_security,manage_security,all]',
    );
  });

  it('role changes apply at once (the compiled permission is dropped)', async () => {
    await req('PUT', '/_security/role/changing', { cluster: ['monitor'] });
    await putUser('changer', ['changing']);
    assert.equal((await req('GET', '/_security/user', undefined, as('changer'))).status, 403);
    await req('PUT', '/_security/role/changing', { cluster: ['read_security'] });
    assert.equal((await req('GET', '/_security/user', undefined, as('changer'))).status, 200);
    await req('DELETE', '/_security/role/changing');
    assert.equal((await req('GET', '/_security/user', undefined, as('changer'))).status, 403);
  });

  it('roles.yml roles apply; invalid ones are skipped; the file is reloaded; a broken file keeps the last good roles', async () => {
    await putUser('filer', ['file_monitor', 'bad_file_role']);
    assert.equal((await req('GET', '/_security/role', undefined, as('filer'))).status, 200, 'read_security from roles.yml');
    const denied = await req('PUT', '/_security/role/x', { cluster: [] }, as('filer'));
    assert.match(denied.json.error.reason, /with effective roles \[file_monitor\] \(assigned roles \[bad_file_role\] were not found\)/);
    assert.match(gw.stdout(), /invalid role definition \[bad_file_role\]/);

    const path = join(gw.configDir, 'roles.yml');
    const replace = (text: string) => {
      writeFileSync(`${path}.tmp`, text);
      renameSync(`${path}.tmp`, path);
    };
    replace('file_monitor:\n  cluster: [ "manage_security" ]\n');
    await waitFor(async () => (await req('PUT', '/_security/role/by_file_user', { cluster: [] }, as('filer'))).status === 200);

    replace('file_monitor: [ this is : not yaml\n');
    await waitFor(() => /failed to parse roles file/.test(gw.stdout()));
    assert.equal((await req('PUT', '/_security/role/by_file_user', { cluster: [] }, as('filer'))).status, 200, 'the last good roles stay');
  });

  it('API keys: the key’s role descriptors are intersected with its owner’s', async () => {
    const created = await req('POST', '/_security/api_key', { name: 'k', role_descriptors: { only_monitor: { cluster: ['monitor', 'manage_security'] } } }, as('mgr'));
    assert.equal(created.status, 200, created.text);
    const key = { Authorization: `ApiKey ${created.json.encoded}` };
    const users = await gw.request('GET', '/_security/user', { headers: key });
    assert.equal(users.status, 200, 'manage_security in both the key and its owner');
    const roles = await gw.request('PUT', '/_security/role/from_key', { headers: key, body: { cluster: [] } });
    assert.equal(roles.status, 200);
    const narrow = await req('POST', '/_security/api_key', { name: 'k2', role_descriptors: { r: { cluster: ['monitor'] } } }, as('mgr'));
    const denied = await gw.request('GET', '/_security/user', { headers: { Authorization: `ApiKey ${narrow.json.encoded}` } });
    assert.equal(denied.status, 403);
    assert.equal(
      denied.json.error.reason,
      `action [cluster:admin/xpack/security/user/get] is unauthorized for API key id [${narrow.json.id}] of user [mgr], this action is granted by the cluster privileges [read_security,manage_security,all]`,
    );
  });
});

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(100);
  }
  assert.fail('condition not met in time');
}
