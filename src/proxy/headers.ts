import type { IncomingHttpHeaders } from 'node:http';
import { illegalArgument } from '../core/errors.ts';
import { Secret } from '../core/secret.ts';

/**
 * Header hygiene for the forwarding path: which request headers reach the upstream cluster and which
 * response headers reach the client. Pure functions; the hot path calls them once per request.
 */

/** Hop-by-hop headers (RFC 9110 §7.6.1 plus common non-standard ones): never forwarded in either direction. */
export const HOP_BY_HOP: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'http2-settings',
]);

/**
 * Request headers that carry the client's credentials or identity claims. The gateway consumed them;
 * the upstream trusts only the gateway's own service credential. `cookie` is included: Elasticsearch
 * has no cookie-based authentication, so a cookie sent to the gateway is the client's session state with
 * some other site or with the gateway itself, and forwarding it would only leak it.
 * `opendistro_security_impersonate_as` is OpenSearch security's run-as header.
 */
export const CLIENT_CREDENTIAL_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'es-secondary-authorization',
  'es-security-runas-user',
  'es-client-authentication',
  'cookie',
  'opendistro_security_impersonate_as',
]);

const CLIENT_AUTHENTICATION = 'es-client-authentication';

/** Lower case, `_` as `-`: how many servers and frameworks behind a proxy read a header name. */
const dashed = (name: string) => name.toLowerCase().replaceAll('_', '-');

/**
 * Headers the gateway reads or that frame the request: the credential headers and the hop-by-hop, framing and
 * media-type headers, by their dashed name. A header that is one of these only once `_` is read as `-`
 * (`es_security_runas_user`, `Content_Type`) is refused: Node keeps it as a different header, while an upstream
 * server that maps `_` to `-` would read it as the one the gateway checked (or as a second one).
 */
const GUARDED: ReadonlyMap<string, string> = new Map(
  [...CLIENT_CREDENTIAL_HEADERS, ...HOP_BY_HOP, 'host', 'content-length', 'content-type', 'content-encoding', 'expect'].map((n) => [dashed(n), n]),
);
/** Lengths of guarded names spelt with `_` (OpenSearch's run-as header): their dashed twins are checked too. */
const UNDERSCORED_LENGTHS: ReadonlySet<number> = new Set([...GUARDED.values()].filter((n) => n.includes('_')).map((n) => n.length));
/**
 * Headers some servers and frameworks read as a replacement of the request's method or path: refused, since the
 * gateway authorizes the request line (neither Elasticsearch nor OpenSearch reads them; a proxy between might).
 */
const OVERRIDES: ReadonlySet<string> = new Set(['x-http-method-override', 'x-http-method', 'x-method-override', 'x-original-url', 'x-rewrite-url', 'x-original-method']);
const OVERRIDE_LENGTHS: ReadonlySet<number> = new Set([...OVERRIDES].map((n) => n.length));
const CREDENTIALS_DASHED: ReadonlySet<string> = new Set([...CLIENT_CREDENTIAL_HEADERS].map(dashed));

/**
 * Refuses (400) request headers whose meaning depends on who reads them: underscore twins of guarded headers,
 * method and path overrides (`X-HTTP-Method-Override`, `X-Original-URL`), a `Connection` header naming a
 * credential header (which would have a hop-by-hop-aware hop drop it after the gateway read it), and several
 * different `ES-Client-Authentication` values. `raw` is Node's `rawHeaders`.
 */
export function checkRequestHeaders(raw: readonly string[]): void {
  let clientAuthentication: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i];
    if (name.includes('_') || UNDERSCORED_LENGTHS.has(name.length)) {
      const canonical = GUARDED.get(dashed(name));
      if (canonical !== undefined && name.toLowerCase() !== canonical) {
        throw illegalArgument(`header [${name}] is not accepted: it would be read as [${canonical}] by a server that reads '_' as '-'`);
      }
    }
    if (OVERRIDE_LENGTHS.has(name.length) && OVERRIDES.has(name.toLowerCase())) {
      throw illegalArgument(`header [${name}] is not accepted: the method and the path are the request line's`);
    }
    if (name.length === 10 && name.toLowerCase() === 'connection') checkConnection(raw[i + 1]);
    else if (name.length === CLIENT_AUTHENTICATION.length && name.toLowerCase() === CLIENT_AUTHENTICATION) {
      if (clientAuthentication !== undefined && clientAuthentication !== raw[i + 1]) {
        throw illegalArgument('multiple values for single-valued header [ES-Client-Authentication].');
      }
      clientAuthentication = raw[i + 1];
    }
  }
}

function checkConnection(value: string): void {
  const tokens = mergeTokens(null, value);
  if (tokens === null) return;
  for (const token of tokens) {
    if (CREDENTIALS_DASHED.has(dashed(token))) throw illegalArgument(`the Connection header must not name the security header [${token}]`);
  }
}

/**
 * Request headers the gateway handles itself: `host` is set for the upstream, `expect: 100-continue` is
 * answered by Node's HTTP server before the request reaches us (and undici refuses to send it).
 */
const REPLACED_REQUEST_HEADERS: ReadonlySet<string> = new Set(['host', 'expect']);

