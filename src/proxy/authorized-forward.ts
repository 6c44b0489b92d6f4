/**
 * Forwarding with authorization: the request target is made canonical, the body is read where the decision
 * depends on it (and then the bytes decided on are the bytes sent), the forward authorizer plans the request,
 * and the upstream answer is streamed — or, for item-level denials and scroll / point-in-time ids, read,
 * merged or recorded, and sent on.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzip, inflate, brotliDecompress } from 'node:zlib';
import { promisify } from 'node:util';
import type { Authentication } from '../core/authentication.ts';
import type { RequestInfo } from '../core/request.ts';
import { EsError } from '../core/errors.ts';
import { readAll } from '../lib/read-all.ts';
import { resolveRequestSliced } from '../authz/resolve/resolve.ts';
import { mergedAnswer, localAnswer, sendChunks } from './item-answers.ts';
import { RequestShapes, expressionsOf } from '../authz/resolve/shapes.ts';
import type { Resolution } from '../authz/resolve/types.ts';
import type { DeniedItem, ForwardAuthorizer, ForwardPlan } from '../authz/forward-authorizer.ts';
import { ownerKey, keepAliveMs } from '../authz/forward-contexts.ts';
import type { Upstream, UpstreamReply } from './upstream.ts';
import { answerTooLarge, checkAnswer, withheld } from './response-check.ts';
import { filteredAliasAnswer } from './alias-answer.ts';
import { renderSearchTemplate, type StoredTemplateLoader } from '../authz/dsl/template.ts';

const READABLE_TYPES = /^\s*(application\/(json|x-ndjson|vnd\.elasticsearch\+(json|x-ndjson))|text\/plain)\b/i;

export interface AuthorizedForwardOptions {
  readonly maxContentLength: number;
  /** The second line of defence on read APIs' answers (response-check.ts): on unless switched off (benchmarks only). */
  readonly responseCheck?: { readonly enabled: boolean; readonly maxBytes: number; readonly warn: (fields: Record<string, unknown>, message: string) => void };
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
  readonly #answers: AuthorizedForwardOptions['responseCheck'];
  readonly #shapes = new RequestShapes();

  constructor(upstream: Upstream, authorizer: ForwardAuthorizer, opts: AuthorizedForwardOptions) {
    this.#upstream = upstream;
    this.#authorizer = authorizer;
    this.#limit = opts.maxContentLength;
    this.#answers = opts.responseCheck;
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
      if (resolution.kind !== 'unresolved' && carriesBody(req)) {
        // The API takes no body: one that is not blank is refused (as ES does), never streamed unread.
        body = await this.#readBody(req, dropHeaders);
        if (!isBlank(body)) throw new EsError('illegal_argument', `request [${method} /${target.segments.join('/')}] does not support having a body`);
        body = Buffer.alloc(0);
      }
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
      resolution = await resolveRequestSliced({ method, segments: target.segments, query, body }, shape.match);
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
    const pretty = query.has('pretty') && query.get('pretty') !== 'false';
    if (plan.respond) {
      if (plan.respond.items) await sendChunks(req, res, plan.respond.status, replyHeaders(req), localAnswer(plan.respond.items, pretty));
      else sendJsonReply(req, res, plan.respond.status, plan.respond.body, undefined);
      return;
    }
    // What is sent is what was authorized: the checked value, re-serialized (never the bytes received).
    // Undeclared endpoints (cluster `all` only) are sent as received.
    const outBody = plan.body ?? (shape.resolved || resolution.kind === 'unresolved' ? body : serialized(resolution));
    // A change of indices or aliases is made visible before the client can read the answer and send the next request.
    const onResponse = plan.changesMetadata ? (status: number) => status < 300 && this.#authorizer.invalidateMetadata() : undefined;
    const options = { requestId: info.id, path: plan.path, body: outBody, dropHeaders, setHeaders, onResponse };
    const check = this.#answers?.enabled === false ? undefined : plan.checkResponse;
    if (plan.filterAliases) {
      const reply = await this.#upstream.exchange(req, { ...options, maxAnswer: this.#answerLimit });
      if (reply.status !== 200) return sendRaw(req, res, reply.status, reply.headers, reply.body, true);
      const filtered = filteredAliasAnswer(reply, plan.filterAliases, this.#answerLimit.bytes, pretty);
      return sendRaw(req, res, reply.status, withoutEncoding(reply.headers), filtered);
    }
    if (plan.merge || plan.capture || check) {
      const maxAnswer = check ? this.#answerLimit : undefined;
      const reply = await this.#upstream.exchange(req, { ...options, maxAnswer });
      if (check) await this.#checkAnswer(check, reply, info.id, auth, onDecision);
      this.#after(plan, reply.status, auth, query, resolution, reply.body);
      const merged = plan.merge && reply.status === 200 ? await mergedAnswer(reply.body, plan.merge, pretty) : null;
      if (merged) await sendChunks(req, res, reply.status, withoutLength(reply.headers), merged);
      else sendRaw(req, res, reply.status, reply.headers, reply.body, true);
      return;
    }
    await this.#upstream.forward(req, res, options);
    this.#after(plan, res.statusCode, auth, query, resolution, null);
  }

  get #answerLimit(): { bytes: number; tooLarge: (size: number) => EsError } {
    const bytes = this.#answers?.maxBytes ?? this.#limit;
    return { bytes, tooLarge: (size) => answerTooLarge(size, bytes) };
  }

  /** Withholds (403, audited as access_denied, logged without content) an answer naming indices beyond the request's. */
  async #checkAnswer(check: NonNullable<ForwardPlan['checkResponse']>, reply: UpstreamReply, requestId: string, auth: Authentication, onDecision: OnDecision): Promise<void> {
    const verdict = await checkAnswer(check, reply, this.#answerLimit.bytes);
    if (verdict.ok) return;
    const refused = 'refused' in verdict ? verdict.refused : [];
    this.#answers?.warn({ requestId, action: check.action, indices: refused, unreadable: 'unreadable' in verdict ? verdict.unreadable : undefined, status: reply.status, bytes: reply.body.length }, 'upstream answer withheld by the response check');
    onDecision(check.action, refused, false);
    throw withheld(auth, check, verdict);
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
    let raw = await readAll(req, this.#limit, bodyErrors(this.#limit));
    const encoding = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding !== 'identity' && encoding !== '') {
      raw = await decode(raw, encoding, this.#limit);
      dropHeaders.push('content-encoding');
    }
    const type = req.headers['content-type'];
    if (raw.length > 0 && type !== undefined && !READABLE_TYPES.test(type)) {
      throw new EsError('unsupported_media_type', `Content-Type header [${type}] is not supported`, { status: 406 });
    }
    return raw;
  }
}

function carriesBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) !== 0;
  return req.headers['transfer-encoding'] !== undefined;
}

function isBlank(b: Buffer): boolean {
  for (const c of b) if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return false;
  return true;
}

/** The checked JSON body as sent upstream (an empty body when there was none). */
function serialized(r: Resolution): Buffer {
  return r.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(r.body));
}

const inflaters = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
} as const;

/** Decompressed off the event loop (zlib's thread pool), never past the limit. */
async function decode(raw: Buffer, encoding: string, limit: number): Promise<Buffer> {
  const inflate = Object.hasOwn(inflaters, encoding) ? inflaters[encoding as keyof typeof inflaters] : undefined;
  try {
    if (inflate) return await inflate(raw, { maxOutputLength: limit });
  } catch {
    throw new EsError('bad_request', `the request body could not be decoded with content-encoding [${encoding}]`);
  }
  throw new EsError('unsupported_media_type', `Content-Encoding [${encoding}] is not supported`, { status: 415 });
}

/** The errors of a bounded body read (ES's 413, and a body longer than its declared length). */
export function bodyErrors(limit: number): { tooLarge: (size: number) => EsError; overLength: (declared: number) => EsError } {
  return {
    tooLarge: (size) => tooLarge(size, limit),
    overLength: (declared) => new EsError('bad_request', `the request body is longer than its content-length [${declared}]`),
  };
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

/** `upstreamBytes`: the payload is the upstream's own body, sent with its content-encoding. */
function sendRaw(req: IncomingMessage, res: ServerResponse, status: number, headers: readonly string[], payload: Buffer, upstreamBytes = false): void {
  const out: string[] = [];
  for (let i = 0; i < headers.length; i += 2) {
    const name = headers[i].toLowerCase();
    if (!SKIP.has(name) || (upstreamBytes && name === 'content-encoding')) out.push(headers[i], headers[i + 1]);
  }
  out.push('content-length', String(payload.length));
  res.writeHead(status, out);
  res.end(req.method === 'HEAD' ? undefined : payload);
}

function replyHeaders(req: IncomingMessage): string[] {
  const headers = ['content-type', 'application/json', 'X-elastic-product', 'Elasticsearch'];
  const opaque = req.headers['x-opaque-id'];
  if (typeof opaque === 'string') headers.push('X-Opaque-Id', opaque);
  return headers;
}

function withoutEncoding(headers: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < headers.length; i += 2) if (headers[i].toLowerCase() !== 'content-encoding') out.push(headers[i], headers[i + 1]);
  return out;
}

