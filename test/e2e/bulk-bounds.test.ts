// Large `_bulk` / `_msearch` bodies of denied items (issue 14, finding 8) against the real gateway: answered in
// bounded time, other clients served meanwhile, the body over `http.max_content_length` refused with ES's 413.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startGateway, type Gateway } from '../support/gateway.ts';

const PW = 'elastic-test-password';
const admin: [string, string] = ['elastic', PW];
const MB = 16;

function post(url: string, path: string, body: Buffer | null, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, url), { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    if (body) req.end(body);
    else req.flushHeaders();
  });
}

function repeat(lines: string, mb: number): Buffer {
  return Buffer.from(lines.repeat(Math.ceil((mb * 1048576) / lines.length)));
}

describe('large bulk and msearch bodies are processed in bounded time and memory', () => {
  let gw: Gateway;
  const auth = { authorization: 'Basic ' + Buffer.from('bulky:bulky-password').toString('base64'), 'content-type': 'application/x-ndjson' };

  before(async () => {
    gw = await startGateway({ elasticPassword: PW });
    await gw.request('PUT', '/_security/role/bulky', { auth: admin, body: { indices: [{ names: ['bulky-*'], privileges: ['read', 'write'] }] } });
    await gw.request('PUT', '/_security/user/bulky', { auth: admin, body: { password: 'bulky-password', roles: ['bulky'] } });
    await gw.request('PUT', '/bulky-1', { auth: admin, body: {} });
  });

  after(async () => {
    await gw?.stop();
    gw?.cleanup();
  });

  /** Sends `body` while another client keeps asking `_authenticate`; returns the answer and the slowest other answer. */
  async function whileOthersAsk(path: string, body: Buffer) {
    let running = true;
    let worst = 0;
    let served = 0;
    const other = (async () => {
      while (running) {
        const t = performance.now();
        const r = await gw.request('GET', '/_security/_authenticate', { auth: admin });
        assert.equal(r.status, 200);
        worst = Math.max(worst, performance.now() - t);
        served++;
        await new Promise((res) => setTimeout(res, 10));
      }
    })();
    const t0 = performance.now();
    const r = await post(gw.url, path, body, auth);
    const took = performance.now() - t0;
    running = false;
    await other;
    return { r, took, worst, served };
  }

  it(`a ${MB} MB _bulk of denied items: every item a 403, others served meanwhile`, async () => {
    const line = '{"index":{"_index":"secret"}}\n{"a":1}\n';
    const body = repeat(line, MB);
    const { r, took, worst, served } = await whileOthersAsk('/_bulk', body);
    assert.equal(r.status, 200);
    const json = JSON.parse(r.text);
    assert.equal(json.errors, true);
    assert.equal(json.items.length, body.length / line.length);
    assert.equal(json.items[0].index.status, 403);
    assert.ok(took < 30_000, `took ${took} ms`);
    assert.ok(served > 5 && worst < 2_000, `other requests: ${served}, slowest ${Math.round(worst)} ms`);
  });

  it(`a ${MB} MB _msearch of denied items: every response a 403`, async () => {
    const line = '{"index":"secret"}\n{"query":{"match_all":{}}}\n';
    const body = repeat(line, MB);
    const { r, worst, served } = await whileOthersAsk('/_msearch', body);
    assert.equal(r.status, 200);
    const json = JSON.parse(r.text);
    assert.equal(json.responses.length, body.length / line.length);
    assert.equal(json.responses[0].status, 403);
    assert.ok(served > 5 && worst < 2_000, `other requests: ${served}, slowest ${Math.round(worst)} ms`);
  });

  it('a body over http.max_content_length (100mb) is a 413 before it is read', async () => {
    const r = await post(gw.url, '/_bulk', null, { ...auth, 'content-length': String(101 * 1048576) });
    assert.equal(r.status, 413, r.text);
    assert.equal(JSON.parse(r.text).error.type, 'content_too_long_exception');
  });
});
