import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EsError } from '../../core/errors.ts';
import { resolveRequest } from '../resolve/resolve.ts';
import { parseTarget } from '../resolve/canonical.ts';
import type { Resolution } from '../resolve/types.ts';

function resolve(method: string, url: string, body?: unknown): Resolution {
  const t = parseTarget(url);
  const raw = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return resolveRequest({ method, segments: t.segments, query: t.query, body: raw });
}

function refusal(method: string, url: string, body?: unknown): EsError {
  try {
    resolve(method, url, body);
  } catch (e) {
    if (e instanceof EsError) return e;
    throw e;
  }
  assert.fail(`${method} ${url} was not refused`);
}

describe('query parameters', () => {
  it('an unknown parameter is ES\'s 400, with its suggestion', () => {
    const one = refusal('GET', '/logs-1/_search?foo=1');
    assert.equal(one.status, 400);
    assert.equal(one.type, 'illegal_argument_exception');
    assert.equal(one.message, 'request [/logs-1/_search] contains unrecognized parameter: [foo]');
    const two = refusal('GET', '/_search?foo=1&typed_keyz=true');
    assert.equal(two.message, 'request [/_search] contains unrecognized parameters: [foo], [typed_keyz] -> did you mean [typed_keys]?');
  });

  it('a parameter naming a path part is refused (the path names the target)', () => {
    assert.match(refusal('GET', '/_mtermvectors?index=secret&ids=1').message, /\[index\], which names a part of the path/);
    assert.match(refusal('GET', '/logs-1/_doc/1?index=secret').message, /\[index\], which names a part of the path/);
    assert.match(refusal('POST', '/_msearch?index=secret', '{}\n{}\n').message, /names a part of the path/);
  });

  it('what official clients send is declared', () => {
    const r = resolve('GET', '/logs-1/_search?typed_keys=true&rest_total_hits_as_int=true&ignore_unavailable=true&expand_wildcards=open&filter_path=hits&pretty=true&error_trace=true');
    assert.equal(r.action, 'indices:data/read/search');
    assert.equal(r.targets[0].options.ignoreUnavailable, true);
    assert.equal(resolve('GET', '/_cat/indices?format=json&h=index&s=index&v=true&bytes=b').kind, 'indices');
  });

  it('`source` belongs to APIs with a body only; deliberate refusals say why', () => {
    assert.match(refusal('GET', '/_cat/health?source=%7B%7D').message, /unrecognized parameter: \[source\]/);
    assert.match(refusal('POST', '/_msearch?project_routing=x', '{}\n{}\n').message, /does not forward: project routing/);
  });
});

describe('bodies', () => {
  it('an unknown field is a 400 naming the object and the field', () => {
    const e = refusal('POST', '/logs-1/_termvectors/1', { bogus: 1 });
    assert.equal(e.status, 400);
    assert.equal(e.type, 'x_content_parse_exception');
    assert.equal(e.message, '[term vectors request] unknown field [bogus]');
    assert.match(refusal('PUT', '/logs-1/_alias/logs-ok', { filtr: {} }).message, /\[alias\] unknown field \[filtr\] did you mean \[filter\]\?/);
    assert.match(refusal('POST', '/logs-1/_count', { query: { match_all: {} }, size: 1 }).message, /\[count request\] unknown field \[size\]/);
  });

  it('a body field that would override the path is refused', () => {
    assert.match(refusal('POST', '/logs-1/_termvectors/1', { _index: 'secret' }).message, /\[_index\] is not forwarded by the gateway/);
    assert.match(refusal('PUT', '/logs-1/_alias/logs-ok', { index: 'secret', alias: 'logs-evil' }).message, /\[index\] is not forwarded by the gateway/);
    assert.match(refusal('PUT', '/logs-1/_alias/logs-ok', { alias: 'logs-evil' }).message, /\[alias\] is not forwarded by the gateway/);
  });

  it('values of the wrong shape are refused', () => {
    assert.match(refusal('POST', '/_mget', { docs: { _index: 'a' } }).message, /\[docs\] failed to parse field: expected an array/);
    assert.match(refusal('POST', '/_mget', { docs: [{ _index: { x: 1 } }] }).message, /expected an index name/);
  });

  it('an API without a body refuses one', () => {
    const e = refusal('GET', '/_cat/health', { bogus: 1 });
    assert.equal(e.message, 'request [GET /_cat/health] does not support having a body');
    assert.equal(resolve('GET', '/_cat/health', ' \n').action, 'cluster:monitor/health');
  });

  it('index names in index-creating bodies and msearch headers are authorized', () => {
    const rollover = resolve('POST', '/logs-w/_rollover', { aliases: { 'secret-alias': {} }, conditions: { max_docs: 1 } });
    assert.deepEqual(rollover.targets.map((t) => t.expression), ['logs-w', 'secret-alias']);
    assert.deepEqual(rollover.aliasAdds, [{ target: 0, alias: 'secret-alias', rollover: true }]); // named on the index the rollover creates
    assert.match(refusal('POST', '/_msearch', '{"index":"a","routing":{"x":1}}\n{}\n').message, /\[routing\] failed to parse field/);
  });

  it('lookups come from the DSL parts of the checked body (count, cat count, alias filters)', () => {
    const terms = { terms: { f: { index: 'lk', id: '1', path: 'p' } } };
    assert.deepEqual(resolve('POST', '/logs-1/_count', { query: terms }).lookups?.map((l) => l.index), ['lk']);
    assert.deepEqual(resolve('GET', '/_cat/count/logs-1', { query: terms }).lookups?.map((l) => l.index), ['lk']);
    const put = resolve('PUT', '/_index_template/t', { index_patterns: ['x*'], template: { aliases: { a: { filter: terms } } } });
    assert.equal(put.kind, 'indices');
    assert.deepEqual(put.clusterActions, ['indices:admin/index_template/put']);
    assert.deepEqual(put.lookups?.map((l) => l.index), ['lk']);
  });

  it('the checked value is the resolution\'s body (what is forwarded)', () => {
    const r = resolve('POST', '/logs-1/_search', '{"query":{"term":{"n":12345678901234567890}}}');
    assert.equal(JSON.stringify(r.body), '{"query":{"term":{"n":12345678901234567890}}}');
    assert.match(refusal('POST', '/logs-1/_search', '{"size":1,"size":2}').message, /duplicate field \[size\]/);
  });
});
