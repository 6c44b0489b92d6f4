import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { flavorOfAnswer, plainMediaTypesFor, productOfRaw } from './flavor.ts';
import { listen, send, startGateway, type Gateway, type Listening } from './testing.ts';

it('an answer with X-elastic-product: Elasticsearch is Elasticsearch, a success without it OpenSearch, an error without it nothing', () => {
  assert.equal(flavorOfAnswer(200, 'Elasticsearch'), 'elasticsearch');
  assert.equal(flavorOfAnswer(405, 'Elasticsearch'), 'elasticsearch');
  assert.equal(flavorOfAnswer(200, undefined), 'opensearch');
  assert.equal(flavorOfAnswer(201, undefined), 'opensearch');
  assert.equal(flavorOfAnswer(404, undefined), undefined);
  assert.equal(flavorOfAnswer(502, undefined), undefined);
  assert.equal(flavorOfAnswer(200, 'Something else'), undefined);
});

it('productOfRaw finds the header in a raw list, in any case', () => {
  assert.equal(productOfRaw(['Content-Type', 'application/json', 'X-Elastic-Product', 'Elasticsearch']), 'Elasticsearch');
  assert.equal(productOfRaw([Buffer.from('x-elastic-product'), Buffer.from('Elasticsearch')]), 'Elasticsearch');
  assert.equal(productOfRaw(['content-type', 'application/json']), undefined);
});

it('versioned media types are made plain for OpenSearch and while unknown, never for Elasticsearch', () => {
  assert.equal(plainMediaTypesFor('opensearch'), true);
  assert.equal(plainMediaTypesFor(undefined), true);
  assert.equal(plainMediaTypesFor('elasticsearch'), false);
});

describe('Upstream learns the flavour from the answers and applies the compat rewrite to OpenSearch only', () => {
  const closers: (Gateway | Listening)[] = [];
  after(async () => {
    for (const c of closers) await c.close();
  });

  /** An upstream double that records the media-type headers it receives; `product` marks its answers (ES does). */
  async function upstreamDouble(product: string | undefined, status = 200) {
    const seen: { accept?: string; type?: string }[] = [];
    const l = await listen((req, res) => {
      req.resume();
      req.on('end', () => {
        seen.push({ accept: req.headers.accept, type: req.headers['content-type'] });
        res.writeHead(status, { 'content-type': 'application/json', ...(product ? { 'x-elastic-product': product } : {}) });
        res.end('{}');
      });
    });
    closers.push(l);
    return { ...l, seen };
  }

  const compat = {
    accept: 'application/vnd.elasticsearch+json; compatible-with=9',
    'content-type': 'application/vnd.elasticsearch+json; compatible-with=9',
  };

  it('Elasticsearch: after its first answer, compatible-with reaches it as sent', async () => {
    const es = await upstreamDouble('Elasticsearch');
    const gw = await startGateway({ urls: [es.url] });
    closers.push(gw);
    assert.equal(gw.upstream.flavor, undefined);
    await send(gw.url, { method: 'POST', path: '/_search', body: '{}', headers: compat });
    assert.equal(gw.upstream.flavor, 'elasticsearch');
    assert.deepEqual(es.seen[0], { accept: 'application/json', type: 'application/json' }, 'not known yet: plain JSON, which both engines read');
    await send(gw.url, { method: 'POST', path: '/_search', body: '{}', headers: compat });
    assert.deepEqual(es.seen[1], { accept: compat.accept, type: compat['content-type'] });
  });

  it('OpenSearch: always plain JSON', async () => {
    const os = await upstreamDouble(undefined);
    const gw = await startGateway({ urls: [os.url] });
    closers.push(gw);
    for (let i = 0; i < 2; i++) await send(gw.url, { method: 'POST', path: '/_search', body: '{}', headers: compat });
    assert.equal(gw.upstream.flavor, 'opensearch');
    assert.deepEqual(os.seen, [{ accept: 'application/json', type: 'application/json' }, { accept: 'application/json', type: 'application/json' }]);
  });

  it('an error without the header teaches nothing (a proxy may have answered)', async () => {
    const proxy = await upstreamDouble(undefined, 503);
    const gw = await startGateway({ urls: [proxy.url] });
    closers.push(gw);
    await send(gw.url, { path: '/_cluster/health' });
    assert.equal(gw.upstream.flavor, undefined);
  });
});
