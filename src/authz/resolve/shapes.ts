/**
 * What a request target means, worked out once per distinct target: the canonical parse, the route, and
 * for routes without a body the resolution itself. All of it is a pure function of the method and the raw
 * target, so repeats of the same request (a client polling one document, a dashboard re-running one
 * search) reuse it. Bounded: a least-recently-used map of short targets; long ones are not kept.
 */
import { BoundedMap } from '../../lib/bounded-map.ts';
import { parseTarget, formatTarget, type CanonicalTarget } from './canonical.ts';
import { matchRoute, bodyKind, resolveRequest, type RouteMatch } from './resolve.ts';
import type { BodyKind } from './routes.ts';
import type { Resolution } from './types.ts';

const MAX_ENTRIES = 2048;
const MAX_KEPT_TARGET = 512;

export interface RequestShape {
  readonly target: CanonicalTarget;
  readonly match: RouteMatch | null;
  readonly kind: BodyKind;
  /** The canonical request target: what is forwarded when authorization changes nothing. */
  readonly canonical: string;
  /** For body-less routes: the resolution and the index expressions it names. */
  readonly resolved?: { readonly resolution: Resolution; readonly indices: readonly string[] };
}

export class RequestShapes {
  readonly #kept = new BoundedMap<string, RequestShape>(MAX_ENTRIES);

  /** Throws the canonical-form error (400) for a target that cannot be parsed or resolved; errors are not kept. */
  of(method: string, rawUrl: string): RequestShape {
    const keep = rawUrl.length <= MAX_KEPT_TARGET;
    const key = keep ? method + ' ' + rawUrl : '';
    const known = keep ? this.#kept.get(key) : undefined;
    if (known) return known;
    const shape = shapeOf(method, rawUrl);
    if (keep) this.#kept.set(key, shape);
    return shape;
  }
}

function shapeOf(method: string, rawUrl: string): RequestShape {
  const target = parseTarget(rawUrl);
  const match = matchRoute(method, target.segments);
  const kind = bodyKind(match, method);
  const canonical = formatTarget(target.segments, target.query);
  if (kind !== 'none') return { target, match, kind, canonical };
  const resolution = resolveRequest({ method, segments: target.segments, query: target.query }, match);
  return { target, match, kind, canonical, resolved: { resolution, indices: expressionsOf(resolution) } };
}

/** The index expressions a resolution names, split on commas (for the audit trail). */
export function expressionsOf(resolution: Resolution): string[] {
  return resolution.targets.flatMap((t) => t.expression.split(',').filter(Boolean));
}
