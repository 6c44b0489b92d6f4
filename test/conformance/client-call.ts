/**
 * Calls an API named as in the YAML tests (`security.create_api_key`) through the official
 * JavaScript client (`client.security.createApiKey`). The client builds the method and path from
 * the named parameters; a small transport hook then makes the request carry exactly what the YAML
 * step says: every parameter that is not a path part goes to the query string, and the body is the
 * step's body (the client alone would move unknown parameters into the body).
 */
import { Client, SniffingTransport, errors } from '@elastic/elasticsearch';

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

class YamlTransport extends SniffingTransport {
  override request(params: any, options?: any): Promise<any> {
    const hooked = options?.[YAML_CALL] as Hooked | undefined;
    if (hooked) {
      hooked.reached = true;
      params = reshape(params as AnyParams, hooked.call);
    }
    return super.request(params, options);
  }
}

function reshape(params: AnyParams, call: PreparedCall): AnyParams {
  const pathParams = new Set(params.meta?.acceptedParams?.path ?? []);
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

export function createClient(url: string): Client {
  return new Client({
    node: url,
    Transport: YamlTransport,
    maxRetries: 0,
    requestTimeout: 60_000,
    compression: false,
  });
}

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

type ApiMethod = (params: Record<string, unknown>, options: Record<string | symbol, unknown>) => Promise<unknown>;

/** `security.create_api_key` → the bound `client.security.createApiKey`, or null when the client has no such API. */
export function resolveApi(client: Client, api: string): ApiMethod | null {
  const parts = api.split('.').map(camel);
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
  if (!method) return { kind: 'broken', message: `API [${call.api}] is not in the @elastic/elasticsearch 9.x client` };
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
  if (e instanceof errors.ResponseError) {
    const response = { status: e.meta.statusCode ?? 0, body: e.meta.body, headers: (e.meta.headers ?? {}) as Record<string, unknown> };
    return { kind: 'response', response, error: true };
  }
  const meta = (e as { meta?: { statusCode?: number; body?: unknown; headers?: Record<string, unknown> } }).meta;
  const response = meta ? { status: meta.statusCode ?? 0, body: meta.body, headers: meta.headers ?? {} } : undefined;
  if (e instanceof errors.ProductNotSupportedError) {
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
