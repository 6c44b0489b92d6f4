import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { fieldKind, type Aggregation, type Aggregations, type Field } from '../api-key-query.ts';
import { column, outValue, where, type Sql } from './query-sql.ts';

/** Runs aggregations over the rows matching `base`, rendering them in ES's response shapes. */
export function runAggregations(db: DatabaseSync, base: Sql, aggs: Aggregations): Record<string, unknown> {
  return Object.fromEntries(Object.entries(aggs).map(([name, agg]) => [name, runOne(db, base, agg)]));
}

const and = (a: Sql, b: Sql): Sql => ({ text: `(${a.text}) AND (${b.text})`, params: [...a.params, ...b.params] });
const scalar = (db: DatabaseSync, text: string, params: SQLInputValue[]): number => Number(Object.values(db.prepare(text).get(...params) ?? { v: 0 })[0] ?? 0);

function runOne(db: DatabaseSync, base: Sql, agg: Aggregation): Record<string, unknown> {
  switch (agg.kind) {
    case 'terms': {
      const c = column(agg.field);
      const w = and(base, { text: `${c.text} IS NOT NULL`, params: c.params });
      const rows = db
        .prepare(`SELECT ${c.text} AS k, COUNT(*) AS n FROM api_keys WHERE ${w.text} GROUP BY k ORDER BY n DESC, k ASC LIMIT ?`)
        .all(...c.params, ...w.params, agg.size);
      const total = scalar(db, `SELECT COUNT(*) FROM api_keys WHERE ${w.text}`, w.params);
      const buckets = rows.map((r) => {
        const bucket: Record<string, unknown> = { ...keyOf(agg.field, r.k), doc_count: Number(r.n) };
        const sub = and(base, { text: `${c.text} = ?`, params: [...c.params, r.k as SQLInputValue] });
        return Object.keys(agg.sub).length ? { ...bucket, ...runAggregations(db, sub, agg.sub) } : bucket;
      });
      const shown = buckets.reduce((s, b) => s + (b.doc_count as number), 0);
      return { doc_count_error_upper_bound: 0, sum_other_doc_count: total - shown, buckets };
    }
    case 'range': {
      const c = column(agg.field);
      const buckets = agg.ranges.map((r) => {
        const conds: Sql[] = [{ text: `${c.text} IS NOT NULL`, params: c.params }];
        if (r.from !== undefined) conds.push({ text: `${c.text} >= ?`, params: [...c.params, r.from] });
        if (r.to !== undefined) conds.push({ text: `${c.text} < ?`, params: [...c.params, r.to] });
        const w = conds.reduce(and, base);
        const fmt = (x: number | undefined) => (x === undefined ? '*' : agg.dates ? new Date(x).toISOString() : x.toFixed(1));
        const bucket: Record<string, unknown> = { key: r.key ?? `${fmt(r.from)}-${fmt(r.to)}` };
        if (r.from !== undefined) bucket.from = r.from;
        if (agg.dates && r.from !== undefined) bucket.from_as_string = new Date(r.from).toISOString();
        if (r.to !== undefined) bucket.to = r.to;
        if (agg.dates && r.to !== undefined) bucket.to_as_string = new Date(r.to).toISOString();
        bucket.doc_count = scalar(db, `SELECT COUNT(*) FROM api_keys WHERE ${w.text}`, w.params);
        return bucket;
      });
      return { buckets };
    }
    case 'missing': {
      const c = column(agg.field);
      const w = and(base, { text: `${c.text} IS NULL`, params: c.params });
      return { doc_count: scalar(db, `SELECT COUNT(*) FROM api_keys WHERE ${w.text}`, w.params) };
    }
    case 'cardinality':
    case 'value_count': {
      const c = column(agg.field);
      const fn = agg.kind === 'cardinality' ? `COUNT(DISTINCT ${c.text})` : `COUNT(${c.text})`;
      return { value: scalar(db, `SELECT ${fn} FROM api_keys WHERE ${base.text}`, [...c.params, ...base.params]) };
    }
    case 'composite':
      return composite(db, base, agg);
    case 'filter': {
      const w = and(base, where(agg.filter));
      return { doc_count: scalar(db, `SELECT COUNT(*) FROM api_keys WHERE ${w.text}`, w.params), ...runAggregations(db, w, agg.sub) };
    }
    case 'filters': {
      const buckets = Object.fromEntries(
        Object.entries(agg.filters).map(([k, q]) => {
          const w = and(base, where(q));
          return [k, { doc_count: scalar(db, `SELECT COUNT(*) FROM api_keys WHERE ${w.text}`, w.params), ...runAggregations(db, w, agg.sub) }];
        }),
      );
      return { buckets };
    }
  }
}

function keyOf(field: Field, raw: unknown): Record<string, unknown> {
  const kind = fieldKind(field);
  if (kind === 'boolean') return { key: raw === 1 ? 1 : 0, key_as_string: raw === 1 ? 'true' : 'false' };
  if (kind === 'date') return { key: raw, key_as_string: new Date(Number(raw)).toISOString() };
  return { key: raw };
}

function composite(db: DatabaseSync, base: Sql, agg: Extract<Aggregation, { kind: 'composite' }>): Record<string, unknown> {
  const cols = agg.sources.map((s) => column(s.field));
  const select = cols.map((c, i) => `${c.text} AS k${i}`).join(', ');
  let w = base;
  if (agg.after) {
    const afterVals = agg.sources.map((s) => agg.after![s.name] ?? null) as SQLInputValue[];
    w = and(w, { text: `(${cols.map((c) => c.text).join(', ')}) > (${cols.map(() => '?').join(', ')})`, params: [...cols.flatMap((c) => c.params), ...afterVals] });
  }
  const groups = cols.map((_, i) => `k${i}`).join(', ');
  const rows = db
    .prepare(`SELECT ${select}, COUNT(*) AS n FROM api_keys WHERE ${w.text} GROUP BY ${groups} ORDER BY ${groups} LIMIT ?`)
    .all(...cols.flatMap((c) => c.params), ...w.params, agg.size);
  const buckets = rows.map((r) => ({
    key: Object.fromEntries(agg.sources.map((s, i) => [s.name, outValue(s.field, r[`k${i}`])])),
    doc_count: Number(r.n),
  }));
  const out: Record<string, unknown> = { buckets };
  if (buckets.length) out.after_key = buckets[buckets.length - 1].key;
  return out;
}
