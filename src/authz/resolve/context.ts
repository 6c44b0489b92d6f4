import type { IndicesOptions } from '../indices/options.ts';
import { indicesOptions } from '../indices/options.ts';
import type { IndexTarget, Resolution, Lookup } from './types.ts';
import type { IndexRef } from '../grammar/check-body.ts';
import type { DslFindings } from '../dsl/index.ts';

/** The request as a route's resolver sees it. */
export interface ResolveContext {
  readonly method: string;
  readonly segments: readonly string[];
  readonly params: Readonly<Record<string, string>>;
  /** Segment position of each path parameter. */
  readonly paramAt: Readonly<Record<string, number>>;
  readonly query: ReadonlyMap<string, string>;
  /** Parsed JSON body (routes with body 'json'), undefined when there is none. */
  readonly json?: unknown;
  /** Raw body bytes (routes with body 'ndjson'). */
  readonly raw?: Buffer;
  /** Index positions the checked body names (from the grammar). */
  readonly refs?: readonly IndexRef[];
  /** What the DSL walker found in the checked body. */
  readonly findings?: DslFindings;
}

/** The index expression the checked body names at `pointer` (a dotted path such as `source.index`). */
export function refsAt(ctx: ResolveContext, test: (pointer: readonly (string | number)[]) => boolean): readonly IndexRef[] {
  return (ctx.refs ?? []).filter((r) => test(r.pointer));
}

export const queryParams = (ctx: ResolveContext) => ({ get: (n: string) => ctx.query.get(n) });

/** The index target of a path parameter; when the parameter is absent, `insertAt` says where the rewrite puts it. */
export function pathTarget(
  ctx: ResolveContext,
  actions: readonly string[],
  defaults: IndicesOptions,
  opts: { param?: string; insertAt?: number; wildcards?: boolean } = {},
): IndexTarget {
  const param = opts.param ?? 'index';
  const options = indicesOptions(queryParams(ctx), defaults);
  const value = ctx.params[param];
  if (value !== undefined) {
    if (!plausibleExpression(value)) throw new NotAnIndexExpression(value);
    return { expression: value, actions, options, wildcards: opts.wildcards ?? true, where: { in: 'path', segment: ctx.paramAt[param] } };
  }
  return {
    expression: '',
    actions,
    options,
    wildcards: true,
    where: opts.insertAt === undefined ? { in: 'fixed' } : { in: 'path-insert', at: opts.insertAt },
  };
}

export function clusterResolution(action: string): Resolution {
  return { kind: 'cluster', action, targets: [] };
}

export function indicesResolution(action: string, targets: IndexTarget[], extra: Partial<Resolution> = {}): Resolution {
  return { kind: 'indices', action, targets, ...extra };
}

export function unresolved(ctx: ResolveContext): Resolution {
  return { kind: 'unresolved', action: `${ctx.method} /${ctx.segments.join('/')}`, targets: [] };
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An index field of a body: a string (comma list) or an array of strings, as ES reads `index`/`indices`. */
export function indexField(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(',');
  return null;
}

export type { Lookup };

/**
 * Thrown when a path segment in an index position cannot be an index expression (names never start with
 * `_`, except `_all`): the path is some other endpoint the gateway does not know, so it stays unresolved.
 */
export class NotAnIndexExpression extends Error {
  constructor(value: string) {
    super(`not an index expression [${value}]`);
  }
}

function plausibleExpression(value: string): boolean {
  if (value === '') return false;
  for (const part of value.split(',')) {
    const p = part.startsWith('-') ? part.slice(1) : part;
    if (p.startsWith('_') && p !== '_all') return false;
  }
  return true;
}
