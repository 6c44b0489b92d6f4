/**
 * Test helpers for the proxy tests (not used by production code): real `node:http` servers on
 * 127.0.0.1:0 as upstream doubles, a minimal gateway around `Upstream.forward`, and a raw client.
 */
import { createServer, request as httpRequest, type Agent, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dispatcher } from 'undici';
import { isEsError } from '../core/errors.ts';
import { UPSTREAM_DEFAULTS, Upstream, type UpstreamSettings } from './upstream.ts';

export interface Listening {
  readonly server: Server;
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function listen(handler: RequestListener): Promise<Listening> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What `forward` did for one request: resolved, or threw (the gateway rendered the error). */
export type Outcome = { readonly ok: true } | { readonly ok: false; readonly error: unknown };

export interface Gateway extends Listening {
  readonly upstream: Upstream;
  readonly outcomes: Outcome[];
  /** Resolves with the next outcome recorded. */
  nextOutcome(): Promise<Outcome>;
}

/** A minimal gateway: every request is forwarded; an EsError is rendered in ES's shape, as http/ will. */
export async function startGateway(
  settings: Partial<UpstreamSettings> & Pick<UpstreamSettings, 'urls'>,
  dispatcher?: Dispatcher,
): Promise<Gateway> {
  const upstream = new Upstream({ ...UPSTREAM_DEFAULTS, ...settings }, dispatcher);
  const outcomes: Outcome[] = [];
  const waiters: ((o: Outcome) => void)[] = [];
  const record = (o: Outcome): void => {
    outcomes.push(o);
    waiters.shift()?.(o);
  };
  const listening = await listen((req, res) => {
    upstream.forward(req, res, { requestId: 'test' }).then(
      () => record({ ok: true }),
      (error: unknown) => {
        record({ ok: false, error });
        const status = isEsError(error) ? error.status : 500;
        const type = isEsError(error) ? error.type : 'exception';
        const reason = error instanceof Error ? error.message : String(error);
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { type, reason }, status }));
      },
    );
  });
  return {
    ...listening,
    upstream,
    outcomes,
    nextOutcome: () => new Promise<Outcome>((resolve) => waiters.push(resolve)),
    close: async () => {
      await listening.close();
      await upstream.close();
    },
  };
}

export interface ClientResponse {
  readonly status: number;
  /** Local port of the client connection: equal ports mean the connection was reused. */
  readonly localPort: number;
  readonly headers: IncomingMessage['headers'];
  readonly rawHeaders: string[];
  readonly body: Buffer;
}

export interface ClientOptions {
  method?: string;
  path?: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  /** A keep-alive agent to reuse connections; default: a fresh connection per request. */
  agent?: Agent;
}

/** One request on a fresh connection; rejects if the connection fails or the response is cut off. */
export function send(base: string, options: ClientOptions = {}): Promise<ClientResponse> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    const headers = { ...options.headers };
    if (options.body !== undefined && headers['transfer-encoding'] === undefined) {
      headers['content-length'] ??= String(Buffer.byteLength(options.body));
    }
    // host/port/path given apart so the client sends the path byte for byte (no URL normalisation).
    const req = httpRequest(
      { hostname, port, path: options.path ?? '/', method: options.method ?? 'GET', headers, agent: options.agent ?? false },
      (res) => {
        const chunks: Buffer[] = [];
        const localPort = res.socket.localPort ?? 0;
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('aborted', () => reject(new Error('response aborted')));
        res.on('end', () => {
          if (!res.complete) return reject(new Error('response incomplete'));
          const { statusCode: status = 0, headers, rawHeaders } = res;
          resolve({ status, localPort, headers, rawHeaders, body: Buffer.concat(chunks) });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Resolves when `emitter` emits `event` (first argument), or rejects after `ms`. */
export function once<T = unknown>(emitter: NodeJS.EventEmitter, event: string, ms = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for '${event}'`)), ms);
    emitter.once(event, (value: T) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const l = await listen(() => {});
  await l.close();
  return l.port;
}
