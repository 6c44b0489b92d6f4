// The edge of the gateway (issue 14, findings 8, 9, 12): deadlines, connection limit, security API aliases,
// header tricks, the upstream's refusal of the gateway credential, malformed HTTP. Raw `node:net` sockets are
// used where an HTTP client would normalise what is being tested (slow bytes, bad chunking, odd targets).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { startGateway, basic, type Gateway } from '../support/gateway.ts';

const PW = 'elastic-test-password';
const AUTH = basic('elastic', PW);

interface RawResult {
  /** Everything the gateway sent before it closed the connection (or before `waitMs`). */
  readonly text: string;
  readonly status: number | null;
  readonly json: any;
  /** Milliseconds from the first byte sent to the close; null when still open after `waitMs`. */
  readonly closedAfter: number | null;
}

/** Opens a raw connection, sends `head`, then `trickle` one byte every `everyMs`, and collects until close. */
function raw(url: string, head: string, opts: { trickle?: string; everyMs?: number; waitMs?: number } = {}): Promise<RawResult> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    let started = 0;
    const finish = (closed: boolean) => {
      clearInterval(timer);
      clearTimeout(giveUp);
      const text = Buffer.concat(chunks).toString('utf8');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      const body = text.split('\r\n\r\n').slice(1).join('\r\n\r\n');
      let json: any;
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        json = undefined;
      }
      resolve({ text, status: status ? Number(status) : null, json, closedAfter: closed ? Date.now() - started : null });
      socket.destroy();
    };
    const giveUp = setTimeout(() => finish(false), opts.waitMs ?? 10_000);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined); // a reset is a close, as far as these tests go
    socket.on('close', () => finish(true));
    socket.on('connect', () => {
      started = Date.now();
      socket.write(head);
      const rest = [...(opts.trickle ?? '')];
      if (rest.length) {
        timer = setInterval(() => {
          const c = rest.shift();
          if (c === undefined || socket.destroyed) return clearInterval(timer);
          socket.write(c);
        }, opts.everyMs ?? 1_000);
      }
    });
    socket.on('timeout', reject);
  });
}

const requestHead = (method: string, target: string, headers: string[] = []) =>
  `${method} ${target} HTTP/1.1\r\nHost: gw\r\n${headers.map((h) => h + '\r\n').join('')}\r\n`;

function assertNoUnexpectedError(gw: Gateway): void {
  assert.doesNotMatch(gw.stdout(), /unexpected error/, 'no "unexpected error" in the gateway log');
  assert.doesNotMatch(gw.stdout(), /"stack"/, 'no stack trace in the gateway log');
}

