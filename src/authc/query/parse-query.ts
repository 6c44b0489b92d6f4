import { EsError, illegalArgument } from '../../core/errors.ts';
import { analyze, kindOf, type Query, type QueryFields } from '../../store/query.ts';
import { checkField, fieldValue } from './field-values.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** One field and its settings from `{ "<query>": { "<field>": value | { value|query: …, … } } }`. */
function single(kind: string, body: unknown, schema: QueryFields): [string, unknown, Json] {
  if (!isObject(body)) throw new EsError('parse', `[${kind}] query malformed, no start_object after query name`, { type: 'parsing_exception' });
  const entries = Object.entries(body).filter(([k]) => k !== 'boost' && k !== '_name');
  if (entries.length !== 1) throw new EsError('parse', `[${kind}] query doesn't support multiple fields, found [${entries.map(([k]) => k).join('] and [')}]`, { type: 'parsing_exception' });
  const [field, spec] = entries[0];
  return [checkField(field, schema), spec, isObject(spec) ? spec : {}];
}

function valueOf(spec: unknown, key: string): unknown {
  return isObject(spec) ? spec[key] : spec;
}

/**
 * ES query DSL, the subset ES's security query APIs allow (`_query/api_key`, `_query/user`), to the
 * backend-neutral query; `schema` is the API's allowed fields.
 */
export function parseQuery(q: unknown, now: number, schema: QueryFields): Query {
  if (q === undefined || q === null) return { kind: 'all' };
  if (!isObject(q)) throw new EsError('parse', 'query malformed, must start with start_object', { type: 'parsing_exception' });
  const keys = Object.keys(q);
  if (keys.length !== 1) throw new EsError('parse', `[${keys[1] ?? 'query'}] query malformed, expected a single query`, { type: 'parsing_exception' });
  const kind = keys[0];
  const body = q[kind];
  switch (kind) {
    case 'match_all':
      return { kind: 'all' };
    case 'match_none':
      return { kind: 'none' };
    case 'term':
    case 'match': {
      const [field, spec, opts] = single(kind, body, schema);
      const raw = kind === 'match' ? valueOf(spec, 'query') : valueOf(spec, 'value');
      if (kind === 'match' && kindOf(schema, field) === 'text') return matchText(field, raw, opts);
      return { kind: 'term', field, value: fieldValue(field, raw, now, schema), caseInsensitive: opts.case_insensitive === true };
    }
    case 'terms': {
      if (!isObject(body)) throw new EsError('parse', '[terms] query malformed', { type: 'parsing_exception' });
      const entries = Object.entries(body).filter(([k]) => k !== 'boost' && k !== '_name');
      if (entries.length !== 1 || !Array.isArray(entries[0][1])) throw new EsError('parse', '[terms] query requires one field with an array of values', { type: 'parsing_exception' });
      const field = checkField(entries[0][0], schema);
      return { kind: 'terms', field, values: (entries[0][1] as unknown[]).map((v) => fieldValue(field, v, now, schema)) };
    }
    case 'prefix':
    case 'wildcard': {
      const [field, spec, opts] = single(kind, body, schema);
      const raw = valueOf(spec, kind === 'wildcard' && isObject(spec) && spec.wildcard !== undefined ? 'wildcard' : 'value');
      if (typeof raw !== 'string') throw new EsError('parse', `[${kind}] query requires a string value`, { type: 'parsing_exception' });
      const caseInsensitive = opts.case_insensitive === true;
      return kind === 'prefix' ? { kind, field, value: raw, caseInsensitive } : { kind, field, pattern: raw, caseInsensitive };
    }
    case 'range': {
      const [field, spec] = single(kind, body, schema);
      if (!isObject(spec)) throw new EsError('parse', '[range] query malformed, no start_object after query name', { type: 'parsing_exception' });
      const out: { -readonly [K in 'gt' | 'gte' | 'lt' | 'lte']?: ReturnType<typeof fieldValue> } = {};
      for (const [k, v] of Object.entries(spec)) {
        if (k === 'gt' || k === 'gte' || k === 'lt' || k === 'lte') out[k] = fieldValue(field, v, now, schema);
        else if (k === 'from') out.gte = fieldValue(field, v, now, schema);
        else if (k === 'to') out.lte = fieldValue(field, v, now, schema);
        else if (k !== 'format' && k !== 'time_zone' && k !== 'boost' && k !== 'include_lower' && k !== 'include_upper') {
          throw new EsError('parse', `[range] query does not support [${k}]`, { type: 'parsing_exception' });
        }
      }
      return { kind: 'range', field, ...out };
    }
    case 'exists': {
      if (!isObject(body) || typeof body.field !== 'string') throw new EsError('parse', '[exists] must be provided with a [field]', { type: 'parsing_exception' });
      return { kind: 'exists', field: checkField(body.field, schema) };
    }
    case 'ids': {
      const values = isObject(body) ? body.values : undefined;
      if (!Array.isArray(values)) throw new EsError('parse', '[ids] query malformed, [values] must be an array', { type: 'parsing_exception' });
      return schema.ids(values.map(String));
    }
    case 'bool':
      return parseBool(body, now, schema);
    case 'simple_query_string':
      return parseSimpleQueryString(body, now, schema);
    default:
      throw illegalArgument(`Query type [${kind}] is not currently supported in this context`);
  }
}