export interface OutboundHeaderOptions {
  /** `host[:port]` of the upstream the request goes to. */
  readonly host: string;
  /** Full `Authorization` value of the service credential (`Basic …` or `ApiKey …`), if any. */
  readonly authorization?: Secret;
  /** Send versioned media types (`compatible-with`) as plain JSON / NDJSON (for OpenSearch); default true. */
  readonly plainMediaTypes?: boolean;
}

/** The headers to send upstream for a client request's headers (as Node parsed them). Does not mutate `incoming`. */
export function outboundHeaders(
  incoming: IncomingHttpHeaders,
  options: OutboundHeaderOptions,
): Record<string, string | string[]> {
  const listed = connectionTokens(incoming.connection);
  const plain = options.plainMediaTypes !== false;
  const out: Record<string, string | string[]> = { host: options.host };
  for (const name in incoming) {
    const value = incoming[name];
    if (value === undefined) continue;
    if (HOP_BY_HOP.has(name) || CLIENT_CREDENTIAL_HEADERS.has(name) || REPLACED_REQUEST_HEADERS.has(name)) continue;
    if (listed !== null && listed.has(name)) continue;
    out[name] = plain && (name === 'content-type' || name === 'accept') ? plainMediaType(value) : value;
  }
  if (options.authorization !== undefined) out.authorization = options.authorization.reveal();
  return out;
}

const COMPAT_MEDIA_TYPE = /application\/vnd\.elasticsearch\+(json|x-ndjson)\s*(;\s*compatible-with\s*=\s*\d+)?/gi;

/**
 * Elasticsearch's versioned media types (`application/vnd.elasticsearch+json; compatible-with=9`, sent by the
 * official clients) as the plain ones every Elasticsearch and OpenSearch version reads: for OpenSearch, which
 * refuses the versioned ones (flavor.ts decides).
 */
export function plainMediaType(value: string | string[]): string | string[] {
  const one = (v: string) => v.replace(COMPAT_MEDIA_TYPE, (_m, kind: string) => (kind.toLowerCase() === 'json' ? 'application/json' : 'application/x-ndjson'));
  return Array.isArray(value) ? value.map(one) : one(value);
}

export interface ResponseHeaderOptions {
  /** Sets exactly one `X-elastic-product: Elasticsearch` (replacing any the upstream sent). */
  readonly addProductHeader?: boolean;
}

const PRODUCT_HEADER = 'x-elastic-product';
/** The upstream's challenge is about the gateway's own credential, never the client's: it is not relayed. */
const UPSTREAM_CHALLENGE = 'www-authenticate';

/**
 * The headers to send to the client for an upstream response's raw headers (`[name, value, name, value…]`,
 * original case and order, duplicates kept; never the upstream's `WWW-Authenticate`). Returns the same flat shape, which `res.writeHead` accepts.
 */
export function responseHeaders(raw: readonly string[], options: ResponseHeaderOptions = {}): string[] {
  const addProduct = options.addProductHeader === true;
  const out: string[] = [];
  let listed: Set<string> | null = null;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (HOP_BY_HOP.has(name)) {
      if (name === 'connection') listed = mergeTokens(listed, raw[i + 1]);
      continue;
    }
    if (addProduct && name === PRODUCT_HEADER) continue;
    if (name === UPSTREAM_CHALLENGE) continue;
    out.push(raw[i], raw[i + 1]);
  }
  const filtered = listed === null ? out : withoutNames(out, listed);
  if (addProduct) filtered.push('X-elastic-product', 'Elasticsearch');
  return filtered;
}

/** Header names listed in a `Connection` header (lowercase), ignoring `close` / `keep-alive`; null if none. */
function connectionTokens(value: string | string[] | undefined): Set<string> | null {
  if (value === undefined) return null;
  return mergeTokens(null, Array.isArray(value) ? value.join(',') : value);
}

function mergeTokens(into: Set<string> | null, value: string): Set<string> | null {
  if (value.length <= 10 && /^(?:keep-alive|close)$/i.test(value)) return into; // the usual case
  let set = into;
  for (const part of value.split(',')) {
    const token = part.trim().toLowerCase();
    if (token === '' || token === 'close' || token === 'keep-alive') continue;
    (set ??= new Set()).add(token);
  }
  return set;
}

function withoutNames(flat: string[], names: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < flat.length; i += 2) {
    if (!names.has(flat[i].toLowerCase())) out.push(flat[i], flat[i + 1]);
  }
  return out;
}

export interface ServiceCredentialSettings {
  readonly username?: string;
  readonly password?: Secret;
  /** The encoded API key (base64 of `id:api_key`), sent as `Authorization: ApiKey <value>`. */
  readonly apiKey?: Secret;
}

/**
 * The `Authorization` value for the upstream service credential, or undefined when none is configured.
 * Throws on a half or double configuration (checked once, at startup).
 */
export function serviceAuthorization(settings: ServiceCredentialSettings): Secret | undefined {
  const { username, password, apiKey } = settings;
  const hasBasic = username !== undefined || password !== undefined;
  if (hasBasic && apiKey !== undefined) {
    throw illegalArgument('upstream credential: set either username/password or api_key, not both');
  }
  if (apiKey !== undefined) return new Secret(`ApiKey ${apiKey.reveal()}`);
  if (!hasBasic) return undefined;
  if (username === undefined || username === '' || password === undefined) {
    throw illegalArgument('upstream credential: username and password must both be set');
  }
  return new Secret(`Basic ${Buffer.from(`${username}:${password.reveal()}`, 'utf8').toString('base64')}`);
}
