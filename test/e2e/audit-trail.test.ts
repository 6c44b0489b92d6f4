// The audit trail wired into the gateway: each seed cause of a 401 staged for real, its events asserted
// field by field; the seed's `.security-audit-*` query run as written; no secret in any event.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startGateway, type Gateway } from '../support/gateway.ts';
import { eventually } from '../support/eventually.ts';

const PW = 'Audit-Elastic-Secret-91x';
const admin: [string, string] = ['elastic', PW];

function events(gw: Gateway): Record<string, unknown>[] {
  const dir = join(gw.dataDir, 'logs');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('_audit.json'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean))
    .map((l) => JSON.parse(l));
}


describe('audit trail', () => {
  let gw: Gateway;
  const secrets: string[] = [PW];
  before(async () => {
    gw = await startGateway({
      elasticPassword: PW,
      config: [
        'xpack.security.audit.enabled: true',
        'xpack.security.audit.outputs: [logfile, index]',
        'xpack.security.audit.logfile.events.include: _all',
        'xpack.security.audit.logfile.events.emit_request_body: true',
        'xpack.security.audit.index.flush_interval: 200ms',
        '',
      ].join('\n'),
    });
  });
  after(async () => {
    await gw.stop();
    gw.cleanup();
  });
  const byRequest = (id: string | undefined) => events(gw).filter((e) => e['request.id'] === id);
  const failedFor = async (opaque: string) =>
    eventually(() => events(gw).find((e) => e['event.action'] === 'authentication_failed' && e.opaque_id === opaque), `authentication_failed for ${opaque}`);

  it('no credentials: anonymous_access_denied (as ES writes it), with ES field names', async () => {
    await gw.request('GET', '/_cluster/health?pretty', { headers: { 'X-Opaque-Id': 'no-creds' } });
    const e = await eventually(() => events(gw).find((x) => x['event.action'] === 'anonymous_access_denied' && x.opaque_id === 'no-creds'), 'anonymous_access_denied');
    assert.equal(e.type, 'audit');
    assert.equal(e['event.type'], 'rest');
    assert.equal(e['origin.type'], 'rest');
    assert.match(String(e['origin.address']), /^127\.0\.0\.1:\d+$/);
    assert.equal(e['url.path'], '/_cluster/health');
    assert.equal(e['url.query'], 'pretty');
    assert.equal(e['request.method'], 'GET');
    assert.ok(e['request.id']);
    assert.equal(e['user.name'], undefined);
  });

  it('wrong password: authentication_failed with the principal, and one realm_authentication_failed per realm', async () => {
    secrets.push('Wrong-Audit-Secret-7');
    await gw.request('GET', '/', { auth: ['elastic', 'Wrong-Audit-Secret-7'], headers: { 'X-Opaque-Id': 'wrong-pw' } });
    const e = await failedFor('wrong-pw');
    assert.equal(e['user.name'], 'elastic');
    const related = byRequest(e['request.id'] as string);
    assert.ok(related.some((r) => r['event.action'] === 'realm_authentication_failed' && r.realm === 'reserved'));
  });

  it('a malformed header and an API key id sent alone are authentication_failed', async () => {
    await gw.request('GET', '/', { headers: { Authorization: 'Basic !!!', 'X-Opaque-Id': 'malformed' } });
    assert.ok(await failedFor('malformed'));
    const key = (await gw.request('POST', '/_security/api_key', { auth: admin, body: { name: 'audited' } })).json;
    secrets.push(key.api_key, key.encoded);
    await gw.request('GET', '/', { headers: { Authorization: `ApiKey ${key.id}`, 'X-Opaque-Id': 'id-alone' } });
    assert.ok(await failedFor('id-alone'));
    // an invalidated key
    await gw.request('DELETE', '/_security/api_key', { auth: admin, body: { ids: [key.id] } });
    await gw.request('GET', '/', { headers: { Authorization: `ApiKey ${key.encoded}`, 'X-Opaque-Id': 'invalidated' } });
    const inv = await failedFor('invalidated');
    assert.equal(inv['user.name'], key.id, 'the principal of an API key is its id');
  });

  it('success: authentication_success and access_granted linked by request.id, with realm and action', async () => {
    await gw.request('GET', '/_security/_authenticate', { auth: admin, headers: { 'X-Opaque-Id': 'ok' } });
    const granted = await eventually(() => events(gw).find((e) => e['event.action'] === 'access_granted' && e.opaque_id === 'ok'), 'access_granted');
    assert.equal(granted['user.name'], 'elastic');
    assert.equal(granted['user.realm'], 'reserved');
    assert.equal(granted.action, 'cluster:admin/xpack/security/user/authenticate');
    assert.equal(granted['authentication.type'], 'REALM');
    const success = byRequest(granted['request.id'] as string).find((e) => e['event.action'] === 'authentication_success');
    assert.ok(success, 'authentication_success for the same request');
  });

  it('denials are access_denied with the action; security changes are security_config_change without secrets', async () => {
    secrets.push('Audited-User-Secret-3');
    await gw.request('PUT', '/_security/user/auditee', { auth: admin, body: { password: 'Audited-User-Secret-3', roles: [] } });
    await gw.request('PUT', '/_security/user/other', { auth: ['auditee', 'Audited-User-Secret-3'], body: { password: 'xxxxxxxx', roles: [] }, headers: { 'X-Opaque-Id': 'denied' } });
    const denied = await eventually(() => events(gw).find((e) => e['event.action'] === 'access_denied' && e.opaque_id === 'denied'), 'access_denied');
    assert.equal(denied.action, 'cluster:admin/xpack/security/user/put');
    assert.equal(denied['user.name'], 'auditee');
    const change = await eventually(() => events(gw).find((e) => e['event.type'] === 'security_config_change' && e['event.action'] === 'put_user'), 'put_user change');
    assert.ok(JSON.stringify(change).includes('auditee'));
  });

  it("the seed's query finds authentication_failed in .security-audit-*, run as written", async () => {
    const query = { query: { bool: { must: [{ term: { 'event.action': 'authentication_failed' } }, { range: { '@timestamp': { gte: 'now-1h' } } }] } } };
    let found = 0;
    for (let i = 0; i < 60 && found === 0; i++) {
      const r = await gw.request('GET', '/.security-audit-*/_search', { auth: admin, body: query });
      found = r.json?.hits?.total?.value ?? 0;
      if (!found) await new Promise((res) => setTimeout(res, 200));
    }
    assert.ok(found >= 1, 'the query finds authentication_failed events');
  });

  it('no password, key or Authorization value appears in any event', () => {
    const all = JSON.stringify(events(gw));
    assert.ok(all.length > 1000, 'events were written');
    for (const s of secrets) {
      assert.ok(!all.includes(s), `secret in the audit log: ${s.slice(0, 4)}…`);
      assert.ok(!all.includes(Buffer.from(`elastic:${s}`).toString('base64')));
    }
  });
});
