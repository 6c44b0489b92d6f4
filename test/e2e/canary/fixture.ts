// The canary fixture, written straight to the OpenSearch (never through the gateway): secret indices whose
// documents, mappings, alias filters and mapping `_meta` carry a random canary string; the allowed `logs`
// indices the principals may use (with percolator, geo_point and join fields, so lookups have something to
// run against); ingest pipelines and a stored search template that point at the secret data, as a real
// cluster could have them. All names carry a per-run tag, so runs and other test files sharing the cluster
// never collide. `snapshot` captures what must never change: documents (_version, _seq_no, _source),
// metadata (state, settings, mappings, aliases and their versions) and the set of non-`logs` indices.

import { createHash, randomBytes } from 'node:crypto';

export type Names = {
  tag: string;
  canary: string; // in document fields, alias filter and mapping _meta
  fieldCanary: string; // in a field name of the secret mapping
  logs: string; // prefix of the allowed indices: `${logs}1`, `${logs}2`, `${logs}copy`
  secret: string;
  secret2: string;
  hidden: string;
  alias: string; // alias of `secret`, filter mentions the canary
  pipeline: string; // ingest pipeline: set _index = secret
  scriptPipeline: string; // ingest pipeline: script ctx._index = secret
  template: string; // stored search template with a terms lookup into secret
  shapeId: string; // a document of the default `shapes` index (geo_shape indexed_shape default)
};

export function makeNames(): Names {
  const tag = `c${randomBytes(3).toString('hex')}`;
  const canary = `cnry${randomBytes(8).toString('hex')}`;
  return {
    tag, canary, fieldCanary: `fld${randomBytes(6).toString('hex')}`,
    logs: `${tag}-logs-`, secret: `${tag}-secret`, secret2: `${tag}-secret-2`, hidden: `.${tag}-hidden`,
    alias: `${tag}-secret-alias`, pipeline: `${tag}-retarget`, scriptPipeline: `${tag}-retarget-script`,
    template: `${tag}-lookup-template`, shapeId: `${tag}-shape`,
  };
}

export type Upstream = (method: string, path: string, body?: unknown) => Promise<{ status: number; json: any; text: string }>;

