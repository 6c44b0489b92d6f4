/**
 * Every forwarded API, compiled once: looked up by the matched route's method and path.
 */
import type { ApiGrammar } from './api.ts';
import type { ParamSpec } from './params.ts';
import { DOCUMENT_APIS } from './tables/documents.ts';
import { SEARCH_APIS } from './tables/search.ts';
import { INDICES_APIS } from './tables/indices.ts';
import { INDEX_ADMIN_APIS } from './tables/index-admin.ts';
import { TEMPLATE_APIS } from './tables/templates.ts';
import { CLUSTER_APIS } from './tables/cluster.ts';
import { CAT_APIS } from './tables/cat.ts';

export const APIS: readonly ApiGrammar[] = [...DOCUMENT_APIS, ...SEARCH_APIS, ...INDICES_APIS, ...INDEX_ADMIN_APIS, ...TEMPLATE_APIS, ...CLUSTER_APIS, ...CAT_APIS];

export interface CompiledApi {
  readonly name: string;
  readonly accepted: ReadonlySet<string>;
  readonly own: Readonly<Record<string, ParamSpec>> | undefined;
  /** Names of the path parameters of all the API's endpoints. */
  readonly pathParts: ReadonlySet<string>;
  readonly body: ApiGrammar['body'];
  readonly grammar: ApiGrammar;
}

const BY_ENDPOINT: ReadonlyMap<string, CompiledApi> = (() => {
  const m = new Map<string, CompiledApi>();
  for (const g of APIS) {
    const pathParts = new Set(g.endpoints.flatMap((e) => [...e.matchAll(/\{(\w+)\}/g)].map((x) => x[1])));
    const c: CompiledApi = { name: g.name, accepted: new Set((g.query ?? '').split(/\s+/).filter(Boolean)), own: g.params, pathParts, body: g.body, grammar: g };
    for (const e of g.endpoints) {
      const [methods, path] = e.split(' ');
      for (const method of methods.split(',')) {
        const key = `${method} ${path}`;
        if (m.has(key)) throw new Error(`grammar: endpoint [${key}] declared by [${m.get(key)!.name}] and [${g.name}]`);
        m.set(key, c);
      }
    }
  }
  return m;
})();

/** The API of a matched route (HEAD falls back to GET, as routes match). */
export function apiFor(method: string, routePath: string): CompiledApi | undefined {
  return BY_ENDPOINT.get(`${method} ${routePath}`) ?? (method === 'HEAD' ? BY_ENDPOINT.get(`GET ${routePath}`) : undefined);
}

export function declaredEndpoints(): readonly string[] {
  return [...BY_ENDPOINT.keys()];
}
