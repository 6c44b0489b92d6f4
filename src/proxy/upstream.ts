import type { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Pool, type Dispatcher } from 'undici';
import { EsError, illegalArgument } from '../core/errors.ts';
import type { Secret } from '../core/secret.ts';
import { flavorOfAnswer, plainMediaTypesFor, productOfRaw, type UpstreamFlavor } from './flavor.ts';
import { outboundHeaders, responseHeaders, serviceAuthorization } from './headers.ts';
import { REFUSAL_BODY_LIMIT, credentialRefusal, isConnectFailure, upstreamError } from './upstream-error.ts';

export interface UpstreamTlsSettings {
  /** PEM certificate authorities to trust (one or more concatenated); default: Node's bundled roots. */
  caPem?: string;
  /** Verify the upstream's certificate chain; default true. */
  rejectUnauthorized?: boolean;
  /** Verify that the certificate matches the host name (ES `verification_mode: full`); default true. */
  verifyHostname?: boolean;
}

export interface UpstreamSettings {
  /** Base URLs (scheme, host, port; no path, no credentials); requests go round-robin across them. */
  urls: string[];
  /** Optional service credential the gateway sends upstream (Basic), with `password`. */
  username?: string;
  password?: Secret;
  /** Optional service credential sent as `Authorization: ApiKey <apiKey>` (the encoded key). */
  apiKey?: Secret;
  connectTimeoutMs: number;
  /** Time to the first response byte. */
  headersTimeoutMs: number;
  /** Longest idle time between response body chunks. */
  bodyTimeoutMs: number;
  /** Connections per upstream URL. */
  connections: number;
  tls?: UpstreamTlsSettings;
  /** When true, proxied responses carry exactly one `X-elastic-product: Elasticsearch`. */
  addProductHeader?: boolean;
}

export const UPSTREAM_DEFAULTS = {
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 60_000,
  bodyTimeoutMs: 300_000,
  connections: 128,
} as const satisfies Partial<UpstreamSettings>;

export interface ForwardOptions {
  requestId: string;
  /**
   * The raw request body bytes (as received, still content-encoded) when the pipeline has already read
   * `req` (e.g. to authorize a bulk body). Sent instead of streaming `req`; content-length is recomputed.
   */
  body?: Buffer;
  /** The request target to send instead of `req.url` (the canonical, authorized one). */
  path?: string;
  /** Request headers to leave out (e.g. `content-encoding` of a body that was decoded). */
  dropHeaders?: readonly string[];
  /** Request headers to set (e.g. `content-type` of a body moved from the `source` parameter). */
  setHeaders?: Readonly<Record<string, string>>;
  /** `exchange` only: the longest answer body to read; a longer one is refused with `tooLarge(size)`. */
  maxAnswer?: { readonly bytes: number; readonly tooLarge: (size: number) => EsError };
  /** Told the upstream's status before anything of the answer reaches the client. */
  onResponse?: (status: number) => void;
}

/** A buffered upstream answer (for responses the gateway must read: item merges, scroll ids). */
export interface UpstreamReply {
  readonly status: number;
  /** Raw response headers, filtered for the client. */
  readonly headers: string[];
  readonly body: Buffer;
}

interface Target {
  readonly origin: string;
  readonly host: string;
  readonly dispatcher: Dispatcher;
}

/**
 * The upstream cluster: a keep-alive connection pool per URL and the streaming forwarder.
 * Request and response bodies are streamed with backpressure, never buffered whole.
 */
export class Upstream {
  readonly #targets: Target[];
  readonly #owned: Pool[] = [];
  readonly #authorization: Secret | undefined;
  readonly #addProductHeader: boolean;
  readonly #headersTimeout: number;
  readonly #bodyTimeout: number;
  #next = 0;
  #flavor: UpstreamFlavor | undefined;

