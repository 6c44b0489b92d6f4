// The DSL table against the official clients' specs of both engines: every type either engine knows is in the
// table (and nothing else is), with the engines that know it; and every field whose type can hold a query, a
// script, hits or a document reference has a role in the table (so no inert field can hide one).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { readDeclarations, clientFiles, type Declarations } from './client-specs.ts';
import { QUERY_TYPES } from './query-types.ts';
import { AGG_TYPES, HIT_SECTIONS } from './agg-types.ts';
import { SEARCH_BODY_FIELDS, RETRIEVERS, RESCORERS, SUGGESTERS, RUNTIME_FIELD_TYPES, KNN_SECTION } from './search-types.ts';
import { Role, Engines, type Roles } from './roles.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const files = clientFiles(ROOT);
const es = readDeclarations(files.es);
const os = readDeclarations(files.os);
const names = (d: Declarations, type: string) => d.members(type).map((m) => m.name);
const esSearchBody = (): string[] => {
  const require = createRequire(import.meta.url);
  const src = require('node:fs').readFileSync(path.join(ROOT, 'node_modules/@elastic/elasticsearch/lib/api/api/search.js'), 'utf8') as string;
  const m = /search: \{\s*path: \[[^\]]*\],\s*body: \[([^\]]*)\]/.exec(src);
  assert.ok(m, 'the ES client lists the search body fields');
  return [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]);
};
/** OpenSearch's AggregationContainer is a union: its inline keys and the keys of the types it names. */
const osAggNames = (): string[] => {
  const text = os.alias('AggregationContainer') ?? '';
  const inline = [...text.matchAll(/^ {2}([a-z_]+)\??:/gm)].map((m) => m[1]);
  const named = [...text.matchAll(/(?:\(|\| )([A-Z][A-Za-z]+Aggregation)\b/g)].flatMap((m) => names(os, m[1]));
  return [...new Set([...inline, ...named])].filter((n) => !['meta', 'aggs', 'aggregations'].includes(n));
};

/** OpenSearch aggregation name → its type text (inline union members and the named types' members). */
const osAggTypes = (): Map<string, string> => {
  const text = os.alias('AggregationContainer') ?? '';
  const out = new Map<string, string>();
  for (const m of text.matchAll(/^ {2}([a-z_]+)\??: ([A-Za-z0-9_.]+);/gm)) out.set(m[1], m[2]);
  for (const m of text.matchAll(/(?:\(|\| )([A-Z][A-Za-z]+Aggregation)\b/g)) {
    for (const member of os.members(m[1])) if (!['aggs', 'aggregations', 'meta'].includes(member.name)) out.set(member.name, member.type.replace(/;$/, ''));
  }
  return out;
};

/** The table names exactly the union of both specs, each with the engines that list it. */
function sameTypes(what: string, table: Readonly<Record<string, { engines: Engines } | Engines>>, esNames: string[], osNames: string[], extra: Record<string, string> = {}): void {
  const inEs = new Set(esNames);
  const inOs = new Set(osNames);
  for (const n of new Set([...esNames, ...osNames])) assert.ok(Object.hasOwn(table, n), `${what} [${n}] is in a client spec but not in the table`);
  for (const [n, spec] of Object.entries(table)) {
    if (Object.hasOwn(extra, n)) continue;
    const engines = typeof spec === 'string' ? spec : spec.engines;
    const expected = inEs.has(n) && inOs.has(n) ? Engines.both : inEs.has(n) ? Engines.es : inOs.has(n) ? Engines.os : null;
    assert.equal(engines, expected, `${what} [${n}]: table says ${engines}, the specs say ${expected ?? 'neither'}`);
  }
}

const DANGER = /QueryContainer|Lookup|^(Common\.)?Script$|ScriptField|InnerHits|LikeDocument|^(Common_QueryDsl\.)?Like$|PinnedDoc|TermsLookup|FieldLookup|RetrieverContainer|^Rescore$|SearchRescore|Sort(Options|Combinations)?$|Highlight$|FieldCollapse|RuntimeField$/;

/** Whether a member type can hold a query, a script, hits or a document reference (through any type it uses). */
function dangerous(d: Declarations, typeText: string, seen = new Set<string>()): boolean {
  for (const id of typeText.match(/[A-Z][A-Za-z0-9_.]*/g) ?? []) {
    const bare = id.replace(/^.*\./, '');
    if (DANGER.test(id) || DANGER.test(bare)) return true;
    if (seen.has(bare)) continue;
    seen.add(bare);
    const alias = d.alias(bare);
    if (d.members(bare).some((m) => dangerous(d, m.type, seen)) || (alias !== undefined && dangerous(d, alias, seen))) return true;
  }
  return false;
}

/** Every dangerous member of `type` has a non-inert role. */
function rolesCover(d: Declarations, what: string, type: string, roles: Roles, exempt: readonly string[] = []): void {
  for (const m of d.members(type)) {
    if (exempt.includes(m.name) || !dangerous(d, m.type)) continue;
    const role = roles[m.name];
    assert.ok(role !== undefined && role !== Role.inert, `${what}: [${m.name}] (${m.type}) can hold a query, script or document reference but has no role`);
  }
}

/** The container member's type name (`bool?: QueryDslBoolQuery` → QueryDslBoolQuery), when it is a plain name. */
function memberType(d: Declarations, container: string, name: string): string | null {
  const t = d.members(container).find((m) => m.name === name)?.type.replace(/;$/, '').trim() ?? '';
  return /^[A-Za-z0-9_.]+$/.test(t) ? t : null;
}

describe('DSL table against the clients of Elasticsearch 9 and OpenSearch', () => {
  const esQueries = names(es, 'QueryDslQueryContainerExclusiveProps');
  const osQueries = names(os, 'QueryContainer');

  it('every query type of both engines, and no other', () => {
    assert.ok(esQueries.length > 50 && osQueries.length > 50, 'the specs were read');
    sameTypes('query', QUERY_TYPES, esQueries, osQueries);
  });

  it('every aggregation type of both engines, and no other', () => {
    const esAggs = names(es, 'AggregationsAggregationContainerExclusiveProps');
    assert.ok(esAggs.length > 70);
    sameTypes('aggregation', AGG_TYPES, esAggs, osAggNames());
  });

  it('every retriever, rescorer, suggester and runtime field type', () => {
    sameTypes('retriever', RETRIEVERS, names(es, 'RetrieverContainerExclusiveProps'), []);
    sameTypes('rescorer', RESCORERS, names(es, 'SearchRescoreExclusiveProps'), names(os, 'Rescore').filter((n) => n !== 'window_size'));
    const textKeys = ['text', 'prefix', 'regex'];
    sameTypes('suggester', SUGGESTERS, names(es, 'SearchFieldSuggesterExclusiveProps'), names(os, 'FieldSuggester').filter((n) => !textKeys.includes(n)));
    const runtime = (es.alias('MappingRuntimeFieldType') ?? '').match(/'([a-z_]+)'/g)?.map((s) => s.slice(1, -1)) ?? [];
    assert.ok(runtime.includes('lookup'));
    sameTypes('runtime field type', RUNTIME_FIELD_TYPES, runtime, []);
  });

  it('every top-level field of a search body of both engines', () => {
    // `project_routing` (ES cross-project search) is refused in the table; both are listed by the specs.
    sameTypes('search body field', SEARCH_BODY_FIELDS, esSearchBody(), names(os, 'Search_RequestBody').length ? names(os, 'Search_RequestBody') : osSearchBody());
  });

  it('query fields that can hold a query, script or document reference all have a role', () => {
    for (const [name, spec] of Object.entries(QUERY_TYPES)) {
      if (spec.form === 'field' || spec.form === 'percolate' || spec.refuse) continue; // field values and percolate are walked by kind
      for (const [d, container] of [[es, 'QueryDslQueryContainerExclusiveProps'], [os, 'QueryContainer']] as const) {
        const type = memberType(d, container, name);
        if (type) rolesCover(d, `query [${name}] (${type})`, type, spec.params ?? {});
      }
    }
  });

  it('leaf queries hold nothing but inert values (their per-field bodies included)', () => {
    for (const [name, spec] of Object.entries(QUERY_TYPES)) {
      if (spec.form !== 'leaf' || spec.refuse) continue;
      for (const [d, container] of [[es, 'QueryDslQueryContainerExclusiveProps'], [os, 'QueryContainer']] as const) {
        const type = d.members(container).find((m) => m.name === name)?.type;
        if (type) assert.ok(!dangerous(d, type), `leaf query [${name}] (${type}) can hold a query, script or document reference`);
      }
    }
  });

  it('aggregation fields that can hold a query, script or hits all have a role', () => {
    for (const [name, spec] of Object.entries(AGG_TYPES)) {
      if (spec.bodyIsQuery) continue;
      const roles = { script: Role.script, ...spec.params };
      const esType = memberType(es, 'AggregationsAggregationContainerExclusiveProps', name);
      // geo_line `sort` is `{ field }` (the point order), not a search sort.
      if (esType) rolesCover(es, `aggregation [${name}] (${esType})`, esType, roles, name === 'geo_line' || name === 'line' ? ['sort'] : []);
      const osType = osAggTypes().get(name);
      if (osType && /^[A-Za-z0-9_.]+$/.test(osType)) rolesCover(os, `aggregation [${name}] (${osType})`, osType, roles);
    }
  });

  it('retriever, rescorer, knn and hit-section fields all have a role', () => {
    for (const [name, spec] of Object.entries(RETRIEVERS)) {
      const type = memberType(es, 'RetrieverContainerExclusiveProps', name);
      if (type) rolesCover(es, `retriever [${name}] (${type})`, type, spec.params);
    }
    rolesCover(es, 'rescore query', 'SearchRescoreQuery', RESCORERS.query.params);
    rolesCover(es, 'knn section', 'KnnSearch', KNN_SECTION);
    rolesCover(es, 'inner hits', 'SearchInnerHits', HIT_SECTIONS);
    rolesCover(os, 'inner hits', 'InnerHits', HIT_SECTIONS);
  });
});

function osSearchBody(): string[] {
  const d = readDeclarations([path.join(ROOT, 'node_modules/@opensearch-project/opensearch/api/_core/search.d.ts')]);
  return names(d, 'Search_RequestBody');
}