export function upstreamClient(base: string): Upstream {
  return async (method, path, body) => {
    const res = await fetch(base + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': typeof body === 'string' ? 'application/x-ndjson' : 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: any;
    try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
    return { status: res.status, json, text };
  };
}

async function must(os: Upstream, method: string, path: string, body?: unknown): Promise<any> {
  const r = await os(method, path, body);
  if (r.status >= 300) throw new Error(`fixture: ${method} ${path} → ${r.status} ${r.text.slice(0, 300)}`);
  return r.json;
}

/**
 * The modules of the upstream's node. The Elasticsearch integ-test zip has none of percolator, parent-join,
 * ingest-common, lang-painless, lang-mustache (OpenSearch's test node has them all, opensearch-modules.ts): the
 * parts of the fixture that need one are left out there, and the generated requests that would use them are
 * simply refused by the upstream — what the canary checks (nothing secret leaks or changes) stays the same.
 */
async function modulesOf(os: Upstream): Promise<Set<string>> {
  const nodes = (await must(os, 'GET', '/_nodes/_local/plugins?filter_path=nodes.*.modules.name')).nodes ?? {};
  return new Set(Object.values<any>(nodes).flatMap((node) => (node.modules ?? []).map((m: { name: string }) => m.name)));
}

const moduleCache = new WeakMap<Upstream, Promise<Set<string>>>();
function modulesOfCached(os: Upstream): Promise<Set<string>> {
  let found = moduleCache.get(os);
  if (!found) moduleCache.set(os, (found = modulesOf(os)));
  return found;
}

function logsMapping(has: Set<string>) {
  return {
    properties: {
      msg: { type: 'text' }, kw: { type: 'keyword' }, n: { type: 'long' }, location: { type: 'geo_point' },
      ...(has.has('percolator') ? { query: { type: 'percolator' } } : {}),
      ...(has.has('parent-join') ? { rel: { type: 'join', relations: { q: 'a' } } } : {}),
    },
  };
}

export async function createFixture(os: Upstream, n: Names): Promise<void> {
  const secretDoc = (i: number) => ({ msg: n.canary, kw: n.canary, secret_field: `${n.canary} item ${i}`, nested: { deep: n.canary }, n: i, [n.fieldCanary]: 'x' });
  for (const index of [n.secret, n.secret2]) {
    await must(os, 'PUT', `/${index}`, {
      settings: { number_of_shards: 1, number_of_replicas: 0 },
      mappings: { _meta: { owner: n.canary }, properties: { msg: { type: 'text' }, kw: { type: 'keyword' }, location: { type: 'geo_point' } } },
    });
    for (const id of ['c1', 'c2', '1']) await must(os, 'PUT', `/${index}/_doc/${id}`, secretDoc(id.length));
  }
  await must(os, 'PUT', `/${n.hidden}`, { settings: { index: { hidden: true, number_of_shards: 1, number_of_replicas: 0 } } });
  await must(os, 'PUT', `/${n.hidden}/_doc/c1`, secretDoc(9));
  await must(os, 'POST', '/_aliases', { actions: [{ add: { index: n.secret, alias: n.alias, filter: { term: { kw: n.canary } } } }] });
  await must(os, 'PUT', `/shapes/_doc/${n.shapeId}`, { shape: { type: 'envelope', coordinates: [[-180, 90], [180, -90]] }, location: { type: 'envelope', coordinates: [[-180, 90], [180, -90]] }, note: n.canary });
  await seedLogs(os, n);
  const has = await modulesOfCached(os);
  if (has.has('ingest-common')) {
    await must(os, 'PUT', `/_ingest/pipeline/${n.pipeline}`, { processors: [{ set: { field: '_index', value: n.secret } }] });
  }
  if (has.has('ingest-common') && has.has('lang-painless')) {
    await must(os, 'PUT', `/_ingest/pipeline/${n.scriptPipeline}`, { processors: [{ script: { source: `ctx._index = '${n.secret}'; ctx._id = 'c1'` } }] });
  }
  if (has.has('lang-mustache')) {
    await must(os, 'PUT', `/_scripts/${n.template}`, {
      script: { lang: 'mustache', source: { query: { terms: { msg: { index: n.secret, id: 'c1', path: 'msg' } } }, profile: true } },
    });
  }
  await must(os, 'POST', `/${n.secret},${n.secret2},${n.hidden},shapes/_refresh`);
}

/** (Re)creates the allowed indices the principals work on (they may delete or break them). */
export async function seedLogs(os: Upstream, n: Names): Promise<void> {
  for (const i of ['1', '2']) {
    const index = `${n.logs}${i}`;
    if ((await os('GET', `/${index}/_count`)).json?.count >= 3) continue;
    await os('DELETE', `/${index}`);
    const mappings = logsMapping(await modulesOfCached(os));
    await must(os, 'PUT', `/${index}`, { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings });
    await must(os, 'PUT', `/${index}/_doc/1`, { msg: 'hello world', kw: 'hello', n: 1, location: [5, 5] });
    await must(os, 'PUT', `/${index}/_doc/2`, { msg: 'another line', kw: 'other', n: 2 });
    await must(os, 'PUT', `/${index}/_doc/q1`, { query: { match: { msg: 'hello' } } });
    await must(os, 'POST', `/${index}/_refresh`);
  }
}

export async function removeFixture(os: Upstream, n: Names): Promise<void> {
  await os('DELETE', `/${n.tag}-*,.${n.tag}-*?expand_wildcards=all`);
  await os('DELETE', `/shapes/_doc/${n.shapeId}`);
  await os('DELETE', `/_ingest/pipeline/${n.tag}-*`);
  await os('DELETE', `/_scripts/${n.template}`);
}

export type Snapshot = Record<string, string>; // path → value (hashes for documents)

/** What must never change, flattened to comparable lines. */
export async function snapshot(os: Upstream, n: Names): Promise<Snapshot> {
  const out: Snapshot = {};
  await os('POST', `/${n.tag}-*,.${n.tag}-*,shapes/_refresh?expand_wildcards=all`); // writes must be visible to the searches below
  const meta = await must(os, 'GET', `/_cluster/state/metadata/${n.tag}-*,.${n.tag}-*?expand_wildcards=all&filter_path=metadata.indices`);
  const indices: Record<string, any> = meta?.metadata?.indices ?? {};
  const foreign = Object.keys(indices).filter((i) => !i.startsWith(n.logs)).sort();
  out['indices outside logs'] = foreign.join(',');
  for (const index of foreign) {
    const m = indices[index];
    const { creation_date: _c, uuid: _u, ...settings } = m.settings.index;
    out[`${index} metadata`] = JSON.stringify({ state: m.state, settings, mappings: m.mappings, aliases: m.aliases,
      versions: [m.mapping_version, m.settings_version, m.aliases_version] });
    if (m.state !== 'open') continue;
    const docs = await must(os, 'GET', `/${index}/_search?size=1000&version=true&seq_no_primary_term=true&expand_wildcards=all`); // keyed by _id below: no sort needed (Elasticsearch refuses sorting on _id by default)
    out[`${index} count`] = String(docs.hits.total.value);
    for (const h of docs.hits.hits) {
      out[`${index}/${h._id}`] = `v${h._version} seq${h._seq_no} term${h._primary_term} ${createHash('sha1').update(JSON.stringify(h._source)).digest('hex').slice(0, 12)}`;
    }
  }
  const aliases = await must(os, 'GET', `/_alias?expand_wildcards=all`);
  out['aliases onto secret'] = Object.entries<any>(aliases).filter(([i]) => foreign.includes(i))
    .map(([i, a]) => `${i}:${Object.keys(a.aliases).sort().join('+')}`).sort().join(',');
  const shape = await os('GET', `/shapes/_doc/${n.shapeId}`);
  out[`shapes/${n.shapeId}`] = `v${shape.json?._version} seq${shape.json?._seq_no}`;
  return out;
}

export function diff(before: Snapshot, after: Snapshot): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => before[k] !== after[k]).sort()
    .map((k) => `${k}: ${before[k] ?? '(absent)'} → ${after[k] ?? '(absent)'}`);
}

/** Deletes and re-creates the secret side after a run changed it, so later findings are attributed right. */
export async function resetFixture(os: Upstream, n: Names): Promise<void> {
  await removeFixture(os, n);
  await createFixture(os, n);
}
