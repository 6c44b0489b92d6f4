import { EsError } from '../core/errors.ts';
import type { Route } from './routes.ts';

interface Compiled {
  readonly route: Route;
  readonly segments: readonly { literal?: string; param?: string }[];
  readonly literals: number;
}

export type Match =
  | { readonly kind: 'route'; readonly route: Route; readonly params: Record<string, string> }
  /** A served path, but not with this method: ES answers 405 with the allowed methods. */
  | { readonly kind: 'method_not_allowed'; readonly allowed: readonly string[] }
  /** Under a served prefix, but no such endpoint: ES answers 400 "no handler found". */
  | { readonly kind: 'no_handler' }
  /** Not served here: forward to the cluster. */
  | { readonly kind: 'forward' };

/** Matches decoded path segments against the routes table; literal segments beat parameters. */
export class Router {
  readonly #compiled: readonly Compiled[];
  readonly #prefixes: ReadonlySet<string>;

  constructor(routes: readonly Route[], servedPrefixes: readonly string[]) {
    this.#compiled = routes
      .map((route) => {
        const segments = route.path
          .split('/')
          .filter(Boolean)
          .map((s) => (s.startsWith('{') ? { param: s.slice(1, -1) } : { literal: s }));
        return { route, segments, literals: segments.filter((s) => s.literal !== undefined).length };
      })
      .sort(byLiteralFirst);
    this.#prefixes = new Set(servedPrefixes);
  }

  /**
   * `match` on a raw (still percent-encoded) path. The served prefixes are checked on the first segment
   * alone, so a forwarded request costs one short decode, not the whole path's.
   */
  matchPath(method: string, rawPath: string): Match {
    let start = 0;
    while (rawPath.charCodeAt(start) === 0x2f /* / */) start++;
    const end = rawPath.indexOf('/', start);
    const first = rawPath.slice(start, end < 0 ? rawPath.length : end);
    if (first === '' || !this.#prefixes.has(first.includes('%') ? decodeSegment(first, rawPath) : first)) return FORWARD;
    return this.match(method, decodePath(rawPath));
  }

  match(method: string, segments: readonly string[]): Match {
    if (segments.length === 0 || !this.#prefixes.has(segments[0])) return FORWARD;
    const allowed = new Set<string>();
    for (const c of this.#compiled) {
      const params = matchSegments(c, segments);
      if (!params) continue;
      if (c.route.methods.includes(method) || (method === 'HEAD' && c.route.methods.includes('GET'))) {
        return { kind: 'route', route: c.route, params };
      }
      c.route.methods.forEach((m) => allowed.add(m));
    }
    return allowed.size > 0 ? { kind: 'method_not_allowed', allowed: [...allowed] } : { kind: 'no_handler' };
  }
}

/** At the first segment where two routes differ in kind, the literal one wins (as ES's path trie); then more literals. */
function byLiteralFirst(a: Compiled, b: Compiled): number {
  for (let i = 0; i < Math.min(a.segments.length, b.segments.length); i++) {
    const al = a.segments[i].literal !== undefined;
    const bl = b.segments[i].literal !== undefined;
    if (al !== bl) return al ? -1 : 1;
  }
  return b.literals - a.literals;
}

function matchSegments(c: Compiled, segments: readonly string[]): Record<string, string> | null {
  if (c.segments.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const want = c.segments[i];
    if (want.literal !== undefined) {
      if (want.literal !== segments[i]) return null;
    } else params[want.param!] = segments[i];
  }
  return params;
}

const FORWARD: Match = Object.freeze({ kind: 'forward' });

/** Splits a raw path into decoded segments (empty ones dropped), as ES decodes each path component. */
export function decodePath(rawPath: string): string[] {
  return rawPath
    .split('/')
    .filter(Boolean)
    .map((s) => decodeSegment(s, rawPath));
}

function decodeSegment(segment: string, rawPath: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new EsError('illegal_argument', `unable to decode path [${rawPath}]`);
  }
}