describe('edge: deadlines and idle connections', () => {
  let gw: Gateway;
  before(async () => {
    gw = await startGateway({
      elasticPassword: PW,
      config: ['portcullis.http.header_timeout: 1s', 'portcullis.http.request_timeout: 2s', 'portcullis.http.keep_alive_timeout: 1s', 'portcullis.upstream.connections: 1', ''].join('\n'),
    });
  });
  after(async () => {
    await gw?.stop();
    gw?.cleanup();
  });

  it('headers sent at 1 byte/s: a 408 and the connection closed at the header deadline', async () => {
    const r = await raw(gw.url, 'GET /_cluster/health HTTP/1.1\r\nHost: gw\r\n', { trickle: 'X-Slow: aaaaaaaaaaaaaaaaaaaaaaaa', everyMs: 200 });
    assert.equal(r.status, 408, r.text);
    assert.equal(r.json.status, 408);
    assert.equal(r.json.error.type, 'http_request_timeout_exception');
    assert.ok(r.closedAfter !== null && r.closedAfter >= 800 && r.closedAfter < 3_000, `closed after ${r.closedAfter} ms`);
  });

  for (const [what, target] of [
    ['a body the forwarder reads (_bulk)', '/_bulk'],
    ['a body a served endpoint reads (put user)', '/_security/user/slow-joe'],
  ] as const) {
    it(`${what} sent at 1 byte/s: a 408 and the connection closed at the request deadline`, async () => {
      const method = target === '/_bulk' ? 'POST' : 'PUT';
      const head = requestHead(method, target, [`Authorization: ${AUTH}`, 'Content-Type: application/json', 'Content-Length: 1000']);
      const r = await raw(gw.url, head, { trickle: '{"index":{"_index":"x"}}'.repeat(40), everyMs: 1_000 });
      assert.equal(r.status, 408, r.text);
      assert.match(r.json.error.reason, /body was not received in time/);
      assert.match(r.text, /\r\nconnection: close\r\n/i);
      assert.ok(r.closedAfter !== null && r.closedAfter >= 1_500 && r.closedAfter < 4_000, `closed after ${r.closedAfter} ms`);
    });
  }

  it('a trickled body on a body-less route does not hold the (single) upstream connection past the deadline', async () => {
    const head = requestHead('GET', '/_cluster/health', [`Authorization: ${AUTH}`, 'Content-Type: application/json', 'Transfer-Encoding: chunked']);
    const slow = raw(gw.url, head + '1\r\n{\r\n', { trickle: '1\r\n \r\n'.repeat(20), everyMs: 300 });
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    const other = await gw.request('GET', '/_cluster/health', { auth: ['elastic', PW] });
    assert.equal(other.status, 200, other.text);
    assert.ok(Date.now() - t0 < 5_000, `served after ${Date.now() - t0} ms`);
    const s = await slow;
    assert.ok(s.closedAfter !== null && s.closedAfter < 4_000, `trickle closed after ${s.closedAfter} ms`);
    assert.ok(s.status === 408 || s.status === null, s.text);
  });

  it('an idle keep-alive connection is closed after the keep-alive timeout', async () => {
    const r = await raw(gw.url, requestHead('GET', '/_security/_authenticate', [`Authorization: ${AUTH}`]), { waitMs: 5_000 });
    assert.equal(r.status, 200, r.text);
    assert.ok(r.closedAfter !== null && r.closedAfter >= 800 && r.closedAfter < 3_500, `closed after ${r.closedAfter} ms`);
  });

  it('logged no unexpected error', () => assertNoUnexpectedError(gw));
});

describe('edge: connection limit', () => {
  let gw: Gateway;
  before(async () => {
    gw = await startGateway({ elasticPassword: PW, config: 'portcullis.http.max_connections: 4\n' });
  });
  after(async () => {
    await gw?.stop();
    gw?.cleanup();
  });

  it('connections beyond portcullis.http.max_connections are closed; one frees a place when it goes', async () => {
    const { hostname, port } = new URL(gw.url);
    const open = await Promise.all(
      Array.from({ length: 4 }, () => new Promise<Socket>((r) => { const s = connect(Number(port), hostname, () => r(s)); s.on('error', () => undefined); })),
    );
    await new Promise((r) => setTimeout(r, 200));
    const refused = await raw(gw.url, requestHead('GET', '/_security/_authenticate', [`Authorization: ${AUTH}`]), { waitMs: 3_000 });
    assert.equal(refused.status, null, 'no answer on a connection over the limit');
    assert.ok(refused.closedAfter !== null && refused.closedAfter < 2_000, 'closed at once');
    open[0].destroy();
    await new Promise((r) => setTimeout(r, 200));
    const served = await raw(gw.url, requestHead('GET', '/_security/_authenticate', [`Authorization: ${AUTH}`, 'Connection: close']));
    assert.equal(served.status, 200, served.text);
    for (const s of open) s.destroy();
  });
});

