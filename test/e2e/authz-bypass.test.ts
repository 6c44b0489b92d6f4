// Index authorization of forwarded requests, against the real gateway and OpenSearch: a user allowed only
// `allowed-*` tries every way to name `secret-index`; its documents never come back and it is never written.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { request as httpRequest } from 'node:http';
import { startGateway, type Gateway } from '../support/gateway.ts';

const PW = 'elastic-test-password';
const admin: [string, string] = ['elastic', PW];
const alice: [string, string] = ['alice', 'alice-password'];
const bob: [string, string] = ['bob', 'bob-password'];
const carol: [string, string] = ['carol', 'carol-password'];
const MARK = 'top-secret-marker';
const today = new Date().toISOString().slice(0, 10).replace(/-/g, '.');

describe('forwarded requests: index authorization cannot be bypassed', () => {
  let gw: Gateway;
  const as = (who: [string, string], method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    gw.request(method, path, { auth: who, body, headers });
  const ndjson = (lines: unknown[]) => lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
  const nd = { 'Content-Type': 'application/x-ndjson' };
  const noSecret = (r: { text: string }, what: string) => assert.ok(!r.text.includes(MARK), `${what} leaked the secret: ${r.text.slice(0, 500)}`);
  const searchMsg = (names: string) =>
    `action [indices:data/read/search] is unauthorized for user [alice] with effective roles [allowed_reader] on indices [${names}], this action is granted by the index privileges [read,all]`;

  before(async () => {
    gw = await startGateway({ elasticPassword: PW });
    for (const i of ['secret-index', 'allowed-1', 'allowed-2', `secret-${today}`, 'lookup-secret']) await as(admin, 'DELETE', `/${i}`);
    await as(admin, 'DELETE', '/allowed-copy');
    await as(admin, 'PUT', '/secret-index/_doc/1?refresh=true', { text: MARK, followers: ['a1'], n: 1 });
    await as(admin, 'PUT', `/secret-${today}/_doc/1?refresh=true`, { text: MARK });
    await as(admin, 'PUT', '/allowed-1/_doc/1?refresh=true', { text: 'hello one', n: 1 });
    await as(admin, 'PUT', '/allowed-2/_doc/1?refresh=true', { text: 'hello two', n: 2 });
    await as(admin, 'POST', '/_aliases', { actions: [{ add: { index: 'secret-index', alias: 'secret-alias' } }] });
    const role = { cluster: ['monitor'], indices: [{ names: ['allowed-*'], privileges: ['read', 'write', 'manage'] }] };
    assert.equal((await as(admin, 'PUT', '/_security/role/allowed_reader', role)).status, 200);
    assert.equal((await as(admin, 'PUT', '/_security/role/runner', { run_as: ['alice'] })).status, 200);
    for (const [u, roles] of [[alice, ['allowed_reader']], [bob, ['runner']], [carol, []]] as const) {
      assert.equal((await as(admin, 'PUT', `/_security/user/${u[0]}`, { password: u[1], roles })).status, 200);
    }
  });

  after(async () => {
    if (!gw) return;
    // The superuser sees the secret index exactly as it was set up.
    const secret = await as(admin, 'GET', '/secret-index/_search');
    assert.equal(secret.status, 200);
    assert.equal(secret.json.hits.total.value, 1, `secret-index was written: ${secret.text}`);
    assert.equal(secret.json.hits.hits[0]._source.text, MARK);
    const aliases = await as(admin, 'GET', '/secret-index/_alias');
    assert.deepEqual(Object.keys(aliases.json['secret-index'].aliases), ['secret-alias']);
    await gw.stop();
    gw.cleanup();
  });

  it('a named secret index is a 403 in ES words; allowed ones work', async () => {
    const r = await as(alice, 'GET', '/secret-index/_search');
    assert.equal(r.status, 403);
    assert.equal(r.json.error.type, 'security_exception');
    assert.equal(r.json.error.reason, searchMsg('secret-index'));
    const ok = await as(alice, 'GET', '/allowed-1/_search');
    assert.equal(ok.status, 200);
    assert.equal(ok.json.hits.total.value, 1);
    const doc = await as(alice, 'GET', '/secret-index/_doc/1');
    assert.equal(doc.status, 403);
    assert.match(doc.json.error.reason, /action \[indices:data\/read\/get\] is unauthorized .* on indices \[secret-index\]/);
  });

  it('wildcards and _all expand to the authorized indices only', async () => {
    for (const path of ['/_search', '/*/_search', '/_all/_search', '/*,-allowed-2/_search', '/_search?expand_wildcards=all', '/s*,a*/_search', '/*-index/_search', '/secret*/_search', '/*alias*/_search', '/*/_search?ignore_unavailable=true']) {
      const r = await as(alice, 'GET', path);
      assert.equal(r.status, 200, `${path}: ${r.text}`);
      noSecret(r, path);
      for (const h of r.json.hits.hits) assert.match(h._index, /^allowed-/);
    }
    assert.equal((await as(alice, 'GET', '/secret*/_search')).json.hits.total.value, 0);
    const all = await as(alice, 'GET', '/_search');
    assert.equal(all.json.hits.total.value, 2);
    const count = await as(alice, 'GET', '/_count');
    assert.equal(count.json.count, 2);
  });

  it('a list mixing allowed and secret names is refused whole; ignore_unavailable drops the secret one', async () => {
    const r = await as(alice, 'GET', '/allowed-1,secret-index,allowed-2/_search');
    assert.equal(r.status, 403);
    assert.equal(r.json.error.reason, searchMsg('secret-index'));
    const lenient = await as(alice, 'GET', '/allowed-1,secret-index/_search?ignore_unavailable=true');
    assert.equal(lenient.status, 200);
    noSecret(lenient, 'ignore_unavailable');
  });

  it('encodings, case, dot segments, double slashes and duplicate parameters', async () => {
    for (const path of ['/%73ecret-index/_search', '/secret%2Dindex/_search', '/secret-index//_search', '/secret-index/_search/', '/SECRET-INDEX/_search', '/secret-alias/_search', '/allowed-1,%73ecret-index/_search']) {
      const r = await as(alice, 'GET', path);
      assert.ok(r.status === 403 || r.status === 400, `${path}: ${r.status}`);
      noSecret(r, path);
    }
    for (const path of ['//secret-index/_search', '/allowed-1/../secret-index/_search', '/allowed-1/%2e%2e/secret-index/_search', '/allowed-1/_search?q=x&q=y', '/allowed-1/_search?size=1&size=100', '/allowed-1/_search#frag']) {
      const r = await rawRequest(gw.url, 'GET', path, undefined, { Authorization: authHeader(alice) });
      assert.ok(r.status === 400 || r.status === 403, `${path}: ${r.status} ${r.text}`);
      noSecret(r, path);
    }
    // An unknown endpoint needs the cluster privilege `all`.
    const unknown = await as(alice, 'GET', '/_plugins/_anything');
    assert.equal(unknown.status, 403);
    assert.match(unknown.json.error.reason, /this action is granted by the cluster privileges \[all\]/);
    const upper = await as(alice, 'GET', '/secret-index/_SEARCH');
    assert.equal(upper.status, 403);
  });

  it('date math names resolve before authorization', async () => {
    const r = await as(alice, 'GET', `/${encodeURIComponent('<secret-{now/d}>')}/_search`);
    assert.equal(r.status, 403);
    assert.equal(r.json.error.reason, searchMsg(`secret-${today}`));
    const wild = await as(alice, 'GET', `/${encodeURIComponent('<secret-{now/d}*>')}/_search`);
    assert.equal(wild.status, 200);
    noSecret(wild, 'date math wildcard');
  });

  it('bulk: secret items get their own 403, allowed ones are written, in place', async () => {
    const body = ndjson([
      { index: { _index: 'allowed-1', _id: 'b1' } }, { text: 'bulk ok' },
      { index: { _index: 'secret-index', _id: 'b2' } }, { text: 'nope' },
      { delete: { _index: 'secret-index', _id: '1' } },
      { update: { _index: 'secret-alias', _id: '1' } }, { doc: { text: 'overwritten' } },
      { create: { _index: '<secret-{now/d}>', _id: 'b3' } }, { text: 'nope' },
      { index: { _id: 'b4' } }, { text: 'default index' },
    ]);
    const r = await as(alice, 'POST', '/allowed-2/_bulk?refresh=true', body, nd);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.errors, true);
    const items = r.json.items;
    assert.equal(items.length, 6);
    assert.equal(items[0].index.status, 201);
    assert.equal(items[1].index.status, 403);
    assert.equal(items[1].index._index, 'secret-index');
    assert.equal(items[1].index.error.type, 'security_exception');
    assert.equal(
      items[1].index.error.reason,
      'action [indices:data/write/index:op_type/index] is unauthorized for user [alice] with effective roles [allowed_reader] on indices [secret-index], this action is granted by the index privileges [create,index,write,all]',
    );
    assert.equal(items[2].delete.status, 403);
    assert.equal(items[3].update.status, 403);
    assert.equal(items[4].create.status, 403);
    assert.equal(items[4].create._index, `secret-${today}`);
    assert.equal(items[5].index.status, 201);
    assert.equal(items[5].index._index, 'allowed-2');
    // Everything denied: answered without the upstream, same shape.
    const none = await as(alice, 'POST', '/_bulk', ndjson([{ delete: { _index: 'secret-index', _id: '1' } }]), nd);
    assert.equal(none.status, 200);
    assert.equal(none.json.items[0].delete.status, 403);
    // A gzip body is read too.
    const gz = gzipSync(Buffer.from(ndjson([{ index: { _index: 'secret-index', _id: 'gz' } }, { text: 'x' }])));
    const raw = await rawRequest(gw.url, 'POST', '/_bulk', gz, { 'Content-Type': 'application/x-ndjson', 'Content-Encoding': 'gzip', Authorization: authHeader(alice) });
    assert.equal(raw.status, 200, raw.text);
    assert.equal(JSON.parse(raw.text).items[0].index.status, 403);
    // Duplicate keys in an action line are refused, not read one way here and another upstream.
    const dup = await as(alice, 'POST', '/_bulk', '{"index":{"_index":"allowed-1","_index":"secret-index"}}\n{}\n', nd);
    assert.equal(dup.status, 400);
  });

  it('mget: secret documents come back as item errors', async () => {
    const r = await as(alice, 'POST', '/_mget', { docs: [{ _index: 'allowed-1', _id: '1' }, { _index: 'secret-index', _id: '1' }, { _index: 'secret-alias', _id: '1' }] });
    assert.equal(r.status, 200, r.text);
    noSecret(r, 'mget');
    assert.equal(r.json.docs[0].found, true);
    assert.equal(r.json.docs[1]._index, 'secret-index');
    assert.equal(r.json.docs[1].error.type, 'security_exception');
    assert.equal(r.json.docs[2].error.type, 'security_exception');
    const ids = await as(alice, 'POST', '/secret-index/_mget', { ids: ['1'] });
    assert.equal(ids.status, 200);
    assert.equal(ids.json.docs[0].error.type, 'security_exception');
  });

  it('msearch: each search on its own; wildcards filtered; secret ones are 403 items', async () => {
    const body = ndjson([{ index: 'allowed-1' }, {}, { index: 'secret-index' }, {}, { index: 'secret*' }, {}, { index: ['allowed-2', 'secret-alias'] }, {}, {}, { query: { match_all: {} } }]);
    const r = await as(alice, 'POST', '/_msearch', body, nd);
    assert.equal(r.status, 200, r.text);
    noSecret(r, 'msearch');
    const [a, s, w, mixed, all] = r.json.responses;
    assert.equal(a.hits.total.value >= 1, true);
    assert.equal(s.status, 403);
    assert.equal(s.error.type, 'security_exception');
    assert.equal(s.error.reason, searchMsg('secret-index'));
    assert.equal(w.hits.total.value, 0);
    assert.equal(mixed.status, 403);
    assert.ok(all.hits.hits.every((h: { _index: string }) => h._index.startsWith('allowed-')));
    const lookup = ndjson([{ index: 'allowed-1' }, { query: { terms: { followers: { index: 'secret-index', id: '1', path: 'followers' } } } }]);
    const l = await as(alice, 'POST', '/_msearch', lookup, nd);
    assert.equal(l.json.responses[0].status, 403);
  });

  it('terms lookups, search templates and the source parameter', async () => {
    const q = { query: { terms: { followers: { index: 'secret-index', id: '1', path: 'followers' } } } };
    const r = await as(alice, 'POST', '/allowed-1/_search', q);
    assert.equal(r.status, 403);
    assert.match(r.json.error.reason, /action \[indices:data\/read\/get\] is unauthorized .* on indices \[secret-index\]/);
    const nested = await as(alice, 'POST', '/allowed-1/_search', { size: 0, aggs: { f: { filter: q.query } } });
    assert.equal(nested.status, 403);
    const viaSource = await as(alice, 'GET', `/allowed-1/_search?source=${encodeURIComponent(JSON.stringify(q))}&source_content_type=application/json`);
    assert.equal(viaSource.status, 403);
    const tmpl = {
      source: '{"query":{"terms":{"followers":{"index":"{{i}}","id":"1","path":"followers"}}}}',
      params: { i: 'secret-index' },
    };
    // Templates are rendered upstream first; an upstream without mustache cannot render them, and the gateway refuses.
    const t = await as(alice, 'POST', '/allowed-1/_search/template', tmpl);
    assert.ok(t.status === 403 || t.status === 400, t.text);
    noSecret(t, 'search template');
    const mt = await as(alice, 'POST', '/_msearch/template', ndjson([{ index: 'allowed-1' }, tmpl]), nd);
    assert.ok(mt.status === 200 || mt.status === 400, mt.text);
    noSecret(mt, 'msearch template');
    const sql = await as(alice, 'POST', '/_plugins/_sql', { query: 'SELECT * FROM secret-index' });
    assert.equal(sql.status, 403);
    const sqlJoin = await as(alice, 'POST', '/_sql', { query: 'SELECT * FROM allowed-1 a JOIN secret-index s ON a.n = s.n' });
    assert.equal(sqlJoin.status, 400);
  });

  it('aliases cannot be pointed at the secret index, nor read through', async () => {
    const add = await as(alice, 'POST', '/_aliases', { actions: [{ add: { index: 'secret-index', alias: 'allowed-alias' } }] });
    assert.equal(add.status, 403);
    const put = await as(alice, 'PUT', '/secret-index/_alias/allowed-alias2');
    assert.equal(put.status, 403);
    const wild = await as(alice, 'POST', '/_aliases', { actions: [{ add: { index: 'secret*', alias: 'allowed-alias3' } }] });
    assert.ok(wild.status >= 400, wild.text);
    const create = await as(alice, 'PUT', '/allowed-new', { aliases: { 'secret-index2': {} } });
    assert.equal(create.status, 403);
    const removeIdx = await as(alice, 'POST', '/_aliases', { actions: [{ remove_index: { index: 'secret-index' } }] });
    assert.equal(removeIdx.status, 403);
    const list = await as(alice, 'GET', '/_alias');
    assert.equal(list.status, 200);
    assert.ok(!list.text.includes('secret'), list.text);
    const cat = await as(alice, 'GET', '/_cat/indices?format=json');
    assert.equal(cat.status, 200, cat.text);
    assert.ok(cat.json.every((i: { index: string }) => i.index.startsWith('allowed-')), cat.text);
    const caps = await as(alice, 'GET', '/_field_caps?fields=*');
    assert.equal(caps.status, 200);
    assert.ok(!caps.json.indices.some((i: string) => i.includes('secret')));
  });

  it('reindex, update/delete by query and writes never touch the secret index', async () => {
    const rs = await as(alice, 'POST', '/_reindex?refresh=true', { source: { index: 'secret-index' }, dest: { index: 'allowed-copy' } });
    assert.equal(rs.status, 403);
    const rd = await as(alice, 'POST', '/_reindex?refresh=true', { source: { index: 'allowed-1' }, dest: { index: 'secret-index' } });
    assert.equal(rd.status, 403);
    // (The test cluster has no reindex module: allowed requests reach it and are refused there.)
    const rw = await as(alice, 'POST', '/_reindex?refresh=true', { source: { index: 'allowed-1,secret*' }, dest: { index: 'allowed-copy' } });
    assert.notEqual(rw.status, 403, rw.text);
    const copied = await as(admin, 'GET', '/allowed-copy/_search?ignore_unavailable=true');
    noSecret(copied, 'reindex copy');
    assert.equal((await as(alice, 'POST', '/secret-index/_update_by_query', { script: { source: "ctx._source.text = 'x'" } })).status, 403);
    assert.equal((await as(alice, 'POST', '/secret-index/_delete_by_query', { query: { match_all: {} } })).status, 403);
    const dbq = await as(alice, 'POST', '/*/_delete_by_query?refresh=true', { query: { term: { n: 999 } } });
    assert.notEqual(dbq.status, 403, dbq.text);
    assert.equal((await as(alice, 'PUT', '/secret-index/_doc/2', { a: 1 })).status, 403);
    assert.equal((await as(alice, 'DELETE', '/secret-index')).status, 403);
    assert.equal((await as(alice, 'PUT', '/secret-index/_settings', { index: { number_of_replicas: 0 } })).status, 403);
    const delWild = await as(alice, 'DELETE', '/secret*');
    assert.ok(delWild.status < 500, delWild.text);
    assert.equal((await as(alice, 'POST', '/secret-index/_close')).status, 403);
  });

  it('scroll ids belong to who opened them', async () => {
    const open = await as(alice, 'GET', '/allowed-*/_search?scroll=1m&size=1');
    assert.equal(open.status, 200, open.text);
    const id = open.json._scroll_id;
    assert.ok(id);
    const next = await as(alice, 'POST', '/_search/scroll', { scroll: '1m', scroll_id: id });
    assert.equal(next.status, 200, next.text);
    const stolen = await as(admin, 'POST', '/_search/scroll', { scroll: '1m', scroll_id: id });
    assert.equal(stolen.status, 404);
    const forged = await as(alice, 'POST', '/_search/scroll', { scroll: '1m', scroll_id: 'FGluY2x1ZGVfY29udGV4dF91dWlkDXF1ZXJ5QW5kRmV0Y2gBFmZha2UAAAAAAAAAARZmYWtl' });
    assert.equal(forged.status, 404);
    assert.equal((await as(alice, 'DELETE', '/_search/scroll/_all')).status, 403);
    assert.equal((await as(alice, 'DELETE', '/_search/scroll', { scroll_id: [id] })).status, 200);
  });

  it('run-as: the looked-up user, ES realms in _authenticate, ES denials', async () => {
    const me = await as(bob, 'GET', '/_security/_authenticate', undefined, { 'es-security-runas-user': 'alice' });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.json.username, 'alice');
    assert.deepEqual(me.json.roles, ['allowed_reader']);
    assert.equal(me.json.authentication_realm.type, 'native');
    assert.equal(me.json.lookup_realm.type, 'native');
    const ok = await as(bob, 'GET', '/allowed-1/_search', undefined, { 'es-security-runas-user': 'alice' });
    assert.equal(ok.status, 200);
    const s = await as(bob, 'GET', '/secret-index/_search', undefined, { 'es-security-runas-user': 'alice' });
    assert.equal(s.status, 403);
    assert.equal(
      s.json.error.reason,
      'action [indices:data/read/search] is unauthorized for user [bob] run as [alice] with effective roles [allowed_reader] on indices [secret-index], this action is granted by the index privileges [read,all]',
    );
    const c = await as(carol, 'GET', '/allowed-1/_search', undefined, { 'es-security-runas-user': 'alice' });
    assert.equal(c.status, 403);
    assert.equal(c.json.error.reason, 'action [indices:data/read/search] is unauthorized for user [carol] with effective roles [], because user [carol] is unauthorized to run as [alice]');
    const ghost = await as(bob, 'GET', '/allowed-1/_search', undefined, { 'es-security-runas-user': 'ghost' });
    assert.equal(ghost.status, 403);
    assert.match(ghost.json.error.reason, /because user \[bob\] is unauthorized to run as \[ghost\]/);
    const superAs = await as(admin, 'GET', '/secret-index/_search', undefined, { 'es-security-runas-user': 'alice' });
    assert.equal(superAs.status, 403);
  });
});

function authHeader(u: [string, string]): string {
  return `Basic ${Buffer.from(`${u[0]}:${u[1]}`).toString('base64')}`;
}

/** A request with the path sent exactly as written (no URL normalization on the client side). */
function rawRequest(base: string, method: string, path: string, body: Buffer | undefined, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: u.hostname, port: u.port, method, path, headers: body ? { ...headers, 'Content-Length': String(body.length) } : headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
