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
        'xpack.security.authc.token.enabled: true',
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

  it('a wrong password inside an OAuth2 password grant or an API key grant is authentication_failed for the grant\'s user (as ES)', async () => {
    secrets.push('Grant-Wrong-Secret-5', 'Grant-Right-Secret-6');
    await gw.request('PUT', '/_security/user/grantee', { auth: admin, body: { password: 'Grant-Right-Secret-6', roles: [] } });
    const token = await gw.request('POST', '/_security/oauth2/token', { auth: admin, body: { grant_type: 'password', username: 'grantee', password: 'Grant-Wrong-Secret-5' }, headers: { 'X-Opaque-Id': 'token-grant' } });
    assert.equal(token.status, 401, token.text);
    const t = await failedFor('token-grant');
    assert.equal(t['user.name'], 'grantee', 'the grant names the user, not the client (elastic)');
    assert.equal(t['event.type'], 'transport');
    assert.equal(t.action, 'cluster:admin/xpack/security/token/create');
    assert.equal(t['request.name'], 'CreateTokenRequest');
    assert.ok(byRequest(t['request.id'] as string).some((e) => e['event.action'] === 'realm_authentication_failed' && e['user.name'] === 'grantee'));
    const grant = await gw.request('POST', '/_security/api_key/grant', {
      auth: admin,
      body: { grant_type: 'password', username: 'grantee', password: 'Grant-Wrong-Secret-5', api_key: { name: 'g' } },
      headers: { 'X-Opaque-Id': 'key-grant' },
    });
    assert.equal(grant.status, 403, grant.text); // ES 9.1: "Failed to authenticate api key grant", caused by the 401
    const g = await failedFor('key-grant');
    assert.equal(g['user.name'], 'grantee');
    assert.equal(g.action, 'cluster:admin/xpack/security/api_key/grant');
    assert.equal(g['request.name'], 'GrantApiKeyRequest');
  });

  it('items denied inside _bulk, _mget and _msearch are each access_denied with the item action and index', async () => {
    await gw.request('PUT', '/audit-open/_doc/1?refresh=true', { auth: admin, body: { n: 1 } });
    await gw.request('PUT', '/audit-closed/_doc/1?refresh=true', { auth: admin, body: { n: 1 } });
    await gw.request('PUT', '/_security/role/audit_open', { auth: admin, body: { indices: [{ names: ['audit-open'], privileges: ['read', 'write'] }] } });
    secrets.push('Item-User-Secret-8');
    await gw.request('PUT', '/_security/user/itemuser', { auth: admin, body: { password: 'Item-User-Secret-8', roles: ['audit_open'] } });
    const as = { auth: ['itemuser', 'Item-User-Secret-8'] as [string, string] };
    const nd = (lines: unknown[], opaque: string) => ({ ...as, body: lines.map((l) => JSON.stringify(l)).join('\n') + '\n', headers: { 'Content-Type': 'application/x-ndjson', 'X-Opaque-Id': opaque } });
    const deniedFor = (opaque: string) => eventually(() => { const d = events(gw).filter((e) => e['event.action'] === 'access_denied' && e.opaque_id === opaque); return d.length ? d : undefined; }, `access_denied for ${opaque}`);

    const bulk = await gw.request('POST', '/_bulk', nd([{ index: { _index: 'audit-closed', _id: '2' } }, { n: 2 }, { index: { _index: 'audit-open', _id: '2' } }, { n: 2 }, { delete: { _index: 'audit-closed', _id: '1' } }], 'bulk-items'));
    assert.equal(bulk.status, 200);
    const b = await deniedFor('bulk-items');
    assert.deepEqual(b.map((e) => [e.action, e.indices]).sort(), [['indices:data/write/delete', ['audit-closed']], ['indices:data/write/index:op_type/index', ['audit-closed']]]);
    assert.ok(b.every((e) => e['user.name'] === 'itemuser' && e['request.name'] === 'BulkItemRequest' && e['event.type'] === 'transport'));

    const mget = await gw.request('POST', '/_mget', { ...as, body: { docs: [{ _index: 'audit-closed', _id: '1' }, { _index: 'audit-open', _id: '1' }] }, headers: { 'X-Opaque-Id': 'mget-items' } });
    assert.equal(mget.status, 200);
    const m = await deniedFor('mget-items');
    assert.deepEqual(m.map((e) => [e.action, e.indices, e['request.name']]), [['indices:data/read/mget[shard]', ['audit-closed'], 'MultiGetShardRequest']]);

    const msearch = await gw.request('POST', '/_msearch', nd([{ index: 'audit-closed' }, {}, { index: 'audit-open' }, {}], 'msearch-items'));
    assert.equal(msearch.status, 200);
    const s = await deniedFor('msearch-items');
    assert.deepEqual(s.map((e) => [e.action, e.indices, e['request.name']]), [['indices:data/read/search', ['audit-closed'], 'SearchRequest']]);
  });

  it('an event carrying 1 MiB of metadata is written capped (64 KiB a line), with the truncation marker', async () => {
    const blob = 'm'.repeat(1 << 20);
    const r = await gw.request('PUT', '/_security/role/huge_meta', { auth: admin, body: { cluster: ['monitor'], metadata: { blob } }, headers: { 'X-Opaque-Id': 'huge' } });
    assert.equal(r.status, 200);
    const change = await eventually(() => events(gw).find((e) => e['event.action'] === 'put_role' && JSON.stringify(e).includes('huge_meta')), 'put_role change');
    const lines = readdirSync(join(gw.dataDir, 'logs')).filter((f) => f.endsWith('_audit.json')).flatMap((f) => readFileSync(join(gw.dataDir, 'logs', f), 'utf8').split('\n'));
    const longest = Math.max(...lines.map((l) => Buffer.byteLength(l)));
    assert.ok(longest <= 64 * 1024, `longest audit line: ${longest} bytes`);
    assert.ok(JSON.stringify(change).includes('...[truncated]'));
    assert.equal((change.put as { role: { name: string } }).role.name, 'huge_meta', 'what fits is kept');
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
