// The test upstream has the modules that make the attacks of issue 14 real: each one loads, and each attack
// primitive works when sent straight to OpenSearch (what the gateway must therefore never forward unchecked).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { MODULES } from './opensearch-modules.ts';
import { upstreamFlavor } from './upstream.ts';

const base = process.env.PORTCULLIS_TEST_UPSTREAM ?? '';
const tag = `mod-${randomBytes(4).toString('hex')}`;
const ix = (name: string) => `${tag}-${name}`;

async function os(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

async function ok(method: string, path: string, body?: unknown): Promise<any> {
  const r = await os(method, path, body);
  assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json;
}

// These modules are what opensearch.ts adds to the OpenSearch integ-test zip. The Elasticsearch integ-test zip
// carries none of them (no painless, reindex, mustache, percolator...: they are not on Maven Central), so against
// Elasticsearch there is nothing of this table to check.
const skip = (await upstreamFlavor()) === 'opensearch' ? false : 'the upstream is Elasticsearch: these are the OpenSearch modules of opensearch.ts';

describe('the test upstream has the standard OpenSearch modules', { skip }, () => {
  before(async () => {
    assert.ok(base, 'PORTCULLIS_TEST_UPSTREAM is set (run the tests with `npm test`)');
    await ok('PUT', `/${ix('src')}/_doc/1?refresh=true`, { msg: 'hello', n: 2 });
  });
  after(async () => {
    await os('DELETE', `/${tag}-*`);
    await os('DELETE', `/_ingest/pipeline/${tag}`);
  });

  it('every module of the table is loaded', async () => {
    const nodes = (await ok('GET', '/_nodes/plugins')).nodes;
    const loaded = Object.values<any>(nodes)[0].modules.map((m: { name: string }) => m.name);
    for (const spec of MODULES) assert.ok(loaded.includes(spec.name), `${spec.name} is not loaded: ${loaded.join(', ')}`);
  });

  it('painless scripts run', async () => {
    const r = await ok('POST', `/${ix('src')}/_search`, { script_fields: { x: { script: { source: "doc['n'].value * 21" } } } });
    assert.deepEqual(r.hits.hits[0].fields.x, [42]);
  });

  it('_reindex runs, and a script retargets its writes (ctx._index)', async () => {
    const r = await ok('POST', '/_reindex?refresh=true', {
      source: { index: ix('src') }, dest: { index: ix('dest') }, script: { source: `ctx._index = '${ix('elsewhere')}'` },
    });
    assert.equal(r.created, 1);
    assert.equal((await ok('GET', `/${ix('elsewhere')}/_doc/1`))._source.msg, 'hello');
    assert.equal((await os('GET', `/${ix('dest')}/_doc/1`)).status, 404);
  });

  it('_reindex from a remote that is this node is allowed', async () => {
    const r = await ok('POST', '/_reindex?refresh=true', { source: { remote: { host: base }, index: ix('src') }, dest: { index: ix('remote') } });
    assert.equal(r.created, 1);
  });

  it('mustache search templates render', async () => {
    const r = await ok('POST', `/${ix('src')}/_search/template`, { source: { query: { match: { msg: '{{q}}' } } }, params: { q: 'hello' } });
    assert.equal(r.hits.total.value, 1);
  });

  it('percolate queries match', async () => {
    await ok('PUT', `/${ix('perc')}`, { mappings: { properties: { query: { type: 'percolator' }, msg: { type: 'text' } } } });
    await ok('PUT', `/${ix('perc')}/_doc/1?refresh=true`, { query: { match: { msg: 'hello' } } });
    const r = await ok('POST', `/${ix('perc')}/_search`, { query: { percolate: { field: 'query', document: { msg: 'hello world' } } } });
    assert.equal(r.hits.total.value, 1);
  });

  it('an ingest pipeline retargets a write (set _index) and runs a script', async () => {
    await ok('PUT', `/_ingest/pipeline/${tag}`, { processors: [{ set: { field: '_index', value: ix('piped') } }, { script: { source: 'ctx.z = 1' } }] });
    const r = await ok('PUT', `/${ix('x')}/_doc/1?pipeline=${tag}&refresh=true`, { a: 1 });
    assert.equal(r._index, ix('piped'));
  });

  it('join, scaled_float and percolator field types, analyzers and matrix_stats exist', async () => {
    await ok('PUT', `/${ix('types')}`, { mappings: { properties: { rel: { type: 'join', relations: { q: 'a' } }, f: { type: 'scaled_float', scaling_factor: 10 } } } });
    assert.deepEqual((await ok('POST', '/_analyze', { analyzer: 'stop', text: 'the quick' })).tokens.map((t: { token: string }) => t.token), ['quick']);
    const m = await ok('POST', `/${ix('src')}/_search`, { size: 0, aggs: { m: { matrix_stats: { fields: ['n'] } } } });
    assert.equal(m.aggregations.m.doc_count, 1);
  });

  it('a geo_shape query reads its indexed_shape from another index (geo_point field: the geo module is not on Maven Central)', async () => {
    await ok('PUT', `/${ix('shapes')}/_doc/s1?refresh=true`, { location: { type: 'envelope', coordinates: [[0, 10], [10, 0]] } });
    await ok('PUT', `/${ix('geo')}`, { mappings: { properties: { location: { type: 'geo_point' } } } });
    await ok('PUT', `/${ix('geo')}/_doc/1?refresh=true`, { location: [5, 5] });
    const r = await ok('POST', `/${ix('geo')}/_search`, { query: { geo_shape: { location: { indexed_shape: { index: ix('shapes'), id: 's1', path: 'location' } } } } });
    assert.equal(r.hits.total.value, 1);
  });
});
