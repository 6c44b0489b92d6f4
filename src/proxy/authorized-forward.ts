/**
 * Forwarding with authorization: the request target is made canonical, the body is read where the decision
 * depends on it (and then the bytes decided on are the bytes sent), the forward authorizer plans the request,
 * and the upstream answer is streamed — or, for item-level denials and scroll / point-in-time ids, read,
 * merged or recorded, and sent on.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzipSync, inflateSync, brotliDecompressSync } from 'node:zlib';
import type { Authentication } from '../core/authentication.ts';
import type { RequestInfo } from '../core/request.ts';
import { EsError } from '../core/errors.ts';
import { resolveRequest } from '../authz/resolve/resolve.ts';
import { RequestShapes, expressionsOf } from '../authz/resolve/shapes.ts';
import type { Resolution } from '../authz/resolve/types.ts';
import type { DeniedItem, ForwardAuthorizer, ForwardPlan } from '../authz/forward-authorizer.ts';
import { ownerKey, keepAliveMs } from '../authz/forward-contexts.ts';
import type { Upstream } from './upstream.ts';

const READABLE_TYPES = /^\s*(application\/(json|x-ndjson|vnd\.elasticsearch\+(json|x-ndjson))|text\/plain)\b/i;

export interface AuthorizedForwardOptions {
  readonly maxContentLength: number;
}

/** Called with the resolved action before the forward decision (the run-as check, for run-as requests only). */
export type BeforeAuthorize = (action: string) => Promise<void>;
/** Told of each forward decision (for the audit trail): the action, the index expressions, allowed or not. */
export type OnDecision = (action: string, indices: readonly string[], allowed: boolean) => void;
/** Told of the items refused inside an allowed `_bulk`, `_mget` or `_msearch` (for the audit trail). */
export type OnItemsDenied = (items: readonly DeniedItem[]) => void;

export class AuthorizedForwarder {
  readonly #upstream: Upstream;
  readonly #authorizer: ForwardAuthorizer;
  readonly #limit: number;
  readonly #shapes = new RequestShapes();

  constructor(upstream: Upstream, authorizer: ForwardAuthorizer, opts: AuthorizedForwardOptions) {
    this.#upstream = upstream;
    this.#authorizer = authorizer;
    this.#limit = opts.maxContentLength;
  }

  /** Resolves, authorizes and forwards one request (the body is read only where the decision depends on it). */
  async forward(
    req: IncomingMessage,
    res: ServerResponse,
    info: RequestInfo,
    auth: Authentication,
    beforeAuthorize: BeforeAuthorize | undefined,
    onDecision: OnDecision = () => undefined,
    onItemsDenied: OnItemsDenied = () => undefined,
  ): Promise<void> {
    const method = info.method;
    const shape = this.#shapes.of(method, req.url ?? '/');
    const { target } = shape;
    let query = target.query;
    let canonical: string | undefined = shape.canonical;
    const dropHeaders: string[] = [];
    const setHeaders: Record<string, string> = {};
    let body: Buffer | undefined;
    let resolution: Resolution;
    let indices: readonly string[];
    if (shape.resolved) {
      ({ resolution, indices } = shape.resolved);
    } else {
      body = await this.#readBody(req, dropHeaders);
      const source = query.get('source');
      if (source !== undefined) {
        // ES reads a body from `source` when there is none: the gateway sends it as the body.
        if (body.length === 0) {
          body = Buffer.from(source, 'utf8');
          setHeaders['content-type'] = shape.kind === 'ndjson' ? 'application/x-ndjson' : 'application/json';
        }
        const rest = new Map(query);
        rest.delete('source');
        rest.delete('source_content_type');
        query = rest;
        canonical = undefined;
      }
      resolution = resolveRequest({ method, segments: target.segments, query, body }, shape.match);
      indices = expressionsOf(resolution);
    }
    if (beforeAuthorize) await beforeAuthorize(resolution.action);
    let plan;
    try {
      plan = await this.#authorizer.plan(auth, { method, segments: target.segments, query, canonical, shared: shape.resolved !== undefined }, resolution, resolution.body);
    } catch (e) {
      if (e instanceof EsError && e.status === 403) onDecision(resolution.action, indices, false);
      throw e;
    }
    onDecision(resolution.action, indices, true);
    if (plan.deniedItems) onItemsDenied(plan.deniedItems);
    if (plan.respond) {
      sendJsonReply(req, res, plan.respond.status, plan.respond.body, undefined);
      return;
    }
    const outBody = plan.body ?? body;
    // A change of indices or aliases is made visible before the client can read the answer and send the next request.
    const onResponse = plan.changesMetadata ? (status: number) => status < 300 && this.#authorizer.invalidateMetadata() : undefined;
    const options = { requestId: info.id, path: plan.path, body: outBody, dropHeaders, setHeaders, onResponse };
    if (plan.merge || plan.capture) {
      const reply = await this.#upstream.exchange(req, options);
      this.#after(plan, reply.status, auth, query, resolution, reply.body);
      let payload = reply.body;
      if (plan.merge && reply.status === 200) {
        const merged = plan.merge(parseJson(reply.body));
        payload = Buffer.from(JSON.stringify(merged, null, query.has('pretty') && query.get('pretty') !== 'false' ? 2 : undefined));
      }
      sendRaw(req, res, reply.status, reply.headers, payload);
      return;
    }
    await this.#upstream.forward(req, res, options);
    this.#after(plan, res.statusCode, auth, query, resolution, null);
  }

