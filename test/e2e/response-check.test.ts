// The second line of defence on answers, with the real gateway and OpenSearch. Between them sits a relay that
// passes every byte through and records the last answer of each path; asked to (X-Opaque-Id: tamper-<index>), it
// rewrites a search answer's `_index` to another index — as an upstream that ran something else than the
// gateway authorized would answer. Answers within the request reach the client byte for byte as the
// upstream sent them; the others are withheld, audited and logged.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGateway, upstreamUrl, type Gateway } from '../support/gateway.ts';
import { eventually } from '../support/eventually.ts';

const PW = 'elastic-test-password';
const admin: [string, string] = ['elastic', PW];
const reader: [string, string] = ['rc_reader', 'rc-reader-password'];
const MARK = 'rc-secret-canary';

interface Relay {
  readonly url: string;
  /** The last answer body the upstream sent (the gateway's own metadata calls apart). */
  latest(): Buffer | undefined;
  close(): Promise<void>;
}

function startRelay(target: string): Promise<Relay> {
  let latest: Buffer | undefined;
  const up = new URL(target);
  const server: Server = createServer((req, res) => {
    const tamper = /^tamper-(.+)$/.exec(String(req.headers['x-opaque-id'] ?? ''))?.[1];
    const out = httpRequest({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers: { ...req.headers, host: up.host } }, (ur) => {
      const chunks: Buffer[] = [];
      ur.on('data', (c: Buffer) => chunks.push(c));
      ur.on('end', () => {
        let body = Buffer.concat(chunks);
        if (tamper && ur.statusCode === 200) {
          const json = JSON.parse(body.toString());
          for (const h of json.hits?.hits ?? []) h._index = tamper;
          if (typeof json._index === 'string') json._index = tamper;
          body = Buffer.from(JSON.stringify(json));
        }
        if (!req.url?.startsWith('/_resolve/')) latest = body;
        const headers = { ...ur.headers, 'content-length': String(body.length) };
        delete headers['transfer-encoding'];
        res.writeHead(ur.statusCode ?? 502, headers).end(body);
      });
    });
    out.on('error', () => res.writeHead(502).end());
    req.pipe(out);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, latest: () => latest, close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))) });
    }),
  );
}

function auditEvents(gw: Gateway): Record<string, unknown>[] {
  const dir = join(gw.dataDir, 'logs');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('_audit.json'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean))
    .map((l) => JSON.parse(l));
}

