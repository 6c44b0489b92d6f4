// User profiles as ES 9.1 serves them (shapes checked against the reference ES): activate, get, update data,
// enable/disable, suggest, has privileges; durable across a kill -9 of the gateway.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startGateway, type Gateway } from '../support/gateway.ts';

const PW = 'elastic-test-password';
const admin: [string, string] = ['elastic', PW];
const ann: [string, string] = ['ann', 'ann-password'];
const uidOf = (username: string, n = 0) => `u_${createHash('sha256').update(username).digest('base64url')}_${n}`;

describe('user profiles API', () => {
  let gw: Gateway;
  const retired: Gateway[] = [];
  const req = (method: string, path: string, body?: unknown, auth = admin) => gw.request(method, path, { auth, body });
  const activate = (username: string, password: string) => req('POST', '/_security/profile/_activate', { grant_type: 'password', username, password });

  before(async () => {
    gw = await startGateway({ elasticPassword: PW, config: 'xpack.security.authc.token.enabled: true\n' });
    await req('PUT', '/_security/user/ann', { password: 'ann-password', roles: ['viewer'], full_name: 'Ann Apis', email: 'ann@x.io' });
    await req('PUT', '/_security/user/bob', { password: 'bob-password', roles: ['superuser'], full_name: 'Robert Tables' });
    await req('PUT', '/_security/role/profiler', { cluster: ['manage_user_profile'] });
    await req('PUT', '/_security/user/kib', { password: 'kib-password', roles: ['profiler'] });
  });
  after(async () => {
    await gw.stop();
    gw.cleanup();
    for (const g of retired) g.cleanup();
  });

  it('activation creates the profile with ES uid, user and version; again, it is the same profile', async () => {
    const r = await activate('ann', 'ann-password');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.uid, uidOf('ann'));
    assert.deepEqual(r.json.user, { username: 'ann', roles: ['viewer'], realm_name: 'default_native', email: 'ann@x.io', full_name: 'Ann Apis' });
    assert.deepEqual([r.json.enabled, r.json.labels, r.json.data, r.json._doc._primary_term], [true, {}, {}, 1]);
    assert.equal(typeof r.json.last_synchronized, 'number');
    const again = await activate('ann', 'ann-password');
    assert.equal(again.json.uid, r.json.uid);
    assert.deepEqual(again.json._doc, r.json._doc, 'an unchanged activation within 30 s writes nothing');
    const elastic = await activate('elastic', PW);
    assert.deepEqual(elastic.json.user, { username: 'elastic', roles: ['superuser'], realm_name: 'reserved' }, 'null email and full name are left out');
    assert.ok(elastic.json._doc._seq_no > r.json._doc._seq_no, 'one sequence over all profiles');
  });

  it('activation by access token; bad grants are ES errors', async () => {
    const tok = await req('POST', '/_security/oauth2/token', { grant_type: 'password', username: 'bob', password: 'bob-password' });
    const r = await req('POST', '/_security/profile/_activate', { grant_type: 'access_token', access_token: tok.json.access_token });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.uid, uidOf('bob'));
    const wrong = await activate('ann', 'wrong-password');
    assert.equal(wrong.status, 401);
    assert.equal(wrong.json.error.reason, 'unable to authenticate user [ann] for action [cluster:admin/xpack/security/profile/activate]');
    assert.ok(wrong.headers['www-authenticate']);
    const badToken = await req('POST', '/_security/profile/_activate', { grant_type: 'access_token', access_token: 'nope' });
    assert.equal(badToken.status, 401);
    assert.match(badToken.json.error.reason, /unable to authenticate user \[_bearer_token\]/);
    const cases: [unknown, string][] = [
      [{}, 'Validation Failed: 1: [grant_type] is required;'],
      [{ grant_type: 'password', username: 'ann' }, 'Validation Failed: 1: [password] is required for grant_type [password];'],
      [{ grant_type: 'bogus' }, 'Validation Failed: 1: grant_type [bogus] is not supported;'],
      [{ grant_type: 'access_token' }, 'Validation Failed: 1: [access_token] is required for grant_type [access_token];'],
      [{ grant_type: 'password', username: 'ann', password: 'x', run_as: 'y' }, '[1:2] [activate_profile_request] unknown field [run_as]'],
    ];
    for (const [body, reason] of cases) {
      const e = await req('POST', '/_security/profile/_activate', body);
      assert.equal(e.status, 400, JSON.stringify(body));
      assert.equal(e.json.error.reason, reason);
    }
    assert.equal((await req('POST', '/_security/profile/_activate')).json.error.reason, 'request body is required');
  });

  it('get: data keys filter, missing uids are errors, unknown parameters refused', async () => {
    const uid = uidOf('ann');
    const upd = await req('POST', `/_security/profile/${uid}/_data`, { labels: { app1: { tag: 'x' } }, data: { app1: { theme: 'dark', n: 1 }, app2: { z: 2 } } });
    assert.deepEqual(upd.json, { acknowledged: true });
    const none = await req('GET', `/_security/profile/${uid}`);
    assert.deepEqual([none.json.profiles[0].labels, none.json.profiles[0].data, none.json.errors], [{ app1: { tag: 'x' } }, {}, undefined]);
    assert.deepEqual((await req('GET', `/_security/profile/${uid}?data=app1`)).json.profiles[0].data, { app1: { theme: 'dark', n: 1 } });
    assert.deepEqual((await req('GET', `/_security/profile/${uid}?data=*`)).json.profiles[0].data, { app1: { theme: 'dark', n: 1 }, app2: { z: 2 } });
    assert.deepEqual((await req('GET', `/_security/profile/${uid}?data=app1.theme`)).json.profiles[0].data, { app1: { theme: 'dark' } });
    const mixed = await req('GET', `/_security/profile/${uid},u_nope_0`);
    assert.equal(mixed.json.profiles.length, 1);
    assert.deepEqual(mixed.json.errors, { count: 1, details: { u_nope_0: { type: 'resource_not_found_exception', reason: 'profile document not found' } } });
    const bad = await req('GET', `/_security/profile/${uid}?x=1`);
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.reason, `request [/_security/profile/${uid}] contains unrecognized parameter: [x]`);
    assert.equal((await req('PUT', `/_security/profile/${uid}`)).status, 405);
    assert.equal((await req('GET', '/_security/profile')).status, 400, 'no handler, as ES');
  });

  it('update data: objects merge, versions are checked, validation as ES', async () => {
    const uid = uidOf('ann');
    const cur = (await req('GET', `/_security/profile/${uid}`)).json.profiles[0]._doc;
    await req('POST', `/_security/profile/${uid}/_data?refresh=wait_for`, { data: { app1: { n: null, theme: 'light' } } });
    const after = (await req('GET', `/_security/profile/${uid}?data=app1`)).json.profiles[0];
    assert.deepEqual(after.data, { app1: { theme: 'light', n: null } });
    assert.equal(after._doc._seq_no, cur._seq_no + 1);
    const stale = await req('POST', `/_security/profile/${uid}/_data?if_seq_no=${cur._seq_no}&if_primary_term=1`, { data: { app1: { x: 1 } } });
    assert.equal(stale.status, 409);
    assert.equal(stale.json.error.type, 'version_conflict_engine_exception');
    assert.match(stale.json.error.reason, new RegExp(`required seqNo \\[${cur._seq_no}\\], primary term \\[1\\]. current document has seqNo \\[${after._doc._seq_no}\\]`));
    const fresh = await req('POST', `/_security/profile/${uid}/_data?if_seq_no=${after._doc._seq_no}&if_primary_term=1`, { data: { app1: { x: 1 } } });
    assert.equal(fresh.status, 200);
    const missing = await req('POST', '/_security/profile/u_nope_0/_data', { data: { a: {} } });
    assert.deepEqual([missing.status, missing.json.error.type, missing.json.error.reason], [404, 'document_missing_exception', '[profile_u_nope_0]: document missing']);
    const cases: [string, unknown, string][] = [
      ['', {}, 'Validation Failed: 1: update request is empty;'],
      ['', { data: { _app: {} } }, 'Validation Failed: 1: application name must not start with underscore, but found [_app];'],
      ['', { labels: { 'a.b': 1 } }, 'Validation Failed: 1: application name must not contain dot, but found [a.b];'],
      ['', { nope: {} }, '[1:2] [update_profile_data_request_payload] unknown field [nope]'],
      ['?refresh=bogus', { data: { a: {} } }, 'Unknown value for refresh: [bogus].'],
      ['?if_seq_no=x', { data: { a: {} } }, 'Failed to parse long parameter [if_seq_no] with value [x]'],
      ['?if_seq_no=1', { data: { a: {} } }, 'Validation Failed: 1: ifSeqNo is set, but primary term is [0];'],
    ];
    for (const [qs, body, reason] of cases) {
      const e = await req('POST', `/_security/profile/${uid}/_data${qs}`, body);
      assert.equal(e.status, 400, reason);
      assert.equal(e.json.error.reason, reason);
    }
  });

  it('suggest finds enabled profiles by name (prefix, fuzzy), hints rank, disable hides, activation re-enables', async () => {
    const uid = uidOf('ann');
    const names = async (body: unknown) => (await req('POST', '/_security/profile/_suggest', body)).json.profiles.map((p: any) => p.user.username);
    assert.deepEqual(await names({ name: 'ann' }), ['ann']);
    assert.deepEqual(await names({ name: 'robe' }), ['bob'], 'prefix of a full-name word');
    assert.deepEqual(await names({ name: 'tabels' }), ['bob'], 'within AUTO fuzziness');
    const hinted = await req('POST', '/_security/profile/_suggest', { hint: { uids: [uidOf('bob')] }, size: 1 });
    assert.deepEqual([hinted.json.total, hinted.json.profiles.map((p: any) => p.uid)], [{ value: 3, relation: 'eq' }, [uidOf('bob')]]);
    const withData = (await req('POST', '/_security/profile/_suggest', { name: 'ann', data: 'app2' })).json.profiles[0];
    assert.deepEqual(Object.keys(withData), ['uid', 'user', 'labels', 'data']);
    assert.deepEqual(withData.data, { app2: { z: 2 } });
    assert.deepEqual((await req('PUT', `/_security/profile/${uid}/_disable`)).json, { acknowledged: true });
    assert.equal((await req('GET', `/_security/profile/${uid}`)).json.profiles[0].enabled, false);
    assert.deepEqual(await names({ name: 'ann' }), []);
    assert.equal((await activate('ann', 'ann-password')).json.enabled, true);
    assert.deepEqual(await names({ name: 'ann' }), ['ann']);
    const errors: [unknown, string][] = [
      [{ size: -1 }, 'Validation Failed: 1: [size] parameter cannot be negative but was [-1];'],
      [{ hint: { uids: [] } }, 'Validation Failed: 1: [uids] hint cannot be empty;'],
      [{ hint: { labels: { a: ['x'], b: ['y'] } } }, 'Validation Failed: 1: [labels] hint supports a single key, got [a,b];'],
      [{ bogus: 1 }, '[1:2] [suggest_profile_request_payload] unknown field [bogus]'],
    ];
    for (const [body, reason] of errors) assert.equal((await req('POST', '/_security/profile/_suggest', body)).json.error.reason, reason);
    assert.equal((await req('PUT', '/_security/profile/u_nope_0/_enable')).status, 404);
    assert.equal((await req('PUT', `/_security/profile/${uid}/_enable`, { a: 1 })).status, 400, 'no body allowed');
  });

  it('has privileges: the profiles whose users hold all, errors for missing uids and unknown privileges', async () => {
    const body = (privileges: unknown, uids = [uidOf('ann'), uidOf('bob'), 'u_nope_0']) => ({ uids, privileges });
    const r = await req('POST', '/_security/profile/_has_privileges', body({ cluster: ['manage'], index: [{ names: ['x'], privileges: ['read'] }] }));
    assert.deepEqual(r.json, {
      has_privilege_uids: [uidOf('bob')],
      errors: { count: 1, details: { u_nope_0: { type: 'resource_not_found_exception', reason: 'profile document not found' } } },
    });
    const unknown = await req('POST', '/_security/profile/_has_privileges', body({ cluster: ['bogus'] }, [uidOf('bob')]));
    assert.equal(unknown.json.errors.details[uidOf('bob')].type, 'illegal_argument_exception');
    assert.equal((await req('POST', '/_security/profile/_has_privileges', body({ cluster: ['manage'] }, []))).json.error.reason, 'Validation Failed: 1: profile uids list must not be empty;');
    assert.equal((await req('POST', '/_security/profile/_has_privileges', { uids: ['a'] })).json.error.reason, 'Required [privileges]');
  });

  it('privileges as ES: manage_user_profile may manage, a viewer may not', async () => {
    const kib: [string, string] = ['kib', 'kib-password'];
    assert.equal((await req('POST', '/_security/profile/_suggest', { name: 'ann' }, kib)).status, 200);
    assert.equal((await req('POST', `/_security/profile/${uidOf('ann')}/_data`, { data: { k: { v: 1 } } }, kib)).status, 200);
    const denied = await req('GET', `/_security/profile/${uidOf('ann')}`, undefined, ann);
    assert.equal(denied.status, 403);
    assert.equal(
      denied.json.error.reason,
      'action [cluster:admin/xpack/security/profile/get] is unauthorized for user [ann] with effective roles [viewer], this action is granted by the cluster privileges [manage_user_profile,read_security,manage_security,all]',
    );
  });

  it('query users: fields, sorting, paging, profile uids and ES errors', async () => {
    const q = (body: unknown, qs = '') => req('POST', `/_security/_query/user${qs}`, body);
    const one = await q({ query: { match: { full_name: 'ann' } } }, '?with_profile_uid=true');
    assert.deepEqual(one.json, {
      total: 1,
      count: 1,
      users: [{ username: 'ann', roles: ['viewer'], full_name: 'Ann Apis', email: 'ann@x.io', metadata: {}, enabled: true, profile_uid: uidOf('ann') }],
    });
    const sorted = await q({ query: { terms: { roles: ['viewer', 'superuser', 'profiler'] } }, sort: [{ username: { order: 'desc' } }], size: 2 });
    assert.deepEqual([sorted.json.total, sorted.json.users.map((u: any) => [u.username, u._sort])], [3, [['kib', ['kib']], ['bob', ['bob']]]]);
    const both = await q({ query: { term: { username: 'bob' } }, sort: ['username'] }, '?with_profile_uid');
    assert.deepEqual(Object.keys(both.json.users[0]), ['username', 'roles', 'full_name', 'email', 'metadata', 'enabled', '_sort', 'profile_uid'], 'ES order');
    const next = await q({ sort: ['username'], search_after: ['bob'] });
    assert.deepEqual(next.json.users.map((u: any) => u.username), ['kib']);
    assert.deepEqual((await q({ query: { ids: { values: ['user-bob'] } } })).json.users.map((u: any) => u.username), ['bob']);
    assert.deepEqual((await q({ query: { simple_query_string: { query: 'tables' } } })).json.users.map((u: any) => u.username), ['bob']);
    const errors: [unknown, string][] = [
      [{ query: { term: { password: 'x' } } }, 'Field [password] is not allowed for querying or aggregation'],
      [{ sort: ['full_name'] }, 'sorting is not supported for field [full_name]'],
      [{ aggs: {} }, '[1:2] [query_user_request_payload] unknown field [aggs]'],
      [{ from: -1 }, 'Validation Failed: 1: [from] parameter cannot be negative but was [-1];'],
      [{ search_after: ['a'] }, 'Sort must contain at least one field.'],
      [{ query: { script: {} } }, 'Query type [script] is not currently supported in this context'],
    ];
    for (const [body, reason] of errors) {
      const e = await q(body);
      assert.equal(e.status, 400, reason);
      assert.equal(e.json.error.reason, reason);
    }
    assert.equal((await q(undefined, '?size=2')).json.error.reason, 'request [/_security/_query/user] contains unrecognized parameter: [size]');
    assert.equal((await req('GET', '/_security/_query/user', undefined, ann)).status, 403);
  });

  it('a profile and its data survive kill -9 of the gateway', async () => {
    const uid = uidOf('ann');
    await req('POST', `/_security/profile/${uid}/_data`, { labels: { durable: 'yes' } });
    const before = (await req('GET', `/_security/profile/${uid}?data=*`)).json.profiles[0];
    await gw.kill9();
    retired.push(gw);
    gw = await startGateway({ dataDir: gw.dataDir, elasticPassword: PW, config: 'xpack.security.authc.token.enabled: true\n' });
    assert.deepEqual((await req('GET', `/_security/profile/${uid}?data=*`)).json.profiles[0], before);
    assert.equal((await activate('ann', 'ann-password')).json.uid, uid, 'activation after a restart finds the stored profile');
  });
});
