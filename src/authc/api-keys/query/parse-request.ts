import { EsError, illegalArgument, validationError } from '../../../core/errors.ts';
import type { Aggregation, Aggregations, ApiKeyQuery, SortKey, Value } from '../../../store/api-key-query.ts';
import { API_KEY_FIELDS, fieldKind } from '../../../store/api-key-query.ts';
import { fieldParseError, unknownFieldError, valueTypeError } from '../../../api/body.ts';
import { checkField, fieldValue } from '../../query/field-values.ts';
import { parseQuery } from '../../query/parse-query.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const MAX_RESULT_WINDOW = 10_000;
const FIELDS = ['query', 'from', 'size', 'sort', 'search_after', 'aggs', 'aggregations'];
const PARSER = 'query_api_key_request_payload';

/** The body of `_query/api_key` (query, from, size, sort, search_after, aggs) to a backend-neutral query. */
export function parseQueryRequest(body: unknown, now: number): ApiKeyQuery {
  const o: Json = body === undefined ? {} : isObject(body) ? body : {};
  if (body !== undefined && !isObject(body)) throw new EsError('parse', 'request body must be an object');
  for (const k of Object.keys(o)) if (!FIELDS.includes(k)) throw unknownFieldError(PARSER, o, k, FIELDS);
  const from = count(o, 'from', 0);
  const size = count(o, 'size', 10);
  const negative = (['from', 'size'] as const).flatMap((f) => ((f === 'from' ? from : size) < 0 ? [`[${f}] parameter cannot be negative but was [${f === 'from' ? from : size}]`] : []));
  if (negative.length) throw validationError(negative);
  if (from + size > MAX_RESULT_WINDOW) {
    throw illegalArgument(`Result window is too large, from + size must be less than or equal to: [${MAX_RESULT_WINDOW}] but was [${from + size}].`);
  }
  const sort = parseSort(o.sort);
  let searchAfter: Value[] | undefined;
  if (o.search_after !== undefined) {
    if (!Array.isArray(o.search_after)) throw new EsError('parse', '[search_after] must be an array');
    if (o.search_after.length !== sort.length) {
      throw illegalArgument(`search_after has ${o.search_after.length} value(s) but sort has ${sort.length}.`);
    }
    searchAfter = o.search_after.map((v, i) => fieldValue(sort[i].field, v, now, API_KEY_FIELDS));
  }
  const aggs = parseAggs(o.aggs ?? o.aggregations, now);
  return { query: parseQuery(o.query, now, API_KEY_FIELDS), from, size, sort, searchAfter, aggs };
}

/** `from` / `size`: an integer (negative ones are a validation failure, reported together by the caller). */
function count(o: Json, name: string, dflt: number): number {
  const v = o[name];
  if (v === undefined || v === null) return dflt;
  // An integer field also takes its number as a string, as ES's parsers do.
  if (typeof v === 'string') {
    if (/^[+-]?\d+$/.test(v.trim())) return Number(v);
    throw fieldParseError(PARSER, o, name, new EsError('illegal_argument', `For input string: "${v}"`, { type: 'number_format_exception' }));
  }
  if (typeof v !== 'number' || !Number.isInteger(v)) throw valueTypeError(PARSER, o, name, v);
  return v;
}

function parseSort(v: unknown): SortKey[] {
  if (v === undefined) return [];
  const items = Array.isArray(v) ? v : [v];
  return items.map((item): SortKey => {
    if (typeof item === 'string') return { field: sortField(item), order: 'asc' };
    if (isObject(item) && Object.keys(item).length === 1) {
      const [field, spec] = Object.entries(item)[0];
      const order = typeof spec === 'string' ? spec : isObject(spec) ? spec.order ?? 'asc' : 'asc';
      if (order !== 'asc' && order !== 'desc') throw illegalArgument(`Unknown SortOrder [${String(order)}]`);
      return { field: sortField(field), order };
    }
    throw new EsError('parse', 'malformed sort format, within the sort array, an object, or an actual string are allowed', { type: 'parsing_exception' });
  });
}

function sortField(f: string): string {
  if (f === '_doc') return 'creation';
  return checkField(f, API_KEY_FIELDS);
}

function parseAggs(v: unknown, now: number): Aggregations {
  if (v === undefined) return {};
  if (!isObject(v)) throw new EsError('parse', 'Aggregation definition must be an object', { type: 'parsing_exception' });
  return Object.fromEntries(Object.entries(v).map(([name, def]) => [name, parseAgg(name, def, now)]));
}

function parseAgg(name: string, def: unknown, now: number): Aggregation {
  if (!isObject(def)) throw new EsError('parse', `Expected [START_OBJECT] under [${name}], but got a value`, { type: 'parsing_exception' });
  const sub = parseAggs(def.aggs ?? def.aggregations, now);
  const types = Object.keys(def).filter((k) => k !== 'aggs' && k !== 'aggregations' && k !== 'meta');
  if (types.length !== 1) throw new EsError('parse', `Expected one aggregation type under [${name}]`, { type: 'parsing_exception' });
  const type = types[0];
  const spec = def[type];
  if (!isObject(spec)) throw new EsError('parse', `[${type}] aggregation under [${name}] must be an object`, { type: 'parsing_exception' });
  const field = () => checkField(spec.field, API_KEY_FIELDS);
  switch (type) {
    case 'terms':
      return { kind: 'terms', field: field(), size: typeof spec.size === 'number' ? spec.size : 10, sub };
    case 'range':
    case 'date_range': {
      const f = field();
      if (!Array.isArray(spec.ranges)) throw new EsError('parse', `[${type}] aggregation [${name}] requires [ranges]`, { type: 'parsing_exception' });
      const ranges = spec.ranges.map((r) => {
        const o = isObject(r) ? r : {};
        const num = (x: unknown) => (x === undefined || x === null ? undefined : (fieldValue(f, x, now, API_KEY_FIELDS) as number));
        return { key: typeof o.key === 'string' ? o.key : undefined, from: num(o.from), to: num(o.to) };
      });
      return { kind: 'range', field: f, ranges, dates: type === 'date_range' || fieldKind(f) === 'date' };
    }
    case 'missing':
    case 'cardinality':
    case 'value_count':
      return { kind: type, field: field() };
    case 'composite': {
      if (!Array.isArray(spec.sources)) throw new EsError('parse', `[composite] aggregation [${name}] requires [sources]`, { type: 'parsing_exception' });
      const sources = spec.sources.map((s) => {
        const [[srcName, srcDef]] = Object.entries(isObject(s) ? s : {});
        const terms = isObject(srcDef) && isObject(srcDef.terms) ? srcDef.terms : undefined;
        if (!terms) throw illegalArgument(`only [terms] sources are supported in composite aggregation [${name}]`);
        return { name: srcName, field: checkField(terms.field, API_KEY_FIELDS) };
      });
      const after = isObject(spec.after) ? (spec.after as Record<string, Value | null>) : undefined;
      return { kind: 'composite', sources, size: typeof spec.size === 'number' ? spec.size : 10, after };
    }
    case 'filter':
      return { kind: 'filter', filter: parseQuery(spec, now, API_KEY_FIELDS), sub };
    case 'filters': {
      if (!isObject(spec.filters)) throw illegalArgument(`[filters] aggregation [${name}] requires keyed [filters]`);
      const filters = Object.fromEntries(Object.entries(spec.filters).map(([k, q]) => [k, parseQuery(q, now, API_KEY_FIELDS)]));
      return { kind: 'filters', filters, sub };
    }
    default:
      throw illegalArgument(`Unsupported API Key aggregation [${name}] of type [${type}]`);
  }
}
