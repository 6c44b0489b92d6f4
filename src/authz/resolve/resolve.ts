/**
 * REST request → ES action name and index targets. Routes are matched on the canonical decoded segments
 * (literal segments beat parameters, as in ES's path trie); an unknown endpoint is `unresolved`.
 */
import { EsError } from '../../core/errors.ts';
import { ROUTES, type RouteSpec, type BodyKind } from './routes.ts';
import { type ResolveContext, NotAnIndexExpression, unresolved } from './context.ts';
import { parseStrictJsonBytes } from './strict-json.ts';
import type { Resolution } from './types.ts';

interface Compiled {
  readonly spec: RouteSpec;
  readonly segments: readonly { readonly literal?: string; readonly param?: string }[];
  readonly literals: number;
  readonly order: number;
}

const BY_LENGTH: ReadonlyMap<number, readonly Compiled[]> = (() => {
  const m = new Map<number, Compiled[]>();
  ROUTES.forEach((spec, order) => {
    const segments = spec.path.split('/').filter(Boolean).map((s) => (s.startsWith('{') ? { param: s.slice(1, -1) } : { literal: s }));
    const c = { spec, segments, literals: segments.filter((s) => s.literal !== undefined).length, order };
    const list = m.get(segments.length) ?? [];
    list.push(c);
    m.set(segments.length, list);
  });
  for (const list of m.values()) list.sort((a, b) => b.literals - a.literals || a.order - b.order);
  return m;
})();

export interface RouteMatch {
  readonly spec: RouteSpec;
  readonly params: Record<string, string>;
  readonly paramAt: Record<string, number>;
}

export function matchRoute(method: string, segments: readonly string[]): RouteMatch | null {
  const m = method === 'HEAD' ? ['HEAD', 'GET'] : [method];
  for (const c of BY_LENGTH.get(segments.length) ?? []) {
    if (!c.spec.methods.some((x) => m.includes(x))) continue;
    const params: Record<string, string> = {};
    const paramAt: Record<string, number> = {};
    let ok = true;
    for (let i = 0; i < segments.length && ok; i++) {
      const want = c.segments[i];
      if (want.literal !== undefined) ok = want.literal === segments[i];
      else {
        params[want.param!] = segments[i];
        paramAt[want.param!] = i;
      }
    }
    if (ok) return { spec: c.spec, params, paramAt };
  }
  return null;
}

/** Which body the route needs read before it can be resolved. */
export function bodyKind(match: RouteMatch | null): BodyKind {
  return match?.spec.body ?? 'none';
}

export interface ResolveInput {
  readonly method: string;
  readonly segments: readonly string[];
  readonly query: ReadonlyMap<string, string>;
  /** The (decoded) body bytes for routes that read one. */
  readonly body?: Buffer;
}

export function resolveRequest(input: ResolveInput, match: RouteMatch | null = matchRoute(input.method, input.segments)): Resolution {
  if (!match) return unresolved(baseContext(input));
  const ctx = contextOf(input, match);
  try {
    return match.spec.resolve(ctx);
  } catch (e) {
    if (e instanceof NotAnIndexExpression) return unresolved(ctx);
    throw e;
  }
}

/** The same, for the forward path: routes with large bodies (`_bulk`, `_msearch`) resolve a slice at a time. */
export async function resolveRequestSliced(input: ResolveInput, match: RouteMatch | null = matchRoute(input.method, input.segments)): Promise<Resolution> {
  const sliced = match?.spec.resolveSliced;
  if (!match || !sliced) return resolveRequest(input, match);
  const ctx = contextOf(input, match);
  try {
    return await sliced(ctx);
  } catch (e) {
    if (e instanceof NotAnIndexExpression) return unresolved(ctx);
    throw e;
  }
}

function baseContext(input: ResolveInput): ResolveContext {
  return { method: input.method, segments: input.segments, query: input.query, params: {}, paramAt: {} };
}

function contextOf(input: ResolveInput, match: RouteMatch): ResolveContext {
  const kind = match.spec.body;
  return {
    ...baseContext(input),
    params: match.params,
    paramAt: match.paramAt,
    json: kind === 'json' && input.body && input.body.length > 0 ? parseJsonBody(input.body) : undefined,
    raw: kind === 'ndjson' ? (input.body ?? Buffer.alloc(0)) : undefined,
  };
}

function parseJsonBody(body: Buffer): unknown {
  if (body.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09)) return undefined;
  return parseStrictJsonBytes(body);
}

export { EsError };
