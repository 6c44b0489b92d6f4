// The attacks of issue 14 as fixed requests, sent first in every canary run (before the generated ones):
// each names only allowed indices in its path and reaches the secret side through a body field, a query
// parameter, a lookup, a script, a pipeline or an alias.

import type { Endpoint } from './endpoints.ts';
import type { CanaryRequest } from './generator.ts';
import type { Context } from './mutations.ts';

type Known = [name: string, method: string, path: string, body?: unknown];

function attacks({ names: n, upstream }: Context): Known[] {
  const L = `${n.logs}1`;
  const S = n.secret;
  const lookup = { terms: { msg: { index: S, id: 'c1', path: 'secret_field' } } };
  const b64 = (x: unknown) => Buffer.from(JSON.stringify(x)).toString('base64');
  return [
    ['put_alias body index', 'PUT', `/${L}/_alias/${n.logs}ok`, { index: S, alias: `${n.logs}evil` }],
    ['termvectors body _index', 'POST', `/${L}/_termvectors/c1`, { _index: S, fields: ['msg'] }],
    ['termvectors ?source', 'GET', `/${L}/_termvectors/c1?source=${encodeURIComponent(JSON.stringify({ _index: S }))}&source_content_type=application/json`],
    ['mtermvectors ?index', 'GET', `/_mtermvectors?index=${S}&ids=c1`],
    ['mget ?index', 'GET', `/_mget?index=${S}&ids=c1`, undefined],
    ['wrapper terms lookup + profile', 'POST', `/${L}/_search`, { profile: true, query: { wrapper: { query: b64(lookup) } } }],
    ['terms lookup + profile', 'POST', `/${L}/_search`, { profile: true, query: lookup }],
    ['validate rewrite of a lookup', 'POST', `/${L}/_validate/query?rewrite=true`, { query: lookup }],
    ['explain of a lookup', 'POST', `/${L}/_explain/1`, { query: { bool: { should: [lookup, { match_all: {} }] } } }],
    ['percolate a secret document', 'POST', `/${L}/_search`, { profile: true, query: { percolate: { field: 'query', index: S, id: 'c1' } } }],
    ['more_like_this a secret document', 'POST', `/${L}/_validate/query?rewrite=true`, { query: { more_like_this: { fields: ['msg'], like: [{ _index: S, _id: 'c1' }], min_term_freq: 1, min_doc_freq: 1 } } }],
    ['indexed_shape default index (shapes)', 'POST', `/${L}/_search`, { profile: true, query: { geo_shape: { location: { indexed_shape: { id: n.shapeId, path: 'shape' } } } } }],
    ['lookup runtime field', 'POST', `/${L}/_search`, { runtime_mappings: { leak: { type: 'lookup', target_index: S, input_field: 'kw', target_field: 'kw', fetch_fields: ['secret_field'] } }, fields: ['leak'] }],
    ['stored template with a lookup', 'POST', `/${L}/_search/template`, { id: n.template, params: {} }],
    ['inline template rendering a lookup', 'POST', `/${L}/_search/template`, { source: '{"profile":true,"query":{{#toJson}}q{{/toJson}}}', params: { q: lookup } }],
    ['render template of a lookup', 'POST', '/_render/template', { id: n.template }],
    ['_cat/count body', 'POST', `/_cat/count/${L}?format=json`, { query: lookup }],
    ['count ?source', 'GET', `/${L}/_count?source=${encodeURIComponent(JSON.stringify({ query: { wrapper: { query: b64(lookup) } } }))}&source_content_type=application/json`],
    ['msearch with a lookup', 'POST', '/_msearch', `{"index":"${L}"}\n${JSON.stringify({ profile: true, query: lookup })}\n`],
    ['reindex ctx._index', 'POST', '/_reindex?refresh=true', { source: { index: L }, dest: { index: `${n.logs}copy` }, script: { source: `ctx._index = '${S}'; ctx._id = 'c1'` } }],
    ['reindex ctx.op delete', 'POST', '/_reindex?refresh=true', { source: { index: L }, dest: { index: `${n.logs}copy` }, script: { source: `ctx._index = '${S}'; ctx._id = 'c1'; ctx.op = 'delete'` } }],
    ['reindex from remote', 'POST', '/_reindex?refresh=true', { source: { remote: { host: upstream }, index: S }, dest: { index: `${n.logs}copy` } }],
    ['reindex dest pipeline', 'POST', '/_reindex?refresh=true', { source: { index: L }, dest: { index: `${n.logs}copy`, pipeline: n.pipeline } }],
    ['index ?pipeline', 'PUT', `/${L}/_doc/p1?pipeline=${n.scriptPipeline}&refresh=true`, { msg: 'x' }],
    ['bulk item pipeline', 'POST', '/_bulk?refresh=true', `{"index":{"_index":"${L}","_id":"p2","pipeline":"${n.pipeline}"}}\n{"msg":"x"}\n`],
    ['default_pipeline setting', 'PUT', `/${L}/_settings`, { index: { default_pipeline: n.pipeline } }],
    ['update_by_query ?pipeline', 'POST', `/${L}/_update_by_query?pipeline=${n.pipeline}&refresh=true`, { query: { match_all: {} } }],
    ['update with a script', 'POST', `/${L}/_update/1?refresh=true`, { script: { source: `ctx._index = '${S}'` } }],
    ['rollover body aliases', 'POST', `/${L}/_rollover`, { aliases: { [n.alias]: {} } }],
    ['clone body aliases with lookup filter', 'POST', `/${L}/_clone/${n.logs}clone`, { aliases: { [`${n.logs}cl`]: { filter: lookup } } }],
    ['aliases action on secret', 'POST', '/_aliases', { actions: [{ add: { index: L, alias: `${n.logs}a` } }, { add: { index: S, alias: `${n.logs}b` } }] }],
    ['SQL with a padded literal', 'POST', '/_sql?format=json', { query: `SELECT '${'x'.repeat(40)} ${L} ' AS pad, msg FROM "${S}"` }],
    ['ES|QL comment', 'POST', '/_query', { query: `FROM ${L} // |\n, ${S}` }],
    ['PPL on secret', 'POST', '/_plugins/_ppl', { query: `source=${S}` }],
    ['field_caps of secret', 'GET', `/${L},${S}/_field_caps?fields=*&ignore_unavailable=true`],
    ['rank_eval rating a secret document', 'POST', `/${L}/_rank_eval`, { requests: [{ id: 'q', request: { query: lookup }, ratings: [{ _index: S, _id: 'c1', rating: 1 }] }], metric: { precision: { k: 5 } } }],
  ];
}

const KNOWN_ENDPOINT = (name: string, method: string): Endpoint => ({ engine: 'issue14', name, method, template: '', parts: [], query: [], body: [] });

/** The fixed requests, numbered from -1 down (so they never collide with generated request numbers). */
export function knownRequests(ctx: Context): CanaryRequest[] {
  return attacks(ctx).map(([name, method, path, body], i) => ({
    index: -1 - i, endpoint: KNOWN_ENDPOINT(name, method), method, path,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    contentType: typeof body === 'string' ? 'application/x-ndjson' : undefined,
  }));
}
