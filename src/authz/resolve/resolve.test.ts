import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseTarget, formatTarget } from './canonical.ts';
import { resolveRequest } from './resolve.ts';
import type { Resolution } from './types.ts';

function resolve(method: string, url: string, body?: unknown): Resolution {
  const t = parseTarget(url);
  const raw = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return resolveRequest({ method, segments: t.segments, query: t.query, body: raw });
}

/** [method, url, body, kind, action, [expression, firstAction][]] */
type Row = [string, string, unknown, Resolution['kind'], string, [string, string][]?];

const TABLE: Row[] = [
  ['GET', '/', undefined, 'cluster', 'cluster:monitor/main'],
  ['HEAD', '/', undefined, 'cluster', 'cluster:monitor/main'],
  ['GET', '/_search', undefined, 'indices', 'indices:data/read/search', [['', 'indices:data/read/search']]],
  ['POST', '/logs-*/_search', { query: { match_all: {} } }, 'indices', 'indices:data/read/search', [['logs-*', 'indices:data/read/search']]],
  ['GET', '/a,b/_search?scroll=1m', undefined, 'indices', 'indices:data/read/search', [['a,b', 'indices:data/read/search']]],
  ['GET', '/_all/_count', undefined, 'indices', 'indices:data/read/search', [['_all', 'indices:data/read/search']]],
  ['GET', '/_count', undefined, 'indices', 'indices:data/read/search', [['', 'indices:data/read/search']]],
  ['GET', '/idx/_doc/1', undefined, 'indices', 'indices:data/read/get', [['idx', 'indices:data/read/get']]],
  ['HEAD', '/idx/_doc/1', undefined, 'indices', 'indices:data/read/get', [['idx', 'indices:data/read/get']]],
  ['GET', '/idx/_source/1', undefined, 'indices', 'indices:data/read/get', [['idx', 'indices:data/read/get']]],
  ['PUT', '/idx/_doc/1', { a: 1 }, 'indices', 'indices:data/write/index', [['idx', 'indices:data/write/index']]],
  ['POST', '/idx/_doc', { a: 1 }, 'indices', 'indices:data/write/index', [['idx', 'indices:data/write/index']]],
  ['PUT', '/idx/_create/1', { a: 1 }, 'indices', 'indices:data/write/index', [['idx', 'indices:data/write/index']]],
  ['DELETE', '/idx/_doc/1', undefined, 'indices', 'indices:data/write/delete', [['idx', 'indices:data/write/delete']]],
  ['POST', '/idx/_update/1', { doc: {} }, 'indices', 'indices:data/write/update', [['idx', 'indices:data/write/update']]],
  ['POST', '/idx/_update_by_query', undefined, 'indices', 'indices:data/write/update/byquery', [['idx', 'indices:data/write/update/byquery']]],
  ['POST', '/idx/_delete_by_query', { query: { match_all: {} } }, 'indices', 'indices:data/write/delete/byquery', [['idx', 'indices:data/write/delete/byquery']]],
  ['GET', '/idx/_explain/1', undefined, 'indices', 'indices:data/read/explain', [['idx', 'indices:data/read/explain']]],
  ['GET', '/idx/_termvectors/1', undefined, 'indices', 'indices:data/read/tv', [['idx', 'indices:data/read/tv']]],
  ['POST', '/_mtermvectors', { docs: [{ _index: 'a', _id: '1' }] }, 'indices', 'indices:data/read/mtv', [['a', 'indices:data/read/mtv']]],
  ['GET', '/_field_caps?fields=*', undefined, 'indices', 'indices:data/read/field_caps', [['', 'indices:data/read/field_caps']]],
  ['GET', '/x*/_field_caps', undefined, 'indices', 'indices:data/read/field_caps', [['x*', 'indices:data/read/field_caps']]],
  ['GET', '/_validate/query', undefined, 'indices', 'indices:admin/validate/query', [['', 'indices:admin/validate/query']]],
  ['POST', '/_data_stream/_migrate/logs-alias', undefined, 'indices', 'indices:admin/data_stream/migrate', [['logs-alias', 'indices:admin/data_stream/migrate']]],
  ['POST', '/_data_stream/_promote/logs-app', undefined, 'indices', 'indices:admin/data_stream/promote', [['logs-app', 'indices:admin/data_stream/promote']]],
  ['POST', '/_data_stream/_modify', { actions: [{ add_backing_index: { data_stream: 'logs-app', index: 'old-1' } }, { remove_backing_index: { data_stream: 'logs-b', index: '.ds-logs-b-000001' } }] }, 'indices', 'indices:admin/data_stream/modify', [
    ['logs-app', 'indices:admin/data_stream/modify'],
    ['old-1', 'indices:admin/data_stream/modify'],
    ['logs-b', 'indices:admin/data_stream/modify'],
    ['.ds-logs-b-000001', 'indices:admin/data_stream/modify'],
  ]],
  ['GET', '/idx/_search_shards', undefined, 'indices', 'indices:admin/shards/search_shards', [['idx', 'indices:admin/shards/search_shards']]],
  ['POST', '/idx/_pit?keep_alive=1m', undefined, 'indices', 'indices:data/read/open_point_in_time', [['idx', 'indices:data/read/open_point_in_time']]],
  ['POST', '/idx/_search/point_in_time?keep_alive=1m', undefined, 'indices', 'indices:data/read/open_point_in_time', [['idx', 'indices:data/read/open_point_in_time']]],
  ['DELETE', '/_pit', { id: 'abc' }, 'indices', 'indices:data/read/close_point_in_time', []],
  ['DELETE', '/_search/point_in_time', { pit_id: ['abc'] }, 'indices', 'indices:data/read/close_point_in_time', []],
  ['GET', '/_search/scroll', { scroll_id: 'x' }, 'indices', 'indices:data/read/scroll', []],
  ['GET', '/_search/scroll/x', undefined, 'indices', 'indices:data/read/scroll', []],
  ['DELETE', '/_search/scroll', { scroll_id: ['x'] }, 'indices', 'indices:data/read/scroll/clear', []],
  ['DELETE', '/_search/scroll/_all', undefined, 'unresolved', 'DELETE /_search/scroll/_all'],
  ['GET', '/_search/template', { source: '{}' }, 'indices', 'indices:data/read/search/template', [['', 'indices:data/read/search']]],
  ['GET', '/i/_search/template', { id: 't' }, 'indices', 'indices:data/read/search/template', [['i', 'indices:data/read/search']]],
  ['GET', '/_render/template', { source: '{}' }, 'indices', 'indices:data/read/search/template', []],
  // index admin
  ['PUT', '/idx', { settings: {} }, 'indices', 'indices:admin/create', [['idx', 'indices:admin/create']]],
  ['PUT', '/idx', { aliases: { al: {} } }, 'indices', 'indices:admin/create', [['idx', 'indices:admin/create'], ['al', 'indices:admin/aliases']]],
  ['DELETE', '/idx', undefined, 'indices', 'indices:admin/delete', [['idx', 'indices:admin/delete']]],
  ['GET', '/idx', undefined, 'indices', 'indices:admin/get', [['idx', 'indices:admin/get']]],
  ['HEAD', '/idx', undefined, 'indices', 'indices:admin/get', [['idx', 'indices:admin/get']]],
  ['POST', '/idx/_open', undefined, 'indices', 'indices:admin/open', [['idx', 'indices:admin/open']]],
  ['POST', '/idx/_close', undefined, 'indices', 'indices:admin/close', [['idx', 'indices:admin/close']]],
  ['GET', '/_mapping', undefined, 'indices', 'indices:admin/mappings/get', [['', 'indices:admin/mappings/get']]],
  ['PUT', '/idx/_mapping', { properties: {} }, 'indices', 'indices:admin/mapping/put', [['idx', 'indices:admin/mapping/put']]],
  ['GET', '/idx/_mapping/field/f', undefined, 'indices', 'indices:admin/mappings/fields/get', [['idx', 'indices:admin/mappings/fields/get']]],
  ['GET', '/_settings', undefined, 'indices', 'indices:monitor/settings/get', [['', 'indices:monitor/settings/get']]],
  ['GET', '/idx/_settings/index.number_of_shards', undefined, 'indices', 'indices:monitor/settings/get', [['idx', 'indices:monitor/settings/get']]],
  ['PUT', '/idx/_settings', { index: {} }, 'indices', 'indices:admin/settings/update', [['idx', 'indices:admin/settings/update']]],
  ['GET', '/_alias/al', undefined, 'indices', 'indices:admin/aliases/get', [['', 'indices:admin/aliases/get'], ['al', 'indices:admin/aliases/get']]],
  ['GET', '/logs/_alias/al*,b', undefined, 'indices', 'indices:admin/aliases/get', [['logs', 'indices:admin/aliases/get'], ['b', 'indices:admin/aliases/get']]],
  ['GET', '/_cat/aliases/al*', undefined, 'indices', 'indices:admin/aliases/get', [['al*', 'indices:admin/aliases/get']]],
  ['GET', '/idx/_alias', undefined, 'indices', 'indices:admin/aliases/get', [['idx', 'indices:admin/aliases/get']]],
  ['PUT', '/idx/_alias/al', undefined, 'indices', 'indices:admin/aliases', [['idx', 'indices:admin/aliases'], ['al', 'indices:admin/aliases']]],
  ['DELETE', '/idx/_alias/al', undefined, 'indices', 'indices:admin/aliases', [['idx', 'indices:admin/aliases'], ['al', 'indices:admin/aliases']]],
  ['POST', '/_aliases', { actions: [{ add: { index: 'secret', alias: 'allowed-x' } }] }, 'indices', 'indices:admin/aliases', [['secret', 'indices:admin/aliases'], ['allowed-x', 'indices:admin/aliases']]],
  ['POST', '/_aliases', { actions: [{ remove_index: { index: 'x' } }] }, 'indices', 'indices:admin/aliases', [['x', 'indices:admin/delete']]],
  ['POST', '/_refresh', undefined, 'indices', 'indices:admin/refresh', [['', 'indices:admin/refresh']]],
  ['POST', '/idx/_flush', undefined, 'indices', 'indices:admin/flush', [['idx', 'indices:admin/flush']]],
  ['POST', '/idx/_forcemerge', undefined, 'indices', 'indices:admin/forcemerge', [['idx', 'indices:admin/forcemerge']]],
  ['POST', '/idx/_cache/clear', undefined, 'indices', 'indices:admin/cache/clear', [['idx', 'indices:admin/cache/clear']]],
  ['GET', '/_stats', undefined, 'indices', 'indices:monitor/stats', [['', 'indices:monitor/stats']]],
  ['GET', '/_stats/docs', undefined, 'indices', 'indices:monitor/stats', [['', 'indices:monitor/stats']]],
  ['GET', '/idx/_stats/docs', undefined, 'indices', 'indices:monitor/stats', [['idx', 'indices:monitor/stats']]],
  ['GET', '/idx/_segments', undefined, 'indices', 'indices:monitor/segments', [['idx', 'indices:monitor/segments']]],
  ['GET', '/idx/_recovery', undefined, 'indices', 'indices:monitor/recovery', [['idx', 'indices:monitor/recovery']]],
  ['POST', '/al/_rollover', undefined, 'indices', 'indices:admin/rollover', [['al', 'indices:admin/rollover']]],
  ['POST', '/al/_rollover/new', undefined, 'indices', 'indices:admin/rollover', [['al', 'indices:admin/rollover'], ['new', 'indices:admin/rollover']]],
  ['PUT', '/src/_shrink/dst', undefined, 'indices', 'indices:admin/resize', [['src', 'indices:admin/resize'], ['dst', 'indices:admin/resize']]],
  ['GET', '/_resolve/index/a*', undefined, 'indices', 'indices:admin/resolve/index', [['a*', 'indices:admin/resolve/index']]],
  ['PUT', '/_data_stream/logs-x', undefined, 'indices', 'indices:admin/data_stream/create', [['logs-x', 'indices:admin/data_stream/create']]],
  ['GET', '/_data_stream', undefined, 'indices', 'indices:admin/data_stream/get', [['', 'indices:admin/data_stream/get']]],
  ['GET', '/_data_stream/_stats', undefined, 'indices', 'indices:monitor/data_stream/stats', [['', 'indices:monitor/data_stream/stats']]],
  ['GET', '/idx/_analyze', undefined, 'indices', 'indices:admin/analyze', [['idx', 'indices:admin/analyze']]],
  // templates, ingest, scripts
  ['PUT', '/_template/t', {}, 'cluster', 'indices:admin/template/put'],
  ['GET', '/_index_template/t', undefined, 'cluster', 'indices:admin/index_template/get'],
  ['POST', '/_index_template/_simulate_index/x', undefined, 'cluster', 'indices:admin/index_template/simulate_index'],
  ['PUT', '/_component_template/c', {}, 'cluster', 'cluster:admin/component_template/put'],
  ['PUT', '/_ingest/pipeline/p', {}, 'cluster', 'cluster:admin/ingest/pipeline/put'],
  ['POST', '/_ingest/pipeline/_simulate', {}, 'cluster', 'cluster:admin/ingest/pipeline/simulate'],
  ['POST', '/_ingest/pipeline/p/_simulate', {}, 'cluster', 'cluster:admin/ingest/pipeline/simulate'],
  ['GET', '/_scripts/s', undefined, 'cluster', 'cluster:admin/script/get'],
  // cluster, nodes, tasks, snapshots
  ['GET', '/_cluster/health', undefined, 'cluster', 'cluster:monitor/health'],
  ['GET', '/_cluster/health/secret-index', undefined, 'cluster', 'cluster:monitor/health'],
  ['GET', '/_cluster/state/metadata/x', undefined, 'cluster', 'cluster:monitor/state'],
  ['PUT', '/_cluster/settings', {}, 'cluster', 'cluster:admin/settings/update'],
  ['GET', '/_cluster/settings', undefined, 'cluster', 'cluster:monitor/settings'],
  ['POST', '/_cluster/reroute', undefined, 'cluster', 'cluster:admin/reroute'],
  ['GET', '/_nodes', undefined, 'cluster', 'cluster:monitor/nodes/info'],
  ['GET', '/_nodes/stats', undefined, 'cluster', 'cluster:monitor/nodes/stats'],
  ['GET', '/_nodes/n1/stats/jvm', undefined, 'cluster', 'cluster:monitor/nodes/stats'],
  ['GET', '/_nodes/hot_threads', undefined, 'cluster', 'cluster:monitor/nodes/hot_threads'],
  ['GET', '/_nodes/n1/jvm', undefined, 'cluster', 'cluster:monitor/nodes/info'],
  ['GET', '/_tasks', undefined, 'cluster', 'cluster:monitor/tasks/lists'],
  ['GET', '/_tasks/n:1', undefined, 'cluster', 'cluster:monitor/task/get'],
  ['POST', '/_tasks/_cancel', undefined, 'cluster', 'cluster:admin/tasks/cancel'],
  ['PUT', '/_snapshot/repo', {}, 'cluster', 'cluster:admin/repository/put'],
  ['PUT', '/_snapshot/repo/snap', {}, 'cluster', 'cluster:admin/snapshot/create'],
  ['POST', '/_snapshot/repo/snap/_restore', {}, 'cluster', 'cluster:admin/snapshot/restore'],
  ['GET', '/_snapshot/_status', undefined, 'cluster', 'cluster:admin/snapshot/status'],
  // _cat
  ['GET', '/_cat', undefined, 'open', 'cluster:monitor/main'],
  ['GET', '/_cat/health', undefined, 'cluster', 'cluster:monitor/health'],
  ['GET', '/_cat/indices', undefined, 'indices', 'indices:monitor/settings/get', [['', 'indices:monitor/settings/get']]],
  ['GET', '/_cat/indices/logs-*?v', undefined, 'indices', 'indices:monitor/settings/get', [['logs-*', 'indices:monitor/settings/get']]],
  ['GET', '/_cat/shards/logs-*,idx', undefined, 'indices', 'indices:monitor/stats', [['idx', 'indices:monitor/stats']]],
  ['GET', '/_cat/shards/logs-*', undefined, 'cluster', 'cluster:monitor/state'],
  ['GET', '/_cat/count/idx', undefined, 'indices', 'indices:data/read/search', [['idx', 'indices:data/read/search']]],
  ['GET', '/_cat/aliases', undefined, 'indices', 'indices:admin/aliases/get', [['', 'indices:admin/aliases/get']]],
  ['GET', '/_cat/shards/idx', undefined, 'indices', 'indices:monitor/stats', [['idx', 'indices:monitor/stats']]],
  ['GET', '/_cat/nodes', undefined, 'cluster', 'cluster:monitor/nodes/info'],
  // query languages
  ['POST', '/_sql', { query: 'SELECT a FROM "logs-1" WHERE b = 1' }, 'indices', 'indices:data/read/sql', [['logs-1', 'indices:data/read/search']]],
  ['POST', '/_plugins/_sql', { query: 'select * from secret-index' }, 'indices', 'indices:data/read/sql', [['secret-index', 'indices:data/read/search']]],
  ['POST', '/_sql', { query: 'SHOW TABLES' }, 'indices', 'indices:data/read/sql', [['*', 'indices:data/read/search']]],
  ['POST', '/_query', { query: 'FROM logs-*, other | LIMIT 1' }, 'indices', 'indices:data/read/esql', [['logs-*,other', 'indices:data/read/search']]],
  ['POST', '/_plugins/_ppl', { query: 'source=my-index | fields a' }, 'indices', 'indices:data/read/ppl', [['my-index', 'indices:data/read/search']]],
  // unknown endpoints and plausibility
  ['GET', '/_xpack', undefined, 'unresolved', 'GET /_xpack'],
  ['GET', '/_plugins/_security/api/roles', undefined, 'unresolved', 'GET /_plugins/_security/api/roles'],
  ['GET', '/_foo/_search', undefined, 'unresolved', 'GET /_foo/_search'],
  ['GET', '/idx/_SEARCH', undefined, 'unresolved', 'GET /idx/_SEARCH'],
  ['PATCH', '/idx/_doc/1', undefined, 'unresolved', 'PATCH /idx/_doc/1'],
  ['GET', '/a/b/c/d/e', undefined, 'unresolved', 'GET /a/b/c/d/e'],
];

