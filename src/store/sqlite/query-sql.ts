import type { SQLInputValue } from 'node:sqlite';
import type { Field, FieldKind, Query, SortKey, Value } from '../query.ts';
import { QUERY_FIELDS } from '../api-key-query.ts';

export interface Sql {
  readonly text: string;
  readonly params: SQLInputValue[];
}

/** How one query field is stored: a column expression, or a set of values (`json_each` over an array or a text's words). */
export interface SqlField {
  readonly expr: string;
  readonly kind: FieldKind;
  /** The column is NOT NULL in the schema (it sorts without a nulls-last term, so SQLite can walk its index). */
  readonly notNull?: boolean;
  /** Multi-valued: a `json_each(...)` source whose `value`s are the field's values. */
  readonly each?: string;
}

/** A query target: its fields, the JSON column behind `metadata.<path>`, and the unique tie-breaker of its order. */
export interface SqlSchema {
  readonly fields: Readonly<Record<string, SqlField>>;
  readonly metadata?: string;
  readonly tieBreaker: string;
  readonly defaultSort: readonly SortKey[];
  /** A field whose term query must not use its index (few rows are true, most false: a poor first index). */
  readonly unindexed?: ReadonlySet<string>;
}

const COLUMNS: Readonly<Record<string, string>> = { realm_name: 'realm' };
/** Query fields whose column is NOT NULL in the api_keys schema. */
const NOT_NULL: ReadonlySet<string> = new Set(['id', 'type', 'username', 'realm_name', 'creation', 'invalidated']);

/** The api_keys table. */
export const API_KEY_SQL: SqlSchema = {
  fields: Object.fromEntries(Object.entries(QUERY_FIELDS).map(([f, kind]) => [f, { expr: COLUMNS[f] ?? f, kind, notNull: NOT_NULL.has(f) }])),
  metadata: 'metadata',
  tieBreaker: 'creation ASC, id', // ties in creation order (ES: index order), then id
  defaultSort: [{ field: 'creation', order: 'asc' }],
  unindexed: new Set(['invalidated']),
};

/** The SQL expression of a query field (metadata paths through json_extract, with the path as a parameter). */
export function column(field: Field, s: SqlSchema = API_KEY_SQL): Sql {
  if (Object.hasOwn(s.fields, field)) return { text: s.fields[field].expr, params: [] };
  const path = field.slice('metadata.'.length).split('.').map((p) => `"${p.replaceAll('"', '""')}"`).join('.');
  return { text: `json_extract(${s.metadata}, ?)`, params: [`$.${path}`] };
}

