// The closed request grammar, against the real gateway and OpenSearch (issue 14, findings 1 and 2): a user
// with read/write/manage on `logs-*` only names `secret` through query parameters and body fields that
// would override the path; each is refused, and `secret` is unchanged afterwards.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startGateway, type Gateway } from '../support/gateway.ts';

const PW = 'elastic-test-password';
const admin: [string, string] = ['elastic', PW];
const user: [string, string] = ['logs_user', 'logs-user-password'];
const MARK = 'grammar-canary-secret';

describe('forwarded requests: only what the grammar declares is forwarded', () => {
  let gw: Gateway;
  const as = (who: [string, string], method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    gw.request(method, path, { auth: who, body, headers });
  const noSecret = (r: { text: string }, what: string) => assert.ok(!r.text.includes(MARK) && !r.text.includes('"secret"'), `${what} reached secret: ${r.text.slice(0, 400)}`);

  before(async () => {
    gw = await startGateway({ elasticPassword: PW });
    for (const i of ['secret', 'logs-1', 'logs-copy']) await as(admin, 'DELETE', `/${i}`);
    await as(admin, 'PUT', '/secret', { mappings: { properties: { text: { type: 'text', term_vector: 'yes' } } } });
    await as(admin, 'PUT', '/secret/_doc/1?refresh=true', { text: MARK });
    await as(admin, 'PUT', '/logs-1/_doc/1?refresh=true', { text: 'hello logs' });
    const role = { cluster: ['monitor'], indices: [{ names: ['logs-*'], privileges: ['read', 'write', 'manage'] }] };
    assert.equal((await as(admin, 'PUT', '/_security/role/logs_rw', role)).status, 200);
    assert.equal((await as(admin, 'PUT', `/_security/user/${user[0]}`, { password: user[1], roles: ['logs_rw'] })).status, 200);
  });

  after(async () => {
    if (!gw) return;
    const aliases = await as(admin, 'GET', '/secret/_alias');
    assert.deepEqual(aliases.json.secret.aliases, {}, `an alias was put on secret: ${aliases.text}`);
    const docs = await as(admin, 'GET', '/secret/_search');
    assert.equal(docs.json.hits.total.value, 1);
    assert.equal(docs.json.hits.hits[0]._source.text, MARK);
    await gw.stop();
    gw.cleanup();
  });

  it('a query parameter cannot name the target: GET /_mtermvectors?index=secret', async () => {
    const r = await as(user, 'GET', '/_mtermvectors?index=secret&ids=1');
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.type, 'illegal_argument_exception');
    assert.match(r.json.error.reason, /\[index\], which names a part of the path/);
    noSecret(r, 'mtermvectors ?index=');
    const ok = await as(user, 'GET', '/logs-1/_mtermvectors?ids=1');
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.docs[0]._index, 'logs-1');
  });

  it('a termvectors body cannot name another index, in the body or in ?source=', async () => {
    const r = await as(user, 'POST', '/logs-1/_termvectors/1', { _index: 'secret' });
    assert.equal(r.status, 400, r.text);
    assert.match(r.json.error.reason, /\[_index\] is not forwarded by the gateway/);
    noSecret(r, 'termvectors body _index');
    const source = await as(user, 'GET', `/logs-1/_termvectors/1?source=${encodeURIComponent('{"_index":"secret"}')}&source_content_type=application/json`);
    assert.equal(source.status, 400, source.text);
    noSecret(source, 'termvectors ?source=');
    const ok = await as(user, 'POST', '/logs-1/_termvectors/1', { fields: ['text'] });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json._index, 'logs-1');
  });

  it('a put-alias body cannot name the index or the alias', async () => {
    const r = await as(user, 'PUT', '/logs-1/_alias/logs-ok', { index: 'secret', alias: 'logs-evil' });
    assert.equal(r.status, 400, r.text);
    assert.match(r.json.error.reason, /is not forwarded by the gateway/);
    const evil = await as(admin, 'GET', '/_alias/logs-evil');
    assert.equal(evil.status, 404, `logs-evil exists: ${evil.text}`);
    const ok = await as(user, 'PUT', '/logs-1/_alias/logs-ok', { is_write_index: true });
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual(Object.keys((await as(admin, 'GET', '/logs-1/_alias')).json['logs-1'].aliases), ['logs-ok']);
  });

  it('an unknown query parameter is ES\'s 400, without reaching the upstream', async () => {
    const r = await as(user, 'GET', '/logs-1/_search?foo=1&typed_keyz=true');
    assert.equal(r.status, 400);
    assert.equal(r.json.error.type, 'illegal_argument_exception');
    assert.equal(r.json.error.reason, 'request [/logs-1/_search] contains unrecognized parameters: [foo], [typed_keyz] -> did you mean [typed_keys]?');
    const ok = await as(user, 'GET', '/logs-1/_search?typed_keys=true&rest_total_hits_as_int=true&ignore_unavailable=true');
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.hits.total, 1);
  });

  it('an unknown body field is a 400; a body on an API without one is a 400', async () => {
    const r = await as(user, 'POST', '/logs-1/_termvectors/1', { bogus: 1 });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.type, 'x_content_parse_exception');
    assert.equal(r.json.error.reason, '[term vectors request] unknown field [bogus]');
    const count = await as(user, 'POST', '/logs-1/_count', { query: { match_all: {} }, bogus: 1 });
    assert.equal(count.status, 400);
    const health = await as(user, 'GET', '/_cat/health', { query: { match_all: {} } });
    assert.equal(health.status, 400);
    assert.equal(health.json.error.reason, 'request [GET /_cat/health] does not support having a body');
  });

  it('what is forwarded is the checked value: big numbers survive, duplicate keys are refused', async () => {
    const put = await as(user, 'PUT', '/logs-1/_doc/2?refresh=true', '{"f":1.00000000000000000001,"text":"big"}', { 'Content-Type': 'application/json' });
    assert.equal(put.status, 201, put.text);
    const got = await as(user, 'GET', '/logs-1/_source/2');
    assert.match(got.text, /1\.00000000000000000001/);
    const dup = await as(user, 'POST', '/logs-1/_search', '{"query":{"match_all":{}},"query":{"match_all":{}}}', { 'Content-Type': 'application/json' });
    assert.equal(dup.status, 400);
    assert.match(dup.json.error.reason, /duplicate field \[query\]/);
  });
});
