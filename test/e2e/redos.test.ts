// Finding 7 of issue 14 (ReDoS), against the real gateway and OpenSearch: an API key with
// `names: ["/(a|aa)+b/"]` froze the gateway for 106 s on one request, a request wildcard
// `*0*0*0*0*0*0*0*0*0*x` for 33 s. Patterns now run on RE2 / a one-pass wildcard matcher: the evil
// requests finish, and another client's requests are served while they are in flight.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startGateway, type Gateway } from '../support/gateway.ts';

const PW = 'elastic-test-password';
const admin: [string, string] = ['elastic', PW];
const reader: [string, string] = ['redos_reader', 'reader-password'];
const bystander: [string, string] = ['redos_bystander', 'bystander-password'];
/** Index names the evil patterns must be tested against: long runs that make a backtracking engine explode. */
const INDICES = ['a'.repeat(200), 'a'.repeat(120) + '-x', '0'.repeat(200) + 'y', `${'0'.repeat(60)}-z`, 'redos-ok'];
/** A generous ceiling for one probe while evil requests are in flight (the findings were 33 s and 106 s). */
const PROBE_CEILING_MS = 10_000;

describe('ReDoS: evil role, API key and request patterns run in bounded time', () => {
  let gw: Gateway;
  const as = (who: [string, string] | Record<string, string>, method: string, path: string, body?: unknown) =>
    Array.isArray(who) ? gw.request(method, path, { auth: who as [string, string], body }) : gw.request(method, path, { headers: who, body });

  before(async () => {
    gw = await startGateway({ elasticPassword: PW });
    for (const i of INDICES) {
      await as(admin, 'DELETE', `/${i}`);
      assert.equal((await as(admin, 'PUT', `/${i}/_doc/1?refresh=true`, { n: 1 })).status, 201, i);
    }
    const reading = { cluster: ['monitor'], indices: [{ names: ['*'], privileges: ['read', 'view_index_metadata'] }] };
    assert.equal((await as(admin, 'PUT', '/_security/role/redos_reader', reading)).status, 200);
    const evil = { indices: [{ names: ['/(a|aa)+b/', '/(a+)+c/', '/((0*)*)*x/', '*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b'], privileges: ['read'] }], run_as: ['/(a|a)*b/'] };
    assert.equal((await as(admin, 'PUT', '/_security/role/redos_evil', evil)).status, 200);
    assert.equal((await as(admin, 'PUT', '/_security/user/redos_reader', { password: reader[1], roles: ['redos_reader'] })).status, 200);
    assert.equal((await as(admin, 'PUT', '/_security/user/redos_evil', { password: 'evil-password', roles: ['redos_evil', 'redos_reader'] })).status, 200);
    assert.equal((await as(admin, 'PUT', '/_security/user/redos_bystander', { password: bystander[1], roles: ['redos_reader'] })).status, 200);
    // The gateway learns new indices from the upstream's metadata: wait until the reader sees all of them.
    for (let i = 0; i < 50; i++) {
      const r = await as(reader, 'GET', '/*/_search?size=0');
      if (r.json?.hits?.total?.value === INDICES.length) break;
      await new Promise((res) => setTimeout(res, 200));
    }
  });

  after(async () => {
    if (!gw) return;
    for (const i of INDICES) await as(admin, 'DELETE', `/${i}`);
    await gw.stop();
    gw.cleanup();
  });

  /** Runs the evil requests all at once and, while they are in flight, the bystander's; returns the timings. */
  async function underAttack(evil: () => Promise<{ status: number }>[], check: (statuses: number[]) => void) {
    const t0 = performance.now();
    const pending = evil().map((p) => p.then((r) => ({ status: r.status, ms: performance.now() - t0 })));
    const probes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const r = await as(bystander, 'GET', '/redos-ok/_search');
      assert.equal(r.status, 200, r.text);
      probes.push(performance.now() - t);
    }
    const done = await Promise.all(pending);
    check(done.map((d) => d.status));
    const figures = { evil: done.length, evilMaxMs: Math.round(Math.max(...done.map((d) => d.ms))), probeMaxMs: Math.round(Math.max(...probes)) };
    console.log(`# redos figures ${JSON.stringify(figures)}`);
    assert.ok(figures.probeMaxMs < PROBE_CEILING_MS, `a bystander waited ${figures.probeMaxMs} ms`);
    return figures;
  }

  it('an API key with names ["/(a|aa)+b/"] (the finding): its requests finish, others are served meanwhile', async () => {
    const created = await as(admin, 'POST', '/_security/api_key', {
      name: 'redos-key',
      role_descriptors: { evil: { indices: [{ names: ['/(a|aa)+b/', '/(a|a)*c/', '/(.*a){12}b/'], privileges: ['read'] }] } },
    });
    assert.equal(created.status, 200, created.text);
    const key = { Authorization: `ApiKey ${created.json.encoded}` };
    await underAttack(
      () => [
        ...INDICES.slice(0, 2).map((i) => as(key, 'GET', `/${i}/_search`)),
        ...Array.from({ length: 8 }, () => as(key, 'GET', '/*/_search')),
        as(key, 'GET', '/_cat/indices/a*?format=json'),
      ],
      (statuses) => {
        assert.deepEqual(statuses.slice(0, 2), [403, 403]); // the names do not match `(a|aa)+b`
        for (const s of statuses.slice(2)) assert.ok(s === 200 || s === 403, `status ${s}`);
      },
    );
    // It still matches what it should.
    const fine = await as(admin, 'POST', '/_security/api_key', { name: 'fine', role_descriptors: { r: { indices: [{ names: ['/a+-x/'], privileges: ['read'] }] } } });
    const hits = await as({ Authorization: `ApiKey ${fine.json.encoded}` }, 'GET', '/*/_search');
    assert.equal(hits.status, 200, hits.text);
    assert.deepEqual(hits.json.hits.hits.map((h: { _index: string }) => h._index), [INDICES[1]]);
  });

  it('a role with evil index and run_as patterns: requests and run-as checks finish', async () => {
    const evil: [string, string] = ['redos_evil', 'evil-password'];
    await underAttack(
      () => [
        ...INDICES.slice(0, 3).map((i) => as(evil, 'GET', `/${i}/_count`)),
        gw.request('GET', '/_security/_authenticate', { auth: evil, headers: { 'es-security-runas-user': 'a'.repeat(5000) } }),
        as(evil, 'POST', '/_security/user/_has_privileges', { index: [{ names: ['a'.repeat(255), '*0*0*0*0*0*0*0*0*0*x'], privileges: ['read'] }] }),
      ],
      (statuses) => {
        assert.deepEqual(statuses.slice(0, 3), [200, 200, 200]); // redos_reader grants read on *
        assert.ok([401, 403].includes(statuses[3]), `run-as status ${statuses[3]}`);
        assert.equal(statuses[4], 200);
      },
    );
  });

  it('a request wildcard *0*0*0*0*0*0*0*0*0*x (the finding) expands in bounded time', async () => {
    const evilWildcards = ['*0*0*0*0*0*0*0*0*0*x', '*0*0*0*0*0*0*0*0*0*0*0*0*0*0*0*0*0*0*0*0*x', `*${'a*'.repeat(100)}b`, `0*${'0*'.repeat(150)}q`];
    await underAttack(
      () => evilWildcards.flatMap((w) => [as(reader, 'GET', `/${w}/_search`), as(reader, 'GET', `/_cat/indices/${w}?format=json`), as(reader, 'GET', `/${w},-${w}*/_count`)]),
      (statuses) => statuses.forEach((s) => assert.ok(s === 200 || s === 404, `status ${s}`)),
    );
    const r = await as(reader, 'GET', '/*0*0*0*0*0*0*0*0*0*y/_search');
    assert.deepEqual(r.json.hits.hits.map((h: { _index: string }) => h._index), [INDICES[2]]);
  });

  it('an evil wildcard in the API key query finishes; regexes RE2 cannot run are refused when a key or role is created', async () => {
    for (let i = 0; i < 20; i++) await as(admin, 'POST', '/_security/api_key', { name: `k${'a'.repeat(1000)}${i}` });
    await underAttack(
      () => [
        as(admin, 'POST', '/_security/_query/api_key', { query: { wildcard: { name: `*${'a?'.repeat(64)}b*` } } }),
        as(admin, 'GET', `/_security/api_key?name=${'*a'.repeat(200)}b`),
      ],
      (statuses) => assert.deepEqual(statuses, [200, 200]),
    );
    for (const names of [['/logs-~(secret)/'], ['/(a&b)*/'], ['/x{5000}/'], ['/(ab/']]) {
      const key = await as(admin, 'POST', '/_security/api_key', { name: 'bad', role_descriptors: { r: { indices: [{ names, privileges: ['read'] }] } } });
      assert.equal(key.status, 400, key.text);
      assert.equal(key.json.error.type, 'action_request_validation_exception');
      const role = await as(admin, 'PUT', '/_security/role/redos_bad', { indices: [{ names, privileges: ['read'] }] });
      assert.equal(role.status, 400, role.text);
      assert.match(role.json.error.reason, /^Validation Failed: 1: invalid regular expression pattern/);
    }
    const long = await as(admin, 'PUT', '/_security/role/redos_bad', { indices: [{ names: ['x'.repeat(2049)], privileges: ['read'] }] });
    assert.equal(long.status, 400);
    assert.match(long.json.error.reason, /the maximum is 2048/);
  });
});
