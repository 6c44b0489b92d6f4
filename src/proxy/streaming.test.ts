import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { Agent, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen, once, send, startGateway } from './testing.ts';

const MB = 1024 * 1024;

/** An upstream whose behaviour each test sets. */
async function scriptedUpstream() {
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => void res.end();
  const l = await listen((req, res) => handler(req, res));
  const gateway = await startGateway({ urls: [l.url], bodyTimeoutMs: 300 });
  return {
    gateway,
    on(h: typeof handler) {
      handler = h;
    },
    async close() {
      await gateway.close();
      await l.close();
    },
  };
}

/** A scripted upstream set up before and closed after the enclosing suite (only if it runs). */
function scripted() {
  let instance: Awaited<ReturnType<typeof scriptedUpstream>> | undefined;
  before(async () => {
    instance = await scriptedUpstream();
  });
  after(() => instance?.close());
  return {
    get gateway() {
      return instance!.gateway;
    },
    on(h: Parameters<Awaited<ReturnType<typeof scriptedUpstream>>['on']>[0]) {
      instance!.on(h);
    },
  };
}

function post(url: string, path: string, headers: Record<string, string> = {}) {
  const { hostname, port } = new URL(url);
  return httpRequest({ hostname, port, path, method: 'POST', headers, agent: false });
}

describe('streaming', () => {
  const up = scripted();

  it('streams a 20 MB body both ways without buffering it (never more than 1 MB in flight)', { timeout: 30_000 }, async () => {
    // The upstream echoes as it reads. The client sends a chunk only while fewer than WINDOW bytes are
    // unanswered, so if the gateway held back either body until it was complete, this would deadlock.
    up.on((req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      req.pipe(res);
    });
    const total = 20 * MB;
    const chunk = 64 * 1024;
    const WINDOW = 1 * MB;
    const sentHash = createHash('sha256');
    const gotHash = createHash('sha256');
    let sent = 0;
    let received = 0;
    let maxInFlight = 0;

    const req = post(up.gateway.url, '/_bulk', { 'content-type': 'application/x-ndjson', 'content-length': String(total) });
    const done = new Promise<number>((resolve, reject) => {
      req.on('error', reject);
      req.on('response', (res) => {
        res.on('data', (c: Buffer) => {
          received += c.length;
          gotHash.update(c);
          pump();
        });
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      });
    });
    const pump = (): void => {
      while (sent < total && sent - received < WINDOW) {
        const c = randomBytes(Math.min(chunk, total - sent));
        sentHash.update(c);
        sent += c.length;
        maxInFlight = Math.max(maxInFlight, sent - received);
        req.write(c);
      }
      if (sent === total && !req.writableEnded) req.end();
    };
    pump();
    assert.equal(await done, 200);
    assert.equal(received, total);
    assert.equal(gotHash.digest('hex'), sentHash.digest('hex'));
    assert.ok(maxInFlight < WINDOW + chunk);
  });

  it('the upstream starts responding before the request body is finished', async () => {
    up.on((req, res) => {
      res.writeHead(200);
      res.write('started\n');
      let n = 0;
      req.on('data', (c: Buffer) => (n += c.length));
      req.on('end', () => res.end(`${n}\n`));
    });
    const req = post(up.gateway.url, '/big', { 'content-length': String(2 * MB) });
    req.write(Buffer.alloc(MB));
    const res = await once<IncomingMessage>(req, 'response');
    const first = await once<Buffer>(res, 'data');
    assert.equal(first.toString(), 'started\n'); // the second half has not been sent yet
    let rest = '';
    res.on('data', (c: Buffer) => (rest += c));
    const ended = once(res, 'end');
    req.end(Buffer.alloc(MB));
    await ended;
    assert.equal(rest, `${2 * MB}\n`);
  });
});

describe('failures mid-response destroy the client connection', () => {
  const up = scripted();

  for (const framing of ['content-length', 'chunked'] as const) {
    it(`upstream reset mid-body (${framing}): the client sees an aborted response`, async () => {
      up.on((req, res) => {
        res.writeHead(200, framing === 'content-length' ? { 'content-length': '100000' } : {});
        res.write('x'.repeat(1000), () => setTimeout(() => req.socket.destroy(), 20));
      });
      const outcome = up.gateway.nextOutcome();
      await assert.rejects(send(up.gateway.url), /aborted|incomplete|ECONNRESET|socket hang up/);
      assert.deepEqual(await outcome, { ok: true }, 'forward does not throw once headers are sent');
    });
  }

  it('upstream stalls mid-body past bodyTimeoutMs: the client sees an aborted response', async () => {
    up.on((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
    });
    await assert.rejects(send(up.gateway.url), /aborted|incomplete|ECONNRESET|socket hang up/);
  });
});

