/**
 * Writes whose outcome a script or an ingest pipeline decides (issue 14, finding 4): the resolutions say so
 * in `retargets`, and the forward decision requires the caller to hold the writes on every index.
 * - `_update_by_query` with a script may delete (`ctx.op`); it cannot change `_index` (OpenSearch and ES refuse
 *   "Modifying [_index] not allowed"), so it needs delete on the same indices. A `pipeline` may retarget.
 * - `_update/{id}` with a script may delete the document (`ctx.op = "delete"`); `_index` is not writable there.
 * - Settings that name a default or final pipeline are guarded like the pipeline itself.
 */
import { STRICT_EXPAND_OPEN, STRICT_SINGLE } from '../indices/options.ts';
import { pipelineParam, settingsRetargets } from '../retarget/check.ts';
import { type ResolveContext, isObject, indicesResolution, pathTarget } from './context.ts';
import type { Resolution } from './types.ts';
import type { RouteSpec } from './routes.ts';

const UBQ_ACTION = 'indices:data/write/update/byquery';
const UPDATE_ACTION = 'indices:data/write/update';
const DELETE_ACTION = 'indices:data/write/delete';
const SEARCH_ACTION = 'indices:data/read/search';

const scripted = (body: unknown) => isObject(body) && body.script !== undefined;

export function resolveUpdateByQuery(ctx: ResolveContext): Resolution {
  const actions = [UBQ_ACTION, SEARCH_ACTION, ...(scripted(ctx.json) ? [DELETE_ACTION] : [])];
  return indicesResolution(UBQ_ACTION, [pathTarget(ctx, actions, STRICT_EXPAND_OPEN)], {
    retargets: pipelineParam(ctx.query, '_update_by_query'),
  });
}

export function resolveUpdate(ctx: ResolveContext): Resolution {
  const actions = [UPDATE_ACTION, ...(scripted(ctx.json) ? [DELETE_ACTION] : [])];
  return indicesResolution(UPDATE_ACTION, [pathTarget(ctx, actions, STRICT_SINGLE, { wildcards: false })]);
}

/**
 * The route, reading its JSON body for the `index.default_pipeline` / `index.final_pipeline` it sets
 * (`settings` names the part of the body that holds settings; the whole body when absent).
 */
export function guardSettings(spec: RouteSpec, api: string, part?: (body: Record<string, unknown>) => unknown): RouteSpec {
  return {
    ...spec,
    body: 'json',
    resolve: (ctx) => {
      const r = spec.resolve(ctx);
      const body = ctx.json;
      const settings = isObject(body) && part ? part(body) : body;
      const retargets = settingsRetargets(settings, api);
      return retargets.length === 0 ? r : { ...r, retargets: [...(r.retargets ?? []), ...retargets] };
    },
  };
}
