// The DSL walker's behaviour: every construct that reads another document or index yields its lookup, wherever
// it sits (wrappers, aggregations, sorts, hits, retrievers); unknown types are ES's 400s; bounds hold.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { walkDsl, DslKind, newFindings, Limits, LookupAction } from './index.ts';
import type { EsError } from '../../core/errors.ts';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64');
const walk = (kind: DslKind, v: unknown) => {
  const f = newFindings();
  walkDsl(kind, v, f, '');
  return f;
};
const lookupsOf = (body: unknown, kind: DslKind = DslKind.searchBody) => walk(kind, body).lookups;
const refused = (body: unknown, type: string, reason: string | RegExp, kind: DslKind = DslKind.searchBody) =>
  assert.throws(() => walk(kind, body), (e: EsError) => {
    assert.equal(e.status, 400, e.message);
    assert.equal(e.type, type);
    if (typeof reason === 'string') assert.equal(e.message, reason);
    else assert.match(e.message, reason);
    return true;
  });
const GET = (index: string) => ({ index, action: LookupAction.get });
const termsLookup = { terms: { user: { index: 'secret', id: '1', path: 'u' } } };

describe('DSL walker: reads of other documents and indices', () => {
  it('each lookup-reading construct yields its lookup', () => {
    const cases: [unknown, { index: string; action: string }[], DslKind?][] = [
      [termsLookup, [GET('secret')], DslKind.query],
      [{ terms: { user: { index: 'secret', query: { match_all: {} }, path: 'u' } } }, [{ index: 'secret', action: LookupAction.search }], DslKind.query],
      [{ geo_shape: { loc: { indexed_shape: { id: '1' } }, ignore_unmapped: true } }, [GET('shapes')], DslKind.query],
      [{ geo_shape: { loc: { indexed_shape: { index: 'secret', id: '1', path: 'p' } } } }, [GET('secret')], DslKind.query],
      [{ shape: { geom: { indexed_shape: { id: '1' } } } }, [GET('shapes')], DslKind.query],
      [{ xy_shape: { geom: { indexed_shape: { index: 'secret', id: '1' } } } }, [GET('secret')], DslKind.query],
      [{ percolate: { field: 'q', index: 'secret', id: '1' } }, [GET('secret')], DslKind.query],
      [{ more_like_this: { like: ['text', { _index: 'secret', _id: '1' }], unlike: { _index: 'other', doc: { a: 1 } } } }, [{ index: 'secret', action: LookupAction.mtv }, { index: 'other', action: LookupAction.mtv }], DslKind.query],
      [{ pinned: { docs: [{ _index: 'secret', _id: '1' }], organic: { match_all: {} } } }, [{ index: 'secret', action: LookupAction.search }], DslKind.query],
      [{ knn: { field: 'v', k: 1, query_vector_builder: { lookup: { index: 'secret', id: '1', path: 'v' } } } }, [GET('secret')], DslKind.query],
      [{ runtime_mappings: { r: { type: 'lookup', target_index: 'secret', input_field: 'a', target_field: 'b', fetch_fields: ['c'] } } }, [{ index: 'secret', action: LookupAction.search }]],
      [{ knn: [{ field: 'v', k: 1, filter: [termsLookup] }] }, [GET('secret')]],
      [{ retriever: { rrf: { retrievers: [{ standard: { query: termsLookup } }, { knn: { field: 'v', query_vector_builder: { lookup: { index: 'x', id: '1', path: 'v' } } } }] } } }, [GET('secret'), GET('x')]],
      [{ retriever: { linear: { retrievers: [{ retriever: { pinned: { retriever: { standard: {} }, docs: [{ _index: 'secret', _id: '1' }] } }, weight: 1 }] } } }, [{ index: 'secret', action: LookupAction.search }]],
    ];
    for (const [body, expected, kind] of cases) assert.deepEqual(lookupsOf(body, kind), expected, JSON.stringify(body));
  });

  it('lookups are found in every section of a search that holds queries', () => {
    const sections: unknown[] = [
      { post_filter: termsLookup },
      { aggs: { a: { terms: { field: 'f' }, aggs: { b: { filters: { filters: { x: termsLookup } } } } } } },
      { aggs: { a: { adjacency_matrix: { filters: { x: termsLookup } } } } },
      { aggs: { a: { significant_terms: { field: 'f', background_filter: termsLookup } } } },
      { aggs: { a: { t_test: { a: { field: 'x', filter: termsLookup }, b: { field: 'y' } } } } },
      { aggs: { a: { top_hits: { sort: [{ f: { nested: { path: 'n', filter: termsLookup } } }] } } } },
      { aggs: { a: { bucket_sort: { sort: [{ f: { nested: { path: 'n', filter: termsLookup } } }] } } } },
      { sort: [{ f: { order: 'asc', nested: { path: 'n', nested: { path: 'n.m', filter: termsLookup } } } }] },
      { sort: { f: { nested_filter: termsLookup } } },
      { highlight: { highlight_query: termsLookup, fields: { f: {} } } },
      { highlight: { fields: [{ f: { highlight_query: termsLookup } }] } },
      { collapse: { field: 'f', inner_hits: [{ name: 'a', sort: [{ g: { nested: { path: 'n', filter: termsLookup } } }] }] } },
      { rescore: [{ window_size: 10, query: { rescore_query: termsLookup } }] },
      { query: { nested: { path: 'n', query: { match_all: {} }, inner_hits: { highlight: { highlight_query: termsLookup } } } } },
      { query: { function_score: { query: { match_all: {} }, functions: [{ filter: termsLookup, weight: 2 }] } } },
      { query: { hybrid: { queries: [{ match_all: {} }, termsLookup] } } },
      { query: { knn: { v: { vector: [1], k: 1, filter: termsLookup } } } },
      { query: { span_not: { include: { span_term: { f: 'a' } }, exclude: { span_multi: { match: { wrapper: { query: b64({ prefix: { f: 'a' } }) } } } } } } },
    ];
    for (const s of sections) {
      const found = lookupsOf(s);
      if (JSON.stringify(s).includes('secret')) assert.deepEqual(found, [GET('secret')], JSON.stringify(s));
      else assert.deepEqual(found, [], JSON.stringify(s));
    }
  });

  it('wrapper queries are decoded and walked, however nested', () => {
    const inAgg = { size: 0, aggs: { a: { filter: { bool: { filter: [{ wrapper: { query: b64(termsLookup) } }] } } } } };
    assert.deepEqual(lookupsOf(inAgg), [GET('secret')]);
    const twice = { query: { wrapper: { query: b64({ bool: { should: { wrapper: { query: b64(termsLookup) } } } }) } } };
    assert.deepEqual(lookupsOf(twice), [GET('secret')]);
    refused({ query: { wrapper: { query: b64({ no_such: {} }) } } }, 'parsing_exception', 'unknown query [no_such]');
  });

  it('wrapper bytes that ES could read otherwise are refused: lenient base64, YAML, non-objects, too deep', () => {
    refused({ wrapper: { query: b64(termsLookup).slice(0, -2) + '!!' } }, 'parsing_exception', /strict base64/, DslKind.query);
    refused({ wrapper: { query: Buffer.from('---\nterms: {}\n').toString('base64') } }, 'parsing_exception', /JSON object/, DslKind.query);
    refused({ wrapper: { query: Buffer.from(' {"match_all":{}}').toString('base64') } }, 'parsing_exception', /JSON object/, DslKind.query);
    let q: unknown = { match_all: {} };
    for (let i = 0; i <= Limits.wrapperDepth; i++) q = { wrapper: { query: b64(q) } };
    refused(q, 'illegal_argument_exception', /wrapper\] queries nest deeper/, DslKind.query);
  });

  it('query nesting is bounded as ES bounds it (indices.query.bool.max_nested_depth = 30)', () => {
    const nest = (n: number) => {
      let q: unknown = { match_all: {} };
      for (let i = 1; i < n; i++) q = { bool: { must: q } };
      return q;
    };
    walk(DslKind.query, nest(Limits.queryDepth));
    refused(nest(Limits.queryDepth + 1), 'illegal_argument_exception', /max_nested_depth/, DslKind.query);
    let aggs: unknown = { leaf: { max: { field: 'f' } } };
    for (let i = 0; i < Limits.aggDepth; i++) aggs = { a: { terms: { field: 'f' }, aggs } };
    refused({ aggs }, 'illegal_argument_exception', /aggregations nest deeper/);
  });

  it('scripts are counted wherever they are', () => {
    const body = {
      query: { script_score: { query: { script: { script: 'true' } }, script: { source: '1', params: {} } } },
      aggs: { a: { terms: { script: { id: 'stored' } } }, b: { scripted_metric: { init_script: 'x', map_script: 'y', combine_script: 'z', reduce_script: 'w' } }, c: { composite: { sources: [{ s: { terms: { script: 'k' } } }] } } },
      script_fields: { f: { script: 'doc' } },
      sort: { _script: { type: 'number', script: 's' } },
      runtime_mappings: { r: { type: 'keyword', script: 'emit()' } },
    };
    assert.equal(walk(DslKind.searchBody, body).scripts, 11);
    refused({ source: 'x', bogus: 1 }, 'parsing_exception', '[script] unknown field [bogus]', DslKind.script);
  });
});

