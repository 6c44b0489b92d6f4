import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';
import { Agent } from 'undici';
import { EsError } from '../core/errors.ts';
import { Secret } from '../core/secret.ts';
import { UPSTREAM_DEFAULTS, Upstream } from './upstream.ts';
import { closedPort, listen, send, startGateway, type Gateway, type Listening } from './testing.ts';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: string;
}

/** An upstream double that records each request and answers 200 with a JSON body and some headers. */
async function recordingUpstream() {
  const seen: Seen[] = [];
  const l = await listen((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, rawHeaders: req.rawHeaders, body });
      const opaque = req.headers['x-opaque-id'];
      res.writeHead(200, [
        'Content-Type', 'application/json',
        'X-Upstream-Extra', 'yes',
        'Connection', 'keep-alive, X-Hop',
        'X-Hop', 'hop',
        'Keep-Alive', 'timeout=30',
        'Set-Cookie', 'a=1',
        'Set-Cookie', 'b=2',
        ...(opaque === undefined ? [] : ['X-Opaque-Id', String(opaque)]),
      ]);
      res.end('{"ok":true}');
    });
  });
  return { ...l, seen };
}

describe('Upstream.forward', () => {
  let upstream: Awaited<ReturnType<typeof recordingUpstream>>;
  let gateway: Gateway;
  before(async () => {
    upstream = await recordingUpstream();
    gateway = await startGateway({ urls: [upstream.url] });
  });
  after(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  it('preserves method, path and the raw query string exactly', async () => {
    const path = '/my-index/_search?q=a%2Fb+c&x=1&x=2&pretty&filter_path=hits.hits._source,%2A';
    const res = await send(gateway.url, { method: 'POST', path, body: '{"query":{}}', headers: { 'content-type': 'application/json' } });
    assert.equal(res.status, 200);
    assert.equal(res.body.toString(), '{"ok":true}');
    const last = upstream.seen.at(-1)!;
    assert.equal(last.method, 'POST');
    assert.equal(last.url, path);
    assert.equal(last.body, '{"query":{}}');
  });

  it('does not normalise dot segments or encoded slashes', async () => {
    const path = '/a/../%2e%2e/b%2Fc//_doc/1?x=%zz';
    await send(gateway.url, { path });
    assert.equal(upstream.seen.at(-1)!.url, path);
  });

  it('forwards GET with a body (as _search uses it)', async () => {
    await send(gateway.url, { method: 'GET', path: '/_search', body: '{"size":0}', headers: { 'content-type': 'application/json' } });
    assert.equal(upstream.seen.at(-1)!.body, '{"size":0}');
  });

  it('keeps request header hygiene: no credentials, no hop-by-hop, Host for the upstream', async () => {
    await send(gateway.url, {
      path: '/',
      headers: {
        authorization: 'Basic ZWxhc3RpYzpjaGFuZ2VtZQ==',
        'es-secondary-authorization': 'ApiKey abc',
        'es-security-runas-user': 'root',
        cookie: 'sid=1',
        connection: 'keep-alive, x-hop',
        'x-hop': '1',
        'x-opaque-id': 'task-42',
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
        tracestate: 'es=s:1',
        accept: 'application/json',
        'accept-encoding': 'gzip',
      },
    });
    const h = upstream.seen.at(-1)!.headers;
    for (const name of ['authorization', 'es-secondary-authorization', 'es-security-runas-user', 'cookie', 'x-hop']) {
      assert.equal(h[name], undefined, name);
    }
    assert.equal(h.host, `127.0.0.1:${upstream.port}`);
    assert.equal(h['x-opaque-id'], 'task-42');
    assert.equal(h.traceparent, '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    assert.equal(h.tracestate, 'es=s:1');
    assert.equal(h.accept, 'application/json');
    assert.equal(h['accept-encoding'], 'gzip');
  });

  it('keeps response header hygiene and passes end-to-end headers (X-Opaque-Id, duplicates) through', async () => {
    const res = await send(gateway.url, { headers: { 'x-opaque-id': 'task-7' } });
    assert.equal(res.headers['x-opaque-id'], 'task-7');
    assert.equal(res.headers['x-upstream-extra'], 'yes');
    assert.deepEqual(res.headers['set-cookie'], ['a=1', 'b=2']);
    assert.equal(res.headers['x-hop'], undefined);
    assert.notEqual(res.headers['keep-alive'], 'timeout=30', 'upstream keep-alive not passed on');
    assert.equal(res.headers['x-elastic-product'], undefined, 'not added by default');
  });

  it('sends an empty body as no body', async () => {
    const res = await send(gateway.url, { method: 'POST', path: '/_refresh', headers: { 'content-length': '00' }, body: '' });
    assert.equal(res.status, 200);
    assert.equal(upstream.seen.at(-1)!.method, 'POST');
    assert.equal(upstream.seen.at(-1)!.body, '');
  });

  it('answers Expect: 100-continue itself and strips the header upstream', async () => {
    const res = await send(gateway.url, { method: 'PUT', path: '/i/_doc/1', headers: { expect: '100-continue' }, body: '{"a":1}' });
    assert.equal(res.status, 200);
    assert.equal(upstream.seen.at(-1)!.body, '{"a":1}');
    assert.equal(upstream.seen.at(-1)!.headers.expect, undefined);
  });

  it('refuses absolute-form request targets without contacting the upstream', async () => {
    const before = upstream.seen.length;
    const sock = connect(gateway.port, '127.0.0.1');
    sock.end(`GET http://evil.example/_cluster/settings HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`);
    let text = '';
    for await (const chunk of sock) text += chunk;
    assert.match(text, /^HTTP\/1\.1 400 /);
    assert.equal(upstream.seen.length, before);
  });
});

describe('bodiless responses', () => {
  let l: Listening;
  let gateway: Gateway;
  before(async () => {
    l = await listen((req, res) => {
      if (req.url === '/204') return void res.writeHead(204, { 'x-kind': 'no-content' }).end();
      if (req.url === '/304') return void res.writeHead(304, { etag: '"v1"' }).end();
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1234' });
      res.end(req.method === 'HEAD' ? undefined : 'x'.repeat(1234));
    });
    gateway = await startGateway({ urls: [l.url] });
  });
  after(async () => {
    await gateway?.close();
    await l?.close();
  });

  it('HEAD: headers (including content-length) without a body; the upstream connection stays usable', async () => {
    const res = await send(gateway.url, { method: 'HEAD', path: '/idx' });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-length'], '1234');
    assert.equal(res.body.length, 0);
    const again = await send(gateway.url, { path: '/idx' });
    assert.equal(again.body.length, 1234);
  });

  it('204 and 304 have no body', async () => {
    const r204 = await send(gateway.url, { path: '/204' });
    assert.equal(r204.status, 204);
    assert.equal(r204.headers['x-kind'], 'no-content');
    assert.equal(r204.body.length, 0);
    const r304 = await send(gateway.url, { path: '/304' });
    assert.equal(r304.status, 304);
    assert.equal(r304.headers.etag, '"v1"');
    assert.equal(r304.body.length, 0);
  });
});

describe('a body the pipeline has already read', () => {
  it('is sent from ForwardOptions.body with its own content-length', async () => {
    const upstream = await recordingUpstream();
    const upstreamApi = new Upstream({ ...UPSTREAM_DEFAULTS, urls: [upstream.url] });
    const l = await listen(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      await upstreamApi.forward(req, res, { requestId: 'r1', body: Buffer.concat(chunks) });
    });
    try {
      const body = '{"index":{}}\n{"a":1}\n';
      const res = await send(l.url, { method: 'POST', path: '/_bulk', body, headers: { 'content-type': 'application/x-ndjson' } });
      assert.equal(res.status, 200);
      assert.equal(upstream.seen[0].body, body);
      assert.equal(upstream.seen[0].headers['content-length'], String(Buffer.byteLength(body)));
    } finally {
      await l.close();
      await upstreamApi.close();
      await upstream.close();
    }
  });
});

describe('service credential and product header', () => {
  it('sends Basic credentials built from username/password', async () => {
    const upstream = await recordingUpstream();
    const gateway = await startGateway({ urls: [upstream.url], username: 'portcullis', password: new Secret('pw') });
    try {
      await send(gateway.url, { headers: { authorization: 'Basic Y2xpZW50OmNsaWVudA==' } });
      assert.equal(upstream.seen[0].headers.authorization, `Basic ${Buffer.from('portcullis:pw').toString('base64')}`);
    } finally {
      await gateway.close();
      await upstream.close();
    }
  });

  it('sends an API key credential', async () => {
    const upstream = await recordingUpstream();
    const gateway = await startGateway({ urls: [upstream.url], apiKey: new Secret('aWQ6c2VjcmV0') });
    try {
      await send(gateway.url, { headers: { authorization: 'ApiKey Y2xpZW50' } });
      assert.equal(upstream.seen[0].headers.authorization, 'ApiKey aWQ6c2VjcmV0');
    } finally {
      await gateway.close();
      await upstream.close();
    }
  });

  it('with addProductHeader, exactly one X-elastic-product whether or not the upstream sends it', async () => {
    const l = await listen((req, res) => {
      res.writeHead(200, req.url === '/es' ? { 'X-elastic-product': 'Elasticsearch' } : {});
      res.end('{}');
    });
    const gateway = await startGateway({ urls: [l.url], addProductHeader: true });
    try {
      for (const path of ['/es', '/opensearch']) {
        const res = await send(gateway.url, { path });
        const values = res.rawHeaders.filter((_, i) => i % 2 === 0 && res.rawHeaders[i].toLowerCase() === 'x-elastic-product');
        assert.equal(values.length, 1, path);
        assert.equal(res.headers['x-elastic-product'], 'Elasticsearch');
      }
    } finally {
      await gateway.close();
      await l.close();
    }
  });
});

describe('several upstream URLs', () => {
  it('round-robins across them', async () => {
    const a = await recordingUpstream();
    const b = await recordingUpstream();
    const gateway = await startGateway({ urls: [a.url, b.url] });
    try {
      for (let i = 0; i < 4; i++) await send(gateway.url, { path: `/${i}` });
      assert.deepEqual(a.seen.map((s) => s.url), ['/0', '/2']);
      assert.deepEqual(b.seen.map((s) => s.url), ['/1', '/3']);
      assert.equal(b.seen[0].headers.host, `127.0.0.1:${b.port}`);
    } finally {
      await gateway.close();
      await a.close();
      await b.close();
    }
  });

  it('tries the next upstream when one refuses the connection (nothing was sent yet)', async () => {
    const a = await recordingUpstream();
    const down = `http://127.0.0.1:${await closedPort()}`;
    const gateway = await startGateway({ urls: [down, a.url] });
    try {
      for (let i = 0; i < 3; i++) assert.equal((await send(gateway.url, { path: `/${i}` })).status, 200);
      const posted = await send(gateway.url, { method: 'POST', path: '/i/_doc', body: '{"streamed":true}' });
      assert.equal(posted.status, 200);
      assert.equal(a.seen.length, 4);
      assert.equal(a.seen[3].body, '{"streamed":true}');
    } finally {
      await gateway.close();
      await a.close();
    }
  });
});

describe('Upstream construction and lifecycle', () => {
  const base = { ...UPSTREAM_DEFAULTS };

  it('rejects bad URLs without echoing credentials', () => {
    const cases = ['http://elastic:hunter2@es:9200', 'ftp://es', 'not a url', 'http://es:9200/prefix', 'http://es:9200/?a=1'];
    for (const url of cases) {
      assert.throws(
        () => new Upstream({ ...base, urls: [url] }),
        (e: unknown) => e instanceof EsError && e.code === 'illegal_argument' && !e.message.includes('hunter2'),
        url,
      );
    }
    assert.throws(() => new Upstream({ ...base, urls: [] }), EsError);
  });

  it('uses an injected dispatcher and leaves closing it to its owner', async () => {
    const upstream = await recordingUpstream();
    const agent = new Agent();
    const gateway = await startGateway({ urls: [upstream.url] }, agent);
    try {
      assert.equal((await send(gateway.url, { path: '/via-agent' })).status, 200);
      await gateway.close();
      assert.equal(agent.closed, false);
    } finally {
      await agent.close();
      await upstream.close();
    }
  });

  it('after close(), forwarding fails with upstream_unavailable', async () => {
    const upstream = await recordingUpstream();
    const gateway = await startGateway({ urls: [upstream.url] });
    try {
      await gateway.upstream.close();
      const res = await send(gateway.url);
      assert.equal(res.status, 502);
      const outcome = gateway.outcomes.at(-1);
      assert.ok(outcome && !outcome.ok && outcome.error instanceof EsError && outcome.error.code === 'upstream_unavailable');
    } finally {
      await gateway.close();
      await upstream.close();
    }
  });
});

describe('Upstream: a 401/403 to the gateway credential', () => {
  let upstream: Listening;
  let gateway: Gateway;
  before(async () => {
    upstream = await listen((req, res) => {
      const status = Number(req.url!.slice(1, 4));
      const type = req.url!.includes('block') ? 'cluster_block_exception' : 'security_exception';
      res.writeHead(status, { 'content-type': 'application/json', 'www-authenticate': 'Basic realm="upstream"' });
      res.end(JSON.stringify({ error: { type, reason: 'unable to authenticate user [svc-user]' }, status }));
    });
    gateway = await startGateway({ urls: [upstream.url], username: 'svc-user', password: new Secret('wrong') });
  });
  after(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  it('forward: an upstream 401 is a 502 that says so, without the upstream challenge or reason', async () => {
    const res = await send(gateway.url, { path: '/401' });
    assert.equal(res.status, 502);
    assert.equal(res.headers['www-authenticate'], undefined);
    assert.match(res.body.toString(), /gateway's own credential \(HTTP 401\)/);
    assert.doesNotMatch(res.body.toString(), /svc-user/);
  });

  it('forward: a 403 security_exception is a 502; a 403 block is relayed, without WWW-Authenticate', async () => {
    assert.equal((await send(gateway.url, { path: '/403' })).status, 502);
    const block = await send(gateway.url, { path: '/403/block' });
    assert.equal(block.status, 403);
    assert.equal(block.headers['www-authenticate'], undefined);
    assert.equal(JSON.parse(block.body.toString()).error.type, 'cluster_block_exception');
  });

  it('exchange and internal requests map the 401 the same way', async () => {
    const u = gateway.upstream;
    await assert.rejects(u.internal('GET', '/401'), (e: unknown) => e instanceof EsError && e.status === 502);
    const fake = { method: 'GET', headers: {}, url: '/401' } as unknown as Parameters<Upstream['exchange']>[0];
    await assert.rejects(u.exchange(fake, { requestId: 't', path: '/401' }), (e: unknown) => e instanceof EsError && e.status === 502);
  });
});