describe('response check: answers of read APIs name only what the request was authorized for', () => {
  let relay: Relay;
  let gw: Gateway;
  const as = (who: [string, string], method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => gw.request(method, path, { auth: who, body, headers });
  const direct = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(upstreamUrl() + path, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: r.status, json: await r.json() };
  };
  const sameBytes = (r: { text: string }, what: string) => assert.equal(r.text, relay.latest()?.toString(), `${what}: the client got other bytes than the upstream sent`);

  before(async () => {
    relay = await startRelay(upstreamUrl());
    gw = await startGateway({ elasticPassword: PW, upstream: relay.url });
    for (const i of ['rc-logs-1', 'rc-logs-2', 'rc-secret', 'rc-raw']) await as(admin, 'DELETE', `/${i}`);
    await as(admin, 'DELETE', '/_data_stream/rc-logs-stream');
    for (let n = 1; n <= 3; n++) await as(admin, 'PUT', `/rc-logs-1/_doc/${n}`, { msg: `one ${n}`, n });
    await as(admin, 'PUT', '/rc-logs-2/_doc/1', { msg: 'two', n: 1 });
    await as(admin, 'PUT', '/rc-secret/_doc/1', { msg: MARK, n: 1 });
    await as(admin, 'PUT', '/rc-raw/_doc/1', { msg: 'raw, read through the alias', n: 1 });
    await as(admin, 'POST', '/_aliases', { actions: [{ add: { index: 'rc-raw', alias: 'rc-logs-view' } }] });
    await as(admin, 'PUT', '/_index_template/rc-logs-stream', { index_patterns: ['rc-logs-stream*'], data_stream: {}, priority: 500 });
    assert.equal((await as(admin, 'POST', '/rc-logs-stream/_doc', { '@timestamp': '2026-01-01T00:00:00Z', msg: 'streamed' })).status, 201);
    await as(admin, 'POST', '/rc-*/_refresh');
    assert.equal((await as(admin, 'PUT', '/_security/role/rc_reader', { indices: [{ names: ['rc-logs-*'], privileges: ['read'] }] })).status, 200);
    assert.equal((await as(admin, 'PUT', `/_security/user/${reader[0]}`, { password: reader[1], roles: ['rc_reader'] })).status, 200);
  });
  after(async () => {
    await gw?.stop();
    gw?.cleanup();
    await relay?.close();
  });

  it('searches, gets, mgets, msearches, explains, term vectors and scrolls by a restricted user pass unchanged, byte for byte', async () => {
    const s = await as(reader, 'GET', '/rc-logs-*/_search?size=100');
    assert.equal(s.status, 200, s.text);
    assert.ok(s.json.hits.hits.length >= 5);
    sameBytes(s, 'search');
    const names = new Set(s.json.hits.hits.map((h: { _index: string }) => h._index));
    assert.ok(names.has('rc-raw'), 'the alias target');
    assert.ok([...names].some((n) => String(n).startsWith('.ds-rc-logs-stream-')), 'the data stream backing index');
    assert.ok(!s.text.includes(MARK));

    const inner = await as(reader, 'POST', '/rc-logs-1/_search', { collapse: { field: 'n', inner_hits: { name: 'same', size: 2 } }, query: { match_all: {} } });
    assert.equal(inner.status, 200, inner.text);
    assert.equal(inner.json.hits.hits[0].inner_hits.same.hits.hits[0]._index, 'rc-logs-1');
    sameBytes(inner, '/rc-logs-1/_search');

    const get = await as(reader, 'GET', '/rc-logs-view/_doc/1');
    assert.equal(get.status, 200, get.text);
    assert.equal(get.json._index, 'rc-raw');
    sameBytes(get, '/rc-logs-view/_doc/1');

    const missing = await as(reader, 'GET', '/rc-logs-1/_doc/nope');
    assert.equal(missing.status, 404);
    sameBytes(missing, '/rc-logs-1/_doc/nope');

    const mget = await as(reader, 'POST', '/_mget', { docs: [{ _index: 'rc-logs-1', _id: '1' }, { _index: 'rc-logs-2', _id: '1' }] });
    assert.equal(mget.status, 200, mget.text);
    sameBytes(mget, '/_mget');

    const msearch = await gw.request('POST', '/_msearch', { auth: reader, headers: { 'content-type': 'application/x-ndjson' }, body: '{"index":"rc-logs-1"}\n{"size":1}\n{"index":"rc-logs-2"}\n{}\n' });
    assert.equal(msearch.status, 200, msearch.text);
    assert.equal(msearch.json.responses.length, 2);
    sameBytes(msearch, '/_msearch');

    const explain = await as(reader, 'POST', '/rc-logs-1/_explain/1', { query: { match_all: {} } });
    assert.equal(explain.status, 200, explain.text);
    sameBytes(explain, '/rc-logs-1/_explain/1');

    const tv = await as(reader, 'GET', '/rc-logs-1/_termvectors/1?fields=msg');
    assert.equal(tv.status, 200, tv.text);
    sameBytes(tv, '/rc-logs-1/_termvectors/1');

    const first = await as(reader, 'GET', '/rc-logs-1/_search?scroll=1m&size=1');
    assert.equal(first.status, 200, first.text);
    const next = await as(reader, 'POST', '/_search/scroll', { scroll: '1m', scroll_id: first.json._scroll_id });
    assert.equal(next.status, 200, next.text);
    assert.equal(next.json.hits.hits[0]._index, 'rc-logs-1');
    sameBytes(next, '/_search/scroll');
  });

  it('an answer naming an index the request was not authorized for is withheld: a 403, an access_denied event, a warning without content', async () => {
    const r = await as(reader, 'GET', '/rc-logs-1/_search', undefined, { 'X-Opaque-Id': 'tamper-rc-secret' });
    assert.equal(r.status, 403, r.text);
    assert.equal(r.json.error.type, 'security_exception');
    assert.match(r.json.error.reason, /^action \[indices:data\/read\/search\] is unauthorized for user \[rc_reader\] with effective roles \[rc_reader\]: the upstream answer named indices the request was not authorized for; the answer was withheld$/);
    assert.ok(!r.text.includes('rc-secret') && !r.text.includes('one 1'), 'neither the refused name nor a document reaches the client');
    const denied = await eventually(
      () => auditEvents(gw).find((e) => e['event.action'] === 'access_denied' && e.opaque_id === 'tamper-rc-secret'),
      'access_denied for the withheld answer',
    );
    assert.equal(denied.action, 'indices:data/read/search');
    assert.deepEqual(denied.indices, ['rc-secret']);
    assert.equal(denied['user.name'], 'rc_reader');
    const granted = auditEvents(gw).find((e) => e['event.action'] === 'access_granted' && e['request.id'] === denied['request.id']);
    assert.deepEqual(granted?.indices, ['rc-logs-1'], 'the request itself was granted');
    const warning = await eventually(() => gw.stdout().split('\n').find((l) => l.includes('upstream answer withheld')), 'the warning');
    assert.match(warning, /"indices":\["rc-secret"\]/);
    assert.ok(!warning.includes('one 1') && !warning.includes('_source'), 'no document content in the log');

    const get = await as(reader, 'GET', '/rc-logs-1/_doc/1', undefined, { 'X-Opaque-Id': 'tamper-rc-logs-2' });
    assert.equal(get.status, 403, 'an index the user may read, but not the one the request named');
    const remote = await as(reader, 'GET', '/rc-logs-1/_search', undefined, { 'X-Opaque-Id': 'tamper-other:rc-logs-1' });
    assert.equal(remote.status, 403, 'remote-cluster names never pass');
  });

  it('filter_path cannot hide the index names from the check: _index is kept (and withheld when wrong); exclusions of it are a 400', async () => {
    const r = await as(reader, 'GET', '/rc-logs-1/_search?filter_path=hits.hits._source');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(Object.keys(r.json.hits.hits[0]).sort(), ['_index', '_source'], 'the documents, with the name the check read');
    sameBytes(r, 'filtered search');
    const tampered = await as(reader, 'GET', '/rc-logs-1/_search?filter_path=hits.hits._source', undefined, { 'X-Opaque-Id': 'tamper-rc-secret' });
    assert.equal(tampered.status, 403, tampered.text);
    const excluded = await as(reader, 'GET', '/rc-logs-1/_search?filter_path=-hits.hits._index');
    assert.equal(excluded.status, 400, excluded.text);
    assert.equal(excluded.json.error.type, 'illegal_argument_exception');
    const kibanaLike = await as(reader, 'POST', '/rc-logs-*/_search?filter_path=-**.key_as_string', { size: 1 });
    assert.equal(kibanaLike.status, 200, kibanaLike.text);
  });

  it('an alias changed upstream behind the gateway\'s metadata cache is not taken for an attack (fresh metadata is asked first)', async () => {
    assert.equal((await as(reader, 'GET', '/rc-logs-view/_search')).status, 200); // the snapshot knows rc-logs-view → rc-raw
    const change = await direct('POST', '/_aliases', { actions: [{ remove: { index: 'rc-raw', alias: 'rc-logs-view' } }, { add: { index: 'rc-logs-2', alias: 'rc-logs-view' } }] });
    assert.equal(change.status, 200);
    try {
      const r = await as(reader, 'GET', '/rc-logs-view/_search');
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.hits.hits.map((h: { _index: string }) => h._index), ['rc-logs-2']);
    } finally {
      await direct('POST', '/_aliases', { actions: [{ remove: { index: 'rc-logs-2', alias: 'rc-logs-view' } }, { add: { index: 'rc-raw', alias: 'rc-logs-view' } }] });
    }
  });
});
