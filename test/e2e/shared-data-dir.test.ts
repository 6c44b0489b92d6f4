// Two gateway processes on one data dir: a revocation made through one is effective on the other within
// the change feed's bound (one poll interval, 1 s; asserted with slack for a loaded machine), although the
// other had the credential cached (API keys are cached for a day by default).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startGateway, type Gateway } from '../support/gateway.ts';

const PW = 'elastic-test-password';
const admin: [string, string] = ['elastic', PW];
/** The documented bound is 1 s (the poll interval); the slack covers two busy cores. */
const BOUND_MS = 2_500;

describe('two gateways on one data dir', () => {
  let a: Gateway;
  let b: Gateway;
  before(async () => {
    a = await startGateway({ elasticPassword: PW });
    b = await startGateway({ dataDir: a.dataDir, elasticPassword: PW });
  });
  after(async () => {
    await b.stop();
    await a.stop();
    b.cleanup();
    a.cleanup();
  });

  /** Repeats `probe` on gateway b until it answers `status`; returns how long that took after the change. */
  async function until(status: number, probe: () => Promise<{ status: number }>): Promise<number> {
    const start = Date.now();
    for (;;) {
      const r = await probe();
      if (r.status === status) return Date.now() - start;
      assert.ok(Date.now() - start < BOUND_MS + 2_000, `still ${r.status} after ${Date.now() - start} ms`);
      await new Promise((res) => setTimeout(res, 25));
    }
  }
  const asKey = (encoded: string) => ({ Authorization: `ApiKey ${encoded}` });

  it('an API key invalidated on one stops working on the other', async () => {
    const k = (await a.request('POST', '/_security/api_key', { auth: admin, body: { name: 'shared-1' } })).json;
    assert.equal((await b.request('GET', '/_security/_authenticate', { headers: asKey(k.encoded) })).status, 200, 'cached on b');
    assert.equal((await b.request('GET', '/_security/_authenticate', { headers: asKey(k.encoded) })).status, 200);
    const inv = await a.request('DELETE', '/_security/api_key', { auth: admin, body: { ids: [k.id] } });
    assert.deepEqual(inv.json.invalidated_api_keys, [k.id]);
    const took = await until(401, () => b.request('GET', '/_security/_authenticate', { headers: asKey(k.encoded) }));
    assert.ok(took <= BOUND_MS, `took ${took} ms`);
  });

  it('an API key narrowed on one is narrowed on the other', async () => {
    const k = (await a.request('POST', '/_security/api_key', { auth: admin, body: { name: 'shared-2', role_descriptors: { r: { cluster: ['monitor'] } } } })).json;
    assert.equal((await b.request('GET', '/_cluster/health', { headers: asKey(k.encoded) })).status, 200, 'cached on b, with monitor');
    const up = await a.request('PUT', `/_security/api_key/${k.id}`, { auth: admin, body: { role_descriptors: { r: { cluster: [] } } } });
    assert.deepEqual(up.json, { updated: true });
    const took = await until(403, () => b.request('GET', '/_cluster/health', { headers: asKey(k.encoded) }));
    assert.ok(took <= BOUND_MS, `took ${took} ms`);
    assert.equal((await b.request('GET', '/_security/_authenticate', { headers: asKey(k.encoded) })).status, 200, 'the key itself still works');
  });

  it('a service token deleted on one stops working on the other', async () => {
    const created = await a.request('POST', '/_security/service/elastic/fleet-server/credential/token/shared-t1', { auth: admin });
    const bearer = { Authorization: `Bearer ${created.json.token.value}` };
    assert.equal((await b.request('GET', '/_security/_authenticate', { headers: bearer })).status, 200, 'cached on b');
    const del = await a.request('DELETE', '/_security/service/elastic/fleet-server/credential/token/shared-t1', { auth: admin });
    assert.deepEqual(del.json, { found: true });
    const took = await until(401, () => b.request('GET', '/_security/_authenticate', { headers: bearer }));
    assert.ok(took <= BOUND_MS, `took ${took} ms`);
  });

  it('a native user deleted, and a role narrowed, on one are effective on the other', async () => {
    await a.request('PUT', '/_security/role/shared-monitor', { auth: admin, body: { cluster: ['monitor'] } });
    await a.request('PUT', '/_security/user/shared-joe', { auth: admin, body: { password: 'shared-joe-pw', roles: ['shared-monitor'] } });
    const joe: [string, string] = ['shared-joe', 'shared-joe-pw'];
    assert.equal((await b.request('GET', '/_cluster/health', { auth: joe })).status, 200, 'cached on b');
    await a.request('PUT', '/_security/role/shared-monitor', { auth: admin, body: { cluster: [] } });
    const narrowed = await until(403, () => b.request('GET', '/_cluster/health', { auth: joe }));
    assert.ok(narrowed <= BOUND_MS, `took ${narrowed} ms`);
    await a.request('DELETE', '/_security/user/shared-joe', { auth: admin });
    const deleted = await until(401, () => b.request('GET', '/_security/_authenticate', { auth: joe }));
    assert.ok(deleted <= BOUND_MS, `took ${deleted} ms`);
  });
});
