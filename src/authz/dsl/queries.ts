/** Queries: the container, field-keyed values, `wrapper`, and the constructs that read other documents. */
import { isObject } from '../resolve/context.ts';
import { parseStrictJson } from '../resolve/strict-json.ts';
import { Role, LookupAction } from './roles.ts';
import { QUERY_TYPES, FieldValue, type QuerySpec } from './query-types.ts';
import { parsingError, illegalDsl, refusedConstruct } from './errors.ts';
import { Limits, deeper, type WalkState } from './state.ts';
import { walkParams, eachOf } from './dispatch.ts';
import { walkDeepScripts, walkScript } from './fields.ts';

/** One query container: `{ "<type>": { … } }`. */
export function walkQuery(v: unknown, s: WalkState, at: string): void {
  if (!isObject(v)) throw parsingError(`[_na] query malformed, must start with start_object`);
  const keys = Object.keys(v);
  if (keys.length === 0) throw parsingError('query malformed, empty clause found');
  if (keys.length > 1) throw parsingError(`[${keys[0]}] malformed query, expected [END_OBJECT] but found [FIELD_NAME]`);
  const type = keys[0];
  const spec = Object.hasOwn(QUERY_TYPES, type) ? QUERY_TYPES[type] : undefined;
  if (!spec) throw parsingError(`unknown query [${type}]`);
  const body = v[type];
  if (!isObject(body)) throw parsingError(`[${type}] query malformed, no start_object after query name`);
  if (++s.queryDepth > Limits.queryDepth) {
    throw illegalDsl('The nested depth of the query exceeds the maximum nested depth for queries set in [indices.query.bool.max_nested_depth]');
  }
  try {
    walkQueryBody(type, spec, body, s, `${at}.${type}`);
  } finally {
    s.queryDepth--;
  }
}

function walkQueryBody(type: string, spec: QuerySpec, body: Record<string, unknown>, s: WalkState, at: string): void {
  if (spec.refuse) throw refusedConstruct(spec.refuse, at);
  switch (spec.form) {
    case 'leaf':
      return;
    case 'object':
      return walkParams(body, spec.params ?? {}, s, at, type);
    case 'field':
      return walkFieldKeyed(spec.value!, body, s, at);
    case 'knn':
      // Elasticsearch: `{ field, query_vector, k, filter }`; OpenSearch k-NN: `{ "<field>": { vector, k, filter } }`.
      if (typeof body.field === 'string') return walkParams(body, spec.params ?? {}, s, at, type);
      return walkFieldKeyed(FieldValue.vector, body, s, at);
    case 'percolate':
      return walkPercolate(body, s, at);
  }
}

/** Field-keyed queries: every object-valued key is a field's value (parameters such as `boost` are scalars). */
function walkFieldKeyed(kind: FieldValue, body: Record<string, unknown>, s: WalkState, at: string): void {
  for (const k in body) {
    const v = body[k];
    if (!isObject(v)) continue;
    const here = `${at}.${k}`;
    switch (kind) {
      case FieldValue.terms:
        walkTermsLookup(v, s, here);
        break;
      case FieldValue.shape:
        if (v.indexed_shape !== undefined) walkIndexedShape(v.indexed_shape, s, `${here}.indexed_shape`);
        break;
      case FieldValue.termsSet:
        if (v.minimum_should_match_script != null) walkScript(v.minimum_should_match_script, s, `${here}.minimum_should_match_script`);
        break;
      case FieldValue.intervals:
        walkDeepScripts(v, s, here);
        break;
      case FieldValue.vector:
        walkParams(v, { filter: Role.queries }, s, here);
        break;
    }
  }
}

/** A terms lookup: `{ index, id, path, routing }` (OpenSearch also `{ index, query, path }`): read from `index`. */
function walkTermsLookup(v: Record<string, unknown>, s: WalkState, at: string): void {
  if (typeof v.index !== 'string' || v.index === '') throw parsingError('[terms] query lookup element requires specifying the index.');
  if (v.query !== undefined) {
    s.f.lookups.push({ index: v.index, action: LookupAction.search });
    walkQuery(v.query, s, `${at}.query`);
  } else {
    s.f.lookups.push({ index: v.index, action: LookupAction.get });
  }
}

/** `indexed_shape`: a document of `index`, which defaults to `shapes` (ES and OpenSearch). */
function walkIndexedShape(v: unknown, s: WalkState, at: string): void {
  if (!isObject(v)) throw parsingError('[indexed_shape] must be an object');
  const index = v.index ?? 'shapes';
  if (typeof index !== 'string' || index === '') throw parsingError('[indexed_shape] index must be a string');
  s.f.lookups.push({ index, action: LookupAction.get });
}

