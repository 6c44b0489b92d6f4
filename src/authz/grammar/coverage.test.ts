/**
 * The grammar tables against the published specs of both clients: every API is declared or deliberately
 * refused, every spec query parameter of a declared API is declared (or is a path part, refused by rule),
 * and every route of the gateway has exactly one API.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { elasticsearchApis, openSearchApis, type SpecApi } from './client-specs.fixture.ts';
import { APIS, apiFor, declaredEndpoints } from './registry.ts';
import { REFUSED_APIS, refusalOf } from './refused-apis.ts';
import { COMMON_PARAMS, BODY_PARAMS } from './params.ts';
import { ROUTES } from '../resolve/routes.ts';

const SPECS = { elasticsearch: elasticsearchApis(), opensearch: openSearchApis() } as const;
const DECLARED = new Map(APIS.map((a) => [a.name, a]));

describe('grammar tables against the published API specs', () => {
  for (const [engine, specs] of Object.entries(SPECS)) {
    it(`${engine}: the client spec is read (sanity)`, () => {
      assert.ok(specs.length > 300, `only ${specs.length} APIs read from the ${engine} client`);
      assert.ok(specs.some((s) => s.name === 'search' && s.query.includes('typed_keys')));
    });

    it(`${engine}: every API is declared or deliberately refused`, () => {
      const neither = specs.filter((s) => !DECLARED.has(s.name) && !refusalOf(s.name)).map((s) => s.name);
      assert.deepEqual(neither, [], `APIs of ${engine} neither declared nor refused`);
    });

    it(`${engine}: every query parameter of a declared API is declared`, () => {
      const missing: string[] = [];
      for (const s of specs) {
        const g = DECLARED.get(s.name);
        if (!g) continue;
        const accepted = new Set([...(g.query ?? '').split(/\s+/), ...Object.keys(g.params ?? {}), ...Object.keys(COMMON_PARAMS), ...Object.keys(BODY_PARAMS)]);
        const parts = pathParts(g.endpoints, s);
        for (const q of s.query) if (!accepted.has(q) && !parts.has(q)) missing.push(`${s.name}?${q}`);
      }
      assert.deepEqual(missing, [], `spec query parameters of ${engine} not declared`);
    });
  }

  it('no API is both declared and refused; every refused name is an API of a spec', () => {
    const names = new Set([...SPECS.elasticsearch, ...SPECS.opensearch].map((s) => s.name));
    assert.deepEqual(APIS.filter((a) => refusalOf(a.name)).map((a) => a.name), []);
    const stale = REFUSED_APIS.flatMap((r) => r.apis.split(/\s+/)).filter((p) => (p.endsWith('.*') ? ![...names].some((n) => n.startsWith(p.slice(0, -1))) : !names.has(p)));
    assert.deepEqual(stale, [], 'refused names no spec publishes');
  });

  it('every declared API is published by a spec (by the engine it says)', () => {
    for (const g of APIS) {
      const inEs = SPECS.elasticsearch.some((s) => s.name === g.name);
      const inOs = SPECS.opensearch.some((s) => s.name === g.name);
      assert.ok(inEs || inOs, `${g.name} is in no spec`);
      if (g.engine === 'es') assert.ok(inEs && !inOs, `${g.name}: engine es`);
      if (g.engine === 'os') assert.ok(inOs && !inEs, `${g.name}: engine os`);
      if (g.engine === undefined) assert.ok(inEs && inOs, `${g.name} is published by one engine only: say which`);
    }
  });

  it('every route has exactly one API and every declared endpoint is a route', () => {
    const routeKeys = new Set<string>();
    for (const r of ROUTES) {
      for (const m of r.methods) {
        for (const method of m === 'GET' && r.methods.includes('HEAD') ? ['GET'] : [m]) {
          routeKeys.add(`${method} ${r.path}`);
          assert.ok(apiFor(method, r.path), `route ${method} ${r.path} has no API grammar`);
        }
      }
    }
    const unrouted = declaredEndpoints().filter((e) => !routeKeys.has(e) && !(e.startsWith('HEAD ') && routeKeys.has('GET ' + e.slice(5))));
    assert.deepEqual(unrouted, []);
  });
});

function pathParts(endpoints: readonly string[], s: SpecApi): Set<string> {
  return new Set([...endpoints.join(' ').matchAll(/\{(\w+)\}/g)].map((m) => m[1]).concat(s.pathParts));
}

export function counts(): Record<string, { declared: number; refused: number }> {
  return Object.fromEntries(Object.entries(SPECS).map(([e, l]) => [e, { declared: l.filter((s) => DECLARED.has(s.name)).length, refused: l.filter((s) => !DECLARED.has(s.name)).length }]));
}