function withoutLength(headers: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < headers.length; i += 2) if (!SKIP.has(headers[i].toLowerCase())) out.push(headers[i], headers[i + 1]);
  return out;
}

function sendJsonReply(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, _h: undefined): void {
  const q = new URL(req.url ?? '/', 'http://x').searchParams.get('pretty');
  const payload = Buffer.from(JSON.stringify(body, null, q !== null && q !== 'false' ? 2 : undefined));
  const headers = ['content-type', 'application/json', 'X-elastic-product', 'Elasticsearch'];
  const opaque = req.headers['x-opaque-id'];
  if (typeof opaque === 'string') headers.push('X-Opaque-Id', opaque);
  sendRaw(req, res, status, headers, payload);
}

/** Hidden aliases (`is_hidden`): `_resolve/index` does not mark them, and wildcards skip them as they skip hidden indices. */
const HIDDEN_ALIASES = '/_alias?expand_wildcards=all&filter_path=*.aliases.*.is_hidden';
const PIPELINE_SETTINGS =
  '/_settings/index.default_pipeline,index.final_pipeline?expand_wildcards=all&filter_path=*.settings.index.default_pipeline,*.settings.index.final_pipeline';

/**
 * The upstream calls index authorization makes for itself: metadata (indices, aliases, data streams, and the
 * default / final pipelines of the indices that set one) and search template rendering.
 */
export function upstreamMetadataFetch(upstream: Upstream): () => Promise<unknown> {
  return async () => {
    const [r, s, h] = await Promise.all([upstream.internal('GET', '/_resolve/index/*?expand_wildcards=all'), upstream.internal('GET', PIPELINE_SETTINGS), upstream.internal('GET', HIDDEN_ALIASES)]);
    if (r.status !== 200) throw new EsError('upstream_unavailable', `the upstream cluster did not list its indices (status ${r.status})`);
    if (s.status !== 200) throw new EsError('upstream_unavailable', `the upstream cluster did not list its index pipelines (status ${s.status})`);
    if (h.status !== 200) throw new EsError('upstream_unavailable', `the upstream cluster did not list its aliases (status ${h.status})`);
    return { ...JSON.parse(r.body.toString('utf8')), index_settings: JSON.parse(s.body.toString('utf8')), hidden_aliases: JSON.parse(h.body.toString('utf8')) };
  };
}

/** An ingest pipeline's definition (`GET /_ingest/pipeline/{id}`), null when there is none. */
export function upstreamPipelineFetch(upstream: Upstream): (id: string) => Promise<unknown | null> {
  return async (id) => {
    const r = await upstream.internal('GET', `/_ingest/pipeline/${encodeURIComponent(id)}`);
    if (r.status === 404) return null;
    if (r.status !== 200) throw new EsError('upstream_unavailable', `the upstream cluster did not return the pipeline (status ${r.status})`);
    const json = JSON.parse(r.body.toString('utf8')) as Record<string, unknown>;
    return json[id] ?? null;
  };
}

/**
 * Search templates are rendered here (authz/dsl/template.ts), never upstream: the rendered search is what is
 * authorized and sent. Stored templates are read from the upstream (`GET /_scripts/{id}`).
 */
export function upstreamTemplateRenderer(upstream: Upstream): (template: unknown) => Promise<Record<string, unknown>> {
  return (template) => renderSearchTemplate(template, upstreamStoredTemplates(upstream));
}

export function upstreamStoredTemplates(upstream: Upstream): StoredTemplateLoader {
  return async (id) => {
    const r = await upstream.internal('GET', `/_scripts/${encodeURIComponent(id)}`);
    const json = parseJson(r.body) as { found?: boolean; script?: { lang?: string; source?: unknown } } | null;
    if (r.status === 404 || json?.found === false) throw new EsError('not_found', `unable to find script [${id}] in cluster state`);
    if (r.status !== 200 || !json?.script) throw new EsError('upstream_unavailable', `the upstream cluster did not return the stored script [${id}] (status ${r.status})`);
    if (json.script.lang !== 'mustache') throw new EsError('illegal_argument', `stored script [${id}] is not a search template (lang [${json.script.lang}])`);
    const source = json.script.source;
    return typeof source === 'string' ? source : JSON.stringify(source);
  };
}