  #after(plan: ForwardPlan, status: number, auth: Authentication, query: ReadonlyMap<string, string>, r: Resolution, body: Buffer | null): void {
    if (status >= 300) return;
    if (plan.changesMetadata) this.#authorizer.invalidateMetadata();
    const contexts = this.#authorizer.contexts;
    for (const id of plan.releases) contexts.release(id);
    if (plan.capture && body) {
      const json = parseJson(body) as Record<string, unknown> | null;
      if (!json || typeof json !== 'object') return;
      const owner = ownerKey(auth);
      const ttl = keepAliveMs(query.get('scroll') ?? query.get('keep_alive') ?? (plan.capture === 'scroll' && r.scrollIds ? '24h' : undefined));
      for (const key of plan.capture === 'scroll' ? ['_scroll_id', 'cursor'] : ['pit_id', 'id']) {
        const id = json[key];
        if (typeof id === 'string') contexts.register(owner, id, ttl);
      }
    }
  }

  async #readBody(req: IncomingMessage, dropHeaders: string[]): Promise<Buffer> {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > this.#limit) throw tooLarge(declared, this.#limit);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > this.#limit) throw tooLarge(size, this.#limit);
      chunks.push(chunk as Buffer);
    }
    let raw: Buffer = Buffer.concat(chunks);
    const encoding = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding !== 'identity' && encoding !== '') {
      raw = decode(raw, encoding, this.#limit);
      dropHeaders.push('content-encoding');
    }
    const type = req.headers['content-type'];
    if (raw.length > 0 && type !== undefined && !READABLE_TYPES.test(type)) {
      throw new EsError('unsupported_media_type', `Content-Type header [${type}] is not supported`, { status: 406 });
    }
    return raw;
  }
}

function decode(raw: Buffer, encoding: string, limit: number): Buffer {
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(raw, { maxOutputLength: limit });
    if (encoding === 'deflate') return inflateSync(raw, { maxOutputLength: limit });
    if (encoding === 'br') return brotliDecompressSync(raw, { maxOutputLength: limit });
  } catch {
    throw new EsError('bad_request', `the request body could not be decoded with content-encoding [${encoding}]`);
  }
  throw new EsError('unsupported_media_type', `Content-Encoding [${encoding}] is not supported`, { status: 415 });
}

function tooLarge(size: number, limit: number): EsError {
  return new EsError('request_too_large', `Request content-length [${size}] exceeds the limit of [${limit}] bytes`);
}

function parseJson(b: Buffer): unknown {
  try {
    return JSON.parse(b.toString('utf8'));
  } catch {
    return null;
  }
}

const SKIP = new Set(['content-length', 'content-encoding', 'transfer-encoding']);

function sendRaw(req: IncomingMessage, res: ServerResponse, status: number, headers: readonly string[], payload: Buffer): void {
  const out: string[] = [];
  for (let i = 0; i < headers.length; i += 2) if (!SKIP.has(headers[i].toLowerCase())) out.push(headers[i], headers[i + 1]);
  out.push('content-length', String(payload.length));
  res.writeHead(status, out);
  res.end(req.method === 'HEAD' ? undefined : payload);
}

function sendJsonReply(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, _h: undefined): void {
  const q = new URL(req.url ?? '/', 'http://x').searchParams.get('pretty');
  const payload = Buffer.from(JSON.stringify(body, null, q !== null && q !== 'false' ? 2 : undefined));
  const headers = ['content-type', 'application/json', 'X-elastic-product', 'Elasticsearch'];
  const opaque = req.headers['x-opaque-id'];
  if (typeof opaque === 'string') headers.push('X-Opaque-Id', opaque);
  sendRaw(req, res, status, headers, payload);
}

/** The upstream calls index authorization makes for itself: metadata and search template rendering. */
export function upstreamMetadataFetch(upstream: Upstream): () => Promise<unknown> {
  return async () => {
    const r = await upstream.internal('GET', '/_resolve/index/*?expand_wildcards=all');
    if (r.status !== 200) throw new EsError('upstream_unavailable', `the upstream cluster did not list its indices (status ${r.status})`);
    return JSON.parse(r.body.toString('utf8'));
  };
}

export function upstreamTemplateRenderer(upstream: Upstream): (template: unknown) => Promise<unknown> {
  return async (template) => {
    const r = await upstream.internal('POST', '/_render/template', template);
    const json = parseJson(r.body) as { template_output?: unknown; error?: { type?: string; reason?: string } } | null;
    if (r.status !== 200 || !json) {
      const reason = json?.error?.reason ?? 'the search template could not be rendered';
      throw new EsError('illegal_argument', reason, { status: r.status >= 400 && r.status < 500 ? r.status : 400, type: json?.error?.type });
    }
    return json.template_output;
  };
}
