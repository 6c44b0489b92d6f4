// Application privileges, built-in privileges, `_has_privileges` and `_privileges`, end to end.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startGateway, type Gateway } from '../support/gateway.ts';

const PW = 'elastic-test-password';
const admin: [string, string] = ['elastic', PW];

describe('privileges API', () => {
  let gw: Gateway;
  const req = (method: string, path: string, body?: unknown, auth: [string, string] = admin) => gw.request(method, path, { auth, body });
  const as = (name: string): [string, string] => [name, `${name}-password`];

  before(async () => {
    gw = await startGateway({ elasticPassword: PW });
    await req('PUT', '/_security/privilege', {
      myapp: { read: { actions: ['data:read/*', 'action:login'], metadata: { k: 1 } }, write: { actions: ['data:write/*'] } },
      other: { all: { actions: ['*'] } },
    });
    await req('PUT', '/_security/role/app_reader', {
      cluster: ['monitor', 'manage_own_api_key'],
      indices: [{ names: ['logs-*'], privileges: ['read', 'view_index_metadata'] }, { names: ['secret'], privileges: ['read'], query: { term: { public: true } } }],
      applications: [{ application: 'myapp', privileges: ['read'], resources: ['object/*'] }],
      run_as: ['bob'],
      global: { application: { manage: { applications: ['myapp'] } } },
    });
    await req('PUT', '/_security/user/reader', { password: 'reader-password', roles: ['app_reader'] });
    await req('PUT', '/_security/user/looker', { password: 'looker-password', roles: ['viewer'] });
  });
  after(async () => {
    await gw.stop();
    gw.cleanup();
  });

  it('put creates then updates; get by application, names, all; missing names are 404 {}', async () => {
    const put = await req('POST', '/_security/privilege', { myapp: { admin: { application: 'myapp', name: 'admin', actions: ['*'] }, read: { actions: ['data:read/*', 'action:login'], metadata: { k: 1 } } } });
    assert.deepEqual(put.json, { myapp: { admin: { created: true }, read: { created: false } } });
    const one = await req('GET', '/_security/privilege/myapp/read');
    assert.deepEqual(one.json, { myapp: { read: { application: 'myapp', name: 'read', actions: ['data:read/*', 'action:login'], metadata: { k: 1 } } } });
    const app = await req('GET', '/_security/privilege/myapp');
    assert.deepEqual(Object.keys(app.json.myapp).sort(), ['admin', 'read', 'write']);
    const all = await req('GET', '/_security/privilege');
    assert.deepEqual(Object.keys(all.json).sort(), ['myapp', 'other']);
    const wildcard = await req('GET', '/_security/privilege/my*');
    assert.deepEqual(Object.keys(wildcard.json), ['myapp']);
    const missing = await req('GET', '/_security/privilege/myapp/nope,none');
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, {});
  });

  it('invalid application privileges are 400s', async () => {
    const cases: [unknown, string, string | RegExp][] = [
      [{ ab: { p: { actions: ['a:b'] } } }, 'action_request_validation_exception', "Validation Failed: 1: An application name prefix must be at least 3 characters long (found 'ab');"],
      [{ myapp: { Bad: { actions: ['a:b'] } } }, 'action_request_validation_exception', "Validation Failed: 1: Application privilege names must match the pattern ^[a-z][a-zA-Z0-9_.-]*$ (found 'Bad');"],
      [{ myapp: { p: { actions: ['plain'] } } }, 'action_request_validation_exception', 'Validation Failed: 1: action [plain] must contain one of [/*:];'],
      [{ myapp: { p: { actions: [] } } }, 'action_request_validation_exception', 'Validation Failed: 1: Application privileges must have at least one action;'],
      [{ myapp: { p: { actions: ['a:b'], metadata: { _x: 1 } } } }, 'action_request_validation_exception', 'Validation Failed: 1: metadata keys may not start with [_] (in privilege myapp p);'],
      [{ myapp: { p: { application: 'other', actions: ['a:b'] } } }, 'illegal_argument_exception', 'privilege application [other] in source does not match the provided application [myapp]'],
      [{ myapp: { p: { actions: ['a:b'], shoe: 1 } } }, 'x_content_parse_exception', /unknown field \[shoe\]/],
    ];
    for (const [body, type, reason] of cases) {
      const r = await req('PUT', '/_security/privilege', body);
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.error.type, type, r.text);
      if (typeof reason === 'string') assert.equal(r.json.error.reason, reason);
      else assert.match(r.json.error.reason, reason);
    }
  });

  it('delete reports found per name; 404 when none was found', async () => {
    await req('PUT', '/_security/privilege', { temp: { p1: { actions: ['a:b'] }, p2: { actions: ['a:c'] } } });
    const r = await req('DELETE', '/_security/privilege/temp/p1,p0');
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { temp: { p1: { found: true }, p0: { found: false } } });
    const none = await req('DELETE', '/_security/privilege/temp/p1');
    assert.equal(none.status, 404);
    assert.deepEqual(none.json, { temp: { p1: { found: false } } });
  });

  it('_builtin lists the named cluster and index privileges', async () => {
    const r = await req('GET', '/_security/privilege/_builtin');
    assert.equal(r.status, 200);
    for (const p of ['all', 'monitor', 'manage', 'manage_security', 'manage_api_key', 'manage_own_api_key', 'read_security', 'manage_index_templates', 'manage_ilm']) assert.ok(r.json.cluster.includes(p), p);
    for (const p of ['all', 'read', 'write', 'index', 'create', 'delete', 'create_index', 'view_index_metadata', 'maintenance', 'manage', 'manage_ilm']) assert.ok(r.json.index.includes(p), p);
    assert.deepEqual(r.json.cluster, [...r.json.cluster].sort());
    assert.ok(Array.isArray(r.json.remote_cluster));
  });

  it('clear cache answers with the nodes', async () => {
    const r = await req('POST', '/_security/privilege/myapp/_clear_cache');
    assert.deepEqual(r.json._nodes, { total: 1, successful: 1, failed: 0 });
  });

  it('_has_privileges for the caller: cluster, index and application privileges', async () => {
    const body = {
      cluster: ['monitor', 'manage', 'cluster:monitor/health'],
      index: [{ names: ['logs-1', 'logs-*', 'other'], privileges: ['read', 'write'] }],
      application: [{ application: 'myapp', privileges: ['read', 'write', 'action:login'], resources: ['object/1', 'x'] }],
    };
    const r = await req('POST', '/_security/user/_has_privileges', body, as('reader'));
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, {
      username: 'reader',
      has_all_requested: false,
      cluster: { monitor: true, manage: false, 'cluster:monitor/health': true },
      index: { 'logs-1': { read: true, write: false }, 'logs-*': { read: true, write: false }, other: { read: false, write: false } },
      application: { myapp: { 'object/1': { read: true, write: false, 'action:login': true }, x: { read: false, write: false, 'action:login': false } } },
    });
    const yes = await req('GET', '/_security/user/reader/_has_privileges', { cluster: ['monitor'], index: [{ names: ['logs-a'], privileges: ['read'] }] }, as('reader'));
    assert.equal(yes.json.has_all_requested, true);
    const su = await req('POST', '/_security/user/_has_privileges', { cluster: ['all'], index: [{ names: ['*'], privileges: ['all'] }], application: [{ application: 'myapp', privileges: ['write'], resources: ['*'] }] });
    assert.equal(su.json.has_all_requested, true, su.text);
  });

  it('_has_privileges: a privilege that is not defined (or no longer) is not held, except through a grant of all actions (as ES 9.1.5)', async () => {
    await req('PUT', '/_security/privilege', { gone: { read: { actions: ['data:read/*'] }, write: { actions: ['data:write/*'] } } });
    await req('PUT', '/_security/role/gone_reader', { applications: [{ application: 'gone', privileges: ['read'], resources: ['*'] }] });
    await req('PUT', '/_security/role/gone_star', { applications: [{ application: 'gone', privileges: ['*'], resources: ['*'] }] });
    await req('PUT', '/_security/user/gone_r', { password: 'gone_r-password', roles: ['gone_reader'] });
    await req('PUT', '/_security/user/gone_s', { password: 'gone_s-password', roles: ['gone_star'] });
    const check = { application: [{ application: 'gone', privileges: ['read', 'write', 'nosuch', 'data:read/x'], resources: ['r1'] }] };
    const before = await req('POST', '/_security/user/_has_privileges', check, as('gone_r'));
    assert.deepEqual(before.json.application, { gone: { r1: { read: true, write: false, nosuch: false, 'data:read/x': true } } });
    assert.deepEqual((await req('DELETE', '/_security/privilege/gone/write')).json, { gone: { write: { found: true } } });
    const after = await req('POST', '/_security/user/_has_privileges', check, as('gone_r'));
    assert.deepEqual(after.json, { username: 'gone_r', has_all_requested: false, cluster: {}, index: {}, application: { gone: { r1: { read: true, write: false, nosuch: false, 'data:read/x': true } } } });
    const star = await req('POST', '/_security/user/_has_privileges', check, as('gone_s'));
    assert.deepEqual(star.json.application, { gone: { r1: { read: true, write: true, nosuch: true, 'data:read/x': true } } });
    assert.equal(star.json.has_all_requested, true);
  });

  it('_has_privileges errors: another user, bad bodies, unknown privileges', async () => {
    const other = await req('POST', '/_security/user/reader/_has_privileges', { cluster: ['monitor'] });
    assert.equal(other.status, 400);
    assert.equal(other.json.error.reason, 'users may only check the privileges of their own account');
    const forbidden = await req('POST', '/_security/user/elastic/_has_privileges', { cluster: ['monitor'] }, as('looker'));
    assert.equal(forbidden.status, 403);
    const empty = await req('POST', '/_security/user/_has_privileges', {}, as('reader'));
    assert.equal(empty.status, 400);
    assert.equal(empty.json.error.reason, 'failed to parse privileges check [reader/has_privileges]. All privilege fields [cluster,index,applications] are missing');
    const field = await req('POST', '/_security/user/_has_privileges', { cluster: [], nope: 1 }, as('reader'));
    assert.equal(field.json.error.reason, 'failed to parse privileges check [reader/has_privileges]. unexpected field [nope]');
    const unknown = await req('POST', '/_security/user/_has_privileges', { cluster: ['bogus'] }, as('reader'));
    assert.equal(unknown.status, 400);
    assert.match(unknown.json.error.reason, /^unknown cluster privilege \[bogus\]/);
  });

  it('_privileges lists the caller’s merged privileges', async () => {
    const r = await req('GET', '/_security/user/_privileges', undefined, as('reader'));
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, {
      cluster: ['manage_own_api_key', 'monitor'],
      global: [{ application: { manage: { applications: ['myapp'] } } }],
      indices: [
        { names: ['logs-*'], privileges: ['read', 'view_index_metadata'], allow_restricted_indices: false },
        { names: ['secret'], privileges: ['read'], query: ['{"term":{"public":true}}'], allow_restricted_indices: false },
      ],
      applications: [{ application: 'myapp', privileges: ['read'], resources: ['object/*'] }],
      run_as: ['bob'],
    });
  });

  it('global application manage: may manage its application privileges only', async () => {
    const own = await req('PUT', '/_security/privilege', { myapp: { extra: { actions: ['x:y'] } } }, as('reader'));
    assert.equal(own.status, 200, own.text);
    assert.equal((await req('GET', '/_security/privilege/myapp', undefined, as('reader'))).status, 200);
    const other = await req('PUT', '/_security/privilege', { other: { extra: { actions: ['x:y'] } } }, as('reader'));
    assert.equal(other.status, 403);
    assert.match(other.json.error.reason, /^action \[cluster:admin\/xpack\/security\/privilege\/put\] is unauthorized for user \[reader\] with effective roles \[app_reader\], this action is granted by the cluster privileges \[manage_security,all\]$/);
    assert.equal((await req('GET', '/_security/privilege', undefined, as('reader'))).status, 403, 'all applications need manage on *');
  });

  it('API keys: _has_privileges is the intersection; _privileges refuses keys with role descriptors', async () => {
    const created = await req('POST', '/_security/api_key', { name: 'k', role_descriptors: { r: { cluster: ['monitor', 'manage'], indices: [{ names: ['logs-1'], privileges: ['read'] }] } } }, as('reader'));
    assert.equal(created.status, 200, created.text);
    const key = { Authorization: `ApiKey ${created.json.encoded}` };
    const r = await gw.request('POST', '/_security/user/_has_privileges', { headers: key, body: { cluster: ['monitor', 'manage'], index: [{ names: ['logs-1', 'logs-2'], privileges: ['read'] }] } });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.cluster, { monitor: true, manage: false });
    assert.deepEqual(r.json.index, { 'logs-1': { read: true }, 'logs-2': { read: false } });
    const privs = await gw.request('GET', '/_security/user/_privileges', { headers: key });
    assert.equal(privs.status, 400);
    assert.match(privs.json.error.reason, /^Cannot retrieve privileges for API keys with assigned role descriptors/);
    const plain = await req('POST', '/_security/api_key', { name: 'plain' }, as('reader'));
    const mine = await gw.request('GET', '/_security/user/_privileges', { headers: { Authorization: `ApiKey ${plain.json.encoded}` } });
    assert.equal(mine.status, 200, mine.text);
    assert.deepEqual(mine.json.cluster, ['manage_own_api_key', 'monitor']);
  });
});
