import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EsError } from '../core/errors.ts';
import { parseUpstreamMain, upstreamMainSource, upstreamJsonGet } from './upstream-main.ts';

const ES_MAIN = {
  name: 'es-1',
  cluster_name: 'es',
  cluster_uuid: 'u1',
  version: { number: '9.1.5', build_flavor: 'default', build_type: 'zip' },
  tagline: 'You Know, for Search',
};
const OPENSEARCH_MAIN = {
  name: 'node-1',
  cluster_name: 'os',
  cluster_uuid: 'u2',
  version: { distribution: 'opensearch', number: '2.19.3', build_type: 'tar' },
  tagline: 'The OpenSearch Project: https://opensearch.org/',
};

test('an Elasticsearch upstream is told from OpenSearch by its version fields', () => {
  const es = parseUpstreamMain(ES_MAIN);
  assert.equal(es.isElasticsearch, true);
  assert.deepEqual([es.name, es.clusterName, es.clusterUuid], ['es-1', 'es', 'u1']);
  assert.equal(es.body, ES_MAIN);
  const os = parseUpstreamMain(OPENSEARCH_MAIN);
  assert.equal(os.isElasticsearch, false);
  assert.deepEqual([os.name, os.clusterName, os.clusterUuid], ['node-1', 'os', 'u2']);
  assert.throws(() => parseUpstreamMain([]), (e: unknown) => e instanceof EsError && e.status === 502);
});

test('the upstream main is read once per ttl, and a failure is not kept', async () => {
  let now = 0;
  let calls = 0;
  let fail = true;
  const internal = async () => {
    calls++;
    if (fail) return { status: 503, body: Buffer.from('{}') };
    return { status: 200, body: Buffer.from(JSON.stringify(OPENSEARCH_MAIN)) };
  };
  const main = upstreamMainSource(internal, { now: () => now }, 1000);
  await assert.rejects(main(), (e: unknown) => e instanceof EsError && e.status === 502 && /status \[503\]/.test(e.message));
  fail = false;
  const [a, b] = await Promise.all([main(), main()]);
  assert.equal(calls, 2); // the failure was not cached; the two concurrent reads shared one request
  assert.equal(a, b);
  now = 999;
  await main();
  assert.equal(calls, 2);
  now = 2000;
  await main();
  assert.equal(calls, 3);
});

test('a JSON read of the gateway own gives the status and the body, undefined when not JSON', async () => {
  const get = upstreamJsonGet(async (_m, path) => ({ status: path === '/x' ? 200 : 500, body: Buffer.from(path === '/x' ? '{"a":1}' : 'oops') }));
  assert.deepEqual(await get('/x'), { status: 200, body: { a: 1 } });
  assert.deepEqual(await get('/y'), { status: 500, body: undefined });
});

test('an Elasticsearch without GET / (no rest-root module) is read from its node info and cluster state', async () => {
  const answers: Record<string, { status: number; body: unknown }> = {
    '/': { status: 405, body: { error: 'Incorrect HTTP method for uri [/] and method [GET], allowed: [DELETE]', status: 405 } },
    '/_nodes/_local': { status: 200, body: { cluster_name: 'es', nodes: { n1: { name: 'es-1', version: '9.1.5', build_flavor: 'default', build_type: 'zip', build_hash: 'abc' } } } },
    '/_cluster/state/metadata': { status: 200, body: { metadata: { cluster_uuid: 'u1' } } },
  };
  const internal = async (_m: string, path: string) => {
    const a = answers[path.split('?')[0]];
    return { status: a.status, body: Buffer.from(JSON.stringify(a.body)) };
  };
  const up = await upstreamMainSource(internal, { now: () => 0 })();
  assert.equal(up.isElasticsearch, true);
  assert.deepEqual([up.name, up.clusterName, up.clusterUuid], ['es-1', 'es', 'u1']);
  const version = up.body.version as Record<string, unknown>;
  assert.deepEqual([version.number, version.build_flavor, version.build_type, version.build_hash], ['9.1.5', 'default', 'zip', 'abc']);
  assert.equal(up.body.tagline, 'You Know, for Search');
  // Node info that is not Elasticsearch's (no build_flavor) is no identity: the 405 is reported.
  answers['/_nodes/_local'] = { status: 200, body: { cluster_name: 'os', nodes: { n1: { name: 'os-1', version: '2.19.3' } } } };
  await assert.rejects(upstreamMainSource(internal, { now: () => 0 })(), (e: unknown) => e instanceof EsError && e.status === 502 && /status \[405\]/.test(e.message));
});
