/**
 * Calls an API named as in the YAML tests (`security.create_api_key`) through an official
 * JavaScript client (`client.security.createApiKey`), 9.x (`@elastic/elasticsearch`) or 8.x
 * (`elasticsearch8`). The client builds the method and path from the named parameters; a small
 * transport hook then makes the request carry exactly what the YAML step says: every parameter that
 * is not a path part goes to the query string, and the body is the step's body (the client alone
 * would move unknown parameters into the body). API names of other REST spec versions that the
 * clients spell differently are mapped by API_ALIASES.
 */
import { Client, SniffingTransport, errors } from '@elastic/elasticsearch';
import { Client as Client8, SniffingTransport as SniffingTransport8, errors as errors8 } from 'elasticsearch8';

export type ClientMajor = '8' | '9';

/**
 * YAML API names that both clients spell differently: the name in the test → the clients' name.
 * `security.query_api_key` is how older copies of the tests name the query API key API, which the REST
 * spec (and every client since 7.15) calls `security.query_api_keys`.
 */
export const API_ALIASES: Readonly<Record<string, string>> = {
  'security.query_api_key': 'security.query_api_keys',
};

export interface ApiResponse {
  status: number;
  body: unknown;
  headers: Record<string, unknown>;
}

export type CallResult =
  /** `error`: the client treated the status as an error (not 2xx, not ignored, not a HEAD 404). */
  | { kind: 'response'; response: ApiResponse; error: boolean }
  /** The request could not produce a usable response (unknown API, transport error, product check). */
  | { kind: 'broken'; message: string; response?: ApiResponse };

export interface PreparedCall {
  api: string;
  params: Record<string, unknown>;
  bodies?: unknown[];
  rawBody?: string;
  headers: Record<string, string>;
  ignore?: number[];
}

const YAML_CALL = Symbol('portcullis.conformance.yamlCall');

interface Hooked {
  call: PreparedCall;
  reached: boolean;
}

type AnyParams = Record<string, unknown> & { meta?: { acceptedParams?: { path?: string[] } }; querystring?: unknown };

function hook(params: any, options: any): any {
  const hooked = options?.[YAML_CALL] as Hooked | undefined;
  if (!hooked) return params;
  hooked.reached = true;
  return reshape(params as AnyParams, hooked.call);
}

class YamlTransport extends SniffingTransport {
  override request(params: any, options?: any): Promise<any> {
    return super.request(hook(params, options), options);
  }
}

class YamlTransport8 extends SniffingTransport8 {
  override request(params: any, options?: any): Promise<any> {
    return super.request(hook(params, options), options);
  }
}

/**
 * The step's parameters that are path parts. The 9.x client names them (`meta.acceptedParams.path`);
 * the 8.x client does not: there a parameter it did not put in the query string is a path part when
 * its value is one of the path's segments (else it is a body field name, which YAML sends as a query
 * parameter).
 */
function pathParameters(params: AnyParams, call: PreparedCall): Set<string> {
  const named = params.meta?.acceptedParams?.path;
  if (named) return new Set(named);
  const query = (params.querystring ?? {}) as Record<string, unknown>;
  const segments = new Set(String(params.path ?? '').split('/').filter(Boolean).map((s) => decodeURIComponent(s)));
  const found = new Set<string>();
  for (const [k, v] of Object.entries(call.params)) {
    if (Object.hasOwn(query, k) || v === null || v === undefined) continue;
    if (segments.has(Array.isArray(v) ? v.join(',') : String(v))) found.add(k);
  }
  return found;
}

function reshape(params: AnyParams, call: PreparedCall): AnyParams {
  const pathParams = pathParameters(params, call);
  const querystring: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(call.params)) if (!pathParams.has(k) && v !== null && v !== undefined) querystring[k] = v;
  const out: AnyParams = { ...params, querystring };
  const bodies = call.bodies;
  if ('bulkBody' in params) {
    delete out.bulkBody;
    out.bulkBody = call.rawBody ?? bodies;
  } else {
    delete out.body;
    if (call.rawBody !== undefined) out.body = call.rawBody;
    else if (bodies && bodies.length === 1) out.body = bodies[0];
    else if (bodies && bodies.length > 1) out.body = bodies.map((b) => JSON.stringify(b)).join('\n') + '\n';
  }
  return out;
}

