/**
 * REST request → ES action name and index targets. Routes are matched on the canonical decoded segments
 * (literal segments beat parameters, as in ES's path trie); an unknown endpoint is `unresolved`.
 */
import { EsError } from '../../core/errors.ts';
import { ROUTES, type RouteSpec, type BodyKind } from './routes.ts';
import { type ResolveContext, NotAnIndexExpression, unresolved } from './context.ts';
import { indicesOptions, STRICT_EXPAND_OPEN } from '../indices/options.ts';
import { apiFor, bodyKindOf, checkRequest, type CheckedRequest } from '../grammar/index.ts';
import type { IndexTarget, Resolution } from './types.ts';

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

/** Which body the route needs read before it can be resolved (its API's grammar says). */
export function bodyKind(match: RouteMatch | null, method = 'GET'): BodyKind {
  if (!match) return 'none';
  const api = apiFor(method, match.spec.path);
  return api ? bodyKindOf(api) : match.spec.body;
}

export interface ResolveInput {
  readonly method: string;
  readonly segments: readonly string[];
  readonly query: ReadonlyMap<string, string>;
  /** The (decoded) body bytes for routes that read one. */
  readonly body?: Buffer;
}

/**
 * Checks the request against its API's grammar (query parameters, body), then resolves the checked value.
 * The resolution carries the checked body (`body`): it is what is forwarded, re-serialized.
 */
export function resolveRequest(input: ResolveInput, match: RouteMatch | null = matchRoute(input.method, input.segments)): Resolution {
  const prepared = prepare(input, match);
  if ('unresolved' in prepared) return prepared.unresolved;
  const { ctx, checked, spec } = prepared;
  let r: Resolution;
  try {
    r = spec.resolve(ctx);
  } catch (e) {
    if (e instanceof NotAnIndexExpression) return unresolved(ctx);
    throw e;
  }
  return withGrammar(r, ctx, checked);
}

/** The same, for the forward path: routes with large bodies (`_bulk`, `_msearch`) resolve a slice at a time. */
export async function resolveRequestSliced(input: ResolveInput, match: RouteMatch | null = matchRoute(input.method, input.segments)): Promise<Resolution> {
  const sliced = match?.spec.resolveSliced;
  if (!match || !sliced) return resolveRequest(input, match);
  const prepared = prepare(input, match);
  if ('unresolved' in prepared) return prepared.unresolved;
  const { ctx, checked } = prepared;
  let r: Resolution;
  try {
    r = await sliced(ctx);
  } catch (e) {
    if (e instanceof NotAnIndexExpression) return unresolved(ctx);
    throw e;
  }
  return withGrammar(r, ctx, checked);
}

/** Checks the request against its API's grammar and builds the context the route's resolver reads. */
function prepare(input: ResolveInput, match: RouteMatch | null): { unresolved: Resolution } | { ctx: ResolveContext; checked: CheckedRequest; spec: RouteMatch['spec'] } {
  const base = { method: input.method, segments: input.segments, query: input.query, params: {}, paramAt: {} };
  if (!match) return { unresolved: unresolved(base) };
  const api = apiFor(input.method, match.spec.path);
  if (!api) return { unresolved: unresolved(base) }; // a route without a grammar is not forwarded as understood
  const checked = checkRequest(api, input.method, input.segments, input.query, input.body);
  const ctx: ResolveContext = {
    ...base,
    params: match.params,
    paramAt: match.paramAt,
    json: checked.json,
    raw: bodyKindOf(api) === 'ndjson' ? (input.body ?? Buffer.alloc(0)) : undefined,
    refs: checked.refs,
    findings: checked.findings,
  };
  return { ctx, checked, spec: match.spec };
}


/** Adds what the grammar found: targets of `auto` index positions, the DSL's lookups, the checked body. */
function withGrammar(r: Resolution, ctx: ResolveContext, checked: CheckedRequest): Resolution {
  if (r.kind === 'unresolved' || r.kind === 'open') return r;
  const auto: IndexTarget[] = checked.refs
    .filter((ref) => ref.role.by === 'auto')
    .map((ref) => ({
      expression: ref.expression,
      actions: ref.role.actions,
      options: ref.role.options ?? indicesOptions({ get: (n) => ctx.query.get(n) }, STRICT_EXPAND_OPEN),
      wildcards: !ref.role.single,
      where: ref.key ? { in: 'fixed' as const } : { in: 'body' as const, pointer: ref.pointer },
    }));
  const lookups = checked.findings.lookups;
  if (auto.length === 0 && lookups.length === 0 && checked.json === undefined) return r;
  const kind = r.kind === 'cluster' && (auto.length > 0 || lookups.length > 0) ? 'indices' : r.kind;
  return {
    ...r,
    kind,
    targets: [...r.targets, ...auto],
    lookups: [...(r.lookups ?? []), ...lookups],
    body: r.body ?? checked.json,
    clusterActions: kind !== r.kind ? [...(r.clusterActions ?? []), r.action] : r.clusterActions,
  };
}

export { EsError };
