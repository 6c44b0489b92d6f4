import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import type { Permission } from '../authz/permission.ts';
import { ForwardAuthorizer } from '../authz/forward-authorizer.ts';
import { CachedIndexMetadata } from '../authz/indices/metadata-source.ts';
import { IndexMetadata } from '../authz/indices/metadata.ts';
import { SearchContextRegistry } from '../authz/forward-contexts.ts';
import { AnswerShape, responseCheck, type ResponseCheck } from '../authz/response-check.ts';
import { realmAuthentication } from '../core/authentication.ts';
import { makeUser } from '../core/user.ts';
import { isEsError } from '../core/errors.ts';
import { requestInfo } from '../http/request-info.ts';
import { UPSTREAM_DEFAULTS, Upstream } from './upstream.ts';
import { AuthorizedForwarder, upstreamMetadataFetch } from './authorized-forward.ts';
import { checkAnswer, withheld } from './response-check.ts';
import { listen, send, type Listening } from './testing.ts';

const reader: Permission = {
  cluster: () => false,
  index: (_a, name, restricted) => !restricted && name.startsWith('logs-'),
  runAs: () => false,
  restrictsDocumentsOrFields: () => false,
  roleNames: ['reader'],
};
const alice = realmAuthentication(makeUser('alice', { roles: ['reader'] }), { name: 'native', type: 'native' });
const RESOLVED = { indices: [{ name: 'logs-1' }, { name: 'logs-2' }, { name: 'secret' }], aliases: [], data_streams: [] };
const md = IndexMetadata.fromResolveIndex(1, RESOLVED);
const json = (o: unknown) => Buffer.from(JSON.stringify(o));
const search = (...indices: string[]) => ({ took: 1, hits: { hits: indices.map((i, n) => ({ _index: i, _id: String(n), _source: { msg: 'm' } })) } });

function logsOne(o: { fresh?: () => Promise<IndexMetadata> } = {}): ResponseCheck {
  return responseCheck({ permission: reader, action: 'indices:data/read/search', shape: AnswerShape.search, names: [['logs-1']], metadata: md, fresh: o.fresh ?? (async () => md) });
}

describe('checkAnswer', () => {
  it('passes an answer naming only what the request reached; refuses the others by name', async () => {
    assert.deepEqual(await checkAnswer(logsOne(), { status: 200, headers: [], body: json(search('logs-1', 'logs-1')) }, 1e6), { ok: true });
    assert.deepEqual(await checkAnswer(logsOne(), { status: 200, headers: [], body: json(search('logs-1', 'secret', 'logs-2')) }, 1e6), { ok: false, refused: ['secret', 'logs-2'] });
  });

  it('a document that holds an `_index` field of its own is not taken for a hit (the scan defers to the parse)', async () => {
    const doc = { took: 1, hits: { hits: [{ _index: 'logs-1', _id: '1', _source: { copied: { _index: 'secret' } } }] } };
    const answer = { status: 200, headers: ['content-type', 'application/json; charset=UTF-8'], body: json(doc) };
    assert.deepEqual(await checkAnswer(logsOne(), answer, 1e6), { ok: true });
    const hidden = { took: 1, hits: { hits: [{ _index: 'secret', _id: '1', _source: { note: '"_index":"logs-1"' } }] } };
    assert.deepEqual(await checkAnswer(logsOne(), { ...answer, body: json(hidden) }, 1e6), { ok: false, refused: ['secret'] });
  });

  it('asks fresh metadata before refusing, and passes what it places in reach', async () => {
    let asked = 0;
    const fresh = IndexMetadata.fromResolveIndex(2, { indices: [{ name: 'logs-1' }, { name: 'raw-9' }], aliases: [{ name: 'x', indices: ['raw-9'] }] });
    const c = responseCheck({ permission: reader, action: 'indices:data/read/search', shape: AnswerShape.search, names: [['logs-1', 'x']], metadata: md, fresh: async () => (asked++, fresh) });
    assert.deepEqual(await checkAnswer(c, { status: 200, headers: [], body: json(search('raw-9')) }, 1e6), { ok: true });
    assert.equal(asked, 1);
    await checkAnswer(c, { status: 200, headers: [], body: json(search('logs-1')) }, 1e6);
    assert.equal(asked, 1, 'an answer that passes costs no metadata fetch');
  });

  it('reads compressed answers; answers it cannot read are refused, error answers relayed', async () => {
    const gz = gzipSync(json(search('secret')));
    assert.deepEqual(await checkAnswer(logsOne(), { status: 200, headers: ['Content-Encoding', 'gzip'], body: gz }, 1e6), { ok: false, refused: ['secret'] });
    assert.deepEqual(await checkAnswer(logsOne(), { status: 200, headers: ['content-encoding', 'zstd'], body: gz }, 1e6), { ok: false, unreadable: 'content-encoding [zstd]' });
    const yaml = { status: 200, headers: ['content-type', 'application/yaml'], body: Buffer.from('hits:\n  hits:\n  - _index: secret\n') };
    assert.deepEqual(await checkAnswer(logsOne(), yaml, 1e6), { ok: false, unreadable: 'content-type [application/yaml]' });
    assert.deepEqual(await checkAnswer(logsOne(), { ...yaml, status: 404 }, 1e6), { ok: true });
    assert.deepEqual(await checkAnswer(logsOne(), { status: 200, headers: [], body: Buffer.alloc(0) }, 1e6), { ok: true }, 'HEAD');
  });

  it('the refusal is ES\'s 403 for the action, without the refused names', () => {
    const e = withheld(alice, logsOne(), { ok: false, refused: ['secret'] });
    assert.equal(e.status, 403);
    assert.equal(e.type, 'security_exception');
    assert.equal(e.message, 'action [indices:data/read/search] is unauthorized for user [alice] with effective roles [reader]: the upstream answer named indices the request was not authorized for; the answer was withheld');
  });
});

