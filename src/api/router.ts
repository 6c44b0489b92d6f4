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
  /** Another product's security API (OpenSearch's plugin): never served, never forwarded — a 400 that says so. */
  | { readonly kind: 'refused'; readonly reason: string }
  /** Not served here: forward to the cluster. */
  | { readonly kind: 'forward' };

/**
 * The 7.x paths of the security API (`/_xpack/security/<x>`, `<x>` one of these), which Elasticsearch 8 still
 * served as `/_security/<x>` to requests sent with `compatible-with=7`; Elasticsearch 9 has none of them.
 */
const XPACK_SECURITY_V7: ReadonlySet<string> = new Set(['_authenticate', 'user', 'role', 'role_mapping', 'privilege', 'oauth2', 'realm', 'saml']);
/** First path segments under which some product's security API lives besides `_security`. */
const ALIAS_ROOTS: ReadonlySet<string> = new Set(['_xpack', '_opendistro', '_plugins']);

/** Matches decoded path segments against the routes table; literal segments beat parameters. */
export class Router {
  readonly #compiled: readonly Compiled[];
  readonly #prefixes: ReadonlySet<string>;
  /** A route for `/` itself (the ES face's `GET /`): the root is served, not forwarded. */
  readonly #servesRoot: boolean;

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
    this.#servesRoot = this.#compiled.some((c) => c.segments.length === 0);
  }

  /**
   * `match` on a raw (still percent-encoded) path (`/` is the root). The served prefixes are checked on the first segment
   * alone, so a forwarded request costs one short decode, not the whole path's.
   */
  matchPath(method: string, rawPath: string, compatibleWith: () => number | undefined = () => undefined): Match {
    let start = 0;
    while (rawPath.charCodeAt(start) === 0x2f /* / */) start++;
    const end = rawPath.indexOf('/', start);
    const raw = rawPath.slice(start, end < 0 ? rawPath.length : end);
    const first = raw.includes('%') ? decodeSegment(raw, rawPath) : raw;
    if (first === '') return this.match(method, []);
    if (ALIAS_ROOTS.has(first)) return this.#alias(method, decodePath(rawPath), compatibleWith);
    if (this.#prefixes.has(first)) return this.match(method, decodePath(rawPath));
    return FORWARD;
  }

  /**
   * Security APIs under another name are served here or refused, never forwarded: `/_xpack/security/...` is
   * served as `/_security/...` to a request that asks for `compatible-with=7` (as Elasticsearch 8) and has no
   * handler otherwise (as Elasticsearch 9); OpenSearch's security plugin API is refused.
   */
  #alias(method: string, segments: readonly string[], compatibleWith: () => number | undefined): Match {
    if (segments[0] === '_xpack' && segments[1] === 'security') {
      if (segments.length > 2 && XPACK_SECURITY_V7.has(segments[2]) && compatibleWith() === 7) return this.match(method, ['_security', ...segments.slice(2)]);
      return NO_HANDLER;
    }
    if (segments[1] === '_security') {
      const reason = `the OpenSearch security plugin API [/${segments[0]}/_security] is not available through the gateway (never forwarded to the cluster); use the Elasticsearch security API under [/_security]`;
      return { kind: 'refused', reason };
    }
    return this.#prefixes.has(segments[0]) ? this.match(method, segments) : FORWARD;
  }

  match(method: string, segments: readonly string[]): Match {
    if (segments.length === 0 ? !this.#servesRoot : !this.#prefixes.has(segments[0])) return FORWARD;
    // The most literal path that matches decides, as in ES's path trie: a path without the method is a 405
    // even when a parameter path would take it (`GET /_security/profile/_activate` is not a profile uid).
    const first = this.#compiled.find((c) => matchSegments(c, segments));
    if (!first) return { kind: 'no_handler' };
    const allowed = new Set<string>();
    for (const c of this.#compiled) {
      if (c.route.path !== first.route.path) continue;
      if (c.route.methods.includes(method) || (method === 'HEAD' && c.route.methods.includes('GET'))) {
        return { kind: 'route', route: c.route, params: matchSegments(c, segments)! };
      }
      c.route.methods.forEach((m) => allowed.add(m));
    }
    return { kind: 'method_not_allowed', allowed: [...allowed].sort(byEsMethodOrder) };
  }
}

/** ES lists the allowed methods of a 405 in the order of its method enum. */
const ES_METHOD_ORDER = ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE', 'CONNECT'];
const byEsMethodOrder = (a: string, b: string) => ES_METHOD_ORDER.indexOf(a) - ES_METHOD_ORDER.indexOf(b);

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
const NO_HANDLER: Match = Object.freeze({ kind: 'no_handler' });

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
