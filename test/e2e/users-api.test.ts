// The users API's rules and errors, as Elasticsearch writes them; the credential cache follows changes.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import bcrypt from 'bcrypt';
import { startGateway, type Gateway } from '../support/gateway.ts';

const PW = 'elastic-test-password';
const admin: [string, string] = ['elastic', PW];

describe('users API', () => {
  let gw: Gateway;
  before(async () => {
    gw = await startGateway({ elasticPassword: PW });
  });
  after(async () => {
    await gw.stop();
    gw.cleanup();
  });
  const put = (name: string, body: unknown, auth = admin) => gw.request('PUT', `/_security/user/${encodeURIComponent(name)}`, { auth, body });

  it('created is true, then false on overwrite; the password may be left out on update', async () => {
    assert.deepEqual((await put('joe', { password: 's3krit-password', roles: ['superuser'] })).json, { created: true });
    assert.deepEqual((await put('joe', { roles: ['superuser', 'foo'], full_name: 'Bazooka Joe' })).json, { created: false });
    const me = await gw.request('GET', '/_security/_authenticate', { auth: ['joe', 's3krit-password'] });
    assert.deepEqual(me.json.roles, ['superuser', 'foo']);
  });

  it('validation errors are 400s in ES shape', async () => {
    const cases: [string, unknown, string, string][] = [
      ['short', { password: 'abc', roles: [] }, 'validation_exception', 'Validation Failed: 1: passwords must be at least [6] characters long;'],
      ['nopass', { roles: [] }, 'validation_exception', 'Validation Failed: 1: password must be specified unless you are updating an existing user;'],
      ['noroles', { password: 'long-enough' }, 'action_request_validation_exception', 'Validation Failed: 1: roles are missing;'],
      ['elastic', { password: 'long-enough', roles: [] }, 'action_request_validation_exception', 'Validation Failed: 1: user [elastic] is reserved and only the password can be changed;'],
      ['meta', { password: 'long-enough', roles: [], metadata: { _x: 1 } }, 'action_request_validation_exception', 'Validation Failed: 1: metadata keys may not start with [_];'],
      ['unknown', { password: 'long-enough', roles: [], shoe_size: 9 }, 'parse_exception', 'failed to parse add user request. unexpected field [shoe_size]'],
      ['typed', { password: 123456, roles: [] }, 'parse_exception', 'expected field [password] to be of type string, but found [VALUE_NUMBER] instead'],
      ['enabled', { password: 'long-enough', roles: [], enabled: 'yes' }, 'parse_exception', 'expected field [enabled] to be of type boolean, but found [VALUE_STRING] instead'],
      ['joe', { username: 'joey', password: 'long-enough', roles: [] }, 'illegal_argument_exception', '[username] in source does not match the username provided [joe]'],
      [' lead', { password: 'long-enough', roles: [] }, 'action_request_validation_exception', 'Validation Failed: 1: User names must be at least 1 and no more than 507 characters. They can contain alphanumeric characters (a-z, A-Z, 0-9), spaces, punctuation, and printable symbols in the Basic Latin (ASCII) block. Leading or trailing whitespace is not allowed.;'],
      ['both', { password: 'long-enough', password_hash: bcrypt.hashSync('long-enough', 10), roles: [] }, 'validation_exception', 'Validation Failed: 1: password_hash has already been set;'],
      ['badhash', { password_hash: 'not-a-hash', roles: [] }, 'illegal_argument_exception', ''],
    ];
    for (const [name, body, type, reason] of cases) {
      const r = await put(name, body);
      assert.equal(r.status, 400, `${name}: ${r.text}`);
      assert.equal(r.json.error.type, type, name);
      if (reason) assert.equal(r.json.error.reason, reason, name);
    }
  });

  it('bad bodies: none, not JSON, wrong media type, not an object', async () => {
    const none = await gw.request('PUT', '/_security/user/x', { auth: admin });
    assert.equal(none.status, 400);
    assert.equal(none.json.error.reason, 'request body is required');
    const broken = await gw.request('PUT', '/_security/user/x', { auth: admin, body: '{"password": ' });
    assert.equal(broken.status, 400);
    const form = await gw.request('PUT', '/_security/user/x', { auth: admin, body: 'password=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    assert.equal(form.status, 406);
    assert.equal(form.json.error.reason, 'Content-Type header [application/x-www-form-urlencoded] is not supported');
    const arr = await gw.request('PUT', '/_security/user/x', { auth: admin, body: [1, 2] });
    assert.equal(arr.status, 400);
  });

  it('password_hash in any ES format is accepted and authenticates', async () => {
    const hash = bcrypt.hashSync('correct horse battery staple', 10).replace(/^\$2b\$/, '$2a$');
    assert.equal((await put('hashed', { password_hash: hash, roles: [] })).status, 200);
    const me = await gw.request('GET', '/_security/_authenticate', { auth: ['hashed', 'correct horse battery staple'] });
    assert.equal(me.json.username, 'hashed');
  });

  it('get: all users (reserved first), one, several, 404 {} when none found', async () => {
    const all = await gw.request('GET', '/_security/user', { auth: admin });
    const names = Object.keys(all.json);
    assert.deepEqual(names.slice(0, 7), ['elastic', 'kibana', 'kibana_system', 'logstash_system', 'beats_system', 'apm_system', 'remote_monitoring_user']);
    assert.ok(names.includes('joe'));
    assert.deepEqual(all.json.elastic.metadata, { _reserved: true });
    const two = await gw.request('GET', '/_security/user/joe,hashed,ghost', { auth: admin });
    assert.deepEqual(Object.keys(two.json).sort(), ['hashed', 'joe']);
    const missing = await gw.request('GET', '/_security/user/ghost', { auth: admin });
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, {});
  });

  it('disable stops authentication at once; enable restores it; nobody may disable themselves', async () => {
    await put('dis', { password: 'dis-password', roles: ['superuser'] });
    assert.equal((await gw.request('GET', '/_security/_authenticate', { auth: ['dis', 'dis-password'] })).status, 200);
    assert.deepEqual((await gw.request('PUT', '/_security/user/dis/_disable', { auth: admin })).json, {});
    assert.equal((await gw.request('GET', '/_security/_authenticate', { auth: ['dis', 'dis-password'] })).status, 401, 'cached credentials dropped');
    await gw.request('POST', '/_security/user/dis/_enable', { auth: admin });
    assert.equal((await gw.request('GET', '/_security/_authenticate', { auth: ['dis', 'dis-password'] })).status, 200);
    const self = await gw.request('PUT', '/_security/user/dis/_disable', { auth: ['dis', 'dis-password'] });
    assert.equal(self.status, 400);
    assert.equal(self.json.error.reason, 'users may not update the enabled status of their own account');
  });

  it('a password change drops the cached credentials at once', async () => {
    await put('cached', { password: 'first-password', roles: [] });
    for (let i = 0; i < 3; i++) assert.equal((await gw.request('GET', '/_security/_authenticate', { auth: ['cached', 'first-password'] })).status, 200);
    await gw.request('POST', '/_security/user/cached/_password', { auth: admin, body: { password: 'second-password' } });
    assert.equal((await gw.request('GET', '/_security/_authenticate', { auth: ['cached', 'first-password'] })).status, 401);
    assert.equal((await gw.request('GET', '/_security/_authenticate', { auth: ['cached', 'second-password'] })).status, 200);
  });

  it('users change their own password but not others\'; only managers change others\'', async () => {
    await put('alice', { password: 'alice-password', roles: [] });
    await put('bob', { password: 'bob-password', roles: [] });
    const own = await gw.request('PUT', '/_security/user/alice/_password', { auth: ['alice', 'alice-password'], body: { password: 'alice-new-password' } });
    assert.equal(own.status, 200, own.text);
    const other = await gw.request('PUT', '/_security/user/bob/_password', { auth: ['alice', 'alice-new-password'], body: { password: 'hijacked-pass' } });
    assert.equal(other.status, 403);
    assert.equal(
      other.json.error.reason,
      'action [cluster:admin/xpack/security/user/change_password] is unauthorized for user [alice] with effective roles [], this action is granted by the cluster privileges [manage_security,all]',
    );
    const create = await put('mallory', { password: 'mallory-pass', roles: ['superuser'] }, ['alice', 'alice-new-password']);
    assert.equal(create.status, 403);
    const missing = await gw.request('PUT', '/_security/user/ghost/_password', { auth: admin, body: { password: 'ghost-password' } });
    assert.equal(missing.status, 400);
    assert.equal(missing.json.error.reason, 'Validation Failed: 1: user must exist in order to change password;');
  });

  it('reserved users: password can be set, user cannot be deleted; kibana_system then authenticates', async () => {
    const del = await gw.request('DELETE', '/_security/user/elastic', { auth: admin });
    assert.equal(del.status, 400);
    assert.match(del.json.error.reason, /user \[elastic\] is reserved and cannot be deleted/);
    assert.equal((await gw.request('GET', '/_security/_authenticate', { auth: ['kibana_system', 'whatever'] })).status, 401, 'no password set yet');
    await gw.request('POST', '/_security/user/kibana_system/_password', { auth: admin, body: { password: 'kibana-password' } });
    const me = await gw.request('GET', '/_security/_authenticate', { auth: ['kibana_system', 'kibana-password'] });
    assert.equal(me.status, 200);
    assert.deepEqual(me.json.roles, ['kibana_system']);
  });

  it('delete: found true, then 404 found false', async () => {
    await put('temp', { password: 'temp-password', roles: [] });
    assert.deepEqual((await gw.request('DELETE', '/_security/user/temp', { auth: admin })).json, { found: true });
    const again = await gw.request('DELETE', '/_security/user/temp', { auth: admin });
    assert.equal(again.status, 404);
    assert.deepEqual(again.json, { found: false });
    assert.equal((await gw.request('GET', '/_security/_authenticate', { auth: ['temp', 'temp-password'] })).status, 401);
  });

  it('realm cache clear answers with a nodes response', async () => {
    const r = await gw.request('POST', '/_security/realm/default_native/_clear_cache?usernames=joe', { auth: admin });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json._nodes, { total: 1, successful: 1, failed: 0 });
  });
});
