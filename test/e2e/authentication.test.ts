// The front door against a real OpenSearch: Elasticsearch's 401/400 bodies and challenges, Basic auth,
// malformed headers, and proxied requests for the superuser only (until authorization lands).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startGateway, basic, type Gateway } from '../support/gateway.ts';

const PW = 'elastic-test-password';

describe('authentication at the front door', () => {
  let gw: Gateway;
  before(async () => {
    gw = await startGateway({ elasticPassword: PW });
  });
  after(async () => {
    await gw.stop();
    gw.cleanup();
  });

  it('no credentials: 401 with ES body and challenges as headers and in the body', async () => {
    const r = await gw.request('GET', '/_cluster/health?pretty');
    assert.equal(r.status, 401);
    const reason = 'missing authentication credentials for REST request [/_cluster/health?pretty]';
    const challenges = ['Basic realm="security", charset="UTF-8"', 'ApiKey'];
    assert.deepEqual(r.json, {
      error: {
        root_cause: [{ type: 'security_exception', reason, header: { 'WWW-Authenticate': challenges } }],
        type: 'security_exception',
        reason,
        header: { 'WWW-Authenticate': challenges },
      },
      status: 401,
    });
    const sent = r.rawHeaders.filter((_, i) => i % 2 === 1 && r.rawHeaders[i - 1].toLowerCase() === 'www-authenticate');
    assert.deepEqual(sent, challenges);
    assert.equal(r.headers['x-elastic-product'], 'Elasticsearch');
  });

  it('wrong password and unknown user: "unable to authenticate user [...]"', async () => {
    for (const user of ['elastic', 'nobody']) {
      const r = await gw.request('GET', '/', { auth: [user, 'not-the-password'] });
      assert.equal(r.status, 401);
      assert.equal(r.json.error.reason, `unable to authenticate user [${user}] for REST request [/]`);
      assert.equal(r.json.error.type, 'security_exception');
    }
  });

  it('malformed Authorization headers are 401s with ES messages, never 500', async () => {
    const cases: [string, string][] = [
      ['Basic =', 'invalid basic authentication header encoding'],
      ['Basic !!!notbase64', 'invalid basic authentication header encoding'],
      [`Basic ${Buffer.from('no-colon-here').toString('base64')}`, 'invalid basic authentication header value'],
    ];
    for (const [header, reason] of cases) {
      const r = await gw.request('GET', '/_security/_authenticate', { headers: ['Authorization', header] });
      assert.equal(r.status, 401, header);
      assert.equal(r.json.error.reason, reason, header);
      assert.ok(r.json.error.header['WWW-Authenticate'], 'challenges included');
    }
    // An unreadable ApiKey value is not refused at once (ES 9.1): the chain goes on and names the reason.
    const apiKeys: [string, string][] = [
      ['ApiKey %%%', 'API key: Illegal base64 character 25'],
      [`ApiKey ${Buffer.from('idonly').toString('base64')}`, 'API key: invalid ApiKey value'],
    ];
    for (const [header, extra] of apiKeys) {
      const r = await gw.request('GET', '/_security/_authenticate', { headers: ['Authorization', header] });
      assert.equal(r.status, 401, header);
      assert.equal(r.json.error.reason, 'unable to authenticate with provided credentials and anonymous access is not allowed for this request');
      assert.equal(r.json.error.additional_unsuccessful_credentials, extra, header);
    }
  });

  it('an unknown scheme, or a bare "Basic" (HTTP trims the trailing space), counts as no credentials', async () => {
    for (const header of ['Digest username="x"', 'Basic ']) {
      const r = await gw.request('GET', '/', { headers: ['Authorization', header] });
      assert.equal(r.status, 401);
      assert.match(r.json.error.reason, /^missing authentication credentials/);
    }
  });

  it('two different Authorization headers: 400, as ES', async () => {
    const r = await gw.request('GET', '/', { headers: ['Authorization', basic('elastic', PW), 'Authorization', basic('elastic', 'x')] });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.type, 'illegal_argument_exception');
    assert.equal(r.json.error.reason, 'multiple values for single-valued header [Authorization].');
    const same = await gw.request('GET', '/_security/_authenticate', { headers: ['Authorization', basic('elastic', PW), 'Authorization', basic('elastic', PW)] });
    assert.equal(same.status, 200, 'the same value twice is one value');
  });

  it('the Basic header written by hand works like -u', async () => {
    const r = await gw.request('GET', '/_security/_authenticate', { headers: { Authorization: `Basic ${Buffer.from(`elastic:${PW}`).toString('base64')}` } });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, {
      username: 'elastic',
      roles: ['superuser'],
      full_name: null,
      email: null,
      metadata: { _reserved: true },
      enabled: true,
      authentication_realm: { name: 'reserved', type: 'reserved' },
      lookup_realm: { name: 'reserved', type: 'reserved' },
      authentication_type: 'realm',
    });
  });

  it('proxies GET / and _cluster/health to the cluster for the superuser', async () => {
    const root = await gw.request('GET', '/', { auth: ['elastic', PW] });
    // Whatever the upstream (even the Elasticsearch integ-test zip, which has no GET / handler), ES's answer.
    assert.equal(root.status, 200, root.text);
    assert.match(root.json.version.number, /^\d+\.\d+\.\d+/);
    assert.equal(root.json.version.build_flavor, 'default');
    assert.equal(root.headers['x-elastic-product'], 'Elasticsearch');
    const health = await gw.request('GET', '/_cluster/health', { auth: ['elastic', PW], headers: { 'X-Opaque-Id': 'opaque-123' } });
    assert.equal(health.status, 200);
    assert.ok(['green', 'yellow'].includes(health.json.status));
    assert.equal(health.headers['x-opaque-id'], 'opaque-123');
  });

  it('streams request bodies to the cluster and back', async () => {
    const auth: [string, string] = ['elastic', PW];
    const doc = { title: 'é'.repeat(10_000), n: 1 };
    const put = await gw.request('PUT', '/e2e-proxy/_doc/1?refresh=true', { auth, body: doc });
    assert.equal(put.status, 201, put.text);
    const got = await gw.request('GET', '/e2e-proxy/_doc/1', { auth });
    assert.deepEqual(got.json._source, doc);
    const del = await gw.request('DELETE', '/e2e-proxy', { auth });
    assert.equal(del.status, 200);
  });

  it('users without the superuser role are refused before anything is forwarded', async () => {
    const auth: [string, string] = ['elastic', PW];
    const put = await gw.request('PUT', '/_security/user/plain_user', { auth, body: { password: 'plain-password', roles: ['viewer'] } });
    assert.equal(put.status, 200, put.text);
    const r = await gw.request('PUT', '/should-not-exist', { auth: ['plain_user', 'plain-password'] });
    assert.equal(r.status, 403);
    assert.equal(r.json.error.type, 'security_exception');
    assert.match(r.json.error.reason, /is unauthorized for user \[plain_user\] with effective roles \[viewer\]/);
    const exists = await gw.request('HEAD', '/should-not-exist', { auth });
    assert.equal(exists.status, 404, 'the index was never created');
    const me = await gw.request('GET', '/_security/_authenticate', { auth: ['plain_user', 'plain-password'] });
    assert.equal(me.status, 200, 'but every user may call _authenticate');
    assert.equal(me.json.authentication_realm.name, 'default_native');
  });

  it('unknown _security endpoints and wrong methods are answered here, as ES does', async () => {
    const auth: [string, string] = ['elastic', PW];
    const none = await gw.request('GET', '/_security/nothing_here', { auth });
    assert.equal(none.status, 400);
    assert.deepEqual(none.json, { error: 'no handler found for uri [/_security/nothing_here] and method [GET]' });
    const wrong = await gw.request('DELETE', '/_security/_authenticate', { auth });
    assert.equal(wrong.status, 405);
    assert.deepEqual(wrong.json, { error: 'Incorrect HTTP method for uri [/_security/_authenticate] and method [DELETE], allowed: [GET]', status: 405 });
  });
});
