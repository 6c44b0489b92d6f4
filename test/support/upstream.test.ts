import assert from 'node:assert/strict';
import { test } from 'node:test';
import { flavorOf, parseFlavor } from './upstream.ts';

test('flavorOf: the X-elastic-product header means Elasticsearch, version.distribution opensearch means OpenSearch', () => {
  assert.equal(flavorOf({ productHeader: 'Elasticsearch', body: { error: 'Incorrect HTTP method for uri [/]', status: 405 } }), 'elasticsearch');
  assert.equal(flavorOf({ productHeader: null, body: { version: { distribution: 'opensearch', number: '2.19.3' } } }), 'opensearch');
  assert.equal(flavorOf({ productHeader: null, body: { version: { number: '7.10.2' } } }), undefined);
  assert.equal(flavorOf({ productHeader: null, body: null }), undefined);
});

test('parseFlavor accepts the two flavours, nothing else', () => {
  assert.equal(parseFlavor('opensearch'), 'opensearch');
  assert.equal(parseFlavor('elasticsearch'), 'elasticsearch');
  assert.equal(parseFlavor(undefined), undefined);
  assert.equal(parseFlavor(''), undefined);
  assert.throws(() => parseFlavor('solr'), /unknown upstream flavour "solr"/);
});