export function sqlValue(v: Value): SQLInputValue {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

/** `*`/`?` wildcards as a GLOB pattern; GLOB's own `[` is escaped. */
function glob(pattern: string): string {
  return pattern.replaceAll('[', '[[]');
}

const join = (parts: Sql[], sep: string, empty: string): Sql =>
  parts.length === 0 ? { text: empty, params: [] } : { text: parts.map((p) => `(${p.text})`).join(sep), params: parts.flatMap((p) => p.params) };

/** A condition on one field's value; a multi-valued field holds when any of its values does. */
function onField(field: Field, s: SqlSchema, cond: (c: Sql) => Sql): Sql {
  const f = Object.hasOwn(s.fields, field) ? s.fields[field] : undefined;
  if (!f?.each) return cond(column(field, s));
  const inner = cond({ text: 'value', params: [] });
  return { text: `EXISTS (SELECT 1 FROM ${f.each} WHERE ${inner.text})`, params: inner.params };
}

export function where(q: Query, s: SqlSchema = API_KEY_SQL): Sql {
  switch (q.kind) {
    case 'all':
      return { text: '1', params: [] };
    case 'none':
      return { text: '0', params: [] };
    case 'term':
      return onField(q.field, s, (c) => {
        // A unary + keeps SQLite off an index that would make a poor first choice (see SqlSchema.unindexed).
        if (s.unindexed?.has(q.field)) return { text: `+${c.text} = ?`, params: [...c.params, sqlValue(q.value)] };
        if (q.caseInsensitive && typeof q.value === 'string') return { text: `lower(${c.text}) = lower(?)`, params: [...c.params, q.value] };
        return { text: `${c.text} = ?`, params: [...c.params, sqlValue(q.value)] };
      });
    case 'terms':
      if (q.values.length === 0) return { text: '0', params: [] };
      return onField(q.field, s, (c) => ({ text: `${c.text} IN (${q.values.map(() => '?').join(', ')})`, params: [...c.params, ...q.values.map(sqlValue)] }));
    case 'prefix':
      // An anchored prefix: GLOB compares it once, in linear time.
      return onField(q.field, s, (c) => {
        const pattern = `${glob(q.value).replace(/[*?]/g, (m) => `[${m}]`)}*`;
        if (q.caseInsensitive) return { text: `lower(${c.text}) GLOB lower(?)`, params: [...c.params, pattern] };
        return { text: `${c.text} GLOB ?`, params: [...c.params, pattern] };
      });
    case 'wildcard':
      // The gateway's one-pass matcher (wildcard-functions.ts), not GLOB's naive scan of floating segments.
      return onField(q.field, s, (c) => {
        if (q.caseInsensitive) return { text: `es_wildcard(lower(${c.text}), lower(?))`, params: [...c.params, q.pattern] };
        return { text: `es_wildcard(${c.text}, ?)`, params: [...c.params, q.pattern] };
      });
    case 'range':
      return onField(q.field, s, (c) => {
        const parts: Sql[] = [];
        for (const [op, v] of [['>', q.gt], ['>=', q.gte], ['<', q.lt], ['<=', q.lte]] as const) {
          if (v !== undefined) parts.push({ text: `${c.text} ${op} ?`, params: [...c.params, sqlValue(v)] });
        }
        return parts.length ? join(parts, ' AND ', '1') : { text: `${c.text} IS NOT NULL`, params: c.params };
      });
    case 'exists':
      return onField(q.field, s, (c) => ({ text: `${c.text} IS NOT NULL`, params: c.params }));
    case 'bool': {
      const parts: Sql[] = q.must.map((m) => where(m, s));
      if (q.mustNot.length) {
        const not = join(q.mustNot.map((m) => where(m, s)), ' OR ', '0');
        parts.push({ text: `NOT (${not.text})`, params: not.params });
      }
      if (q.should.length && q.minimumShouldMatch > 0) {
        const sum = q.should.map((m) => where(m, s));
        parts.push({ text: `(${sum.map((x) => `(CASE WHEN ${x.text} THEN 1 ELSE 0 END)`).join(' + ')}) >= ?`, params: [...sum.flatMap((x) => x.params), q.minimumShouldMatch] });
      }
      return join(parts, ' AND ', '1');
    }
  }
}

/** The value a field sorts by: a multi-valued field by its least value ascending, its greatest descending (as ES). */
export function sortValue(k: SortKey, s: SqlSchema = API_KEY_SQL): Sql {
  const f = Object.hasOwn(s.fields, k.field) ? s.fields[k.field] : undefined;
  if (f?.each) return { text: `(SELECT ${k.order === 'desc' ? 'max' : 'min'}(value) FROM ${f.each})`, params: [] };
  return column(k.field, s);
}

/** ORDER BY with ES's default of missing values last, then the tie-breaker for a stable order. */
export function orderBy(sort: readonly SortKey[], s: SqlSchema = API_KEY_SQL): Sql {
  const keys = sort.length ? sort : s.defaultSort;
  const parts = keys.map((k) => {
    const c = sortValue(k, s);
    const dir = k.order === 'desc' ? 'DESC' : 'ASC';
    if (Object.hasOwn(s.fields, k.field) && s.fields[k.field].notNull) return { text: `${c.text} ${dir}`, params: c.params };
    return { text: `(${c.text} IS NULL), ${c.text} ${dir}`, params: [...c.params, ...c.params] };
  });
  return { text: `${parts.map((p) => p.text).join(', ')}, ${s.tieBreaker} ASC`, params: parts.flatMap((p) => p.params) };
}

/** Rows strictly after `values` in the sort order (ES's search_after). */
export function after(sort: readonly SortKey[], values: readonly Value[], s: SqlSchema = API_KEY_SQL): Sql {
  const ors: Sql[] = sort.map((_, i) => {
    const ands: Sql[] = sort.slice(0, i).map((k, j) => {
      const c = sortValue(k, s);
      return { text: `${c.text} = ?`, params: [...c.params, sqlValue(values[j])] };
    });
    const c = sortValue(sort[i], s);
    ands.push({ text: `${c.text} ${sort[i].order === 'desc' ? '<' : '>'} ?`, params: [...c.params, sqlValue(values[i])] });
    return join(ands, ' AND ', '1');
  });
  return join(ors, ' OR ', '1');
}

/** A stored value as the query APIs return it in `_sort` and aggregation keys. */
export function outValue(field: Field, v: unknown, s: SqlSchema = API_KEY_SQL): unknown {
  if (v === null || v === undefined) return null;
  if (Object.hasOwn(s.fields, field) && s.fields[field].kind === 'boolean') return v === 1 || v === true;
  return v;
}