describe('client going away aborts the upstream request', () => {
  const up = scripted();

  it('while uploading the body', async () => {
    const upstreamSaw = new Promise<{ complete: boolean; bytes: number }>((resolve) => {
      up.on((req) => {
        let bytes = 0;
        req.on('data', (c: Buffer) => {
          bytes += c.length;
          if (bytes >= 64 * 1024) client.destroy();
        });
        req.on('close', () => resolve({ complete: req.complete, bytes }));
      });
    });
    const outcome = up.gateway.nextOutcome();
    const client = post(up.gateway.url, '/_bulk', { 'content-length': String(10 * MB) });
    client.on('error', () => {});
    client.write(Buffer.alloc(256 * 1024));
    const saw = await upstreamSaw;
    assert.equal(saw.complete, false);
    assert.ok(saw.bytes < 10 * MB);
    assert.deepEqual(await outcome, { ok: true }, 'nothing to render for a client that left');
  });

  it('while waiting for the response headers', async () => {
    let upstreamRes: ServerResponse | undefined;
    const closed = new Promise<boolean>((resolve) => {
      up.on((_req, res) => {
        upstreamRes = res;
        res.on('close', () => resolve(res.writableFinished));
        client.destroy(); // the request reached the upstream; now the client leaves
      });
    });
    const outcome = up.gateway.nextOutcome();
    const { hostname, port } = new URL(up.gateway.url);
    const client = httpRequest({ hostname, port, path: '/slow', agent: false });
    client.on('error', () => {});
    client.end();
    assert.equal(await closed, false, 'the upstream saw its connection close before answering');
    assert.ok(upstreamRes);
    assert.deepEqual(await outcome, { ok: true });
  });

  it('while receiving the response body', async () => {
    const closed = new Promise<boolean>((resolve) => {
      up.on((_req, res) => {
        res.writeHead(200);
        const timer = setInterval(() => res.write('chunk\n'), 5);
        res.on('close', () => {
          clearInterval(timer);
          resolve(res.writableFinished);
        });
      });
    });
    const { hostname, port } = new URL(up.gateway.url);
    const client = httpRequest({ hostname, port, path: '/_stream', agent: false });
    client.on('error', () => {});
    client.end();
    const res = await once<IncomingMessage>(client, 'response');
    await once(res, 'data');
    client.destroy();
    assert.equal(await closed, false, 'the upstream response was cut off, not left running');
  });
});

describe('connection reuse', () => {
  const up = scripted();

  it('keeps upstream connections alive across requests', async () => {
    const upstreamConnections = new Set<number>();
    up.on((req, res) => {
      upstreamConnections.add(req.socket.remotePort ?? 0);
      res.end('{}');
    });
    for (let i = 0; i < 5; i++) assert.equal((await send(up.gateway.url, { path: `/${i}` })).status, 200);
    assert.equal(upstreamConnections.size, 1);
  });

  it('the client connection stays usable when the upstream answers before reading the whole body', async () => {
    // A raw upstream: answers 413 as soon as it has the request head, never reads the body, keeps the socket.
    const sockets: Socket[] = [];
    const raw = createNetServer((s) => {
      sockets.push(s);
      s.once('data', () => {
        s.pause();
        s.write('HTTP/1.1 413 Request Entity Too Large\r\ncontent-type: application/json\r\ncontent-length: 19\r\n\r\n{"error":"too big"}');
      });
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const gateway = await startGateway({ urls: [`http://127.0.0.1:${(raw.address() as AddressInfo).port}`] });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await send(gateway.url, { agent, method: 'POST', path: '/too-big', body: Buffer.alloc(5 * MB) });
      assert.equal(first.status, 413);
      assert.equal(first.body.toString(), '{"error":"too big"}');
      const second = await send(gateway.url, { agent, method: 'POST', path: '/again', body: Buffer.alloc(5 * MB) });
      assert.equal(second.status, 413);
      assert.equal(second.localPort, first.localPort, 'same client connection');
    } finally {
      agent.destroy();
      for (const s of sockets) s.destroy();
      await gateway.close();
      await new Promise<void>((resolve) => raw.close(() => resolve()));
    }
  });
});