/** `match` on a text field: any word of the query (all with `operator: and`), as the standard analyzer splits it. */
function matchText(field: string, raw: unknown, opts: Json): Query {
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') throw new EsError('parse', '[match] unknown token [START_OBJECT]', { type: 'parsing_exception' });
  const words: Query[] = analyze(String(raw)).map((w) => ({ kind: 'term', field, value: w }));
  if (words.length === 0) return { kind: 'none' };
  const and = String(opts.operator ?? 'or').toLowerCase() === 'and';
  return and ? { kind: 'bool', must: words, should: [], mustNot: [], minimumShouldMatch: 0 } : { kind: 'bool', must: [], should: words, mustNot: [], minimumShouldMatch: 1 };
}

function parseBool(body: unknown, now: number, schema: QueryFields): Query {
  if (!isObject(body)) throw new EsError('parse', '[bool] query malformed', { type: 'parsing_exception' });
  const list = (v: unknown): Query[] => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x) => parseQuery(x, now, schema)));
  for (const k of Object.keys(body)) {
    if (!['must', 'filter', 'should', 'must_not', 'minimum_should_match', 'boost', '_name'].includes(k)) {
      throw new EsError('parse', `[bool] query does not support [${k}]`, { type: 'parsing_exception' });
    }
  }
  const must = [...list(body.must), ...list(body.filter)];
  const should = list(body.should);
  const msm = body.minimum_should_match;
  let minimumShouldMatch = should.length > 0 && must.length === 0 ? 1 : 0;
  if (typeof msm === 'number') minimumShouldMatch = msm;
  else if (typeof msm === 'string') {
    const pct = /^(-?\d+)%$/.exec(msm);
    minimumShouldMatch = pct ? Math.floor((should.length * Number(pct[1])) / 100) : Number(msm);
    if (Number.isNaN(minimumShouldMatch)) throw new EsError('parse', `[bool] query malformed, invalid minimum_should_match [${msm}]`, { type: 'parsing_exception' });
  }
  if (minimumShouldMatch < 0) minimumShouldMatch = Math.max(0, should.length + minimumShouldMatch);
  return { kind: 'bool', must, should, mustNot: list(body.must_not), minimumShouldMatch };
}

/** Whitespace-separated terms, `term*` prefixes, `-term` exclusions, across the given (or default) fields. */
function parseSimpleQueryString(body: unknown, now: number, schema: QueryFields): Query {
  if (!isObject(body) || typeof body.query !== 'string') throw new EsError('parse', '[simple_query_string] requires a [query]', { type: 'parsing_exception' });
  const fields = Array.isArray(body.fields) ? body.fields.map((f) => checkField(String(f).replace(/\^\d+(\.\d+)?$/, ''), schema)) : schema.defaultFields;
  const and = String(body.default_operator ?? 'or').toLowerCase() === 'and';
  const clauses: Query[] = [];
  const negated: Query[] = [];
  for (const raw of body.query.split(/\s+/).filter(Boolean)) {
    const neg = raw.startsWith('-');
    const token = (neg ? raw.slice(1) : raw).replace(/^"|"$/g, '');
    if (!token) continue;
    const perField: Query[] = fields.flatMap((field): Query[] => {
      const text = kindOf(schema, field) === 'text';
      if (token.endsWith('*')) return [{ kind: 'prefix', field, value: token.slice(0, -1), caseInsensitive: true }];
      if (text) return [wordsOf(field, token)];
      try {
        return [{ kind: 'term', field, value: fieldValue(field, token, now, schema), caseInsensitive: true }];
      } catch {
        return []; // a token that is no value of this field's kind matches nothing there (ES's lenient mode)
      }
    });
    const any: Query = { kind: 'bool', must: [], should: perField, mustNot: [], minimumShouldMatch: 1 };
    (neg ? negated : clauses).push(any);
  }
  if (and) return { kind: 'bool', must: clauses, should: [], mustNot: negated, minimumShouldMatch: 0 };
  return { kind: 'bool', must: [], should: clauses.length ? clauses : [{ kind: 'all' }], mustNot: negated, minimumShouldMatch: 1 };
}

/** A token of `simple_query_string` against a text field: all of its words. */
function wordsOf(field: string, token: string): Query {
  const must: Query[] = analyze(token).map((w) => ({ kind: 'term', field, value: w }));
  return must.length ? { kind: 'bool', must, should: [], mustNot: [], minimumShouldMatch: 0 } : { kind: 'none' };
}
