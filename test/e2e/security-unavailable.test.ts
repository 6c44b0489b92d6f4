// The security settings API, and the _security APIs of features the gateway does not have: ES's shapes,
// the caller's privileges checked first, never forwarded to the cluster.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startGateway, type Gateway } from '../support/gateway.ts';

const PW = 'elastic-test-password';
const admin: [string, string] = ['elastic', PW];
const viewer: [string, string] = ['vera', 'vera-password'];

describe('security settings and unavailable security features', () => {
  let gw: Gateway;
  const req = (method: string, path: string, body?: unknown, auth = admin) => gw.request(method, path, { auth, body });
  before(async () => {
    gw = await startGateway({ elasticPassword: PW });
    await req('PUT', '/_security/user/vera', { password: 'vera-password', roles: ['viewer'] });
  });
  after(async () => {
    await gw.stop();
    gw.cleanup();
  });

  it('GET settings: no security index is in use, so each section is empty (ES for indices not in use)', async () => {
    const r = await req('GET', '/_security/settings?master_timeout=10s');
    assert.deepEqual(r.json, { security: {}, 'security-tokens': {}, 'security-profile': {} });
    assert.equal((await req('GET', '/_security/settings?bogus=1')).json.error.reason, 'request [/_security/settings] contains unrecognized parameter: [bogus]');
    const denied = await req('GET', '/_security/settings', undefined, viewer);
    assert.equal(denied.status, 403);
    assert.match(denied.json.error.reason, /this action is granted by the cluster privileges \[read_security,manage_security,all\]/);
  });

  it('PUT settings: validated as ES; a valid update names the index not in use', async () => {
    const cases: [unknown, string][] = [
      [{}, 'Validation Failed: 1: No settings given to update;'],
      [{ security: {} }, 'Validation Failed: 1: No settings given to update;'],
      [{ bogus: {} }, '[1:2] [update_security_settings_request] unknown field [bogus]'],
      [
        { security: { 'index.refresh_interval': '1s' } },
        'Validation Failed: 1: illegal setting for index [security]: [index.refresh_interval], this setting may not be configured. Only the following settings may be configured for that index: [index.auto_expand_replicas, index.number_of_replicas, index.routing.allocation.include._tier_preference];',
      ],
      [{ 'security-tokens': { 'index.number_of_replicas': 0 } }, 'the [.security-tokens] index is not in use on this system yet'],
      [{ security: { 'index.auto_expand_replicas': '0-1' } }, 'the [.security] index is not in use on this system yet'],
    ];
    for (const [body, reason] of cases) {
      const r = await req('PUT', '/_security/settings', body);
      assert.equal(r.status, 400, reason);
      assert.equal(r.json.error.reason, reason);
    }
    assert.equal((await req('POST', '/_security/settings', {})).status, 405);
  });

  it('role mappings, SAML, OIDC, PKI delegation, cross-cluster keys: ES feature-not-enabled error after authorization', async () => {
    const cases: [string, string, unknown, string][] = [
      ['GET', '/_security/role_mapping', undefined, 'role_mappings'],
      ['PUT', '/_security/role_mapping/m1', { roles: ['viewer'], rules: { field: { username: '*' } }, enabled: true }, 'role_mappings'],
      ['DELETE', '/_security/role_mapping/m1', undefined, 'role_mappings'],
      ['POST', '/_security/saml/prepare', { realm: 'saml1' }, 'saml'],
      ['GET', '/_security/saml/metadata/saml1', undefined, 'saml'],
      ['POST', '/_security/oidc/authenticate', { redirect_uri: 'x', state: 'y', nonce: 'z' }, 'oidc'],
      ['POST', '/_security/delegate_pki', { x509_certificate_chain: ['MIIB'] }, 'pki_delegation'],
      ['POST', '/_security/cross_cluster/api_key', { name: 'k', access: {} }, 'cross_cluster_api_keys'],
    ];
    for (const [method, path, body, feature] of cases) {
      const r = await req(method, path, body);
      assert.equal(r.status, 400, `${method} ${path}: ${r.text}`);
      assert.equal(r.json.error.type, 'feature_not_enabled_exception');
      assert.equal(r.json.error['es.disabled.feature'], feature);
    }
    const denied = await req('GET', '/_security/role_mapping', undefined, viewer);
    assert.equal(denied.status, 403);
    assert.match(denied.json.error.reason, /action \[cluster:admin\/xpack\/security\/role_mapping\/get\] is unauthorized for user \[vera\]/);
    assert.equal((await req('GET', '/_security/cross_cluster/api_key')).status, 405, 'wrong method: 405 as ES');
  });

  it('an unknown _security path is ES no-handler answer, from the gateway', async () => {
    const r = await req('GET', '/_security/stats');
    assert.equal(r.status, 400);
    assert.deepEqual(r.json, { error: 'no handler found for uri [/_security/stats] and method [GET]' });
    assert.deepEqual((await req('POST', '/_security/profile/x/y/z', {})).json, { error: 'no handler found for uri [/_security/profile/x/y/z] and method [POST]' });
  });
});