describe('resolveRequest: REST request → action and indices', () => {
  for (const [method, url, body, kind, action, targets] of TABLE) {
    it(`${method} ${url}`, () => {
      const r = resolve(method, url, body);
      assert.equal(r.kind, kind);
      assert.equal(r.action, action);
      if (targets) assert.deepEqual(r.targets.map((t) => [t.expression, t.actions[0]]), targets);
    });
  }

  it('bulk: every item with its op and index, the path index as default', () => {
    const body = ['{"index":{"_index":"a","_id":"1"}}', '{"f":1}', '{"delete":{"_id":"2"}}', '{"create":{"_index":"<b-{now/d}>"}}', '{}', '{"update":{"_index":"c","_id":"3"}}', '{"doc":{}}', ''].join('\n');
    const r = resolve('POST', '/d/_bulk', body);
    assert.equal(r.action, 'indices:data/write/bulk');
    assert.equal(r.items?.kind, 'bulk');
    const items = r.items!.items as unknown as { op: string; index: string; id: string | null }[];
    assert.deepEqual(items.map((i) => [i.op, i.index, i.id]), [['index', 'a', '1'], ['delete', 'd', '2'], ['create', '<b-{now/d}>', null], ['update', 'c', '3']]);
  });

  it('bulk: malformed and ambiguous action lines refuse the request', () => {
    assert.throws(() => resolve('POST', '/_bulk', '{"index":{"_index":"a","_index":"b"}}\n{}\n'), /duplicate field/);
    assert.throws(() => resolve('POST', '/_bulk', '{"index":{"_index":"a"},"delete":{}}\n{}\n'), /Malformed/);
    assert.throws(() => resolve('POST', '/_bulk', '{"index":{"_index":"a"}}\n'), /terminated by a newline/);
    assert.throws(() => resolve('POST', '/_bulk', '{"index":{}}\n{}\n'), /index is missing/);
    assert.throws(() => resolve('POST', '/_bulk', '{"index":{"_index":"a" /* c */}}\n{}\n'), /Failed to parse/);
  });

  it('mget: docs with their own index or the path one; ids', () => {
    const r = resolve('POST', '/d/_mget', { docs: [{ _index: 'a', _id: '1' }, { _id: '2' }] });
    assert.deepEqual((r.items!.items as unknown as { index: string }[]).map((i) => i.index), ['a', 'd']);
    const ids = resolve('POST', '/d/_mget', { ids: ['1', '2'] });
    assert.equal(ids.items!.items.length, 2);
    assert.throws(() => resolve('POST', '/_mget', { docs: [{ _id: '1' }] }), /index is missing/);
  });

  it('msearch: each header, its own options, path index as default; empty header line', () => {
    const body = ['{"index":"a*","ignore_unavailable":true}', '{"query":{"match_all":{}}}', '', '{}', '{"index":["x","y"]}', '{"query":{"terms":{"f":{"index":"lk","id":"1","path":"p"}}}}', ''].join('\n');
    const r = resolve('POST', '/d/_msearch', body);
    const items = r.items!.items as unknown as { target: { expression: string; options: { ignoreUnavailable: boolean } }; lookups: { index: string }[] }[];
    assert.deepEqual(items.map((i) => i.target.expression), ['a*', 'd', 'x,y']);
    assert.equal(items[0].target.options.ignoreUnavailable, true);
    assert.deepEqual(items[2].lookups.map((l) => l.index), ['lk']);
    assert.throws(() => resolve('POST', '/_msearch', '{"index":"a","bogus":1}\n{}\n'), /not supported in the metadata section/);
  });

  it('reindex: source read, dest write, remote reindex refused', () => {
    const r = resolve('POST', '/_reindex', { source: { index: ['a', 'b*'], query: { terms: { f: { index: 'lk', id: '1', path: 'x' } } } }, dest: { index: 'd' } });
    assert.deepEqual(r.targets.map((t) => [t.expression, t.actions[0]]), [['a,b*', 'indices:data/read/search'], ['d', 'indices:data/write/index']]);
    assert.deepEqual(r.lookups?.map((l) => l.index), ['lk']);
    assert.throws(() => resolve('POST', '/_reindex', { source: { index: 'a', remote: { host: 'http://x' } }, dest: { index: 'd' } }), /\[source\.remote\] is not forwarded/);
  });

  it('lookups anywhere in search bodies: terms, indexed_shape, percolate, more_like_this', () => {
    const r = resolve('POST', '/a/_search', {
      query: { bool: { must: [{ terms: { u: { index: 'l1', id: '1', path: 'f' } } }, { geo_shape: { g: { indexed_shape: { index: 'l2', id: 'x', path: 'p' } } } }, { more_like_this: { like: [{ _index: 'l3', _id: '1' }] } }] } },
      aggs: { f: { filter: { percolate: { field: 'q', index: 'l4', id: '2' } } } },
    });
    assert.deepEqual(r.lookups?.map((l) => l.index).sort(), ['l1', 'l2', 'l3', 'l4']);
  });

  it('pit searches and scroll capture', () => {
    const r = resolve('POST', '/_search', { pit: { id: 'P1' } });
    assert.deepEqual(r.pitIds, ['P1']);
    assert.equal(r.targets.length, 0);
    assert.equal(resolve('GET', '/a/_search?scroll=1m').capture, 'scroll');
  });

  it('SQL statements the gateway cannot read safely are refused', () => {
    for (const q of ['SELECT * FROM a JOIN b ON a.x = b.x', 'SELECT * FROM (SELECT * FROM secret)', 'SELECT 1 FROM a UNION SELECT 1 FROM b', "SELECT 'x", 'SELECT * FROM a, (b)']) {
      assert.ok(resolve('POST', '/_sql', { query: q }).refusal, q);
    }
    assert.equal(resolve('POST', '/_sql', { query: "SELECT * FROM a WHERE s = 'from secret'" }).targets[0].expression, 'a');
  });
});

