import { EsError } from '../../core/errors.ts';
import { tokenName } from '../../api/body.ts';
import { compileWildcard } from '../../lib/patterns/wildcard.ts';
import type { NamedRole } from './role-management.ts';

/** The query roles API (`_query/role`): a small query DSL over name, description, metadata and applications. */
export interface RoleQuery {
  readonly query?: Record<string, unknown>;
  readonly from: number;
  readonly size: number;
  readonly sort: readonly { field: string; desc: boolean }[];
  readonly searchAfter?: readonly unknown[];
}

const BODY_FIELDS = new Set(['query', 'from', 'size', 'sort', 'search_after']);

export function parseRoleQuery(body: unknown, params: URLSearchParams): RoleQuery {
  const b = (body ?? {}) as Record<string, unknown>;
  if (typeof b !== 'object' || Array.isArray(b)) throw new EsError('parse', `expected an object, but found [${tokenName(b)}] instead`);
  for (const k of Object.keys(b)) if (!BODY_FIELDS.has(k)) throw new EsError('x_content_parse', `[1:2] [query_role_request] unknown field [${k}]`);
  const num = (name: string, v: unknown, dflt: number) => {
    if (v === undefined || v === null) return dflt;
    const n = typeof v === 'string' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n)) throw new EsError('x_content_parse', `[1:2] [query_role_request] failed to parse field [${name}]`);
    if (n < 0) throw new EsError('validation', `Validation Failed: 1: [${name}] parameter cannot be negative but was [${n}];`);
    return n;
  };
  const from = num('from', b.from ?? params.get('from') ?? undefined, 0);
  const size = num('size', b.size ?? params.get('size') ?? undefined, 10);
  if (b.query !== undefined && (b.query === null || typeof b.query !== 'object' || Array.isArray(b.query))) {
    throw new EsError('parse', `[_na] query malformed, must start with start_object`, { type: 'parsing_exception' });
  }
  if (b.query) checkQuery(b.query as Record<string, unknown>);
  return { query: b.query as Record<string, unknown> | undefined, from, size, sort: parseSort(b.sort), searchAfter: b.search_after as unknown[] | undefined };
}

function parseSort(v: unknown): { field: string; desc: boolean }[] {
  if (v === undefined || v === null) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((s) => {
    if (typeof s === 'string') return { field: sortField(s), desc: false };
    if (s && typeof s === 'object') {
      const [field, spec] = Object.entries(s)[0] ?? [];
      if (!field) throw new EsError('x_content_parse', 'sort: expected a field');
      const order = typeof spec === 'string' ? spec : (spec as { order?: string } | null)?.order;
      return { field: sortField(field), desc: order === 'desc' };
    }
    throw new EsError('x_content_parse', `[query_role_request] failed to parse field [sort]`);
  });
}

const SORTABLE = /^(name|description|_doc|metadata\..+|applications\.(application|resources|privileges))$/;

function sortField(f: string): string {
  if (!SORTABLE.test(f)) throw new EsError('illegal_argument', `sorting is not supported for field [${f}]`);
  return f;
}

const QUERY_TYPES = new Set(['bool', 'term', 'terms', 'match', 'ids', 'prefix', 'wildcard', 'exists', 'match_all', 'simple_query_string', 'range']);
const FIELD = /^(name|description|metadata(\..+)?|applications\.(application|resources|privileges))$/;

