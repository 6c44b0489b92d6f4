// The index output against a local HTTP server standing in for the cluster's `_index_template` and `_bulk` APIs.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Secret } from '../../core/secret.ts';
import { createIndexSink } from './index-sink.ts';
import { completeEvent } from '../format.ts';
import * as build from '../events.ts';
import { captureLog, request } from '../testing.ts';
import type { OverflowPolicy } from './sink.ts';

interface Call {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}
type Reply = (call: Call, items: { _index: string; _id: string }[]) => { status: number; body: unknown } | { status: number; itemStatuses: number[] };

const servers: Server[] = [];
after(() => servers.forEach((s) => s.close()));

async function fakeCluster(reply: Reply = () => ({ status: 200, itemStatuses: [] })) {
  const calls: Call[] = [];
  let handler = reply;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const call = { method: req.method!, url: req.url!, headers: req.headers, body };
      calls.push(call);
      if (req.url!.startsWith('/_index_template/')) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"acknowledged":true}');
      const lines = body.trimEnd().split('\n');
      const items = lines.filter((_, i) => i % 2 === 0).map((l) => JSON.parse(l).create);
      const r = handler(call, items);
      if ('body' in r) return void res.writeHead(r.status, { 'content-type': 'application/json' }).end(JSON.stringify(r.body));
      const out = items.map((it, i) => {
        const status = r.itemStatuses[i] ?? 201;
        return { create: { ...it, status, ...(status >= 300 ? { error: { type: status === 400 ? 'mapper_parsing_exception' : 'x', reason: 'refused' } } : {}) } };
      });
      res.writeHead(r.status, { 'content-type': 'application/json' }).end(JSON.stringify({ took: 1, errors: out.some((o) => o.create.status >= 300), items: out }));
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, calls, bulks: () => calls.filter((c) => c.url === '/_bulk'), setReply: (r: Reply) => (handler = r) };
}

const T = Date.parse('2024-05-01T10:00:00Z');
const event = (id: string) => completeEvent(build.authenticationFailed(request({ id }), { principal: 'bob' }).event, T, { 'node.id': 'n' });

function sink(url: string, o: { bulkSize?: number; flushIntervalMs?: number; maxQueue?: number; overflow?: OverflowPolicy } = {}) {
  const { log, lines } = captureLog();
  const s = createIndexSink({
    urls: [url],
    authorization: new Secret('ApiKey c2VydmljZTpjcmVk'),
    bulkSize: o.bulkSize ?? 100,
    flushIntervalMs: o.flushIntervalMs ?? 50,
    maxQueue: o.maxQueue ?? 100,
    overflow: o.overflow ?? 'reject',
    log,
    timeoutMs: 2_000,
    closeTimeoutMs: 1_000,
  });
  return { s, logs: lines };
}

const until = async (cond: () => boolean, ms = 3_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

test('installs the index template once, then bulk-creates documents into the day\'s .security-audit index with the service credential', async () => {
  const c = await fakeCluster();
  const { s } = sink(c.url);
  s.write(event('a'));
  s.write(event('b'));
  await s.flush();
  assert.equal(c.calls[0].method, 'PUT');
  assert.equal(c.calls[0].url, '/_index_template/portcullis-security-audit');
  const template = JSON.parse(c.calls[0].body);
  assert.deepEqual(template.index_patterns, ['.security-audit-*']);
  assert.equal(template.template.mappings.properties['@timestamp'].type, 'date');
  assert.equal(template.template.mappings.properties.event.properties.action.type, 'keyword');
  assert.equal(template.template.mappings.properties.put.enabled, false);
  const [bulk] = c.bulks();
  assert.equal(bulk.headers.authorization, 'ApiKey c2VydmljZTpjcmVk');
  assert.equal(bulk.headers['content-type'], 'application/x-ndjson');
  const lines = bulk.body.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 4);
  assert.equal(lines[0].create._index, '.security-audit-2024.05.01');
  assert.equal(lines[1]['@timestamp'], '2024-05-01T10:00:00.000Z');
  assert.equal(lines[1]['event.action'], 'authentication_failed');
  assert.equal(lines[1]['request.id'], 'a');
  s.write(event('c'));
  await s.flush();
  assert.equal(c.calls.filter((x) => x.url.startsWith('/_index_template')).length, 1);
  assert.equal(s.stats().written, 3);
  await s.close();
});

test('batches by bulk_size at once, and by flush_interval otherwise', async () => {
  const c = await fakeCluster();
  const bySize = sink(c.url, { bulkSize: 3, flushIntervalMs: 60_000 }).s;
  for (const id of ['1', '2', '3']) bySize.write(event(id));
  await until(() => c.bulks().length === 1);
  assert.equal(c.bulks()[0].body.trimEnd().split('\n').length, 6);
  bySize.write(event('4'));
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(c.bulks().length, 1, 'a partial batch waits for the interval');
  await bySize.close();
  assert.equal(c.bulks().length, 2, 'close flushes what is left');

  const c2 = await fakeCluster();
  const byTime = sink(c2.url, { bulkSize: 100, flushIntervalMs: 80 }).s;
  const began = Date.now();
  byTime.write(event('x'));
  byTime.write(event('y'));
  await until(() => c2.bulks().length === 1);
  assert.ok(Date.now() - began >= 70, 'sent after the interval');
  assert.equal(c2.bulks()[0].body.trimEnd().split('\n').length, 4, 'both in one batch');
  await byTime.close();
});

