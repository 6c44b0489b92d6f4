// Values the generator fills in: index names and their disguises, query parameters, and the
// known-dangerous body constructs of issue 14 (each one names, reads or writes the secret side while the
// request's path names only allowed indices).

import type { Names } from './fixture.ts';

export type Rng = { next(): number; pick<T>(items: readonly T[]): T; chance(p: number): boolean };

export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => { // mulberry32
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: (items) => items[Math.floor(next() * items.length)], chance: (p) => next() < p };
}

export type Context = { names: Names; upstream: string };

/** Path values for index-like parts, already URL-encoded as they go on the wire. */
export function indexValues({ names: n }: Context): string[] {
  const s = n.secret;
  const enc = (x: string) => [...x].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
  const allowed = [`${n.logs}1`, `${n.logs}1`, `${n.logs}*`, `${n.logs}1,${n.logs}2`, `${n.logs}copy`, `${n.logs}2`];
  return [
    ...allowed, ...allowed, ...allowed, s, n.secret2, n.alias, encodeURIComponent(n.hidden),
    `${n.logs}1,${s}`, `${s},${n.logs}1`, '*', '_all', `${n.tag}-*`, `${n.tag}-sec*`, `*secret*`, `${n.tag}-*,-${n.logs}*`,
    enc(s), `${n.logs}1%2C${s}`, encodeURIComponent(`<${s}>`), `${s}*`, `${n.logs}1,*`, `*,-${n.logs}1`, 'shapes',
    encodeURIComponent(`${n.logs}1/../${s}`),
  ];
}

const ID_VALUES = ['1', 'c1', '2', 'q1', '_all', '*'];
const GENERIC_PART_VALUES = ['_all', '*', 'x', '1'];

export function pathValue(part: string, r: Rng, ctx: Context): string {
  if (/index|target|alias|^name$|^new_index$|^indices$/.test(part)) return r.pick(indexValues(ctx));
  if (/^id$|_id$/.test(part) && part !== 'task_id' && part !== 'node_id') return r.pick(ID_VALUES);
  if (part === 'template' || part === 'pipeline' || part === 'repository') return r.pick([ctx.names.template, ctx.names.pipeline, ctx.names.secret, 'x']);
  return r.pick([...GENERIC_PART_VALUES, ctx.names.secret]);
}

/** A query parameter value chosen for the parameter's name (the dangerous ones first). */
export function queryValue(name: string, r: Rng, ctx: Context): string {
  const n = ctx.names;
  switch (name) {
    case 'index': case 'indices': case 'target': return r.pick([n.secret, `${n.logs}1,${n.secret}`, n.alias, '*']);
    case 'source': return JSON.stringify(dangerousBody(r, ctx));
    case 'pipeline': return r.pick([n.pipeline, n.scriptPipeline]);
    case 'q': return r.pick(['*', `_index:${n.secret}`, 'secret_field:*', 'msg:*']);
    case 'ids': return r.pick(['c1', 'c1,1']);
    case 'routing': case 'preference': return r.pick(['c1', '_local', n.secret]);
    case 'expand_wildcards': return r.pick(['all', 'hidden', 'open,hidden']);
    case 'ignore_unavailable': case 'allow_no_indices': case 'explain': case 'profile': case 'rewrite': case 'all_shards': return 'true';
    case 'scroll': return '1m';
    case 'fields': case 'stored_fields': case '_source_includes': case 'docvalue_fields': return r.pick(['*', 'secret_field', 'msg']);
    case 'df': return 'secret_field';
    case 'filter_path': return r.pick(['**._index', 'hits.hits', '**']);
    case 'source_content_type': return 'application/json';
    case 'script': case 'script_id': return n.template;
    default: return r.pick([n.secret, 'true', '1', '*']);
  }
}

/** A query that reads the secret side; wrapped in random compound layers so a shallow check misses it. */
export function dangerousQuery(r: Rng, ctx: Context): object {
  const n = ctx.names;
  const leaves: (() => object)[] = [
    () => ({ terms: { msg: { index: n.secret, id: 'c1', path: 'msg' } } }),
    () => ({ terms: { kw: { index: n.alias, id: 'c1', path: 'kw' } } }),
    () => ({ wrapper: { query: Buffer.from(JSON.stringify({ terms: { msg: { index: n.secret, id: 'c1', path: 'secret_field' } } })).toString('base64') } }),
    () => ({ geo_shape: { location: { indexed_shape: { index: n.secret, id: 'c1', path: 'location' } } } }),
    () => ({ geo_shape: { location: { indexed_shape: { id: n.shapeId, path: 'shape' } } } }), // default index: shapes
    () => ({ percolate: { field: 'query', index: n.secret, id: 'c1' } }),
    () => ({ more_like_this: { fields: ['msg'], like: [{ _index: n.secret, _id: 'c1' }], min_term_freq: 1, min_doc_freq: 1 } }),
    () => ({ match: { msg: 'hello' } }),
    () => ({ script: { script: { source: "doc['kw'].size() > 0" } } }),
  ];
  let q = r.pick(leaves)();
  const layers = Math.floor(r.next() * 3);
  for (let i = 0; i < layers; i++) {
    q = r.pick([
      (x: object) => ({ bool: { should: [x, { match_all: {} }] } }),
      (x: object) => ({ constant_score: { filter: x } }),
      (x: object) => ({ function_score: { query: x } }),
      (x: object) => ({ dis_max: { queries: [x] } }),
      (x: object) => ({ boosting: { positive: { match_all: {} }, negative: x, negative_boost: 0.5 } }),
      (x: object) => ({ wrapper: { query: Buffer.from(JSON.stringify(x)).toString('base64') } }),
    ])(q);
  }
  return q;
}