function checkQuery(q: Record<string, unknown>): void {
  for (const [type, body] of Object.entries(q)) {
    if (!QUERY_TYPES.has(type)) throw new EsError('illegal_argument', `Query type [${type}] is not currently supported in this context`);
    if (type === 'bool') {
      const b = body as Record<string, unknown>;
      for (const k of ['must', 'filter', 'should', 'must_not']) for (const c of list(b[k])) checkQuery(c as Record<string, unknown>);
    } else if (type !== 'match_all' && type !== 'ids' && type !== 'simple_query_string') {
      const field = type === 'exists' ? (body as { field: string }).field : Object.keys(body as object)[0];
      if (field !== undefined && !FIELD.test(field)) throw new EsError('illegal_argument', `Field [${field}] is not allowed for querying`);
    }
  }
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** The values of a field in a role (arrays flattened). */
function values(role: NamedRole, field: string): unknown[] {
  const d = role.descriptor;
  if (field === 'name' || field === '_id') return [role.name];
  if (field === 'description') return d.description === undefined ? [] : [d.description];
  if (field.startsWith('applications.')) {
    const key = field.slice('applications.'.length) as 'application' | 'resources' | 'privileges';
    return (d.applications ?? []).flatMap((a) => list(a[key]));
  }
  if (field === 'metadata') return [d.metadata ?? {}];
  if (field.startsWith('metadata.')) {
    let v: unknown = d.metadata ?? {};
    for (const part of field.slice('metadata.'.length).split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
    return list(v);
  }
  return [];
}

const scalar = (v: unknown) => (v && typeof v === 'object' && 'value' in (v as object) ? (v as { value: unknown }).value : v);
const eq = (a: unknown, b: unknown) => a === b || String(a) === String(b);

export function matches(role: NamedRole, q: Record<string, unknown> | undefined): boolean {
  if (!q) return true;
  return Object.entries(q).every(([type, body]) => matchOne(role, type, body as Record<string, unknown>));
}

function matchOne(role: NamedRole, type: string, body: Record<string, unknown>): boolean {
  const [field, spec] = Object.entries(body ?? {})[0] ?? [];
  switch (type) {
    case 'match_all':
      return true;
    case 'bool': {
      const sub = (k: string) => list(body[k]) as Record<string, unknown>[];
      const should = sub('should');
      const min = body.minimum_should_match ?? (sub('must').length || sub('filter').length ? 0 : should.length ? 1 : 0);
      return (
        sub('must').every((c) => matches(role, c)) &&
        sub('filter').every((c) => matches(role, c)) &&
        sub('must_not').every((c) => !matches(role, c)) &&
        should.filter((c) => matches(role, c)).length >= Number(min)
      );
    }
    case 'term':
      return values(role, field).some((v) => eq(v, scalar(spec)));
    case 'terms':
      return values(role, field).some((v) => list(spec).some((t) => eq(v, t)));
    case 'match': {
      const text = String(scalar(spec) ?? (spec as { query?: unknown })?.query ?? '');
      const words = text.toLowerCase().split(/\s+/).filter(Boolean);
      return values(role, field).some((v) => words.some((w) => String(v).toLowerCase().split(/\W+/).includes(w) || String(v).toLowerCase() === text.toLowerCase()));
    }
    case 'ids':
      return list((body as { values?: unknown }).values).includes(role.name);
    case 'prefix':
      return values(role, field).some((v) => String(v).startsWith(String(scalar(spec))));
    case 'wildcard': {
      const pattern = String((spec as { value?: unknown; wildcard?: unknown })?.value ?? (spec as { wildcard?: unknown })?.wildcard ?? spec);
      // Lucene's wildcard query: `*`, `?`, `\` escapes; a leading `/` is an ordinary character here.
      const m = compileWildcard(pattern);
      return values(role, field).some((v) => m(String(v)));
    }
    case 'exists':
      return values(role, String(body.field)).length > 0;
    case 'range': {
      const r = spec as Record<string, unknown>;
      return values(role, field).some((v) => {
        const x = v as string | number;
        return (r.gt === undefined || x > (r.gt as typeof x)) && (r.gte === undefined || x >= (r.gte as typeof x)) && (r.lt === undefined || x < (r.lt as typeof x)) && (r.lte === undefined || x <= (r.lte as typeof x));
      });
    }
    case 'simple_query_string': {
      const text = String(body.query ?? '').toLowerCase().replace(/[*"+|-]/g, ' ');
      const words = text.split(/\s+/).filter(Boolean);
      const fields = list(body.fields).length ? (list(body.fields) as string[]) : ['name', 'description'];
      return words.some((w) => fields.some((f) => values(role, f).some((v) => String(v).toLowerCase().includes(w))));
    }
    default:
      return false;
  }
}

/** Sorts, pages and returns ES's `{total, count, roles}` items (each the role with its `_sort` values when sorted). */
export function runRoleQuery(roles: readonly NamedRole[], q: RoleQuery, toJson: (r: NamedRole) => Record<string, unknown>): { total: number; count: number; roles: Record<string, unknown>[] } {
  const hits = roles.filter((r) => matches(r, q.query));
  const sort = q.sort.length ? q.sort : [];
  const keyOf = (r: NamedRole, field: string) => (field === '_doc' ? r.name : (values(r, field)[0] as string | number | undefined));
  const sorted = [...hits].sort((a, b) => {
    for (const s of sort.length ? sort : [{ field: 'name', desc: false }]) {
      const x = keyOf(a, s.field);
      const y = keyOf(b, s.field);
      if (x === y) continue;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      const c = x < y ? -1 : 1;
      return s.desc ? -c : c;
    }
    return 0;
  });
  let start = q.from;
  if (q.searchAfter?.length && sort.length) {
    const after = sorted.findIndex((r) => sort.some((s, i) => {
      const v = keyOf(r, s.field);
      return v !== undefined && (s.desc ? v < (q.searchAfter![i] as typeof v) : v > (q.searchAfter![i] as typeof v));
    }));
    start = after < 0 ? sorted.length : after;
  }
  const page = sorted.slice(start, start + q.size);
  return {
    total: hits.length,
    count: page.length,
    roles: page.map((r) => {
      const item: Record<string, unknown> = { name: r.name, ...toJson(r) };
      if (sort.length) item._sort = sort.map((s) => keyOf(r, s.field) ?? null);
      return item;
    }),
  };
}
