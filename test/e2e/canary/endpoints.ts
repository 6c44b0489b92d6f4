// The endpoint tables of the canary suite, read from the official clients (nothing hand-listed):
// every API function is called with a recording transport and a params object that answers a placeholder
// for each path part it reads, so the client itself builds each of its URLs. Accepted query and body
// names come from the client's own tables (@elastic/elasticsearch: acceptedParams; OpenSearch: the
// `X_Request` type of the API's .d.ts). Another source (e.g. the gateway's grammar tables) only has to
// produce the same Endpoint shape: see `EndpointSource`.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type Endpoint = {
  engine: 'es' | 'os' | string; // which table it came from
  name: string; // e.g. `indices.put_alias`
  method: string;
  template: string; // '/{index}/_alias/{name}': parts in braces
  parts: string[];
  query: string[]; // accepted query parameter names
  body: string[]; // accepted top-level body field names (empty when unknown)
};

export type EndpointSource = () => Endpoint[];

const ROOT = path.resolve(import.meta.dirname, '../../..');
const require = createRequire(path.join(ROOT, 'package.json'));
const mark = (part: string) => `__P_${part}__`;
const unmark = (p: string) => p.replace(/__P_(\w+?)__/g, '{$1}');

type Recorded = { method: string; path: string; meta?: { acceptedParams?: { path: string[]; body: string[]; query: string[] } } };

/** Calls `fn` once per subset of path parts (and with/without a body); returns the distinct requests. */
function explore(fn: (params: object) => unknown, self: (t: object) => object): { calls: Recorded[]; parts: Set<string> } {
  const calls: Recorded[] = [];
  const parts = new Set<string>();
  const transport = { request: (r: Recorded) => { calls.push(r); return Promise.resolve({}); } };
  const attempt = (omit: Set<string>, withBody: boolean) => {
    const params = new Proxy({}, {
      get: (_t, key) => {
        if (typeof key !== 'string') return undefined;
        if (key === 'body') return withBody ? { probe: 1 } : undefined;
        if (key === 'querystring' || omit.has(key) || key === 'then') return undefined;
        parts.add(key);
        return mark(key);
      },
    });
    try {
      const r = fn.call(self(transport), params) as Promise<unknown> | undefined;
      if (r && typeof (r as Promise<unknown>).catch === 'function') (r as Promise<unknown>).catch(() => {});
    } catch { /* a missing required part */ }
  };
  attempt(new Set(), true);
  attempt(new Set(), false);
  const names = [...parts].filter((p) => calls.some((c) => typeof c.path === "string" && c.path.includes(mark(p))));
  for (let mask = 1; mask < 1 << Math.min(names.length, 5); mask++) {
    const omit = new Set(names.filter((_, i) => mask & (1 << i)));
    attempt(omit, true);
    attempt(omit, false);
  }
  return { calls, parts: new Set(names) };
}

function toEndpoints(engine: string, name: string, calls: Recorded[], query: string[], body: string[]): Endpoint[] {
  const seen = new Map<string, Endpoint>();
  for (const c of calls) {
    if (typeof c.path !== "string" || /undefined|null/.test(c.path)) continue;
    const template = unmark(c.path);
    const key = `${c.method} ${template}`;
    if (seen.has(key)) continue;
    const parts = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const accepted = c.meta?.acceptedParams;
    seen.set(key, { engine, name, method: c.method || 'GET', template, parts, query: accepted?.query ?? query, body: accepted?.body ?? body });
  }
  return [...seen.values()];
}

/** @elastic/elasticsearch: lib/api/api/*.js (functions and namespace classes). */
export const elasticsearchEndpoints: EndpointSource = () => {
  const dir = path.join(path.dirname(require.resolve('@elastic/elasticsearch/package.json')), 'lib/api/api');
  const out: Endpoint[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.js')).sort()) {
    const exported = require(path.join(dir, file)).default;
    if (typeof exported !== 'function') continue;
    const isClass = /^class\b/.test(Function.prototype.toString.call(exported));
    const base = file.replace(/\.js$/, '');
    if (!isClass) {
      const { calls } = explore(exported, (transport) => ({ transport }));
      out.push(...toEndpoints('es', base, calls, [], []));
      continue;
    }
    for (const method of Object.getOwnPropertyNames(exported.prototype)) {
      if (method === 'constructor') continue;
      const { calls } = explore(exported.prototype[method], (transport) => new exported(transport));
      out.push(...toEndpoints('es', `${base}.${method}`, calls, [], []));
    }
  }
  return out;
};

/** @opensearch-project/opensearch: api/<namespace>/<api>.js, query names from the API's X_Request type. */
export const opensearchEndpoints: EndpointSource = () => {
  const dir = path.join(path.dirname(require.resolve('@opensearch-project/opensearch/package.json')), 'api');
  const out: Endpoint[] = [];
  for (const ns of fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('_types')).map((d) => d.name).sort()) {
    for (const file of fs.readdirSync(path.join(dir, ns)).filter((f) => f.endsWith('.js') && !f.startsWith('_')).sort()) {
      const fn = require(path.join(dir, ns, file));
      if (typeof fn !== 'function') continue;
      const { calls, parts } = explore(fn, (transport) => ({ transport }));
      const dts = path.join(dir, ns, file.replace(/\.js$/, '.d.ts'));
      const fields = fs.existsSync(dts) ? requestFields(fs.readFileSync(dts, 'utf8')) : [];
      const query = ['error_trace', 'filter_path', 'human', 'pretty', 'source', ...fields.filter((f) => f !== 'body' && !parts.has(f))];
      const name = `${ns === '_core' ? '' : `${ns}.`}${file.replace(/\.js$/, '')}`;
      out.push(...toEndpoints('os', name, calls, query, []));
    }
  }
  return out;
};

function requestFields(dts: string): string[] {
  const m = /export interface \w+_Request extends Global\.Params \{\n([\s\S]*?)\n\}/.exec(dts);
  return m ? [...m[1].matchAll(/^ {2}'?(\w+)'?\??:/gm)].map((x) => x[1]) : [];
}

/** Every endpoint of every source, one entry per (engine, method, template). */
export function allEndpoints(sources: EndpointSource[] = [elasticsearchEndpoints, opensearchEndpoints]): Endpoint[] {
  return sources.flatMap((s) => s());
}
