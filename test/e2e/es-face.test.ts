// The Elasticsearch face in front of OpenSearch: GET /, _xpack, _xpack/usage, _license served by the gateway
// (never forwarded), with ES's privileges, parameter checks and errors; `_authenticate`, token and API key
// bodies field for field as ES 9.1.5 writes them. The expected field names and messages were recorded from
// the reference ES (es-ref.sh, 9.1.5 with security on) with the same requests.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import bcrypt from 'bcrypt';
import { startGateway, type Gateway } from '../support/gateway.ts';
import { upstreamFlavor } from '../support/upstream.ts';

const PW = 'elastic-test-password';
const admin: [string, string] = ['elastic', PW];
const nobody: [string, string] = ['face-nobody', 'face-nobody-password'];

// ES 9.1.5's field names (es-ref: GET /, GET /_xpack?categories=build,license, GET /_license, _authenticate).
const MAIN_FIELDS = ['name', 'cluster_name', 'cluster_uuid', 'version', 'tagline'];
const VERSION_FIELDS = [
  'number', 'build_flavor', 'build_type', 'build_hash', 'build_date', 'build_snapshot', 'lucene_version',
  'minimum_wire_compatibility_version', 'minimum_index_compatibility_version',
];
const LICENSE_FIELDS = [
  'status', 'uid', 'type', 'issue_date', 'issue_date_in_millis', 'expiry_date', 'expiry_date_in_millis', 'max_nodes',
  'max_resource_units', 'issued_to', 'issuer', 'start_date_in_millis',
];
const AUTH_FIELDS = ['username', 'roles', 'full_name', 'email', 'metadata', 'enabled', 'authentication_realm', 'lookup_realm', 'authentication_type'];
const SERVICE_AUTH_FIELDS = ['username', 'roles', 'full_name', 'email', 'token', 'metadata', 'enabled', 'authentication_realm', 'lookup_realm', 'authentication_type'];
const TOKEN_FIELDS = ['access_token', 'type', 'expires_in', 'refresh_token', 'authentication'];
const API_KEY_GET_FIELDS = ['id', 'name', 'type', 'creation', 'invalidated', 'username', 'realm', 'realm_type', 'metadata', 'role_descriptors'];

/** ES's denial text for an action (es-ref, a user whose only role grants `read` on one index). */
const denied = (action: string, privileges: string) =>
  `action [${action}] is unauthorized for user [face-nobody] with effective roles [face-none], this action is granted by the cluster privileges [${privileges}]`;

/**
 * The test upstream's identity read from its node info and cluster state, which both engines serve (the
 * Elasticsearch integ-test zip has no GET / of its own: the gateway reads the same APIs then).
 */
async function upstreamIdentity() {
  const base = process.env.PORTCULLIS_TEST_UPSTREAM!;
  const nodes = await (await fetch(`${base}/_nodes/_local`)).json() as { cluster_name: string; nodes: Record<string, { name: string; version: string }> };
  const state = await (await fetch(`${base}/_cluster/state/metadata?filter_path=metadata.cluster_uuid`)).json() as { metadata: { cluster_uuid: string } };
  const node = Object.values(nodes.nodes)[0];
  return { name: node.name, cluster_name: nodes.cluster_name, cluster_uuid: state.metadata.cluster_uuid, version: node.version };
}

const FLAVOR = await upstreamFlavor();