/** percolate by reference reads the document `index`/`id`; the inline `document(s)` are data. */
function walkPercolate(body: Record<string, unknown>, s: WalkState, at: string): void {
  if (body.id === undefined && body.index === undefined) return;
  if (typeof body.index !== 'string' || body.index === '') throw illegalDsl(`[percolate] query: [index] must be set when [id] is set (at [${at}])`);
  s.f.lookups.push({ index: body.index, action: LookupAction.get });
}

/** A query or an array of queries. */
export function walkQueries(v: unknown, s: WalkState, at: string): void {
  eachOf(v, at, (q, here) => walkQuery(q, s, here));
}

/** name → query, or an array of queries. */
export function walkNamedQueries(v: unknown, s: WalkState, at: string): void {
  if (Array.isArray(v)) return walkQueries(v, s, at);
  if (!isObject(v)) throw parsingError(`[filters] expected an object or an array`);
  for (const k in v) walkQuery(v[k], s, `${at}.${k}`);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** `wrapper`: a base64 JSON query, decoded (strictly: what is decoded here is what ES decodes) and walked. */
export function walkWrapper(v: unknown, s: WalkState, at: string): void {
  if (typeof v !== 'string' || v === '') throw parsingError('[wrapper] query is malformed: [query] must be a base64 string');
  if (!BASE64.test(v)) throw parsingError('[wrapper] query is malformed: [query] is not strict base64');
  const bytes = Buffer.from(v, 'base64');
  s.wrapperBytes += bytes.length;
  if (s.wrapperBytes > Limits.wrapperBytes) throw illegalDsl(`[wrapper] queries decode to more than ${Limits.wrapperBytes} bytes`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw parsingError('[wrapper] query is not valid UTF-8');
  }
  // ES detects the content type of the bytes (JSON, YAML, SMILE, CBOR): only an object in JSON is walked.
  if (!text.startsWith('{')) throw parsingError('[wrapper] query must be a JSON object');
  if (++s.wrapperDepth > Limits.wrapperDepth) throw illegalDsl(`[wrapper] queries nest deeper than ${Limits.wrapperDepth}`);
  try {
    walkQuery(parseStrictJson(text), s, `${at}<decoded>`);
  } finally {
    s.wrapperDepth--;
  }
}

/** more_like_this `like` / `unlike`: texts, or documents (`_index` other than the searched one: a read of it). */
export function walkLike(v: unknown, s: WalkState, at: string): void {
  eachOf(v, at, (item, here) => {
    if (typeof item === 'string' || !isObject(item)) return;
    if (item._index === undefined) return;
    if (typeof item._index !== 'string' || item._index === '') throw parsingError(`[more_like_this] [_index] must be a string (at [${here}])`);
    s.f.lookups.push({ index: item._index, action: LookupAction.mtv });
  });
}

/** `[{ _index, _id }]`: the gateway asks for a read of each index named. */
export function walkPinnedDocs(v: unknown, s: WalkState, at: string, action: string): void {
  eachOf(v, at, (doc, here) => {
    if (!isObject(doc)) throw parsingError(`[docs] expected objects (at [${here}])`);
    if (doc._index === undefined) return;
    if (typeof doc._index !== 'string' || doc._index === '') throw parsingError(`[docs] [_index] must be a string (at [${here}])`);
    s.f.lookups.push({ index: doc._index, action });
  });
}

/** function_score `functions`: `[{ filter, weight, script_score: { script }, … }]`. */
export function walkScoreFunctions(v: unknown, s: WalkState, at: string): void {
  if (!Array.isArray(v)) throw parsingError('[function_score] [functions] must be an array');
  deeper(s, () => v.forEach((fn, i) => walkParams(fn, { filter: Role.query, script_score: Role.scriptScore }, s, `${at}[${i}]`, 'functions')));
}


/** knn `query_vector_builder`: `lookup` reads the vector from a document of `index`; the others call a model. */
export function walkVectorBuilder(v: unknown, s: WalkState, at: string): void {
  if (!isObject(v)) throw parsingError('[query_vector_builder] must be an object');
  const lookup = v.lookup;
  if (lookup === undefined || lookup === null) return;
  if (!isObject(lookup) || typeof lookup.index !== 'string' || lookup.index === '') throw parsingError(`[query_vector_builder] [lookup] requires an [index] (at [${at}])`);
  s.f.lookups.push({ index: lookup.index, action: LookupAction.get });
}
