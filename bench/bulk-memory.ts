// Bounded measurement of one large `_bulk` / `_msearch` through the real gateway (issue 14, finding 8): the
// time of the request, the gateway's peak RSS, the reply size, and the latency other requests see meanwhile.
// Usage: PORTCULLIS_TEST_UPSTREAM=http://127.0.0.1:9200 node bench/bulk-memory.ts [MB=60] [bulk|msearch|mixed]
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { startGateway } from '../test/support/gateway.ts';

const MB = Number(process.argv[2] ?? 60);
const KIND = process.argv[3] ?? 'bulk';
const PW = 'elastic-test-password';
const alice = 'Basic ' + Buffer.from('alice:alice-password').toString('base64');

function body(): Buffer {
  const denied = KIND === 'msearch' ? '{"index":"secret"}\n{"query":{"match_all":{}}}\n' : '{"index":{"_index":"secret"}}\n{"a":1}\n';
  const allowed = '{"index":{"_index":"logs-bench"}}\n{"a":1}\n';
  const parts: string[] = [];
  let size = 0;
  let n = 0;
  while (size < MB * 1024 * 1024) {
    const line = KIND === 'mixed' && n++ % 100 === 0 ? allowed : denied;
    parts.push(line);
    size += line.length;
  }
  return Buffer.from(parts.join(''));
}

function send(url: string, method: string, path: string, payload?: Buffer, type = 'application/x-ndjson'): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const u = new URL(path, url);
    const req = request(u, { method, headers: { authorization: alice, 'content-type': type, ...(payload ? { 'content-length': String(payload.length) } : {}) } }, (res) => {
      let bytes = 0;
      res.on('data', (d: Buffer) => (bytes += d.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function peakRss(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

const gw = await startGateway({ elasticPassword: PW });
try {
  const admin: [string, string] = ['elastic', PW];
  await gw.request('PUT', '/_security/role/logs_rw', { auth: admin, body: { indices: [{ names: ['logs-*'], privileges: ['read', 'write', 'create_index'] }] } });
  await gw.request('PUT', '/_security/user/alice', { auth: admin, body: { password: 'alice-password', roles: ['logs_rw'] } });
  await gw.request('PUT', '/logs-bench', { auth: admin, body: {} });
  await send(gw.url, 'GET', '/_security/_authenticate');
  const payload = body();
  const before = peakRss(gw.process.pid!);
  let worst = 0;
  let pings = 0;
  let running = true;
  const pinger = (async () => {
    while (running) {
      const t = performance.now();
      await send(gw.url, 'GET', '/logs-bench/_count', undefined, 'application/json');
      worst = Math.max(worst, performance.now() - t);
      pings++;
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const t0 = performance.now();
  const r = await send(gw.url, 'POST', KIND === 'msearch' ? '/_msearch' : '/_bulk', payload);
  const took = performance.now() - t0;
  running = false;
  await pinger;
  const peak = peakRss(gw.process.pid!);
  console.log(JSON.stringify({ kind: KIND, requestMB: +(payload.length / 1048576).toFixed(1), status: r.status, replyMB: +(r.bytes / 1048576).toFixed(1), seconds: +(took / 1000).toFixed(2), rssBeforeMB: Math.round(before / 1048576), peakRssMB: Math.round(peak / 1048576), otherRequests: pings, worstOtherMs: Math.round(worst) }));
} finally {
  await gw.stop();
  gw.cleanup();
}
