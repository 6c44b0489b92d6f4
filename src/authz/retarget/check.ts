/**
 * Writes that a script or an ingest pipeline may send to another index than the request names (issue 14,
 * finding 4). ES re-checks every resulting write as the user; the upstream here checks nothing, so the gateway
 * forwards such a request only when the caller already holds the write actions on every index there is
 * (hidden and restricted ones included). A pipeline proven unable to change `_index` is no retarget.
 */
import type { Permission } from '../permission.ts';
import type { IndexMetadata } from '../indices/metadata.ts';
import type { Retarget } from '../resolve/types.ts';
import type { PipelineSource } from './pipelines.ts';
import { pipelinesInSettings } from './pipeline-classifier.ts';

/** A script may re-index into any index (creating it) or delete: `ctx._index`, `ctx.op = "delete"`. */
export const SCRIPT_WRITE_ACTIONS = ['indices:data/write/index', 'indices:data/write/delete', 'indices:admin/auto_create'] as const;
/** A pipeline may send the document to any index (creating it). */
export const PIPELINE_WRITE_ACTIONS = ['indices:data/write/index', 'indices:admin/auto_create'] as const;

export function scriptRetarget(api: string): Retarget {
  return { reason: `the script of [${api}] can send writes to any index (ctx._index) or delete documents (ctx.op)`, actions: SCRIPT_WRITE_ACTIONS };
}

export function pipelineRetarget(id: string, where: string): Retarget {
  return { reason: `the ingest pipeline [${id}] of ${where}`, actions: PIPELINE_WRITE_ACTIONS, pipeline: id };
}

/** The `pipeline` query parameter (`_none` names no pipeline). */
export function pipelineParam(query: ReadonlyMap<string, string>, api: string): Retarget[] {
  const id = query.get('pipeline');
  return id === undefined || id === '' || id === '_none' ? [] : [pipelineRetarget(id, `the [pipeline] parameter of [${api}]`)];
}

/** Settings (create index, put settings, templates, rollover, resize) that make a pipeline the default or final one. */
export function settingsRetargets(body: unknown, api: string): Retarget[] {
  return [...new Set(pipelinesInSettings(body))].map((id) => pipelineRetarget(id, `the index settings of [${api}] (index.default_pipeline / index.final_pipeline)`));
}

export interface RetargetCheck {
  readonly permission: Permission;
  readonly retargets: readonly Retarget[];
  /** Names written to (indices, aliases, data streams): their default and final pipelines run on the writes. */
  readonly written: readonly string[];
  readonly metadata: IndexMetadata | null;
  readonly pipelines?: PipelineSource;
}

export interface UnmetRetarget {
  readonly reason: string;
  readonly actions: readonly string[];
}

/** The first retarget the caller is not covered for, or null; `consulted` says whether pipelines were looked up. */
export async function unmetRetarget(c: RetargetCheck): Promise<{ unmet: UnmetRetarget | null; consulted: boolean }> {
  const covers = (actions: readonly string[]) => c.permission.coversEveryIndex?.(actions) === true;
  const pipelines: Retarget[] = [];
  for (const r of c.retargets) {
    if (r.pipeline !== undefined) pipelines.push(r);
    else if (!covers(r.actions)) return { unmet: r, consulted: false };
  }
  if (c.metadata) pipelines.push(...defaultPipelines(c.metadata, c.written));
  if (pipelines.length === 0) return { unmet: null, consulted: false };
  const seen = new Set<string>();
  for (const r of pipelines) {
    const id = r.pipeline!;
    if (seen.has(id) || covers(r.actions)) continue;
    seen.add(id);
    const why = c.pipelines ? await c.pipelines.mayRetarget(id) : 'pipelines cannot be checked by this gateway';
    if (why !== null) return { unmet: { reason: `${r.reason}: ${why}`, actions: r.actions }, consulted: true };
  }
  return { unmet: null, consulted: true };
}

/** The default / final pipelines of the concrete indices behind the written names. */
function defaultPipelines(md: IndexMetadata, written: readonly string[]): Retarget[] {
  const out: Retarget[] = [];
  const seen = new Set<string>();
  const add = (index: string) => {
    if (seen.has(index)) return;
    seen.add(index);
    for (const id of md.get(index)?.pipelines ?? []) out.push(pipelineRetarget(id, `the index [${index}] (index.default_pipeline / index.final_pipeline)`));
  };
  for (const name of written) {
    const a = md.get(name);
    if (!a) continue;
    if (a.kind === 'index') add(name);
    else a.indices.forEach(add);
  }
  return out;
}