describe('canonical request target', () => {
  it('decodes segments, drops empty ones, keeps encoded slashes inside one segment', () => {
    assert.deepEqual(parseTarget('//secret%2Dindex//_search/?q=a+b').segments, ['secret-index', '_search']);
    assert.deepEqual(parseTarget('/a%2Fb/_doc/1').segments, ['a/b', '_doc', '1']);
    assert.equal(parseTarget('/x?q=a+b%2Bc').query.get('q'), 'a b+c');
  });
  it('refuses dot segments, duplicate parameters and bad escapes', () => {
    assert.throws(() => parseTarget('/allowed/../secret/_search'), /relative segments/);
    assert.throws(() => parseTarget('/%2e%2e/_search'), /relative segments/);
    assert.throws(() => parseTarget('/a/_search?scroll=1m&scroll=2m'), /more than once/);
    assert.throws(() => parseTarget('/a%zz/_search'), /percent-encoding/);
    assert.throws(() => parseTarget('/a%ff/_search'), /percent-encoding/);
  });
  it('formats canonically: the upstream parses what was decided on', () => {
    const t = parseTarget('/%3Clogs-%7Bnow%2Fd%7D%3E,b/_search?q=x%20y&pretty');
    assert.equal(formatTarget(t.segments, t.query), '/%3Clogs-%7Bnow%2Fd%7D%3E,b/_search?q=x%20y&pretty');
    assert.equal(formatTarget(['a+b', '_doc', 'x/y'], new Map()), '/a%2Bb/_doc/x%2Fy');
  });
});