export function dangerousScript(r: Rng, ctx: Context): object {
  const s = ctx.names.secret;
  return { lang: 'painless', source: r.pick([`ctx._index = '${s}'`, `ctx._index = '${s}'; ctx._id = 'c1'`, "ctx.op = 'delete'", `ctx._index = '${s}'; ctx.op = 'delete'`]) };
}

/** A value for a body field, by its name; unknown names get an object naming the secret index. */
export function bodyValue(field: string, r: Rng, ctx: Context): unknown {
  const n = ctx.names;
  switch (field) {
    case 'query': case 'post_filter': case 'filter': case 'rescore_query': return dangerousQuery(r, ctx);
    case 'aggs': case 'aggregations': return { a: { filter: dangerousQuery(r, ctx), aggs: { t: { terms: { field: 'kw' } } } } };
    case 'script': return dangerousScript(r, ctx);
    case 'source': return r.pick([{ index: `${n.logs}1` }, { index: n.secret }, { index: `${n.logs}1`, query: dangerousQuery(r, ctx) },
      { remote: { host: ctx.upstream }, index: n.secret }]);
    case 'dest': return r.pick([{ index: `${n.logs}copy` }, { index: `${n.logs}copy`, pipeline: n.pipeline }, { index: n.secret }]);
    case 'index': case '_index': return n.secret;
    case 'alias': return `${n.logs}evil`;
    case 'actions': return [{ add: { index: n.secret, alias: `${n.logs}evil` } }, { remove_index: { index: n.secret } }];
    case 'aliases': return { [`${n.logs}evil`]: { filter: dangerousQuery(r, ctx) }, [n.alias]: {} };
    case 'docs': return [{ _index: n.secret, _id: 'c1' }, { _id: 'c1', _index: n.alias }];
    case 'ids': return ['c1', '1'];
    case 'doc': return { msg: 'hello', _index: n.secret };
    case 'settings': return { index: { default_pipeline: n.pipeline, final_pipeline: n.scriptPipeline } };
    case 'runtime_mappings': return { leak: { type: 'lookup', target_index: n.secret, input_field: 'kw', target_field: 'kw', fetch_fields: ['secret_field'] } };
    case 'indices_boost': return [{ [n.secret]: 2 }];
    case 'retriever': return { standard: { query: dangerousQuery(r, ctx) } };
    case 'rescore': return { query: { rescore_query: dangerousQuery(r, ctx) } };
    case 'highlight': return { fields: { '*': { highlight_query: dangerousQuery(r, ctx) } } };
    case 'requests': return [{ id: 'q', request: { query: dangerousQuery(r, ctx) }, ratings: [{ _index: n.secret, _id: 'c1', rating: 1 }] }];
    case 'id': return n.template;
    case 'params': return { q: dangerousQuery(r, ctx) };
    case 'profile': case 'explain': case 'version': case 'seq_no_primary_term': return true;
    case 'upsert': return { msg: 'x' };
    default: return { index: n.secret, _index: n.secret };
  }
}

/** A body built from the known-dangerous constructs alone (for endpoints whose body fields are unknown). */
export function dangerousBody(r: Rng, ctx: Context): Record<string, unknown> {
  const fields = r.pick([['query', 'profile'], ['query', 'explain'], ['query', 'aggs'], ['docs'], ['source', 'dest', 'script'],
    ['index', 'alias'], ['actions'], ['aliases', 'settings'], ['runtime_mappings', 'query'], ['id', 'params'], ['requests']]);
  return Object.fromEntries(fields.map((f) => [f, bodyValue(f, r, ctx)]));
}

/** Adds `_index` / `index` naming the secret index to every object of a body (issue 14, finding 1). */
export function everyObjectNamesSecret(value: unknown, ctx: Context, key: '_index' | 'index'): unknown {
  if (Array.isArray(value)) return value.map((v) => everyObjectNamesSecret(v, ctx, key));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = { [key]: ctx.names.secret };
  for (const [k, v] of Object.entries(value)) out[k] = everyObjectNamesSecret(v, ctx, key);
  return out;
}

/** NDJSON bodies for _bulk / _msearch style endpoints. */
export function ndjsonBody(endpoint: string, r: Rng, ctx: Context): string {
  const n = ctx.names;
  const lines: unknown[] = /msearch/.test(endpoint)
    ? [{ index: `${n.logs}1` }, { query: dangerousQuery(r, ctx), profile: true }, { index: n.secret }, { query: { match_all: {} } }]
    : [
      { index: { _index: `${n.logs}1`, _id: 'b1', pipeline: n.pipeline } }, { msg: 'x' },
      { update: { _index: `${n.logs}1`, _id: '1' } }, { script: dangerousScript(r, ctx) },
      { delete: { _index: n.secret, _id: 'c1' } },
      { index: { _index: n.secret, _id: 'c1' } }, { msg: 'overwritten' },
    ];
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}
