import type { Aggregation, Aggregations } from '../../../store/api-key-query.ts';
import { fieldKind } from '../../../store/api-key-query.ts';

type Json = Record<string, unknown>;

/** The type name ES writes before `#` under `typed_keys` (terms over keywords are `sterms`, over others `lterms`). */
function typeName(agg: Aggregation): string {
  switch (agg.kind) {
    case 'terms':
      return fieldKind(agg.field) === 'keyword' ? 'sterms' : 'lterms';
    case 'range':
      return agg.dates ? 'date_range' : 'range';
    default:
      return agg.kind;
  }
}

const subAggs = (agg: Aggregation): Aggregations => ('sub' in agg ? agg.sub : {});

function withSub(bucket: unknown, sub: Aggregations): unknown {
  if (bucket === null || typeof bucket !== 'object' || Object.keys(sub).length === 0) return bucket;
  const b = bucket as Json;
  const typed = typedKeys(sub, b);
  return { ...Object.fromEntries(Object.entries(b).filter(([k]) => !(k in sub))), ...typed };
}

function typedOne(agg: Aggregation, result: unknown): unknown {
  const sub = subAggs(agg);
  if (result === null || typeof result !== 'object') return result;
  const r = result as Json;
  if (agg.kind === 'filter') return withSub(r, sub);
  if (!('buckets' in r) || Object.keys(sub).length === 0) return r;
  const buckets = Array.isArray(r.buckets)
    ? r.buckets.map((b) => withSub(b, sub))
    : Object.fromEntries(Object.entries(r.buckets as Json).map(([k, b]) => [k, withSub(b, sub)]));
  return { ...r, buckets };
}

/** `?typed_keys`: every aggregation's name in the answer as `type#name`, sub-aggregations too. */
export function typedKeys(aggs: Aggregations, result: Json): Json {
  return Object.fromEntries(
    Object.entries(result).map(([name, value]) => {
      const agg = aggs[name];
      return agg ? [`${typeName(agg)}#${name}`, typedOne(agg, value)] : [name, value];
    }),
  );
}
