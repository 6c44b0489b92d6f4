import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createNetServer, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:https';
import { Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EsError } from '../core/errors.ts';
import { closedPort, listen, send, startGateway, type Gateway } from './testing.ts';
import { TEST_CA_PEM, TEST_SERVER_CERT_PEM, TEST_SERVER_KEY_PEM } from './tls.fixture.ts';

/** Sends one request and checks the rendered ES error and what forward threw. */
async function expectError(gateway: Gateway, code: string, status: number, reason: RegExp, body?: string): Promise<EsError> {
  const outcome = gateway.nextOutcome();
  const res = await send(gateway.url, body === undefined ? {} : { method: 'POST', path: '/i/_doc', body });
  assert.equal(res.status, status);
  const json = JSON.parse(res.body.toString()) as { error: { reason: string }; status: number };
  assert.match(json.error.reason, reason);
  const o = await outcome;
  assert.ok(!o.ok && o.error instanceof EsError, 'forward threw an EsError');
  assert.equal(o.error.code, code);
  return o.error;
}

/** A TCP server that runs `onSocket` for each connection (for misbehaving upstreams). */
async function rawUpstream(onSocket: (s: Socket) => void) {
  const sockets = new Set<Socket>();
  const server = createNetServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
    onSocket(s);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

describe('upstream failures before the response starts', () => {
  it('connection refused: 502 upstream_unavailable without the upstream address', async () => {
    const port = await closedPort();
    const gateway = await startGateway({ urls: [`http://127.0.0.1:${port}`] });
    try {
      const err = await expectError(gateway, 'upstream_unavailable', 502, /^could not connect to the upstream cluster$/);
      assert.equal(err.type, 'connect_transport_exception');
      assert.doesNotMatch(err.message, new RegExp(String(port)));
    } finally {
      await gateway.close();
    }
  });

  it('connection refused for a request with a streamed body: the client still gets the 502', async () => {
    const gateway = await startGateway({ urls: [`http://127.0.0.1:${await closedPort()}`] });
    try {
      await expectError(gateway, 'upstream_unavailable', 502, /could not connect/, JSON.stringify({ a: 'x'.repeat(100_000) }));
    } finally {
      await gateway.close();
    }
  });

  it('after a 502 for a request whose body was never read, the client connection stays usable', async () => {
    const gateway = await startGateway({ urls: [`http://127.0.0.1:${await closedPort()}`] });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const ports = new Set<number>();
      for (const size of [10, 300_000, 10]) {
        const res = await send(gateway.url, { agent, method: 'POST', path: '/i/_doc', body: Buffer.alloc(size) });
        assert.equal(res.status, 502);
        ports.add(res.localPort);
      }
      assert.equal(ports.size, 1, 'one client connection for all three requests');
    } finally {
      agent.destroy();
      await gateway.close();
    }
  });

  it('after the upstream fails mid-upload, the client gets a 502 and its connection stays usable', async () => {
    let connections = 0;
    const raw = await rawUpstream((s) => {
      connections++;
      let bytes = 0;
      s.on('data', (c: Buffer) => {
        bytes += c.length;
        if (bytes > 256 * 1024) s.destroy(); // part of the body read, then the upstream dies
      });
    });
    const gateway = await startGateway({ urls: [raw.url] });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await send(gateway.url, { agent, method: 'POST', path: '/_bulk', body: Buffer.alloc(4 * 1024 * 1024) });
      assert.equal(first.status, 502);
      const second = await send(gateway.url, { agent, method: 'POST', path: '/_bulk', body: Buffer.alloc(4 * 1024 * 1024) });
      assert.equal(second.status, 502);
      assert.equal(second.localPort, first.localPort, 'same client connection');
      assert.equal(connections, 2);
    } finally {
      agent.destroy();
      await gateway.close();
      await raw.close();
    }
  });

  it('unknown host: 502 upstream_unavailable', async () => {
    const gateway = await startGateway({ urls: ['http://portcullis-upstream.invalid:9200'] });
    try {
      await expectError(gateway, 'upstream_unavailable', 502, /could not connect/);
    } finally {
      await gateway.close();
    }
  });

  it('no response headers within headersTimeoutMs: 504 upstream_timeout, promptly', async () => {
    const l = await listen(() => {}); // accepts, never answers
    const gateway = await startGateway({ urls: [l.url], headersTimeoutMs: 200 });
    try {
      const started = Date.now();
      const err = await expectError(gateway, 'upstream_timeout', 504, /^timed out waiting for a response from the upstream cluster$/);
      assert.equal(err.type, 'receive_timeout_transport_exception');
      assert.ok(Date.now() - started < 3_000);
    } finally {
      await gateway.close();
      await l.close();
    }
  });

  it('upstream closes the connection before answering: 502', async () => {
    const raw = await rawUpstream((s) => s.once('data', () => s.destroy()));
    const gateway = await startGateway({ urls: [raw.url] });
    try {
      await expectError(gateway, 'upstream_unavailable', 502, /^the upstream cluster closed the connection$/);
    } finally {
      await gateway.close();
      await raw.close();
    }
  });

  it('upstream answers garbage: 502 invalid response', async () => {
    const raw = await rawUpstream((s) => s.once('data', () => s.end('SSH-2.0-OpenSSH_9.6\r\n\r\n')));
    const gateway = await startGateway({ urls: [raw.url] });
    try {
      await expectError(gateway, 'upstream_unavailable', 502, /^invalid response from the upstream cluster$/);
    } finally {
      await gateway.close();
      await raw.close();
    }
  });
});

describe('TLS to the upstream', () => {
  const server = createTlsServer({ cert: TEST_SERVER_CERT_PEM, key: TEST_SERVER_KEY_PEM }, (_req, res) => res.end('{"tls":true}'));
  server.on('tlsClientError', () => {});
  let url = '';
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const cases = [
    { name: 'an unknown CA is refused', tls: {}, status: 502 },
    { name: 'a certificate for another host name is refused', tls: { caPem: TEST_CA_PEM }, status: 502 },
    { name: 'verifyHostname: false accepts a trusted certificate for another name', tls: { caPem: TEST_CA_PEM, verifyHostname: false }, status: 200 },
    { name: 'rejectUnauthorized: false accepts any certificate', tls: { rejectUnauthorized: false }, status: 200 },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const gateway = await startGateway({ urls: [url], tls: c.tls });
      try {
        if (c.status === 502) {
          await expectError(gateway, 'upstream_unavailable', 502, /^could not establish a TLS connection to the upstream cluster$/);
        } else {
          const res = await send(gateway.url);
          assert.equal(res.status, 200);
          assert.equal(res.body.toString(), '{"tls":true}');
        }
      } finally {
        await gateway.close();
      }
    });
  }
});
