/** Aggregations: `{ "<name>": { "<type>": { … }, aggs, meta } }`, every type from the table. */
import { isObject } from '../resolve/context.ts';
import { Role } from './roles.ts';
import { AGG_TYPES } from './agg-types.ts';
import { parsingError, illegalDsl } from './errors.ts';
import { Limits, type WalkState } from './state.ts';
import { walkParams } from './dispatch.ts';
import { walkQuery } from './queries.ts';

const CONTAINER_KEYS = new Set(['aggs', 'aggregations', 'meta']);

export function walkAggs(v: unknown, s: WalkState, at: string): void {
  if (!isObject(v)) throw parsingError(`Expected [START_OBJECT] under [${at.split('.').pop()}], but got a [${Array.isArray(v) ? 'START_ARRAY' : 'VALUE'}]`);
  if (++s.aggDepth > Limits.aggDepth) throw illegalDsl(`aggregations nest deeper than ${Limits.aggDepth} levels`);
  try {
    for (const name in v) walkAgg(name, v[name], s, `${at}.${name}`);
  } finally {
    s.aggDepth--;
  }
}

function walkAgg(name: string, v: unknown, s: WalkState, at: string): void {
  if (!isObject(v)) throw parsingError(`Expected [START_OBJECT] under [${name}], but got a [VALUE] in [${name}]`);
  let type: string | undefined;
  for (const k in v) {
    if (CONTAINER_KEYS.has(k)) continue;
    if (type !== undefined) throw parsingError(`Found two aggregation type definitions in [${name}]: [${type}] and [${k}]`);
    type = k;
  }
  if (type === undefined) throw parsingError(`Missing definition for aggregation [${name}]`);
  if (v.aggs !== undefined && v.aggregations !== undefined) throw parsingError(`Found two sub aggregation definitions under [${name}]`);
  const spec = Object.hasOwn(AGG_TYPES, type) ? AGG_TYPES[type] : undefined;
  if (!spec) throw parsingError(`Unknown aggregation type [${type}]`);
  const body = v[type];
  if (spec.bodyIsQuery) walkQuery(body, s, `${at}.${type}`);
  else walkParams(body, { script: Role.script, ...spec.params }, s, `${at}.${type}`, type);
  const sub = v.aggs ?? v.aggregations;
  if (sub !== undefined && sub !== null) walkAggs(sub, s, `${at}.${v.aggs !== undefined ? 'aggs' : 'aggregations'}`);
}