/**
 * A client of the given major for the harness. The 8.x client is typed as the 9.x one: the harness
 * uses only what both have (API methods by name, `transport.request` with `meta: true`).
 */
export function createClient(url: string, major: ClientMajor = '9'): Client {
  const common = { node: url, maxRetries: 0, requestTimeout: 60_000, compression: false };
  if (major === '8') return new Client8({ ...common, Transport: YamlTransport8 }) as unknown as Client;
  return new Client({ ...common, Transport: YamlTransport });
}

/** Which client a harness client is, for messages. */
export function clientName(client: Client): string {
  return client instanceof Client8 ? '@elastic/elasticsearch 8.x client (elasticsearch8)' : '@elastic/elasticsearch 9.x client';
}

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

type ApiMethod = (params: Record<string, unknown>, options: Record<string | symbol, unknown>) => Promise<unknown>;

/** `security.create_api_key` → the bound `client.security.createApiKey`, or null when the client has no such API. */
export function resolveApi(client: Client, api: string): ApiMethod | null {
  const parts = (API_ALIASES[api] ?? api).split('.').map(camel);
  let owner: unknown = client;
  for (const p of parts.slice(0, -1)) {
    owner = (owner as Record<string, unknown>)[p];
    if (owner === null || typeof owner !== 'object') return null;
  }
  const fn = (owner as Record<string, unknown>)[parts[parts.length - 1]];
  return typeof fn === 'function' ? (fn as ApiMethod).bind(owner) : null;
}

export async function callApi(client: Client, call: PreparedCall): Promise<CallResult> {
  const method = resolveApi(client, call.api);
  if (!method) return { kind: 'broken', message: `API [${call.api}] is not in the ${clientName(client)}` };
  const hooked: Hooked = { call, reached: false };
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(call.params)) if (v !== null && v !== undefined) params[k] = v;
  // The client requires a body argument for some APIs (bulk); the hook replaces it anyway.
  if (call.bodies !== undefined || call.rawBody !== undefined) params.body = call.rawBody ?? (call.bodies!.length === 1 ? call.bodies![0] : call.bodies);
  const options: Record<string | symbol, unknown> = { headers: call.headers, meta: true, [YAML_CALL]: hooked };
  if (call.ignore) options.ignore = call.ignore;
  try {
    const r = (await method(params, options)) as { statusCode: number | null; body: unknown; headers: Record<string, unknown> };
    if (!hooked.reached) return { kind: 'broken', message: `harness: the request for [${call.api}] did not pass the transport hook` };
    return { kind: 'response', response: { status: r.statusCode ?? 0, body: r.body, headers: r.headers ?? {} }, error: false };
  } catch (e) {
    return fromError(call.api, e);
  }
}

function fromError(api: string, e: unknown): CallResult {
  if (e instanceof errors.ResponseError || e instanceof errors8.ResponseError) {
    const response = { status: e.meta.statusCode ?? 0, body: e.meta.body, headers: (e.meta.headers ?? {}) as Record<string, unknown> };
    return { kind: 'response', response, error: true };
  }
  const meta = (e as { meta?: { statusCode?: number; body?: unknown; headers?: Record<string, unknown> } }).meta;
  const response = meta ? { status: meta.statusCode ?? 0, body: meta.body, headers: meta.headers ?? {} } : undefined;
  if (e instanceof errors.ProductNotSupportedError || e instanceof errors8.ProductNotSupportedError) {
    return { kind: 'broken', message: `[${api}] response lacks the header X-Elastic-Product: Elasticsearch, so the client rejects it`, response };
  }
  const name = (e as Error)?.name ?? 'Error';
  return { kind: 'broken', message: `[${api}] ${name}: ${(e as Error)?.message ?? String(e)}`, response };
}

/** The `Warning` header values of a response. */
export function warningHeaders(r: ApiResponse): string[] {
  const w = r.headers.warning;
  if (w === undefined || w === null) return [];
  return Array.isArray(w) ? w.map(String) : [String(w)];
}