describe('the Elasticsearch face', () => {
  let gw: Gateway;
  let upstreamMain: any;
  before(async () => {
    const hash = bcrypt.hashSync('face-file-password', 10);
    gw = await startGateway({
      elasticPassword: PW,
      config: 'xpack.security.authc.token.enabled: true\n',
      files: { users: `face-file:${hash}\n`, users_roles: 'superuser:face-file\n' },
    });
    await gw.request('PUT', '/_security/role/face-none', { auth: admin, body: { indices: [{ names: ['x'], privileges: ['read'] }] } });
    await gw.request('PUT', '/_security/user/face-nobody', { auth: admin, body: { password: nobody[1], roles: ['face-none'] } });
    upstreamMain = await upstreamIdentity();
  });
  after(async () => {
    await gw.stop();
    gw.cleanup();
  });

  it('GET / is ES 9’s answer: the upstream’s identity, the gateway’s version (an Elasticsearch upstream’s own), build_flavor, tagline', async () => {
    const r = await gw.request('GET', '/', { auth: admin });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(Object.keys(r.json), MAIN_FIELDS);
    assert.deepEqual(Object.keys(r.json.version), VERSION_FIELDS);
    assert.deepEqual([r.json.name, r.json.cluster_name, r.json.cluster_uuid], [upstreamMain.name, upstreamMain.cluster_name, upstreamMain.cluster_uuid]);
    assert.equal(r.json.version.number, FLAVOR === 'opensearch' ? '9.1.5' : upstreamMain.version);
    assert.equal(r.json.version.build_flavor, 'default');
    if (r.json.version.number.startsWith('9.')) assert.equal(r.json.version.minimum_wire_compatibility_version, '8.19.0');
    assert.equal(r.json.tagline, 'You Know, for Search');
    assert.equal(r.headers['x-elastic-product'], 'Elasticsearch');
    const head = await gw.request('HEAD', '/', { auth: admin });
    assert.equal(head.status, 200);
    assert.equal(head.text, '');
  });

  // In front of Elasticsearch the upstream's own version is shown, whatever is configured.
  it('the version is the configured one (portcullis.elasticsearch.version)', { skip: FLAVOR !== 'opensearch' && 'an Elasticsearch upstream shows its own version' }, async () => {
    const g = await startGateway({ elasticPassword: PW, config: 'portcullis.elasticsearch.version: 8.19.4\n' });
    try {
      const r = await g.request('GET', '/', { auth: admin });
      assert.equal(r.json.version.number, '8.19.4');
      assert.equal(r.json.version.minimum_wire_compatibility_version, '7.17.0');
      assert.equal(r.json.version.build_hash, 'unknown');
    } finally {
      await g.stop();
      g.cleanup();
    }
  });

  it('privileges as ES requires them; parameters are checked before authorization; no credentials is a 401', async () => {
    const cases: [string, string, string, string][] = [
      ['GET', '/', 'cluster:monitor/main', 'monitor,manage,all'],
      ['GET', '/_xpack', 'cluster:monitor/xpack/info', 'cross_cluster_replication,cross_cluster_search,monitor,manage,all'],
      ['GET', '/_xpack/usage', 'cluster:monitor/xpack/usage', 'monitor,manage,all'],
      ['GET', '/_license', 'cluster:monitor/xpack/license/get', 'monitor,manage,all'],
      ['GET', '/_license/basic_status', 'cluster:admin/xpack/license/basic_status', 'manage,all'],
      ['GET', '/_license/trial_status', 'cluster:admin/xpack/license/trial_status', 'manage,all'],
      ['DELETE', '/_license', 'cluster:admin/xpack/license/delete', 'manage,all'],
      ['POST', '/_license/start_basic', 'cluster:admin/xpack/license/start_basic', 'manage,all'],
    ];
    for (const [method, path, action, privileges] of cases) {
      const r = await gw.request(method, path, { auth: nobody });
      assert.equal(r.status, 403, `${method} ${path}: ${r.text}`);
      assert.equal(r.json.error.type, 'security_exception');
      assert.equal(r.json.error.reason, denied(action, privileges), `${method} ${path}`);
    }
    const bad = await gw.request('GET', '/_xpack?foo=1', { auth: nobody });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.reason, 'request [/_xpack] contains unrecognized parameter: [foo]');
    const cat = await gw.request('GET', '/_xpack?categories=bad', { auth: nobody });
    assert.equal(cat.json.error.reason, 'No enum constant org.elasticsearch.protocol.xpack.XPackInfoRequest.Category.BAD');
    const none = await gw.request('GET', '/');
    assert.equal(none.status, 401);
    assert.equal(none.json.error.reason, 'missing authentication credentials for REST request [/]');
  });

  it('_xpack: build, the gateway’s licence, every feature (security on, none other in front of OpenSearch)', async () => {
    const r = await gw.request('GET', '/_xpack?accept_enterprise=true', { auth: admin });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(Object.keys(r.json), ['build', 'license', 'features', 'tagline']);
    assert.deepEqual(Object.keys(r.json.license), ['uid', 'type', 'mode', 'status', 'expiry_date_in_millis']);
    assert.equal(r.json.license.status, 'active');
    assert.deepEqual(r.json.features.security, { available: true, enabled: true });
    assert.deepEqual(r.json.features.ilm, { available: false, enabled: false });
    assert.equal(r.json.tagline, 'You know, for X');
    const only = await gw.request('GET', '/_xpack?categories=license&human=false', { auth: admin });
    assert.deepEqual(Object.keys(only.json), ['license']);
    const no = await gw.request('GET', '/_xpack?accept_enterprise=false', { auth: admin });
    assert.equal(no.json.error.reason, 'The [accept_enterprise] parameters may not be false');
  });

  it('_xpack/usage: the security usage from the gateway’s realms and services', async () => {
    const r = await gw.request('GET', '/_xpack/usage', { auth: admin });
    assert.equal(r.status, 200, r.text);
    const s = r.json.security;
    assert.deepEqual([s.available, s.enabled], [true, true]);
    assert.deepEqual(s.realms.native.name, ['default_native']);
    assert.deepEqual(s.realms.file.name, ['default_file']);
    assert.deepEqual(s.realms.file.size, [1]); // face-file, as ES's file realm counts its users
    assert.ok((s.realms.native.size as number[])[0] >= 1);
    assert.deepEqual(Object.keys(s.realms.native.cache[0]), ['size']);
    assert.deepEqual(s.realms.saml, { available: false, enabled: false });
    assert.deepEqual(s.token_service, { enabled: true });
    assert.deepEqual(s.api_key_service, { enabled: true });
    assert.ok(s.roles.native.size >= 1);
    assert.deepEqual(r.json.ml, { available: false, enabled: false });
  });

  it('_license: ES’s fields, issued to the upstream cluster; writes are refused, never forwarded', async () => {
    const r = await gw.request('GET', '/_license', { auth: admin });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(Object.keys(r.json.license), LICENSE_FIELDS);
    assert.equal(r.json.license.issued_to, upstreamMain.cluster_name);
    assert.deepEqual((await gw.request('GET', '/_license/basic_status', { auth: admin })).json, { eligible_to_start_basic: false });
    assert.deepEqual((await gw.request('GET', '/_license/trial_status', { auth: admin })).json, { eligible_to_start_trial: false });
    const empty = await gw.request('PUT', '/_license', { auth: nobody });
    assert.equal(empty.json.error.reason, 'The license must be provided in the request body'); // before authorization, as ES
    for (const [method, path] of [['PUT', '/_license'], ['DELETE', '/_license'], ['POST', '/_license/start_trial?acknowledge=true']]) {
      const w = await gw.request(method, path, { auth: admin, body: { license: {} } });
      assert.equal(w.status, 400, `${method} ${path}`);
      assert.equal(w.json.error.type, 'illegal_argument_exception');
      assert.match(w.json.error.reason, /is not supported by the gateway/);
    }
    assert.equal((await gw.request('GET', '/_license', { auth: admin })).json.license.type, r.json.license.type);
    const del = await gw.request('DELETE', '/', { auth: nobody });
    assert.equal(del.status, 400); // ES: an index deletion naming no index, refused before authorization
    assert.equal(del.json.error.reason, 'Validation Failed: 1: index / indices is missing;');
    const post = await gw.request('POST', '/', { auth: admin });
    assert.deepEqual(post.json, { error: 'Incorrect HTTP method for uri [/] and method [POST], allowed: [GET, DELETE, HEAD]', status: 405 });
    const nothing = await gw.request('GET', '/_xpack/foo', { auth: admin });
    assert.deepEqual(nothing.json, { error: 'no handler found for uri [/_xpack/foo] and method [GET]' });
  });

  it('_authenticate: file, native and reserved users, an API key (api_key.managed_by), a service token, run-as', async () => {
    for (const auth of [admin, nobody, ['face-file', 'face-file-password'] as [string, string]]) {
      const r = await gw.request('GET', '/_security/_authenticate', { auth });
      assert.deepEqual(Object.keys(r.json), AUTH_FIELDS, auth[0]);
    }
    const key = await gw.request('POST', '/_security/api_key', { auth: admin, body: { name: 'face-key' } });
    const me = await gw.request('GET', '/_security/_authenticate', { headers: { Authorization: `ApiKey ${key.json.encoded}` } });
    assert.deepEqual(Object.keys(me.json), [...AUTH_FIELDS, 'api_key']);
    assert.deepEqual(me.json.api_key, { managed_by: 'elasticsearch', name: 'face-key', id: key.json.id });
    assert.deepEqual(me.json.roles, []);
    const own = await gw.request('GET', `/_security/api_key?id=${key.json.id}`, { auth: admin });
    assert.deepEqual(Object.keys(own.json.api_keys[0]), API_KEY_GET_FIELDS);
    const st = await gw.request('POST', '/_security/service/elastic/fleet-server/credential/token/face-t', { auth: admin });
    const sa = await gw.request('GET', '/_security/_authenticate', { headers: { Authorization: `Bearer ${st.json.token.value}` } });
    assert.deepEqual(Object.keys(sa.json), SERVICE_AUTH_FIELDS);
    assert.deepEqual(sa.json.token, { type: '_service_account_index', name: 'face-t' });
    const runAs = await gw.request('GET', '/_security/_authenticate', { auth: admin, headers: { 'es-security-runas-user': 'face-nobody' } });
    assert.deepEqual(Object.keys(runAs.json), AUTH_FIELDS);
    assert.deepEqual([runAs.json.authentication_realm, runAs.json.lookup_realm], [{ name: 'reserved', type: 'reserved' }, { name: 'default_native', type: 'native' }]);
  });

  it('token responses: ES’s fields, realm refs without order (password, refresh and client_credentials grants)', async () => {
    const t = await gw.request('POST', '/_security/oauth2/token', { auth: admin, body: { grant_type: 'password', username: nobody[0], password: nobody[1] } });
    assert.equal(t.status, 200, t.text);
    assert.deepEqual(Object.keys(t.json), TOKEN_FIELDS);
    assert.deepEqual(Object.keys(t.json.authentication), AUTH_FIELDS);
    assert.deepEqual(t.json.authentication.authentication_realm, { name: 'default_native', type: 'native' });
    assert.deepEqual(t.json.authentication.lookup_realm, { name: 'default_native', type: 'native' });
    const refreshed = await gw.request('POST', '/_security/oauth2/token', { auth: admin, body: { grant_type: 'refresh_token', refresh_token: t.json.refresh_token } });
    assert.deepEqual(Object.keys(refreshed.json), TOKEN_FIELDS);
    assert.deepEqual(Object.keys(refreshed.json.authentication), AUTH_FIELDS);
    assert.deepEqual(Object.keys(refreshed.json.authentication.authentication_realm), ['name', 'type']);
    const cc = await gw.request('POST', '/_security/oauth2/token', { auth: admin, body: { grant_type: 'client_credentials' } });
    assert.deepEqual(Object.keys(cc.json), ['access_token', 'type', 'expires_in', 'authentication']);
    assert.deepEqual(cc.json.authentication.authentication_realm, { name: 'reserved', type: 'reserved' });
  });
});

describe('filter_path on the answers the gateway serves', () => {
  let gw: Gateway;
  before(async () => {
    gw = await startGateway({ elasticPassword: PW });
  });
  after(async () => {
    await gw.stop();
    gw.cleanup();
  });

  it('is applied as ES applies it (the same filters on the reference ES give the same shapes)', async () => {
    assert.deepEqual((await gw.request('GET', '/?filter_path=version.number', { auth: admin })).json, { version: { number: '9.1.5' } });
    assert.deepEqual((await gw.request('GET', '/?filter_path=nothing.here', { auth: admin })).json, {});
    assert.deepEqual(Object.keys((await gw.request('GET', '/?filter_path=-version', { auth: admin })).json), ['name', 'cluster_name', 'cluster_uuid', 'tagline']);
    const key = await gw.request('POST', '/_security/api_key', { auth: admin, body: { name: 'face-filter' } });
    const ids = await gw.request('GET', '/_security/api_key?name=face-filter&filter_path=api_keys.id', { auth: admin });
    assert.deepEqual(ids.json, { api_keys: [{ id: key.json.id }] });
    assert.deepEqual((await gw.request('GET', '/_xpack?filter_path=features.security', { auth: admin })).json, { features: { security: { available: true, enabled: true } } });
  });
});
