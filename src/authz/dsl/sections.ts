/** The typed sections of a search: sort, highlight, collapse, inner hits, rescore, knn, suggest, retrievers. */
import { isObject } from '../resolve/context.ts';
import { Role, type Roles } from './roles.ts';
import { HIT_SECTIONS } from './agg-types.ts';
import { SUGGESTERS, RETRIEVERS, RESCORERS, KNN_SECTION, type TypeSpec } from './search-types.ts';
import { parsingError, refusedConstruct } from './errors.ts';
import { deeper, type WalkState } from './state.ts';
import { walkParams, eachOf } from './dispatch.ts';
import { walkQuery } from './queries.ts';

/** `sort`: a field name, `{ field: order | { order, nested, … } }`, `_script`, `_geo_distance`, or an array. */
export function walkSort(v: unknown, s: WalkState, at: string): void {
  eachOf(v, at, (item, here) => {
    if (typeof item === 'string' || !isObject(item)) return;
    for (const k in item) {
      const spec = item[k];
      if (!isObject(spec)) continue;
      if (k === '_script') walkParams(spec, { script: Role.script }, s, `${here}._script`);
      walkNestedSort(spec, s, `${here}.${k}`);
    }
  });
}

/** `nested: { path, filter, nested }` and the legacy `nested_filter`. */
function walkNestedSort(spec: Record<string, unknown>, s: WalkState, at: string): void {
  if (spec.nested_filter != null) walkQuery(spec.nested_filter, s, `${at}.nested_filter`);
  const nested = spec.nested;
  if (nested == null) return;
  if (!isObject(nested)) throw parsingError('[nested] sort must be an object');
  deeper(s, () => {
    if (nested.filter != null) walkQuery(nested.filter, s, `${at}.nested.filter`);
    walkNestedSort(nested, s, `${at}.nested`);
  });
}

/** `highlight`: `highlight_query` at the top and in each field (fields: an object or an array of one-key objects). */
export function walkHighlight(v: unknown, s: WalkState, at: string): void {
  walkParams(v, { highlight_query: Role.query }, s, at, 'highlight');
  const fields = (v as Record<string, unknown>).fields;
  if (fields == null) return;
  eachOf(fields, `${at}.fields`, (entry, here) => {
    if (!isObject(entry)) throw parsingError('[highlight] [fields] must be an object or an array of objects');
    for (const name in entry) {
      if (isObject(entry[name])) walkParams(entry[name], { highlight_query: Role.query }, s, `${here}.${name}`);
    }
  });
}

/** `collapse`: `{ field, inner_hits, collapse }`. */
export function walkCollapse(v: unknown, s: WalkState, at: string): void {
  walkParams(v, { inner_hits: Role.innerHits, collapse: Role.collapse }, s, at, 'collapse');
}

/** Inner hits (or an array of them): the hit sections. */
export function walkInnerHits(v: unknown, s: WalkState, at: string): void {
  eachOf(v, at, (ih, here) => walkParams(ih, HIT_SECTIONS, s, here, 'inner_hits'));
}

/** `rescore`: `{ window_size, <rescorer>: { … } }` or an array of them. */
export function walkRescore(v: unknown, s: WalkState, at: string): void {
  eachOf(v, at, (r, here) => {
    if (!isObject(r)) throw parsingError('[rescore] must be an object');
    for (const k in r) {
      if (k === 'window_size') continue;
      const spec = typed(RESCORERS, k, () => parsingError(`rescore doesn't support rescorer with name [${k}]`));
      walkTyped(spec, r[k], s, `${here}.${k}`, k);
    }
  });
}

/** The top-level `knn` (Elasticsearch): an object or an array. */
export function walkKnnSection(v: unknown, s: WalkState, at: string): void {
  eachOf(v, at, (k, here) => walkParams(k, KNN_SECTION, s, here, 'knn'));
}

const SUGGESTION_TEXT = new Set(['text', 'prefix', 'regex']);

/** `suggest`: `{ text, <name>: { text | prefix | regex, <suggester>: { … } } }`. */
export function walkSuggest(v: unknown, s: WalkState, at: string): void {
  if (!isObject(v)) throw parsingError('[suggest] must be an object');
  for (const name in v) {
    const entry = v[name];
    if (name === 'text' && typeof entry === 'string') continue;
    if (!isObject(entry)) throw parsingError(`suggestion [${name}] must be an object`);
    let seen = false;
    for (const k in entry) {
      if (SUGGESTION_TEXT.has(k)) continue;
      if (seen) throw parsingError(`suggestion [${name}] names more than one suggester`);
      seen = true;
      const spec = typed(SUGGESTERS, k, () => parsingError(`suggester [${k}] not supported`));
      const here = `${at}.${name}.${k}`;
      if (k === 'phrase' && isObject(entry[k]) && entry[k].collate !== undefined) {
        throw refusedConstruct('a phrase suggester [collate] runs a search template per suggestion, which the gateway cannot authorize', here);
      }
      walkTyped(spec, entry[k], s, here, k);
    }
    if (!seen) throw parsingError(`suggestion [${name}] does not name a suggester`);
  }
}

/** A retriever container: `{ "<type>": { … } }`. */
export function walkRetriever(v: unknown, s: WalkState, at: string): void {
  if (!isObject(v)) throw parsingError('[retriever] must be an object');
  const keys = Object.keys(v);
  if (keys.length !== 1) throw parsingError(`retriever malformed, expected exactly one retriever, found [${keys.join(', ')}]`);
  const type = keys[0];
  const spec = typed(RETRIEVERS, type, () => parsingError(`unknown retriever [${type}]`));
  deeper(s, () => walkTyped(spec, v[type], s, `${at}.${type}`, type));
}

/** `rrf.retrievers` (retrievers) and `linear.retrievers` (`{ retriever, weight, normalizer }` or retrievers). */
export function walkRetrievers(v: unknown, s: WalkState, at: string): void {
  if (!Array.isArray(v)) throw parsingError('[retrievers] must be an array');
  v.forEach((r, i) => {
    const here = `${at}[${i}]`;
    if (isObject(r) && isObject(r.retriever) && !Object.hasOwn(RETRIEVERS, 'retriever')) walkRetriever(r.retriever, s, `${here}.retriever`);
    else walkRetriever(r, s, here);
  });
}

function typed(table: Readonly<Record<string, TypeSpec>>, name: string, unknown: () => Error): TypeSpec {
  const spec = Object.hasOwn(table, name) ? table[name] : undefined;
  if (!spec) throw unknown();
  return spec;
}

function walkTyped(spec: TypeSpec, v: unknown, s: WalkState, at: string, what: string): void {
  walkParams(v, spec.params as Roles, s, at, what);
}

