// findLookups (the interim entry of the resolvers) by body shape: the DSL positions of each walked strictly.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findLookups, LookupShape, GET_ACTION, MTV_ACTION } from './lookups.ts';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64');
const lookup = { terms: { f: { index: 'secret', id: '1', path: 'p' } } };
const wrapped = { wrapper: { query: b64(lookup) } };
const GET = [{ index: 'secret', action: GET_ACTION }];

describe('findLookups by body shape', () => {
  it('count / explain / validate / by-query / field_caps / terms_enum bodies: their query fields', () => {
    assert.deepEqual(findLookups({ query: wrapped }), GET);
    assert.deepEqual(findLookups({ query: { match_all: {} }, script: { source: 'ctx._source.a = 1' }, max_docs: 1 }), []);
    assert.deepEqual(findLookups({ index_filter: wrapped, fields: ['*'] }), GET);
    assert.deepEqual(findLookups({ field: 'f', string: 'a', index_filter: wrapped }), GET);
    assert.throws(() => findLookups({ query: { nope: {} } }), /unknown query \[nope\]/);
  });

  it('alias bodies: the filter of every add, and of each alias of an alias map', () => {
    assert.deepEqual(findLookups({ actions: [{ add: { index: 'logs-1', alias: 'a', filter: wrapped } }] }), GET);
    assert.deepEqual(findLookups({ filter: wrapped, routing: '1' }), GET);
    assert.deepEqual(findLookups({ a: { filter: wrapped }, b: {} }, LookupShape.aliasMap), GET);
    assert.deepEqual(findLookups({ aliases: { a: { filter: wrapped } }, conditions: { max_docs: 1 } }), GET);
  });

  it('rank_eval: each request is a search body; templated requests are refused', () => {
    assert.deepEqual(findLookups({ requests: [{ id: 'r', request: { query: wrapped }, ratings: [] }] }), GET);
    assert.throws(() => findLookups({ requests: [{ id: 'r', template_id: 't', params: {} }] }), /templated \[_rank_eval\]/);
    assert.throws(() => findLookups({ templates: [{ id: 't', template: { source: {} } }], requests: [] }), /templated \[_rank_eval\]/);
  });

  it('search bodies are walked strictly; fields the interim shapes do not type are still scanned', () => {
    assert.deepEqual(findLookups({ query: wrapped, profile: true }, LookupShape.searchBody), GET);
    assert.throws(() => findLookups({ bogus: 1 }, LookupShape.searchBody), /Unknown key for a VALUE_NUMBER in \[bogus\]/);
    assert.deepEqual(findLookups({ other: { like: [{ _index: 'secret', _id: '1' }] } }), [{ index: 'secret', action: MTV_ACTION }]);
    assert.deepEqual(findLookups({ mappings: { runtime: { r: { type: 'keyword' } } } }), []);
    assert.throws(() => findLookups({ runtime: { r: { type: 'lookup', target_index: 'secret' } } }, LookupShape.mappings), /lookup/);
    assert.deepEqual(findLookups(undefined, LookupShape.searchBody), []);
  });
});