  constructor(settings: UpstreamSettings, dispatcher?: Dispatcher) {
    if (settings.urls.length === 0) throw illegalArgument('upstream: at least one url is required');
    this.#authorization = serviceAuthorization(settings);
    this.#addProductHeader = settings.addProductHeader === true;
    this.#headersTimeout = settings.headersTimeoutMs;
    this.#bodyTimeout = settings.bodyTimeoutMs;
    this.#targets = settings.urls.map((raw) => {
      const url = parseUpstreamUrl(raw);
      const target = dispatcher ?? this.#pool(url, settings);
      return { origin: url.origin, host: url.host, dispatcher: target };
    });
  }

  /**
   * Streams `req` to the upstream and its response to `res`; resolves once the response is fully sent
   * (or the client went away). Throws an EsError only while nothing has been written to `res`; after the
   * response headers are sent, an upstream failure destroys the client connection instead.
   */
  async forward(req: IncomingMessage, res: ServerResponse, opts: ForwardOptions): Promise<void> {
    // opts.requestId is for logs; it is deliberately not sent upstream.
    const path = opts.path ?? req.url ?? '';
    if (path.charCodeAt(0) !== 0x2f /* / */) {
      throw new EsError('bad_request', 'only origin-form request targets (starting with "/") can be forwarded');
    }
    const method = req.method ?? 'GET';
    const streamed = opts.body === undefined && method !== 'HEAD' && hasBody(req);
    const clientGone = new ClientGone();
    const onClose = (): void => {
      if (!res.writableFinished) clientGone.abort();
    };
    res.on('close', onClose);
    try {
      for (let attempt = 1; ; attempt++) {
        const body = streamed ? bodyOf(req) : (opts.body ?? null);
        try {
          await this.#send(this.#pick(), method, path, req, body, res, clientGone, opts);
          return;
        } catch (err) {
          if (res.headersSent) {
            res.destroy(); // undici has already destroyed it; make sure the client sees the failure
            return;
          }
          if (clientGone.aborted || res.destroyed || res.socket?.destroyed === true) return; // nothing to render
          // Nothing reached an upstream that refused the connection: the next one may take the request.
          const retry = attempt < this.#targets.length && isConnectFailure(err) && !(streamed && req.readableDidRead);
          if (!retry) throw upstreamError(err);
        }
      }
    } finally {
      res.removeListener('close', onClose);
      if (streamed) drain(req);
    }
  }

  /**
   * The engine the upstream runs, once one of its answers has shown it (flavor.ts); undefined before. Learnt
   * from every answer until known: forwarded ones, buffered ones and the gateway's own requests.
   */
  get flavor(): UpstreamFlavor | undefined {
    return this.#flavor;
  }

  #learn(status: number, product: string | undefined): void {
    if (this.#flavor === undefined) this.#flavor = flavorOfAnswer(status, product);
  }

  /** Closes the pools this instance created (an injected dispatcher belongs to its owner). */
  async close(): Promise<void> {
    await Promise.all(this.#owned.map((pool) => (pool.closed || pool.destroyed ? undefined : pool.close())));
  }

  async #send(
    target: Target,
    method: string,
    path: string,
    req: IncomingMessage,
    body: AsyncIterable<Buffer> | Buffer | null,
    res: ServerResponse,
    signal: ClientGone,
    opts: ForwardOptions,
  ): Promise<void> {
    const addProductHeader = this.#addProductHeader;
    const headers = this.#headers(target, req, body, opts);
    let held: { status: number; headers: string[]; sink: Collector } | undefined;
    await target.dispatcher.stream(
      {
        origin: target.origin,
        method: method as Dispatcher.HttpMethod,
        path,
        headers,
        // undici accepts async iterables as bodies (documented), but its typings omit them.
        body: body as Dispatcher.DispatchOptions['body'],
        signal: signal as unknown as EventEmitter, // see ClientGone
        headersTimeout: this.#headersTimeout,
        bodyTimeout: this.#bodyTimeout,
        responseHeaders: 'raw',
      },
      ({ statusCode, headers }) => {
        opts.onResponse?.(statusCode);
        // With responseHeaders: 'raw' undici hands over the flat [name, value, …] list.
        if (this.#flavor === undefined) this.#learn(statusCode, productOfRaw(headers as unknown as string[]));
        const raw = responseHeaders(headers as unknown as string[], { addProductHeader });
        if (statusCode === 401 || statusCode === 403) {
          // Held back until it is known whether the upstream refused the gateway's own credential.
          held = { status: statusCode, headers: raw, sink: collector(REFUSAL_BODY_LIMIT) };
          return held.sink.stream;
        }
        res.writeHead(statusCode, raw);
        return res;
      },
    );
    if (!held) return;
    const refusal = credentialRefusal(held.status, held.sink.body());
    if (refusal) throw refusal;
    res.writeHead(held.status, held.headers);
    res.end(method === 'HEAD' ? undefined : held.sink.body());
  }

  #headers(target: Target, req: IncomingMessage, body: unknown, opts: ForwardOptions): Record<string, string | string[]> {
    const headers = outboundHeaders(req.headers, { host: target.host, authorization: this.#authorization, plainMediaTypes: plainMediaTypesFor(this.#flavor) });
    if (Buffer.isBuffer(body)) delete headers['content-length']; // undici sets it from the buffer
    for (const name of opts.dropHeaders ?? []) delete headers[name];
    Object.assign(headers, opts.setHeaders);
    return headers;
  }

  /**
   * Sends the request with a buffered body and reads the whole answer (identity-encoded). For the few
   * requests whose response the gateway must read; everything else is streamed by `forward`.
   */
  async exchange(req: IncomingMessage, opts: ForwardOptions & { path: string }): Promise<UpstreamReply> {
    const method = (req.method ?? 'GET') as Dispatcher.HttpMethod;
    const target = this.#pick();
    const headers = this.#headers(target, req, opts.body, { ...opts, dropHeaders: [...(opts.dropHeaders ?? []), 'accept-encoding'] });
    const request = {
      origin: target.origin,
      method,
      path: opts.path,
      headers,
      body: method === 'HEAD' ? null : (opts.body ?? null),
      headersTimeout: this.#headersTimeout,
      bodyTimeout: this.#bodyTimeout,
      responseHeaders: 'raw' as const,
    };
    try {
      if (opts.maxAnswer) {
        const r = await collect(target.dispatcher, request, opts.maxAnswer);
        this.#learn(r.status, productOfRaw(r.headers));
        return { status: r.status, headers: responseHeaders(r.headers, { addProductHeader: this.#addProductHeader }), body: r.body };
      }
      const r = await target.dispatcher.request(request);
      this.#learn(r.statusCode, productOfRaw(r.headers as unknown as string[]));
      const body = Buffer.from(await r.body.arrayBuffer());
      const refusal = credentialRefusal(r.statusCode, body);
      if (refusal) throw refusal;
      const raw = responseHeaders(r.headers as unknown as string[], { addProductHeader: this.#addProductHeader });
      return { status: r.statusCode, headers: raw, body };
    } catch (err) {
      throw err instanceof EsError ? err : upstreamError(err);
    }
  }

  /** A request of the gateway's own (index metadata, template rendering): only the service credential is sent. */
  async internal(method: string, path: string, body?: unknown): Promise<{ status: number; body: Buffer }> {
    const target = this.#pick();
    const headers: Record<string, string> = { host: target.host, accept: 'application/json' };
    if (this.#authorization !== undefined) headers.authorization = this.#authorization.reveal();
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      const r = await target.dispatcher.request({
        origin: target.origin,
        method: method as Dispatcher.HttpMethod,
        path,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        headersTimeout: this.#headersTimeout,
        bodyTimeout: this.#bodyTimeout,
      });
      const product = r.headers['x-elastic-product'];
      this.#learn(r.statusCode, Array.isArray(product) ? product[0] : product);
      const answer = Buffer.from(await r.body.arrayBuffer());
      const refusal = credentialRefusal(r.statusCode, answer);
      if (refusal) throw refusal;
      return { status: r.statusCode, body: answer };
    } catch (err) {
      throw upstreamError(err);
    }
  }

  #pick(): Target {
    const target = this.#targets[this.#next];
    this.#next = (this.#next + 1) % this.#targets.length;
    return target;
  }

  #pool(url: URL, settings: UpstreamSettings): Pool {
    const tls = settings.tls ?? {};
    const pool = new Pool(url.origin, {
      connections: settings.connections,
      headersTimeout: settings.headersTimeoutMs,
      bodyTimeout: settings.bodyTimeoutMs,
      connect: {
        timeout: settings.connectTimeoutMs,
        ...(tls.caPem === undefined ? {} : { ca: tls.caPem }),
        rejectUnauthorized: tls.rejectUnauthorized ?? true,
        ...(tls.verifyHostname === false ? { checkServerIdentity: () => undefined } : {}),
      },
    });
    this.#owned.push(pool);
    return pool;
  }
}

/**
 * Aborts the upstream request when the client goes away before the response is complete. undici takes any
 * object with `aborted`, `reason` and EventEmitter-style `on`/`once`/`removeListener` for 'abort' as its
 * `signal` (documented: "an EventEmitter or EventTarget"); this one holds just the listeners undici adds,
 * which on the hot path costs far less than an AbortController or a full EventEmitter.
 */
class ClientGone {
  aborted = false;
  reason: Error | undefined = undefined;
  #listeners: (() => void)[] = [];
  on(_event: 'abort', listener: () => void): this {
    this.#listeners.push(listener);
    return this;
  }
  once(event: 'abort', listener: () => void): this {
    return this.on(event, listener);
  }
  removeListener(_event: 'abort', listener: () => void): this {
    const i = this.#listeners.indexOf(listener);
    if (i >= 0) this.#listeners.splice(i, 1);
    return this;
  }
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = new Error('the client closed the connection');
    const listeners = this.#listeners;
    this.#listeners = [];
    for (const l of listeners) l();
  }
}

/**
 * The request body for undici, as an async iterable over `req` rather than `req` itself: undici destroys
 * a stream body when the exchange ends early, which leaves the client connection unusable; an iterable it
 * only stops pulling, and `drain` discards the rest, so the connection stays usable for the next request.
 */
function bodyOf(req: IncomingMessage): AsyncIterable<Buffer> {
  return { [Symbol.asyncIterator]: () => req.iterator({ destroyOnReturn: false }) };
}

/**
 * One exchange with the answer collected up to `max.bytes` (declared or received; past it the exchange is
 * aborted with `max.tooLarge`), through undici's handler interface: no body stream, the chunks kept as they come.
 */
function collect(dispatcher: Dispatcher, request: Dispatcher.DispatchOptions, max: NonNullable<ForwardOptions['maxAnswer']>): Promise<{ status: number; headers: string[]; body: Buffer }> {
  return new Promise((resolve, reject) => {
    let status = 0;
    let headers: string[] = [];
    const chunks: Buffer[] = [];
    let size = 0;
    let abort: (reason?: Error) => void = () => undefined;
    let refused: EsError | null = null;
    const refuse = (n: number): false => {
      refused ??= max.tooLarge(n);
      abort(refused);
      return false;
    };
    const handler: Dispatcher.DispatchHandler = {
      onConnect(a) {
        abort = a;
      },
      onHeaders(statusCode, raw) {
        if (statusCode < 200) return true; // an informational answer: the real one follows
        status = statusCode;
        headers = raw.map((b) => b.toString('latin1'));
        for (let i = 0; i < headers.length; i += 2) {
          if (headers[i].length === 14 && headers[i].toLowerCase() === 'content-length' && Number(headers[i + 1]) > max.bytes) return refuse(Number(headers[i + 1]));
        }
        return true;
      },
      onData(chunk) {
        size += chunk.length;
        if (size > max.bytes) return refuse(size);
        chunks.push(chunk);
        return true;
      },
      onComplete() {
        resolve({ status, headers, body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size) });
      },
      onError(err) {
        reject(refused ?? err);
      },
    };
    try {
      dispatcher.dispatch(request, handler);
    } catch (err) {
      reject(err);
    }
  });
}

/** Discards what the upstream did not read of the request body (as Node does for an unread body). */
function drain(req: IncomingMessage): void {
  if (req.complete || req.destroyed) return;
  // While undici's iterator still listens for 'readable', 'data' waits; it flows once that one stops.
  req.on('data', noop);
  req.resume();
}

function noop(): void {}

interface Collector {
  readonly stream: Writable;
  body(): Buffer;
}

/** A sink that keeps the first `limit` bytes of a (small, error) response body and discards the rest. */
function collector(limit: number): Collector {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (size < limit) chunks.push(chunk.subarray(0, limit - size));
      size += chunk.length;
      callback();
    },
  });
  return { stream, body: () => Buffer.concat(chunks) };
}

/** A request has a body when HTTP/1.1 framing says so (Node's parser already rejected ambiguous framing). */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return length !== '0' && Number(length) !== 0;
  return req.headers['transfer-encoding'] !== undefined;
}

function parseUpstreamUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw illegalArgument('upstream url is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw illegalArgument('upstream url must use http or https');
  }
  if (url.username !== '' || url.password !== '') {
    throw illegalArgument('upstream url must not contain credentials: use the username/password or api_key settings');
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    throw illegalArgument('upstream url must not have a path, query or fragment');
  }
  return url;
}