describe('DSL walker: unknown and unauthorizable constructs are refused', () => {
  it('unknown types are ES 400s', () => {
    refused({ query: { nope: {} } }, 'parsing_exception', 'unknown query [nope]');
    refused({ query: { match: 'x' } }, 'parsing_exception', '[match] query malformed, no start_object after query name');
    refused({ query: {} }, 'parsing_exception', 'query malformed, empty clause found');
    refused({ query: { match_all: {}, match_none: {} } }, 'parsing_exception', '[match_all] malformed query, expected [END_OBJECT] but found [FIELD_NAME]');
    refused({ aggs: { a: { nope: {} } } }, 'parsing_exception', 'Unknown aggregation type [nope]');
    refused({ aggs: { a: { max: {}, min: {} } } }, 'parsing_exception', 'Found two aggregation type definitions in [a]: [max] and [min]');
    refused({ aggs: { a: {} } }, 'parsing_exception', 'Missing definition for aggregation [a]');
    refused({ nope: { a: 1 } }, 'parsing_exception', 'Unknown key for a START_OBJECT in [nope].');
    refused({ nope: 'x' }, 'parsing_exception', 'Unknown key for a VALUE_STRING in [nope].');
    refused({ retriever: { nope: {} } }, 'parsing_exception', 'unknown retriever [nope]');
    refused({ rescore: { nope: {} } }, 'parsing_exception', "rescore doesn't support rescorer with name [nope]");
    refused({ suggest: { s: { text: 'x', nope: {} } } }, 'parsing_exception', 'suggester [nope] not supported');
    refused({ runtime_mappings: { r: { type: 'nope' } } }, 'mapper_parsing_exception', 'No handler for type [nope] declared on runtime field [r]');
    refused({ query: { terms: { f: { id: '1', path: 'p' } } } }, 'parsing_exception', '[terms] query lookup element requires specifying the index.');
  });

  it('constructs the gateway cannot authorize are refused with the reason', () => {
    refused({ query: { agentic: { query_text: 'x' } } }, 'illegal_argument_exception', /agent/);
    refused({ query: { bool: { must: { sltr: { featureset: 'f' } } } } }, 'illegal_argument_exception', /learning-to-rank/);
    refused({ query: { template: { match: { f: '${x}' } } } }, 'illegal_argument_exception', /search pipeline/);
    refused({ suggest: { s: { text: 'x', phrase: { field: 'f', collate: { query: { source: '{}' } } } } } }, 'illegal_argument_exception', /collate/);
    refused({ ext: { rerank: {} } }, 'illegal_argument_exception', /\[ext\]/);
    refused({ search_pipeline: { request_processors: [] } }, 'illegal_argument_exception', /search_pipeline/);
    refused({ project_routing: 'p*' }, 'illegal_argument_exception', /project_routing/);
    assert.deepEqual(lookupsOf({ ext: {} }), []);
  });
});

describe('DSL walker: mappings', () => {
  it('properties are inert (even fields named script or runtime); lookup runtime fields are refused; scripts counted', () => {
    const m = {
      properties: { script: { type: 'keyword' }, runtime: { type: 'object', properties: { a: { type: 'long', script: { source: 'emit(1)' } } } } },
      runtime: { r: { type: 'keyword', script: 'emit("x")' } },
      _meta: { script: { anything: true } },
    };
    assert.equal(walk(DslKind.mappings, m).scripts, 2);
    refused({ runtime: { r: { type: 'lookup', target_index: 'secret' } } }, 'illegal_argument_exception', /lookup/, DslKind.mappings);
    refused({ _doc: { runtime: { r: { type: 'lookup', target_index: 'secret' } } } }, 'illegal_argument_exception', /lookup/, DslKind.mappings);
    refused({ dynamic_templates: [{ t: { match: '*', runtime: { type: 'lookup' } } }] }, 'illegal_argument_exception', /lookup/, DslKind.mappings);
  });
});