describe('edge: security APIs under other names, request targets and methods', () => {
  let gw: Gateway;
  const compat7 = { Accept: 'application/vnd.elasticsearch+json;compatible-with=7', 'Content-Type': 'application/vnd.elasticsearch+json;compatible-with=7' };
  before(async () => {
    gw = await startGateway({ elasticPassword: PW });
    const created = await gw.request('PUT', '/_security/user/alias-joe', { auth: ['elastic', PW], body: { password: 'first-password', roles: [] } });
    assert.equal(created.status, 200, created.text);
  });
  after(async () => {
    await gw?.stop();
    gw?.cleanup();
  });

  it('/_xpack/security with compatible-with=7 is served here as /_security (a password change takes effect here)', async () => {
    const me = await gw.request('GET', '/_xpack/security/_authenticate', { auth: ['elastic', PW], headers: compat7 });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.json.username, 'elastic');
    const pw = await gw.request('PUT', '/_xpack/security/user/alias-joe/_password', { auth: ['elastic', PW], headers: compat7, body: { password: 'second-password' } });
    assert.equal(pw.status, 200, pw.text);
    assert.equal((await gw.request('GET', '/_security/_authenticate', { auth: ['alias-joe', 'second-password'] })).status, 200);
    assert.equal((await gw.request('GET', '/_security/_authenticate', { auth: ['alias-joe', 'first-password'] })).status, 401);
  });

  it('/_xpack/security without compatible-with=7 has no handler (as ES 9) and is never forwarded', async () => {
    const r = await gw.request('PUT', '/_xpack/security/user/alias-joe/_password', { auth: ['elastic', PW], body: { password: 'third-password' } });
    assert.equal(r.status, 400);
    assert.equal(r.json.error, 'no handler found for uri [/_xpack/security/user/alias-joe/_password] and method [PUT]');
    assert.equal((await gw.request('GET', '/_security/_authenticate', { auth: ['alias-joe', 'second-password'] })).status, 200);
  });

  it('the OpenSearch security plugin API (_opendistro/_security, _plugins/_security) is refused with a 400, however spelt', async () => {
    for (const path of ['/_opendistro/_security/api/internalusers/admin', '/_plugins/_security/api/account', '/%5Fplugins/%5Fsecurity/authinfo', '//_opendistro//_security/api/roles']) {
      const body = '{"password":"x"}';
      const r = await raw(gw.url, requestHead('PUT', path, [`Authorization: ${AUTH}`, 'Content-Type: application/json', `Content-Length: ${body.length}`, 'Connection: close']) + body);
      assert.equal(r.status, 400, `${path}: ${r.text}`);
      assert.match(r.json.error.reason, /OpenSearch security plugin API .* is not available through the gateway/, path);
    }
  });

  it('encoded and doubled prefixes of _security are served here; relative segments are refused', async () => {
    for (const path of ['/%5Fsecurity/_authenticate', '//_security/_authenticate', '/_security//_authenticate/']) {
      const r = await raw(gw.url, requestHead('GET', path, [`Authorization: ${AUTH}`, 'Connection: close']));
      assert.equal(r.status, 200, `${path}: ${r.text}`);
      assert.equal(r.json.username, 'elastic', path);
    }
    for (const path of ['/_security/../_cluster/health', '/_cluster/../_security/user', '/x/%2e%2e/_security/user', '/_security/./user']) {
      const r = await raw(gw.url, requestHead('GET', path, [`Authorization: ${AUTH}`, 'Connection: close']));
      assert.equal(r.status, 400, `${path}: ${r.text}`);
    }
  });

  it('look-alikes of _security (case, trailing dot, ;params) are not the security API and reach no security surface', async () => {
    for (const path of ['/_SECURITY/user', '/_security./user', '/_security;x=1/user', '/_Plugins/_security/api/account', '/_security%2Fuser']) {
      const r = await raw(gw.url, requestHead('GET', path, [`Authorization: ${AUTH}`, 'Connection: close']));
      const status = r.status ?? 0;
      assert.ok(status >= 400 && status < 500, `${path}: ${r.status} ${r.text}`);
      assert.ok(!('elastic' in (r.json ?? {})), path);
    }
  });

  it('a fragment, an absolute-form or asterisk target is a 400; TRACE, CONNECT and unknown methods a 405 or a close', async () => {
    const frag = await raw(gw.url, requestHead('GET', '/_security/_authenticate#x', [`Authorization: ${AUTH}`, 'Connection: close']));
    assert.equal(frag.status, 400, frag.text);
    for (const target of ['http://gw/_security/user', 'http://elastic:secret@gw/_security/_authenticate', '*']) {
      const r = await raw(gw.url, requestHead('GET', target, [`Authorization: ${AUTH}`, 'Connection: close']));
      assert.equal(r.status, 400, `${target}: ${r.text}`);
      assert.doesNotMatch(r.text, /secret/);
    }
    for (const method of ['TRACE', 'PROPFIND']) {
      const r = await raw(gw.url, requestHead(method, '/_security/user', [`Authorization: ${AUTH}`, 'Connection: close']));
      assert.equal(r.status, 405, `${method}: ${r.text}`);
    }
    const c = await raw(gw.url, requestHead('CONNECT', 'upstream:9200', [`Authorization: ${AUTH}`]), { waitMs: 3_000 });
    assert.ok(c.status === null || c.status === 400 || c.status === 405, c.text);
    assert.ok(c.closedAfter !== null, 'the CONNECT connection is closed');
  });

  it('logged no unexpected error', () => assertNoUnexpectedError(gw));
});

