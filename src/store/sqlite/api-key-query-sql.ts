import type { SQLInputValue } from 'node:sqlite';
import { fieldKind, type Field, type Query, type SortKey, type Value } from '../api-key-query.ts';

export interface Sql {
  readonly text: string;
  readonly params: SQLInputValue[];
}

const COLUMNS: Readonly<Record<string, string>> = {
  id: 'id',
  type: 'type',
  name: 'name',
  username: 'username',
  realm_name: 'realm',
  creation: 'creation',
  expiration: 'expiration',
  invalidated: 'invalidated',
  invalidation: 'invalidation',
};

/** Query fields whose column is NOT NULL in the schema. */
const NOT_NULL: ReadonlySet<string> = new Set(['id', 'type', 'username', 'realm_name', 'creation', 'invalidated']);

/** The SQL expression of a query field (metadata paths through json_extract, with the path as a parameter). */
export function column(field: Field): Sql {
  if (Object.hasOwn(COLUMNS, field)) return { text: COLUMNS[field], params: [] };
  const path = field.slice('metadata.'.length).split('.').map((p) => `"${p.replaceAll('"', '""')}"`).join('.');
  return { text: 'json_extract(metadata, ?)', params: [`$.${path}`] };
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

export function where(q: Query): Sql {
  switch (q.kind) {
    case 'all':
      return { text: '1', params: [] };
    case 'none':
      return { text: '0', params: [] };
    case 'term': {
      const c = column(q.field);
      // A unary + keeps SQLite off the index on the `invalidated` flag: true for few rows, false for most,
      // it would make a poor first index for queries that also name an owner or a name.
      if (q.field === 'invalidated') return { text: `+${c.text} = ?`, params: [...c.params, sqlValue(q.value)] };
      if (q.caseInsensitive && typeof q.value === 'string') return { text: `lower(${c.text}) = lower(?)`, params: [...c.params, q.value] };
      return { text: `${c.text} = ?`, params: [...c.params, sqlValue(q.value)] };
    }
    case 'terms': {
      if (q.values.length === 0) return { text: '0', params: [] };
      const c = column(q.field);
      return { text: `${c.text} IN (${q.values.map(() => '?').join(', ')})`, params: [...c.params, ...q.values.map(sqlValue)] };
    }
    case 'prefix': {
      // An anchored prefix: GLOB compares it once, in linear time.
      const c = column(q.field);
      const pattern = `${glob(q.value).replace(/[*?]/g, (m) => `[${m}]`)}*`;
      if (q.caseInsensitive) return { text: `lower(${c.text}) GLOB lower(?)`, params: [...c.params, pattern] };
      return { text: `${c.text} GLOB ?`, params: [...c.params, pattern] };
    }
    case 'wildcard': {
      // The gateway's one-pass matcher (wildcard-functions.ts), not GLOB's naive scan of floating segments.
      const c = column(q.field);
      if (q.caseInsensitive) return { text: `es_wildcard(lower(${c.text}), lower(?))`, params: [...c.params, q.pattern] };
      return { text: `es_wildcard(${c.text}, ?)`, params: [...c.params, q.pattern] };
    }
    case 'range': {
      const c = column(q.field);
      const parts: Sql[] = [];
      for (const [op, v] of [['>', q.gt], ['>=', q.gte], ['<', q.lt], ['<=', q.lte]] as const) {
        if (v !== undefined) parts.push({ text: `${c.text} ${op} ?`, params: [...c.params, sqlValue(v)] });
      }
      return parts.length ? join(parts, ' AND ', '1') : { text: `${c.text} IS NOT NULL`, params: c.params };
    }
    case 'exists': {
      const c = column(q.field);
      return { text: `${c.text} IS NOT NULL`, params: c.params };
    }
    case 'bool': {
      const parts: Sql[] = q.must.map(where);
      if (q.mustNot.length) {
        const not = join(q.mustNot.map(where), ' OR ', '0');
        parts.push({ text: `NOT (${not.text})`, params: not.params });
      }
      if (q.should.length && q.minimumShouldMatch > 0) {
        const sum = q.should.map(where);
        parts.push({ text: `(${sum.map((s) => `(CASE WHEN ${s.text} THEN 1 ELSE 0 END)`).join(' + ')}) >= ?`, params: [...sum.flatMap((s) => s.params), q.minimumShouldMatch] });
      }
      return join(parts, ' AND ', '1');
    }
  }
}

/** ORDER BY with ES's default of missing values last; ties in creation order (ES: index order), then id. */
export function orderBy(sort: readonly SortKey[]): Sql {
  const keys = sort.length ? sort : [{ field: 'creation', order: 'asc' as const }];
  const parts = keys.map((k) => {
    const c = column(k.field);
    const dir = k.order === 'desc' ? 'DESC' : 'ASC';
    // Columns that are never null sort without the nulls-last term, so SQLite can walk their index.
    if (NOT_NULL.has(k.field)) return { text: `${c.text} ${dir}`, params: c.params };
    return { text: `(${c.text} IS NULL), ${c.text} ${dir}`, params: [...c.params, ...c.params] };
  });
  return { text: `${parts.map((p) => p.text).join(', ')}, creation ASC, id ASC`, params: parts.flatMap((p) => p.params) };
}

/** Rows strictly after `values` in the sort order (ES's search_after). */
export function after(sort: readonly SortKey[], values: readonly Value[]): Sql {
  const ors: Sql[] = sort.map((_, i) => {
    const ands: Sql[] = sort.slice(0, i).map((k, j) => {
      const c = column(k.field);
      return { text: `${c.text} = ?`, params: [...c.params, sqlValue(values[j])] };
    });
    const c = column(sort[i].field);
    ands.push({ text: `${c.text} ${sort[i].order === 'desc' ? '<' : '>'} ?`, params: [...c.params, sqlValue(values[i])] });
    return join(ands, ' AND ', '1');
  });
  return join(ors, ' OR ', '1');
}

/** A stored value as the query API returns it in `_sort` and aggregation keys. */
export function outValue(field: Field, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (fieldKind(field) === 'boolean') return v === 1 || v === true;
  return v;
}
