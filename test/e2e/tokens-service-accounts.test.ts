// OAuth2 tokens and service accounts over HTTP, and the seed documents' jobs written from their commands:
// "Set up service account tokens for Elastic stack components", "Grant API keys on behalf of other users".
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { NODE, MAIN, startGateway, type Gateway } from '../support/gateway.ts';

const PW = 'elastic-test-password';
const admin: [string, string] = ['elastic', PW];

describe('tokens and service accounts', () => {
  let gw: Gateway;
  before(async () => {
    gw = await startGateway({ elasticPassword: PW, config: 'xpack.security.authc.token.enabled: true\n' });
    await gw.request('PUT', '/_security/user/tokuser', { auth: admin, body: { password: 'tokuser-password', roles: ['superuser'] } });
  });
  after(async () => {
    await gw.stop();
    gw.cleanup();
  });
  const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });

  it('password grant: access and refresh tokens, authentication_type token, refresh retry returns the same pair', async () => {
    const r = await gw.request('POST', '/_security/oauth2/token', { auth: admin, body: { grant_type: 'password', username: 'tokuser', password: 'tokuser-password' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.type, 'Bearer');
    assert.equal(r.json.expires_in, 1200);
    assert.equal(r.json.authentication.username, 'tokuser');
    const me = await gw.request('GET', '/_security/_authenticate', { headers: bearer(r.json.access_token) });
    assert.equal(me.json.username, 'tokuser');
    assert.equal(me.json.authentication_type, 'token');
    assert.deepEqual(me.json.authentication_realm, { name: 'default_native', type: 'native' });
    const refresh = () => gw.request('POST', '/_security/oauth2/token', { auth: admin, body: { grant_type: 'refresh_token', refresh_token: r.json.refresh_token } });
    const [a, b] = [await refresh(), await refresh()];
    assert.equal(a.json.access_token, b.json.access_token, 'within 30 s the same new pair');
    const wrongClient = await gw.request('POST', '/_security/oauth2/token', { auth: ['tokuser', 'tokuser-password'], body: { grant_type: 'refresh_token', refresh_token: r.json.refresh_token } });
    assert.deepEqual(wrongClient.json, { error: 'invalid_grant', error_description: 'tokens must be refreshed by the creating client' });
  });

  it('client_credentials has no refresh token; invalidated tokens get the expired-token challenge', async () => {
    const r = await gw.request('POST', '/_security/oauth2/token', { auth: ['tokuser', 'tokuser-password'], body: { grant_type: 'client_credentials' } });
    assert.equal(r.json.refresh_token, undefined);
    const inv = await gw.request('DELETE', '/_security/oauth2/token', { auth: admin, body: { token: r.json.access_token } });
    assert.deepEqual(inv.json, { invalidated_tokens: 1, previously_invalidated_tokens: 0, error_count: 0 });
    const after = await gw.request('GET', '/_security/_authenticate', { headers: bearer(r.json.access_token) });
    assert.equal(after.status, 401);
    assert.equal(after.headers['www-authenticate'], 'Bearer realm="security", error="invalid_token", error_description="The access token expired"');
    const byUser = await gw.request('DELETE', '/_security/oauth2/token', { auth: admin, body: { username: 'tokuser' } });
    assert.ok(byUser.json.invalidated_tokens >= 1);
  });

  it('token API errors are ES\'s OAuth2-shaped 400s', async () => {
    const cases: [unknown, string][] = [
      [{ grant_type: 'password', username: 'x' }, 'invalid_request'],
      [{ grant_type: 'magic' }, 'unsupported_grant_type'],
      [{ grant_type: 'refresh_token', refresh_token: 'not-a-token' }, 'invalid_grant'],
    ];
    for (const [body, error] of cases) {
      const r = await gw.request('POST', '/_security/oauth2/token', { auth: admin, body });
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.json.error, error);
    }
    const wrongPw = await gw.request('POST', '/_security/oauth2/token', { auth: admin, body: { grant_type: 'password', username: 'tokuser', password: 'wrong-password' } });
    assert.equal(wrongPw.status, 401);
  });

  it('seed job: set up service account tokens for Elastic stack components (API and CLI)', async () => {
    const accounts = await gw.request('GET', '/_security/service/elastic', { auth: admin });
    assert.deepEqual(Object.keys(accounts.json).sort(), ['elastic/auto-ops', 'elastic/fleet-server', 'elastic/fleet-server-remote', 'elastic/kibana']);
    assert.ok(accounts.json['elastic/fleet-server'].role_descriptor.cluster.includes('manage_own_api_key'));
    // POST /_security/service/elastic/fleet-server/credential/token/token1
    const created = await gw.request('POST', '/_security/service/elastic/fleet-server/credential/token/api-token-1', { auth: admin });
    assert.equal(created.status, 200, created.text);
    assert.equal(created.json.created, true);
    assert.equal(created.json.token.name, 'api-token-1');
    const me = await gw.request('GET', '/_security/_authenticate', { headers: bearer(created.json.token.value) });
    assert.equal(me.json.username, 'elastic/fleet-server');
    assert.deepEqual(me.json.authentication_realm, { name: '_service_account', type: '_service_account' });
    assert.deepEqual(me.json.token, { name: 'api-token-1', type: '_service_account_index' });
    assert.equal(me.json.authentication_type, 'token');
    // bin/elasticsearch-service-tokens create elastic/fleet-server token1
    const cli = spawnSync(NODE, ['--disable-warning=ExperimentalWarning', MAIN, 'service-tokens', 'create', 'elastic/fleet-server', 'token1', '--config', join(gw.configDir, 'portcullis.yml')], { encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    const m = /^SERVICE_TOKEN elastic\/fleet-server\/token1 = (\S+)$/m.exec(cli.stdout);
    assert.ok(m, cli.stdout);
    let fileMe;
    for (let i = 0; i < 40; i++) {
      fileMe = await gw.request('GET', '/_security/_authenticate', { headers: bearer(m[1]) });
      if (fileMe.status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(fileMe!.json.token, { name: 'token1', type: '_service_account_file' });
    const creds = await gw.request('GET', '/_security/service/elastic/fleet-server/credential', { auth: admin });
    assert.equal(creds.json.count, 2);
    assert.deepEqual(creds.json.tokens, { 'api-token-1': {} });
    assert.deepEqual(Object.keys(creds.json.nodes_credentials.file_tokens), ['token1']);
    // the fleet-server account may not manage users
    const denied = await gw.request('PUT', '/_security/user/sneaky', { headers: bearer(created.json.token.value), body: { password: 'xxxxxxxx', roles: ['superuser'] } });
    assert.equal(denied.status, 403);
    const del = await gw.request('DELETE', '/_security/service/elastic/fleet-server/credential/token/api-token-1', { auth: admin });
    assert.deepEqual(del.json, { found: true });
    assert.equal((await gw.request('GET', '/_security/_authenticate', { headers: bearer(created.json.token.value) })).status, 401, 'deleted token refused at once');
    const dup = await gw.request('POST', '/_security/service/elastic/kibana/credential/token/t', { auth: admin });
    assert.equal(dup.status, 200);
    assert.equal((await gw.request('POST', '/_security/service/elastic/kibana/credential/token/t', { auth: admin })).status, 409);
    assert.equal((await gw.request('POST', '/_security/service/elastic/nope/credential/token/t', { auth: admin })).status, 400);
    assert.equal((await gw.request('POST', '/_security/service/elastic/kibana/credential/token/_bad', { auth: admin })).status, 400);
  });

  it('seed job: grant API keys on behalf of other users', async () => {
    // POST /_security/api_key/grant { "grant_type": "password", "username": ..., "password": ..., "api_key": {...} }
    const r = await gw.request('POST', '/_security/api_key/grant', {
      auth: admin,
      body: {
        grant_type: 'password',
        username: 'tokuser',
        password: 'tokuser-password',
        api_key: { name: 'tokuser-key', expiration: '1d', role_descriptors: { reader: { indices: [{ names: ['logs-*'], privileges: ['read'] }] } } },
      },
    });
    assert.equal(r.status, 200, r.text);
    const me = await gw.request('GET', '/_security/_authenticate', { headers: { Authorization: `ApiKey ${r.json.encoded}` } });
    assert.equal(me.json.username, 'tokuser');
    assert.equal(me.json.api_key.name, 'tokuser-key');
    const listed = await gw.request('GET', '/_security/api_key?username=tokuser', { auth: admin });
    assert.ok(listed.json.api_keys.some((k: { name: string }) => k.name === 'tokuser-key'));
  });
});