describe('edge: headers, the upstream credential, malformed HTTP (against a recording fake upstream)', () => {
  let gw: Gateway;
  let fake: Server;
  const seen: IncomingHttpHeaders[] = [];
  before(async () => {
    // A tiny upstream: 401 with a challenge on /_cluster/health (a wrong service credential), else 200 and the
    // request headers recorded.
    fake = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.url?.startsWith('/_cluster/health')) {
          res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Basic realm="upstream-security"' });
          res.end(JSON.stringify({ error: { type: 'security_exception', reason: 'unable to authenticate user [svc-user] for REST request' }, status: 401 }));
          return;
        }
        seen.push(req.headers);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"nodes":{}}');
      });
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    const port = (fake.address() as { port: number }).port;
    gw = await startGateway({
      upstream: `http://127.0.0.1:${port}`,
      elasticPassword: PW,
      config: 'portcullis.upstream.username: svc-user\nportcullis.upstream.password: wrong-service-password\n',
    });
  });
  after(async () => {
    await gw?.stop();
    gw?.cleanup();
    fake?.close();
  });

  it('an upstream 401 to the gateway credential is a 502 that says so; its WWW-Authenticate is not relayed', async () => {
    const r = await gw.request('GET', '/_cluster/health', { auth: ['elastic', PW] });
    assert.equal(r.status, 502, r.text);
    assert.match(r.json.error.reason, /rejected the gateway's own credential \(HTTP 401\)/);
    assert.equal(r.headers['www-authenticate'], undefined);
    assert.doesNotMatch(r.text, /svc-user|upstream-security/);
  });

  it('ES-Client-Authentication is never forwarded; different duplicate values are a 400', async () => {
    const ok = await gw.request('GET', '/_nodes', { auth: ['elastic', PW], headers: { 'ES-Client-Authentication': 'SharedSecret client-secret' } });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(seen.at(-1)!['es-client-authentication'], undefined);
    assert.equal(seen.at(-1)!.authorization, basic('svc-user', 'wrong-service-password'), 'only the service credential goes upstream');
    const dup = await gw.request('GET', '/_nodes', {
      auth: ['elastic', PW],
      headers: ['ES-Client-Authentication', 'SharedSecret a', 'ES-Client-Authentication', 'SharedSecret b'],
    });
    assert.equal(dup.status, 400, dup.text);
    assert.equal(dup.json.error.reason, 'multiple values for single-valued header [ES-Client-Authentication].');
    const dupAuth = await gw.request('GET', '/_nodes', { headers: ['Authorization', AUTH, 'Authorization', basic('elastic', 'other')] });
    assert.equal(dupAuth.status, 400, dupAuth.text);
  });

  it('underscore twins of security and framing headers are a 400 and reach nothing', async () => {
    const before = seen.length;
    for (const name of ['es_security_runas_user', 'Es-Secondary_Authorization', 'es-client_authentication', 'Proxy_Authorization', 'Transfer_Encoding', 'content_type']) {
      const r = await raw(gw.url, requestHead('GET', '/_nodes', [`Authorization: ${AUTH}`, `${name}: elastic`, 'Connection: close']));
      assert.equal(r.status, 400, `${name}: ${r.text}`);
      assert.match(r.json.error.reason, /would be read as/, name);
    }
    for (const name of ['X-HTTP-Method-Override', 'X-Original-URL']) {
      const r = await gw.request('GET', '/_nodes', { auth: ['elastic', PW], headers: { [name]: name === 'X-Original-URL' ? '/_plugins/_security/api/account' : 'DELETE' } });
      assert.equal(r.status, 400, `${name}: ${r.text}`);
    }
    assert.equal(seen.length, before, 'nothing forwarded');
  });

  it('a Connection header naming a security header is a 400; other named headers are dropped', async () => {
    for (const value of ['Authorization', 'close, es-security-runas-user', 'ES_SECONDARY_AUTHORIZATION']) {
      const r = await gw.request('GET', '/_nodes', { auth: ['elastic', PW], headers: { Connection: value } });
      assert.equal(r.status, 400, `${value}: ${r.text}`);
      assert.match(r.json.error.reason, /Connection header must not name the security header/);
    }
    const ok = await gw.request('GET', '/_nodes', { auth: ['elastic', PW], headers: { Connection: 'keep-alive, X-Hop', 'X-Hop': 'gone', 'X-Kept': 'kept' } });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(seen.at(-1)!['x-hop'], undefined);
    assert.equal(seen.at(-1)!['x-kept'], 'kept');
  });

  it('a malformed chunked body, a bad content-length or an aborted upload: a 400 or a close, no unexpected error', async () => {
    for (const target of ['/_bulk', '/_security/user/chunky', '/_nodes']) {
      const method = target === '/_nodes' ? 'GET' : target === '/_bulk' ? 'POST' : 'PUT';
      const head = requestHead(method, target, [`Authorization: ${AUTH}`, 'Content-Type: application/json', 'Transfer-Encoding: chunked']);
      const r = await raw(gw.url, head + '5\r\n{"a":\r\nzz\r\n');
      assert.equal(r.status, 400, `${target}: ${r.text}`);
      assert.match(r.json.error.reason, /not valid HTTP\/1\.1/);
      assert.ok(r.closedAfter !== null, 'closed');
    }
    const badLength = await raw(gw.url, requestHead('POST', '/_bulk', [`Authorization: ${AUTH}`, 'Content-Length: 12abc']));
    assert.equal(badLength.status, 400, badLength.text);
    const both = await raw(gw.url, requestHead('POST', '/_bulk', [`Authorization: ${AUTH}`, 'Content-Length: 5', 'Transfer-Encoding: chunked']) + '0\r\n\r\n');
    assert.equal(both.status, 400, both.text);
    // An upload cut off half way: the client is gone, so is the request (nothing to answer).
    const { hostname, port } = new URL(gw.url);
    await new Promise<void>((resolve) => {
      const s = connect(Number(port), hostname, () => {
        s.write(requestHead('POST', '/_bulk', [`Authorization: ${AUTH}`, 'Content-Type: application/x-ndjson', 'Content-Length: 1000']) + '{"index":');
        setTimeout(() => (s.destroy(), resolve()), 300);
      });
      s.on('error', () => undefined);
    });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await gw.request('GET', '/_security/_authenticate', { auth: ['elastic', PW] })).status, 200, 'the gateway still serves');
    assertNoUnexpectedError(gw);
  });
});
