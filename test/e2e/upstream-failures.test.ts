// Upstream down or slow: Elasticsearch-shaped 502/504 in bounded time, never a hang.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { startGateway } from '../support/gateway.ts';

const PW = 'elastic-test-password';

describe('upstream failures', () => {
  const servers: Server[] = [];
  after(() => servers.forEach((s) => s.close()));

  it('an upstream that refuses connections gives a 502', async () => {
    const gw = await startGateway({ upstream: 'http://127.0.0.1:1', elasticPassword: PW });
    try {
      const r = await gw.request('GET', '/_cluster/health', { auth: ['elastic', PW] });
      assert.equal(r.status, 502);
      assert.equal(r.json.status, 502);
      assert.ok(r.json.error.type);
      assert.doesNotMatch(r.text, /127\.0\.0\.1:1/, 'no internal address in the message');
      const served = await gw.request('GET', '/_security/_authenticate', { auth: ['elastic', PW] });
      assert.equal(served.status, 200, 'served endpoints work without the cluster');
    } finally {
      await gw.stop();
      gw.cleanup();
    }
  });

  it('an upstream that never answers gives a 504 after the response timeout', async () => {
    // A listener that accepts and never responds: the outage, not the cluster, is what is simulated.
    const hung = createServer(() => undefined);
    servers.push(hung);
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', r));
    const port = (hung.address() as { port: number }).port;
    const gw = await startGateway({ upstream: `http://127.0.0.1:${port}`, elasticPassword: PW, config: 'portcullis.upstream.timeout.response: 1s\n' });
    try {
      const r = await gw.request('GET', '/_search', { auth: ['elastic', PW] });
      assert.equal(r.status, 504);
      assert.equal(r.json.status, 504);
    } finally {
      await gw.stop();
      gw.cleanup();
    }
  });
});
