import assert from 'node:assert/strict';
import { test } from 'node:test';
import { upstreamFlavor } from './upstream.ts';

test('the test upstream (PORTCULLIS_TEST_UPSTREAM) is the flavour announced, and tells its version', async () => {
  const url = process.env.PORTCULLIS_TEST_UPSTREAM;
  assert.ok(url, 'PORTCULLIS_TEST_UPSTREAM is set (run the tests with `npm test`)');
  const flavor = await upstreamFlavor();
  const root = await fetch(url);
  const rootBody = (await root.json()) as { version?: { number?: string; distribution?: string } };
  // The Elasticsearch integ-test zip has no GET / handler (no rest-root module: a 405 naming the allowed DELETE),
  // but every answer carries X-elastic-product; its version is in the nodes info.
  assert.equal(root.headers.get('x-elastic-product') === 'Elasticsearch', flavor === 'elasticsearch');
  if (flavor === 'opensearch') {
    assert.equal(root.status, 200);
    assert.equal(rootBody.version?.distribution, 'opensearch');
  }
  const nodes = await fetch(`${url}/_nodes/_local?filter_path=nodes.*.version`);
  assert.equal(nodes.status, 200);
  const versions = Object.values(((await nodes.json()) as { nodes: Record<string, { version: string }> }).nodes).map((n) => n.version);
  assert.equal(versions.length, 1);
  assert.match(versions[0], /^\d+\.\d+\.\d+/);
});
