// Requests from the endpoint tables: request number i of a run depends only on (seed, i) and the tables,
// so any finding is replayed alone with `npm run fuzz -- --seed S --replay i`.

import type { Endpoint } from './endpoints.ts';
import { bodyValue, dangerousBody, everyObjectNamesSecret, ndjsonBody, pathValue, queryValue, rng, type Context, type Rng } from './mutations.ts';

export type CanaryRequest = {
  index: number;
  endpoint: Endpoint;
  method: string;
  path: string; // with query string
  body?: string;
  contentType?: string;
};

const NDJSON = /(^|\.)(bulk|msearch|msearch_template|msearchTemplate|msearch_template|fleet\.msearch|monitoring\.bulk)$/;
const BODYLESS = new Set(['GET', 'HEAD', 'DELETE']);

/** Endpoints that only ever answer about the cluster or the caller: sampled less (they rarely reach data). */
function weight(e: Endpoint): number {
  if (/search|termvectors|mget|get|reindex|update|delete_by|alias|rollover|clone|shrink|split|count|explain|validate|percolat|template|field_caps|rank_eval|source|exists|bulk|index|create/i.test(e.name)) return 4;
  return 1;
}

/** A fixed, seeded sample of endpoints (each may be picked several times), heavier on data endpoints. */
export function sampleEndpoints(endpoints: Endpoint[], seed: number, count: number): Endpoint[] {
  const r = rng(seed ^ 0x5eed);
  const pool = endpoints.flatMap((e) => Array<Endpoint>(weight(e)).fill(e));
  return Array.from({ length: count }, () => r.pick(pool));
}

export function generate(endpoint: Endpoint, seed: number, index: number, ctx: Context): CanaryRequest {
  const r = rng(Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
  let path = endpoint.template;
  for (const part of endpoint.parts) path = path.replace(`{${part}}`, pathValue(part, r, ctx));
  const query = pickQuery(endpoint, r, ctx);
  const full = query.length ? `${path}?${query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : path;
  const req: CanaryRequest = { index, endpoint, method: endpoint.method, path: full };
  if (NDJSON.test(endpoint.name)) {
    req.body = ndjsonBody(endpoint.name, r, ctx);
    req.contentType = 'application/x-ndjson';
  } else if (!BODYLESS.has(endpoint.method) || r.chance(0.1)) {
    req.body = JSON.stringify(makeBody(endpoint, r, ctx));
  }
  return req;
}

function pickQuery(endpoint: Endpoint, r: Rng, ctx: Context): [string, string][] {
  const out: [string, string][] = [];
  const dangerous = endpoint.query.filter((q) => /^(index|source|pipeline|q|ids|routing|expand_wildcards|script|stored_fields|_source_includes|df|fields)$/.test(q));
  if (dangerous.length && r.chance(0.7)) out.push([r.pick(dangerous), '']);
  const count = Math.floor(r.next() * 3);
  for (let i = 0; i < count && endpoint.query.length; i++) out.push([r.pick(endpoint.query), '']);
  const seen = new Set<string>();
  const chosen = out.filter(([k]) => !seen.has(k) && (seen.add(k), true)).map(([k]): [string, string] => [k, queryValue(k, r, ctx)]);
  return seen.has('source') && !seen.has('source_content_type') ? [...chosen, ['source_content_type', 'application/json']] : chosen;
}

function makeBody(endpoint: Endpoint, r: Rng, ctx: Context): unknown {
  let body: unknown;
  if (endpoint.body.length && r.chance(0.8)) {
    const fields = new Set<string>();
    const wanted = 1 + Math.floor(r.next() * 3);
    const dangerousFirst = endpoint.body.filter((b) => /query|script|source|dest|index|alias|docs|settings|runtime|requests|aggs|retriever|rescore/.test(b));
    if (dangerousFirst.length) fields.add(r.pick(dangerousFirst));
    while (fields.size < Math.min(wanted, endpoint.body.length)) fields.add(r.pick(endpoint.body));
    body = Object.fromEntries([...fields].map((f) => [f, bodyValue(f, r, ctx)]));
  } else {
    body = dangerousBody(r, ctx);
  }
  if (r.chance(0.25)) body = everyObjectNamesSecret(body, ctx, r.pick(['_index', 'index'] as const));
  return body;
}
