/**
 * Documents a query reads from other indices while it runs, each authorized as the caller would be in ES
 * (ES runs them as the user): terms lookup, geo_shape/shape `indexed_shape`, percolate by id
 * (`indices:data/read/get`), more_like_this documents (`indices:data/read/mtv`). The whole body is
 * scanned, so a lookup inside an aggregation, a rescore or an alias filter is found too.
 */
import type { Lookup } from './types.ts';
import { isObject } from './context.ts';

export const GET_ACTION = 'indices:data/read/get';
export const MTV_ACTION = 'indices:data/read/mtv';

export function findLookups(body: unknown): Lookup[] {
  const out: Lookup[] = [];
  walk(body, out, 0);
  return out;
}

function walk(v: unknown, out: Lookup[], depth: number): void {
  if (depth > 200) return;
  if (Array.isArray(v)) {
    for (const x of v) walk(x, out, depth + 1);
    return;
  }
  if (!isObject(v)) return;
  // terms lookup, indexed_shape, percolate: { index, id }
  if (typeof v.index === 'string' && ('id' in v || 'path' in v)) out.push({ index: v.index, action: GET_ACTION });
  // more_like_this like/unlike documents: { _index, _id | doc }
  if (typeof v._index === 'string' && ('_id' in v || 'doc' in v)) out.push({ index: v._index, action: MTV_ACTION });
  for (const k in v) walk(v[k], out, depth + 1);
}

/** Point-in-time ids a search body uses (`pit.id`). */
export function pitIdsOf(body: unknown): string[] {
  if (!isObject(body) || !isObject(body.pit)) return [];
  const id = body.pit.id;
  return typeof id === 'string' ? [id] : [];
}