describe('AuthorizedForwarder with the response check (a fake upstream)', () => {
  let upstreamServer: Listening;
  let gateway: Listening;
  let upstream: Upstream;
  let answer: { status?: number; headers?: Record<string, string>; body: Buffer } = { body: Buffer.alloc(0) };
  const decisions: [string, readonly string[], boolean][] = [];
  const warnings: Record<string, unknown>[] = [];
  let enabled = true;

  before(async () => {
    upstreamServer = await listen((req, res) => {
      req.resume();
      if (req.url?.startsWith('/_resolve/index/')) return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(RESOLVED));
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers }).end(answer.body);
    });
    upstream = new Upstream({ ...UPSTREAM_DEFAULTS, urls: [upstreamServer.url] });
    const authorizer = new ForwardAuthorizer({ permissions: { permissionFor: async () => reader }, metadata: new CachedIndexMetadata(upstreamMetadataFetch(upstream)), contexts: new SearchContextRegistry() });
    const settings = { get enabled() { return enabled; }, maxBytes: 4096, warn: (fields: Record<string, unknown>) => void warnings.push(fields) };
    const forwarder = new AuthorizedForwarder(upstream, authorizer, { maxContentLength: 1e6, responseCheck: settings });
    gateway = await listen((req, res) => {
      forwarder.forward(req, res, requestInfo(req), alice, undefined, (a, i, ok) => void decisions.push([a, i, ok])).catch((e: unknown) => {
        const status = isEsError(e) ? e.status : 500;
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { type: isEsError(e) ? e.type : 'x', reason: (e as Error).message }, status }));
      });
    });
  });
  after(async () => {
    await gateway.close();
    await upstreamServer.close();
    await upstream.close();
  });

  it('an answer within the request is sent byte for byte (compressed as the upstream sent it)', async () => {
    answer = { body: Buffer.from('{"took":1,  "hits":{"hits":[{"_index":"logs-1","_id":"1","_source":{"a":1.50}}]}}') };
    const r = await send(gateway.url, { path: '/logs-1/_search' });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, answer.body);
    answer = { headers: { 'content-encoding': 'gzip' }, body: gzipSync(json(search('logs-1'))) };
    const z = await send(gateway.url, { path: '/logs-1/_search' });
    assert.equal(z.headers['content-encoding'], 'gzip');
    assert.deepEqual(z.body, answer.body);
  });

  it('an answer naming another index is withheld: 403, access_denied with the names, a warning without content', async () => {
    decisions.length = 0;
    warnings.length = 0;
    answer = { body: json(search('logs-1', 'secret')) };
    const r = await send(gateway.url, { path: '/logs-1/_search' });
    assert.equal(r.status, 403);
    const body = JSON.parse(r.body.toString());
    assert.equal(body.error.type, 'security_exception');
    assert.doesNotMatch(r.body.toString(), /secret|"msg"/);
    assert.deepEqual(decisions, [['indices:data/read/search', ['logs-1'], true], ['indices:data/read/search', ['secret'], false]]);
    assert.equal(warnings.length, 1);
    assert.deepEqual(warnings[0].indices, ['secret']);
    assert.doesNotMatch(JSON.stringify(warnings[0]), /"msg"|_source/);
  });

  it('gets and mgets alike; writes are streamed unchecked', async () => {
    answer = { body: json({ _index: 'secret', _id: '1', found: true, _source: {} }) };
    assert.equal((await send(gateway.url, { path: '/logs-1/_doc/1' })).status, 403);
    answer = { body: json({ docs: [{ _index: 'logs-2', _id: '1', found: true, _source: {} }] }) };
    const body = JSON.stringify({ docs: [{ _index: 'logs-1', _id: '1' }] });
    assert.equal((await send(gateway.url, { method: 'POST', path: '/_mget', body, headers: { 'content-type': 'application/json' } })).status, 403);
    answer = { body: json({ _index: 'secret', result: 'created' }) };
    assert.equal((await send(gateway.url, { method: 'PUT', path: '/logs-1/_doc/1', body: '{}', headers: { 'content-type': 'application/json' } })).status, 200);
  });

  it('an answer over the limit is refused (429 circuit_breaking_exception), not passed', async () => {
    answer = { body: json(search(...Array.from({ length: 100 }, () => 'logs-1'))) };
    const r = await send(gateway.url, { path: '/logs-1/_search' });
    assert.equal(r.status, 429);
    assert.equal(JSON.parse(r.body.toString()).error.type, 'circuit_breaking_exception');
  });

  it('switched off (benchmarks only), answers stream unchecked', async () => {
    enabled = false;
    try {
      answer = { body: json(search('secret')) };
      assert.equal((await send(gateway.url, { path: '/logs-1/_search' })).status, 200);
    } finally {
      enabled = true;
    }
  });
});
