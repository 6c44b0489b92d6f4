// API keys end to end: the seed documents' examples, every endpoint, expiry, invalidation, the derived-key
// rule, and bad inputs answered with Elasticsearch's error types and statuses.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { Client } from '@elastic/elasticsearch';
import { startGateway, type Gateway } from '../support/gateway.ts';

const PW = 'elastic-test-password';
const admin: [string, string] = ['elastic', PW];

describe('API keys over HTTP', () => {
  let gw: Gateway;
  const key = (encoded: string) => ({ Authorization: `ApiKey ${encoded}` });
  const create = async (body: unknown, auth: [string, string] = admin) => {
    const r = await gw.request('POST', '/_security/api_key', { auth, body });
    assert.equal(r.status, 200, r.text);
    return r.json as { id: string; name: string; api_key: string; encoded: string; expiration?: number };
  };
  before(async () => {
    gw = await startGateway({ elasticPassword: PW });
    await gw.request('PUT', '/_security/user/keyuser', { auth: admin, body: { password: 'keyuser-password', roles: ['superuser'], full_name: 'Key User' } });
  });
  after(async () => {
    await gw.stop();
    gw.cleanup();
  });

  it('the seed example: an API key that can only read from metrics-*, expiring in 90 days', async () => {
    const before = Date.now();
    const k = await create({
      name: 'metrics-reader-key',
      expiration: '90d',
      role_descriptors: { 'metrics-reader': { indices: [{ names: ['metrics-*'], privileges: ['read', 'view_index_metadata'] }] } },
    });
    assert.equal(k.name, 'metrics-reader-key');
    assert.ok(k.expiration! >= before + 90 * 86_400_000 && k.expiration! <= Date.now() + 90 * 86_400_000);
    const curl = spawnSync('curl', ['-s', '-H', `Authorization: ApiKey ${k.encoded}`, `${gw.url}/_security/_authenticate`], { encoding: 'utf8' });
    const me = JSON.parse(curl.stdout);
    assert.equal(me.username, 'elastic');
    assert.deepEqual(me.roles, []);
    assert.deepEqual(me.authentication_realm, { name: '_es_api_key', type: '_es_api_key' });
    assert.equal(me.authentication_type, 'api_key');
    assert.deepEqual(me.api_key, { managed_by: 'elasticsearch', name: 'metrics-reader-key', id: k.id }); // as ES 9.1.5 writes it (compared with the reference)
    const denied = await gw.request('GET', '/_cluster/health', { headers: key(k.encoded) });
    assert.equal(denied.status, 403, 'no cluster privileges in this key');
    assert.match(denied.json.error.reason, new RegExp(`API key id \\[${k.id}\\] of user \\[elastic\\]`));
  });

  it('a key without role_descriptors carries its owner\'s privileges: forwarded to the cluster', async () => {
    const k = await create({ name: 'full' });
    const r = await gw.request('GET', '/_cluster/health', { headers: key(k.encoded) });
    assert.equal(r.status, 200);
  });

  it('raw id, raw secret, unencoded id:key and garbage are 401s with ES messages, never 500', async () => {
    const k = await create({ name: 'mistakes' });
    const cases: [string, RegExp][] = [
      // A raw id or secret is base64 of nothing meaningful: without a colon it is malformed, with one (by chance)
      // it names a key that does not exist. Either way a 401, as in ES.
      [k.id, /unable to authenticate with provided credentials/],
      [k.api_key, /unable to authenticate with provided credentials/],
      [`${k.id}:${k.api_key}`, /unable to authenticate with provided credentials/],
      [Buffer.from(`${k.id}:wrong-secret-value-123`).toString('base64'), /unable to authenticate with provided credentials/],
      [' ', /missing authentication credentials/],
    ];
    for (const [value, reason] of cases) {
      const r = await gw.request('GET', '/_security/_authenticate', { headers: ['Authorization', `ApiKey ${value}`] });
      assert.equal(r.status, 401, value);
      assert.match(r.json.error.reason, reason, value);
    }
    const unencoded = await gw.request('GET', '/_security/_authenticate', { headers: ['Authorization', `ApiKey ${k.id}:${k.api_key}`] });
    // As ES: the first character outside the standard alphabet (a '-' or '_' of the id, else the colon), in hex.
    const first = [...`${k.id}:${k.api_key}`].find((ch) => !/[A-Za-z0-9+/]/.test(ch))!;
    assert.equal(unencoded.json.error.additional_unsuccessful_credentials, `API key: Illegal base64 character ${first.charCodeAt(0).toString(16)}`);
    const wrong = await gw.request('GET', '/', { headers: key(Buffer.from(`${k.id}:wrong-secret-value-123`).toString('base64')) });
    assert.equal(wrong.json.error.additional_unsuccessful_credentials, `API key: invalid credentials for API key [${k.id}]`);
  });

  it('an expired key is refused with "api key is expired"', async () => {
    const k = await create({ name: 'brief', expiration: '1s' });
    assert.equal((await gw.request('GET', '/_security/_authenticate', { headers: key(k.encoded) })).status, 200);
    await new Promise((r) => setTimeout(r, 1_100));
    const r = await gw.request('GET', '/_security/_authenticate', { headers: key(k.encoded) });
    assert.equal(r.status, 401);
    assert.equal(r.json.error.additional_unsuccessful_credentials, 'API key: api key is expired');
  });

  it('get by id, name wildcard, owner, with_limited_by and active_only', async () => {
    const a = await create({ name: 'get-a', metadata: { team: 'x' } }, ['keyuser', 'keyuser-password']);
    const b = await create({ name: 'get-b' }, ['keyuser', 'keyuser-password']);
    const byId = await gw.request('GET', `/_security/api_key?id=${a.id}&with_limited_by=true`, { auth: admin });
    assert.equal(byId.json.api_keys.length, 1);
    const got = byId.json.api_keys[0];
    assert.equal(got.username, 'keyuser');
    assert.equal(got.realm, 'default_native');
    assert.equal(got.realm_type, 'native');
    assert.equal(got.invalidated, false);
    assert.deepEqual(got.metadata, { team: 'x' });
    assert.ok(got.limited_by[0].superuser, 'snapshot of the owner roles');
    assert.equal(got.api_key, undefined, 'never the secret');
    const wild = await gw.request('GET', '/_security/api_key?name=get-*', { auth: admin });
    assert.deepEqual(wild.json.api_keys.map((k: { id: string }) => k.id).sort(), [a.id, b.id].sort());
    const own = await gw.request('GET', '/_security/api_key?owner=true', { auth: ['keyuser', 'keyuser-password'] });
    assert.deepEqual(own.json.api_keys.map((k: { id: string }) => k.id).sort(), [a.id, b.id].sort());
    const bad = await gw.request('GET', '/_security/api_key?owner=true&username=elastic', { auth: admin });
    assert.equal(bad.status, 400);
  });

  it('invalidate by ids, name, username, realm_name and owner, with ES response fields', async () => {
    const a = await create({ name: 'inv-a' });
    const b = await create({ name: 'inv-b' });
    const r = await gw.request('DELETE', '/_security/api_key', { auth: admin, body: { ids: [a.id] } });
    assert.deepEqual(r.json, { invalidated_api_keys: [a.id], previously_invalidated_api_keys: [], error_count: 0 });
    const byName = await gw.request('DELETE', '/_security/api_key', { auth: admin, body: { name: 'inv-*' } });
    assert.deepEqual(byName.json.invalidated_api_keys, [b.id]);
    assert.deepEqual(byName.json.previously_invalidated_api_keys, [], 'already invalidated keys are not selected again (ES 9)');
    assert.equal((await gw.request('GET', '/_security/_authenticate', { headers: key(b.encoded) })).status, 401, 'stops at once');
    const c = await create({ name: 'inv-c' }, ['keyuser', 'keyuser-password']);
    const byUser = await gw.request('DELETE', '/_security/api_key', { auth: admin, body: { username: 'keyuser', realm_name: 'default_native' } });
    assert.ok(byUser.json.invalidated_api_keys.includes(c.id));
    const errors: [unknown, string][] = [
      // ES 9.1's answers (checked against the reference by test/e2e/differential.test.ts)
      [{}, 'Validation Failed: 1: One of [api key id(s), api key name, username, realm name] must be specified if [owner] flag is false;'],
      [{ ids: [] }, 'Failed to build [invalidate_api_key] after last required field arrived'],
      [{ id: 'a', ids: ['b'] }, '[1:2] [invalidate_api_key] unknown field [id] did you mean [ids]?'],
      [{ owner: true, username: 'x' }, 'Validation Failed: 1: neither username nor realm-name may be specified when invalidating owned API keys;'],
      [{ ids: ['a'], name: 'b' }, 'Validation Failed: 1: only one of [api key id(s), api key name] can be specified;'],
    ];
    for (const [body, reason] of errors) {
      const e = await gw.request('DELETE', '/_security/api_key', { auth: admin, body });
      assert.equal(e.status, 400, JSON.stringify(body));
      assert.equal(e.json.error.reason, reason);
    }
  });

  it('update and bulk update: only the owner; updated / noops / errors', async () => {
    const a = await create({ name: 'up-a', metadata: { v: 1 } });
    const b = await create({ name: 'up-b' });
    const same = await gw.request('PUT', `/_security/api_key/${a.id}`, { auth: admin, body: { metadata: { v: 1 } } });
    assert.deepEqual(same.json, { updated: false });
    const changed = await gw.request('PUT', `/_security/api_key/${a.id}`, { auth: admin, body: { metadata: { v: 2 } } });
    assert.deepEqual(changed.json, { updated: true });
    const notMine = await gw.request('PUT', `/_security/api_key/${a.id}`, { auth: ['keyuser', 'keyuser-password'], body: { metadata: { v: 3 } } });
    assert.equal(notMine.status, 404);
    assert.equal(notMine.json.error.reason, `no API key owned by requesting user found for ID [${a.id}]`);
    const bulk = await gw.request('POST', '/_security/api_key/_bulk_update', { auth: admin, body: { ids: [a.id, b.id, 'nope'], metadata: { v: 9 } } });
    assert.deepEqual(bulk.json.updated.sort(), [a.id, b.id].sort());
    assert.deepEqual(bulk.json.noops, []);
    assert.equal(bulk.json.errors.count, 1);
    assert.equal(bulk.json.errors.details.nope.type, 'resource_not_found_exception');
    const viaKey = await gw.request('PUT', `/_security/api_key/${a.id}`, { headers: key(a.encoded), body: {} });
    assert.equal(viaKey.status, 400, 'an API key cannot update keys');
  });

  it('grant: a key on behalf of another user, authenticated by password', async () => {
    const r = await gw.request('POST', '/_security/api_key/grant', {
      auth: admin,
      body: { grant_type: 'password', username: 'keyuser', password: 'keyuser-password', api_key: { name: 'granted', expiration: '1d' } },
    });
    assert.equal(r.status, 200, r.text);
    const me = await gw.request('GET', '/_security/_authenticate', { headers: key(r.json.encoded) });
    assert.equal(me.json.username, 'keyuser');
    assert.equal(me.json.full_name, 'Key User');
    const bad = await gw.request('POST', '/_security/api_key/grant', { auth: admin, body: { grant_type: 'password', username: 'keyuser', password: 'wrong-password', api_key: { name: 'g' } } });
    // ES 9.1: a 403 "Failed to authenticate api key grant", caused by the realm chain's 401 for that user.
    assert.equal(bad.status, 403);
    assert.equal(bad.json.error.reason, 'Failed to authenticate api key grant');
    assert.equal(bad.json.error.caused_by.reason, 'unable to authenticate user [keyuser] for action [cluster:admin/xpack/security/api_key/grant]');
    assert.deepEqual(bad.json.error.root_cause.map((c: { type: string }) => c.type), ['security_exception']);
    const missing = await gw.request('POST', '/_security/api_key/grant', { auth: admin, body: { api_key: { name: 'g' } } });
    assert.equal(missing.status, 400);
  });

  it('a key cannot create a key with privileges (derived keys)', async () => {
    const k = await create({ name: 'parent' });
    const r = await gw.request('POST', '/_security/api_key', { headers: key(k.encoded), body: { name: 'child' } });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.type, 'illegal_argument_exception');
    assert.equal(r.json.error.reason, 'creating derived api keys requires an explicit role descriptor that is empty (has no privileges)');
    const empty = await gw.request('POST', '/_security/api_key', { headers: key(k.encoded), body: { name: 'child', role_descriptors: { none: {} } } });
    assert.equal(empty.status, 200, empty.text);
  });

  it('clear cache answers with a nodes response', async () => {
    const r = await gw.request('POST', '/_security/api_key/*/_clear_cache', { auth: admin });
    assert.deepEqual(r.json._nodes, { total: 1, successful: 1, failed: 0 });
  });

  it('bad inputs: each an ES error type and status, never 500', async () => {
    const cases: [unknown, number, string, RegExp?][] = [
      [{ name: 'x', expiration: '1x' }, 400, 'x_content_parse_exception', /^Failed to build \[api_key_request\] after last required field arrived$/],
      [{ name: 'x', expiration: '90' }, 400, 'x_content_parse_exception'],
      [{ name: 'x', expiration: 90 }, 400, 'x_content_parse_exception'],
      [{ name: 'x', shoe: 1 }, 400, 'x_content_parse_exception', /unknown field \[shoe\]/],
      [{ name: 'n'.repeat(257) }, 400, 'action_request_validation_exception', /may not be more than 256 characters long/],
      [{ name: '_hidden' }, 400, 'action_request_validation_exception', /may not begin with an underscore/],
      [{ name: 'x', metadata: { _r: 1 } }, 400, 'action_request_validation_exception', /API key metadata keys may not start with \[_\]/],
      [{ name: 'x', role_descriptors: [] }, 400, 'x_content_parse_exception'],
      [{ name: 'x', role_descriptors: { r: 'nope' } }, 400, 'x_content_parse_exception', /^\[1:37\] \[api_key_request\] failed to parse field \[role_descriptors\]$/],
      [{}, 400, 'illegal_argument_exception', /^Required \[name\]$/],
      [{ name: '' }, 400, 'action_request_validation_exception', /api key name is required/],
      ['[1,2]', 400, 'x_content_parse_exception', /^\[1:1\] \[api_key_request\] Expected START_OBJECT but was: START_ARRAY$/],
      ['{"name":', 400, 'x_content_parse_exception'],
    ];
    for (const [body, status, type, reason] of cases) {
      const r = await gw.request('POST', '/_security/api_key', { auth: admin, body });
      assert.equal(r.status, status, `${JSON.stringify(body).slice(0, 60)}: ${r.text}`);
      assert.equal(r.json.error.type, type, JSON.stringify(body).slice(0, 60));
      if (reason) assert.match(r.json.error.reason, reason);
    }
    // A body declared larger than http.max_content_length is refused before it is read.
    const { port } = new URL(gw.url);
    const status = await new Promise<string>((resolve, reject) => {
      const sock = connect(Number(port), '127.0.0.1', () => {
        sock.write(`POST /_security/api_key HTTP/1.1\r\nHost: x\r\nAuthorization: Basic ${Buffer.from(`elastic:${PW}`).toString('base64')}\r\nContent-Type: application/json\r\nContent-Length: ${200 * 1024 * 1024}\r\n\r\n{"name":`);
      });
      sock.once('data', (d) => {
        resolve(d.toString().split('\r\n')[0]);
        sock.destroy();
      });
      sock.once('error', reject);
    });
    assert.equal(status, 'HTTP/1.1 413 Payload Too Large');
  });

  it('query: DSL, paging, sort, search_after, aggregations; bad queries are 400s', async () => {
    for (const n of ['q-1', 'q-2', 'q-3']) await create({ name: n, metadata: { tier: n === 'q-2' ? 'gold' : 'silver' } });
    const q = async (body: unknown) => (await gw.request('POST', '/_security/_query/api_key', { auth: admin, body })).json;
    const all = await q({ query: { prefix: { name: 'q-' } }, sort: [{ name: 'desc' }], size: 2 });
    assert.equal(all.total, 3);
    assert.equal(all.count, 2);
    assert.deepEqual(all.api_keys.map((k: { name: string }) => k.name), ['q-3', 'q-2']);
    assert.deepEqual(all.api_keys[1]._sort, ['q-2']);
    const next = await q({ query: { prefix: { name: 'q-' } }, sort: [{ name: 'desc' }], size: 2, search_after: ['q-2'] });
    assert.deepEqual(next.api_keys.map((k: { name: string }) => k.name), ['q-1']);
    const agg = await q({ query: { bool: { filter: [{ prefix: { name: 'q-' } }] } }, size: 0, aggs: { tiers: { terms: { field: 'metadata.tier' } } } });
    assert.deepEqual(agg.aggregations.tiers.buckets, [{ key: 'silver', doc_count: 2 }, { key: 'gold', doc_count: 1 }]);
    const client = new Client({ node: gw.url, auth: { username: 'elastic', password: PW } });
    try {
      const viaClient = await client.security.queryApiKeys({ query: { term: { name: 'q-2' } } });
      assert.equal(viaClient.total, 1);
    } finally {
      await client.close();
    }
    for (const body of [{ query: { term: { api_key_hash: 'x' } } }, { query: { fuzzy: { name: 'q' } } }, { size: -1 }, { from: 9_999, size: 10 }, { bogus: 1 }]) {
      const r = await gw.request('POST', '/_security/_query/api_key', { auth: admin, body });
      assert.equal(r.status, 400, JSON.stringify(body));
    }
  });
  it('an API key holding manage_own_api_key acts on itself only, never on its owner\'s other keys (as ES 9.1.5)', async () => {
    await gw.request('PUT', '/_security/role/own_keys', { auth: admin, body: { cluster: ['manage_own_api_key'] } });
    await gw.request('PUT', '/_security/user/own_keys_user', { auth: admin, body: { password: 'own-keys-password', roles: ['own_keys'] } });
    const owner: [string, string] = ['own_keys_user', 'own-keys-password'];
    const self = await create({ name: 'own-self' }, owner);
    const sibling = await create({ name: 'own-sibling' }, owner);
    const as = (method: string, path: string, body?: unknown) => gw.request(method, path, { headers: key(self.encoded), body });
    const denied = (action: string, privileges: string) =>
      `action [cluster:admin/xpack/security/api_key/${action}] is unauthorized for API key id [${self.id}] of user [own_keys_user], this action is granted by the cluster privileges [${privileges}]`;
    for (const [method, path, body, action] of [
      ['DELETE', '/_security/api_key', { owner: true }, 'invalidate'],
      ['DELETE', '/_security/api_key', { ids: [sibling.id] }, 'invalidate'],
      ['DELETE', '/_security/api_key', { ids: [self.id, sibling.id] }, 'invalidate'],
      ['GET', '/_security/api_key?owner=true', undefined, 'get'],
      ['GET', `/_security/api_key?id=${sibling.id}`, undefined, 'get'],
      ['GET', '/_security/api_key', undefined, 'get'],
    ] as const) {
      const r = await as(method, path, body);
      assert.equal(r.status, 403, `${method} ${path} ${JSON.stringify(body)}: ${r.text}`);
      assert.equal(r.json.error.reason, denied(action, action === 'get' ? 'read_security,manage_api_key,manage_security,all' : 'manage_api_key,manage_security,all'));
    }
    const got = await as('GET', `/_security/api_key?id=${self.id}&owner=true`);
    assert.deepEqual(got.json.api_keys.map((k: { id: string }) => k.id), [self.id]);
    const queried = await as('POST', '/_security/_query/api_key', {});
    assert.deepEqual(queried.json.api_keys.map((k: { id: string }) => k.id), [self.id], 'the query sees the key itself only');
    const up = await as('PUT', `/_security/api_key/${self.id}`, {});
    assert.equal(up.status, 400);
    assert.equal(up.json.error.reason, 'authentication via API key not supported: only the owner user can update an API key');
    const siblingStill = await gw.request('GET', '/_security/_authenticate', { headers: key(sibling.encoded) });
    assert.equal(siblingStill.status, 200, 'nothing was invalidated');
    const itself = await as('DELETE', '/_security/api_key', { ids: [self.id] });
    assert.deepEqual(itself.json.invalidated_api_keys, [self.id]);
    const mine = await gw.request('DELETE', '/_security/api_key', { auth: owner, body: { owner: true } });
    assert.deepEqual(mine.json.invalidated_api_keys, [sibling.id], 'the owner user still manages all its keys');
  });
});