test('per item: 429 and 5xx are retried with the same document id, 409 counts as written, 400 is rejected and logged', async () => {
  const c = await fakeCluster();
  let round = 0;
  c.setReply(() => (round++ === 0 ? { status: 200, itemStatuses: [201, 429, 409, 400, 503] } : { status: 200, itemStatuses: [] }));
  const { s, logs } = sink(c.url, { flushIntervalMs: 20 });
  for (const id of ['ok', 'busy', 'dup', 'bad', 'down']) s.write(event(id));
  assert.equal(await s.flush(3_000), true);
  const [first, second] = c.bulks();
  const ids = (b: { body: string }) => b.body.trimEnd().split('\n').filter((_, i) => i % 2 === 0).map((l) => JSON.parse(l).create._id);
  const docs = (b: { body: string }) => b.body.trimEnd().split('\n').filter((_, i) => i % 2 === 1).map((l) => JSON.parse(l)['request.id']);
  assert.deepEqual(docs(second), ['busy', 'down']);
  assert.deepEqual(ids(second), [ids(first)[1], ids(first)[4]]);
  assert.deepEqual(s.stats(), { queued: 0, written: 4, dropped: 0, rejected: 1, failures: 0 });
  const refused = logs().find((l) => l.msg === 'the cluster refused audit events');
  assert.equal((refused as any).first.type, 'mapper_parsing_exception');
  await s.close();
});

test('reject policy: while the cluster is down the buffer fills, requests are refused, nothing is dropped; it drains when the cluster is back', async () => {
  const c = await fakeCluster(() => ({ status: 503, body: { error: { type: 'unavailable', reason: 'down' }, status: 503 } }));
  const { s, logs } = sink(c.url, { bulkSize: 2, flushIntervalMs: 20, maxQueue: 4, overflow: 'reject' });
  for (let i = 0; i < 3; i++) s.write(event(`e${i}`));
  assert.equal(s.isAccepting(), true);
  s.write(event('e3'));
  assert.equal(s.isAccepting(), false, 'full: the pipeline must answer 503');
  for (let i = 4; i < 8; i++) s.write(event(`e${i}`)); // requests already in flight still get their events kept
  assert.equal(s.stats().dropped, 0);
  s.write(event('past-hard-limit'));
  assert.equal(s.stats().dropped, 1, 'beyond twice the bound even reject must drop, loudly');
  assert.ok(logs().some((l) => l.msg === 'audit buffer full: refusing requests until it drains'));
  await until(() => s.stats().failures > 0);
  assert.ok(logs().some((l) => l.msg === 'audit output failed; retrying'));
  assert.ok(logs().some((l) => l.msg === 'audit events dropped: the audit buffer is past its hard limit' && l.dropped === 1));
  c.setReply(() => ({ status: 200, itemStatuses: [] }));
  await until(() => s.isAccepting() && s.stats().queued === 0, 5_000);
  assert.equal(s.stats().written, 8);
  assert.ok(logs().some((l) => l.msg === 'audit buffer drained: accepting requests again'));
  assert.ok(logs().some((l) => l.msg === 'audit output recovered'));
  await s.close();
});

test('drop policy: requests keep flowing, events beyond the bound are dropped, counted and logged', async () => {
  const c = await fakeCluster(() => ({ status: 500, body: { error: 'boom' } }));
  const { s, logs } = sink(c.url, { bulkSize: 10, flushIntervalMs: 20, maxQueue: 3, overflow: 'drop' });
  for (let i = 0; i < 5; i++) s.write(event(`e${i}`));
  assert.equal(s.isAccepting(), true);
  assert.equal(s.stats().dropped, 2);
  assert.equal(s.stats().queued, 3);
  const line = logs().find((l) => l.msg === 'audit events dropped: the audit buffer is full');
  assert.ok(line, 'the loss is logged');
  assert.equal(line!.policy, 'drop');
  c.setReply(() => ({ status: 200, itemStatuses: [] }));
  assert.equal(await s.flush(3_000), true);
  assert.equal(s.stats().written, 3);
  await s.close();
});

test('close gives up after its timeout and logs how many events were lost', async () => {
  const c = await fakeCluster(() => ({ status: 503, body: { error: 'down' } }));
  const { log, lines } = captureLog();
  const s = createIndexSink({ urls: [c.url], bulkSize: 10, flushIntervalMs: 20, maxQueue: 10, overflow: 'reject', log, timeoutMs: 500, closeTimeoutMs: 300 });
  s.write(event('lost'));
  const began = Date.now();
  await s.close();
  assert.ok(Date.now() - began < 2_000);
  assert.ok(lines().some((l) => l.msg === 'audit events could not be written before shutdown' && l.lost === 1));
  assert.equal(s.stats().dropped, 1);
});

test('an unreachable cluster is a retried failure, not a crash', async () => {
  const { s, logs } = sink('http://127.0.0.1:1', { flushIntervalMs: 20 });
  s.write(event('x'));
  assert.equal(await s.flush(300), false);
  assert.equal(s.stats().queued, 1);
  assert.ok(logs().some((l) => l.msg === 'audit output failed; retrying'));
  await s.close();
});
